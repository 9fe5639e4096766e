import { StarFill } from '@nutui/icons-react-taro'
import { TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { RATING_TAGS, type RatingTag } from '../../../../shared/errand'
import { rateErrandInput } from '../../../../shared/schemas/errand'
import { errandApi, type Errand } from '../../../services/errand'
import { toast } from '../../../utils/toast'
import { firstIssue } from '../../../utils/zodRule'
import { FormFooter } from '../../../components/FormFooter'
import { useSubmit } from '../../../utils/useSubmit'

type ErrandRating = NonNullable<Errand['rating']>

const WORDS = ['', '很不满意', '不太满意', '一般', '满意', '非常满意']

export function Stars({
  value,
  onChange,
  size = 34,
}: {
  value: number
  onChange?: (v: number) => void
  size?: number
}) {
  return (
    <View
      className={`e-stars${onChange ? ' e-stars--input' : ''}`}
      role={onChange ? 'radiogroup' : undefined}
    >
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          className="e-stars__star"
          role={onChange ? 'radio' : undefined}
          aria-checked={onChange ? value === n : undefined}
          aria-label={`${n}星`}
          data-testid={onChange ? `star-${n}` : undefined}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          <StarFill size={size} color={n <= value ? '#f5a623' : '#dfe3ea'} />
        </View>
      ))}
    </View>
  )
}

export function RatingView({ rating, title = '我的评价' }: { rating: ErrandRating; title?: string }) {
  return (
    <View className="card e-rate" data-testid="rating">
      <View className="e-rate__title">{title}</View>
      <View className="e-rate__row">
        <Stars value={rating.stars} size={24} />
        <Text className="e-rate__word">{WORDS[rating.stars]}</Text>
      </View>
      {rating.tags?.length ? (
        <View className="e-rate__tags" data-testid="rating-tags">
          {rating.tags.map((t) => (
            <Text key={t} className="e-rate__tag">
              {t}
            </Text>
          ))}
        </View>
      ) : null}
      {rating.comment ? <View className="e-rate__comment">{rating.comment}</View> : null}
    </View>
  )
}

/** 1–5 stars and a few words, once, after the requester confirmed receipt. */
export function RateCard({ errand, onRated }: { errand: Errand; onRated: (e: Errand) => void }) {
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [tags, setTags] = useState<RatingTag[]>([])
  const { busy, error, setError, run } = useSubmit()
  const who = errand.category === 'psych' ? '网格员' : '管家'
  // A tag is picked or not: a second tap takes it back.
  const toggle = (t: RatingTag) =>
    setTags((ts) =>
      ts.includes(t) ? ts.filter((x) => x !== t) : RATING_TAGS.filter((x) => x === t || ts.includes(x)),
    )

  const submit = async () => {
    const input = {
      errandId: errand._id,
      stars: stars || undefined,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(tags.length ? { tags } : {}),
    }
    const parsed = rateErrandInput.safeParse(input)
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      const { errand: rated } = await errandApi.rate(parsed.data)
      toast.success('感谢您的评价')
      onRated(rated)
    })
  }

  return (
    <View className="card e-rate" data-testid="rate-card">
      <View className="e-rate__title">
        给{who}
        {errand.assignee?.name ?? ''}评个分
      </View>
      <View className="e-rate__row">
        <Stars value={stars} onChange={setStars} />
        <Text className="e-rate__word">{WORDS[stars] || '点星星评分'}</Text>
      </View>
      <View className="e-quick" role="group" aria-label="评价标签">
        {RATING_TAGS.map((t) => (
          <View
            key={t}
            role="checkbox"
            aria-checked={tags.includes(t)}
            className={`e-quick__chip${tags.includes(t) ? ' e-quick__chip--on' : ''}`}
            onClick={() => toggle(t)}
          >
            {t}
          </View>
        ))}
      </View>
      <TextArea
        className="e-textarea"
        placeholder="说说这次服务（选填）"
        maxLength={200}
        value={comment}
        onChange={(v) => setComment(v)}
      />
      <FormFooter error={error} busy={busy} label="提交评价" onSubmit={() => void submit()} inline />
    </View>
  )
}
