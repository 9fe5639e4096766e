/**
 * The functions as deployed (scripts/build-functions.ts): each bundle loads without the libraries it needs only on
 * some paths (exceljs for ledgers, qrcode for plates and posters), and those, bundled beside it in lib/, work when
 * the path is taken. The bundles are loaded in a fresh Node process, as a cold CloudBase instance loads one.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
let out: string

beforeAll(() => {
  // Inside the checkout (.tmp/ is ignored), so the bundles find @cloudbase/node-sdk as deployed ones do.
  mkdirSync(path.join(root, '.tmp'), { recursive: true })
  out = mkdtempSync(path.join(root, '.tmp', 'bundles-'))
  const r = spawnSync('npx', ['tsx', 'scripts/build-functions.ts'], {
    cwd: root,
    env: { ...process.env, FUNCTIONS_OUT: out },
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(r.stderr || r.stdout)
}, 120_000)
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** Runs `code` in a fresh Node process with `args` as argv[1…]; returns what it printed as JSON. */
function fresh<T>(code: string, ...args: string[]): T {
  const r = spawnSync(process.execPath, ['-e', code, ...args], { encoding: 'utf8', cwd: root })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout) as T
}

/** Requires each bundle in turn and notes which files of its lib/ (and whether exceljs at all) came with it. */
const LOAD = `
const path = require('path')
console.log(JSON.stringify(process.argv.slice(1).map((bundle) => {
  const fn = require(bundle)
  const lib = path.join(path.dirname(bundle), 'lib') + path.sep
  return {
    name: path.basename(path.dirname(bundle)),
    main: typeof fn.main,
    loaded: Object.keys(require.cache).filter((k) => k.startsWith(lib)).map((k) => path.basename(k)),
    exceljs: Object.keys(require.cache).some((k) => /exceljs/.test(k)),
    table: Object.keys(require.cache).includes(path.join(path.dirname(bundle), 'actions.js')),
  }
})))`

test('every function loads cold without the libraries it loads on demand', () => {
  const names = readdirSync(out).filter((n) => existsSync(path.join(out, n, 'index.js')))
  expect(names).toEqual(expect.arrayContaining(['account', 'application', 'stats', 'health', 'errand']))
  const loaded = fresh<unknown[]>(LOAD, ...names.map((n) => path.join(out, n, 'index.js')))
  expect(loaded).toEqual(
    names.map((name) => ({ name, main: 'function', loaded: [], exceljs: false, table: false })),
  )
  expect(readdirSync(path.join(out, 'stats', 'lib'))).toEqual(['exceljs.js'])
  for (const name of ['account', 'application'])
    expect(readdirSync(path.join(out, name, 'lib'))).toEqual(['qrcode.js'])
})

test('the action table loads on the first call that passes the policy, sharing what the entry holds', () => {
  const r = fresh<{ steps: [string, boolean][] }>(
    `
const path = require('path')
const fn = require(process.argv[1])
const table = () => Object.keys(require.cache).includes(path.join(path.dirname(process.argv[1]), 'actions.js'))
;(async () => {
  const steps = []
  for (const event of [{ action: 'nope' }, { action: 'verifyPlate' }])
    steps.push([(await fn.main(event, {})).code, table()])
  console.log(JSON.stringify({ steps }))
})()`,
    path.join(out, 'application', 'index.js'),
  )
  // Refused by the policy alone: no table; then the public action's input checked by its schema from the table.
  expect(r.steps).toEqual([
    ['UNKNOWN_ACTION', false],
    ['INVALID_INPUT', true],
  ])
  // One copy of what the entry holds (AppError, the policy, the SDK handle): the table imports it from index.js.
  for (const name of ['account', 'application', 'health', 'errand', 'stats']) {
    const table = readFileSync(path.join(out, name, 'actions.js'), 'utf8')
    expect([name, /class AppError|POLICY = \{/.test(table)]).toEqual([name, false])
    expect(table).toContain(`require("./index.js").__eagerModules["shared/errors.ts"]`)
  }
})

test('exceljs beside the stats bundle writes a workbook', () => {
  const r = fresh<{ bytes: number }>(
    `
const path = require('path'), fs = require('fs'), os = require('os')
const ExcelJS = require(path.join(path.dirname(process.argv[1]), 'lib', 'exceljs.js'))
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-')), 'x.xlsx')
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file })
const ws = wb.addWorksheet('台账')
ws.addRow(['姓名', '体温']).commit()
ws.addRow(['张伟', 36.5]).commit()
ws.commit()
wb.commit().then(() => console.log(JSON.stringify({ bytes: fs.statSync(file).size })))`,
    path.join(out, 'stats', 'index.js'),
  )
  expect(r.bytes).toBeGreaterThan(1000)
})

test('qrcode beside the account bundle draws a PNG', () => {
  const r = fresh<{ url: string }>(
    `
const path = require('path')
const QR = require(path.join(path.dirname(process.argv[1]), 'lib', 'qrcode.js'))
QR.toDataURL('https://example.org/#/pages/verify/index?plate=1').then((url) => console.log(JSON.stringify({ url })))`,
    path.join(out, 'account', 'index.js'),
  )
  expect(r.url).toMatch(/^data:image\/png;base64,/)
})
