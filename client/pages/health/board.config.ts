export default definePageConfig({ navigationBarTitleText: '隔离报备看板', enablePullDownRefresh: true })
