// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, DatePicker, Image, Input, Picker, Radio, type PickerOption } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { idNumberCheckChar } from '../../../shared/checksums'
import { SYMPTOM_LABELS, SYMPTOMS, type Classification } from '../../../shared/health'
import { declareInput } from '../../../shared/schemas/health'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { SubscribeCard } from '../../components/SubscribeCard'
import { ErrorBlock, LoadingBlock } from '../../components/StateView'
import { accountApi } from '../../services/account'
import { errorMessage, uploadFile } from '../../services/cloud'
import { healthApi, type MyStatus, type Quarantine } from '../../services/health'
import type { Account, Scopes } from '../../services/types'
import { HEALTH_PAGES, restartAt } from '../../utils/nav'
import { Field, PickBox } from './parts/Field'
import { addDays, HEALTH_DIR, monthDay } from './parts/labels'
import { citiesOf, placeText, PROVINCES } from './parts/regions'
import './health.scss'

const CARD = HEALTH_PAGES.card

interface Place {
  province: string
  city: string
}

interface FormState {
  name: string
  idNumber: string
  phone: string
  communityId: string
  gridId: string
  building: string
  room: string
  fromProvince: string
  fromCity: string
  arrivalDate: string
  placesStayed: Place[]
  contactWithCases: '' | 'yes' | 'no'
  symptoms: string[]
  enterpriseCode: string
  healthCertificate: string
}

type Errors = Partial<Record<keyof FormState | 'placesStayed', string>>

const REGION_OPTIONS: PickerOption[] = PROVINCES.map((p) => ({
  label: p,
  value: p,
  children: citiesOf(p).map((c) => ({ label: c, value: c })),
}))

/** A cascading picker needs a whole path to start from, or it draws one column, off its centre line. */
const FIRST_PLACE = [PROVINCES[0]!, citiesOf(PROVINCES[0]!)[0]!]

/** The shared schema's message, made specific when only the check digit (the last character) is wrong. */
function idNumberError(raw: string): string | undefined {
  const res = declareInput.shape.idNumber.safeParse(raw)
  if (res.success) return undefined
  const v = raw.trim().toUpperCase()
  if (/^\d{17}[\dX]$/.test(v) && idNumberCheckChar(v.slice(0, 17)) !== v[17])
    return '身份证号最后一位（校验码）不对，请对照身份证逐位核对'
  if (v.length > 0 && v.length !== 18) return `身份证号应为18位，现在是${v.length}位`
  return res.error.issues[0]?.message
}

function toDate(s: string): Date {
  const [y, m, d] = s.split('-').map(Number)
  return new Date(y!, m! - 1, d!)
}

function fromDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

function ResultView({
  classification,
  quarantine,
  onAgain,
}: {
  classification: Classification
  quarantine: Quarantine | null
  onAgain: () => void
}) {
  const key = classification.result === 'keyPerson'
  return (
    <View className={`result-card${key ? ' result-card--key' : ''}`} data-testid="declare-result">
      <View className="result-card__icon">{key ? '!' : '✓'}</View>
      <View className="result-card__title">{key ? '您被列为重点人员' : '申报成功，无需隔离'}</View>
      {key ? (
        <View className="result-card__lead">
          需要居家隔离{quarantine ? ` ${quarantine.totalDays} 天` : ''}
          {quarantine ? `，到 ${monthDay(quarantine.endDate)} 解除` : ''}。每天上午、下午各报备一次体温。
        </View>
      ) : (
        <View className="result-card__lead">请继续做好个人防护。如出现发热、咳嗽，请及时告诉社区。</View>
      )}
      {key && (
        <View className="result-card__reasons">
          <View className="result-card__reasons-title">原因</View>
          {classification.reasons.map((r) => (
            <View key={r} className="result-card__reason">
              · {r}
            </View>
          ))}
        </View>
      )}
      {key && (
        <SubscribeCard
          kind="reportReminder"
          title="体温报备提醒"
          text="到了报备时段快结束还没报备，微信会提醒您一次。"
          label="开启报备提醒"
        />
      )}
      <View className="result-card__actions">
        {key ? (
          <Button type="primary" size="large" block onClick={() => restartAt(CARD)}>
            打开我的隔离卡
          </Button>
        ) : (
          <Button type="primary" size="large" block onClick={() => restartAt('/pages/index/index')}>
            回到首页
          </Button>
        )}
        {!key && (
          <Button fill="none" size="large" block onClick={onAgain}>
            重新填写
          </Button>
        )}
      </View>
    </View>
  )
}

