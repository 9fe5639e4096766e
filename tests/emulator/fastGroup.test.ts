import type { Doc } from '../../emulator/cloud/ejson'
import { fastGroup } from '../../emulator/cloud/fastGroup'
import { MINGO_OPTIONS } from '../../emulator/cloud/operators'
import { aggregate } from '../../emulator/cloud/query'
import { seededRandom } from '../helpers/arbitrary'

/**
 * The local cloud's `$group` with compiled expressions (emulator/cloud/fastGroup.ts) against mingo interpreting the
 * same stage: random documents with every kind of value in the fields (missing, null, numbers, strings, booleans,
 * dates, arrays, objects), random expressions of the compiled operators mixed with ones that are not compiled, and
 * random accumulators. Every answer — result or error — must be mingo's.
 */

const VALUES: unknown[] = [
  0,
  1,
  -1,
  2,
  1.5,
  10,
  'a',
  'b',
  '',
  '1',
  true,
  false,
  null,
  [],
  [1, 'a'],
  [2, 1],
  { x: 1 },
  { x: 'a', y: [1] },
  new Date(5),
]

function generator(seed: number) {
  const rnd = seededRandom(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const changes = () =>
    Array.from({ length: Math.floor(rnd() * 3) }, () => ({
      type: pick(['extend', 'move']),
      at: pick([1, 5, 9]),
    }))

  const doc = (i: number): Doc => {
    const d: Record<string, unknown> = { _id: `d${i}` }
    for (const f of ['a', 'b', 'c']) if (rnd() < 0.85) d[f] = pick(VALUES)
    if (rnd() < 0.8) d.n = { x: pick(VALUES), y: { z: pick(VALUES) } }
    if (rnd() < 0.7) d.list = rnd() < 0.9 ? changes() : pick(VALUES)
    if (rnd() < 0.1) d.items = [{ x: 1 }, { x: pick(VALUES) }]
    return d as Doc
  }

  const leaf = (vars: string[]): unknown =>
    pick([
      () => pick(['$a', '$b', '$c', '$n.x', '$n.y.z', '$list', '$list.at', '$items.x', '$a.0', '$missing']),
      () => pick([0, 1, -1, 1.5, 'a', '', true, false, null]),
      () => pick(['$$ROOT.a', '$$CURRENT.n.x']),
      () => (vars.length ? `$$${pick(vars)}${pick(['', '.at', '.type'])}` : '$a'),
    ])()

  const expr = (depth: number, vars: string[]): unknown => {
    if (depth === 0 || rnd() < 0.25) return leaf(vars)
    const e = () => expr(depth - 1, vars)
    const op = pick([
      '$cond',
      '$condObj',
      '$ifNull',
      '$and',
      '$or',
      '$not',
      '$in',
      '$eq',
      '$ne',
      '$gt',
      '$gte',
      '$lt',
      '$lte',
      '$add',
      '$subtract',
      '$size',
      '$filter',
      '$concat',
      '$object',
      '$badArity',
    ])
    switch (op) {
      case '$cond':
        return { $cond: [e(), e(), e()] }
      case '$condObj':
        return { $cond: { if: e(), then: e(), else: e() } }
      case '$ifNull':
        return { $ifNull: rnd() < 0.5 ? [e(), e()] : [e(), e(), e()] }
      case '$and':
      case '$or':
        return { [op]: Array.from({ length: 1 + Math.floor(rnd() * 3) }, e) }
      case '$not':
        return { $not: rnd() < 0.5 ? [e()] : e() }
      case '$in':
        return { $in: [e(), pick([['a', 1, null], '$list', '$a', [true]])] }
      case '$add':
        return { $add: [e(), e()] }
      case '$subtract':
        return { $subtract: [e(), e()] }
      case '$size':
        return { $size: e() }
      case '$filter': {
        const as = pick(['c', 'this'])
        return {
          $filter: {
            input: pick(['$list', '$a', e()]),
            ...(as === 'this' && rnd() < 0.5 ? {} : { as }),
            cond: expr(depth - 1, [...vars, as]),
          },
        }
      }
      case '$concat': // not compiled: the whole stage goes to mingo
        return { $concat: ['x', pick(['$a', 'y'])] }
      case '$object':
        return { k: e(), j: leaf(vars) }
      case '$badArity':
        return { $eq: [e()] }
      default:
        return { [op]: [e(), e()] }
    }
  }

  const group = () => {
    const spec: Record<string, unknown> = {
      _id: pick([null, '$a', '$n.x', { k: '$b' }, '$list', { $cond: [{ $gt: ['$a', 0] }, 'p', 'q'] }]),
    }
    const n = 1 + Math.floor(rnd() * 3)
    for (let i = 0; i < n; i++) {
      const acc = pick(['$sum', '$sum', '$max', '$min', '$avg', '$push', '$addToSet'])
      spec[`f${i}`] = { [acc]: rnd() < 0.2 ? pick([1, 0.1, 2]) : expr(3, []) }
    }
    return spec
  }

  const pipeline = (): Record<string, unknown>[] => {
    const stages: Record<string, unknown>[] = [{ $group: group() }]
    if (rnd() < 0.3)
      stages.push({ $group: { _id: null, n: { $sum: 1 }, s: { $sum: '$f0' }, m: { $max: '$f0' } } })
    if (rnd() < 0.3) stages.push({ $sort: { _id: 1 } })
    stages.push({ $limit: 50 })
    return stages
  }

  return { docs: () => Array.from({ length: Math.floor(rnd() * 25) }, (_, i) => doc(i)), pipeline }
}

function outcome(run: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: run() }
  } catch (e) {
    return { error: (e as Error).message }
  }
}

