import type { ZodError, ZodTypeAny, z } from 'zod'
import { AppError } from './errors'

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/

/**
 * Characters that make a name shown to others lie about itself: bidirectional overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) reorder what follows, zero-width characters
 * (U+200B–U+200D, U+2060, U+FEFF, U+180E) make two names look alike, and control and line-break characters
 * (C0/C1, U+2028/U+2029) break lists and exported sheets.
 */
export const UNSAFE_TEXT =
  /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/

/** True when `s` has none of UNSAFE_TEXT: the rule for every name people see (see schemas/account displayText). */
export function isSafeDisplayText(s: string): boolean {
  return !UNSAFE_TEXT.test(s)
}

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
