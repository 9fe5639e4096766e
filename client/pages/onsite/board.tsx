// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { SLOTS, SLOT_LABELS, slotTitle, type Slot } from '../../../shared/health'
import { mayDo } from '../../../shared/policy'
import type { AccountView as Account } from '../../../shared/account'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { FormFooter } from '../../components/FormFooter'
import { Sheet } from '../../components/Sheet'
import { useConfirm } from '../../components/useConfirm'
import type { Reply } from '../../services/api'
import { errorMessage } from '../../services/cloud'
import { onsiteApi } from '../../services/onsite'
import { dateTime } from '../../utils/format'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { CheckSheet } from './parts/CheckSheet'
import { STATE_LOOK, checkSummary, temp } from './parts/labels'
import './onsite.scss'
import { BoardCounts } from '../../components/BoardCounts'

type Board = Reply<'onsite', 'board'>
type Row = Board['rows'][number]
type Cell = Row['cells'][Slot]

function CellBadge({ cell }: { cell: Cell }) {
  const look = STATE_LOOK[cell.state]
  const value = cell.check?.status === 'done' ? temp(cell.check.temperature) : ''
  return (
    <View className={`bcell bcell--${look.tone}`}>
      {value && <Text className="bcell__value">{value}</Text>}
      <Text className="bcell__text">{look.text}</Text>
    </View>
  )
}

function Counts({ board }: { board: Board }) {
  const c = board.counts
  const items = [
    { key: 'onSite', label: '在岗', n: c.onSite, tone: '' },
    { key: 'done', label: '已检', n: c.done, tone: 'ok' },
    { key: 'problems', label: '阳性/发热', n: c.problems, tone: c.problems ? 'danger' : '' },
    { key: 'missing', label: '漏检', n: c.missing, tone: c.missing ? 'danger' : '' },
    { key: 'unconfirmed', label: '待确认', n: c.unconfirmed, tone: c.unconfirmed ? 'wait' : '' },
  ]
  return <BoardCounts items={items} testId="onsite-counts" />
}

