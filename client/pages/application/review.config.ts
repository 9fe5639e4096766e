export default definePageConfig({
  navigationBarTitleText: '复工审核',
})
