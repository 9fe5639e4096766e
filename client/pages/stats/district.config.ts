export default definePageConfig({
  navigationBarTitleText: '全区汇总',
  enablePullDownRefresh: true,
})
