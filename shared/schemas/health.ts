import { z } from 'zod'
import { isValidIdNumber } from '../checksums'
import { REVISION_REASONS, SLOTS, SYMPTOMS, TEMPERATURE_RANGE } from '../health'
import { idSchema, nameSchema, phoneSchema } from './account'
import { pageInput } from './application'
import { requestIdSchema } from './common'

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const placeSchema = z
  .object({
    province: z.string().trim().min(2, '请选择省份').max(20),
    city: z.string().trim().max(20).optional(),
  })
  .strict()

export const idNumberSchema = z
  .string({ required_error: '请填写身份证号' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidIdNumber, '身份证号不正确，请核对18位号码')

export const declareInput = z
  .object({
    name: nameSchema,
    idNumber: idNumberSchema,
    phone: phoneSchema,
    communityId: idSchema,
    gridId: idSchema,
    building: z.string().trim().min(1, '请填写楼栋').max(20),
    room: z.string().trim().min(1, '请填写门牌号').max(20),
    fromProvince: z.string().trim().min(2, '请选择从哪个省份返回').max(20),
    fromCity: z.string().trim().min(2, '请填写城市').max(20),
    arrivalDate: dateSchema,
    placesStayed: z.array(placeSchema).max(20).default([]),
    contactWithCases: z.boolean({ required_error: '请选择是否接触过确诊或疑似病例' }),
    symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([]),
    /** The join code (加入码) the enterprise owner shows; absent for residents declaring to their community. */
    enterpriseCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z2-9]{6}$/, '加入码是6位字母或数字')
      .optional(),
    healthCertificate: z.string().startsWith('cloud://').max(500).optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()

const TEMPERATURE_RANGE_TEXT = `体温应在${TEMPERATURE_RANGE.min.toFixed(1)}到${TEMPERATURE_RANGE.max.toFixed(1)}之间`

export const temperatureSchema = z
  .number({ required_error: '请填写体温', invalid_type_error: '体温必须是数字' })
  .min(TEMPERATURE_RANGE.min, TEMPERATURE_RANGE_TEXT)
  .max(TEMPERATURE_RANGE.max, TEMPERATURE_RANGE_TEXT)
  .refine((t) => Math.abs(t * 10 - Math.round(t * 10)) < 1e-6, '体温保留一位小数')

export const reportInput = z
  .object({
    temperature: temperatureSchema,
    symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([]),
    /** Set by the client once per submission; a retry with the same id gets the original answer. */
    requestId: requestIdSchema,
  })
  .strict()

export const recordForInput = reportInput.extend({ quarantineId: idSchema }).strict()
/** A second reading for the slot in progress: a correction of a mistyped one, or a fever that came on later. */
export const reviseReportInput = reportInput
  .extend({ reason: z.enum(REVISION_REASONS, { errorMap: () => ({ message: '请选择是更正还是再次报备' }) }) })
  .strict()
export const historyInput = z.object({ quarantineId: idSchema.optional() }).strict()
export const boardInput = z.object({ gridId: idSchema.optional(), date: dateSchema.optional() }).strict()
export const extendInput = z
  .object({
    quarantineId: idSchema,
    days: z.number().int().min(1).max(28),
    reason: z.string().trim().min(2, '请填写延长原因').max(200),
  })
  .strict()
export const releaseInput = z
  .object({ quarantineId: idSchema, reason: z.string().trim().min(2, '请填写解除原因').max(200) })
  .strict()
export const listKeyPersonsInput = z
  .object({
    ...pageInput,
    status: z.enum(['active', 'pendingDecision', 'released']).optional(),
    gridId: idSchema.optional(),
  })
  .strict()
const slotsSchema = z
  .object(
    Object.fromEntries(
      SLOTS.map((s) => [
        s,
        z
          .object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) })
          .strict(),
      ]),
    ) as Record<(typeof SLOTS)[number], z.ZodObject<{ start: z.ZodString; end: z.ZodString }>>,
  )
  .strict()
export const setRulesInput = z
  .object({
    effectiveFrom: dateSchema,
    homeProvince: z.string().trim().min(2).max(20),
    riskAreas: z.array(placeSchema).max(200),
    lookbackDays: z.number().int().min(1).max(60),
    outOfProvinceIsKeyPerson: z.boolean(),
    quarantineDays: z.number().int().min(1).max(60),
    feverThreshold: z
      .number()
      .min(36.5, '发热标准应在36.5到38.5之间')
      .max(38.5, '发热标准应在36.5到38.5之间'),
    slots: slotsSchema,
    /** 企业一日两检 windows; absent: the street keeps its current ones (the defaults in shared/onsite.ts if never set). */
    onsiteSlots: slotsSchema.optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()
export const staffStatusInput = z.object({ enterpriseId: idSchema }).strict()
