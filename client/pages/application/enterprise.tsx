// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Ask, Edit, QrCode } from '@nutui/icons-react-taro'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ENTERPRISE_KIND_LABELS } from '../../../shared/enterprise'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { applicationApi } from '../../services/application'
import type { Reply } from '../../services/api'
import { CloudError, errorMessage, IS_WEAPP } from '../../services/cloud'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { friendlyTime } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { EnterpriseInfo } from './parts/EnterpriseInfo'
import { InspectionList } from './parts/InspectionList'
import { ownerNextStep } from './parts/next'
import { StatusTag } from './parts/StatusTag'
import { saveDataUrlImage } from './parts/saveImage'
import './parts/parts.scss'
import './enterprise.scss'

type Application = Reply<'application', 'get'>['application']
type Enterprise = Reply<'application', 'get'>['enterprise']
type Inspection = Reply<'application', 'get'>['inspections'][number]
type JoinPoster = Reply<'application', 'joinPoster'>

function AppRow({ app }: { app: Application }) {
  return (
    <View
      className="ent-app"
      data-testid="enterprise-application"
      onClick={() => openPage(pageUrl(APP_PAGES.detail, { id: app._id }))}
    >
      <View className="ent-app__main">
        <View className="ent-app__title">
          复工申请{app.form.plannedDate ? ` · 计划 ${app.form.plannedDate} 复工` : ''}
        </View>
        <View className="ent-app__meta">
          {app.round > 1 ? `第${app.round}轮审核 · ` : ''}更新于 {friendlyTime(app.updatedAt)}
        </View>
      </View>
      <StatusTag status={app.status} />
      <Text className="ent-app__arrow">›</Text>
    </View>
  )
}

function PosterCard({ enterpriseId }: { enterpriseId: string }) {
  const [poster, setPoster] = useState<JoinPoster | null>(null)
  const [busy, setBusy] = useState(false)
  const show = async () => {
    setBusy(true)
    try {
      setPoster(await applicationApi.joinPoster(enterpriseId))
    } catch (e) {
      toast.fail(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  if (!poster)
    return (
      <View className="card ent-poster ent-poster--closed">
        <View className="ent-poster__intro">
          <QrCode size={28} color="#0e9f94" />
          <View className="ent-poster__intro-text">
            职工扫码或输入加入码，即可加入本企业并申报健康情况。打印海报张贴在员工入口，方便职工扫码。
          </View>
        </View>
        <Button type="primary" fill="outline" size="large" block loading={busy} onClick={() => void show()}>
          显示加入码海报
        </Button>
      </View>
    )
  return (
    <View className="card ent-poster" data-testid="join-poster">
      <View className="ent-poster__band">职工健康申报 · 加入码</View>
      <View className="ent-poster__name">{poster.enterpriseName}</View>
      <View className="ent-poster__qr-box">
        <Image className="ent-poster__qr" src={poster.qr} mode="aspectFit" showMenuByLongpress />
      </View>
      <View className="ent-poster__code-label">加入码</View>
      <Text className="ent-poster__code" selectable userSelect data-testid="join-code">
        {poster.joinCode}
      </Text>
      <View className="ent-poster__tip">
        请职工打开“复工通 → 健康申报”，扫描二维码或输入加入码。建议打印张贴在员工入口。
      </View>
      {IS_WEAPP && (
        <Button
          type="primary"
          size="large"
          block
          onClick={() => void saveDataUrlImage(poster.qr, `join-${poster.joinCode}`)}
        >
          保存二维码到相册
        </Button>
      )}
    </View>
  )
}

interface Loaded {
  enterprise: Enterprise
  apps: Application[]
  inspections: Inspection[]
}

function Content({ id }: { id: string }) {
  const remote = useRemote<Loaded>(async () => {
    const [{ items }, mine] = await Promise.all([
      applicationApi.myEnterprises(),
      applicationApi.listMine(1, 50),
    ])
    const enterprise = items.find((e) => e._id === id)
    if (!enterprise) throw new CloudError('NOT_FOUND', '没有找到这家企业')
    const apps = mine.items.filter((a) => a.enterpriseId === id)
    // Inspections are kept per application; only a reopened (or since revoked) one can have any.
    const inspected = apps.filter((a) => a.status === 'reopened' || a.status === 'revoked')
    const bundles = await Promise.all(inspected.map((a) => applicationApi.get(a._id)))
    const inspections = bundles.flatMap((b) => b.inspections).sort((a, b) => b.at - a.at)
    return { enterprise, apps, inspections }
  }, [id])
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  if (remote.status === 'loading') return <LoadingBlock cards={3} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  const { enterprise: e, apps, inspections } = remote.data
  const latest = apps[0]
  const next = ownerNextStep(e, latest)

  return (
    <View>
      <View className="ent-hero">
        <View className="ent-hero__top">
          <Tag background="rgba(255,255,255,0.2)" color="#ffffff" className="ent-hero__kind">
            {ENTERPRISE_KIND_LABELS[e.kind]}
          </Tag>
          <View
            className="ent-hero__edit"
            onClick={() => openPage(pageUrl(APP_PAGES.enterpriseForm, { id: e._id }))}
          >
            <Edit size={14} color="#ffffff" />
            <Text className="ent-hero__edit-text">修改信息</Text>
          </View>
        </View>
        <View className="ent-hero__name" data-testid="enterprise-name">
          {e.name}
        </View>
        <View className="ent-hero__code">统一社会信用代码 {e.creditCode}</View>
        <View className="ent-hero__addr">{e.address}</View>
      </View>

      <View className="section-title">复工申请</View>
      <View className="card ent-apps">
        {latest ? (
          apps.map((a) => <AppRow key={a._id} app={a} />)
        ) : (
          <View className="ent-apps__none">尚未提交复工申请</View>
        )}
        <View className="ent-apps__action">
          <Button
            type="primary"
            size="large"
            block
            fill={next.todo ? undefined : 'outline'}
            onClick={() => openPage(next.url)}
          >
            {next.label}
          </Button>
        </View>
      </View>

      <View className="section-title">职工加入码</View>
      <PosterCard enterpriseId={e._id} />

      <View
        className="card ent-link"
        onClick={() => openPage(pageUrl(APP_PAGES.difficulties, { enterpriseId: e._id }))}
      >
        <View className="ent-link__icon">
          <Ask size={22} color="#d9822b" />
        </View>
        <View className="ent-link__body">
          <View className="ent-link__title">企业诉求</View>
          <View className="ent-link__desc">用工、资金、物流等困难，向街道反映</View>
        </View>
        <Text className="ent-link__arrow">›</Text>
      </View>

      <View className="section-title">
        回头看检查记录
        <View className="section-title__extra">
          {inspections.length ? `共 ${inspections.length} 次` : ''}
        </View>
      </View>
      {inspections.length ? (
        <InspectionList items={inspections} />
      ) : (
        <View className="card ent-empty-line">
          复工后，街道和社区会不定期上门“回头看”，检查结果会显示在这里。
        </View>
      )}

      <EnterpriseInfo enterprise={e} />
    </View>
  )
}

function EnterprisePage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <PageShell>
      <AccountGate action={['application', 'updateEnterprise']}>
        {() => (id ? <Content id={id} /> : <EmptyBlock title="链接不完整" description="没有指定企业。" />)}
      </AccountGate>
    </PageShell>
  )
}

export default EnterprisePage
