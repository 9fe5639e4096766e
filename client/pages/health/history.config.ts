export default definePageConfig({ navigationBarTitleText: '隔离记录', enablePullDownRefresh: true })
