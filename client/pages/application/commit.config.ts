export default definePageConfig({
  navigationBarTitleText: '三方承诺',
  enablePullDownRefresh: true,
  // The owner sends the page to the community's grid worker to sign.
  enableShareAppMessage: true,
})
