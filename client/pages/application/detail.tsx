// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useRef, type ReactNode } from 'react'
import { COMMITMENT_PARTIES } from '../../../shared/application'
import { DEPARTMENTS, DEPARTMENT_LABELS } from '../../../shared/roles'
import { revokePlateInput } from '../../../shared/schemas/application'
import { AccountGate } from '../../components/AccountGate'
import { TermNote } from '../../components/TermNote'
import { PageShell } from '../../components/PageShell'
import { SubscribeCard } from '../../components/SubscribeCard'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm, type ConfirmOptions } from '../../components/useConfirm'
import { applicationApi } from '../../services/application'
import type { Reply } from '../../services/api'
import { CloudError } from '../../services/cloud'
import type { AccountView as Account } from '../../../shared/account'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { dateTime } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { firstIssue } from '../../utils/zodRule'
import { canInspect, canReview, canRevoke, isStaff, signableParties } from './parts/access'
import { CommentBox } from './parts/CommentBox'
import { EnterpriseInfo } from './parts/EnterpriseInfo'
import { FormSummary } from './parts/FormSummary'
import { InspectionList } from './parts/InspectionList'
import { PARTY_LABELS } from './parts/labels'
import { ApplicationHead, ApplicationHistory } from './parts/ApplicationCard'
import { ReviewBoard } from './parts/ReviewBoard'
import { StatusSteps } from './parts/StatusSteps'
import './parts/parts.scss'
import './detail.scss'

type ApplicationBundle = Reply<'application', 'get'>

type Tone = 'info' | 'warn' | 'ok' | 'bad' | 'plain'

function Banner({ tone, title, children }: { tone: Tone; title: string; children?: ReactNode }) {
  return (
    <View className={`card dt-banner dt-banner--${tone}`} data-testid="status-banner">
      <View className="dt-banner__title">{title}</View>
      {children}
    </View>
  )
}

function Actions({ children }: { children: ReactNode }) {
  return <View className="dt-actions">{children}</View>
}

function go(url: string) {
  return () => openPage(url)
}

/** Refused or revoked: the owner puts things right and applies again. */
function Reapply({ enterpriseId }: { enterpriseId: string }) {
  return (
    <Actions>
      <Button type="primary" size="large" block onClick={go(pageUrl(APP_PAGES.form, { enterpriseId }))}>
        整改后重新申请
      </Button>
    </Actions>
  )
}

/** What the application needs now, and the buttons for the people who can do it. */
function StatusPanel({
  bundle,
  account,
  confirm,
  onChanged,
}: {
  bundle: ApplicationBundle
  account: Account
  confirm: (o: ConfirmOptions) => void
  onChanged: () => void
}) {
  const { application: app, events } = bundle
  const owner = account.role === 'owner'
  const id = app._id
  const reason = useRef('')
  const formUrl = pageUrl(APP_PAGES.form, { enterpriseId: app.enterpriseId, id })
  const plateBtn = (
    <Button type="primary" size="large" block onClick={go(pageUrl(APP_PAGES.plate, { id }))}>
      查看复工公示牌
    </Button>
  )

  const revoke = () => {
    reason.current = ''
    confirm({
      title: '撤销复工公示牌',
      content: (
        <CommentBox
          placeholder="请写明撤销原因，企业会收到通知"
          note="撤销后公示牌立即失效，扫码核验将显示“已撤销”，企业需重新申请复工。"
          onChange={(v) => (reason.current = v)}
          maxLength={200}
        />
      ),
      confirmText: '确认撤销',
      danger: true,
      action: async () => {
        const parsed = revokePlateInput.safeParse({ applicationId: id, reason: reason.current })
        if (!parsed.success) throw new CloudError('INVALID_INPUT', firstIssue(parsed.error))
        await applicationApi.revokePlate(id, parsed.data.reason)
        toast.success('公示牌已撤销')
        onChanged()
      },
    })
  }

  switch (app.status) {
    case 'draft':
      return (
        <Banner tone="plain" title="申请尚未提交">
          <View className="dt-banner__text">填写完整后提交，由三个部门同时审核。</View>
          {owner && (
            <Actions>
              <Button type="primary" size="large" block onClick={go(formUrl)}>
                继续填写
              </Button>
            </Actions>
          )}
        </Banner>
      )
    case 'reviewing': {
      const done = DEPARTMENTS.length - app.pendingDepartments.length
      const mine = account.department && app.pendingDepartments.includes(account.department)
      return (
        <Banner tone="info" title={`三方审核中（已完成 ${done}/3）`}>
          <View className="dt-banner__text">
            {app.pendingDepartments.length
              ? `等待${app.pendingDepartments.map((d) => DEPARTMENT_LABELS[d]).join('、')}审核`
              : '正在汇总审核结果'}
          </View>
          {mine && canReview(account, app) && (
            <Actions>
              <Button type="primary" size="large" block onClick={go(pageUrl(APP_PAGES.review, { id }))}>
                去审核
              </Button>
            </Actions>
          )}
        </Banner>
      )
    }
    case 'returned': {
      const notes = DEPARTMENTS.flatMap((d) => {
        const r = app.reviews[d]
        return r && r.decision === 'return' ? [{ d, r }] : []
      })
      return (
        <Banner tone="warn" title="退回补充材料">
          {notes.map(({ d, r }) => (
            <View className="dt-banner__note" key={d}>
              <Text className="dt-banner__who">{DEPARTMENT_LABELS[d]}：</Text>
              {r.comment}
            </View>
          ))}
          {owner && (
            <Actions>
              <Button type="primary" size="large" block onClick={go(formUrl)}>
                修改后重新提交
              </Button>
            </Actions>
          )}
        </Banner>
      )
    }
    case 'rejected': {
      const r = DEPARTMENTS.map((d) => ({ d, r: app.reviews[d] })).find((x) => x.r?.decision === 'reject')
      return (
        <Banner tone="bad" title="申请未通过">
          {r?.r && (
            <View className="dt-banner__note">
              <Text className="dt-banner__who">{DEPARTMENT_LABELS[r.d]}：</Text>
              {r.r.comment}
            </View>
          )}
          {owner && <Reapply enterpriseId={app.enterpriseId} />}
        </Banner>
      )
    }
    case 'approved': {
      const parties = signableParties(account, app)
      const signed = COMMITMENT_PARTIES.filter((p) => app.commitments[p]).length
      return (
        <Banner tone="ok" title="三方审核已通过">
          <View className="dt-banner__text">
            请企业、社区、复工责任人签署三方承诺（已签 {signed}/3），全部签署后生成复工公示牌。
          </View>
          {owner && <TermNote terms={['三方承诺', '复工责任人']} />}
          {parties.length > 0 && (
            <Actions>
              <Button type="primary" size="large" block onClick={go(pageUrl(APP_PAGES.commit, { id }))}>
                {owner ? '签署三方承诺' : '社区签署承诺'}
              </Button>
            </Actions>
          )}
        </Banner>
      )
    }
    case 'reopened':
      return (
        <Banner tone="ok" title="已准予复工">
          <View className="dt-banner__text">
            复工日期 {app.form.plannedDate}，公示牌生成于 {app.reopenedAt ? dateTime(app.reopenedAt) : ''}。
          </View>
          {app.rectify && (
            <View className="dt-banner__note dt-banner__note--warn" data-testid="rectify">
              <Text className="dt-banner__who">限期整改（{app.rectify.deadline}前）：</Text>
              {app.rectify.findings}
            </View>
          )}
          <Actions>
            {plateBtn}
            {canInspect(account, app) && (
              <Button
                type="primary"
                fill="outline"
                size="large"
                block
                onClick={go(pageUrl(APP_PAGES.inspect, { id }))}
              >
                回头看检查
              </Button>
            )}
            {canRevoke(account, app) && (
              <Button type="danger" fill="none" size="large" block onClick={revoke}>
                撤销公示牌
              </Button>
            )}
          </Actions>
        </Banner>
      )
    case 'revoked': {
      const why = [...events].reverse().find((e) => e.type === 'revoked')
      return (
        <Banner tone="bad" title="复工已撤销">
          <View className="dt-banner__note">
            {why?.comment ?? '公示牌已失效'}
            {app.revokedAt && <View className="dt-banner__time">撤销时间：{dateTime(app.revokedAt)}</View>}
          </View>
          {owner && <Reapply enterpriseId={app.enterpriseId} />}
        </Banner>
      )
    }
  }
}

