export default definePageConfig({
  navigationBarTitleText: '邀请管理',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
