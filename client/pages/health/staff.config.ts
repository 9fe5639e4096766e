export default definePageConfig({ navigationBarTitleText: '员工健康', enablePullDownRefresh: true })
