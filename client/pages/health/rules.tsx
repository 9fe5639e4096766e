// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { InputNumber, Switch, type PickerOption } from '@nutui/nutui-react-taro'
import { AppPicker, AppDatePicker } from '../../components/AppPicker'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { SLOTS, type RiskArea, type ScreeningRules, type Slot } from '../../../shared/health'
import { onsiteSlotsOf } from '../../../shared/onsite'
import { setRulesInput } from '../../../shared/schemas/health'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm, type ConfirmOptions } from '../../components/useConfirm'
import { healthApi } from '../../services/health'
import type { Input } from '../../services/api'
import type { AccountView as Account } from '../../../shared/account'
import { mayDo } from '../../../shared/policy'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import { firstIssue } from '../../utils/zodRule'
import { Field, SelectBox } from '../../components/Field'
import { slotTitle } from './parts/labels'
import { RetentionNote } from './parts/RetentionNote'
import { addDays, monthDay } from '../../utils/format'
import { citiesOf, placeText, PROVINCES } from './parts/regions'
import './health.scss'
import { FormFooter } from '../../components/FormFooter'

type RulesForm = Input<'health', 'setRules'>

const PROVINCE_OPTIONS: PickerOption[] = PROVINCES.map((p) => ({ label: p, value: p }))
const AREA_OPTIONS: PickerOption[] = PROVINCES.map((p) => ({
  label: p,
  value: p,
  children: [{ label: '全省', value: '' }, ...citiesOf(p).map((c) => ({ label: c, value: c }))],
}))
const HOURS = Array.from({ length: 24 }, (_, h) => {
  const v = String(h).padStart(2, '0')
  return { label: `${v}时`, value: v }
})
const MINUTES = ['00', '15', '30', '45'].map((m) => ({ label: `${m}分`, value: m }))

/** A time of a report slot (`morning.start`) or of an 一日两检 window (`onsite.morning.start`). */
type TimeKey = `${'' | 'onsite.'}${Slot}.${'start' | 'end'}`

const slotsOfKey = (key: TimeKey) => (key.startsWith('onsite.') ? 'onsiteSlots' : 'slots')
const partsOf = (key: TimeKey) => key.replace(/^onsite\./, '').split('.') as [Slot, 'start' | 'end']

function toForm(r: ScreeningRules): RulesForm {
  return {
    effectiveFrom: r.effectiveFrom,
    homeProvince: r.homeProvince,
    riskAreas: r.riskAreas.map((a) => ({ ...a })),
    lookbackDays: r.lookbackDays,
    outOfProvinceIsKeyPerson: r.outOfProvinceIsKeyPerson,
    quarantineDays: r.quarantineDays,
    feverThreshold: r.feverThreshold,
    slots: { morning: { ...r.slots.morning }, afternoon: { ...r.slots.afternoon } },
    onsiteSlots: {
      morning: { ...onsiteSlotsOf(r).morning },
      afternoon: { ...onsiteSlotsOf(r).afternoon },
    },
  }
}

function RulesContent({ account, confirm }: { account: Account; confirm: (o: ConfirmOptions) => void }) {
  const remote = useRemote(
    async () => {
      const [{ rules }, status] = await Promise.all([healthApi.getRules(), healthApi.myStatus()])
      return { rules, today: status.today }
    },
    [],
    { refreshOnShow: false },
  )
  if (!remote.data) {
    if (remote.status === 'error')
      return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
    return <LoadingBlock rows={5} />
  }
  return <RulesEditor account={account} confirm={confirm} {...remote.data} />
}

