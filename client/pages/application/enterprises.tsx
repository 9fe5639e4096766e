// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Plus, Store } from '@nutui/icons-react-taro'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ENTERPRISE_KIND_LABELS } from '../../../shared/enterprise'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { applicationApi } from '../../services/application'
import type { Reply } from '../../services/api'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { openPage } from '../../utils/nav'
import { useRemote } from '../../utils/useRemote'
import { latestByEnterprise, ownerNextStep } from './parts/next'
import { StatusTag } from './parts/StatusTag'
import './parts/parts.scss'
import './enterprises.scss'

type Application = Reply<'application', 'get'>['application']
type Enterprise = Reply<'application', 'get'>['enterprise']

function EnterpriseCard({ e, app }: { e: Enterprise; app?: Application }) {
  const next = ownerNextStep(e, app)
  return (
    <View
      className="card ent-card"
      data-testid="enterprise-card"
      onClick={() => openPage(pageUrl(APP_PAGES.enterprise, { id: e._id }))}
    >
      <View className="ent-card__head">
        <View className="ent-card__icon">
          <Store size={22} color="#1f6fd8" />
        </View>
        <View className="ent-card__who">
          <View className="ent-card__name">{e.name}</View>
          <View className="ent-card__code">{e.creditCode}</View>
        </View>
        <Tag className="ent-card__kind" background="#eef1f5" color="#4a5468">
          {ENTERPRISE_KIND_LABELS[e.kind]}
        </Tag>
      </View>
      <View className="ent-card__addr">{e.address}</View>
      <View className="ent-card__foot">
        <View className="ent-card__status">
          <Text className="ent-card__status-label">复工申请</Text>
          {app ? <StatusTag status={app.status} /> : <Text className="ent-card__none">尚未申请</Text>}
        </View>
        <Button
          size="small"
          type="primary"
          fill={next.todo ? undefined : 'outline'}
          onClick={(ev) => {
            ev.stopPropagation()
            openPage(next.url)
          }}
        >
          {next.label}
        </Button>
      </View>
    </View>
  )
}

function Content() {
  const remote = useRemote(async () => {
    const [{ items: enterprises }, apps] = await Promise.all([
      applicationApi.myEnterprises(),
      applicationApi.listMine(1, 50),
    ])
    return { enterprises, latest: latestByEnterprise(apps.items) }
  }, [])
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  if (remote.status === 'loading') return <LoadingBlock cards={2} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  const { enterprises, latest } = remote.data
  const register = () => openPage(APP_PAGES.enterpriseForm)

  if (enterprises.length === 0)
    return (
      <EmptyBlock
        title="还没有登记企业"
        description="先登记企业（商户、门店）的基本信息，再提交复工申请。"
        action={
          <Button type="primary" size="large" onClick={register}>
            登记企业
          </Button>
        }
      />
    )
  return (
    <View>
      <View className="ent-summary">
        <Text>
          共 <Text className="ent-summary__n">{enterprises.length}</Text> 家企业
        </Text>
        <Button size="small" type="primary" fill="outline" icon={<Plus size={14} />} onClick={register}>
          登记新企业
        </Button>
      </View>
      {enterprises.map((e) => (
        <EnterpriseCard key={e._id} e={e} app={latest.get(e._id)} />
      ))}
      <View className="hint">点击企业查看详情、职工加入码和回头看检查记录。</View>
    </View>
  )
}

function EnterprisesPage() {
  return (
    <PageShell>
      <AccountGate action={['application', 'myEnterprises']}>{() => <Content />}</AccountGate>
    </PageShell>
  )
}

export default EnterprisesPage
