import { sdkCloud, type Db } from '../helpers/sdk-cloud'
import { DOC, EXPRESSION_CASES, MISSING, type ExpressionCase } from './expression-cases'

/**
 * Every aggregation expression operator node-sdk offers, through the real SDK, checked against the results
 * MongoDB documents for it (expression-cases.ts). One `$project` per group; a group that fails as a whole is
 * re-run case by case, so the report names the operator that failed.
 */

const cloud = sdkCloud()
let db: Db
let coll: string
beforeAll(async () => {
  db = cloud.db
  coll = await cloud.scratch()
  await db.collection(coll).add(DOC)
})

const sorted = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v)

async function evaluate(cases: ExpressionCase[]): Promise<Record<string, unknown>> {
  const projection: Record<string, unknown> = { _id: 0 }
  cases.forEach((c, i) => (projection[`c${i}`] = c.expr))
  const { data } = await db.collection(coll).aggregate().project(projection).end()
  const row = data[0] as Record<string, unknown>
  const out: Record<string, unknown> = {}
  cases.forEach((c, i) => {
    const value = Object.prototype.hasOwnProperty.call(row, `c${i}`) ? row[`c${i}`] : MISSING
    out[c.name] = c.unordered ? sorted(value) : value
  })
  return out
}

describe.each(Object.entries(EXPRESSION_CASES))('%s operators', (_group, cases) => {
  it('give the results MongoDB documents', async () => {
    const expected = Object.fromEntries(
      cases.map((c) => [c.name, c.unordered ? sorted(c.expected) : c.expected]),
    )
    let actual: Record<string, unknown>
    try {
      actual = await evaluate(cases)
    } catch {
      actual = {}
      for (const c of cases) {
        try {
          Object.assign(actual, await evaluate([c]))
        } catch (e) {
          actual[c.name] = `failed: ${(e as Error).message}`
        }
      }
    }
    expect(actual).toEqual(expected)
  })
})

describe('$group accumulators', () => {
  it('sum, avg, first, last, max, min, push, addToSet and the standard deviations per group', async () => {
    const c = await cloud.scratch()
    await db.collection(c).add([
      { g: 'a', n: 1 },
      { g: 'a', n: 3 },
      { g: 'a', n: 3 },
      { g: 'b', n: 5 },
    ])
    const $ = db.command.aggregate
    const { data } = await db
      .collection(c)
      .aggregate()
      .sort({ g: 1, n: 1 })
      .group({
        _id: '$g',
        sum: $.sum('$n'),
        count: $.sum(1),
        avg: $.avg('$n'),
        first: $.first('$n'),
        last: $.last('$n'),
        max: $.max('$n'),
        min: $.min('$n'),
        push: $.push('$n'),
        set: $.addToSet('$n'),
        pop: $.stdDevPop('$n'),
        samp: $.stdDevSamp('$n'),
      })
      .sort({ _id: 1 })
      .end()
    expect(
      data.map((r: Record<string, unknown>) => ({ ...r, set: [...(r.set as number[])].sort() })),
    ).toEqual([
      {
        _id: 'a',
        sum: 7,
        count: 3,
        avg: 7 / 3,
        first: 1,
        last: 3,
        max: 3,
        min: 1,
        push: [1, 3, 3],
        set: [1, 3],
        pop: Math.sqrt(8 / 9),
        samp: Math.sqrt(4 / 3),
      },
      {
        _id: 'b',
        sum: 5,
        count: 1,
        avg: 5,
        first: 5,
        last: 5,
        max: 5,
        min: 5,
        push: [5],
        set: [5],
        pop: 0,
        samp: null,
      },
    ])
  })
})