/** The rules in force, as a form that saves a new version (read only for a community admin). */
function RulesEditor({
  account,
  confirm,
  rules: current,
  today,
}: {
  account: Account
  confirm: (o: ConfirmOptions) => void
  rules: ScreeningRules
  /** The functions' today: a new version takes effect from today on. */
  today: string
}) {
  const [rules, setRules] = useState(current)
  const [form, setForm] = useState<RulesForm>(() => ({
    ...toForm(current),
    effectiveFrom: current.effectiveFrom > today ? current.effectiveFrom : today,
  }))
  const [formError, setFormError] = useState('')
  const [picker, setPicker] = useState<'home' | 'area' | 'date' | TimeKey | null>(null)
  const readOnly = !mayDo(account, ['health', 'setRules'])
  const wide = useWideLayout()

  const patch = (p: Partial<RulesForm>) => {
    setForm({ ...form, ...p })
    setFormError('')
  }
  const setTime = (key: TimeKey, value: string) => {
    const [slot, end] = partsOf(key)
    const which = slotsOfKey(key)
    const slots = form[which] ?? onsiteSlotsOf({})
    patch({ [which]: { ...slots, [slot]: { ...slots[slot], [end]: value } } })
  }

  const save = () => {
    const parsed = setRulesInput.safeParse(form)
    if (!parsed.success) return setFormError(firstIssue(parsed.error))
    const s = parsed.data.slots
    if (s.morning.start >= s.morning.end || s.afternoon.start >= s.afternoon.end)
      return setFormError('每个报备时段的开始时间要早于结束时间')
    if (s.morning.end > s.afternoon.start) return setFormError('上午时段要在下午时段开始前结束')
    const o = onsiteSlotsOf(parsed.data)
    if (o.morning.start >= o.morning.end || o.afternoon.start >= o.afternoon.end)
      return setFormError('一日两检每个时段的开始时间要早于结束时间')
    if (o.morning.end > o.afternoon.start) return setFormError('一日两检上午时段要在下午时段开始前结束')
    confirm({
      title: '保存筛查规则',
      content: `新规则为第 ${rules.version + 1} 版，从 ${parsed.data.effectiveFrom} 起对新的健康申报和体温报备生效；已在隔离的人员不受影响。`,
      confirmText: '保存并生效',
      action: async () => {
        const res = await healthApi.setRules(parsed.data)
        setRules(res.rules)
        toast.success(`已保存为第 ${res.rules.version} 版`)
      },
    })
  }

  const timeValue = (key: TimeKey) => {
    const [slot, end] = partsOf(key)
    return (form[slotsOfKey(key)] ?? onsiteSlotsOf({}))[slot][end]
  }
  const pickingTime = typeof picker === 'string' && picker.includes('.') ? (picker as TimeKey) : null

  return (
    <View className={`rules${wide ? ' rules--wide' : ''}`}>
      <View className="card rules-head">
        <View className="rules-head__title">当前第 {rules.version} 版</View>
        <View className="rules-head__sub">
          自 {rules.effectiveFrom} 起生效 · 修改后保存为新版本，旧版本留档
        </View>
        {readOnly && <View className="rules-head__warn">筛查规则由街道管理员设置，您只能查看。</View>}
      </View>

      {/* One column on a phone; on a PC the areas and conditions left, quarantine, slots and saving right. */}
      <View className="rules__cols">
        <View className="rules__col">
          <View className="section-title">风险地区</View>
          <View className="card form-card">
            <View className="area-tags">
              {form.riskAreas.length === 0 && <Text className="muted">暂无风险地区</Text>}
              {form.riskAreas.map((a, i) => (
                <View className="area-tag" key={`${a.province}-${a.city ?? ''}`}>
                  {a.city ? placeText(a) : `${a.province}（全省）`}
                  {!readOnly && (
                    <Text
                      className="area-tag__x"
                      onClick={() => patch({ riskAreas: form.riskAreas.filter((_, j) => j !== i) })}
                    >
                      ×
                    </Text>
                  )}
                </View>
              ))}
            </View>
            {!readOnly && (
              <View className="add-row" onClick={() => setPicker('area')}>
                ＋ 添加风险地区
              </View>
            )}
          </View>

          <View className="section-title">筛查条件</View>
          <View className="card form-card">
            <Field label="本街道所在省份" hint="从其他省份返回的算“省外返回”">
              <SelectBox
                value={form.homeProvince}
                placeholder="请选择"
                onClick={() => !readOnly && setPicker('home')}
              />
            </Field>
            <View className="rule-line">
              <View className="rule-line__label">回看天数</View>
              <InputNumber
                value={form.lookbackDays}
                min={1}
                max={60}
                disabled={readOnly}
                onChange={(v) => patch({ lookbackDays: Number(v) })}
              />
              <Text className="rule-line__unit">天</Text>
            </View>
            <View className="rule-line">
              <View className="rule-line__label">省外返回列为重点人员</View>
              <Switch
                checked={form.outOfProvinceIsKeyPerson}
                disabled={readOnly}
                onChange={(v) => patch({ outOfProvinceIsKeyPerson: v })}
              />
            </View>
          </View>
        </View>
        <View className="rules__col">
          <View className="section-title">隔离与报备</View>
          <View className="card form-card">
            <View className="rule-line">
              <View className="rule-line__label">居家隔离天数</View>
              <InputNumber
                value={form.quarantineDays}
                min={1}
                max={60}
                disabled={readOnly}
                onChange={(v) => patch({ quarantineDays: Number(v) })}
              />
              <Text className="rule-line__unit">天</Text>
            </View>
            <View className="rule-line">
              <View className="rule-line__label">发热标准</View>
              <InputNumber
                value={form.feverThreshold}
                min={36.5}
                max={38.5}
                step={0.1}
                digits={1}
                disabled={readOnly}
                onChange={(v) => patch({ feverThreshold: Math.round(Number(v) * 10) / 10 })}
              />
              <Text className="rule-line__unit">℃</Text>
            </View>
            {SLOTS.map((slot) => (
              <View className="rule-line" key={slot}>
                <View className="rule-line__label">{slotTitle(slot)}报备时段</View>
                <SelectBox
                  value={form.slots[slot].start}
                  placeholder="开始"
                  onClick={() => !readOnly && setPicker(`${slot}.start`)}
                />
                <Text className="rule-line__unit">至</Text>
                <SelectBox
                  value={form.slots[slot].end}
                  placeholder="结束"
                  onClick={() => !readOnly && setPicker(`${slot}.end`)}
                />
              </View>
            ))}
            {/* 企业一日两检: the enterprises' two check windows, also the street's to set. */}
            {SLOTS.map((slot) => (
              <View className="rule-line" key={`onsite-${slot}`}>
                <View className="rule-line__label">一日两检{slotTitle(slot)}</View>
                <SelectBox
                  value={timeValue(`onsite.${slot}.start`)}
                  placeholder="开始"
                  onClick={() => !readOnly && setPicker(`onsite.${slot}.start`)}
                />
                <Text className="rule-line__unit">至</Text>
                <SelectBox
                  value={timeValue(`onsite.${slot}.end`)}
                  placeholder="结束"
                  onClick={() => !readOnly && setPicker(`onsite.${slot}.end`)}
                />
              </View>
            ))}
          </View>

          <View className="section-title">生效日期</View>
          <View className="card form-card">
            <SelectBox
              value={`${form.effectiveFrom.slice(0, 4)}年${monthDay(form.effectiveFrom)}`}
              placeholder="请选择"
              onClick={() => !readOnly && setPicker('date')}
            />
          </View>

          {readOnly ? (
            formError && (
              <View className="form-error" role="alert">
                {formError}
              </View>
            )
          ) : (
            <FormFooter error={formError} label="保存为新版本" onSubmit={save} />
          )}
        </View>
      </View>

      <AppPicker
        title="本街道所在省份"
        visible={picker === 'home'}
        options={[PROVINCE_OPTIONS]}
        value={[form.homeProvince]}
        onConfirm={(_o, v) => patch({ homeProvince: String(v[0] ?? form.homeProvince) })}
        onClose={() => setPicker(null)}
      />
      <AppPicker
        title="添加风险地区"
        visible={picker === 'area'}
        options={[AREA_OPTIONS]}
        value={[PROVINCES[0]!, '']}
        onConfirm={(_o, v) => {
          const area: RiskArea = v[1]
            ? { province: String(v[0]), city: String(v[1]) }
            : { province: String(v[0]) }
          const exists = form.riskAreas.some(
            (a) => a.province === area.province && (a.city ?? '') === (area.city ?? ''),
          )
          if (exists) return toast.info('已经在列表里了')
          patch({ riskAreas: [...form.riskAreas, area] })
        }}
        onClose={() => setPicker(null)}
      />
      <AppPicker
        title={
          pickingTime
            ? `${pickingTime.startsWith('onsite.') ? '一日两检' : ''}${slotTitle(partsOf(pickingTime)[0])}${pickingTime.endsWith('start') ? '开始' : '结束'}时间`
            : ''
        }
        visible={pickingTime !== null}
        options={[HOURS, MINUTES]}
        value={pickingTime ? timeValue(pickingTime).split(':') : ['00', '00']}
        onConfirm={(_o, v) => pickingTime && setTime(pickingTime, `${String(v[0])}:${String(v[1])}`)}
        onClose={() => setPicker(null)}
      />
      {today && (
        <AppDatePicker
          title="生效日期"
          visible={picker === 'date'}
          value={form.effectiveFrom}
          min={today}
          max={addDays(today, 90)}
          onConfirm={(day) => patch({ effectiveFrom: day })}
          onClose={() => setPicker(null)}
        />
      )}
    </View>
  )
}

function RulesPage() {
  const { dialog, confirm } = useConfirm()
  return (
    <PageShell className="health">
      <AccountGate action={['health', 'getRules']} audience={['admin']}>
        {(account) => (
          <View>
            <RulesContent account={account} confirm={confirm} />
            <RetentionNote />
          </View>
        )}
      </AccountGate>
      {dialog}
    </PageShell>
  )
}

export default RulesPage
