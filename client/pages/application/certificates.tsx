// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Input, type PickerOption } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { uploadCertificateInput } from '../../../shared/schemas/supplies'
import { APP_PAGES } from '../../../shared/routes'
import { AccountGate } from '../../components/AccountGate'
import { AppPicker } from '../../components/AppPicker'
import { DateField } from '../../components/DateField'
import { Field, SelectBox } from '../../components/Field'
import { FormFooter } from '../../components/FormFooter'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { newRequestId, type Reply } from '../../services/api'
import { certificateApi } from '../../services/supplies'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useSubmit } from '../../utils/useSubmit'
import { CertificateCard } from './parts/CertificateCard'
import { CertificateStaff } from './parts/CertificateStaff'
import { UploadField } from './parts/UploadField'
import { issuesByPath } from './parts/useFormState'
import './parts/parts.scss'
import './certificates.scss'

type Mine = Reply<'certificate', 'mine'>

function UploadForm({ shops, onDone }: { shops: Mine['shops']; onDone: () => void }) {
  const [enterpriseId, setEnterpriseId] = useState(shops[0]?._id ?? '')
  const [picking, setPicking] = useState(false)
  const [photos, setPhotos] = useState<string[]>([])
  const [number, setNumber] = useState('')
  const [authority, setAuthority] = useState('')
  const [expiresOn, setExpiresOn] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const requestId = useRef(newRequestId())
  const submit = useSubmit()
  const options: PickerOption[] = shops.map((s) => ({ label: s.name, value: s._id }))
  const send = () =>
    submit.run(async () => {
      const parsed = uploadCertificateInput.safeParse({
        enterpriseId,
        photo: photos[0] ?? '',
        number,
        authority,
        expiresOn,
        requestId: requestId.current,
      })
      if (!parsed.success) {
        const e = issuesByPath(parsed.error.issues)
        return setErrors({
          ...e,
          ...(e.photo ? { photo: '请拍照上传健康证' } : {}),
          ...(e.expiresOn ? { expiresOn: '请选择有效期至' } : {}),
        })
      }
      setErrors({})
      await certificateApi.upload(parsed.data)
      toast.success('已上传，等待网格员核验')
      requestId.current = newRequestId()
      setPhotos([])
      setNumber('')
      setAuthority('')
      setExpiresOn('')
      onDone()
    })
  return (
    <View className="card hc-form">
      {shops.length > 1 && (
        <Field label="门店">
          <SelectBox
            value={shops.find((s) => s._id === enterpriseId)?.name}
            placeholder="请选择门店"
            onClick={() => setPicking(true)}
          />
        </Field>
      )}
      <Field label="健康证照片" required error={errors.photo}>
        <UploadField value={photos} onChange={setPhotos} dir="certificates" addText="拍照上传" />
      </Field>
      <Field label="健康证编号" required error={errors.number}>
        <Input
          className="app-input"
          placeholder="证件上的编号"
          maxLength={40}
          value={number}
          onChange={setNumber}
        />
      </Field>
      <Field label="发证机构" required error={errors.authority}>
        <Input
          className="app-input"
          placeholder="如：东湖区疾病预防控制中心"
          maxLength={40}
          value={authority}
          onChange={setAuthority}
        />
      </Field>
      <Field label="有效期至" required error={errors.expiresOn}>
        <DateField
          value={expiresOn}
          onChange={setExpiresOn}
          title="有效期至"
          days={800}
          testId="expires-on"
        />
      </Field>
      <FormFooter
        inline
        error={submit.error}
        busy={submit.busy}
        label="上传健康证"
        onSubmit={() => void send()}
      />
      <AppPicker
        title="选择门店"
        visible={picking}
        options={[options]}
        value={[enterpriseId]}
        onConfirm={(_o, v) => setEnterpriseId(String(v[0] ?? enterpriseId))}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

function Certificates({ owner }: { owner: boolean }) {
  const mine = useRemote(() => certificateApi.mine(), [])
  usePullDownRefresh(() => {
    void mine.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  if (mine.status === 'loading') return <LoadingBlock cards={2} rows={3} />
  if (mine.status === 'error' || !mine.data)
    return <ErrorBlock message={mine.error} onRetry={() => void mine.reload(false)} />
  const { items, shops } = mine.data
  return (
    <View>
      {owner && (
        <View
          className="card hc-staff"
          data-testid="to-staff"
          onClick={() => openPage(APP_PAGES.certificateStaff)}
        >
          <View>
            <View className="hc-staff__name">员工健康证</View>
            <View className="hc-staff__sub">门店员工谁可以上岗、谁的证快到期</View>
          </View>
          <Text className="hc-link">查看 ›</Text>
        </View>
      )}
      <View className={`section-title${owner ? '' : ' section-title--first'}`}>上传健康证</View>
      {shops.length ? (
        <UploadForm shops={shops} onDone={() => void mine.reload(true)} />
      ) : (
        <EmptyBlock
          title="还没有加入门店"
          description="五小门店（餐饮、理发、小超市）的员工，先用门店的加入码做健康申报，再上传健康证。"
        />
      )}
      <View className="section-title">我的健康证</View>
      {items.length === 0 ? (
        <EmptyBlock title="还没有上传" description="新员工持有效健康证才能上岗；上传后由网格员核验。" />
      ) : (
        items.map((c) => <CertificateCard key={c._id} c={c} />)
      )}
    </View>
  )
}

/**
 * 健康证, one page for everyone its home entry admits: staff of a shop upload theirs (an owner also opens the
 * staff list); the grid worker and admins verify (the staff page's view).
 */
function CertificatesPage() {
  const { dialog, confirm } = useConfirm()
  return (
    <PageShell>
      <AccountGate action={['certificate', 'mine']}>
        {(account) =>
          account.role === 'owner' || account.role === 'employee' ? (
            <Certificates owner={account.role === 'owner'} />
          ) : (
            <CertificateStaff account={account} confirm={confirm} />
          )
        }
      </AccountGate>
      {dialog}
    </PageShell>
  )
}

export default CertificatesPage
