/** The errand use cases, one file per group; the action table in ../index.ts imports them from here. */
export { create } from './create'
export { mine, get, listOpen, assigned, list } from './read'
export { claim, release } from './claim'
export { advance, confirm, cancel } from './progress'
export { rate, butlerStats } from './feedback'
export { ledger, settle } from './money'
export { markNeedsHelp, unmarkNeedsHelp, listNeedsHelp } from './households'
export { getSettings, setSettings } from './settings'
