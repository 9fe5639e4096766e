import type { AccountView } from '../../../../shared/account'
import { idNumberCheckChar } from '../../../../shared/checksums'
import { declareInput } from '../../../../shared/schemas/health'
import type { Input } from '../../../services/api'

/** A place someone stayed at, as picked (the city may be left out). */
export interface Place {
  province: string
  city: string
}

/** The declaration as typed: text, picks, and the not-yet-answered state of the yes/no question. */
export interface DeclareFormState {
  name: string
  idNumber: string
  phone: string
  communityId: string
  gridId: string
  building: string
  room: string
  fromProvince: string
  fromCity: string
  arrivalDate: string
  placesStayed: Place[]
  contactWithCases: '' | 'yes' | 'no'
  symptoms: string[]
  enterpriseCode: string
  healthCertificate: string
}

export type DeclareErrors = Partial<Record<keyof DeclareFormState, string>>

/** Fields checked on their own when the person leaves them. */
export type BlurField = 'name' | 'phone' | 'building' | 'room' | 'enterpriseCode'

/** A blank declaration for `account`, with the enterprise code from the QR it was opened with. */
export function emptyDeclaration(account: AccountView, enterpriseCode: string): DeclareFormState {
  return {
    name: account.name,
    idNumber: '',
    phone: '',
    communityId: account.scope.communityId ?? '',
    gridId: account.scope.gridId ?? '',
    building: '',
    room: '',
    fromProvince: '',
    fromCity: '',
    arrivalDate: '',
    placesStayed: [],
    contactWithCases: '',
    symptoms: [],
    enterpriseCode,
    healthCertificate: '',
  }
}

/** The shared schema's message, made specific when only the check digit (the last character) is wrong. */
export function idNumberError(raw: string): string | undefined {
  const res = declareInput.shape.idNumber.safeParse(raw)
  if (res.success) return undefined
  const v = raw.trim().toUpperCase()
  if (/^\d{17}[\dX]$/.test(v) && idNumberCheckChar(v.slice(0, 17)) !== v[17])
    return '身份证号最后一位（校验码）不对，请对照身份证逐位核对'
  if (v.length > 0 && v.length !== 18) return `身份证号应为18位，现在是${v.length}位`
  return res.error.issues[0]?.message
}

/** The message for one field left on its own (empty enterprise code: nothing to say). */
export function blurError(form: DeclareFormState, k: BlurField): string | undefined {
  const v = form[k].trim()
  if (k === 'enterpriseCode' && !v) return undefined
  const res = declareInput.shape[k].safeParse(v || undefined)
  return res.success ? undefined : res.error.issues[0]?.message
}

/**
 * Checks the whole declaration with the shared schema and the form's own rules (picks the schema cannot
 * name, the check digit): what to send, or one message per field.
 */
export function checkDeclaration(
  form: DeclareFormState,
): { ok: true; input: Input<'health', 'declare'> } | { ok: false; errors: DeclareErrors } {
  const parsed = declareInput.safeParse({
    name: form.name,
    idNumber: form.idNumber,
    phone: form.phone,
    communityId: form.communityId,
    gridId: form.gridId,
    building: form.building,
    room: form.room,
    fromProvince: form.fromProvince,
    fromCity: form.fromCity,
    arrivalDate: form.arrivalDate,
    placesStayed: form.placesStayed.map((p) => (p.city ? p : { province: p.province })),
    contactWithCases: form.contactWithCases === '' ? undefined : form.contactWithCases === 'yes',
    symptoms: form.symptoms,
    ...(form.enterpriseCode.trim() ? { enterpriseCode: form.enterpriseCode } : {}),
    ...(form.healthCertificate ? { healthCertificate: form.healthCertificate } : {}),
  })
  const errors: DeclareErrors = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const k = issue.path[0] as keyof DeclareErrors
      if (!errors[k]) errors[k] = issue.message
    }
  }
  if (!form.communityId) errors.communityId = '请选择所在社区'
  if (!form.gridId) errors.gridId = '请选择所在网格'
  if (!form.arrivalDate) errors.arrivalDate = '请选择到达日期'
  const idErr = idNumberError(form.idNumber)
  if (idErr) errors.idNumber = idErr
  if (errors.placesStayed) errors.placesStayed = '请为每个地点选择省份'
  if (!parsed.success || Object.values(errors).some(Boolean)) return { ok: false, errors }
  return { ok: true, input: parsed.data }
}
