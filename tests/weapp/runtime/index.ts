/**
 * The headless mini-program: the built `dist/weapp` run in Node through WeChat's own template compilers and
 * Taro's real runtime, with a `wx` that reaches the local cloud as the WeChat client would. See
 * docs/weapp-testing.md.
 */
export { Bundle, DEFAULT_DIST } from './bundle'
export { CanvasNode, CanvasContext2D } from './canvas'
export { MiniProgram, type LaunchOptions } from './host'
export { PageHost } from './page'
export { byText, classesOf, hasClass, outline, select, textOf } from './query'
export { compileWxss, filesOf, Templates, type VNode } from './templates'
export { SimulatedUser } from './wx'
