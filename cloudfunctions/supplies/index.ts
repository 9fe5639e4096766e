import { createMain } from '../_lib/runtime'
import type * as table from './actions'

// The action table (./actions.ts) loads on the first call that passes the policy: see createMain.
export type { actions } from './actions'
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const main = createMain('supplies', () => (require('./actions') as typeof table).actions)
