// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { View } from '@tarojs/components'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { ApiKeys } from './parts/ApiKeys'
import { WebhookSettings } from './parts/Webhook'
import './manage.scss'

const DISTRICT_KEYS_LEAD =
  '区级的系统用密钥取全区各街道每天的数字（每个街道一行）：GET /api/export/daily?date=日期（加 format=csv 为表格），请求头 X-Api-Key。街道管理员看不到、也不能作废区级的密钥；每次取数都记入操作日志。'

/** 数据上报 for district staff: the district's API keys for the daily export, and its daily push. */
function ReportingPage() {
  return (
    <PageShell className="mg-page">
      <AccountGate action={['admin', 'webhook']}>
        {() => (
          <View className="mg-data">
            <ApiKeys lead={DISTRICT_KEYS_LEAD} />
            <WebhookSettings />
          </View>
        )}
      </AccountGate>
    </PageShell>
  )
}

export default ReportingPage
