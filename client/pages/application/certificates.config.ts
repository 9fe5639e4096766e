export default definePageConfig({ navigationBarTitleText: '健康证', enablePullDownRefresh: true })
