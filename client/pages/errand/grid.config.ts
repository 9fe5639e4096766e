export default definePageConfig({ navigationBarTitleText: '跑腿督办', enablePullDownRefresh: true })
