import { Text, View } from '@tarojs/components'
import { TERMS, type Term } from '../../shared/words'

/** "三方承诺：企业、社区……" — one line per term, where a reader first meets it (shared/words.ts). */
export function TermNote({ terms, className = '' }: { terms: readonly Term[]; className?: string }) {
  return (
    <View className={`term-note ${className}`} data-testid="term-note">
      {terms.map((t) => (
        <View className="term-note__line" key={t}>
          <Text className="term-note__term">{t}</Text>：{TERMS[t]}
        </View>
      ))}
    </View>
  )
}
