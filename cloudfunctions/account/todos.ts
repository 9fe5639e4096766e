/**
 * The home page's to-dos: what the caller should do next, worked out from their own records with a few indexed
 * reads (no scans): their quarantine and the next report, an owner's next step and supplies to confirm, reviews
 * waiting, errands to claim, commitments to sign, decisions due, 健康证 to verify. Each role's part reads only
 * what that role may see.
 */
import type { Todo } from '../../shared/account'
import { COMMITMENT_PARTIES, type CommitmentParty } from '../../shared/application'
import { SLOT_LABELS, nextReport, quarantineDay, reportId, type NextReport } from '../../shared/health'
import { DEPARTMENT_LABELS } from '../../shared/roles'
import { APP_PAGES, ERRAND_PAGES, HEALTH_PAGES, SUPPLY_PAGES, pageUrl } from '../../shared/routes'
import { shanghaiDate } from '../../shared/time'
import type { AccountDoc } from '../_lib/accounts'
import { col } from '../_lib/collections'
import { scopeFilter } from '../_lib/access'
import { activeQuarantineOf } from '../_lib/quarantines'
import type { CallerFor, Deps } from '../_lib/runtime'
import { rulesFor } from '../_lib/settings'
import type { ApplicationDoc } from '../application/model'

/** The owner's parties of the commitment; the community signs through its grid worker. */
const OWNER_PARTIES: CommitmentParty[] = COMMITMENT_PARTIES.filter((p) => p !== 'community')

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

function reportText(next: NextReport | null, today: string): { detail: string; urgent: boolean } {
  if (!next) return { detail: '今天的体温都已报备，隔离期最后一天了', urgent: false }
  const slot = SLOT_LABELS[next.slot]
  if (next.phase === 'open') return { detail: `请在 ${next.end} 前报备${slot}体温`, urgent: true }
  const day = next.date === today ? '今天' : '明天'
  return { detail: `下次报备：${day}${slot} ${next.start}–${next.end}`, urgent: false }
}

/** Day n of the quarantine and the next report due. */
async function quarantineTodos(deps: Deps, a: AccountDoc): Promise<Todo[]> {
  const q = await activeQuarantineOf(deps, a._id)
  if (!q) return []
  const now = deps.now()
  const today = shanghaiDate(now)
  const total = quarantineDay(q.startDate, q.endDate) - 1
  const day = Math.min(total, Math.max(1, quarantineDay(q.startDate, today)))
  if (q.status === 'pendingDecision')
    return [
      {
        key: 'quarantine',
        title: `隔离期已满（共 ${total} 天）`,
        detail: '等待社区确认解除，解除前请继续在家',
        url: HEALTH_PAGES.card,
        tone: 'info',
      },
    ]
  const _ = deps.db.command
  const [rules, { data }] = await Promise.all([
    rulesFor(deps, q.streetId, today),
    col(deps.db, 'reports')
      .where({ quarantineId: q._id, date: _.gte(today) })
      .field({ status: true })
      .limit(4)
      .get(),
  ])
  const have = new Set(data.map((r) => r._id))
  const next = nextReport(now, rules, (date, slot) => have.has(reportId(q._id, date, slot)), q.endDate)
  const { detail, urgent } = reportText(next, today)
  return [
    {
      key: 'quarantine',
      title: `居家隔离第 ${day}/${total} 天`,
      detail,
      url: HEALTH_PAGES.card,
      tone: urgent ? 'urgent' : 'info',
    },
  ]
}

/** A person who has never declared: the declaration is the first step. */
async function declarationTodos(deps: Deps, a: AccountDoc): Promise<Todo[]> {
  const { data } = await col(deps.db, 'declarations').where({ accountId: a._id }).limit(1).get()
  if (data.length) return []
  return [
    {
      key: 'declare',
      title: '下一步：健康申报',
      detail: '填写从哪里回来、身体情况，几分钟就好',
      url: HEALTH_PAGES.declare,
      tone: 'action',
    },
  ]
}

