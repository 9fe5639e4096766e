import fc from 'fast-check'
import { z, type ZodTypeAny } from 'zod'

/**
 * A fast-check arbitrary of values shaped like a zod schema wants them: objects with their keys, strings within
 * their lengths (and matching their patterns where zod says so), numbers within their bounds, enum members.
 * Refinements across fields are not solved: a sample is valid-looking, often valid, and the fuzzing mutates it
 * from there. Only the schema kinds the shared schemas use are handled; anything else becomes "any JSON".
 */
export function arbitraryOf(schema: ZodTypeAny): fc.Arbitrary<unknown> {
  const def = schema._def as { typeName: string } & Record<string, unknown>
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodObject: {
      const shape = (schema as z.AnyZodObject).shape as Record<string, ZodTypeAny>
      const required: string[] = []
      const parts: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [key, value] of Object.entries(shape)) {
        parts[key] = arbitraryOf(value)
        if (!value.isOptional()) required.push(key)
      }
      return fc.record(parts, { requiredKeys: required })
    }
    case z.ZodFirstPartyTypeKind.ZodString: {
      const checks = def.checks as { kind: string; value?: number; regex?: RegExp }[]
      const regex = checks.find((c) => c.kind === 'regex')?.regex
      if (regex) return fc.stringMatching(regex)
      const min = checks.find((c) => c.kind === 'min')?.value ?? 0
      const max = checks.find((c) => c.kind === 'max')?.value ?? 40
      const prefix = (checks as { kind: string; value?: unknown }[]).find((c) => c.kind === 'startsWith')
        ?.value as string | undefined
      const text = fc.string({ minLength: min, maxLength: Math.min(max, min + 40), unit: 'grapheme' })
      return prefix ? text.map((s) => `${prefix}${s}`) : text
    }
    case z.ZodFirstPartyTypeKind.ZodNumber: {
      const checks = def.checks as { kind: string; value?: number; inclusive?: boolean }[]
      const min = checks.find((c) => c.kind === 'min')?.value ?? -1e6
      const max = checks.find((c) => c.kind === 'max')?.value ?? 1e6
      return checks.some((c) => c.kind === 'int')
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
    }
    case z.ZodFirstPartyTypeKind.ZodBoolean:
      return fc.boolean()
    case z.ZodFirstPartyTypeKind.ZodEnum:
      return fc.constantFrom(...(def.values as string[]))
    case z.ZodFirstPartyTypeKind.ZodLiteral:
      return fc.constant(def.value)
    case z.ZodFirstPartyTypeKind.ZodArray: {
      const min = (def.minLength as { value: number } | null)?.value ?? 0
      const max = (def.maxLength as { value: number } | null)?.value ?? 5
      return fc.array(arbitraryOf(def.type as ZodTypeAny), {
        minLength: min,
        maxLength: Math.min(max, min + 4),
      })
    }
    case z.ZodFirstPartyTypeKind.ZodOptional:
    case z.ZodFirstPartyTypeKind.ZodNullable:
      return arbitraryOf(def.innerType as ZodTypeAny)
    case z.ZodFirstPartyTypeKind.ZodDefault:
      return arbitraryOf(def.innerType as ZodTypeAny)
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return arbitraryOf(def.schema as ZodTypeAny)
    case z.ZodFirstPartyTypeKind.ZodPipeline:
      return arbitraryOf(def.in as ZodTypeAny)
    case z.ZodFirstPartyTypeKind.ZodUnion:
      return fc.oneof(...(def.options as ZodTypeAny[]).map(arbitraryOf))
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** The object keys a schema names at its top level (for "leave one out" and "wrong type" mutations). */
export function keysOf(schema: ZodTypeAny): string[] {
  let s = schema
  for (;;) {
    const def = s._def as { typeName: string; schema?: ZodTypeAny; innerType?: ZodTypeAny; in?: ZodTypeAny }
    if (def.typeName === z.ZodFirstPartyTypeKind.ZodObject) return Object.keys((s as z.AnyZodObject).shape)
    const next = def.schema ?? def.innerType ?? def.in
    if (!next) return []
    s = next
  }
}

/** A small deterministic generator of numbers in [0, 1), so a failure of a randomised test is reproducible. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
}
