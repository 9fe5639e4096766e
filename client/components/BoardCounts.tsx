import { View } from '@tarojs/components'

/** One figure of a board's count strip; `tone` colours it (ok, danger, wait) — empty for plain. */
export interface BoardCount {
  key: string
  label: string
  n: number
  tone: string
}

/** The count strip over a board (quarantine reports, 一日两检): styled by the health board's `bcounts` rules. */
export function BoardCounts({ items, testId }: { items: BoardCount[]; testId: string }) {
  return (
    <View className="bcounts" data-testid={testId}>
      {items.map((i) => (
        <View key={i.key} className={`bcounts__item${i.tone ? ` bcounts__item--${i.tone}` : ''}`}>
          <View className="bcounts__n" data-testid={`count-${i.key}`}>
            {i.n}
          </View>
          <View className="bcounts__label">{i.label}</View>
        </View>
      ))}
    </View>
  )
}
