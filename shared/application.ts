import type { Department } from './roles'
import { DEPARTMENTS } from './roles'

/**
 * The reopening application's life, shared by the client (which buttons to show) and the `application`
 * function (what it allows):
 *   draft → reviewing → (returned → reviewing)* → approved | rejected;  approved → reopened → revoked
 */
export const APPLICATION_STATES = [
  'draft',
  'reviewing',
  'returned',
  'approved',
  'rejected',
  'reopened',
  'revoked',
] as const
export type ApplicationState = (typeof APPLICATION_STATES)[number]

export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  draft: '草稿',
  reviewing: '审核中',
  returned: '退回补充',
  approved: '审核通过',
  rejected: '未通过',
  reopened: '已复工',
  revoked: '已撤销',
}

export type ApplicationEvent = 'submit' | 'return' | 'reject' | 'approveAll' | 'commitAll' | 'revoke'

const TRANSITIONS: Record<ApplicationState, Partial<Record<ApplicationEvent, ApplicationState>>> = {
  draft: { submit: 'reviewing' },
  returned: { submit: 'reviewing' },
  reviewing: { return: 'returned', reject: 'rejected', approveAll: 'approved' },
  approved: { commitAll: 'reopened' },
  reopened: { revoke: 'revoked' },
  rejected: {},
  revoked: {},
}

export function nextState(state: ApplicationState, event: ApplicationEvent): ApplicationState | undefined {
  return TRANSITIONS[state][event]
}

/** The owner may edit the form only while nobody is looking at it. */
export function isEditable(state: ApplicationState): boolean {
  return state === 'draft' || state === 'returned'
}

/** Open = still on its way; an enterprise has at most one open application. */
export function isOpen(state: ApplicationState): boolean {
  return state === 'draft' || state === 'reviewing' || state === 'returned' || state === 'approved'
}

export type Decision = 'approve' | 'reject' | 'return'

export interface ReviewDecision {
  decision: Decision
  comment?: string
  reviewerId: string
  reviewerName: string
  at: number
}

export type RoundReviews = Partial<Record<Department, ReviewDecision>>

/**
 * What a round's decisions amount to: any reject ends the application, any return sends it back, and only
 * three approvals approve it. Undefined while a department has yet to decide.
 */
export function roundOutcome(
  reviews: RoundReviews,
): Extract<ApplicationEvent, 'return' | 'reject' | 'approveAll'> | undefined {
  const decisions = DEPARTMENTS.map((d) => reviews[d]?.decision)
  if (decisions.includes('reject')) return 'reject'
  if (decisions.includes('return')) return 'return'
  if (decisions.every((d) => d === 'approve')) return 'approveAll'
  return undefined
}

export const COMMITMENT_PARTIES = ['enterprise', 'community', 'person'] as const
export type CommitmentParty = (typeof COMMITMENT_PARTIES)[number]

/**
 * Where a reopening plate stands now, as the public check shows it: valid; valid but told to put something
 * right by a date (a 回头看 inspection found a problem — 限期整改); or revoked. A later inspection that passes
 * lifts the rectification.
 */
export type PlateStanding = 'valid' | 'rectify' | 'revoked'

export function plateStanding(p: {
  revokedAt?: number | null
  rectify?: { deadline: string } | null
}): PlateStanding {
  if (p.revokedAt) return 'revoked'
  return p.rectify ? 'rectify' : 'valid'
}

/** 有效 / 限期整改至3月20日 / 已撤销. */
export function plateStandingText(standing: PlateStanding, deadline?: string | null): string {
  if (standing === 'revoked') return '已撤销'
  if (standing === 'rectify' && deadline) {
    const [, m, d] = deadline.split('-').map(Number)
    return `限期整改至${m}月${d}日`
  }
  return standing === 'rectify' ? '限期整改' : '有效'
}
