import { staffDeclaration } from '../../emulator/seedOnsite'
import type {
  OnsiteCaseDoc,
  OnsiteCheckDoc,
  OnsiteEnterpriseDoc,
  OnsiteStaffDoc,
} from '../../cloudfunctions/onsite/model'
import { checkId, onsiteStaffId } from '../../shared/onsite'
import type { Scope } from '../../shared/roles'
import { shanghaiDate } from '../../shared/time'

/**
 * 一日两检 in the systematic suites' world: the three reopened enterprises (of owner, owner2 and ownerB), each with
 * one person on site and one stopped with an open case, and yesterday's unconfirmed check to confirm. In the demo
 * street's first one the world's employee declared with its join code and is its safety officer.
 */
export const ONSITE_IDS = {
  x: { enterpriseId: 'ent-x-reo', owner: 'acct-owner', officer: 'acct-employee', onSite: 'acct-employee' },
  h: { enterpriseId: 'ent-h-reo', owner: 'acct-owner2', officer: null, onSite: 'acct-onsite-h' },
  b: { enterpriseId: 'ent-b-reo', owner: 'acct-ownerB', officer: null, onSite: 'acct-onsite-b' },
} as const

/** The stopped person's case in each enterprise, and yesterday's check of its on-site person. */
export const onsiteCase = (k: keyof typeof ONSITE_IDS) =>
  checkId(onsiteStaffId(ONSITE_IDS[k].enterpriseId, `acct-stopped-${k}`), '2020-01-01', 'morning')
export const onsiteCheck = (k: keyof typeof ONSITE_IDS, yesterday: string) =>
  checkId(onsiteStaffId(ONSITE_IDS[k].enterpriseId, ONSITE_IDS[k].onSite), yesterday, 'morning')

export async function buildOnsite(
  add: <T extends { _id: string }>(collection: string, doc: T) => Promise<void>,
  places: Record<'x' | 'h' | 'b', Required<Scope>>,
  now: number,
): Promise<void> {
  const yesterday = shanghaiDate(now - 86_400_000)
  await add('declarations', {
    ...staffDeclaration({
      _id: 'decl-onsite-employee',
      accountId: 'acct-employee',
      enterpriseId: ONSITE_IDS.x.enterpriseId,
      name: '安全员职工',
      idNumber: '330106198001010011',
      phone: '13955500001',
      room: '101',
      arrivalDate: yesterday,
      createdAt: now - 86_400_000,
    }),
    ...places.x,
  })
  for (const k of ['x', 'h', 'b'] as const) {
    const { enterpriseId, officer, onSite } = ONSITE_IDS[k]
    const place = { enterpriseId, ...places[k] }
    await add('onsite_enterprises', {
      _id: enterpriseId,
      ...place,
      enterpriseName: `企业${enterpriseId}`,
      officerId: officer,
      officerName: officer ? '安全员职工' : null,
      openCases: 1,
      flagged: true,
      updatedAt: now,
    } satisfies OnsiteEnterpriseDoc)
    const staff = (accountId: string, stopped: boolean): OnsiteStaffDoc => ({
      _id: onsiteStaffId(enterpriseId, accountId),
      ...place,
      accountId,
      name: stopped ? '停工职工' : '在岗职工',
      onSite: true,
      onSiteSince: now - 2 * 86_400_000,
      stopped,
      stoppedCaseId: stopped ? onsiteCase(k) : null,
      updatedAt: now,
    })
    await add('onsite_staff', staff(onSite, false))
    await add('onsite_staff', staff(`acct-stopped-${k}`, true))
    const check = (id: string, accountId: string, date: string, positive: boolean): OnsiteCheckDoc => ({
      _id: id,
      ...place,
      staffId: onsiteStaffId(enterpriseId, accountId),
      accountId,
      name: positive ? '停工职工' : '在岗职工',
      date,
      slot: 'morning',
      status: 'done',
      temperature: 36.5,
      antigen: positive ? 'positive' : 'negative',
      photo: null,
      pcrSampled: true,
      fever: false,
      positive,
      recordedBy: null,
      confirmedBy: null,
      confirmedAt: null,
      requestId: null,
      at: now - 86_400_000,
    })
    await add('onsite_checks', check(onsiteCheck(k, yesterday), onSite, yesterday, false))
    await add('onsite_checks', check(onsiteCase(k), `acct-stopped-${k}`, '2020-01-01', true))
    await add('onsite_cases', {
      _id: onsiteCase(k),
      checkId: onsiteCase(k),
      staffId: onsiteStaffId(enterpriseId, `acct-stopped-${k}`),
      accountId: `acct-stopped-${k}`,
      name: '停工职工',
      enterpriseName: `企业${enterpriseId}`,
      ...place,
      fever: false,
      positive: true,
      temperature: 36.5,
      status: 'open',
      createdAt: now - 86_400_000,
      closedAt: null,
      closedBy: null,
      note: null,
    } satisfies OnsiteCaseDoc)
  }
}
