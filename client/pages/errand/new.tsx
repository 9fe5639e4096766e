// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Location } from '@nutui/icons-react-taro'
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useRef, useState } from 'react'
import { ERRAND_CATEGORIES, canBeUrgent, type ErrandCategory } from '../../../shared/errand'
import { createErrandInput, type CreateErrandInput } from '../../../shared/schemas/errand'
import { AccountGate } from '../../components/AccountGate'
import { DraftNote } from '../../components/DraftNote'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { errorMessage } from '../../services/cloud'
import { errandApi, type Errand } from '../../services/errand'
import { newRequestId, type Reply } from '../../services/api'
import { sendOrKeep } from '../../services/offlineQueue'
import { ERRAND_PAGES, errandDetailUrl } from '../../utils/errandPages'
import { HEALTH_PAGES, openPage } from '../../utils/nav'
import { useDraft, useKeepDraft } from '../../utils/draft'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { CATEGORY_HINTS, CATEGORY_TINTS, WINDOWS, categoryLabel, yuanToFen } from './parts/labels'
import { loadLastRequest, saveLastRequest, type LastRequest } from './parts/lastRequest'
import './errand.scss'
import { FormFooter } from '../../components/FormFooter'

type ErrandItem = Errand['items'][number]
type MinePage = Reply<'errand', 'mine'>

interface Row {
  key: number
  name: string
  quantity: number
  unit: string
  note: string
}

let rowSeq = 0
const newRow = (i?: Partial<ErrandItem>): Row => ({
  key: ++rowSeq,
  name: i?.name ?? '',
  quantity: i?.quantity ?? 1,
  unit: i?.unit ?? '',
  note: i?.note ?? '',
})

const BUDGET_CHOICES = ['50', '100', '200']

type Errors = Partial<
  Record<'category' | 'items' | 'budgetFen' | 'deliveryWindow' | 'note' | 'urgent', string>
> & {
  rows?: Record<number, string>
}

/** The shared schema's issues, by the field they belong to (item rows by their index). */
function errorsOf(issues: { path: (string | number)[]; message: string }[]): Errors {
  const out: Errors = {}
  for (const i of issues) {
    const [head, index] = i.path
    if (head === 'items' && typeof index === 'number') {
      out.rows = { ...out.rows }
      out.rows[index] ??= i.message
    } else if (typeof head === 'string' && !(head in out)) {
      ;(out as Record<string, string>)[head] = i.message
    }
  }
  return out
}

function Section({ title, note, children }: { title: string; note?: string; children: React.ReactNode }) {
  return (
    <View className="card e-section">
      <View className="e-section__title">{title}</View>
      {note ? <View className="e-section__note">{note}</View> : null}
      {children}
    </View>
  )
}

function Qty({ value, onChange }: { value: number; onChange: (v: number) => void }) {
  return (
    <View className="e-qty">
      <View
        className={`e-qty__btn${value <= 1 ? ' e-qty__btn--off' : ''}`}
        aria-label="减少"
        onClick={() => onChange(Math.max(1, value - 1))}
      >
        −
      </View>
      <Text className="e-qty__n">{value}</Text>
      <View
        className={`e-qty__btn${value >= 99 ? ' e-qty__btn--off' : ''}`}
        aria-label="增加"
        onClick={() => onChange(Math.min(99, value + 1))}
      >
        +
      </View>
    </View>
  )
}

/** The request as typed, as its draft keeps it (rows without their on-screen keys). */
interface RequestValues {
  category: ErrandCategory | ''
  rows: Omit<Row, 'key'>[]
  budget: string
  windowKey: string
  contactless: boolean
  urgent: boolean
  note: string
}

/** A new request: the last one's list when this phone sent one (people in quarantine order the same things). */
function startingValues(last: LastRequest | null): RequestValues {
  return {
    category: last?.category ?? '',
    rows: last?.items.length ? last.items.map((i) => withoutKey(newRow(i))) : [withoutKey(newRow())],
    budget: last?.budgetYuan ?? '',
    windowKey: last?.windowKey ?? 'asap',
    contactless: last?.contactless ?? true,
    urgent: false,
    note: '',
  }
}

