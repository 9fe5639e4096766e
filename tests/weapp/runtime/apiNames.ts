/**
 * Every name on WeChat's `wx` object, read from `miniprogram-api-typings` (WeChat's own declarations).
 * Taro builds `Taro.*` from `Object.keys(wx)`, so the test client must carry each one as an own key, or a page's
 * `Taro.navigateTo` would simply be missing instead of failing the way WeChat does.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'

const TYPINGS = path.dirname(require.resolve('miniprogram-api-typings/package.json'))

function parse(): string[] {
  const file = path.join(TYPINGS, 'types/wx/lib.wx.api.d.ts')
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const names = new Set<string>()
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Wx') {
      for (const member of node.members) if (member.name) names.add(member.name.getText(source))
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return [...names].sort()
}

let names: string[] | undefined

/** The names, parsed once per typings version (parsing takes a second or two; the result is cached on disk). */
export function wxApiNames(): string[] {
  if (names) return names
  const version = (
    JSON.parse(readFileSync(path.join(TYPINGS, 'package.json'), 'utf8')) as { version: string }
  ).version
  const dir = path.join(os.tmpdir(), 'reopen-weapp-runtime')
  const cache = path.join(dir, `wx-api-names-${version}.json`)
  if (existsSync(cache)) {
    names = JSON.parse(readFileSync(cache, 'utf8')) as string[]
  } else {
    names = parse()
    mkdirSync(dir, { recursive: true })
    writeFileSync(cache, JSON.stringify(names))
  }
  return names
}
