import { AppError } from '../../shared/errors'
import { DISTRICT_SCOPE } from '../../shared/roles'
import type { dailyExportInput, exportByKeyInput } from '../../shared/schemas/stats'
import type { DailyExport } from '../../shared/stats'
import { hashApiKey } from '../_lib/apiKeys'
import { col, txCol } from '../_lib/collections'
import type { CallerFor, Deps, Input, Transaction } from '../_lib/runtime'
import { computeFigures } from './figures'
import { periodOf, type StatsScope } from './scope'
import { allStreetIds } from '../_lib/streets'
import { contextFor } from './usecases'

/** One street's figures for one day, computed exactly as its dashboard computes them for that day. */
async function streetFigures(deps: Deps, streetId: string, streetName: string, date: string) {
  const s: StatsScope = { scope: { streetId }, level: 'street', gridIds: null, names: { street: streetName } }
  const figures = await computeFigures(await contextFor(deps, s, periodOf(deps.now(), date, date)))
  return { streetId, streetName, figures }
}

/** The streets an export covers, with their names. */
async function streetsFor(deps: Deps, streetIds: string[]) {
  const { data } = await col(deps.db, 'streets')
    .where({ _id: deps.db.command.in(streetIds) })
    .limit(1000)
    .get()
  return streetIds.map((id) => ({ _id: id, name: data.find((s) => s._id === id)?.name ?? '' }))
}

/** The day's figures per street (docs/export-schema.json), for the gateway's GET /api/export/daily. */
export async function dailyExport(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof dailyExportInput>,
): Promise<DailyExport> {
  const streetIds =
    caller.account.role === 'district' ? await allStreetIds(deps) : [caller.account.scope.streetId]
  return exportFor(deps, streetIds, input.date)
}

/**
 * The district summary (区级汇总): one row per street of the day's figures — the export's rows, so the very numbers
 * each street's dashboard shows for that day. Read-only, and figures only: no person's record is in it.
 */
export async function districtSummary(
  deps: Deps,
  _caller: CallerFor,
  input: Input<typeof dailyExportInput>,
): Promise<DailyExport> {
  return exportFor(deps, await allStreetIds(deps), input.date)
}

export async function exportFor(deps: Deps, streetIds: string[], date: string): Promise<DailyExport> {
  const streets = await streetsFor(deps, streetIds)
  return {
    schema: 'reopen.daily/1',
    date,
    generatedAt: deps.now(),
    streets: await Promise.all(streets.map((s) => streetFigures(deps, s._id, s.name, date))),
  }
}

/**
 * The export fetched with an API key (the gateway's GET /api/export/daily): the key must be one the street admin
 * issued and has not revoked; it fetches its own street's figures, and every use is audited.
 */
export async function exportByKey(
  deps: Deps,
  _caller: CallerFor<'system'>,
  input: Input<typeof exportByKeyInput>,
): Promise<DailyExport> {
  const { data } = await col(deps.db, 'api_keys')
    .where({ hash: hashApiKey(input.key) })
    .limit(1)
    .get()
  const key = data[0]
  if (!key || key.revokedAt) throw new AppError('UNAUTHENTICATED', 'API 密钥无效或已作废')
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    await txCol(t, 'api_keys')
      .doc(key._id)
      .update({
        lastUsedAt: now,
        uses: deps.db.command.inc(1),
        unusedSecret: deps.db.command.remove(),
      })
    await txCol(t, 'audit_logs').add({
      streetId: key.streetId,
      actorId: `apiKey:${key._id}`,
      actorName: `API 密钥「${key.label}」`,
      action: 'export.daily',
      target: `date:${input.date}`,
      before: null,
      after: { date: input.date },
      at: now,
    })
  })
  // A key the district issued (its scope is the district's) fetches every street.
  const streetIds = key.streetId === DISTRICT_SCOPE.streetId ? await allStreetIds(deps) : [key.streetId]
  return exportFor(deps, streetIds, input.date)
}
