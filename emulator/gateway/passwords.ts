import { dictionary } from '@zxcvbn-ts/language-common'

/**
 * Passwords too common to allow, on top of the shared rules (8+ characters, letters and digits): the
 * ~49,000 most used passwords from leaked lists that zxcvbn-ts ships and maintains (about 5,000 of them pass
 * the shared rules, e.g. `password1`, `Aa123456`, `qwer1234`), plus patterns common among Chinese users that
 * the list lacks. Compared case-insensitively. Checked by the gateway only: the list is too large for the
 * mini-program bundle, and the gateway is where passwords are set.
 */
const EXTRA = [
  'woaini1314',
  'woaini520',
  'woaini123',
  'a123456789',
  'qq123456789',
  'abc123456',
  'aa123456789',
  'a11111111',
  'a12345678',
  'zhang123456',
  'wang123456',
  'li123456',
  'admin123',
  'admin888',
  'abcd123456',
  'asd123456',
]

let blocked: Set<string> | undefined

export function isCommonPassword(password: string): boolean {
  blocked ??= new Set([...(dictionary['passwords-common'] as string[]), ...EXTRA].map((p) => p.toLowerCase()))
  return blocked.has(password.toLowerCase())
}

export const COMMON_PASSWORD_MESSAGE =
  '这个密码太常见，容易被猜到，请换一个（例如加上只有您知道的字母或数字）'
