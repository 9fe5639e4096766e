export default definePageConfig({
  navigationBarTitleText: '防疫物资',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
