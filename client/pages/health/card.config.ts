export default definePageConfig({ navigationBarTitleText: '我的隔离卡', enablePullDownRefresh: true })
