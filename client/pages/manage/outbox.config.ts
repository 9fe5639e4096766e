export default definePageConfig({
  navigationBarTitleText: '微信消息记录',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
})
