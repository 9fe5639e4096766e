import 'mingo/init/system'
import { Context, type Options } from 'mingo/core'
import { GEO_OPERATORS } from '../geo/operators'
import { DATE_OPERATORS } from './dates'
import { jsonSchemaValidator } from './json-schema'
import { ACCUMULATORS, NUMBER_OPERATORS } from './numbers'
import { QUERY_OPERATORS } from './queries'
import { STRING_OPERATORS } from './strings'

/**
 * Mongo semantics come from mingo; where mingo differs from what MongoDB (and so CloudBase) documents, the
 * operators here take its place, and the geo operators (../geo) fill in what mingo lacks. They live in a context of their own, which mingo consults before its global
 * operators, so mingo itself is left as it is. Scripts ($where, $function, $accumulator) stay off: queries arrive
 * over HTTP and must never run code in the local cloud.
 */
const context = Context.init({
  query: { ...QUERY_OPERATORS, ...GEO_OPERATORS },
  expression: { ...STRING_OPERATORS, ...DATE_OPERATORS, ...NUMBER_OPERATORS },
  accumulator: ACCUMULATORS,
})

export const MINGO_OPTIONS: Partial<Options> = {
  scriptEnabled: false,
  context,
  useGlobalContext: true,
  jsonSchemaValidator,
}
