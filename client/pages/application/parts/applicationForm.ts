/**
 * The application form as the page holds it (strings while typing) and as the function takes it
 * (ApplicationForm), with validation by the shared schemas and their Chinese messages.
 */
import {
  applicationForm,
  draftForm,
  type ApplicationForm,
  type Measure,
} from '../../../../shared/schemas/application'
import { shanghaiDate } from '../../../../shared/time'
import { issuesByPath, type Errors } from './useFormState'

export type PlanMode = 'text' | 'file'

export interface FormValues {
  plannedDate: string
  staffTotal: string
  staffOnSite: string
  staffFromOutside: string
  staffFromRiskAreas: string
  masks: string
  disinfectantLitres: string
  thermometers: string
  measures: Measure[]
  emergencyMode: PlanMode
  emergencyText: string
  emergencyFile: string[]
  disinfectionMode: PlanMode
  disinfectionText: string
  disinfectionFile: string[]
  officerName: string
  officerPhone: string
}

/** Error paths in the order of the fields on screen (for scrolling to the first one). */
export const FIELD_ORDER = [
  'plannedDate',
  'staffTotal',
  'staffOnSite',
  'staffFromOutside',
  'staffFromRiskAreas',
  'supplies.masks',
  'supplies.disinfectantLitres',
  'supplies.thermometers',
  'measures',
  'emergencyPlan',
  'disinfectionPlan',
  'safetyOfficer.name',
  'safetyOfficer.phone',
] as const

const str = (n: number | undefined) => (n === undefined ? '' : String(n))

export function toValues(form: Partial<ApplicationForm> = {}): FormValues {
  return {
    plannedDate: form.plannedDate ?? '',
    staffTotal: str(form.staffTotal),
    staffOnSite: str(form.staffOnSite),
    staffFromOutside: str(form.staffFromOutside),
    staffFromRiskAreas: str(form.staffFromRiskAreas),
    masks: str(form.supplies?.masks),
    disinfectantLitres: str(form.supplies?.disinfectantLitres),
    thermometers: str(form.supplies?.thermometers),
    measures: form.measures ?? [],
    emergencyMode: form.emergencyPlan?.file && !form.emergencyPlan.text ? 'file' : 'text',
    emergencyText: form.emergencyPlan?.text ?? '',
    emergencyFile: form.emergencyPlan?.file ? [form.emergencyPlan.file] : [],
    disinfectionMode: form.disinfectionPlan?.file && !form.disinfectionPlan.text ? 'file' : 'text',
    disinfectionText: form.disinfectionPlan?.text ?? '',
    disinfectionFile: form.disinfectionPlan?.file ? [form.disinfectionPlan.file] : [],
    officerName: form.safetyOfficer?.name ?? '',
    officerPhone: form.safetyOfficer?.phone ?? '',
  }
}

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()))
const txt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim())

function plan(mode: PlanMode, text: string, file: string[]) {
  return mode === 'text'
    ? txt(text)
      ? { text: text.trim() }
      : undefined
    : file[0]
      ? { file: file[0] }
      : undefined
}

/**
 * What is sent. A draft leaves out what was not filled in; a submission sends every section, so that the
 * schema names each missing field.
 */
export function toForm(v: FormValues, complete: boolean): Partial<ApplicationForm> {
  const out: Record<string, unknown> = {
    plannedDate: txt(v.plannedDate),
    staffTotal: num(v.staffTotal),
    staffOnSite: num(v.staffOnSite),
    staffFromOutside: num(v.staffFromOutside),
    staffFromRiskAreas: num(v.staffFromRiskAreas),
    measures: v.measures,
    emergencyPlan: plan(v.emergencyMode, v.emergencyText, v.emergencyFile),
    disinfectionPlan: plan(v.disinfectionMode, v.disinfectionText, v.disinfectionFile),
  }
  if (complete || [v.masks, v.disinfectantLitres, v.thermometers].some((s) => s.trim()))
    out.supplies = {
      masks: num(v.masks),
      disinfectantLitres: num(v.disinfectantLitres),
      thermometers: num(v.thermometers),
    }
  if (complete || txt(v.officerName) || txt(v.officerPhone))
    out.safetyOfficer = { name: txt(v.officerName), phone: txt(v.officerPhone) }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k]
  return out as Partial<ApplicationForm>
}

const REQUIRED: Record<string, string> = {
  plannedDate: '请选择计划复工日期',
  emergencyPlan: '请填写或上传应急预案',
  disinfectionPlan: '请填写或上传消毒方案',
  'safetyOfficer.name': '请填写安全员姓名',
  'safetyOfficer.phone': '请填写安全员手机号',
}

/** Problems that stop a draft from saving: wrong numbers, counts above the total, bad phone numbers. */
export function draftErrors(v: FormValues): Errors {
  const res = draftForm.safeParse(toForm(v, false))
  return res.success ? {} : issuesByPath(res.error.issues)
}

/** Everything that stops a submission, keyed by field path. */
export function submitErrors(v: FormValues, today = shanghaiDate(Date.now())): Errors {
  const form = toForm(v, true)
  const base = applicationForm.safeParse(form)
  const out: Errors = {}
  if (!base.success) {
    for (const i of base.error.issues) {
      const key = i.path.join('.')
      if (key in out) continue
      const missing = i.code === 'invalid_type' && i.received === 'undefined'
      out[key] = missing ? (REQUIRED[key] ?? i.message) : i.message
    }
  }
  Object.assign(out, { ...draftErrors(v), ...out })
  if (form.plannedDate && !out.plannedDate && form.plannedDate < today)
    out.plannedDate = '计划复工日期不能早于今天'
  return out
}
