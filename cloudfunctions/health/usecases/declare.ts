import { AppError } from '../../../shared/errors'
import { classify, observationPeriod } from '../../../shared/health'
import type { declareInput } from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import { firstStaffOfGrid } from '../../_lib/accounts'
import { col, getDoc } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import { activeQuarantineOf } from '../../_lib/quarantines'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { rulesFor } from '../../_lib/settings'
import type { DeclarationDoc, QuarantineDoc } from '../model'
import { publicQuarantine } from './quarantines'

export async function declare(deps: Deps, caller: CallerFor, input: Input<typeof declareInput>) {
  const now = deps.now()
  const today = shanghaiDate(now)
  const streetId = caller.account.scope.streetId
  const grid = await getDoc(deps, 'grids', input.gridId)
  if (!grid || grid.streetId !== streetId || grid.communityId !== input.communityId)
    throw new AppError('SCOPE_NOT_FOUND')
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
  const { enterpriseCode: _code, ...fields } = input
  const declaration: DeclarationDoc = {
    _id: deps.newId(),
    accountId: caller.account._id,
    streetId,
    ...fields,
    enterpriseId,
    classification,
    rulesVersion: rules.version,
    createdAt: now,
  }
  await col(deps.db, 'declarations').add(declaration)
  let quarantine: QuarantineDoc | undefined
  // Counted from the arrival, not from today: declaring late does not lengthen the observation.
  const period = observationPeriod(input, classification, rules, today)
  if (period) {
    quarantine = await activeQuarantineOf(deps, caller.account._id)
    if (!quarantine) {
      const [butler, gridWorker] = await Promise.all([
        firstStaffOfGrid(deps.db, input.gridId, 'butler'),
        firstStaffOfGrid(deps.db, input.gridId, 'gridWorker'),
      ])
      quarantine = {
        _id: deps.newId(),
        accountId: caller.account._id,
        declarationId: declaration._id,
        name: input.name,
        phone: input.phone,
        streetId,
        communityId: input.communityId,
        gridId: input.gridId,
        enterpriseId,
        building: input.building,
        room: input.room,
        kind: 'home',
        reasons: classification.reasons,
        ...period,
        status: 'active',
        butlerId: butler?._id ?? null,
        gridWorkerId: gridWorker?._id ?? null,
        changes: [],
        createdAt: now,
      }
      await col(deps.db, 'quarantines').add(quarantine)
      for (const staffId of [quarantine.butlerId, quarantine.gridWorkerId]) {
        if (staffId) {
          await notify(deps, {
            accountId: staffId,
            title: '新增居家隔离人员',
            body: `${input.name}（${input.building}栋${input.room}）：${classification.reasons.join('；')}。${quarantine.endDate} 解除隔离。`,
          })
        }
      }
    }
  }
  return {
    classification,
    quarantine: quarantine ? publicQuarantine(quarantine, today) : null,
    /** A key person whose observation since the arrival has already run its course: nothing to do. */
    observationOver: classification.result === 'keyPerson' && !period,
  }
}
