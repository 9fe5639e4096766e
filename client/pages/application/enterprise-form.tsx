// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Input, type PickerOption } from '@nutui/nutui-react-taro'
import { AppPicker } from '../../components/AppPicker'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { ENTERPRISE_KINDS, ENTERPRISE_KIND_LABELS, type EnterpriseKind } from '../../../shared/enterprise'
import { enterpriseFields } from '../../../shared/schemas/application'
import { TERMS } from '../../../shared/words'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { ErrorBlock, LoadingBlock } from '../../components/StateView'
import { applicationApi } from '../../services/application'
import type { Input as ActionInput, Reply } from '../../services/api'
import { CloudError, errorMessage } from '../../services/cloud'
import type { ScopeTree as Scopes } from '../../../shared/account'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { useDraft, useKeepDraft } from '../../utils/draft'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { ChoiceCards } from '../../components/ChoiceCards'
import { DraftNote } from '../../components/DraftNote'
import { Field, SelectBox } from '../../components/Field'
import { FormSection } from './parts/FormSection'
import { loadScopes } from './parts/scopes'
import { UploadField } from './parts/UploadField'
import { fieldId, scrollToFirstError, useFormState, type Errors } from './parts/useFormState'
import './parts/parts.scss'
import { FormFooter } from '../../components/FormFooter'

type Enterprise = Reply<'application', 'get'>['enterprise']
type EnterpriseInput = ActionInput<'application', 'registerEnterprise'>

interface Values {
  name: string
  creditCode: string
  kind: EnterpriseKind | ''
  industry: string
  address: string
  communityId: string
  gridId: string
  legalRepresentative: string
  contactName: string
  contactPhone: string
  licence: string[]
}

type Key = Exclude<keyof Values, 'licence'>

const ORDER: Key[] = [
  'name',
  'creditCode',
  'kind',
  'industry',
  'address',
  'communityId',
  'gridId',
  'legalRepresentative',
  'contactName',
  'contactPhone',
]

const REQUIRED: Record<Key, string> = {
  name: '请填写企业名称',
  creditCode: '请填写统一社会信用代码',
  kind: '请选择企业类型',
  industry: '请填写所属行业',
  address: '请填写经营地址',
  communityId: '请选择所属社区',
  gridId: '请选择所属网格',
  legalRepresentative: '请填写法定代表人姓名',
  contactName: '请填写联系人姓名',
  contactPhone: '请填写联系电话',
}

const KIND_HINTS: Record<EnterpriseKind, string> = {
  large: TERMS.规上企业,
  small: TERMS.规下企业,
  shop: '个体户，小餐饮、小超市、小作坊、小理发店等五小门店',
}

const INDUSTRIES = ['零售', '餐饮', '制造', '建筑', '物流', '住宿', '美容美发', '维修服务']

/** One field's message: the required prompt when empty, else the shared schema's own words. */
function check(key: Key, value: string): string | undefined {
  if (!value.trim()) return REQUIRED[key]
  const res = enterpriseFields.shape[key].safeParse(value)
  return res.success ? undefined : res.error.issues[0]?.message
}

function toValues(e?: Enterprise): Values {
  return {
    name: e?.name ?? '',
    creditCode: e?.creditCode ?? '',
    kind: e?.kind ?? '',
    industry: e?.industry ?? '',
    address: e?.address ?? '',
    communityId: e?.communityId ?? '',
    gridId: e?.gridId ?? '',
    legalRepresentative: e?.legalRepresentative ?? '',
    contactName: e?.contactName ?? '',
    contactPhone: e?.contactPhone ?? '',
    licence: e?.licencePhoto ? [e.licencePhoto] : [],
  }
}

