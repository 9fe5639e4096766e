import type { ZodError, ZodTypeAny, z } from 'zod'
import { AppError } from './errors'

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/

/** The first problem of a zod error as one Chinese sentence a person can act on. */
export function describeZodError(error: ZodError): string {
  const issue = error.issues[0]
  if (!issue) return '填写的内容有误'
  const field = issue.path.join('.')
  // Messages written in the schemas are already in Chinese; zod's defaults are not, so name the field.
  const custom = /[\u4e00-\u9fa5]/.test(issue.message)
  if (custom) return issue.message
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `缺少必填项：${field || '参数'}`
  if (issue.code === 'invalid_type') return `${field || '参数'} 的类型不正确`
  if (issue.code === 'invalid_enum_value') return `${field} 的取值不在可选范围内`
  if (issue.code === 'unrecognized_keys') return `包含无法识别的字段：${issue.keys.join('、')}`
  return `${field || '参数'} 不符合要求`
}

/** Parse input with a shared schema or throw INVALID_INPUT with a readable message. */
export function parseInput<S extends ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new AppError('INVALID_INPUT', describeZodError(result.error), {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    })
  }
  return result.data
}
