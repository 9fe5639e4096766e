// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useRef } from 'react'
import type { Decision } from '../../../shared/application'
import { DEPARTMENT_LABELS, type Department } from '../../../shared/roles'
import { reviewInput } from '../../../shared/schemas/application'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { applicationApi } from '../../services/application'
import type { Reply } from '../../services/api'
import { CloudError } from '../../services/cloud'
import type { AccountView as Account } from '../../../shared/account'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { dateTime } from '../../utils/format'
import { openPage, goBack } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { firstIssue } from '../../utils/zodRule'
import { CommentBox } from './parts/CommentBox'
import { EnterpriseInfo } from './parts/EnterpriseInfo'
import { FormSummary } from './parts/FormSummary'
import { DECISION_LABELS, DECISION_TONES } from './parts/labels'
import { ApplicationHead, ApplicationHistory } from './parts/ApplicationCard'
import { ReviewBoard } from './parts/ReviewBoard'
import './parts/parts.scss'
import './review.scss'

type ApplicationBundle = Reply<'application', 'get'>

const DIALOG: Record<Decision, { title: string; placeholder: string; note: string; confirm: string }> = {
  approve: {
    title: '审核通过',
    placeholder: '审核意见（选填）',
    note: '确认本部门审核通过？三个部门都通过后，企业即可签署三方承诺。',
    confirm: '确认通过',
  },
  return: {
    title: '退回补充',
    placeholder: '请写明需要补充或修改的材料，如：请补充消毒记录表',
    note: '退回后企业修改并重新提交，三个部门将重新审核。',
    confirm: '确认退回',
  },
  reject: {
    title: '不通过',
    placeholder: '请写明不通过的原因',
    note: '不通过将结束这份申请，企业需整改后重新申请。',
    confirm: '确认不通过',
  },
}

function Review({ id, account }: { id: string; account: Account }) {
  const remote = useRemote<ApplicationBundle>(() => applicationApi.get(id), [id])
  const { dialog, confirm } = useConfirm()
  const comment = useRef('')
  const department = account.department as Department | undefined

  if (remote.status === 'loading') return <LoadingBlock cards={3} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  const bundle = remote.data
  const { application: app, enterprise } = bundle
  const mine = department ? app.reviews[department] : undefined
  const canDecide = app.status === 'reviewing' && !!department && !mine

  const decide = (decision: Decision) => {
    comment.current = ''
    const d = DIALOG[decision]
    confirm({
      title: d.title,
      content: (
        <CommentBox placeholder={d.placeholder} note={d.note} onChange={(v) => (comment.current = v)} />
      ),
      confirmText: d.confirm,
      danger: decision === 'reject',
      action: async () => {
        const text = comment.current.trim()
        const input = {
          applicationId: app._id,
          round: app.round,
          decision,
          ...(text ? { comment: text } : {}),
        }
        const parsed = reviewInput.safeParse(input)
        if (!parsed.success) throw new CloudError('INVALID_INPUT', firstIssue(parsed.error))
        await applicationApi.review(input)
        toast.success(
          decision === 'approve'
            ? '已审核通过'
            : decision === 'return'
              ? '已退回企业补充'
              : '已作出不通过决定',
        )
        setTimeout(() => goBack(APP_PAGES.queue), 800)
      },
    })
  }

  return (
    <View>
      <ApplicationHead app={app} testId="review-enterprise">
        {department && (
          <View className="ap-head__me">
            您代表<Text className="ap-head__dept">{DEPARTMENT_LABELS[department]}</Text>审核
          </View>
        )}
      </ApplicationHead>

      {!canDecide && (
        <View className="card rv-done" data-testid="review-closed">
          {mine ? (
            <View>
              本部门已审核：
              <Text style={{ color: DECISION_TONES[mine.decision] }} className="rv-done__decision">
                {DECISION_LABELS[mine.decision]}
              </Text>
              <View className="muted">
                {mine.reviewerName} · {dateTime(mine.at)}
              </View>
            </View>
          ) : (
            <View>这份申请当前不在审核中。</View>
          )}
          <Button
            size="small"
            fill="outline"
            type="primary"
            onClick={() => openPage(pageUrl(APP_PAGES.detail, { id: app._id }))}
          >
            查看详情
          </Button>
        </View>
      )}

      <View className="section-title">三方审核（本轮）</View>
      <View className="card">
        <ReviewBoard reviews={app.reviews} waiting={app.status === 'reviewing'} />
      </View>

      <EnterpriseInfo enterprise={enterprise} />
      <View className="section-title">申请内容</View>
      <FormSummary form={app.form} />

      <ApplicationHistory bundle={bundle} roundsTitle="历次审核意见" />

      {canDecide && (
        <View className="ap-bar rv-bar">
          <Button
            className="rv-bar__reject"
            size="large"
            fill="outline"
            type="danger"
            onClick={() => decide('reject')}
          >
            不通过
          </Button>
          <Button
            className="rv-bar__return"
            size="large"
            fill="outline"
            type="warning"
            onClick={() => decide('return')}
          >
            退回补充
          </Button>
          <Button className="rv-bar__approve" size="large" type="primary" onClick={() => decide('approve')}>
            通过
          </Button>
        </View>
      )}
      {dialog}
    </View>
  )
}

function ReviewPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <PageShell className="ap-has-bar">
      <AccountGate action={['application', 'review']}>
        {(account) =>
          id ? (
            <Review id={id} account={account} />
          ) : (
            <EmptyBlock title="链接不完整" description="没有指定申请。" />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default ReviewPage
