import { DEFAULT_ERRAND_SETTINGS, maskName } from '../../../shared/errand'
import { AppError } from '../../../shared/errors'
import type { butlerStatsInput, rateErrandInput } from '../../../shared/schemas/errand'
import { allow } from '../../_lib/access'
import { col, getDoc } from '../../_lib/collections'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { eventOf, loadErrand, requireRelation } from './relations'
import { requesterView } from './views'

export async function rate(deps: Deps, caller: CallerFor, input: Input<typeof rateErrandInput>) {
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  requireRelation(caller, e, DEFAULT_ERRAND_SETTINGS, now)
  if (e.status !== 'confirmed') throw new AppError('ERRAND_NOT_CONFIRMED')
  if (e.rating) throw new AppError('ERRAND_ALREADY_RATED')
  const rating = { stars: input.stars, comment: input.comment ?? '', tags: input.tags ?? [], at: now }
  const _ = deps.db.command
  const { updated } = await col(deps.db, 'errands')
    .where({ _id: e._id, status: 'confirmed', rating: null })
    .update({
      rating: _.set(rating),
      updatedAt: now,
      timeline: _.push(eventOf(caller, 'rate', now, { note: `${input.stars}星` })),
    })
  if (!updated) throw new AppError('ERRAND_ALREADY_RATED')
  return { errand: requesterView({ ...e, rating }) }
}

/** A butler's (or grid worker's) record: completed requests, rating count and average, recent comments. */
export async function butlerStats(deps: Deps, caller: CallerFor, input: Input<typeof butlerStatsInput>) {
  const id = input.butlerId ?? caller.account._id
  const staff = await getDoc(deps, 'accounts', id)
  if (!staff || (staff.role !== 'butler' && staff.role !== 'gridWorker'))
    throw new AppError('NOT_FOUND', '没有找到这位社区管家')
  allow(caller, { scope: staff.scope })
  const _ = deps.db.command
  const $ = deps.db.command.aggregate
  const [{ total: completed }, grouped, { data: recent }] = await Promise.all([
    col(deps.db, 'errands').where({ assigneeId: id, status: 'confirmed' }).count(),
    col(deps.db, 'errands')
      .aggregate()
      .match({ assigneeId: id, status: 'confirmed', 'rating.stars': _.gte(1) })
      .group({ _id: '$rating.stars', n: $.sum(1) })
      .end(),
    col(deps.db, 'errands')
      .where({ assigneeId: id, status: 'confirmed', 'rating.stars': _.gte(1) })
      .orderBy('confirmedAt', 'desc')
      .limit(5)
      .get(),
  ])
  const stars: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
  let count = 0
  let sum = 0
  for (const row of grouped.data as { _id: number; n: number }[]) {
    stars[String(row._id)] = row.n
    count += row.n
    sum += row._id * row.n
  }
  return {
    butler: { _id: staff._id, name: staff.name, role: staff.role },
    completed,
    ratingCount: count,
    ratingAverage: count ? Math.round((sum / count) * 10) / 10 : null,
    stars,
    recent: recent.map((e) => ({
      stars: e.rating!.stars,
      comment: e.rating!.comment,
      tags: e.rating!.tags ?? [],
      by: maskName(e.requesterName),
      category: e.category,
      at: e.rating!.at,
    })),
  }
}
