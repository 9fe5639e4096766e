export default definePageConfig({
  navigationBarTitleText: '复工申请',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
