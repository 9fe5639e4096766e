export default definePageConfig({
  navigationBarTitleText: '社区与网格',
  enablePullDownRefresh: true,
})
