export default definePageConfig({ navigationBarTitleText: '员工健康证', enablePullDownRefresh: true })
