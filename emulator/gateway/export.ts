import type { IncomingMessage, ServerResponse } from 'node:http'
import { API_KEY_PREFIX, dailyExportCsv, type DailyExport } from '../../shared/stats'
import { sendFail, sendJson, statusFor } from '../http'
import { FunctionError, type CallerIdentity } from '../functions/host'
import { sessionOf, type GatewayDeps } from './routes'

/**
 * GET /api/export/daily?date=YYYY-MM-DD[&format=csv]: the day's figures per street (docs/export-schema.json),
 * for the district's systems. Either a signed-in street staff member's bearer token (the function checks the
 * role as for any call), or an API key from the management page (`Authorization: Bearer rk_…` or `X-Api-Key`),
 * which the stats function checks, scopes and audits. The numbers are computed by the stats function, the same
 * way as the dashboard's.
 */
export async function dailyExportRoute(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const date = url.searchParams.get('date') ?? ''
  const format = url.searchParams.get('format') ?? 'json'
  if (format !== 'json' && format !== 'csv')
    return sendFail(res, 'INVALID_INPUT', 'format 只能是 json 或 csv')
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
  const headerKey = req.headers['x-api-key']
  const key =
    typeof headerKey === 'string' ? headerKey : bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined
  let identity: CallerIdentity
  let event: Record<string, unknown>
  if (key) {
    identity = { kind: 'server' }
    event = { action: 'exportByKey', key, date }
  } else {
    const session = await sessionOf(deps, req, res)
    if (session === null) return
    if (session === undefined) return sendFail(res, 'UNAUTHENTICATED', '请带上登录凭证或 API 密钥')
    identity = { kind: 'custom', uid: session.uid }
    event = { action: 'dailyExport', date }
  }
  let result: { ok: boolean; code?: string; data?: DailyExport }
  try {
    result = (await deps.host.invoke('stats', event, identity)) as typeof result
  } catch (e) {
    if (e instanceof FunctionError && e.code === 'FUNCTION_TIMEOUT')
      return sendFail(res, 'INTERNAL', '处理超时，请稍后再试')
    throw e
  }
  if (!result.ok || !result.data) return sendJson(res, statusFor(String(result.code)), result)
  if (format === 'json') return sendJson(res, 200, result.data)
  const csv = dailyExportCsv(result.data)
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="reopen-daily-${result.data.date}.csv"`,
    'content-length': Buffer.byteLength(csv),
    'cache-control': 'no-store',
  })
  res.end(csv)
}
