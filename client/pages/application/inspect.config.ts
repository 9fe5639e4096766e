export default definePageConfig({
  navigationBarTitleText: '回头看检查',
})
