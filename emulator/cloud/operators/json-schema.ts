import { Binary, ObjectId } from 'bson'
import type { JsonSchemaValidator } from 'mingo/core'
import { isEqual } from 'mingo/util'

/**
 * `$jsonSchema` as MongoDB implements it (JSON Schema draft 4 plus `bsonType`, without `$ref`, `$schema`,
 * `default`, `definitions`, `format` and `id`), for mingo, which leaves the validator to its user. Each keyword
 * applies only to values of the type it is about (`minimum` to numbers, `minLength` to strings…), as in JSON
 * Schema. Numbers: the SDK sends 32-bit integers as int and everything else as double, which is how they are
 * classified here.
 */

type Schema = Record<string, unknown>
type Check = (v: unknown) => boolean

const UNSUPPORTED = ['$ref', '$schema', 'default', 'definitions', 'format', 'id']

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype
const isInt32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31

const BSON_TYPES: Record<string, Check> = {
  double: (v) => typeof v === 'number' && !isInt32(v),
  int: isInt32,
  long: () => false,
  decimal: () => false,
  number: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  object: isObject,
  array: Array.isArray,
  binData: (v) => v instanceof Binary,
  objectId: (v) => v instanceof ObjectId,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
}

const JSON_TYPES: Record<string, Check> = {
  object: isObject,
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
}

function typeCheck(spec: unknown, table: Record<string, Check>, keyword: string): Check {
  const names = Array.isArray(spec) ? spec : [spec]
  const checks = names.map((name) => {
    const check = typeof name === 'string' ? table[name] : undefined
    if (!check) throw new Error(`$jsonSchema: unknown or unsupported ${keyword} "${String(name)}"`)
    return check
  })
  return (v) => checks.some((c) => c(v))
}

const onlyFor =
  (applies: (v: unknown) => boolean, check: Check): Check =>
  (v) =>
    !applies(v) || check(v)
const isNumber = (v: unknown): v is number => typeof v === 'number'
const isString = (v: unknown): v is string => typeof v === 'string'
const codePoints = (s: string) => Array.from(s).length

/** Compiles one schema into a check of a value (a document at the top, a field value below). */
function compile(schema: unknown): Check {
  if (!isObject(schema)) throw new Error('$jsonSchema must be an object')
  const checks: Check[] = []
  const s = schema as Schema
  for (const key of Object.keys(s)) {
    if (UNSUPPORTED.includes(key)) throw new Error(`$jsonSchema keyword '${key}' is not currently supported`)
  }
  const num = (k: string) => s[k] as number
  if ('bsonType' in s) checks.push(typeCheck(s.bsonType, BSON_TYPES, 'bsonType'))
  if ('type' in s) checks.push(typeCheck(s.type, JSON_TYPES, 'type'))
  if ('enum' in s) {
    if (!Array.isArray(s.enum) || s.enum.length === 0)
      throw new Error('$jsonSchema: enum must be a non-empty array')
    const options = s.enum
    checks.push((v) => options.some((o) => isEqual(o, v)))
  }
  for (const [k, combine] of [
    ['allOf', 'every'],
    ['anyOf', 'some'],
  ] as const) {
    if (k in s) {
      const subs = (s[k] as unknown[]).map(compile)
      checks.push((v) => subs[combine]((c) => c(v)))
    }
  }
  if ('oneOf' in s) {
    const subs = (s.oneOf as unknown[]).map(compile)
    checks.push((v) => subs.filter((c) => c(v)).length === 1)
  }
  if ('not' in s) {
    const sub = compile(s.not)
    checks.push((v) => !sub(v))
  }
  // Numbers.
  if ('multipleOf' in s) checks.push(onlyFor(isNumber, (v) => (v as number) % num('multipleOf') === 0))
  if ('maximum' in s)
    checks.push(
      onlyFor(isNumber, (v) =>
        s.exclusiveMaximum === true ? (v as number) < num('maximum') : (v as number) <= num('maximum'),
      ),
    )
  if ('minimum' in s)
    checks.push(
      onlyFor(isNumber, (v) =>
        s.exclusiveMinimum === true ? (v as number) > num('minimum') : (v as number) >= num('minimum'),
      ),
    )
  // Strings.
  if ('maxLength' in s) checks.push(onlyFor(isString, (v) => codePoints(v as string) <= num('maxLength')))
  if ('minLength' in s) checks.push(onlyFor(isString, (v) => codePoints(v as string) >= num('minLength')))
  if ('pattern' in s) {
    const re = new RegExp(String(s.pattern), 'u')
    checks.push(onlyFor(isString, (v) => re.test(v as string)))
  }
  // Objects.
  checks.push(...objectChecks(s))
  // Arrays.
  checks.push(...arrayChecks(s))
  return (v) => checks.every((c) => c(v))
}

