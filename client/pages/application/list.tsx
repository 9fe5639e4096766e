// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Plus } from '@nutui/icons-react-taro'
import { Button, type PickerOption } from '@nutui/nutui-react-taro'
import { AppPicker } from '../../components/AppPicker'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { applicationApi } from '../../services/application'
import type { Reply } from '../../services/api'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { friendlyTime } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { usePagedList } from '../../utils/usePagedList'
import { useRemote } from '../../utils/useRemote'
import { shortId } from './parts/labels'
import { ListFoot } from '../../components/ListFoot'
import { latestByEnterprise, ownerNextStep } from './parts/next'
import { StatusTag } from './parts/StatusTag'
import './parts/parts.scss'
import './list.scss'

type Application = Reply<'application', 'get'>['application']
type Enterprise = Reply<'application', 'get'>['enterprise']

const PAGE_SIZE = 20

function AppCard({ app, enterprise }: { app: Application; enterprise?: Enterprise }) {
  const latest = enterprise && ownerNextStep(enterprise, app)
  return (
    <View
      className="card app-card"
      data-testid="application-card"
      onClick={() => openPage(pageUrl(APP_PAGES.detail, { id: app._id }))}
    >
      <View className="app-card__head">
        <Text className="app-card__name">{app.enterpriseName}</Text>
        <StatusTag status={app.status} />
      </View>
      <View className="app-card__line">
        计划复工日期：<Text className="app-card__strong">{app.form.plannedDate ?? '未填写'}</Text>
      </View>
      <View className="app-card__line app-card__line--muted">
        编号 {shortId(app._id)}
        {app.round > 0 ? ` · 第${app.round}轮审核` : ''} · 更新于 {friendlyTime(app.updatedAt)}
      </View>
      {latest && latest.todo && enterprise?.openApplicationId === app._id && (
        <View className="app-card__todo">
          <Text>待办：{latest.label}</Text>
          <Text className="app-card__todo-arrow">›</Text>
        </View>
      )}
    </View>
  )
}

function Content() {
  const [picking, setPicking] = useState(false)
  const mine = useRemote(() => applicationApi.myEnterprises(), [])
  const list = usePagedList((page: number, size: number) => applicationApi.listMine(page, size), [], {
    pageSize: PAGE_SIZE,
    rowKey: (a) => a._id,
    refreshOnShow: true,
  })
  usePullDownRefresh(() => {
    Promise.all([mine.reload(true), list.reload(true)]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  if (mine.status === 'loading' || list.status === 'loading') return <LoadingBlock cards={3} rows={2} />
  if (mine.status === 'error' || list.status === 'error' || !mine.data)
    return (
      <ErrorBlock
        message={mine.error || list.error}
        onRetry={() => void Promise.all([mine.reload(), list.reload()])}
      />
    )

  const items = list.items
  const total = list.total
  const enterprises = mine.data.items
  const byId = new Map(enterprises.map((e) => [e._id, e]))
  const latest = latestByEnterprise(items)
  // Enterprises that can start an application now: none open, and not reopened already.
  const free = enterprises.filter((e) => !e.openApplicationId && latest.get(e._id)?.status !== 'reopened')

  const start = () => {
    if (enterprises.length === 0) return openPage(APP_PAGES.enterpriseForm)
    if (free.length === 1) return openPage(pageUrl(APP_PAGES.form, { enterpriseId: free[0]!._id }))
    if (free.length > 1) return setPicking(true)
    openPage(APP_PAGES.enterprises)
  }
  const options: PickerOption[] = free.map((e) => ({ label: e.name, value: e._id }))

  return (
    <View>
      <View className="card app-start">
        <View className="app-start__text">
          <View className="app-start__title">申请复工复产</View>
          <View className="muted">
            {enterprises.length === 0
              ? '请先登记企业信息'
              : free.length
                ? '填写复工计划、防疫物资和防控措施，提交三方审核'
                : '您的企业都已有进行中的申请或已复工'}
          </View>
        </View>
        <Button type="primary" icon={<Plus size={14} />} onClick={start}>
          {enterprises.length === 0 ? '登记企业' : free.length ? '新建申请' : '我的企业'}
        </Button>
      </View>
      {items.length === 0 ? (
        <EmptyBlock title="还没有复工申请" description="提交后可在这里查看审核进度。" />
      ) : (
        <View>
          <View className="section-title">
            我的申请
            <View className="section-title__extra">共 {total} 份</View>
          </View>
          {items.map((a) => (
            <AppCard key={a._id} app={a} enterprise={byId.get(a.enterpriseId)} />
          ))}
          <ListFoot list={list} />
        </View>
      )}
      <AppPicker
        title="为哪家企业申请复工"
        visible={picking}
        options={[options]}
        value={[options[0]?.value ?? '']}
        onConfirm={(_o, values) =>
          openPage(pageUrl(APP_PAGES.form, { enterpriseId: String(values[0] ?? options[0]?.value ?? '') }))
        }
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

function ApplicationListPage() {
  return (
    <PageShell>
      <AccountGate action={['application', 'listMine']}>{() => <Content />}</AccountGate>
    </PageShell>
  )
}

export default ApplicationListPage
