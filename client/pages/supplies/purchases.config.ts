export default definePageConfig({
  navigationBarTitleText: '协助采购',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
