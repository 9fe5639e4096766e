/**
 * The mini-program's package sizes, as WeChat counts them when it uploads a build: every file under the
 * mini-program root belongs to the subpackage whose root contains it, everything else to the main package.
 * Prints a table and fails (exit 1) when a package is over its budget:
 *   main package ≤ 600 KB (ours; WeChat's limit is 2 MB), each subpackage ≤ 2 MB, all together ≤ 20 MB.
 *
 *   npx tsx scripts/package-size.ts [dist/weapp]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const KB = 1024
export const MAIN_BUDGET = 600 * KB
export const SUBPACKAGE_BUDGET = 2048 * KB
export const TOTAL_BUDGET = 20 * 1024 * KB

/** Not part of the uploaded code package: DevTools reads them from the project, WeChat never ships them. */
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json'])

export interface PackageSize {
  name: string
  files: number
  bytes: number
  budget: number
  /** The largest files, for seeing where the weight is. */
  largest: { file: string; bytes: number }[]
}

function walk(dir: string, root: string, out: { file: string; bytes: number }[]): void {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    const st = statSync(full)
    if (st.isDirectory()) walk(full, root, out)
    else out.push({ file: path.relative(root, full).split(path.sep).join('/'), bytes: st.size })
  }
}

export function measure(root: string): PackageSize[] {
  const app = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'))
  const files: { file: string; bytes: number }[] = []
  walk(root, root, files)
  const packages = new Map<string, PackageSize>()
  const get = (name: string, budget: number) => {
    let p = packages.get(name)
    if (!p) packages.set(name, (p = { name, files: 0, bytes: 0, budget, largest: [] }))
    return p
  }
  get('main', MAIN_BUDGET)
  for (const r of roots) get(r.replace(/\/$/, ''), SUBPACKAGE_BUDGET)
  for (const f of files) {
    if (NOT_UPLOADED.has(f.file)) continue
    const sub = roots.find((r) => f.file.startsWith(r))
    const p = sub ? get(sub.replace(/\/$/, ''), SUBPACKAGE_BUDGET) : get('main', MAIN_BUDGET)
    p.files++
    p.bytes += f.bytes
    p.largest.push(f)
  }
  for (const p of packages.values()) p.largest = p.largest.sort((a, b) => b.bytes - a.bytes).slice(0, 5)
  return [...packages.values()]
}

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`

export function table(sizes: PackageSize[]): string {
  const total = sizes.reduce((n, p) => n + p.bytes, 0)
  const rows = [
    ['package', 'files', 'size', 'budget', ''],
    ...sizes.map((p) => [
      p.name,
      String(p.files),
      kb(p.bytes),
      kb(p.budget),
      p.bytes <= p.budget ? 'ok' : 'OVER',
    ]),
    [
      'total',
      String(sizes.reduce((n, p) => n + p.files, 0)),
      kb(total),
      kb(TOTAL_BUDGET),
      total <= TOTAL_BUDGET ? 'ok' : 'OVER',
    ],
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  const main = sizes.find((p) => p.name === 'main')
  return [
    line(rows[0]!),
    ...rows.slice(1).map(line),
    '',
    `main package, largest files: ${main?.largest.map((f) => `${f.file} ${kb(f.bytes)}`).join(', ') ?? ''}`,
  ].join('\n')
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist/weapp'))
  const sizes = measure(root)
  console.log(`小程序包大小 (${path.relative(process.cwd(), root) || root})\n`)
  console.log(table(sizes))
  const over = sizes.filter((p) => p.bytes > p.budget)
  const total = sizes.reduce((n, p) => n + p.bytes, 0)
  if (over.length || total > TOTAL_BUDGET) {
    console.error(`\n超出预算: ${over.map((p) => p.name).join(', ') || 'total'}`)
    process.exit(1)
  }
}
