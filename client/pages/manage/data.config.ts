export default definePageConfig({
  navigationBarTitleText: '备份与数据上报',
  enablePullDownRefresh: true,
})
