import { Image, Input, Radio, type PickerOption } from '@nutui/nutui-react-taro'
import { AppPicker } from '../../../components/AppPicker'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ScopeTree } from '../../../../shared/account'
import { SYMPTOM_LABELS, SYMPTOMS } from '../../../../shared/health'
import { TERMS } from '../../../../shared/words'
import { DateField } from '../../../components/DateField'
import { Field, SelectBox } from '../../../components/Field'
import { errorMessage, uploadFile } from '../../../services/cloud'
import { addDays } from '../../../utils/format'
import type { BlurField, DeclareErrors, DeclareFormState } from './declareForm'
import { idNumberError } from './declareForm'
import { HEALTH_DIR } from './labels'
import { citiesOf, placeText, PROVINCES } from './regions'

/** What every section of the declaration gets: the form, its errors, and the ways to change them. */
export interface SectionProps {
  form: DeclareFormState
  errors: DeclareErrors
  /** Sets a field (to a value, or from its latest value) and clears its error. */
  set: <K extends keyof DeclareFormState>(
    k: K,
    v: DeclareFormState[K] | ((old: DeclareFormState[K]) => DeclareFormState[K]),
  ) => void
  setError: (k: keyof DeclareFormState, message: string | undefined) => void
  blurCheck: (k: BlurField) => void
}

const REGION_OPTIONS: PickerOption[] = PROVINCES.map((p) => ({
  label: p,
  value: p,
  children: citiesOf(p).map((c) => ({ label: c, value: c })),
}))

/** A cascading picker needs a whole path to start from, or it draws one column, off its centre line. */
const FIRST_PLACE = [PROVINCES[0]!, citiesOf(PROVINCES[0]!)[0]!]

/** 基本信息: name, ID number (its check digit checked on the spot), phone. */
export function BasicSection({ form, errors, set, setError, blurCheck }: SectionProps) {
  return (
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
          onBlur={() => setError('idNumber', idNumberError(form.idNumber))}
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
  )
}

/** 现在住在哪里: community and grid (picked from the street's), building and room. */
export function HomeSection({
  form,
  errors,
  set,
  setError,
  blurCheck,
  scopes,
}: SectionProps & { scopes: ScopeTree }) {
  const [picker, setPicker] = useState<'community' | 'grid' | null>(null)
  const communities = scopes.communities.filter((c) => c.grids.length)
  const community = communities.find((c) => c._id === form.communityId)
  const grid = community?.grids.find((g) => g._id === form.gridId)
  const communityOptions = communities.map((c) => ({ label: c.name, value: c._id }))
  const gridOptions = (community?.grids ?? []).map((g) => ({ label: g.name, value: g._id }))
  return (
    <View className="card form-card">
      <Field label="所在社区" required error={errors.communityId}>
        <SelectBox value={community?.name} placeholder="请选择社区" onClick={() => setPicker('community')} />
      </Field>
      <Field
        label="所在网格"
        required
        error={errors.gridId}
        hint={`网格是${TERMS.网格}；不清楚可以问楼长或社区`}
      >
        <SelectBox
          value={grid?.name}
          placeholder={community ? '请选择网格' : '请先选择社区'}
          onClick={() => (community ? setPicker('grid') : setError('gridId', '请先选择社区'))}
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
      <AppPicker
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
      <AppPicker
        title="选择网格"
        visible={picker === 'grid'}
        options={[gridOptions]}
        value={[form.gridId || (gridOptions[0]?.value ?? '')]}
        onConfirm={(_o, v) => set('gridId', String(v[0] ?? ''))}
        onClose={() => setPicker(null)}
      />
    </View>
  )
}

