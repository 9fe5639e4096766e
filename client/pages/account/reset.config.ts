export default definePageConfig({
  navigationBarTitleText: '用重置码设置新密码',
})
