/**
 * WeChat subscribe messages (订阅消息): the rules WeChat applies to each value of a message, by the type its
 * keyword key names (`thing1` is a `thing`, `time2` a `time` …). Functions fit their values to these rules before
 * sending; the local cloud's WeChat simulation refuses what breaks them, with WeChat's errcode 47003.
 */

export const FIELD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** `thing12` → `thing`, `character_string3` → `character_string`; undefined for a key WeChat would not issue. */
export function fieldTypeOf(key: string): FieldType | undefined {
  const m = /^([a-z_]+?)(\d+)$/.exec(key)
  return m && (FIELD_TYPES as readonly string[]).includes(m[1]!) ? (m[1] as FieldType) : undefined
}

const chars = (s: string) => [...s]
const HAN = /^[\u4e00-\u9fff]+$/
const DATE = String.raw`\d{4}(?:年\d{1,2}月\d{1,2}日|[-/]\d{1,2}[-/]\d{1,2})`
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`
const TIME_POINT = new RegExp(`^(?:${DATE}\\s*)?${CLOCK}$`)
const DATE_POINT = new RegExp(`^${DATE}(?:\\s*${CLOCK})?$`)
/** Both allow a period: two points joined by "~". */
const range = (point: RegExp) => (v: string) =>
  v.split('~').length <= 2 && v.split('~').every((p) => point.test(p.trim()))

/** WeChat's rule for each type, as its documentation states it; the reason when `value` breaks it. */
export function checkValue(type: FieldType, value: string): string | undefined {
  const n = chars(value).length
  if (n === 0) return 'is empty'
  switch (type) {
    case 'thing':
      return n <= 20 ? undefined : 'thing allows at most 20 characters'
    case 'number':
      return n <= 32 && /^\d+(\.\d+)?$/.test(value) ? undefined : 'number allows at most 32 digits'
    case 'letter':
      return n <= 32 && /^[A-Za-z]+$/.test(value) ? undefined : 'letter allows at most 32 letters'
    case 'symbol':
      return n <= 5 && /^[^\dA-Za-z\u4e00-\u9fff\s]+$/.test(value)
        ? undefined
        : 'symbol allows at most 5 symbols'
    case 'character_string':
      return n <= 32 && /^[\x21-\x7e]+$/.test(value)
        ? undefined
        : 'character_string allows at most 32 digits, letters or symbols'
    case 'time':
      return range(TIME_POINT)(value) ? undefined : 'time must read like 15:01 or 2019年10月1日 15:01'
    case 'date':
      return range(DATE_POINT)(value) ? undefined : 'date must read like 2019年10月1日 or 2019年10月1日 15:01'
    case 'amount':
      return /^[¥$￥]?\d{1,10}(\.\d{1,2})?元?$/.test(value) ? undefined : 'amount must read like ¥100.00'
    case 'phone_number':
      return n <= 17 && /^[\d+\-() ]+$/.test(value)
        ? undefined
        : 'phone_number allows at most 17 digits or symbols'
    case 'car_number':
      return n <= 8 ? undefined : 'car_number allows at most 8 characters'
    case 'name':
      return (n <= 10 && HAN.test(value)) || (n <= 20 && /^[A-Za-z\s.·-]+$/.test(value))
        ? undefined
        : 'name allows 10 Chinese characters or 20 letters'
    case 'phrase':
      return n <= 5 && HAN.test(value) ? undefined : 'phrase allows at most 5 Chinese characters'
  }
}

/**
 * Makes `value` acceptable for `type` without changing what it says more than needed: long things are cut with
 * an ellipsis, strings lose the characters WeChat refuses. Types whose content cannot be repaired (time, date,
 * number, amount) are returned as given: the caller formats them.
 */
export function fitValue(type: FieldType, value: string): string {
  const v = value.replace(/\s+/g, ' ').trim()
  switch (type) {
    case 'thing':
      return chars(v).length <= 20 ? v : `${chars(v).slice(0, 19).join('')}…`
    case 'phrase':
      return chars(v.replace(/[^\u4e00-\u9fff]/g, ''))
        .slice(0, 5)
        .join('')
    case 'character_string':
      return v.replace(/[^\x21-\x7e]/g, '').slice(0, 32)
    case 'name': {
      const han = v.replace(/[^\u4e00-\u9fff]/g, '')
      return chars(han).slice(0, 10).join('')
    }
    default:
      return v
  }
}

/**
 * A message WeChat accepted, as the outbox (collection `subscribe_outbox`) records it: written by the local cloud's
 * WeChat simulation, read by the admin outbox page.
 */
export interface OutboxRecord {
  _id: string
  appid: string
  touser: string
  templateId: string
  /** The app's name for the template (config/subscribe.ts). */
  kind: string
  title: string
  page: string
  /** Keyword key → value, as sent. */
  data: Record<string, string>
  sentAt: number
}