/** 从哪里来: the city returned from, the day of arrival (the functions' today at most), other places. */
export function TravelSection({ form, errors, set, setError, today }: SectionProps & { today: string }) {
  /** 'from', or the index of the place being picked. */
  const [picker, setPicker] = useState<'from' | number | null>(null)
  const placeIndex = typeof picker === 'number' ? picker : -1
  const picking = placeIndex >= 0 ? form.placesStayed[placeIndex] : undefined
  return (
    <View className="card form-card">
      <Field label="从哪个城市返回" required error={errors.fromProvince || errors.fromCity}>
        <SelectBox
          value={form.fromProvince ? placeText({ province: form.fromProvince, city: form.fromCity }) : ''}
          placeholder="请选择省份和城市"
          onClick={() => setPicker('from')}
          testId="pick-from"
        />
      </Field>
      <Field label="到达本地的日期" required error={errors.arrivalDate}>
        <DateField
          title="到达日期"
          value={form.arrivalDate}
          onChange={(d) => set('arrivalDate', d)}
          min={addDays(today, -60)}
          max={today}
          suggest={today}
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
            <SelectBox
              value={p.province ? placeText(p) : ''}
              placeholder="请选择省份和城市"
              onClick={() => setPicker(i)}
            />
            <View
              className="place-row__del"
              onClick={() => set('placesStayed', (ps) => ps.filter((_, j) => j !== i))}
            >
              删除
            </View>
          </View>
        ))}
        {form.placesStayed.length < 20 && (
          <View
            className="add-row"
            onClick={() => {
              set('placesStayed', (ps) => [...ps, { province: '', city: '' }])
              setPicker(form.placesStayed.length)
            }}
          >
            ＋ 添加地点
          </View>
        )}
      </Field>
      <AppPicker
        title="从哪里返回"
        visible={picker === 'from'}
        options={[REGION_OPTIONS]}
        value={form.fromProvince ? [form.fromProvince, form.fromCity] : FIRST_PLACE}
        onConfirm={(_o, v) => {
          set('fromProvince', String(v[0] ?? ''))
          set('fromCity', String(v[1] ?? v[0] ?? ''))
          setError('fromProvince', undefined)
        }}
        onClose={() => setPicker(null)}
      />
      <AppPicker
        title="到过的地方"
        visible={placeIndex >= 0}
        options={[REGION_OPTIONS]}
        value={picking?.province ? [picking.province, picking.city] : FIRST_PLACE}
        onConfirm={(_o, v) => {
          const place = { province: String(v[0] ?? ''), city: String(v[1] ?? '') }
          set('placesStayed', (ps) => ps.map((p, j) => (j === placeIndex ? place : p)))
        }}
        onClose={() => {
          // A row added but never picked is dropped again.
          set('placesStayed', (ps) => ps.filter((p) => p.province))
          setPicker(null)
        }}
      />
    </View>
  )
}

/** 健康状况: contact with cases (no default: it must be answered), symptoms. */
export function HealthSection({ form, errors, set }: SectionProps) {
  return (
    <View className="card form-card">
      <Field label="是否接触过确诊或疑似病例" required error={errors.contactWithCases}>
        <Radio.Group
          className="chip-row"
          value={form.contactWithCases}
          direction="horizontal"
          onChange={(v) => set('contactWithCases', String(v) as DeclareFormState['contactWithCases'])}
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
                onClick={() => set('symptoms', (xs) => (on ? xs.filter((x) => x !== s) : [...xs, s]))}
              >
                {on ? '✓ ' : ''}
                {SYMPTOM_LABELS[s]}
              </View>
            )
          })}
        </View>
      </Field>
    </View>
  )
}

/** 工作单位: the enterprise code (from the employer's QR), a health certificate for food and service staff. */
export function WorkSection({
  form,
  errors,
  set,
  blurCheck,
  employee,
  fromQr,
  onError,
}: SectionProps & { employee: boolean; fromQr: boolean; onError: (message: string) => void }) {
  const [certUrl, setCertUrl] = useState('')
  const [uploading, setUploading] = useState(false)

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
      if (!/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''))) onError(errorMessage(e))
    } finally {
      setUploading(false)
    }
  }

  return (
    <View className="card form-card">
      <Field
        label={employee ? '加入码' : '加入码（选填）'}
        error={errors.enterpriseCode}
        hint={
          fromQr
            ? '已从单位的二维码带入'
            : employee
              ? '企业发给职工的6位码；扫企业海报上的二维码会自动带入'
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
  )
}
