/** The health use cases, one file per group; the action table in ../index.ts imports them from here. */
export { declare } from './declare'
export { myStatus, report, revise, recordFor, history } from './reports'
export { board } from './board'
export { extend, release, listKeyPersons, staffStatus } from './decisions'
export { getRules, setRules } from './rules'
