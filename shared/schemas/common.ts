import { z } from 'zod'

/** The form of a `requestId`: 8–64 letters, digits, `_` or `-`. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/**
 * Set by the client once per submission and sent again with every retry of it: the same caller, action and
 * requestId answer the first call's result again and write nothing more. Every create action accepts one
 * (shared/policy.ts marks them `creates`); the offline queue relies on it.
 */
export const requestIdSchema = z
  .string({ invalid_type_error: '请求编号不正确' })
  .trim()
  .regex(REQUEST_ID_PATTERN, '请求编号不正确，请刷新后重试')

/**
 * What a person types into a search box. Control characters are refused: they are never part of a name or code,
 * and a NUL byte cannot even be part of a database regular expression.
 */
export const searchSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `搜索内容不能超过${max}个字`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), '搜索内容包含无法识别的字符，请重新输入')
