import { DatePicker } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { useState } from 'react'
import { SelectBox } from './Field'
import './nutui'

/** A YYYY-MM-DD field with NutUI's wheel picker, from `min` (default today) on. */
export function DateField({
  value,
  onChange,
  title,
  placeholder = '请选择日期',
  min,
  suggest,
  days = 365,
}: {
  value: string
  onChange: (value: string) => void
  title: string
  placeholder?: string
  /** Earliest day, YYYY-MM-DD; default today. */
  min?: string
  /** Pre-selected when the field is empty (YYYY-MM-DD). */
  suggest?: string
  /** How far ahead one may pick. */
  days?: number
}) {
  const [open, setOpen] = useState(false)
  const start = min ? dayjs(min) : dayjs().startOf('day')
  const current = value ? dayjs(value) : suggest ? dayjs(suggest) : start
  return (
    <>
      <SelectBox
        value={value ? dayjs(value).format('YYYY年M月D日') : ''}
        placeholder={placeholder}
        onClick={() => setOpen(true)}
      />
      <DatePicker
        title={title}
        type="date"
        visible={open}
        showChinese
        value={current.toDate()}
        startDate={start.toDate()}
        endDate={start.add(days, 'day').toDate()}
        onConfirm={(_opts, values) => {
          const [y, m, d] = values.map((x) => String(x).padStart(2, '0'))
          onChange(`${y}-${m}-${d}`)
        }}
        onClose={() => setOpen(false)}
      />
    </>
  )
}
