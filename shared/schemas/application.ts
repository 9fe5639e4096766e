import { z } from 'zod'
import { isValidCreditCode } from '../checksums'
import { ENTERPRISE_KINDS } from '../enterprise'
import { idSchema, nameSchema, phoneSchema } from './account'
import { requestIdSchema, searchSchema } from './common'

const fileIdSchema = z.string().trim().startsWith('cloud://', '文件地址不正确').max(500)
const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过${max}个字`)
const count = (label: string) =>
  z
    .number({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能是负数`)
    .max(100000, `${label}太大了`)

export const creditCodeSchema = z
  .string({ required_error: '请填写统一社会信用代码' })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidCreditCode, '统一社会信用代码不正确，请核对营业执照上的18位代码')

export const enterpriseFields = z
  .object({
    name: text(60, '企业名称').min(2, '请填写企业名称'),
    creditCode: creditCodeSchema,
    kind: z.enum(ENTERPRISE_KINDS, { errorMap: () => ({ message: '请选择企业类型' }) }),
    industry: text(30, '行业').min(1, '请填写所属行业'),
    address: text(100, '地址').min(4, '请填写经营地址'),
    communityId: idSchema,
    gridId: idSchema,
    legalRepresentative: nameSchema,
    contactName: nameSchema,
    contactPhone: phoneSchema,
    licencePhoto: fileIdSchema.optional(),
  })
  .strict()

export const registerEnterpriseInput = enterpriseFields
  .extend({ requestId: requestIdSchema.optional() })
  .strict()
export const updateEnterpriseInput = enterpriseFields
  .omit({ creditCode: true })
  .partial()
  .extend({ enterpriseId: idSchema })
  .strict()

export const MEASURES = [
  'entranceTemperature',
  'disinfectionSchedule',
  'splitMeals',
  'isolationRoom',
  'emergencyPlan',
] as const
export type Measure = (typeof MEASURES)[number]
export const MEASURE_LABELS: Record<Measure, string> = {
  entranceTemperature: '入口体温检测',
  disinfectionSchedule: '定时消毒',
  splitMeals: '分餐就餐 / 错峰上下班',
  isolationRoom: '临时隔离室',
  emergencyPlan: '应急处置预案',
}

const planSchema = z.object({ text: text(2000, '内容').optional(), file: fileIdSchema.optional() }).strict()

/** The application form. Everything optional in a draft; `submittableForm` adds what a submission needs. */
export const applicationForm = z
  .object({
    plannedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '复工日期格式应为 YYYY-MM-DD'),
    staffTotal: count('职工总数'),
    staffOnSite: count('到岗人数'),
    staffFromOutside: count('省外返回人数'),
    staffFromRiskAreas: count('风险地区返回人数'),
    supplies: z
      .object({
        masks: count('口罩数量'),
        disinfectantLitres: count('消毒液升数'),
        thermometers: count('体温计数量'),
      })
      .strict(),
    measures: z.array(z.enum(MEASURES)).max(MEASURES.length),
    emergencyPlan: planSchema,
    disinfectionPlan: planSchema,
    safetyOfficer: z.object({ name: nameSchema, phone: phoneSchema }).strict(),
  })
  .strict()

export type ApplicationForm = z.infer<typeof applicationForm>

function countsWithinTotal(f: Partial<ApplicationForm>, ctx: z.RefinementCtx): void {
  if (f.staffTotal === undefined) return
  for (const key of ['staffOnSite', 'staffFromOutside', 'staffFromRiskAreas'] as const) {
    const v = f[key]
    if (v !== undefined && v > f.staffTotal) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: '人数不能超过职工总数' })
    }
  }
}

export const draftForm = applicationForm.partial().superRefine(countsWithinTotal)
export const submittableForm = applicationForm
  .superRefine(countsWithinTotal)
  .refine((f) => f.emergencyPlan.text || f.emergencyPlan.file, {
    message: '请填写或上传应急预案',
    path: ['emergencyPlan'],
  })
  .refine((f) => f.disinfectionPlan.text || f.disinfectionPlan.file, {
    message: '请填写或上传消毒方案',
    path: ['disinfectionPlan'],
  })

