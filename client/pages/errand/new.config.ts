export default definePageConfig({ navigationBarTitleText: '发起跑腿代购' })
