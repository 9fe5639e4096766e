import type { FormItemRuleWithoutValidator } from '@nutui/nutui-react-taro'
import type { ZodTypeAny } from 'zod'

type Rule = FormItemRuleWithoutValidator & {
  validator: (rule: FormItemRuleWithoutValidator, value: unknown) => Promise<boolean>
}

/**
 * A NutUI Form.Item rule backed by one of the shared zod schemas, so the field shows the same
 * Chinese message the cloud function would answer with. An empty field counts as missing.
 */
export function zodRule(schema: ZodTypeAny): Rule {
  return {
    validator: (_rule, value) => {
      const input = value === '' || value === null ? undefined : value
      const res = schema.safeParse(input)
      if (res.success) return Promise.resolve(true)
      return Promise.reject(res.error.issues[0]?.message ?? '填写的内容有误')
    },
  }
}

/** The first message of a failed parse, for checks done at submit time. */
export function firstIssue(error: { issues: Array<{ message: string }> }): string {
  return error.issues[0]?.message ?? '填写的内容有误'
}
