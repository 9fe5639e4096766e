import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { AccountView as Account } from '../../../shared/account'
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/roles'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { api } from '../../services/api'
import { IS_H5 } from '../../services/cloud'
import { session } from '../../stores'
import { dateTime } from '../../utils/format'
import { PAGES, restartAt } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import './my-data.scss'

/**
 * The account function's 我的数据 actions, called from this page (a subpackage) rather than services/account.ts,
 * which every page loads: the main package is at its size budget.
 */
const account = api('account')
const myDataApi = {
  /** Everything held about the caller, and who read their health record. */
  get: () => account('myData'),
  /** On the web the sign-in service also forgets the login once the function has deleted the account. */
  deleteAccount: (confirmName: string) => account('deleteAccount', { confirmName }),
}

type MyData = Awaited<ReturnType<typeof myDataApi.get>>

const SECTIONS: { key: keyof MyData; label: string; unit: string }[] = [
  { key: 'declarations', label: '健康申报', unit: '次' },
  { key: 'quarantines', label: '居家隔离', unit: '次' },
  { key: 'reports', label: '体温报备', unit: '次' },
  { key: 'errands', label: '跑腿代购', unit: '单' },
  { key: 'enterprises', label: '登记的企业', unit: '家' },
  { key: 'applications', label: '复工申请', unit: '份' },
]

const roleName = (role: string) =>
  (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role

/** What a read was, in words (the access log's `what`, cloudfunctions/_lib/accessLog.ts). */
const READS: Record<string, string> = { history: '查看了您的体温记录', recordFor: '代您报备了体温' }
const readText = (what: string) => READS[what] ?? '查看了您的健康记录'

const fileName = (data: MyData) => `复工通-我的数据-${dateTime(data.generatedAt).replace(/[^\d]/g, '')}.json`

/** Saves the data as a JSON file: a download in the browser; in WeChat, a file sent to a chat (e.g. 文件传输助手). */
async function saveFile(data: MyData): Promise<void> {
  const text = JSON.stringify(data, null, 2)
  if (IS_H5) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = fileName(data)
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName(data)}`
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
  await Taro.shareFileMessage({ filePath, fileName: fileName(data) })
}

function DeleteAccount({ account }: { account: Account }) {
  const { dialog, confirm } = useConfirm()
  const typed = useRef('')
  const [, setShown] = useState('')
  const onDelete = () => {
    typed.current = ''
    confirm({
      title: '注销账号',
      content: (
        <View>
          <View className="md-warn">
            注销后，您的姓名、身份证号、电话和住址将从所有记录中删去，无法恢复；街道的统计数字会保留（不含您的个人信息）。
          </View>
          <Input
            className="md-confirm-input"
            placeholder={`请输入您的姓名「${account.name}」以确认`}
            maxLength={40}
            onChange={(v) => {
              typed.current = v
              setShown(v)
            }}
          />
        </View>
      ),
      confirmText: '注销',
      danger: true,
      action: async () => {
        await myDataApi.deleteAccount(typed.current.trim())
        toast.success('账号已注销')
        session.logout()
        restartAt(IS_H5 ? PAGES.login : PAGES.home)
      },
    })
  }
  return (
    <View className="card md-danger">
      <View className="md-title">注销账号</View>
      <View className="md-note">
        正在隔离、有进行中的跑腿代购、名下有企业或担任工作人员时不能注销，系统会告诉您原因。
      </View>
      <Button block fill="outline" type="danger" onClick={onDelete} data-testid="delete-account">
        注销我的账号
      </Button>
      {dialog}
    </View>
  )
}

function MyDataContent({ account }: { account: Account }) {
  const remote = useRemote(() => myDataApi.get(), [])
  const [saving, setSaving] = useState(false)
  if (remote.status === 'loading') return <LoadingBlock />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  const data = remote.data
  const onSave = async () => {
    setSaving(true)
    try {
      await saveFile(data)
    } catch {
      toast.fail('保存没有成功，请稍后再试')
    } finally {
      setSaving(false)
    }
  }
  return (
    <View>
      <View className="card">
        <View className="md-title">系统里保存的关于您的信息</View>
        <View className="md-grid">
          {SECTIONS.map((s) => (
            <View className="md-cell" key={s.key} data-testid={`my-${s.key}`}>
              <Text className="md-cell__value">{(data[s.key] as unknown[]).length}</Text>
              <Text className="md-cell__label">
                {s.label}（{s.unit}）
              </Text>
            </View>
          ))}
        </View>
        <Button
          block
          type="primary"
          loading={saving}
          onClick={() => void onSave()}
          data-testid="download-my-data"
        >
          {IS_H5 ? '下载全部数据（JSON 文件）' : '导出全部数据（发送到聊天）'}
        </Button>
        <View className="md-note">
          文件包含账号资料、健康申报、隔离和体温记录、跑腿代购、企业与复工申请，以及下面的查看记录。
        </View>
      </View>
      <View className="card">
        <View className="md-title">谁查看过我的健康记录</View>
        {data.accessLog.length === 0 ? (
          <EmptyBlock title="还没有工作人员查看过您的健康记录" />
        ) : (
          data.accessLog.slice(0, 50).map((r, i) => (
            <View className="md-log" key={i} data-testid="access-entry">
              <View className="md-log__who">
                {r.readerName}
                <Text className="md-log__role">{roleName(r.readerRole)}</Text>
              </View>
              <View className="md-log__meta">
                {dateTime(r.at)} · {readText(r.what)}
              </View>
            </View>
          ))
        )}
      </View>
      <DeleteAccount account={account} />
    </View>
  )
}

function MyDataPage() {
  return (
    <PageShell>
      <AccountGate action={['account', 'myData']}>
        {(account) => <MyDataContent account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default MyDataPage
