export default definePageConfig({
  navigationBarTitleText: '审核队列',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
