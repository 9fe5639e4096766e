// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, Radio, Tag, TextArea, type PickerOption } from '@nutui/nutui-react-taro'
import { AppPicker } from '../../components/AppPicker'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import {
  answerDifficultyInput,
  DIFFICULTY_KINDS,
  DIFFICULTY_LABELS,
  reportDifficultyInput,
} from '../../../shared/schemas/application'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm, type ConfirmOptions } from '../../components/useConfirm'
import { applicationApi } from '../../services/application'
import type { Item, Reply } from '../../services/api'
import { CloudError, errorMessage } from '../../services/cloud'
import type { AccountView as Account } from '../../../shared/account'
import { dateTime, friendlyTime } from '../../utils/format'
import { toast } from '../../utils/toast'
import { usePagedList } from '../../utils/usePagedList'
import { useRemote } from '../../utils/useRemote'
import { firstIssue } from '../../utils/zodRule'
import { CommentBox } from './parts/CommentBox'
import { Field, SelectBox } from '../../components/Field'
import { ListFoot } from '../../components/ListFoot'
import { issuesByPath } from './parts/useFormState'
import './parts/parts.scss'
import './difficulties.scss'

type Difficulty = Item<'application', 'listDifficulties'>
type Enterprise = Reply<'application', 'get'>['enterprise']

type Kind = (typeof DIFFICULTY_KINDS)[number]
const PAGE_SIZE = 10

