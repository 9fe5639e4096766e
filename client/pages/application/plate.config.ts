export default definePageConfig({
  navigationBarTitleText: '复工公示牌',
})