function Commitments({ bundle }: { bundle: ApplicationBundle }) {
  const c = bundle.application.commitments
  return (
    <View className="card dt-commit">
      {COMMITMENT_PARTIES.map((p) => {
        const s = c[p]
        return (
          <View className="dt-commit__row" key={p}>
            <Text className="dt-commit__party">{PARTY_LABELS[p]}</Text>
            {s ? (
              <Text className="dt-commit__signed">
                {s.signerName} · {dateTime(s.at)}
              </Text>
            ) : (
              <Text className="dt-commit__wait">待签署</Text>
            )}
          </View>
        )
      })}
    </View>
  )
}

function Detail({ id, account }: { id: string; account: Account }) {
  const remote = useRemote(() => applicationApi.get(id), [id])
  const { dialog, confirm } = useConfirm()
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  if (remote.status === 'loading') return <LoadingBlock cards={3} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  const bundle = remote.data
  const { application: app, enterprise, inspections } = bundle
  const showCommitments = ['approved', 'reopened', 'revoked'].includes(app.status)

  return (
    <View>
      <ApplicationHead app={app} testId="detail-enterprise" large>
        <StatusSteps status={app.status} />
      </ApplicationHead>

      <StatusPanel
        bundle={bundle}
        account={account}
        confirm={confirm}
        onChanged={() => void remote.reload(true)}
      />
      {account.role === 'owner' && (app.status === 'reviewing' || app.status === 'returned') && (
        <SubscribeCard
          kind="reviewResult"
          title="审核结果通知"
          text="三方审核通过或退回补充时，微信通知您。"
          label="开启审核结果通知"
        />
      )}

      {app.round > 0 && (
        <View>
          <View className="section-title">
            三方审核
            {app.round > 1 && <View className="section-title__extra">第{app.round}轮</View>}
          </View>
          <View className="card">
            <ReviewBoard reviews={app.reviews} waiting={app.status === 'reviewing'} />
          </View>
        </View>
      )}

      {showCommitments && (
        <View>
          <View className="section-title">三方承诺</View>
          <Commitments bundle={bundle} />
        </View>
      )}

      {inspections.length > 0 && (
        <View>
          <View className="section-title">
            回头看检查
            <View className="section-title__extra">共 {inspections.length} 次</View>
          </View>
          <TermNote terms={['回头看']} className="term-note--under-title" />
          <InspectionList items={inspections} />
        </View>
      )}

      <View className="section-title">申请内容</View>
      <FormSummary form={app.form} maskContacts={false} />

      {isStaff(account) && <EnterpriseInfo enterprise={enterprise} />}

      <ApplicationHistory bundle={bundle} roundsTitle="历次审核" />
      {dialog}
    </View>
  )
}

function DetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <PageShell>
      <AccountGate action={['application', 'get']}>
        {(account) =>
          id ? (
            <Detail id={id} account={account} />
          ) : (
            <EmptyBlock title="链接不完整" description="没有指定申请。" />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default DetailPage
