export default definePageConfig({
  navigationBarTitleText: '复工申请表',
})
