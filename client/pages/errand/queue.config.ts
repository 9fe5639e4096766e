export default definePageConfig({ navigationBarTitleText: '跑腿接单', enablePullDownRefresh: true })
