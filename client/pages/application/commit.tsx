// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Share } from '@nutui/icons-react-taro'
import { Button, Checkbox, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import { COMMITMENT_PARTIES, type CommitmentParty } from '../../../shared/application'
import { commitInput } from '../../../shared/schemas/application'
import { AccountGate } from '../../components/AccountGate'
import { ContactList } from '../../components/ContactList'
import { TermNote } from '../../components/TermNote'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm, type ConfirmOptions } from '../../components/useConfirm'
import { applicationApi } from '../../services/application'
import type { Reply } from '../../services/api'
import { IS_H5 } from '../../services/cloud'
import type { AccountView as Account } from '../../../shared/account'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { dateTime } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { signableParties } from './parts/access'
import {
  COMMITMENT_CLAUSES,
  COMMITMENT_TITLE,
  commitmentIntro,
  SIGN_BUTTON,
  SIGNER_LABEL,
} from './parts/commitmentText'
import { PARTY_LABELS } from './parts/labels'
import { useScopeNames } from './parts/scopes'
import { StatusTag } from './parts/StatusTag'
import './parts/parts.scss'
import './commit.scss'

type Application = Reply<'application', 'get'>['application']
type ApplicationBundle = Reply<'application', 'get'>

function defaultSigner(party: CommitmentParty, bundle: ApplicationBundle, account: Account): string {
  if (party === 'enterprise') return bundle.enterprise.legalRepresentative
  if (party === 'person') return bundle.application.form.safetyOfficer?.name ?? account.name
  return account.name
}

function SignForm({
  party,
  bundle,
  account,
  confirm,
  onSigned,
}: {
  party: CommitmentParty
  bundle: ApplicationBundle
  account: Account
  confirm: (o: ConfirmOptions) => void
  onSigned: (app: Application) => void
}) {
  const [name, setName] = useState(defaultSigner(party, bundle, account))
  const [agreed, setAgreed] = useState(false)
  const [error, setError] = useState('')
  const app = bundle.application

  const sign = () => {
    const parsed = commitInput.safeParse({
      applicationId: app._id,
      party,
      signerName: name,
      agreed: agreed || undefined,
    })
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写内容')
    setError('')
    confirm({
      title: `签署${PARTY_LABELS[party]}承诺`,
      content: `确认以“${parsed.data.signerName}”的名义签署${PARTY_LABELS[party]}承诺？签署后不能撤回。`,
      confirmText: '确认签署',
      action: async () => {
        const { application } = await applicationApi.commit(app._id, party, parsed.data.signerName)
        toast.success(application.status === 'reopened' ? '三方承诺已全部签署' : '签署成功')
        onSigned(application)
      },
    })
  }

  return (
    <View className="cm-sign" data-testid={`sign-${party}`}>
      <View className="cm-sign__label">{SIGNER_LABEL[party]}</View>
      <Input
        className="app-input"
        value={name}
        maxLength={20}
        placeholder="签署人姓名"
        clearable
        onChange={(v) => {
          setName(v)
          setError('')
        }}
      />
      <View
        className="cm-sign__agree"
        onClick={() => {
          setAgreed(!agreed)
          setError('')
        }}
      >
        <Checkbox checked={agreed} className="cm-sign__box" />
        <Text>我已阅读并同意以上承诺</Text>
      </View>
      {error && (
        <View className="field__error" role="alert">
          {error}
        </View>
      )}
      <Button type="primary" size="large" block onClick={sign}>
        {SIGN_BUTTON[party]}
      </Button>
    </View>
  )
}

/**
 * Who signs for the community: the grid worker of the enterprise's grid, who was sent a message when the
 * application was approved. In the mini-program the owner may also share the page with them.
 */
function CommunitySigner({ signer }: { signer: ApplicationBundle['communitySigner'] }) {
  return (
    <View className="card cm-share" data-testid="community-signer">
      <View className="cm-share__title">还需社区签署</View>
      {signer ? (
        <>
          <View className="muted">已通知所在网格的网格员，他会核实后代表社区签署，签好后您会收到消息。</View>
          <ContactList contacts={[signer]} testId="signer-contact" plain />
        </>
      ) : (
        <View className="muted">您所在的网格暂时没有网格员，请联系社区，由社区管理员代表社区签署。</View>
      )}
      {!IS_H5 && (
        <Button type="primary" fill="outline" size="large" block openType="share" icon={<Share size={16} />}>
          把承诺书发给网格员
        </Button>
      )}
    </View>
  )
}

