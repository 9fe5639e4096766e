/**
 * The dashboard's 物资发放 and 协助采购 figures, their lists and rows — kept in one file beside the others'
 * (figures.ts, filters.ts, rows.ts), written the same way: one grouped aggregation per collection for the
 * figures, and the very same conditions as a `where` for the list behind each.
 */
import type { FigureKey, HandOutRow, PurchaseRow } from '../../shared/stats'
import { SUPPLY_KINDS, type SupplyKind } from '../../shared/supplies'
import { col } from '../_lib/collections'
import type { MovementDoc, PurchaseDoc } from '../supplies/model'
import type { FigureContext, FigureQuery } from './filters'
import type { Places } from './scope'

type SupplyFigure =
  `handOuts.${SupplyKind}` | 'handOuts.enterprises' | 'purchases.procured' | 'purchases.open'

export function isSupplyFigure(figure: FigureKey): figure is SupplyFigure {
  return figure.startsWith('handOuts.') || figure.startsWith('purchases.')
}

export function supplyFigureQuery(figure: SupplyFigure, c: FigureContext): FigureQuery {
  const _ = c.db.command
  const inPeriod = () => _.gte(c.period.fromMs).and(_.lt(c.period.toMs))
  const handedOut = (where: Record<string, unknown>) => ({
    collection: 'supply_movements' as const,
    where: { ...c.where, type: 'handOut', at: inPeriod(), ...where },
    order: 'at',
  })
  if (figure === 'handOuts.enterprises') return { ...handedOut({}), distinct: 'enterpriseId' }
  if (figure === 'purchases.procured')
    return {
      collection: 'supply_purchases',
      where: { ...c.where, status: 'procured', procuredAt: inPeriod() },
      order: 'procuredAt',
    }
  if (figure === 'purchases.open')
    return { collection: 'supply_purchases', where: { ...c.where, status: 'open' }, order: 'createdAt' }
  return handedOut({ kind: figure.slice('handOuts.'.length) })
}

export async function computeSupplyFigures(c: FigureContext): Promise<Record<SupplyFigure, number>> {
  const _ = c.db.command
  const $ = c.db.command.aggregate
  const handedOut = { ...c.where, type: 'handOut', at: _.gte(c.period.fromMs).and(_.lt(c.period.toMs)) }
  const inPeriod = (name: string) =>
    $.and([
      $.gte([$.ifNull([`$${name}`, -1]), c.period.fromMs]),
      $.lt([$.ifNull([`$${name}`, -1]), c.period.toMs]),
    ])
  const countIf = (cond: unknown) => $.sum($.cond([cond, 1, 0]))
  // Per enterprise first: the quantities by kind and 受助企业 (enterprises, not hand-outs) from one read.
  const [handOuts, purchases] = await Promise.all([
    col(c.db, 'supply_movements')
      .aggregate()
      .match(handedOut)
      .group({
        _id: '$enterpriseId',
        ...Object.fromEntries(
          SUPPLY_KINDS.map((k) => [k, $.sum($.cond([$.eq(['$kind', k]), '$quantity', 0]))]),
        ),
      })
      .group({
        _id: null,
        enterprises: $.sum(1),
        ...Object.fromEntries(SUPPLY_KINDS.map((k) => [k, $.sum(`$${k}`)])),
      })
      .limit(1)
      .end(),
    col(c.db, 'supply_purchases')
      .aggregate()
      .match(c.where)
      .group({
        _id: null,
        procured: countIf($.and([$.eq(['$status', 'procured']), inPeriod('procuredAt')])),
        open: countIf($.eq(['$status', 'open'])),
      })
      .limit(1)
      .end(),
  ])
  const num = (v: unknown) => (typeof v === 'number' ? v : 0)
  const h = (handOuts.data[0] ?? {}) as Record<string, unknown>
  const p = (purchases.data[0] ?? {}) as Record<string, unknown>
  return {
    ...(Object.fromEntries(SUPPLY_KINDS.map((k) => [`handOuts.${k}`, num(h[k])])) as Record<
      `handOuts.${SupplyKind}`,
      number
    >),
    'handOuts.enterprises': num(h.enterprises),
    'purchases.procured': num(p.procured),
    'purchases.open': num(p.open),
  }
}

function place(p: Places, doc: { communityId?: string; gridId?: string }) {
  return {
    communityId: doc.communityId ?? '',
    communityName: doc.communityId ? p.community(doc.communityId) : '',
    gridId: doc.gridId ?? '',
    gridName: doc.gridId ? p.grid(doc.gridId) : '',
  }
}

export function handOutRow(p: Places, m: MovementDoc): HandOutRow {
  return {
    _id: m._id,
    enterpriseId: m.enterpriseId ?? '',
    enterpriseName: m.enterpriseName ?? '',
    ...place(p, m),
    kind: m.kind,
    quantity: m.quantity,
    status: m.status ?? 'handed',
    byName: m.byName,
    signedBy: m.signedBy ?? null,
    confirmedByName: m.confirmedByName ?? null,
    at: m.at,
    confirmedAt: m.confirmedAt ?? null,
  }
}

export function purchaseRow(p: Places, d: PurchaseDoc): PurchaseRow {
  return {
    _id: d._id,
    enterpriseId: d.enterpriseId,
    enterpriseName: d.enterpriseName,
    ...place(p, d),
    kind: d.kind,
    quantity: d.quantity,
    status: d.status,
    procuredQuantity: d.procuredQuantity ?? null,
    procuredByName: d.procuredByName ?? null,
    createdAt: d.createdAt,
    procuredAt: d.procuredAt ?? null,
  }
}
