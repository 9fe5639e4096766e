export default definePageConfig({
  navigationBarTitleText: '重点人员',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
