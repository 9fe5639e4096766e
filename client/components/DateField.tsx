import dayjs from 'dayjs'
import { useState } from 'react'
import { AppDatePicker } from './AppPicker'
import { SelectBox } from './Field'

/** A YYYY-MM-DD field ("2024年3月16日") with a date picker (AppDatePicker), from `min` (default today) on. */
export function DateField({
  value,
  onChange,
  title,
  placeholder = '请选择日期',
  min,
  max,
  suggest,
  days = 365,
  disabled,
  testId,
}: {
  value: string
  onChange: (value: string) => void
  title: string
  placeholder?: string
  /** Earliest day, YYYY-MM-DD; default today. */
  min?: string
  /** Latest day, YYYY-MM-DD; default `days` after `min`. */
  max?: string
  /** Pre-selected when the field is empty (YYYY-MM-DD). */
  suggest?: string
  /** How far ahead of `min` one may pick, without `max`. */
  days?: number
  disabled?: boolean
  testId?: string
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
        disabled={disabled}
        testId={testId}
      />
      <AppDatePicker
        title={title}
        visible={open}
        value={current.format('YYYY-MM-DD')}
        min={start.format('YYYY-MM-DD')}
        max={(max ? dayjs(max) : start.add(days, 'day')).format('YYYY-MM-DD')}
        onConfirm={onChange}
        onClose={() => setOpen(false)}
      />
    </>
  )
}
