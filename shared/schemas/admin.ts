import { z } from 'zod'
import { ASSIGNABLE_ROLES, DEPARTMENTS, ROLES, type AssignableRole } from '../roles'
import { displayText, idSchema } from './account'
import { pageInput } from './application'
import { requestIdSchema, searchSchema } from './common'
import { SUBSCRIBE_KINDS, type SubscribeKind } from '../../config/subscribe'
import { RETENTION_DAYS_RANGE } from '../retention'

const placeName = (what: string) => displayText(`${what}名称`, 2, 30)

export const createCommunityInput = z
  .object({ name: placeName('社区'), requestId: requestIdSchema.optional() })
  .strict()
export const createStreetInput = z
  .object({ name: placeName('街道'), requestId: requestIdSchema.optional() })
  .strict()
export const renameStreetInput = z.object({ streetId: idSchema, name: placeName('街道') }).strict()
export const renameCommunityInput = z.object({ communityId: idSchema, name: placeName('社区') }).strict()
export const createGridInput = z
  .object({ communityId: idSchema, name: placeName('网格'), requestId: requestIdSchema.optional() })
  .strict()
export const renameGridInput = z.object({ gridId: idSchema, name: placeName('网格') }).strict()
export const moveGridInput = z.object({ gridId: idSchema, communityId: idSchema }).strict()

/** Puts a butler or grid worker on a grid (their scope becomes that grid and its community). */
export const assignStaffInput = z.object({ accountId: idSchema, gridId: idSchema }).strict()

export const listAccountsInput = z
  .object({
    ...pageInput,
    role: z.enum(ROLES).optional(),
    /** Part of a name, or the start of a phone number. */
    search: searchSchema(20).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()

export const setRoleInput = z
  .object({
    accountId: idSchema,
    role: z.enum(ASSIGNABLE_ROLES as [AssignableRole, ...AssignableRole[]], {
      errorMap: () => ({ message: '请选择身份（区级工作人员不能在街道设置）' }),
    }),
    department: z.enum(DEPARTMENTS).optional(),
    /** For a community admin; for butlers and grid workers the grid's community is used. */
    communityId: idSchema.optional(),
    gridId: idSchema.optional(),
  })
  .strict()
  .refine((v) => v.role !== 'reviewer' || v.department, {
    message: '审核人员必须选择部门',
    path: ['department'],
  })
  .refine((v) => v.role === 'reviewer' || !v.department, {
    message: '只有审核人员需要选择部门',
    path: ['department'],
  })

export const setDisabledInput = z
  .object({
    accountId: idSchema,
    disabled: z.boolean(),
    reason: z.string().trim().max(100).optional(),
  })
  .strict()

export const auditLogInput = z
  .object({ ...pageInput, action: z.string().trim().max(40).optional(), actorId: idSchema.optional() })
  .strict()

/** The subscribe-message outbox (what WeChat accepted), newest first, optionally one kind of message. */
export const outboxInput = z
  .object({ ...pageInput, kind: z.enum(SUBSCRIBE_KINDS as [SubscribeKind, ...SubscribeKind[]]).optional() })
  .strict()

/** An API key for the daily export: what it is for (the district system's name). */
export const createApiKeyInput = z
  .object({ label: displayText('用途', 2, 30), requestId: requestIdSchema.optional() })
  .strict()
export const revokeApiKeyInput = z.object({ id: idSchema }).strict()

/**
 * A push endpoint must be HTTPS: the figures travel over the internet. Plain HTTP only to this machine itself
 * (a receiver next to the local cloud, or a test).
 */
const webhookUrl = z
  .string({ required_error: '请填写推送地址' })
  .trim()
  .max(500, '推送地址太长')
  .refine((u) => {
    try {
      const url = new URL(u)
      if (url.username || url.password) return false
      return (
        url.protocol === 'https:' ||
        (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
      )
    } catch {
      return false
    }
  }, '推送地址须以 https:// 开头，例如 https://example.gov.cn/reopen/daily')

export const setWebhookInput = z
  .object({
    url: webhookUrl,
    time: z
      .string({ required_error: '请选择推送时间' })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '推送时间格式为 时:分，例如 08:00'),
    enabled: z.boolean(),
    /** A new secret (the old one stops verifying at once). */
    newSecret: z.boolean().optional(),
  })
  .strict()

const retentionDays = (what: string) =>
  z
    .number({ invalid_type_error: `请填写${what}的保留天数` })
    .int(`${what}的保留天数须为整数`)
    .min(RETENTION_DAYS_RANGE.min, `${what}至少保留${RETENTION_DAYS_RANGE.min}天`)
    .max(RETENTION_DAYS_RANGE.max, `${what}最多保留${RETENTION_DAYS_RANGE.max}天`)

/** The street's retention policy (shared/retention.ts). */
export const setRetentionInput = z
  .object({
    healthDays: retentionDays('隔离和体温记录'),
    errandDays: retentionDays('跑腿地址和电话'),
    idNumberDays: retentionDays('身份证号'),
  })
  .strict()

const storedBackup = z
  .object({ name: z.string().max(80), size: z.number().int().min(0), createdAt: z.number() })
  .strict()

/** What the local cloud reports after each scheduled backup (server code only). */
export const recordBackupInput = z
  .object({
    ok: z.boolean(),
    name: z.string().max(80).optional(),
    size: z.number().int().min(0).optional(),
    error: z.string().max(500).optional(),
    kept: z.array(storedBackup).max(100),
  })
  .strict()