export const saveDraftInput = z
  .object({
    enterpriseId: idSchema,
    applicationId: idSchema.optional(),
    form: draftForm,
    /** Only for the first save, which creates the application. */
    requestId: requestIdSchema.optional(),
  })
  .strict()
export const submitInput = z.object({ applicationId: idSchema }).strict()
export const getApplicationInput = z.object({ applicationId: idSchema }).strict()
/** A page of a list. 10,000 pages of 50 is further than anyone reads, and keeps `skip` an ordinary number. */
export const pageInput = {
  page: z.number().int().min(1).max(10_000, '页码太大了').default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
}
export const listMineInput = z.object({ ...pageInput }).strict()
export const listForReviewInput = z
  .object({
    ...pageInput,
    status: z.enum(['pending', 'decided']).default('pending'),
    search: searchSchema(60).optional(),
  })
  .strict()
export const reviewInput = z
  .object({
    applicationId: idSchema,
    round: z.number().int().min(1),
    decision: z.enum(['approve', 'reject', 'return'], { errorMap: () => ({ message: '请选择审核意见' }) }),
    comment: text(500, '审核意见').optional(),
  })
  .strict()
  .refine((v) => v.decision === 'approve' || (v.comment && v.comment.length >= 2), {
    message: '不通过或退回时，请写明原因或需要补充的材料',
    path: ['comment'],
  })
export const commitInput = z
  .object({
    applicationId: idSchema,
    party: z.enum(['enterprise', 'community', 'person']),
    signerName: nameSchema,
    agreed: z.literal(true, { errorMap: () => ({ message: '请阅读并勾选同意承诺书' }) }),
  })
  .strict()
/** The commitments waiting for the community's signature, in the caller's grid (or community, street). */
export const signaturesInput = z.object({ ...pageInput }).strict()
export const plateInput = z.object({ applicationId: idSchema }).strict()
export const verifyPlateInput = z
  .object({
    token: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{20,64}$/, '公示牌二维码无效'),
  })
  .strict()
export const inspectInput = z
  .object({
    applicationId: idSchema,
    disinfectionRecords: z.boolean(),
    suppliesOk: z.boolean(),
    staffHealthRecords: z.boolean(),
    trajectoryChecked: z.boolean(),
    findings: text(1000, '检查情况').min(2, '请填写检查情况'),
    photos: z.array(fileIdSchema).max(9).default([]),
    result: z.enum(['pass', 'rectify', 'revoke'], { errorMap: () => ({ message: '请选择检查结论' }) }),
    rectifyDeadline: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    requestId: requestIdSchema.optional(),
  })
  .strict()
  .refine((v) => v.result !== 'rectify' || v.rectifyDeadline, {
    message: '限期整改需要设置整改期限',
    path: ['rectifyDeadline'],
  })
export const revokePlateInput = z
  .object({ applicationId: idSchema, reason: text(200, '原因').min(2, '请填写撤销原因') })
  .strict()
export const DIFFICULTY_KINDS = ['labour', 'funding', 'transport', 'supplies', 'other'] as const
export const DIFFICULTY_LABELS: Record<(typeof DIFFICULTY_KINDS)[number], string> = {
  labour: '用工',
  funding: '资金',
  transport: '物流运输',
  supplies: '防疫物资',
  other: '其他',
}
export const reportDifficultyInput = z
  .object({
    enterpriseId: idSchema,
    kind: z.enum(DIFFICULTY_KINDS, { errorMap: () => ({ message: '请选择诉求类型' }) }),
    text: text(500, '诉求内容').min(5, '请把困难说得具体一些（至少5个字）'),
    requestId: requestIdSchema.optional(),
  })
  .strict()
export const answerDifficultyInput = z
  .object({
    difficultyId: idSchema,
    answer: text(500, '答复').min(2, '请填写答复'),
    close: z.boolean().default(true),
  })
  .strict()
export const listDifficultiesInput = z
  .object({ ...pageInput, status: z.enum(['open', 'closed']).optional() })
  .strict()
export const joinPosterInput = z.object({ enterpriseId: idSchema }).strict()