/** What an owner's latest application per enterprise asks of them next. */
function applicationTodo(app: ApplicationDoc): Todo | null {
  const detail = pageUrl(APP_PAGES.detail, { id: app._id })
  const name = app.enterpriseName
  const key = `application:${app._id}`
  switch (app.status) {
    case 'draft':
      return {
        key,
        title: '下一步：提交复工申请',
        detail: `${name}的申请还没有提交`,
        url: detail,
        tone: 'action',
      }
    case 'returned':
      return {
        key,
        title: '下一步：补充材料',
        detail: `${name}的申请被退回，请按意见补充后重新提交`,
        url: detail,
        tone: 'action',
      }
    case 'reviewing': {
      const done = Object.keys(app.reviews).length
      return {
        key,
        title: `审核中（已完成 ${done}/3）`,
        detail: `${name}的复工申请`,
        url: detail,
        tone: 'info',
      }
    }
    case 'approved': {
      const commit = pageUrl(APP_PAGES.commit, { id: app._id })
      if (OWNER_PARTIES.some((p) => !app.commitments[p]))
        return {
          key,
          title: '下一步：签署承诺',
          detail: `${name}已通过审核，签署三方承诺后即可复工`,
          url: commit,
          tone: 'action',
        }
      return {
        key,
        title: '等待社区签署',
        detail: `已通知网格员，签好后${name}即可复工`,
        url: commit,
        tone: 'info',
      }
    }
    case 'reopened':
      return app.rectify
        ? {
            key,
            title: `限期整改至${monthDay(app.rectify.deadline)}`,
            detail: `${name}：${app.rectify.findings}`,
            url: detail,
            tone: 'urgent',
          }
        : null
    default:
      return null
  }
}

async function ownerTodos(deps: Deps, a: AccountDoc): Promise<Todo[]> {
  const [{ data: enterprises }, { data: apps }] = await Promise.all([
    col(deps.db, 'enterprises').where({ ownerId: a._id }).field({ name: true }).limit(50).get(),
    col(deps.db, 'applications').where({ ownerId: a._id }).orderBy('updatedAt', 'desc').limit(100).get(),
  ])
  if (!enterprises.length)
    return [
      {
        key: 'register',
        title: '下一步：登记企业',
        detail: '登记企业或门店后，就可以申请复工',
        url: APP_PAGES.enterpriseForm,
        tone: 'action',
      },
    ]
  const receipts = await receiptTodos(
    deps,
    enterprises.map((e) => e._id),
  )
  const latest = new Map<string, ApplicationDoc>()
  for (const app of apps) if (!latest.has(app.enterpriseId)) latest.set(app.enterpriseId, app)
  const out: Todo[] = [...receipts]
  for (const e of enterprises) {
    const app = latest.get(e._id)
    if (!app)
      out.push({
        key: `apply:${e._id}`,
        title: '下一步：申请复工',
        detail: `${e.name}还没有复工申请`,
        url: pageUrl(APP_PAGES.form, { enterpriseId: e._id }),
        tone: 'action',
      })
    else {
      const todo = applicationTodo(app)
      if (todo) out.push(todo)
    }
  }
  return out
}

const count = (n: number, todo: Omit<Todo, 'title'> & { title: (n: number) => string }): Todo[] =>
  n > 0 ? [{ ...todo, title: todo.title(n) }] : []

/** 防疫物资 the street handed to the owner's enterprises that nobody has yet confirmed as received. */
async function receiptTodos(deps: Deps, enterpriseIds: string[]): Promise<Todo[]> {
  if (!enterpriseIds.length) return []
  const { total } = await col(deps.db, 'supply_movements')
    .where({ enterpriseId: deps.db.command.in(enterpriseIds), type: 'handOut', status: 'handed' })
    .count()
  return count(total, {
    key: 'supplies-receipt',
    title: (n) => `待确认收到物资 ${n} 批`,
    detail: '街道发放的防疫物资，收到后请点“确认收到”',
    url: SUPPLY_PAGES.stock,
    tone: 'action',
  })
}

async function reviewerTodos(deps: Deps, a: AccountDoc): Promise<Todo[]> {
  if (!a.department) return []
  const { total } = await col(deps.db, 'applications')
    .where({ streetId: a.scope.streetId, status: 'reviewing', pendingDepartments: a.department })
    .count()
  return count(total, {
    key: 'reviews',
    title: (n) => `待审核 ${n} 份`,
    detail: `${DEPARTMENT_LABELS[a.department]}还没有审核的复工申请`,
    url: APP_PAGES.queue,
    tone: 'action',
  })
}

