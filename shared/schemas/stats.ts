import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { z } from 'zod'
import { FIGURE_KEYS, LEDGER_KINDS, MAX_DASHBOARD_DAYS, MAX_TREND_DAYS, type FigureKey } from '../stats'
import { daysBetween } from '../time'
import { idSchema } from './account'
import { pageInput } from './application'

dayjs.extend(utc)

/** A real calendar day, YYYY-MM-DD (Shanghai). */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => dayjs.utc(d).isValid() && dayjs.utc(d).format('YYYY-MM-DD') === d, '日期不存在')

/**
 * The street, community or grid a figure is about. Absent: the caller's own scope. A grid alone is enough
 * (its community is looked up); the function refuses anything outside the caller's scope.
 */
export const statsScopeSchema = z
  .object({ streetId: idSchema, communityId: idSchema.optional(), gridId: idSchema.optional() })
  .strict()

const period = { from: daySchema.optional(), to: daySchema.optional() }

function spanWithin(max: number) {
  return (v: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
    if (!v.from || !v.to) return
    const days = daysBetween(v.from, v.to)
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['from'], message: '开始日期不能晚于结束日期' })
    else if (days >= max) ctx.addIssue({ code: 'custom', path: ['from'], message: `一次最多查询${max}天` })
  }
}

export const dashboardInput = z
  .object({ scope: statsScopeSchema.optional(), ...period })
  .strict()
  .superRefine(spanWithin(MAX_DASHBOARD_DAYS))

export const figureSchema = z.enum(FIGURE_KEYS as [FigureKey, ...FigureKey[]], {
  errorMap: () => ({ message: '没有这项统计' }),
})

export const listInput = z
  .object({ figure: figureSchema, scope: statsScopeSchema.optional(), ...period, ...pageInput })
  .strict()
  .superRefine(spanWithin(MAX_DASHBOARD_DAYS))

/** 核对存档: the caller's street's stored days in the period (only closed days are ever stored). */
export const reconcileInput = z
  .object({ from: daySchema, to: daySchema })
  .strict()
  .superRefine(spanWithin(MAX_DASHBOARD_DAYS))

export const trendInput = z
  .object({ from: daySchema, to: daySchema, scope: statsScopeSchema.optional() })
  .strict()
  .superRefine(spanWithin(MAX_TREND_DAYS))

export const exportLedgerInput = z
  .object({
    kind: z.enum(LEDGER_KINDS, { errorMap: () => ({ message: '请选择台账类型' }) }),
    /** dailyReports: the day (default today); errands: only that day's requests; others: ignored. */
    date: daySchema.optional(),
    scope: statsScopeSchema.optional(),
  })
  .strict()

/** GET /api/export/daily: the day's figures per street. */
export const dailyExportInput = z.object({ date: daySchema }).strict()

/** The export fetched with an API key (the gateway passes the key; the function checks it). */
export const exportByKeyInput = z
  .object({ key: z.string().min(1, '缺少 API 密钥').max(200, 'API 密钥无效'), date: daySchema })
  .strict()
