export default definePageConfig({ navigationBarTitleText: '代购垫付台账', enablePullDownRefresh: true })
