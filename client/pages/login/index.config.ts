export default definePageConfig({
  navigationBarTitleText: '登录复工通',
  // The blue hero is the header of this page.
  navigationStyle: 'custom',
})
