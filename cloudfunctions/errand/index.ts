import { createMain } from '../_lib/runtime'
import type * as table from './actions'

// The action table (./actions.ts) loads on the first call that passes the policy: see createMain.
export type { actions } from './actions'
export const main = createMain(
  'errand',
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => (require('./actions') as typeof table).actions,
  // A claim reads the request with the caller's account: many staff race for it (errand/notices.ts).
  { subjects: { claim: { collection: 'errands', field: 'errandId' } } },
)