function objectChecks(s: Schema): Check[] {
  const checks: Check[] = []
  const forObjects = (check: (o: Record<string, unknown>) => boolean) =>
    checks.push(onlyFor(isObject, (v) => check(v as Record<string, unknown>)))
  if ('required' in s) {
    const required = s.required as string[]
    forObjects((o) => required.every((k) => k in o))
  }
  if ('maxProperties' in s) forObjects((o) => Object.keys(o).length <= (s.maxProperties as number))
  if ('minProperties' in s) forObjects((o) => Object.keys(o).length >= (s.minProperties as number))
  const properties = Object.entries((s.properties as Schema | undefined) ?? {}).map(
    ([k, sub]) => [k, compile(sub)] as const,
  )
  const patterns = Object.entries((s.patternProperties as Schema | undefined) ?? {}).map(
    ([p, sub]) => [new RegExp(p, 'u'), compile(sub)] as const,
  )
  const additional = s.additionalProperties
  const additionalCheck = isObject(additional) ? compile(additional) : undefined
  if (properties.length || patterns.length || additional !== undefined) {
    forObjects((o) =>
      Object.entries(o).every(([k, v]) => {
        const named = properties.find(([name]) => name === k)
        const matched = patterns.filter(([re]) => re.test(k))
        if (named && !named[1](v)) return false
        if (matched.some(([, c]) => !c(v))) return false
        if (named || matched.length) return true
        if (additional === false) return false
        return additionalCheck ? additionalCheck(v) : true
      }),
    )
  }
  if ('dependencies' in s) {
    const deps = Object.entries(s.dependencies as Schema).map(
      ([k, dep]) => [k, Array.isArray(dep) ? dep : compile(dep)] as const,
    )
    forObjects((o) =>
      deps.every(
        ([k, dep]) => !(k in o) || (Array.isArray(dep) ? dep.every((d) => d in o) : (dep as Check)(o)),
      ),
    )
  }
  return checks
}

function arrayChecks(s: Schema): Check[] {
  const checks: Check[] = []
  const forArrays = (check: (a: unknown[]) => boolean) =>
    checks.push(onlyFor(Array.isArray, (v) => check(v as unknown[])))
  if ('maxItems' in s) forArrays((a) => a.length <= (s.maxItems as number))
  if ('minItems' in s) forArrays((a) => a.length >= (s.minItems as number))
  if (s.uniqueItems === true) forArrays((a) => a.every((x, i) => a.findIndex((y) => isEqual(x, y)) === i))
  if (Array.isArray(s.items)) {
    const tuple = s.items.map(compile)
    const extra = s.additionalItems
    const extraCheck = isObject(extra) ? compile(extra) : undefined
    forArrays((a) =>
      a.every((x, i) => {
        if (i < tuple.length) return tuple[i]!(x)
        if (extra === false) return false
        return extraCheck ? extraCheck(x) : true
      }),
    )
  } else if ('items' in s) {
    const each = compile(s.items)
    forArrays((a) => a.every(each))
  }
  return checks
}

export const jsonSchemaValidator: JsonSchemaValidator = (schema) => {
  const check = compile(schema)
  return (doc) => check(doc)
}
