// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { createStreetInput } from '../../../shared/schemas/admin'
import { shanghaiDate } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { adminApi } from '../../services/admin'
import { newRequestId } from '../../services/api'
import { statsApi } from '../../services/stats'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import { firstIssue } from '../../utils/zodRule'
import { NameSheet } from './parts/NameSheet'
import './manage.scss'

type Task = { kind: 'new' } | { kind: 'rename'; streetId: string; name: string }

/** The shared schema's message for a street name that will not do, else null. */
function checkName(name: string): string | null {
  const res = createStreetInput.safeParse({ name })
  return res.success ? null : firstIssue(res.error)
}

/** The district's streets (区级): new streets and new names, each confirmed before it is sent. */
function Streets() {
  const wide = useWideLayout()
  // The district summary lists every street with its name (the very rows of 全区汇总).
  const streets = useRemote(() => statsApi.districtSummary(shanghaiDate(Date.now())), [])
  const [task, setTask] = useState<Task | null>(null)
  const requestId = useRef(newRequestId())
  const { dialog, confirm } = useConfirm()
  usePullDownRefresh(() => {
    streets.reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  const save = async (name: string) => {
    const t = task
    if (!t) return
    if (t.kind === 'new')
      confirm({
        title: '新建街道',
        content: `新建「${name}」？新建后，居民和企业注册时可以选择这个街道。`,
        confirmText: '新建',
        action: async () => {
          await adminApi.createStreet(name, requestId.current)
          requestId.current = newRequestId()
          toast.success('已新建')
          await streets.reload(true)
        },
      })
    else
      confirm({
        title: '修改街道名称',
        content: `把「${t.name}」改名为「${name}」？各处显示的街道名称随之改变。`,
        confirmText: '确认修改',
        action: async () => {
          await adminApi.renameStreet(t.streetId, name)
          toast.success('已修改')
          await streets.reload(true)
        },
      })
  }

  const rows = streets.data?.streets ?? []
  return (
    <View className="mg-audit">
      <View className="mg-toolbar">
        <Text className="mg-toolbar__text">全区街道（{rows.length}）</Text>
        <Button type="primary" size="small" onClick={() => setTask({ kind: 'new' })}>
          新建街道
        </Button>
      </View>
      {streets.status === 'loading' ? (
        <LoadingBlock cards={1} rows={4} />
      ) : streets.status === 'error' ? (
        <ErrorBlock message={streets.error} onRetry={() => void streets.reload()} />
      ) : rows.length === 0 ? (
        <EmptyBlock title="还没有街道" description="点右上角「新建街道」添加本区的街道。" />
      ) : (
        <View className="card mg-log-list">
          {rows.map((s) => (
            <View className="mg-street" key={s.streetId} data-testid="street-row">
              <Text className="mg-street__name">{s.streetName}</Text>
              <Text
                className="mg-street__action"
                onClick={() => setTask({ kind: 'rename', streetId: s.streetId, name: s.streetName })}
              >
                改名
              </Text>
            </View>
          ))}
        </View>
      )}
      <NameSheet
        visible={task !== null}
        title={task?.kind === 'rename' ? '修改街道名称' : '新建街道'}
        label="街道名称"
        initial={task?.kind === 'rename' ? task.name : ''}
        placeholder="例如：西湖街道"
        submitText="下一步"
        check={checkName}
        onSubmit={save}
        onClose={() => setTask(null)}
        centred={wide}
      />
      {dialog}
    </View>
  )
}

function StreetsPage() {
  return (
    <PageShell className="mg-page">
      <AccountGate action={['admin', 'createStreet']}>{() => <Streets />}</AccountGate>
    </PageShell>
  )
}

export default StreetsPage
