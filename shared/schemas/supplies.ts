import { z } from 'zod'
import { MAX_SUPPLY_QUANTITY, SUPPLY_KINDS, SUPPLY_SOURCES } from '../supplies'
import { idSchema, nameSchema } from './account'
import { pageInput } from './application'
import { requestIdSchema, searchSchema } from './common'
import { daySchema } from './stats'

const kindSchema = z.enum(SUPPLY_KINDS, { errorMap: () => ({ message: '请选择物资种类' }) })
const quantitySchema = z
  .number({ required_error: '请填写数量', invalid_type_error: '数量必须是数字' })
  .int('数量必须是整数')
  .min(1, '数量至少是1')
  .max(MAX_SUPPLY_QUANTITY, `一次最多${MAX_SUPPLY_QUANTITY}`)
const note = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过${max}个字`)
const fileIdSchema = z.string().trim().startsWith('cloud://', '文件地址不正确').max(500)

/** The street's stock received: bought or donated. */
export const receiveInput = z
  .object({
    kind: kindSchema,
    quantity: quantitySchema,
    source: z.enum(SUPPLY_SOURCES, { errorMap: () => ({ message: '请选择来源：采购或捐赠' }) }),
    note: note(100, '来源说明').optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()

/** Handed out to an enterprise or shop; `signedBy` when the recipient signed for it on the spot. */
export const handOutInput = z
  .object({
    enterpriseId: idSchema,
    kind: kindSchema,
    quantity: quantitySchema,
    signedBy: nameSchema.optional(),
    note: note(100, '备注').optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()

export const confirmReceiptInput = z.object({ handOutId: idSchema }).strict()

export const stockInput = z.object({}).strict()

/** Enterprises a hand-out can go to, found by a part of their name. */
export const supplyEnterprisesInput = z.object({ ...pageInput, search: searchSchema(60).optional() }).strict()

export const handOutsInput = z
  .object({ ...pageInput, enterpriseId: idSchema.optional(), pending: z.boolean().optional() })
  .strict()

export const requestPurchaseInput = z
  .object({
    enterpriseId: idSchema,
    kind: kindSchema,
    quantity: quantitySchema,
    note: note(100, '说明').optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()

export const recordPurchaseInput = z
  .object({
    purchaseId: idSchema,
    quantity: quantitySchema,
    note: note(100, '采购说明').optional(),
  })
  .strict()

export const purchasesInput = z
  .object({ ...pageInput, status: z.enum(['open', 'procured']).optional() })
  .strict()

export const suppliesLedgerInput = z
  .object({ ...pageInput, from: daySchema.optional(), to: daySchema.optional() })
  .strict()

// ---------- health certificates ----------

export const uploadCertificateInput = z
  .object({
    enterpriseId: idSchema,
    photo: fileIdSchema,
    number: z
      .string({ required_error: '请填写健康证编号' })
      .trim()
      .min(4, '请填写健康证编号')
      .max(40, '健康证编号不能超过40个字符'),
    authority: note(40, '发证机构').min(2, '请填写发证机构'),
    expiresOn: daySchema,
    requestId: requestIdSchema.optional(),
  })
  .strict()

export const verifyCertificateInput = z
  .object({
    certificateId: idSchema,
    approve: z.boolean(),
    note: note(100, '说明').optional(),
  })
  .strict()
  .refine((v) => v.approve || Boolean(v.note), { path: ['note'], message: '请写明核验未通过的原因' })

export const certificateStaffInput = z.object({ enterpriseId: idSchema }).strict()
export const myCertificatesInput = z.object({}).strict()
export const pendingCertificatesInput = z.object({ ...pageInput }).strict()
