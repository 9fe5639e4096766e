/** The health use cases, one file per group; the action table in ../index.ts imports them from here. */
export { maskIdNumber } from './quarantines'
export { declare } from './declare'
export { myStatus, report, recordFor, history } from './reports'
export { board } from './board'
export { extend, release, listKeyPersons, staffStatus } from './decisions'
export { rulesFor, getRules, setRules } from './rules'
