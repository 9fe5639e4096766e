/**
 * Reading the rendered tree: text, classes, datasets, and finding nodes the way a person looks at a page (by the
 * words on it) or the way the code names them (by class or id). There is no layout, so nothing here knows what
 * is on screen: hidden things are found by their state (a class, a value), never by their size.
 */
import type { Child, VNode } from './templates'

export function isNode(c: Child | undefined): c is VNode {
  return typeof c === 'object' && c !== null
}

/** All text below `node`, in order, with runs of white space collapsed. */
export function textOf(node: Child): string {
  const parts: string[] = []
  const visit = (c: Child) => {
    if (typeof c === 'string') parts.push(c)
    else {
      // An input shows its value (or, when empty, its placeholder) the way a text node would.
      if (c.tag === 'wx-input' || c.tag === 'wx-textarea') {
        const value = c.attr.value
        if (value !== undefined && value !== null && value !== '') parts.push(String(value))
      }
      c.children.forEach(visit)
    }
  }
  visit(node)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

export function walk(node: VNode, fn: (n: VNode) => void): void {
  fn(node)
  for (const c of node.children) if (isNode(c)) walk(c, fn)
}

export function findAll(root: VNode, pred: (n: VNode) => boolean): VNode[] {
  const out: VNode[] = []
  walk(root, (n) => {
    if (pred(n)) out.push(n)
  })
  return out
}

export function classesOf(node: VNode): string[] {
  const cls = node.attr.class
  return typeof cls === 'string' ? cls.split(/\s+/).filter(Boolean) : []
}

export function hasClass(node: VNode, cls: string): boolean {
  return classesOf(node).includes(cls)
}

/** `data-*` attributes as WeChat hands them to handlers: `data-foo-bar` becomes `fooBar`. */
export function datasetOf(node: VNode): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node.attr)) {
    if (k.startsWith('data-')) out[k.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = v
  }
  return out
}

/**
 * A small selector: `tag`, `.class`, `#id`, combined (`input.app-input`, `view.card.done`), and `[attr=value]`.
 * Tags are WeChat's component names without the `wx-` prefix (`view`, `input`, `button`, `canvas`).
 */
export function matches(node: VNode, selector: string): boolean {
  const re = /([.#]?)([\w-]+)|\[([\w-]+)(?:=("[^"]*"|'[^']*'|[^\]]*))?\]/g
  let m: RegExpExecArray | null
  let any = false
  while ((m = re.exec(selector))) {
    any = true
    if (m[3]) {
      const v = node.attr[m[3]]
      if (v === undefined) return false
      if (m[4] !== undefined && String(v) !== m[4].replace(/^["']|["']$/g, '')) return false
    } else if (m[1] === '.') {
      if (!hasClass(node, m[2]!)) return false
    } else if (m[1] === '#') {
      if (node.attr.id !== m[2]) return false
    } else if (node.tag !== `wx-${m[2]}`) return false
  }
  return any
}

export function select(root: VNode, selector: string): VNode[] {
  return findAll(root, (n) => matches(n, selector))
}

/**
 * Nodes whose text is `text` (exactly, after trimming) or matches the pattern — the innermost such nodes, so that
 * a tap lands where a finger would and bubbles up from there.
 */
export function byText(root: VNode, text: string | RegExp): VNode[] {
  const fits = (n: VNode) => {
    const t = textOf(n)
    return typeof text === 'string' ? t === text : text.test(t)
  }
  return findAll(root, (n) => fits(n) && !n.children.some((c) => isNode(c) && fits(c)))
}

/** The nearest node, from `node` up, that matches the selector. */
export function closest(node: VNode, selector: string): VNode | undefined {
  for (let n: VNode | undefined = node; n; n = n.parent) if (matches(n, selector)) return n
  return undefined
}

/** An indented outline of the tree (tags, classes, text), for failure messages. */
export function outline(root: VNode, maxLines = 200): string {
  const lines: string[] = []
  const visit = (c: Child, depth: number) => {
    if (lines.length >= maxLines) return
    const pad = '  '.repeat(depth)
    if (typeof c === 'string') {
      if (c.trim()) lines.push(`${pad}"${c.trim()}"`)
      return
    }
    const cls = classesOf(c)
    const own = cls.length ? `.${cls.join('.')}` : ''
    const value =
      c.attr.value !== undefined && c.attr.value !== '' ? ` value=${JSON.stringify(c.attr.value)}` : ''
    lines.push(`${pad}${c.tag.replace(/^wx-/, '')}${own}${value}`)
    c.children.forEach((x) => visit(x, depth + 1))
  }
  visit(root, 0)
  return lines.join('\n')
}
