export default definePageConfig({ navigationBarTitleText: '一日两检', enablePullDownRefresh: true })
