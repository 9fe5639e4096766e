import type { Reply } from '../../../services/api'
import { APP_PAGES, pageUrl } from '../../../utils/applicationPages'

type Application = Reply<'application', 'get'>['application']
type Enterprise = Reply<'application', 'get'>['enterprise']

export interface NextStep {
  label: string
  url: string
  /** A step the owner has to take (rather than just look). */
  todo: boolean
}

/** What an owner does next with an enterprise, given its latest application. */
export function ownerNextStep(e: Enterprise, app: Application | undefined): NextStep {
  const detail = app && pageUrl(APP_PAGES.detail, { id: app._id })
  if (!app || (!e.openApplicationId && (app.status === 'rejected' || app.status === 'revoked')))
    return {
      label: app ? '重新申请' : '申请复工',
      url: pageUrl(APP_PAGES.form, { enterpriseId: e._id }),
      todo: true,
    }
  switch (app.status) {
    case 'draft':
      return {
        label: '继续填写',
        url: pageUrl(APP_PAGES.form, { enterpriseId: e._id, id: app._id }),
        todo: true,
      }
    case 'returned':
      return { label: '补充材料', url: detail!, todo: true }
    case 'approved':
      return { label: '签署承诺', url: pageUrl(APP_PAGES.commit, { id: app._id }), todo: true }
    case 'reopened':
      return { label: '复工公示牌', url: pageUrl(APP_PAGES.plate, { id: app._id }), todo: false }
    default:
      return { label: '查看进度', url: detail!, todo: false }
  }
}

/** The newest application of each enterprise (`apps` newest first, as listMine answers). */
export function latestByEnterprise(apps: Application[]): Map<string, Application> {
  const out = new Map<string, Application>()
  for (const a of apps) if (!out.has(a.enterpriseId)) out.set(a.enterpriseId, a)
  return out
}
