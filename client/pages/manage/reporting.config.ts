export default definePageConfig({
  navigationBarTitleText: '数据上报',
})
