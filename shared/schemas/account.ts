import { z } from 'zod'
import { DEPARTMENTS, SELF_SERVICE_ROLES, STAFF_ROLES } from '../roles'
import { PHONE_PATTERN, isSafeDisplayText } from '../validate'
import { requestIdSchema } from './common'
import { SUBSCRIBE_KINDS, type SubscribeKind } from '../../config/subscribe'

/**
 * Text other people see as a name (a person, a community, a grid, an invitation's note): trimmed, within
 * `min`–`max` characters, and without direction overrides, zero-width or line-break characters
 * (validate.ts UNSAFE_TEXT). The one schema every such name uses.
 */
export function displayText(what: string, min: number, max: number, requiredError = `请填写${what}`) {
  return z
    .string({ required_error: requiredError })
    .trim()
    .min(min, min <= 1 ? `请填写${what}` : `${what}至少${min}个字`)
    .max(max, `${what}不能超过${max}个字`)
    .refine(isSafeDisplayText, `${what}里有不能显示的特殊字符（如换行、隐藏字符），请删去后重新填写`)
}

export const nameSchema = displayText('姓名', 2, 20)

export const phoneSchema = z
  .string({ required_error: '请填写手机号' })
  .trim()
  .regex(PHONE_PATTERN, '请填写11位手机号')

export const passwordSchema = z
  .string({ required_error: '请填写密码' })
  .min(8, '密码至少8位')
  .max(64, '密码不能超过64位')
  .regex(/^(?=.*[A-Za-z])(?=.*\d).+$/, '密码需同时包含字母和数字')

export const idSchema = z.string().trim().min(1).max(64)

export const scopeSchema = z
  .object({
    streetId: idSchema,
    communityId: idSchema.optional(),
    gridId: idSchema.optional(),
  })
  .strict()
  .refine((s) => !s.gridId || s.communityId, { message: '选择网格时必须同时选择所属社区' })

export const registerInput = z
  .object({ phone: phoneSchema, password: passwordSchema, name: nameSchema })
  .strict()
export const loginInput = z
  .object({
    phone: phoneSchema,
    password: z.string({ required_error: '请填写密码' }).min(1, '请填写密码').max(64),
  })
  .strict()

export const changePasswordInput = z
  .object({
    oldPassword: z.string({ required_error: '请填写原密码' }).min(1, '请填写原密码').max(64),
    newPassword: passwordSchema,
  })
  .strict()
  .refine((v) => v.oldPassword !== v.newPassword, {
    message: '新密码不能和原密码相同',
    path: ['newPassword'],
  })

/** One-time reset codes use the invite alphabet (no 0/O/1/I): read aloud and typed by people. */
export const RESET_CODE_PATTERN = /^[A-Z2-9]{8}$/
export const resetCodeSchema = z
  .string({ required_error: '请填写重置码' })
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(RESET_CODE_PATTERN, '重置码是8位字母或数字，请向管理员或网格员核对'))

export const resetPasswordInput = z
  .object({ phone: phoneSchema, code: resetCodeSchema, password: passwordSchema })
  .strict()

/** An admin (or the person's grid worker) issues a one-time reset code / lifts a login lock. */
export const accountTargetInput = z.object({ accountId: idSchema }).strict()

export const setupInput = z
  .object({
    name: nameSchema,
    /** Not needed when the identity already proved a phone (WeChat's phone-number button, H5 registration). */
    phone: phoneSchema.optional(),
    role: z.enum(SELF_SERVICE_ROLES, { errorMap: () => ({ message: '请选择您的身份' }) }),
    streetId: idSchema.optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()

/** The tree of one street: district staff and people without an account yet name it (see account.scopes). */
export const scopesInput = z.object({ streetId: idSchema.optional() }).strict()

export const updateProfileInput = z
  .object({ name: nameSchema.optional(), phone: phoneSchema.optional() })
  .strict()

export const createInviteInput = z
  .object({
    role: z.enum([...STAFF_ROLES, 'district'], { errorMap: () => ({ message: '请选择要邀请的岗位' }) }),
    scope: scopeSchema,
    department: z.enum(DEPARTMENTS, { errorMap: () => ({ message: '请选择审核部门' }) }).optional(),
    /** How long the code stays valid, in hours. */
    validHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
    note: displayText('备注', 0, 50).optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()
  .refine((v) => v.role !== 'reviewer' || v.department, {
    message: '邀请审核人员时必须选择部门',
    path: ['department'],
  })
  .refine((v) => v.role === 'reviewer' || !v.department, {
    message: '只有审核人员需要选择部门',
    path: ['department'],
  })

/** The letters and digits of an invitation code: no 0/O and 1/I, which are misread when read aloud or typed. */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const INVITE_CODE_LENGTH = 8
export const INVITE_CODE_PATTERN = new RegExp(`^[${INVITE_CODE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`)
export const redeemInviteInput = z
  .object({
    code: z
      .string({ required_error: '请输入邀请码' })
      .trim()
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
      // Each check says what is wrong; zod reports the first that fails.
      .pipe(
        z
          .string()
          .length(INVITE_CODE_LENGTH, `邀请码是${INVITE_CODE_LENGTH}位字母和数字`)
          .regex(/^[A-Z0-9]*$/, '邀请码只有字母和数字')
          .regex(INVITE_CODE_PATTERN, '邀请码里没有数字0、1和字母I、O，请对照邀请码再核对一遍'),
      ),
    /** Accepted for the convention; the same person redeeming the same code is answered again anyway. */
    requestId: requestIdSchema.optional(),
  })
  .strict()

export const listInvitesInput = z
  .object({
    page: z.number().int().min(1).max(10_000, '页码太大了').default(1),
    pageSize: z.number().int().min(1).max(50).default(20),
  })
  .strict()

export const inboxInput = listInvitesInput
export const markReadInput = z.object({ ids: z.array(idSchema).max(100) }).strict()

export const revokeInviteInput = z.object({ code: z.string().trim().min(1) }).strict()

export const emptyInput = z.object({}).strict()

/** The one-time code the phone-number button handed the page (`getphonenumber` event's `detail.code`). */
export const provePhoneInput = z
  .object({ code: z.string({ required_error: '请先点击「使用微信手机号」' }).trim().min(1).max(128) })
  .strict()

export const linkInput = z
  .object({
    code: z
      .string({ required_error: '请输入关联码' })
      .trim()
      .regex(/^\d{6}$/, '关联码是6位数字'),
  })
  .strict()

/** Sent by the H5 gateway (a system call), never by a person. */
export const recordRegisteredPhoneInput = z.object({ uid: idSchema, phone: phoneSchema }).strict()

/** The kinds of subscribe message the person just allowed (the 「允许」 answers of requestSubscribeMessage). */
export const subscribedInput = z
  .object({
    accepted: z
      .array(z.enum(SUBSCRIBE_KINDS as [SubscribeKind, ...SubscribeKind[]]))
      .min(1)
      .max(3),
  })
  .strict()

export type SetupInput = z.infer<typeof setupInput>
export type CreateInviteInput = z.infer<typeof createInviteInput>

/** Deleting one's account: the person types their name, as a check that they mean it. */
export const deleteAccountInput = z
  .object({ confirmName: z.string().max(40, '姓名太长').trim().min(1, '请输入您的姓名以确认注销') })
  .strict()
