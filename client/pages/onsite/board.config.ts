export default definePageConfig({ navigationBarTitleText: '一日两检看板', enablePullDownRefresh: true })