describe('aggregate: $group with compiled expressions', () => {
  it('answers exactly what mingo answers, results and errors, on random documents and pipelines', () => {
    const gen = generator(20200210)
    let compiled = 0
    const CASES = 600
    for (let i = 0; i < CASES; i++) {
      const docs = gen.docs()
      const pipeline = gen.pipeline()
      const fast = outcome(() => aggregate(pipeline, docs, () => [], true))
      const reference = outcome(() => aggregate(pipeline, docs, () => [], false))
      try {
        expect(fast).toStrictEqual(reference)
      } catch (e) {
        throw new Error(
          `case ${i}: ${JSON.stringify(pipeline)}\n${JSON.stringify(docs)}\n${(e as Error).message}`,
        )
      }
      if (outcome(() => fastGroup(pipeline[0]!.$group, docs, MINGO_OPTIONS)).value) compiled++
    }
    // The comparison means something only if most stages did take the compiled path.
    expect(compiled).toBeGreaterThan(CASES / 3)
  })

  it('compiles the dashboard-shaped stages, and leaves an operator it does not mirror to mingo', () => {
    const docs = [
      { _id: '1', status: 'active', extended: true, changes: [{ type: 'extend', at: 5 }], createdAt: 1 },
      { _id: '2', status: 'released', releasedAt: 7, createdAt: 2 },
    ] as unknown as Doc[]
    const stage = {
      _id: null,
      active: { $sum: { $cond: [{ $in: ['$status', ['active', 'pendingDecision']] }, 1, 0] } },
      extended: {
        $sum: {
          $cond: [
            {
              $gt: [
                {
                  $size: {
                    $filter: {
                      input: { $ifNull: ['$changes', []] },
                      as: 'c',
                      cond: { $eq: ['$$c.type', 'extend'] },
                    },
                  },
                },
                0,
              ],
            },
            1,
            0,
          ],
        },
      },
      waited: { $sum: { $subtract: [{ $ifNull: ['$releasedAt', 0] }, '$createdAt'] } },
    }
    expect(fastGroup(stage, docs, MINGO_OPTIONS)).toStrictEqual([
      { _id: null, active: 1, extended: 1, waited: 4 },
    ])
    expect(
      fastGroup({ _id: null, s: { $sum: { $strLenCP: '$status' } } }, docs, MINGO_OPTIONS),
    ).toBeUndefined()
    // A date in arithmetic is one of mingo's rarer branches: left to it.
    const dated = [{ _id: '1', t: new Date(5) }] as unknown as Doc[]
    expect(fastGroup({ _id: null, s: { $sum: { $add: ['$t', 1] } } }, dated, MINGO_OPTIONS)).toBeUndefined()
  })
})