function BoardContent({ account, enterpriseId }: { account: Account; enterpriseId: string }) {
  const remote = useRemote(() => onsiteApi.board(enterpriseId), [enterpriseId])
  const { dialog, confirm } = useConfirm()
  const [recordFor, setRecordFor] = useState<Row | null>(null)
  const [closing, setClosing] = useState<Board['cases'][number] | null>(null)
  const [note, setNote] = useState('')
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  const board = remote.data
  if (!board) {
    if (remote.error) return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
    return <LoadingBlock rows={4} />
  }
  const manages = board.manages
  const isOwner = account._id === board.enterprise.ownerId
  const canClose = mayDo(account, ['onsite', 'closeCase'])
  const open = board.currentSlot
  const reload = () => remote.reload(true)

  const tapCell = (row: Row, slot: Slot) => {
    const cell = row.cells[slot]
    if (!manages) return
    if (cell.state === 'unconfirmed' && cell.check)
      confirm({
        title: `确认${row.name}的${SLOT_LABELS[slot]}检测`,
        content: checkSummary(cell.check),
        confirmText: '确认无误',
        action: async () => {
          await onsiteApi.confirm(cell.check!._id)
          toast.success('已确认')
          await reload()
        },
      })
    else if (cell.state === 'pending' && open?.slot === slot && !row.stopped) setRecordFor(row)
  }

  const switchOnSite = (p: Board['roster'][number], onSite: boolean) =>
    confirm({
      title: onSite ? `把${p.name}设为在岗` : `${p.name}不再在岗`,
      content: onSite
        ? '在岗（闭环管理）人员每天要做两次检测。'
        : '不在岗后不再需要每天检测，可以随时再设为在岗。',
      action: async () => {
        await onsiteApi.setOnSite(enterpriseId, p.accountId, onSite)
        await reload()
      },
    })

  const makeOfficer = (p: Board['roster'][number]) =>
    confirm({
      title: `指定${p.name}为安全员`,
      content: '安全员负责每天两次的检测记录和确认，并会收到漏检提醒。',
      action: async () => {
        await onsiteApi.setOfficer(enterpriseId, p.accountId)
        toast.success('已指定')
        await reload()
      },
    })

  return (
    <View>
      <View className="o-head">
        <View className="o-head__name" data-testid="onsite-enterprise">
          {board.enterprise.name}
        </View>
        <View className="o-head__meta">
          安全员：{board.enterprise.officerName ?? '未指定'} · {board.date}
        </View>
        <View className="o-head__meta">
          {SLOTS.map((s) => slotTitle(s, board.windows[s])).join('，')} · 发热标准{' '}
          {board.feverThreshold.toFixed(1)}℃
        </View>
      </View>
      {board.enterprise.flagged && (
        <View className="o-flag" role="alert" data-testid="onsite-flagged">
          有人抗原阳性或发热，已暂停其上岗并通知防疫专业队伍；结案前企业在看板上标红。
        </View>
      )}
      <Counts board={board} />

      {board.cases.length > 0 && (
        <>
          <View className="section-title">待处置</View>
          <View className="card">
            {board.cases.map((c) => (
              <View className="o-case" key={c._id} data-testid="onsite-case">
                <View className="o-case__title">
                  {c.name} ·{' '}
                  {[c.positive ? '抗原阳性' : '', c.fever ? `发热 ${temp(c.temperature)}` : '']
                    .filter(Boolean)
                    .join('、')}
                </View>
                <View className="o-case__meta">{dateTime(c.createdAt)} 发现 · 不得上岗</View>
                {canClose && (
                  <Button
                    type="primary"
                    fill="outline"
                    size="small"
                    onClick={() => {
                      setNote('')
                      setClosing(c)
                    }}
                    data-testid="close-case"
                  >
                    处置结案
                  </Button>
                )}
              </View>
            ))}
          </View>
        </>
      )}

      <View className="section-title">
        在岗人员
        <View className="section-title__extra">{manages ? '点格子确认或代为登记' : '有问题的排在前面'}</View>
      </View>
      {board.rows.length === 0 ? (
        <EmptyBlock
          title="还没有在岗人员"
          description="在下面的职工名单里把到岗的人设为在岗，他们每天要检测两次。"
        />
      ) : (
        <View className="card board-list">
          <View className="brow brow--head">
            <View className="brow__who">姓名</View>
            {SLOTS.map((s) => (
              <View className="brow__slot" key={s}>
                {SLOT_LABELS[s]}
              </View>
            ))}
          </View>
          {board.rows.map((r) => {
            const problem = SLOTS.some((s) => ['positive', 'fever', 'missing'].includes(r.cells[s].state))
            return (
              <View
                className={`brow${problem ? ' brow--problem' : ''}`}
                key={r.staffId}
                data-testid="onsite-row"
              >
                <View className="brow__who">
                  <View className="brow__name">{r.name}</View>
                  <View className="brow__meta">
                    {r.stopped ? '不得上岗' : r.onSite ? '在岗' : '已不在岗'}
                  </View>
                </View>
                {SLOTS.map((s) => (
                  <View
                    className="brow__slot"
                    key={s}
                    onClick={() => tapCell(r, s)}
                    data-testid={`onsite-${s}`}
                  >
                    <CellBadge cell={r.cells[s]} />
                  </View>
                ))}
              </View>
            )
          })}
        </View>
      )}

      {manages && (
        <>
          <View className="section-title">
            职工名单
            <View className="section-title__extra">扫企业加入码申报过健康的职工</View>
          </View>
          <View className="card">
            {board.roster.length === 0 ? (
              <EmptyBlock title="还没有职工申报" description="职工用企业加入码做健康申报后，会出现在这里。" />
            ) : (
              board.roster.map((p) => (
                <View className="o-person" key={p.accountId} data-testid="onsite-person">
                  <View>
                    <Text className="o-person__name">{p.name}</Text>
                    {p.accountId === board.enterprise.officerId && (
                      <Text className="o-person__tag">安全员</Text>
                    )}
                    {p.stopped && <Text className="o-person__tag o-person__tag--danger">不得上岗</Text>}
                  </View>
                  <View className="o-person__actions">
                    {isOwner && p.accountId !== board.enterprise.officerId && (
                      <Text className="o-person__link" onClick={() => makeOfficer(p)}>
                        设为安全员
                      </Text>
                    )}
                    <Switch
                      checked={p.onSite}
                      onChange={(v) => switchOnSite(p, v)}
                      data-testid={`onsite-switch-${p.name}`}
                    />
                  </View>
                </View>
              ))
            )}
          </View>
        </>
      )}

      <CheckSheet
        visible={Boolean(recordFor)}
        title={`代${recordFor?.name ?? ''}登记${open ? SLOT_LABELS[open.slot] : ''}检测`}
        enterpriseId={enterpriseId}
        accountId={recordFor?.accountId}
        threshold={board.feverThreshold}
        onClose={() => setRecordFor(null)}
        onSubmit={async (input) => {
          const r = await onsiteApi.record(input)
          setRecordFor(null)
          if (r.stopped) toast.fail('结果异常：已暂停上岗并通知防疫专业队伍')
          else toast.success('已登记')
          await reload()
        }}
      />
      {dialog}
      <CloseCaseSheet
        visible={Boolean(closing)}
        name={closing?.name ?? ''}
        note={note}
        onNote={setNote}
        onClose={() => setClosing(null)}
        onSubmit={async () => {
          await onsiteApi.closeCase(closing!._id, note)
          setClosing(null)
          toast.success('已结案')
          await reload()
        }}
      />
    </View>
  )
}

function CloseCaseSheet(props: {
  visible: boolean
  name: string
  note: string
  onNote: (v: string) => void
  onClose: () => void
  onSubmit: () => Promise<void>
}) {
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (props.note.trim().length < 2) return setError('请填写处置结果，如：核酸阴性、已送医')
    setBusy(true)
    setError('')
    try {
      await props.onSubmit()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Sheet
      visible={props.visible}
      title={`${props.name}的情况结案`}
      description="结案后此人恢复检测和上岗"
      className="o-sheet"
      onClose={props.onClose}
    >
      <View className="o-sheet__body" data-testid="close-sheet">
        <View className="o-sheet__label">处置结果</View>
        <TextArea
          value={props.note}
          onChange={props.onNote}
          maxLength={200}
          placeholder="如：核酸检测阴性，恢复上岗；已送定点医院"
        />
        <FormFooter error={error} busy={busy} label="确认结案" onSubmit={() => void submit()} inline />
      </View>
    </Sheet>
  )
}

function BoardPage() {
  const enterpriseId = useRouter().params.enterpriseId ?? ''
  return (
    <PageShell className="onsite">
      <AccountGate action={['onsite', 'board']}>
        {(account) =>
          enterpriseId ? (
            <BoardContent account={account} enterpriseId={enterpriseId} />
          ) : (
            <ErrorBlock message="没有指定企业，请从消息或首页进入" />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default BoardPage
