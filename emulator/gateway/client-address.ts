import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

/**
 * Which peers are reverse proxies whose `X-Forwarded-For` is believed (`TRUST_PROXY`):
 * unset or empty — none: the client is the TCP peer, and a forged header changes nothing;
 * `loopback` — a proxy on this machine (127.0.0.0/8, ::1);
 * otherwise a comma-separated list of exact proxy addresses, e.g. `10.0.0.2,10.0.0.3`.
 */
export type TrustProxy = (peer: string) => boolean

export function trustProxyFrom(setting: string | undefined): TrustProxy {
  const items = (setting ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (items.length === 0) return () => false
  const exact = new Set(items.filter((s) => s !== 'loopback').map(normalise))
  const loopback = items.includes('loopback')
  return (peer) => {
    const p = normalise(peer)
    return exact.has(p) || (loopback && (p === '::1' || p.startsWith('127.')))
  }
}

function normalise(addr: string): string {
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr
}

/**
 * The client's address: the TCP peer, unless the peer is a trusted proxy — then the nearest address in
 * `X-Forwarded-For` that is not itself a trusted proxy (a client can prepend anything; only what our own
 * proxies appended is believed).
 */
export function clientAddress(req: IncomingMessage, trusted: TrustProxy): string {
  let addr = normalise(req.socket.remoteAddress ?? '')
  if (!trusted(addr)) return addr
  const header = req.headers['x-forwarded-for']
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => normalise(s.trim()))
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!
    if (!isIP(hop)) break
    addr = hop
    if (!trusted(hop)) break
  }
  return addr
}
