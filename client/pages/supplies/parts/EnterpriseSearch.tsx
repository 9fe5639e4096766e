import { Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { suppliesApi } from '../../../services/supplies'
import { useRemote } from '../../../utils/useRemote'

export type PickedEnterprise = { _id: string; name: string }

const SHOWN = 8

/**
 * Finds the enterprise a hand-out goes to by a part of its name. A street has hundreds, more than a wheel picker
 * can hold; the first few in the caller's scope show before anything is typed, so a grid worker with a handful
 * of shops just taps one.
 */
export function EnterpriseSearch({
  value,
  onChange,
}: {
  value?: PickedEnterprise
  onChange: (e: PickedEnterprise | undefined) => void
}) {
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300)
    return () => clearTimeout(timer)
  }, [text])
  const found = useRemote(
    () =>
      value
        ? Promise.resolve(null)
        : suppliesApi.enterprises({ pageSize: SHOWN, ...(query ? { search: query } : {}) }),
    [query, value],
    { refreshOnShow: false },
  )
  if (value)
    return (
      <View className="sp-picked" data-testid="picked-enterprise">
        <Text className="sp-picked__name">{value.name}</Text>
        <Text className="sp-picked__change" onClick={() => onChange(undefined)}>
          更换
        </Text>
      </View>
    )
  const page = found.data
  return (
    <View className="sp-find">
      <Input
        className="app-input"
        placeholder="输入企业或门店名称查找"
        maxLength={60}
        value={text}
        onChange={setText}
      />
      {found.status === 'error' ? (
        <View className="sp-find__note">
          查找失败：{found.error}{' '}
          <Text className="sp-picked__change" onClick={() => void found.reload(false)}>
            重试
          </Text>
        </View>
      ) : !page ? (
        <View className="sp-find__note">正在查找…</View>
      ) : page.items.length === 0 ? (
        <View className="sp-find__note">
          {query ? `没有找到名称含“${query}”的企业，请换个字试试` : '辖区内还没有登记的企业'}
        </View>
      ) : (
        <View className="sp-find__list">
          {page.items.map((e) => (
            <View
              key={e._id}
              className="sp-find__item"
              data-testid="enterprise-option"
              onClick={() => onChange({ _id: e._id, name: e.name })}
            >
              <Text className="sp-find__name">{e.name}</Text>
              <Text className="sp-find__sub">{e.address}</Text>
            </View>
          ))}
          {page.total > page.items.length && (
            <View className="sp-find__note">
              共 {page.total} 家，只显示前 {page.items.length} 家，请输入名称缩小范围
            </View>
          )}
        </View>
      )}
    </View>
  )
}
