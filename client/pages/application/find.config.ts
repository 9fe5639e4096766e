export default definePageConfig({
  navigationBarTitleText: '复工签署与检查',
})