function DeclareForm({ account }: { account: Account }) {
  const router = useRouter()
  const code = (router.params.code ?? '').trim().toUpperCase()
  const [scopes, setScopes] = useState<Scopes | null>(null)
  const [status, setStatus] = useState<MyStatus | null>(null)
  const [loadError, setLoadError] = useState('')
  const [form, setForm] = useState<FormState>(() => ({
    name: account.name,
    idNumber: '',
    phone: '',
    communityId: account.scope.communityId ?? '',
    gridId: account.scope.gridId ?? '',
    building: '',
    room: '',
    fromProvince: '',
    fromCity: '',
    arrivalDate: '',
    placesStayed: [],
    contactWithCases: '',
    symptoms: [],
    enterpriseCode: code,
    healthCertificate: '',
  }))
  const [certUrl, setCertUrl] = useState('')
  const [uploading, setUploading] = useState(false)
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [picker, setPicker] = useState<'community' | 'grid' | 'from' | 'date' | number | null>(null)
  const [done, setDone] = useState<{ classification: Classification; quarantine: Quarantine | null } | null>(
    null,
  )

  const load = useCallback(async () => {
    setLoadError('')
    try {
      const [s, st] = await Promise.all([accountApi.scopes(), healthApi.myStatus()])
      setScopes(s)
      setStatus(st)
    } catch (e) {
      setLoadError(errorMessage(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const communities = useMemo(() => (scopes?.communities ?? []).filter((c) => c.grids.length), [scopes])
  const community = communities.find((c) => c._id === form.communityId)
  const grid = community?.grids.find((g) => g._id === form.gridId)

  if (done) return <ResultView {...done} onAgain={() => setDone(null)} />
  if (!scopes || !status) {
    if (loadError) return <ErrorBlock message={loadError} onRetry={() => void load()} />
    return <LoadingBlock rows={4} />
  }

  const today = status.today
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: v }))
    setErrors((e) => ({ ...e, [k]: undefined }))
  }
  const blurCheck = (k: 'name' | 'phone' | 'building' | 'room' | 'enterpriseCode') => {
    const v = form[k].trim()
    if (k === 'enterpriseCode' && !v) return
    const res = declareInput.shape[k].safeParse(v || undefined)
    setErrors((e) => ({ ...e, [k]: res.success ? undefined : res.error.issues[0]?.message }))
  }

  const chooseCertificate = async () => {
    try {
      const res = await Taro.chooseImage({
        count: 1,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      })
      const path = res.tempFilePaths[0]
      if (!path) return
      setUploading(true)
      const { fileID, url } = await uploadFile(path, HEALTH_DIR)
      set('healthCertificate', fileID)
      setCertUrl(url || path)
    } catch (e) {
      // Cancelling the picker is not an error worth showing.
      if (!/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) setFormError(errorMessage(e))
    } finally {
      setUploading(false)
    }
  }

  const submit = async () => {
    const input = {
      name: form.name,
      idNumber: form.idNumber,
      phone: form.phone,
      communityId: form.communityId,
      gridId: form.gridId,
      building: form.building,
      room: form.room,
      fromProvince: form.fromProvince,
      fromCity: form.fromCity,
      arrivalDate: form.arrivalDate,
      placesStayed: form.placesStayed.map((p) => (p.city ? p : { province: p.province })),
      contactWithCases: form.contactWithCases === '' ? undefined : form.contactWithCases === 'yes',
      symptoms: form.symptoms,
      ...(form.enterpriseCode.trim() ? { enterpriseCode: form.enterpriseCode } : {}),
      ...(form.healthCertificate ? { healthCertificate: form.healthCertificate } : {}),
    }
    const parsed = declareInput.safeParse(input)
    const next: Errors = {}
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const k = issue.path[0] as keyof Errors
        if (!next[k]) next[k] = issue.message
      }
    }
    if (!form.communityId) next.communityId = '请选择所在社区'
    if (!form.gridId) next.gridId = '请选择所在网格'
    if (!form.arrivalDate) next.arrivalDate = '请选择到达日期'
    const idErr = idNumberError(form.idNumber)
    if (idErr) next.idNumber = idErr
    if (next.placesStayed) next.placesStayed = '请为每个地点选择省份'
    setErrors(next)
    if (!parsed.success || Object.values(next).some(Boolean)) {
      setFormError('还有内容没填好，请检查标红的项目')
      return
    }
    setBusy(true)
    setFormError('')
    try {
      setDone(await healthApi.declare(parsed.data))
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    } catch (e) {
      setFormError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const communityOptions = communities.map((c) => ({ label: c.name, value: c._id }))
  const gridOptions = (community?.grids ?? []).map((g) => ({ label: g.name, value: g._id }))
  const placeIndex = typeof picker === 'number' ? picker : -1
  const isEmployee = account.role === 'employee'

  return (
    <View className="declare" data-testid="declare-form">
      {status.quarantine && (
        <View className="notice-card" onClick={() => restartAt(CARD)}>
          您正在居家隔离（第 {status.quarantine.day} 天），每天记得报备体温。
          <Text className="notice-card__link">打开隔离卡 ›</Text>
        </View>
      )}
      <View className="declare-head">
        <View className="declare-head__title">健康申报</View>
        <View className="declare-head__sub">
          请如实填写。信息只用于疫情防控，身份证号只有您本人和街道能看到。
        </View>
      </View>

      <View className="section-title">基本信息</View>
      <View className="card form-card">
        <Field label="姓名" required error={errors.name}>
          <Input
            className="app-input"
            value={form.name}
            maxLength={20}
            placeholder="与身份证一致"
            onChange={(v) => set('name', v)}
            onBlur={() => blurCheck('name')}
          />
        </Field>
        <Field label="身份证号" required error={errors.idNumber}>
          <Input
            className="app-input"
            value={form.idNumber}
            maxLength={18}
            placeholder="18位身份证号"
            onChange={(v) => set('idNumber', v.toUpperCase())}
            onBlur={() => setErrors((e) => ({ ...e, idNumber: idNumberError(form.idNumber) }))}
          />
        </Field>
        <Field label="手机号" required error={errors.phone}>
          <Input
            className="app-input"
            type="tel"
            value={form.phone}
            maxLength={11}
            placeholder="方便社区联系您"
            onChange={(v) => set('phone', v)}
            onBlur={() => blurCheck('phone')}
          />
        </Field>
      </View>

      <View className="section-title">现在住在哪里</View>
      <View className="card form-card">
        <Field label="所在社区" required error={errors.communityId}>
          <PickBox value={community?.name} placeholder="请选择社区" onTap={() => setPicker('community')} />
        </Field>
        <Field label="所在网格" required error={errors.gridId} hint="不清楚可以问楼长或社区">
          <PickBox
            value={grid?.name}
            placeholder={community ? '请选择网格' : '请先选择社区'}
            onTap={() =>
              community ? setPicker('grid') : setErrors((e) => ({ ...e, gridId: '请先选择社区' }))
            }
          />
        </Field>
        <View className="field-row">
          <Field label="楼栋" required error={errors.building}>
            <Input
              className="app-input"
              value={form.building}
              maxLength={20}
              placeholder="如 3"
              onChange={(v) => set('building', v)}
              onBlur={() => blurCheck('building')}
            />
          </Field>
          <Field label="门牌号" required error={errors.room}>
            <Input
              className="app-input"
              value={form.room}
              maxLength={20}
              placeholder="如 501"
              onChange={(v) => set('room', v)}
              onBlur={() => blurCheck('room')}
            />
          </Field>
        </View>
      </View>

      <View className="section-title">从哪里来</View>
      <View className="card form-card">
        <Field label="从哪个城市返回" required error={errors.fromProvince || errors.fromCity}>
          <PickBox
            value={form.fromProvince ? placeText({ province: form.fromProvince, city: form.fromCity }) : ''}
            placeholder="请选择省份和城市"
            onTap={() => setPicker('from')}
            testId="pick-from"
          />
        </Field>
        <Field label="到达本地的日期" required error={errors.arrivalDate}>
          <PickBox
            value={form.arrivalDate ? `${form.arrivalDate.slice(0, 4)}年${monthDay(form.arrivalDate)}` : ''}
            placeholder="请选择日期"
            onTap={() => setPicker('date')}
            testId="pick-date"
          />
        </Field>
        <Field
          label="近14天还到过哪些地方"
          error={errors.placesStayed}
          hint="途经、停留过的城市都填上；没有就不用添加"
        >
          {form.placesStayed.map((p, i) => (
            <View className="place-row" key={i}>
              <PickBox
                value={p.province ? placeText(p) : ''}
                placeholder="请选择省份和城市"
                onTap={() => setPicker(i)}
              />
              <View
                className="place-row__del"
                onClick={() =>
                  set(
                    'placesStayed',
                    form.placesStayed.filter((_, j) => j !== i),
                  )
                }
              >
                删除
              </View>
            </View>
          ))}
          {form.placesStayed.length < 20 && (
            <View
              className="add-row"
              onClick={() => {
                set('placesStayed', [...form.placesStayed, { province: '', city: '' }])
                setPicker(form.placesStayed.length)
              }}
            >
              ＋ 添加地点
            </View>
          )}
        </Field>
      </View>

      <View className="section-title">健康状况</View>
      <View className="card form-card">
        <Field label="是否接触过确诊或疑似病例" required error={errors.contactWithCases}>
          <Radio.Group
            className="chip-row"
            value={form.contactWithCases}
            direction="horizontal"
            onChange={(v) => set('contactWithCases', String(v) as FormState['contactWithCases'])}
          >
            <Radio value="no" shape="button" className="chip-choice">
              没有接触
            </Radio>
            <Radio value="yes" shape="button" className="chip-choice">
              有接触
            </Radio>
          </Radio.Group>
        </Field>
        <Field label="目前有没有以下症状" hint="可多选；没有症状就不选">
          <View className="chip-row">
            {SYMPTOMS.map((s) => {
              const on = form.symptoms.includes(s)
              return (
                <View
                  key={s}
                  className={`chip-toggle${on ? ' chip-toggle--on' : ''}`}
                  onClick={() =>
                    set('symptoms', on ? form.symptoms.filter((x) => x !== s) : [...form.symptoms, s])
                  }
                >
                  {on ? '✓ ' : ''}
                  {SYMPTOM_LABELS[s]}
                </View>
              )
            })}
          </View>
        </Field>
      </View>

      <View className="section-title">工作单位</View>
      <View className="card form-card">
        <Field
          label={isEmployee ? '企业码' : '企业码（选填）'}
          error={errors.enterpriseCode}
          hint={
            code
              ? '已从单位的二维码带入'
              : isEmployee
                ? '单位负责人给的6位码；扫单位的二维码会自动带入'
                : '没有工作单位的居民不用填'
          }
        >
          <Input
            className="app-input app-input--code"
            value={form.enterpriseCode}
            maxLength={6}
            placeholder="6位字母或数字"
            onChange={(v) => set('enterpriseCode', v.toUpperCase())}
            onBlur={() => blurCheck('enterpriseCode')}
          />
        </Field>
        <Field label="健康证（选填）" hint="餐饮、理发等食品和服务类门店的从业人员请上传">
          <View className="cert-box">
            {form.healthCertificate ? (
              <View className="cert-box__done">
                <Image src={certUrl} width={88} height={88} radius={8} mode="aspectFill" />
                <View className="cert-box__side">
                  <View className="cert-box__ok">已上传</View>
                  <View
                    className="cert-box__remove"
                    onClick={() => {
                      set('healthCertificate', '')
                      setCertUrl('')
                    }}
                  >
                    重新上传
                  </View>
                </View>
              </View>
            ) : (
              <View className="cert-box__add" onClick={() => void chooseCertificate()}>
                {uploading ? '正在上传…' : '＋ 拍照或从相册选择'}
              </View>
            )}
          </View>
        </Field>
      </View>

      <View className="declare-promise">本人承诺以上信息真实，如有隐瞒愿承担相应责任。</View>
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <View className="form-actions">
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          提交申报
        </Button>
      </View>

      <Picker
        title="选择社区"
        visible={picker === 'community'}
        options={[communityOptions]}
        value={[form.communityId || (communityOptions[0]?.value ?? '')]}
        onConfirm={(_o, v) => {
          const id = String(v[0] ?? '')
          if (id !== form.communityId) set('gridId', '')
          set('communityId', id)
        }}
        onClose={() => setPicker(null)}
      />
      <Picker
        title="选择网格"
        visible={picker === 'grid'}
        options={[gridOptions]}
        value={[form.gridId || (gridOptions[0]?.value ?? '')]}
        onConfirm={(_o, v) => set('gridId', String(v[0] ?? ''))}
        onClose={() => setPicker(null)}
      />
      <Picker
        title="从哪里返回"
        visible={picker === 'from'}
        options={[REGION_OPTIONS]}
        value={form.fromProvince ? [form.fromProvince, form.fromCity] : FIRST_PLACE}
        onConfirm={(_o, v) => {
          setForm((f) => ({ ...f, fromProvince: String(v[0] ?? ''), fromCity: String(v[1] ?? v[0] ?? '') }))
          setErrors((e) => ({ ...e, fromProvince: undefined, fromCity: undefined }))
        }}
        onClose={() => setPicker(null)}
      />
      <Picker
        title="到过的地方"
        visible={placeIndex >= 0}
        options={[REGION_OPTIONS]}
        value={
          placeIndex >= 0 && form.placesStayed[placeIndex]?.province
            ? [form.placesStayed[placeIndex]!.province, form.placesStayed[placeIndex]!.city]
            : FIRST_PLACE
        }
        onConfirm={(_o, v) => {
          const place = { province: String(v[0] ?? ''), city: String(v[1] ?? '') }
          set(
            'placesStayed',
            form.placesStayed.map((p, j) => (j === placeIndex ? place : p)),
          )
        }}
        onClose={() => {
          // A row added but never picked is dropped again.
          setForm((f) => ({ ...f, placesStayed: f.placesStayed.filter((p) => p.province) }))
          setPicker(null)
        }}
      />
      <DatePicker
        title="到达日期"
        type="date"
        visible={picker === 'date'}
        showChinese
        value={toDate(form.arrivalDate || today)}
        startDate={toDate(addDays(today, -60))}
        endDate={toDate(today)}
        onConfirm={(_o, v) =>
          set('arrivalDate', fromDate(new Date(Number(v[0]), Number(v[1]) - 1, Number(v[2]))))
        }
        onClose={() => setPicker(null)}
      />
    </View>
  )
}

function DeclarePage() {
  return (
    <PageShell className="health">
      <AccountGate roles={['owner', 'employee', 'resident']}>
        {(account) => <DeclareForm account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default DeclarePage
