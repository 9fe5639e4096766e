import { Text, View } from '@tarojs/components'

export interface Segment<K extends string> {
  key: K
  label: string
  count?: number
}

/** Two to four big tabs as one bar (NutUI Tabs would keep every pane in the page). */
export function Segments<K extends string>({
  items,
  value,
  onChange,
}: {
  items: Segment<K>[]
  value: K
  onChange: (k: K) => void
}) {
  return (
    <View className="e-segs" role="tablist">
      {items.map((s) => {
        const on = s.key === value
        return (
          <View
            key={s.key}
            role="tab"
            aria-selected={on}
            className={`e-segs__item${on ? ' e-segs__item--on' : ''}`}
            onClick={() => onChange(s.key)}
          >
            <Text className="e-segs__label">{s.label}</Text>
            {s.count ? <Text className="e-segs__count">{s.count > 99 ? '99+' : s.count}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
