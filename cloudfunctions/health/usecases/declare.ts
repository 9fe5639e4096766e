import { AppError } from '../../../shared/errors'
import { classify, observationPeriod } from '../../../shared/health'
import type { declareInput } from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import { allow } from '../../_lib/access'
import { firstStaffOfGrid } from '../../_lib/accounts'
import { col, getDoc, txCol } from '../../_lib/collections'
import { isConflict, isDuplicateKey } from '../../_lib/errors'
import { notify } from '../../_lib/notify'
import { activeQuarantineOf, recordQuarantineOnAccount } from '../../_lib/quarantines'
import { createOnce, onceId } from '../../_lib/once'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'
import { rulesFor } from '../../_lib/settings'
import type { DeclarationDoc, QuarantineDoc } from '../model'
import { publicQuarantine } from './quarantines'

export async function declare(deps: Deps, caller: CallerFor, input: Input<typeof declareInput>) {
  const now = deps.now()
  const today = shanghaiDate(now)
  const streetId = caller.account.scope.streetId
  const grid = await getDoc(deps, 'grids', input.gridId)
  if (!grid || grid.communityId !== input.communityId) throw new AppError('SCOPE_NOT_FOUND')
  allow(caller, { scope: { streetId: grid.streetId, communityId: grid.communityId, gridId: grid._id } })
  let enterpriseId: string | null = null
  if (input.enterpriseCode) {
    const { data } = await col(deps.db, 'enterprises')
      .where({ joinCode: input.enterpriseCode, streetId })
      .limit(1)
      .get()
    if (!data[0]) throw new AppError('NOT_FOUND', '加入码不正确，请向企业负责人核对')
    enterpriseId = (data[0] as { _id: string })._id
  }
  if (input.arrivalDate > today) throw new AppError('INVALID_INPUT', '到达日期不能晚于今天')
  const rules = await rulesFor(deps, streetId, today)
  const classification = classify(input, rules, today)
  const { enterpriseCode: _code, requestId, ...fields } = input
  const me = caller.account._id
  const declarationId = onceId(caller.account, requestId, deps.newId)
  // Counted from the arrival, not from today: declaring late does not lengthen the observation.
  const period = observationPeriod(input, classification, rules, today)
  /** A key person whose observation since the arrival has already run its course: nothing to do. */
  const observationOver = classification.result === 'keyPerson' && !period
  /** The answer a declaration gets: its screening result and the quarantine it led to. */
  const answer = async (d: DeclarationDoc) => {
    const q = d.quarantineId ? await getDoc(deps, 'quarantines', d.quarantineId) : undefined
    return {
      classification: d.classification,
      quarantine: q ? publicQuarantine(q, today, caller.account) : null,
      observationOver,
    }
  }
  const replay = async () => {
    const d = await getDoc(deps, 'declarations', declarationId)
    return d && d.accountId === me ? answer(d) : undefined
  }
  return createOnce(
    requestId,
    async () => {
      // A key person goes into quarantine once: while one is open, later declarations join it. A new one takes
      // the id `<account>:q<n>` (n = the person's quarantines released so far), so declarations racing each
      // other all try the same id and the store lets exactly one of them create it.
      let quarantine = period ? await activeQuarantineOf(deps, me) : undefined
      let created: QuarantineDoc | undefined
      for (let attempt = 0; ; attempt++) {
        created =
          period && !quarantine
            ? await newQuarantine(
                deps,
                caller,
                input,
                declarationId,
                classification.reasons,
                period,
                enterpriseId,
              )
            : undefined
        const declaration: DeclarationDoc = {
          _id: declarationId,
          accountId: me,
          streetId,
          ...fields,
          enterpriseId,
          classification,
          rulesVersion: rules.version,
          quarantineId: (created ?? quarantine)?._id ?? null,
          createdAt: now,
        }
        try {
          await deps.db.runTransaction(async (t: Transaction) => {
            if (created) {
              await txCol(t, 'quarantines').add(created)
              await recordQuarantineOnAccount(deps, t, created, true)
            }
            await txCol(t, 'declarations').add(declaration)
          })
          quarantine = created ?? quarantine
          break
        } catch (e) {
          // Another declaration of this person opened the quarantine first: join it.
          const lost = isDuplicateKey(e) || isConflict(e)
          if (!created || !lost || attempt >= 5 || (requestId && (await replay()))) throw e
          quarantine = await activeQuarantineOf(deps, me)
        }
      }
      if (created) {
        for (const staffId of [created.butlerId, created.gridWorkerId]) {
          if (staffId) {
            await notify(deps, {
              accountId: staffId,
              title: '新增居家隔离人员',
              body: `${input.name}（${input.building}栋${input.room}）：${classification.reasons.join('；')}。${created.endDate} 解除隔离。`,
            })
          }
        }
      }
      return {
        classification,
        quarantine: quarantine ? publicQuarantine(quarantine, today, caller.account) : null,
        observationOver,
      }
    },
    replay,
  )
}

async function newQuarantine(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof declareInput>,
  declarationId: string,
  reasons: string[],
  period: { startDate: string; endDate: string },
  enterpriseId: string | null,
): Promise<QuarantineDoc> {
  const me = caller.account._id
  // Counted among the released ones only: a quarantine opened by a racing declaration is not released, so
  // every declaration of the race arrives at the same number.
  const [{ total: before }, butler, gridWorker] = await Promise.all([
    col(deps.db, 'quarantines').where({ accountId: me, status: 'released' }).count(),
    firstStaffOfGrid(deps.db, input.gridId, 'butler'),
    firstStaffOfGrid(deps.db, input.gridId, 'gridWorker'),
  ])
  return {
    // Letters, digits and dashes only: the id travels in page links (a ':' would arrive percent-encoded).
    _id: `${me}-q${before}`,
    accountId: me,
    declarationId,
    name: input.name,
    phone: input.phone,
    streetId: caller.account.scope.streetId,
    communityId: input.communityId,
    gridId: input.gridId,
    enterpriseId,
    building: input.building,
    room: input.room,
    kind: 'home',
    reasons,
    ...period,
    status: 'active',
    butlerId: butler?._id ?? null,
    gridWorkerId: gridWorker?._id ?? null,
    changes: [],
    createdAt: deps.now(),
  }
}
