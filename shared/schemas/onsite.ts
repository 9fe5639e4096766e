import { z } from 'zod'
import { ANTIGEN_RESULTS } from '../onsite'
import { idSchema } from './account'
import { requestIdSchema } from './common'
import { temperatureSchema } from './health'

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const enterpriseId = idSchema
/** A check's or case's id names the enterprise, the person, the day and the window: longer than other ids. */
const checkIdSchema = z.string().trim().min(1).max(200)

/** The owner names the enterprise's safety officer (安全员): one of its staff, or the owner. */
export const setOfficerInput = z.object({ enterpriseId, accountId: idSchema }).strict()

/** Who is on site / in the closed loop: the officer or owner switches one person at a time. */
export const setOnSiteInput = z
  .object({ enterpriseId, accountId: idSchema, onSite: z.boolean({ required_error: '请选择是否在岗' }) })
  .strict()

/** One check for the window open now: the person's own, or (accountId) one the officer records for them. */
export const recordCheckInput = z
  .object({
    enterpriseId,
    accountId: idSchema.optional(),
    temperature: temperatureSchema,
    antigen: z.enum(ANTIGEN_RESULTS, {
      errorMap: () => ({ message: '请选择抗原结果：阴性、阳性或无效' }),
    }),
    photo: z.string().trim().startsWith('cloud://', '照片地址不正确，请重新上传').max(500).optional(),
    pcrSampled: z.boolean({ required_error: '请选择今天是否采了核酸' }),
    requestId: requestIdSchema.optional(),
  })
  .strict()

/** The officer confirms a check the person recorded themselves. */
export const confirmCheckInput = z.object({ checkId: checkIdSchema }).strict()

export const onsiteBoardInput = z.object({ enterpriseId, date: dateSchema.optional() }).strict()

/** The epidemic team closes a case with what became of it: PCR negative, sent for treatment, … */
export const closeCaseInput = z
  .object({
    caseId: checkIdSchema,
    note: z.string().trim().min(2, '请填写处置结果，如：核酸阴性、已送医').max(200, '处置结果不超过200字'),
  })
  .strict()