function ReportForm({
  enterprises,
  initialEnterprise,
  onReported,
}: {
  enterprises: Enterprise[]
  initialEnterprise?: string
  onReported: () => void
}) {
  const [enterpriseId, setEnterpriseId] = useState(initialEnterprise ?? enterprises[0]?._id ?? '')
  const [kind, setKind] = useState<Kind | ''>('')
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [picking, setPicking] = useState(false)
  const enterprise = enterprises.find((e) => e._id === enterpriseId)
  const options: PickerOption[] = enterprises.map((e) => ({ label: e.name, value: e._id }))

  const submit = async () => {
    const parsed = reportDifficultyInput.safeParse({
      enterpriseId,
      kind: kind || undefined,
      text: text.trim(),
    })
    if (!parsed.success) return setErrors(issuesByPath(parsed.error.issues))
    setErrors({})
    setBusy(true)
    try {
      await applicationApi.reportDifficulty(parsed.data)
      toast.success('诉求已提交，街道会尽快答复')
      setText('')
      setKind('')
      onReported()
    } catch (e) {
      toast.fail(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card df-form">
      {enterprises.length > 1 && (
        <Field label="企业">
          <SelectBox value={enterprise?.name} placeholder="请选择企业" onClick={() => setPicking(true)} />
        </Field>
      )}
      <Field label="诉求类型" required error={errors.kind}>
        <Radio.Group
          className="ap-chips"
          value={kind}
          shape="button"
          direction="horizontal"
          onChange={(v) => {
            setKind(String(v) as Kind)
            setErrors((e) => ({ ...e, kind: '' }))
          }}
        >
          {DIFFICULTY_KINDS.map((k) => (
            <Radio key={k} value={k} shape="button" className="ap-chip">
              {DIFFICULTY_LABELS[k]}
            </Radio>
          ))}
        </Radio.Group>
      </Field>
      <Field label="遇到的困难" required error={errors.text}>
        <TextArea
          className="ap-textarea"
          value={text}
          placeholder="请具体说明遇到的困难和希望得到的帮助，如：员工返岗缺少通勤车辆，希望协调…"
          maxLength={500}
          showCount
          autoSize
          onChange={(v) => {
            setText(v)
            setErrors((e) => ({ ...e, text: '' }))
          }}
        />
      </Field>
      <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交诉求
      </Button>
      <AppPicker
        title="选择企业"
        visible={picking}
        options={[options]}
        value={[enterpriseId]}
        onConfirm={(_o, v) => setEnterpriseId(String(v[0] ?? enterpriseId))}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

function DifficultyCard({
  d,
  staff,
  onAnswer,
}: {
  d: Difficulty
  staff: boolean
  onAnswer?: (d: Difficulty) => void
}) {
  const open = d.status === 'open'
  return (
    <View className="card df-item" data-testid="difficulty">
      <View className="df-item__head">
        <Tag background="#fff3e3" color="#b8650f">
          {DIFFICULTY_LABELS[d.kind as Kind] ?? d.kind}
        </Tag>
        {staff && <Text className="df-item__ent">{d.enterpriseName}</Text>}
        <Text className={`df-item__status${open ? '' : ' df-item__status--closed'}`}>
          {open ? '待答复' : '已办结'}
        </Text>
      </View>
      <View className="df-item__text">{d.text}</View>
      <View className="df-item__time">{friendlyTime(d.createdAt)}</View>
      {d.answers.map((a) => (
        <View className="df-answer" key={a.at}>
          <View className="df-answer__who">
            {a.byName} 答复 · {dateTime(a.at)}
          </View>
          <View className="df-answer__text">{a.text}</View>
        </View>
      ))}
      {staff && open && onAnswer && (
        <View className="df-item__actions">
          <Button size="small" type="primary" onClick={() => onAnswer(d)}>
            答复并办结
          </Button>
        </View>
      )}
    </View>
  )
}

function Difficulties({
  account,
  enterpriseId,
  confirm,
}: {
  account: Account
  enterpriseId?: string
  confirm: (o: ConfirmOptions) => void
}) {
  const owner = account.role === 'owner'
  const answer = useRef('')
  const mine = useRemote(
    () => (owner ? applicationApi.myEnterprises() : Promise.resolve({ items: [] as Enterprise[] })),
    [owner],
  )
  const list = usePagedList((page: number, size: number) => applicationApi.listDifficulties(page, size), [], {
    pageSize: PAGE_SIZE,
    rowKey: (d) => d._id,
    refreshOnShow: true,
  })
  const reload = (quiet: boolean) => Promise.all([mine.reload(quiet), list.reload(quiet)])
  usePullDownRefresh(() => {
    reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  if (mine.status === 'loading' || list.status === 'loading') return <LoadingBlock cards={2} rows={3} />
  if (mine.status === 'error' || list.status === 'error' || !mine.data)
    return <ErrorBlock message={mine.error || list.error} onRetry={() => void reload(false)} />
  const enterprises = mine.data.items
  const items = list.items

  const onAnswer = (d: Difficulty) => {
    answer.current = ''
    confirm({
      title: '答复企业诉求',
      content: (
        <CommentBox
          placeholder="答复内容，企业会收到通知"
          note={`${d.enterpriseName}：${d.text}`}
          onChange={(v) => (answer.current = v)}
        />
      ),
      confirmText: '答复并办结',
      action: async () => {
        const parsed = answerDifficultyInput.safeParse({ difficultyId: d._id, answer: answer.current })
        if (!parsed.success) throw new CloudError('INVALID_INPUT', firstIssue(parsed.error))
        await applicationApi.answerDifficulty(d._id, parsed.data.answer)
        toast.success('已答复')
        void list.reload(true)
      },
    })
  }

  return (
    <View>
      {owner &&
        (enterprises.length ? (
          <View>
            <View className="section-title section-title--first">反映困难</View>
            <ReportForm
              enterprises={enterprises}
              initialEnterprise={enterpriseId}
              onReported={() => void list.reload(true)}
            />
          </View>
        ) : (
          <EmptyBlock title="请先登记企业" description="登记企业后即可向街道反映复工中遇到的困难。" />
        ))}
      <View className="section-title">
        {owner ? '我的诉求' : '企业诉求'}
        <View className="section-title__extra">共 {list.total} 条</View>
      </View>
      {items.length === 0 ? (
        <EmptyBlock
          title="暂无诉求"
          description={
            owner ? '复工中遇到用工、资金、物流等困难，可以在上面反映。' : '企业反映的困难会显示在这里。'
          }
        />
      ) : (
        <View>
          {items.map((d) => (
            <DifficultyCard key={d._id} d={d} staff={!owner} onAnswer={onAnswer} />
          ))}
          <ListFoot list={list} />
        </View>
      )}
    </View>
  )
}

function DifficultiesPage() {
  const { params } = useRouter()
  const { dialog, confirm } = useConfirm()
  return (
    <PageShell>
      <AccountGate action={['application', 'listDifficulties']}>
        {(account) => (
          <Difficulties account={account} enterpriseId={params.enterpriseId || undefined} confirm={confirm} />
        )}
      </AccountGate>
      {dialog}
    </PageShell>
  )
}

export default DifficultiesPage
