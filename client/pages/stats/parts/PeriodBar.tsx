import { Calendar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { MAX_DASHBOARD_DAYS } from '../../../../shared/stats'
import { PERIOD_PRESETS, statsFilter } from '../../../stores/staff'
import { toast } from '../../../utils/toast'
import { addDays } from '../../../utils/format'
import { daysIn } from './format'

type CalendarPick = (string | number)[]

/** One date out of NutUI Calendar's answer ([y, m, d, 'y/m/d', weekday]) as YYYY-MM-DD. */
export function calendarDate(pick: CalendarPick): string {
  const p = (n: unknown) => String(Number(n)).padStart(2, '0')
  return `${Number(pick[0])}-${p(pick[1])}-${p(pick[2])}`
}

/** 今天 / 近7天 / 近14天 / 自定义 (a range picked on a calendar, up to a year back). */
export const PeriodBar = observer(function PeriodBar({ light }: { light?: boolean }) {
  const [open, setOpen] = useState(false)
  const today = statsFilter.today
  const { from, to } = statsFilter.range
  return (
    <View className={`st-seg${light ? ' st-seg--light' : ''}`} data-testid="period-bar">
      {PERIOD_PRESETS.map((p) => (
        <View
          key={p.value}
          className={`st-seg__item${statsFilter.preset === p.value ? ' st-seg__item--on' : ''}`}
          onClick={() => (p.value === 'custom' ? setOpen(true) : statsFilter.setPreset(p.value))}
        >
          <Text>{p.label}</Text>
        </View>
      ))}
      <Calendar
        visible={open}
        type="range"
        title="选择统计期间"
        startDate={addDays(today, -(MAX_DASHBOARD_DAYS - 1))}
        endDate={today}
        defaultValue={[from, to]}
        startText="开始"
        endText="结束"
        confirmText="确定"
        onClose={() => setOpen(false)}
        onConfirm={(param) => {
          const picks = param as unknown as CalendarPick[]
          const a = picks[0] ? calendarDate(picks[0]) : ''
          const b = picks[1] ? calendarDate(picks[1]) : a
          if (!a) return
          if (daysIn(a <= b ? a : b, a <= b ? b : a) > MAX_DASHBOARD_DAYS) {
            toast.info(`一次最多查询${MAX_DASHBOARD_DAYS}天`)
            return
          }
          statsFilter.setCustom(a, b)
        }}
      />
    </View>
  )
})