function Commit({ id, account }: { id: string; account: Account }) {
  const remote = useRemote(() => applicationApi.get(id), [id])
  const { dialog, confirm } = useConfirm()
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useShareAppMessage(() => ({
    title: `${remote.data?.application.enterpriseName ?? ''}复工三方承诺书，请社区签署`,
    path: pageUrl(APP_PAGES.commit, { id }),
  }))
  const bundle = remote.data
  const names = useScopeNames(bundle?.application.communityId, bundle?.application.gridId)

  if (remote.status === 'loading') return <LoadingBlock cards={3} rows={4} />
  if (remote.status === 'error' || !bundle)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  const app = bundle.application
  const mine = signableParties(account, app)
  const open = app.status === 'approved'
  const done = app.status === 'reopened' || app.status === 'revoked'

  const onSigned = (next: Application) => {
    remote.setData({ ...bundle, application: { ...app, ...next } })
    void remote.reload(true)
  }

  return (
    <View>
      <View className={`card cm-state cm-state--${done ? 'done' : open ? 'open' : 'wait'}`}>
        <View className="cm-state__top">
          <Text className="cm-state__name">{app.enterpriseName}</Text>
          <StatusTag status={app.status} />
        </View>
        <View className="cm-state__text" data-testid="commit-state">
          {done
            ? '三方承诺已全部签署，复工公示牌已生成。'
            : open
              ? `已签署 ${COMMITMENT_PARTIES.filter((p) => app.commitments[p]).length}/3 方，全部签署后自动生成复工公示牌。`
              : '三方审核通过后才能签署承诺。'}
        </View>
        {account.role === 'owner' && !done && <TermNote terms={['三方承诺', '社区', '复工责任人']} />}
        {done && (
          <Button
            type="primary"
            size="large"
            block
            onClick={() => openPage(pageUrl(APP_PAGES.plate, { id: app._id }))}
          >
            查看复工公示牌
          </Button>
        )}
      </View>

      {open && account.role === 'owner' && !app.commitments.community && (
        <CommunitySigner signer={bundle.communitySigner} />
      )}

      <View className="card cm-doc">
        <View className="cm-doc__title">{COMMITMENT_TITLE}</View>
        <View className="cm-doc__intro">{commitmentIntro(app.enterpriseName, names.community)}</View>
        {COMMITMENT_PARTIES.map((p) => {
          const s = app.commitments[p]
          const { heading, clauses } = COMMITMENT_CLAUSES[p]
          return (
            <View className="cm-part" key={p}>
              <View className="cm-part__heading">{heading}</View>
              {clauses.map((c, i) => (
                <View className="cm-part__clause" key={i}>
                  <Text className="cm-part__no">{i + 1}.</Text>
                  <Text className="cm-part__text">{c}</Text>
                </View>
              ))}
              <View
                className={`cm-part__sig${s ? ' cm-part__sig--done' : ''}`}
                data-testid={`signature-${p}`}
              >
                <Text className="cm-part__sig-label">{PARTY_LABELS[p]}签署：</Text>
                {s ? (
                  <Text className="cm-part__sig-name">
                    {s.signerName}
                    <Text className="cm-part__sig-time"> {dateTime(s.at)}</Text>
                  </Text>
                ) : (
                  <Text className="cm-part__sig-wait">待签署</Text>
                )}
              </View>
              {open && !s && mine.includes(p) && (
                <SignForm party={p} bundle={bundle} account={account} confirm={confirm} onSigned={onSigned} />
              )}
            </View>
          )
        })}
      </View>
      {dialog}
    </View>
  )
}

function CommitPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <PageShell>
      <AccountGate action={['application', 'get']}>
        {(account) =>
          id ? (
            <Commit id={id} account={account} />
          ) : (
            <EmptyBlock title="链接不完整" description="没有指定申请。" />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default CommitPage