function EnterpriseForm({
  scopes,
  existing,
  accountId,
}: {
  scopes: Scopes
  existing?: Enterprise
  accountId: string
}) {
  const draft = useDraft(`enterprise.${accountId}.${existing?._id ?? 'new'}`, toValues(existing))
  const f = useFormState<Values>(draft.initial)
  useKeepDraft(draft, f.values)
  const { values: v, errors } = f
  const [picker, setPicker] = useState<'community' | 'grid' | null>(null)
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState('')
  const [tried, setTried] = useState(false)
  const [mineId, setMineId] = useState('')
  const open = Object.keys(errors).length

  const communities = useMemo(() => scopes.communities.filter((c) => c.grids.length > 0), [scopes])
  const community = communities.find((c) => c._id === v.communityId)
  const grid = community?.grids.find((g) => g._id === v.gridId)
  const communityOptions: PickerOption[] = communities.map((c) => ({ label: c.name, value: c._id }))
  const gridOptions: PickerOption[] = (community?.grids ?? []).map((g) => ({ label: g.name, value: g._id }))

  const blur = (key: Key) => f.setError(key, check(key, String(f.current()[key])))

  const text = (key: Key, placeholder: string, opts: { maxLength?: number; type?: 'tel' | 'text' } = {}) => (
    <Input
      className="app-input"
      value={v[key]}
      placeholder={placeholder}
      maxLength={opts.maxLength ?? 60}
      type={opts.type ?? 'text'}
      clearable
      onChange={(val) => f.set(key, val)}
      onBlur={() => blur(key)}
    />
  )

  const allErrors = (cur: Values): Errors => {
    const errs: Errors = {}
    for (const key of ORDER) {
      if (existing && key === 'creditCode') continue
      const msg = check(key, String(cur[key]))
      if (msg) errs[key] = msg
    }
    return errs
  }

  const submit = async () => {
    const cur = f.current()
    const errs = allErrors(cur)
    f.setErrors(errs)
    setFormError('')
    if (Object.keys(errs).length) {
      // From now on "还有 N 项" follows the form as it is filled in.
      f.checkLive(allErrors)
      setTried(true)
      scrollToFirstError(errs, ORDER)
      return
    }
    const input: EnterpriseInput = {
      name: cur.name.trim(),
      creditCode: cur.creditCode.trim().toUpperCase(),
      kind: cur.kind as EnterpriseKind,
      industry: cur.industry.trim(),
      address: cur.address.trim(),
      communityId: cur.communityId,
      gridId: cur.gridId,
      legalRepresentative: cur.legalRepresentative.trim(),
      contactName: cur.contactName.trim(),
      contactPhone: cur.contactPhone.trim(),
      ...(cur.licence[0] ? { licencePhoto: cur.licence[0] } : {}),
    }
    setBusy(true)
    try {
      let saved: Enterprise
      if (existing) {
        const { creditCode: _fixed, ...changes } = input
        saved = (await applicationApi.updateEnterprise(existing._id, changes)).enterprise
        toast.success('企业信息已保存')
      } else {
        saved = (await applicationApi.registerEnterprise(input)).enterprise
        toast.success('企业登记成功')
      }
      draft.clear()
      setTimeout(() => {
        void Taro.redirectTo({ url: pageUrl(APP_PAGES.enterprise, { id: saved._id }) })
      }, 600)
    } catch (e) {
      if (e instanceof CloudError && e.code === 'CREDIT_CODE_TAKEN') {
        f.setError('creditCode', e.message)
        // The caller's own enterprise: offer to open it instead.
        setMineId((e.details as { enterpriseId?: string } | undefined)?.enterpriseId ?? '')
      }
      setFormError(errorMessage(e))
      setBusy(false)
    }
  }

  return (
    <View className="ap-form">
      {draft.restored && <DraftNote onDiscard={() => f.reset(draft.discard())} />}
      <FormSection title="基本信息" index={1}>
        <Field label="企业名称" required error={errors.name} id={fieldId('name')}>
          {text('name', '与营业执照一致，如：幸福里便利店')}
        </Field>
        <Field
          label="统一社会信用代码"
          required
          error={errors.creditCode}
          id={fieldId('creditCode')}
          hint={existing ? '信用代码登记后不能修改' : '18位，由数字和大写字母组成，见营业执照'}
        >
          <Input
            className="app-input ap-mono-input"
            value={v.creditCode}
            placeholder="请输入18位统一社会信用代码"
            maxLength={18}
            disabled={!!existing}
            clearable={!existing}
            onChange={(val) => f.set('creditCode', val.toUpperCase().replace(/\s/g, ''))}
            onBlur={() => blur('creditCode')}
          />
          {mineId && (
            <View
              className="ap-link"
              data-testid="open-mine"
              onClick={() => void Taro.redirectTo({ url: pageUrl(APP_PAGES.enterprise, { id: mineId }) })}
            >
              打开这家企业 ›
            </View>
          )}
        </Field>
        <Field label="企业类型" required error={errors.kind} id={fieldId('kind')}>
          <ChoiceCards
            choices={ENTERPRISE_KINDS.map((k) => ({
              value: k,
              label: ENTERPRISE_KIND_LABELS[k],
              hint: KIND_HINTS[k],
            }))}
            value={v.kind}
            onChange={(val) => f.set('kind', val)}
          />
        </Field>
        <Field label="所属行业" required error={errors.industry} id={fieldId('industry')}>
          {text('industry', '如：零售、餐饮、制造', { maxLength: 30 })}
          <View className="ap-quick">
            {INDUSTRIES.map((i) => (
              <Text
                key={i}
                className={`ap-quick__item${v.industry === i ? ' ap-quick__item--on' : ''}`}
                onClick={() => f.set('industry', i)}
              >
                {i}
              </Text>
            ))}
          </View>
        </Field>
      </FormSection>

      <FormSection
        title="经营地点"
        index={2}
        note="请选择企业经营场所所在的社区和网格，由该网格的网格员负责对接。"
      >
        <Field label="经营地址" required error={errors.address} id={fieldId('address')}>
          {text('address', '如：幸福里12号底商', { maxLength: 100 })}
        </Field>
        <Field label="所属社区" required error={errors.communityId} id={fieldId('communityId')}>
          <SelectBox
            value={community?.name}
            placeholder="请选择社区"
            onClick={() => setPicker('community')}
          />
        </Field>
        <Field label="所属网格" required error={errors.gridId} id={fieldId('gridId')}>
          <SelectBox
            value={grid?.name}
            placeholder={community ? '请选择网格' : '请先选择社区'}
            onClick={() => (community ? setPicker('grid') : f.setError('communityId', '请先选择所属社区'))}
          />
        </Field>
      </FormSection>

      <FormSection title="负责人与联系方式" index={3}>
        <Field
          label="法定代表人"
          required
          error={errors.legalRepresentative}
          id={fieldId('legalRepresentative')}
        >
          {text('legalRepresentative', '法定代表人或经营者姓名', { maxLength: 20 })}
        </Field>
        <Field label="联系人" required error={errors.contactName} id={fieldId('contactName')}>
          {text('contactName', '日常联系人姓名', { maxLength: 20 })}
        </Field>
        <Field label="联系电话" required error={errors.contactPhone} id={fieldId('contactPhone')}>
          {text('contactPhone', '11位手机号', { maxLength: 11, type: 'tel' })}
        </Field>
      </FormSection>

      <FormSection
        title="营业执照"
        index={4}
        note="拍摄营业执照正本或副本，文字清晰可辨（选填，可稍后补传）。"
      >
        <UploadField
          value={v.licence}
          onChange={(val) => f.set('licence', val)}
          dir="licences"
          max={1}
          addText="拍照上传"
        />
      </FormSection>

      <FormFooter
        error={formError || (tried && open > 0 ? `还有 ${open} 项需要填写或更正` : '')}
        busy={busy}
        label={existing ? '保存修改' : '提交登记'}
        onSubmit={() => void submit()}
      />

      <AppPicker
        title="选择社区"
        visible={picker === 'community'}
        options={[communityOptions]}
        value={[v.communityId || (communityOptions[0]?.value ?? '')]}
        onConfirm={(_opts, values) => {
          const id = String(values[0] ?? communityOptions[0]?.value ?? '')
          if (id !== v.communityId) f.set('gridId', '')
          f.set('communityId', id)
        }}
        onClose={() => setPicker(null)}
      />
      <AppPicker
        title="选择网格"
        visible={picker === 'grid'}
        options={[gridOptions]}
        value={[v.gridId || (gridOptions[0]?.value ?? '')]}
        onConfirm={(_opts, values) => f.set('gridId', String(values[0] ?? gridOptions[0]?.value ?? ''))}
        onClose={() => setPicker(null)}
      />
    </View>
  )
}

function Content({ id, accountId }: { id?: string; accountId: string }) {
  const remote = useRemote(
    async () => {
      const [scopes, mine] = await Promise.all([
        loadScopes(),
        id ? applicationApi.myEnterprises() : Promise.resolve({ items: [] as Enterprise[] }),
      ])
      const existing = id ? mine.items.find((e) => e._id === id) : undefined
      if (id && !existing) throw new CloudError('NOT_FOUND', '没有找到这家企业')
      return { scopes, existing }
    },
    [id],
    { refreshOnShow: false },
  )
  if (remote.status === 'loading') return <LoadingBlock cards={3} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  return <EnterpriseForm scopes={remote.data.scopes} existing={remote.data.existing} accountId={accountId} />
}

function EnterpriseFormPage() {
  const { params } = useRouter()
  const id = params.id || undefined
  useEffect(() => {
    if (id) Taro.setNavigationBarTitle({ title: '修改企业信息' }).catch(() => undefined)
  }, [id])
  return (
    <PageShell>
      <AccountGate action={['application', 'registerEnterprise']}>
        {(account) => <Content id={id} accountId={account._id} />}
      </AccountGate>
    </PageShell>
  )
}

export default EnterpriseFormPage