async function butlerTodos(deps: Deps, a: AccountDoc): Promise<Todo[]> {
  const _ = deps.db.command
  const [open, mine] = await Promise.all([
    a.scope.gridId
      ? col(deps.db, 'errands').where({ gridId: a.scope.gridId, queue: 'butler', status: 'open' }).count()
      : { total: 0 },
    col(deps.db, 'errands')
      .where({ assigneeId: a._id, status: _.in(['claimed', 'purchasing', 'delivering']) })
      .count(),
  ])
  return [
    ...count(open.total, {
      key: 'errands-open',
      title: (n) => `跑腿待认领 ${n} 单`,
      detail: '本网格居民的买菜买药需求',
      url: ERRAND_PAGES.queue,
      tone: 'action',
    }),
    ...count(mine.total, {
      key: 'errands-mine',
      title: (n) => `进行中的跑腿 ${n} 单`,
      detail: '买好后开始配送，送到后请居民确认',
      url: ERRAND_PAGES.queue,
      tone: 'action',
    }),
  ]
}

/** Commitments the community has yet to sign, in the caller's scope (a grid worker: their grid). */
async function signatureTodos(deps: Deps, a: AccountDoc): Promise<Todo[]> {
  const { total } = await col(deps.db, 'applications')
    .where({ ...scopeFilter(a), status: 'approved', 'commitments.community': deps.db.command.exists(false) })
    .count()
  return count(total, {
    key: 'signatures',
    title: (n) => `待签承诺 ${n} 份`,
    detail: '企业已通过审核，等您代表社区签署',
    url: APP_PAGES.find,
    tone: 'action',
  })
}

async function gridWorkerTodos(deps: Deps, a: AccountDoc): Promise<Todo[]> {
  if (!a.scope.gridId) return []
  const gridId = a.scope.gridId
  const [signatures, psych, due, certificates] = await Promise.all([
    signatureTodos(deps, a),
    col(deps.db, 'errands').where({ gridId, queue: 'gridWorker', status: 'open' }).count(),
    col(deps.db, 'quarantines').where({ gridId, status: 'pendingDecision' }).count(),
    col(deps.db, 'health_certificates').where({ gridId, status: 'pending' }).count(),
  ])
  return [
    ...signatures,
    ...count(due.total, {
      key: 'quarantine-due',
      title: (n) => `隔离期满待处理 ${n} 人`,
      detail: '期满前两天有发热记录，请决定延长或解除',
      url: HEALTH_PAGES.board,
      tone: 'urgent',
    }),
    ...count(psych.total, {
      key: 'psych-open',
      title: (n) => `心理疏导待接单 ${n} 单`,
      detail: '居民想找人聊聊',
      url: ERRAND_PAGES.queue,
      tone: 'action',
    }),
    ...count(certificates.total, {
      key: 'certificates',
      title: (n) => `待核验健康证 ${n} 张`,
      detail: '门店员工上传的健康证，核验后才算有效',
      url: APP_PAGES.certificateStaff,
      tone: 'action',
    }),
  ]
}

async function adminTodos(deps: Deps, a: AccountDoc): Promise<Todo[]> {
  const [signatures, { total: open }] = await Promise.all([
    signatureTodos(deps, a),
    col(deps.db, 'difficulties').where({ streetId: a.scope.streetId, status: 'open' }).count(),
  ])
  return [
    ...signatures,
    ...count(open, {
      key: 'difficulties',
      title: (n) => `企业诉求待办结 ${n} 件`,
      detail: '企业反映的困难，等待答复',
      url: APP_PAGES.difficulties,
      tone: 'action',
    }),
  ]
}

export async function todos(deps: Deps, caller: CallerFor) {
  const a = caller.account
  const parts: Promise<Todo[]>[] = []
  switch (a.role) {
    case 'owner':
      parts.push(quarantineTodos(deps, a), ownerTodos(deps, a))
      break
    case 'employee':
    case 'resident':
      parts.push(quarantineTodos(deps, a), declarationTodos(deps, a))
      break
    case 'reviewer':
      parts.push(reviewerTodos(deps, a))
      break
    case 'butler':
      parts.push(butlerTodos(deps, a))
      break
    case 'gridWorker':
      parts.push(gridWorkerTodos(deps, a))
      break
    case 'admin':
      parts.push(adminTodos(deps, a))
      break
  }
  const items = (await Promise.all(parts)).flat()
  // Urgent first, then next steps, then where things stand; the order within each as listed.
  const rank = { urgent: 0, action: 1, info: 2 }
  return { items: items.sort((x, y) => rank[x.tone] - rank[y.tone]) }
}
