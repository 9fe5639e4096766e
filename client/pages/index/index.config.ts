export default definePageConfig({
  navigationBarTitleText: '复工通',
  enablePullDownRefresh: true,
})