const withoutKey = ({ key: _key, ...row }: Row): Omit<Row, 'key'> => row

function RequestForm({ mine, accountId }: { mine: MinePage; accountId: string }) {
  const last = useMemo(() => loadLastRequest(), [])
  // What was typed and not yet sent lives on this device (a reload loses nothing).
  const draft = useDraft(`errand.${accountId}`, startingValues(last))
  const start = draft.initial
  const [category, setCategory] = useState<ErrandCategory | ''>(start.category)
  const [rows, setRows] = useState<Row[]>(() => start.rows.map((r) => newRow(r)))
  const [remembered, setRemembered] = useState(Boolean(last?.items.length) && !draft.restored)
  const [budget, setBudget] = useState(start.budget)
  const [windowKey, setWindowKey] = useState(start.windowKey)
  const [contactless, setContactless] = useState(start.contactless)
  const [urgent, setUrgent] = useState(start.urgent)
  const [note, setNote] = useState(start.note)
  const values: RequestValues = {
    category,
    rows: rows.map(withoutKey),
    budget,
    windowKey,
    contactless,
    urgent,
    note,
  }
  useKeepDraft(draft, values)
  const restore = (v: RequestValues) => {
    setCategory(v.category)
    setRows(v.rows.map((r) => newRow(r)))
    setBudget(v.budget)
    setWindowKey(v.windowKey)
    setContactless(v.contactless)
    setUrgent(v.urgent)
    setNote(v.note)
    setErrors({})
  }
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  // One submission, one id: a retry after a lost answer returns the first request instead of a second one.
  const requestId = useRef(newRequestId())

  const psych = category === 'psych'
  const full = mine.openCount >= mine.maxOpen

  const setRow = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)))

  const build = (): CreateErrandInput => {
    const filled = rows.filter((r) => r.name.trim() || r.note.trim())
    const items: ErrandItem[] = filled.map((r) => ({
      name: r.name.trim(),
      quantity: r.quantity,
      ...(r.unit.trim() ? { unit: r.unit.trim() } : {}),
      ...(r.note.trim() ? { note: r.note.trim() } : {}),
    }))
    const w = WINDOWS.find((x) => x.key === windowKey)?.window
    const budgetFen = yuanToFen(budget)
    return {
      category: (category || undefined) as ErrandCategory,
      items: psych ? [] : items,
      ...(psych ? {} : { budgetFen: budgetFen ?? 0 }),
      ...(w ? { deliveryWindow: w } : {}),
      contactless: psych ? false : contactless,
      urgent: category !== '' && canBeUrgent(category) ? urgent : false,
      ...(note.trim() ? { note: note.trim() } : {}),
      requestId: requestId.current,
    }
  }

  const submit = async () => {
    if (busy) return
    const input = build()
    const parsed = createErrandInput.safeParse(input)
    if (!parsed.success) {
      const errs = errorsOf(parsed.error.issues)
      setErrors(errs)
      setFormError(parsed.error.issues[0]?.message ?? '填写的内容有误')
      return
    }
    setErrors({})
    setFormError('')
    setBusy(true)
    try {
      const what = psych ? '请网格员联系我' : parsed.data.items.map((i) => i.name).join('、')
      const sent = await sendOrKeep(
        'errand',
        'create',
        { ...input, requestId: requestId.current },
        `${categoryLabel(parsed.data.category)}：${what}`,
      )
      draft.clear()
      if (!psych) {
        saveLastRequest({
          category: parsed.data.category,
          items: parsed.data.items,
          budgetYuan: budget,
          windowKey,
          contactless,
        })
      }
      requestId.current = newRequestId()
      if (!sent.sent) {
        // Kept on this phone: the list shows it as 待发送 until the network is back.
        toast.info('网络不好，需求已保存在手机上，联网后自动发送')
        Taro.redirectTo({ url: ERRAND_PAGES.mine }).catch(() => openPage(ERRAND_PAGES.mine))
        return
      }
      const { errand } = sent.data
      toast.success(psych ? '已提交，网格员会尽快联系您' : '已提交，等待社区管家认领')
      // Back from the detail page goes to the list, not to a filled-in form.
      Taro.redirectTo({ url: errandDetailUrl(errand._id) }).catch(() => openPage(errandDetailUrl(errand._id)))
    } catch (e) {
      setFormError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const address = mine.address
  return (
    <View className="e-form">
      {draft.restored && <DraftNote onDiscard={() => restore(draft.discard())} />}
      <View className="card e-address" data-testid="errand-address">
        <View className="e-address__icon">
          <Location size={20} color="#1f6fd8" />
        </View>
        <View className="e-address__body">
          <View className="e-address__label">送达地址</View>
          <View className="e-address__text">{address ? `${address.building}栋 ${address.room}` : '—'}</View>
          <View className="e-address__note">
            {mine.basis === 'household' ? '网格员登记的帮扶地址' : '来自您的居家隔离登记'}
            ，如有变动请联系网格员
          </View>
        </View>
        <View className="e-address__count">
          <Text className="e-address__n">{mine.openCount}</Text>/{mine.maxOpen}
          <View className="e-address__count-label">进行中</View>
        </View>
      </View>

      {full && (
        <View className="e-warn" role="alert">
          您已有 {mine.openCount} 个进行中的需求，等已有需求送达后才能再发起。
        </View>
      )}

      <Section title="需要什么帮助">
        <View className={`e-cats${errors.category ? ' e-cats--error' : ''}`} role="radiogroup">
          {ERRAND_CATEGORIES.map((c) => (
            <View
              key={c}
              role="radio"
              aria-checked={category === c}
              className={`e-cat${category === c ? ' e-cat--on' : ''}`}
              style={category === c ? { borderColor: CATEGORY_TINTS[c] } : undefined}
              onClick={() => {
                setCategory(c)
                setErrors((er) => ({ ...er, category: undefined }))
              }}
            >
              <View className="e-cat__dot" style={{ backgroundColor: CATEGORY_TINTS[c] }} />
              <View className="e-cat__label">{categoryLabel(c)}</View>
              <View className="e-cat__hint">{CATEGORY_HINTS[c]}</View>
            </View>
          ))}
        </View>
        {errors.category ? <View className="field__error">{errors.category}</View> : null}
      </Section>

      {!psych && (
        <Section title="物品清单" note="一行一样东西，写清数量；有特别要求写在备注里">
          {remembered && (
            <View className="e-remembered">
              <Text>已按您上次的清单填好，可直接修改</Text>
              <Text
                className="e-link"
                onClick={() => {
                  setRows([newRow()])
                  setRemembered(false)
                }}
              >
                清空
              </Text>
            </View>
          )}
          {rows.map((r, i) => (
            <View
              key={r.key}
              className={`e-item${errors.rows?.[i] ? ' e-item--error' : ''}`}
              data-testid="item-row"
            >
              <View className="e-item__line">
                <Text className="e-item__no">{i + 1}</Text>
                <Input
                  className="app-input e-item__name"
                  placeholder="物品名称，如 大米"
                  maxLength={30}
                  value={r.name}
                  onChange={(v) => setRow(r.key, { name: v })}
                />
                <Qty value={r.quantity} onChange={(v) => setRow(r.key, { quantity: v })} />
              </View>
              <View className="e-item__line e-item__line--sub">
                <Input
                  className="app-input e-item__unit"
                  placeholder="单位"
                  maxLength={6}
                  value={r.unit}
                  onChange={(v) => setRow(r.key, { unit: v })}
                />
                <Input
                  className="app-input e-item__note"
                  placeholder="备注，如 要小包装"
                  maxLength={60}
                  value={r.note}
                  onChange={(v) => setRow(r.key, { note: v })}
                />
                {rows.length > 1 && (
                  <Text
                    className="e-item__remove"
                    aria-label="删除这一行"
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  >
                    删除
                  </Text>
                )}
              </View>
              {errors.rows?.[i] ? <View className="field__error">{errors.rows[i]}</View> : null}
            </View>
          ))}
          {errors.items ? <View className="field__error">{errors.items}</View> : null}
          {rows.length < 20 && (
            <View className="e-add-row" onClick={() => setRows((rs) => [...rs, newRow()])}>
              ＋ 再加一样
            </View>
          )}
        </Section>
      )}

      {!psych && (
        <Section title="预算（元）" note="管家按实际花费结算；超出预算会先电话联系您">
          <Input
            className={`app-input e-money${errors.budgetFen ? ' e-input--error' : ''}`}
            type="digit"
            placeholder="如 100"
            value={budget}
            onChange={(v) => setBudget(v)}
          />
          <View className="e-quick">
            {BUDGET_CHOICES.map((b) => (
              <View
                key={b}
                className={`e-quick__chip${budget === b ? ' e-quick__chip--on' : ''}`}
                onClick={() => setBudget(b)}
              >
                {b}元
              </View>
            ))}
          </View>
          {errors.budgetFen ? <View className="field__error">{errors.budgetFen}</View> : null}
        </Section>
      )}

      <Section title={psych ? '方便联系的时间' : '希望送达时间'}>
        <View className="e-quick e-quick--wrap">
          {WINDOWS.map((w) => (
            <View
              key={w.key}
              className={`e-quick__chip${windowKey === w.key ? ' e-quick__chip--on' : ''}`}
              onClick={() => setWindowKey(w.key)}
            >
              {psych && w.key === 'asap' ? '随时' : w.label}
            </View>
          ))}
        </View>
      </Section>

      {!psych && (
        <View className="card e-switches">
          <View className="e-switch">
            <View className="e-switch__text">
              <View className="e-switch__label">无接触配送</View>
              <View className="e-switch__hint">放在门口并拍照告知，不当面接触</View>
            </View>
            <Switch checked={contactless} onChange={(v) => setContactless(v)} />
          </View>
          {category === 'medicine' && (
            <View className="e-switch e-switch--urgent">
              <View className="e-switch__text">
                <View className="e-switch__label">加急</View>
                <View className="e-switch__hint">急需的药品优先处理，10分钟无人认领即通知网格员</View>
              </View>
              <Switch checked={urgent} onChange={(v) => setUrgent(v)} />
            </View>
          )}
        </View>
      )}

      <Section title={psych ? '想聊些什么' : '备注（选填）'}>
        <TextArea
          className={`e-textarea${errors.note ? ' e-input--error' : ''}`}
          placeholder={psych ? '简单说说最近的感受或困扰，网格员会电话联系您' : '如：放在门口鞋柜上'}
          maxLength={200}
          value={note}
          onChange={(v) => setNote(v)}
        />
        {errors.note ? <View className="field__error">{errors.note}</View> : null}
      </Section>

      <FormFooter
        error={formError}
        busy={busy}
        disabled={full}
        label={psych ? '提交，请网格员联系我' : '提交需求'}
        onSubmit={() => void submit()}
      />
      <View className="hint e-form__hint">提交后社区管家会认领并采购；送达时请凭手机上的交接码收货。</View>
    </View>
  )
}

function Content({ accountId }: { accountId: string }) {
  const remote = useRemote(() => errandApi.mine({ active: true, pageSize: 1 }), [], { refreshOnShow: false })
  if (remote.status === 'loading' || !remote.data) {
    if (remote.status === 'error')
      return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
    return <LoadingBlock rows={4} />
  }
  const mine = remote.data
  if (!mine.eligible) {
    return (
      <EmptyBlock
        title="暂时不能发起跑腿代购"
        description="跑腿代购为居家隔离人员和网格员登记的帮扶家庭提供。如您从外地返回，请先做健康申报。"
        action={
          <Button type="primary" size="large" onClick={() => openPage(HEALTH_PAGES.declare)}>
            去健康申报
          </Button>
        }
      />
    )
  }
  return <RequestForm mine={mine} accountId={accountId} />
}

function NewErrandPage() {
  return (
    <PageShell className="e-page">
      <AccountGate action={['errand', 'create']}>
        {(account) => <Content accountId={account._id} />}
      </AccountGate>
    </PageShell>
  )
}

export default NewErrandPage
