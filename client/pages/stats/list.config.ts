export default definePageConfig({
  navigationBarTitleText: '统计明细',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
})
