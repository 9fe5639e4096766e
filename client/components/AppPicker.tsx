import { Button, DatePicker, Picker, Popup, type PickerOption } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { pickedDate, pickerDate } from '../utils/format'
import { useWideWindow } from '../utils/useWideLayout'

type Value = string | number

/** Columns side by side, or one column whose options have `children` (a cascade: province → city). */
export type PickerColumns = PickerOption[][]

/** The columns on screen for `values`: in a cascade each column lists the children of the option before it. */
export function columnsFor(options: PickerColumns, values: readonly Value[]): PickerOption[][] {
  const cascade = options.length === 1 && options[0]!.some((o) => o.children?.length)
  if (!cascade) return options
  const cols: PickerOption[][] = []
  let list: PickerOption[] | undefined = options[0]
  for (let i = 0; list && list.length > 0; i++) {
    cols.push(list)
    list = (list.find((o) => o.value === values[i]) ?? list[0])?.children
  }
  return cols
}

/** One picked value per column on screen: the given one where the column has it, else its first option. */
export function pickedValues(options: PickerColumns, values: readonly Value[]): Value[] {
  const out: Value[] = []
  for (const [i, col] of columnsFor(options, values).entries()) {
    const v = values[i]
    out.push(col.some((o) => o.value === v) ? v! : (col[0]?.value ?? ''))
    // A cascade's later columns depend on this pick: recompute them from what is now picked.
    if (v !== out[i]) return pickedValues(options, out)
  }
  return out
}

interface PickerProps {
  title: string
  visible: boolean
  options: PickerColumns
  value?: Value[]
  onConfirm?: (selected: PickerOption[], values: Value[]) => void
  onClose: () => void
}

/**
 * NutUI's wheel picker on a phone; on a PC window (H5, ≥ 1024 px) a dialog of list boxes, one per column, that
 * work with the mouse (click, wheel, double-click to confirm) and the keyboard (arrows, typing the first
 * letters, Tab to the next column, Enter to confirm, Esc to cancel). A wheel only turns with a finger: with a
 * mouse it stays on its first option.
 */
export function AppPicker(props: PickerProps) {
  const wide = useWideWindow()
  if (!wide) {
    const { title, visible, options, value, onConfirm, onClose } = props
    return (
      <Picker
        title={title}
        visible={visible}
        options={options}
        value={value}
        onConfirm={(selected, values) => onConfirm?.(selected, values as Value[])}
        onClose={onClose}
      />
    )
  }
  return <ListPicker {...props} />
}

/** The dialog a PC window gets: a title, its controls, 取消 and 确定; Enter confirms and Esc cancels. */
function DeskDialog({
  title,
  visible,
  onConfirm,
  onClose,
  children,
}: {
  title: string
  visible: boolean
  onConfirm: () => void
  onClose: () => void
  children: ReactNode
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      onConfirm()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      onClose()
    }
  }
  return (
    <Popup visible={visible} position="center" round closeable className="app-picker" onClose={onClose}>
      <View className="app-picker__title">{title}</View>
      <div className="app-picker__body" onKeyDown={onKeyDown} role="group" aria-label={title}>
        {children}
      </div>
      <View className="app-picker__actions">
        <Button className="app-picker__cancel" onClick={onClose}>
          取消
        </Button>
        <Button className="app-picker__ok" type="primary" onClick={onConfirm}>
          确定
        </Button>
      </View>
    </Popup>
  )
}

/** Focuses `ref`'s element once the dialog has opened (the popup mounts its content as it opens). */
function useFocusOnOpen<T extends HTMLElement>(visible: boolean) {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (!visible) return
    const timer = setTimeout(() => ref.current?.focus(), 60)
    return () => clearTimeout(timer)
  }, [visible])
  return ref
}

function ListPicker({ title, visible, options, value, onConfirm, onClose }: PickerProps) {
  const [values, setValues] = useState<Value[]>(() => pickedValues(options, value ?? []))
  const first = useFocusOnOpen<HTMLSelectElement>(visible)
  useEffect(() => {
    if (visible) setValues(pickedValues(options, value ?? []))
    // Only when it opens: while open, the dialog's own picks count.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible])

  const picked = pickedValues(options, values)
  const cols = columnsFor(options, picked)
  const confirm = () => {
    onConfirm?.(
      cols.map((c, i) => c.find((o) => o.value === picked[i])!),
      picked,
    )
    onClose()
  }
  const choose = (column: number, raw: string) => {
    const option = cols[column]?.find((o) => String(o.value) === raw)
    if (option) setValues(pickedValues(options, [...picked.slice(0, column), option.value]))
  }

  return (
    <DeskDialog title={title} visible={visible} onConfirm={confirm} onClose={onClose}>
      <View className="app-picker__cols">
        {cols.map((col, i) => (
          <select
            key={i}
            ref={i === 0 ? first : undefined}
            className="app-picker__list"
            size={Math.min(8, Math.max(2, col.length))}
            value={String(picked[i])}
            aria-label={cols.length > 1 ? `${title}（第${i + 1}列）` : title}
            data-testid="app-picker-list"
            onChange={(e) => choose(i, e.target.value)}
            onDoubleClick={confirm}
          >
            {col.map((o) => (
              <option key={String(o.value)} value={String(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
        ))}
      </View>
    </DeskDialog>
  )
}

interface DatePickerProps {
  title: string
  visible: boolean
  /** YYYY-MM-DD */
  value: string
  /** The earliest and latest day one may pick, YYYY-MM-DD. */
  min: string
  max: string
  onConfirm: (day: string) => void
  onClose: () => void
}

/**
 * A day: NutUI's wheel date picker on a phone; on a PC window a date box (type a date, or open the calendar
 * with the mouse), kept between `min` and `max`.
 */
export function AppDatePicker({ title, visible, value, min, max, onConfirm, onClose }: DatePickerProps) {
  const wide = useWideWindow()
  const [day, setDay] = useState(value)
  const input = useFocusOnOpen<HTMLInputElement>(visible && wide)
  useEffect(() => {
    if (visible) setDay(value)
  }, [visible, value])
  if (!wide)
    return (
      <DatePicker
        title={title}
        type="date"
        visible={visible}
        showChinese
        value={pickerDate(value)}
        startDate={pickerDate(min)}
        endDate={pickerDate(max)}
        onConfirm={(_o, values) => onConfirm(pickedDate(values))}
        onClose={onClose}
      />
    )
  const inRange = /^\d{4}-\d{2}-\d{2}$/.test(day) && day >= min && day <= max
  const confirm = () => {
    if (!inRange) return
    onConfirm(day)
    onClose()
  }
  return (
    <DeskDialog title={title} visible={visible} onConfirm={confirm} onClose={onClose}>
      <input
        ref={input}
        className="app-picker__date"
        type="date"
        value={day}
        min={min}
        max={max}
        aria-label={title}
        data-testid="app-date-input"
        onChange={(e) => setDay(e.target.value)}
      />
      {!inRange && (
        <View className="app-picker__error" role="alert">
          请选择 {min} 到 {max} 之间的日期
        </View>
      )}
    </DeskDialog>
  )
}
