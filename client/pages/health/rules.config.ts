export default definePageConfig({ navigationBarTitleText: '筛查规则' })
