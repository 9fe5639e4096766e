/**
 * Subscribe-message templates (订阅消息模板) of the mini-program: which template each kind of notice is sent
 * with, and which keyword of the template carries each field. Template ids and keyword keys come from the WeChat
 * admin console (mp.weixin.qq.com → 订阅消息 → 我的模板 → 详情): replace the ids below with your own and make
 * the keys match the template's keywords (`thing1`, `time2` …; the letters name WeChat's value type).
 *
 * The client asks for authorisation with these ids; functions send with them; the local cloud's WeChat
 * simulation knows exactly these templates.
 */
import type { FieldType } from '../shared/subscribe'

export interface SubscribeTemplate<F extends string = string> {
  /** The template id WeChat issued when the template was picked in the admin console. */
  id: string
  /** The template's title, as the person sees it in WeChat. */
  title: string
  /** Field → keyword key of the template (its type is the key's letters, e.g. `thing3` is a `thing`). */
  fields: Record<F, `${FieldType}${number}`>
  /** Each keyword's name as the template shows it in WeChat (also labels the outbox page). */
  keywords: Record<string, string>
}

export const SUBSCRIBE_TEMPLATES = {
  /** To a person in home quarantine: a report slot closes soon and they have not reported. */
  reportReminder: {
    id: 'tpl-reopen-report-reminder',
    title: '体温报备提醒',
    fields: { item: 'thing1', deadline: 'time2', note: 'thing3' },
    keywords: { thing1: '报备事项', time2: '截止时间', thing3: '温馨提示' },
  },
  /** To the butler and grid worker of a grid: someone reported a fever. */
  feverAlert: {
    id: 'tpl-reopen-fever-alert',
    title: '发热预警',
    fields: { person: 'thing1', temperature: 'thing2', time: 'time3', note: 'thing4' },
    keywords: { thing1: '人员', thing2: '体温', time3: '报备时间', thing4: '处理建议' },
  },
  /** To the resident who asked: their errand was claimed, or delivered. */
  errandStatus: {
    id: 'tpl-reopen-errand-status',
    title: '跑腿进度通知',
    fields: { item: 'thing1', status: 'phrase2', assignee: 'thing3', time: 'time4' },
    keywords: { thing1: '需求内容', phrase2: '进度', thing3: '服务人员', time4: '更新时间' },
  },
  /** To the owner: the application was approved by all three reviewers, or returned for changes. */
  reviewResult: {
    id: 'tpl-reopen-review-result',
    title: '复工审核结果通知',
    fields: { enterprise: 'thing1', result: 'phrase2', note: 'thing3', time: 'time4' },
    keywords: { thing1: '企业名称', phrase2: '审核结果', thing3: '审核意见', time4: '审核时间' },
  },
  /** To a shop's owner and its grid worker: a staff member's 健康证 expires in 30 or 7 days. */
  certificateExpiry: {
    id: 'tpl-reopen-certificate-expiry',
    title: '健康证到期提醒',
    fields: { person: 'thing1', expiresOn: 'date2', note: 'thing3' },
    keywords: { thing1: '持证人', date2: '到期日期', thing3: '温馨提示' },
  },
} as const satisfies Record<string, SubscribeTemplate>

export type SubscribeKind = keyof typeof SUBSCRIBE_TEMPLATES
export type SubscribeFields<K extends SubscribeKind> = keyof (typeof SUBSCRIBE_TEMPLATES)[K]['fields']

export const SUBSCRIBE_KINDS = Object.keys(SUBSCRIBE_TEMPLATES) as SubscribeKind[]

/** The kind a template id belongs to, or undefined for an id this app does not use. */
export function kindOfTemplate(id: string): SubscribeKind | undefined {
  return SUBSCRIBE_KINDS.find((k) => SUBSCRIBE_TEMPLATES[k].id === id)
}
