import { AppError } from '../../../shared/errors'
import type {
  answerDifficultyInput,
  listDifficultiesInput,
  reportDifficultyInput,
} from '../../../shared/schemas/application'
import { allow } from '../../_lib/access'
import { col, getDoc } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import { createDocOnce, onceId } from '../../_lib/once'
import { pageOf } from '../../_lib/paging'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import type { DifficultyDoc } from '../model'
import { ownEnterprise } from './access'

export async function reportDifficulty(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof reportDifficultyInput>,
) {
  const e = await ownEnterprise(deps, caller, input.enterpriseId)
  const id = onceId(caller.account, input.requestId, deps.newId)
  return createDocOnce(
    deps,
    'difficulties',
    id,
    input.requestId,
    async () => {
      const doc: DifficultyDoc = {
        _id: id,
        enterpriseId: e._id,
        enterpriseName: e.name,
        streetId: e.streetId,
        communityId: e.communityId,
        ownerId: caller.account._id,
        kind: input.kind,
        text: input.text,
        status: 'open',
        answers: [],
        createdAt: deps.now(),
      }
      await col(deps.db, 'difficulties').add(doc)
      return { difficulty: doc }
    },
    (difficulty) => ({ difficulty }),
    (made) => made.ownerId === caller.account._id,
  )
}

export async function answerDifficulty(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof answerDifficultyInput>,
) {
  const now = deps.now()
  const _ = deps.db.command
  const d = await getDoc(deps, 'difficulties', input.difficultyId)
  if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
  allow(caller, { scope: { streetId: d.streetId, communityId: d.communityId } })
  if (d.status === 'closed') throw new AppError('CONFLICT', '这条诉求已经办结')
  const answer = { by: caller.account._id, byName: caller.account.name, text: input.answer, at: now }
  await col(deps.db, 'difficulties')
    .doc(d._id)
    .update({ answers: _.push(answer), ...(input.close ? { status: 'closed', closedAt: now } : {}) })
  await notify(deps, {
    accountId: d.ownerId,
    title: '企业诉求有了答复',
    body: `${d.enterpriseName}：${input.answer}`,
  })
  return { difficulty: { ...d, answers: [...d.answers, answer], status: input.close ? 'closed' : d.status } }
}

export async function listDifficulties(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof listDifficultiesInput>,
) {
  const a = caller.account
  const where: Record<string, unknown> =
    a.role === 'owner' ? { ownerId: a._id } : { streetId: a.scope.streetId }
  if (a.role !== 'owner' && a.scope.communityId) where.communityId = a.scope.communityId
  if (input.status) where.status = input.status
  const { items: data, total } = await pageOf(deps.db, 'difficulties', where, [['createdAt', 'desc']], input)
  return { items: data, total, page: input.page, pageSize: input.pageSize }
}
