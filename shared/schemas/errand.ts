import { z } from 'zod'
import {
  ERRAND_CATEGORIES,
  ERRAND_STATES,
  HANDOFF_CODE_PATTERN,
  HELP_REASONS,
  LEDGER_STATES,
  RATING_TAGS,
  SETTLEMENTS,
  canBeUrgent,
} from '../errand'
import { idSchema, phoneSchema } from './account'
import { pageInput } from './application'
import { requestIdSchema } from './common'

const fileIdSchema = z.string().trim().startsWith('cloud://', '照片地址不正确，请重新上传').max(500)
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm')
/** Whole fen (分); ¥5,000 is the most one request may carry. */
const fenSchema = (what: string) =>
  z
    .number({ required_error: `请填写${what}`, invalid_type_error: `${what}必须是数字` })
    .int(`${what}以分为单位，应为整数`)
    .min(0, `${what}不能为负数`)
    .max(500_000, `${what}不能超过5000元`)

export const errandItemSchema = z
  .object({
    name: z.string().trim().min(1, '请填写物品名称').max(30, '物品名称不能超过30个字'),
    quantity: z
      .number({ invalid_type_error: '数量必须是数字' })
      .int('数量应为整数')
      .min(1, '数量至少为1')
      .max(99, '数量不能超过99'),
    unit: z.string().trim().max(6).optional(),
    note: z.string().trim().max(60, '备注不能超过60个字').optional(),
  })
  .strict()

export const deliveryWindowSchema = z
  .object({ start: hhmm, end: hhmm })
  .strict()
  .refine((w) => w.start < w.end, { message: '送达时段的开始时间应早于结束时间' })

export const createErrandInput = z
  .object({
    category: z.enum(ERRAND_CATEGORIES, { errorMap: () => ({ message: '请选择需求类别' }) }),
    items: z.array(errandItemSchema).max(20, '一次最多20样物品').default([]),
    budgetFen: fenSchema('预算').default(0),
    /** Preferred delivery time of day (Shanghai); absent: as soon as possible. */
    deliveryWindow: deliveryWindowSchema.optional(),
    /** 无接触配送: left at the door. On unless the requester turns it off. */
    contactless: z.boolean().default(true),
    urgent: z.boolean().default(false),
    note: z.string().trim().max(200, '备注不能超过200个字').optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.urgent && !canBeUrgent(v.category))
      ctx.addIssue({ code: 'custom', path: ['urgent'], message: '只有药品需求可以标记加急' })
    if (v.category === 'psych') {
      if (v.items.length) ctx.addIssue({ code: 'custom', path: ['items'], message: '心理疏导不需要填写物品' })
      if (v.budgetFen)
        ctx.addIssue({ code: 'custom', path: ['budgetFen'], message: '心理疏导不需要填写预算' })
      if (!v.note || v.note.length < 2)
        ctx.addIssue({ code: 'custom', path: ['note'], message: '请简单说说需要哪方面的帮助' })
    } else {
      if (!v.items.length) ctx.addIssue({ code: 'custom', path: ['items'], message: '请至少填写一样物品' })
      if (v.budgetFen < 100) ctx.addIssue({ code: 'custom', path: ['budgetFen'], message: '预算至少1元' })
    }
  })

export const errandIdInput = z.object({ errandId: idSchema }).strict()

export const mineInput = z.object({ ...pageInput, active: z.boolean().optional() }).strict()

export const listOpenInput = z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict()

export const assignedInput = z.object({ ...pageInput, active: z.boolean().default(true) }).strict()

export const listErrandsInput = z
  .object({
    ...pageInput,
    status: z.enum(ERRAND_STATES).optional(),
    gridId: idSchema.optional(),
  })
  .strict()

export const releaseErrandInput = z
  .object({ errandId: idSchema, reason: z.string().trim().min(2, '请填写退回原因').max(200) })
  .strict()

export const advanceErrandInput = z
  .object({
    errandId: idSchema,
    /** The step being taken; anything but the very next step is refused. */
    to: z.enum(ERRAND_STATES, { errorMap: () => ({ message: '请选择要更新到的进度' }) }),
    spentFen: fenSchema('实际花费').optional(),
    receiptFileId: fileIdSchema.optional(),
    dropOffFileId: fileIdSchema.optional(),
    settlement: z.enum(SETTLEMENTS, { errorMap: () => ({ message: '请选择结算方式' }) }).optional(),
    /** Required when the amount spent is more than the budget. */
    overBudgetReason: z.string().trim().min(2).max(200).optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict()

export const confirmErrandInput = z
  .object({
    errandId: idSchema,
    code: z
      .string({ required_error: '请输入交接码' })
      .trim()
      .regex(HANDOFF_CODE_PATTERN, '交接码是4到6位数字'),
  })
  .strict()

export const cancelErrandInput = z
  .object({ errandId: idSchema, reason: z.string().trim().max(200).optional() })
  .strict()

export const rateErrandInput = z
  .object({
    errandId: idSchema,
    stars: z
      .number({ required_error: '请选择评分' })
      .int('评分应为1到5的整数')
      .min(1, '评分应为1到5的整数')
      .max(5, '评分应为1到5的整数'),
    comment: z.string().trim().max(200, '评价不能超过200个字').optional(),
    tags: z
      .array(z.enum(RATING_TAGS, { message: '请从给出的评价标签中选择' }))
      .max(RATING_TAGS.length)
      .refine((t) => new Set(t).size === t.length, '评价标签不能重复')
      .optional(),
  })
  .strict()

export const ledgerInput = z
  .object({
    ...pageInput,
    status: z.enum(LEDGER_STATES).optional(),
    butlerId: idSchema.optional(),
    gridId: idSchema.optional(),
  })
  .strict()

export const settleInput = z
  .object({
    entryIds: z.array(idSchema).min(1, '请选择要结算的记录').max(100, '一次最多结算100笔'),
    note: z.string().trim().max(200).optional(),
  })
  .strict()

export const butlerStatsInput = z.object({ butlerId: idSchema.optional() }).strict()

export const markNeedsHelpInput = z
  .object({
    /** The phone number the person registered with. */
    phone: phoneSchema,
    building: z.string().trim().min(1, '请填写楼栋').max(20),
    room: z.string().trim().min(1, '请填写门牌号').max(20),
    reason: z.enum(HELP_REASONS, { errorMap: () => ({ message: '请选择帮扶原因' }) }),
    note: z.string().trim().max(200).optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()

export const unmarkNeedsHelpInput = z
  .object({ accountId: idSchema, reason: z.string().trim().max(200).optional() })
  .strict()

export const listNeedsHelpInput = z.object({ ...pageInput }).strict()

export const setErrandSettingsInput = z
  .object({
    maxOpen: z.number().int().min(1, '至少允许1个').max(50, '最多50个'),
    unclaimedMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    urgentUnclaimedMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    deliverWithinMinutes: z
      .number()
      .int()
      .min(30)
      .max(48 * 60),
    communityAfterMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
  })
  .strict()
  .refine((s) => s.urgentUnclaimedMinutes <= s.unclaimedMinutes, {
    message: '加急药品的认领时限不能长于普通需求',
    path: ['urgentUnclaimedMinutes'],
  })

export type CreateErrandInput = z.input<typeof createErrandInput>
