import { Input, Loading } from '@nutui/nutui-react-taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ROLE_LABELS } from '../../../../shared/roles'
import { Sheet } from '../../../components/Sheet'
import { adminApi } from '../../../services/admin'
import { errorMessage } from '../../../services/cloud'
import type { AccountView as Account } from '../../../../shared/account'
import { scopeShort } from '../../../utils/format'

interface Props {
  visible: boolean
  gridId: string
  gridName: string
  onPick: (account: Account) => void
  onClose: () => void
  centred?: boolean
}

/** Butlers and grid workers of the caller's scope, searchable, to put one of them on a grid. */
export function StaffPicker({ visible, gridId, gridName, onPick, onClose, centred }: Props) {
  const [search, setSearch] = useState('')
  const [typed, setTyped] = useState('')
  const [items, setItems] = useState<Account[]>([])
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading')
  const [error, setError] = useState('')

  useEffect(() => {
    if (!visible) return
    let live = true
    setState('loading')
    const q = { page: 1, pageSize: 50, disabled: false, ...(search ? { search } : {}) }
    Promise.all([
      adminApi.accounts({ ...q, role: 'butler' }),
      adminApi.accounts({ ...q, role: 'gridWorker' }),
    ])
      .then(([b, g]) => {
        if (!live) return
        setItems([...g.items, ...b.items])
        setState('ready')
      })
      .catch((e: unknown) => {
        if (!live) return
        setError(errorMessage(e))
        setState('error')
      })
    return () => {
      live = false
    }
  }, [visible, search])

  return (
    <Sheet
      visible={visible}
      title={`分配人员到 ${gridName}`}
      description="只能分配社区管家和网格员；新人员请先在“邀请管理”中邀请"
      centred={centred}
      className="mg-sheet"
      onClose={onClose}
    >
      <View className="mg-sheet__body" data-testid="staff-picker">
        <Input
          className="app-input"
          value={typed}
          placeholder="输入姓名或手机号开头查找"
          clearable
          onChange={setTyped}
          onConfirm={() => setSearch(typed.trim())}
          onClear={() => setSearch('')}
        />
        <ScrollView scrollY className="mg-pick">
          {state === 'loading' ? (
            <View className="mg-pick__state">
              <Loading type="spinner">正在加载…</Loading>
            </View>
          ) : state === 'error' ? (
            <View className="mg-pick__state mg-pick__state--error">{error}</View>
          ) : items.length === 0 ? (
            <View className="mg-pick__state">{search ? '没有找到这个人' : '还没有社区管家或网格员'}</View>
          ) : (
            items.map((a) => {
              const here = a.scope.gridId === gridId
              return (
                <View
                  key={a._id}
                  className={`mg-pick__item${here ? ' mg-pick__item--here' : ''}`}
                  onClick={() => !here && onPick(a)}
                  data-testid="staff-choice"
                >
                  <View className="mg-pick__who">
                    <Text className="mg-pick__name">{a.name}</Text>
                    <Text className="mg-pick__role">{ROLE_LABELS[a.role]}</Text>
                  </View>
                  <Text className="mg-pick__where">{here ? '已在本网格' : scopeShort(a.scopeNames)}</Text>
                </View>
              )
            })
          )}
        </ScrollView>
      </View>
    </Sheet>
  )
}
