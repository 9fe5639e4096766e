import Taro, { badgeCalls } from '../helpers/taro'
import { logout } from '../../client/services/cloud'
import { CloudError } from '../../client/services/cloud'
import { PagedList, type PageOf } from '../../client/stores/pagedList'
import { RemoteValue } from '../../client/stores/remoteValue'
import { InboxStore } from '../../client/stores/inbox'
import { InviteStore } from '../../client/stores/invites'
import { ReviewQueueStore } from '../../client/stores/reviewQueue'
import { SessionStore } from '../../client/stores/session'
import { StatsFilterStore } from '../../client/stores/statsFilter'

/**
 * The client's MobX stores, driven through their service dependencies (the functions are not called). The
 * replies are promises the test settles itself, so it decides which answer arrives first.
 */

/** A promise the test resolves or rejects when it chooses. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets the awaits inside a store run. */
const settle = () => new Promise((r) => setTimeout(r, 0))

type Row = { _id: string; n: number }
type RowPage = { items: Row[]; total: number; page: number; pageSize: number; tag?: string }

const rows = (from: number, count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ _id: `r${from + i}`, n: from + i }))

/** A list of `total` rows served `pageSize` at a time; `calls` records each read. */
function server(total: number) {
  const calls: [number, number][] = []
  const fetch = async (page: number, pageSize: number): Promise<RowPage> => {
    calls.push([page, pageSize])
    const start = (page - 1) * pageSize
    return { items: rows(start, Math.max(0, Math.min(pageSize, total - start))), total, page, pageSize }
  }
  return { calls, fetch }
}

const failure = () => new CloudError('NETWORK', '网络不太好，请稍后再试')

describe('PagedList', () => {
  const make = (
    fetch: (p: number, s: number) => Promise<RowPage>,
    extra: Partial<{ keepRows: boolean }> = {},
  ) => new PagedList<RowPage>({ fetch, pageSize: 10, rowKey: (r) => r._id, ...extra })

  it('reads the first page, appends the next ones and knows when it has all', async () => {
    const s = server(25)
    const list = make(s.fetch)
    expect(list.status).toBe('idle')
    await list.reload()
    expect(list.status).toBe('ready')
    expect(list.items.map((r) => r.n)).toEqual(rows(0, 10).map((r) => r.n))
    expect(list.hasMore).toBe(true)
    await list.loadMore()
    await list.loadMore()
    expect(list.items).toHaveLength(25)
    expect(list.hasMore).toBe(false)
    await list.loadMore()
    expect(s.calls).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
    ])
    expect(list.pages).toBe(3)
  })

  it('adds no twin when a page overlaps the one before (a row was added meanwhile)', async () => {
    let shift = 0
    const list = make(async (page, size) => {
      const start = (page - 1) * size - shift
      return { items: rows(start, size), total: 40, page, pageSize: size }
    })
    await list.reload()
    shift = 1
    await list.loadMore()
    expect(list.items).toHaveLength(19)
    expect(new Set(list.items.map((r) => r._id)).size).toBe(19)
  })

  it('drops a late reply to an older read: the newest read wins whatever the order of the answers', async () => {
    const answers = [deferred<RowPage>(), deferred<RowPage>()]
    let call = 0
    const list = make(() => answers[call++]!.promise)
    const first = list.reload()
    const second = list.reload()
    answers[1]!.resolve({ items: rows(100, 2), total: 2, page: 1, pageSize: 10, tag: 'new' })
    await second
    answers[0]!.resolve({ items: rows(0, 10), total: 50, page: 1, pageSize: 10, tag: 'old' })
    await first
    expect(list.items.map((r) => r.n)).toEqual([100, 101])
    expect(list.total).toBe(2)
    expect(list.last?.tag).toBe('new')
  })

  it('drops a late failure of an older read too', async () => {
    const answers = [deferred<RowPage>(), deferred<RowPage>()]
    let call = 0
    const list = make(() => answers[call++]!.promise)
    const first = list.reload()
    const second = list.reload()
    answers[1]!.resolve({ items: rows(0, 3), total: 3, page: 1, pageSize: 10 })
    await second
    answers[0]!.reject(failure())
    await first
    expect(list.status).toBe('ready')
    expect(list.error).toBe('')
  })

  it('drops a next page that arrives after the list was read again (another filter)', async () => {
    const s = server(30)
    const more = deferred<RowPage>()
    let slow = false
    const list = make((page, size) => (slow ? more.promise : s.fetch(page, size)))
    await list.reload()
    slow = true
    const loading = list.loadMore()
    expect(list.loadingMore).toBe(true)
    slow = false
    await list.reload()
    more.resolve({ items: rows(500, 10), total: 99, page: 2, pageSize: 10 })
    await loading
    expect(list.items.map((r) => r.n)).toEqual(rows(0, 10).map((r) => r.n))
    expect(list.total).toBe(30)
    expect(list.loadingMore).toBe(false)
  })

  it('a quiet reload keeps the rows on screen, and keeps them when it fails', async () => {
    const s = server(12)
    let fail = false
    const list = make((p, size) => (fail ? Promise.reject(failure()) : s.fetch(p, size)))
    await list.reload()
    fail = true
    const quiet = list.reload(true)
    expect(list.status).toBe('ready')
    await quiet
    expect(list.status).toBe('ready')
    expect(list.items).toHaveLength(10)
    expect(list.error).toBe('网络不太好，请稍后再试')
    await list.reload()
    expect(list.status).toBe('error')
  })

  it('with keepRows, a quiet reload reads as many rows as are on screen (at most 50)', async () => {
    const s = server(80)
    const list = make(s.fetch, { keepRows: true })
    await list.reload()
    await list.loadMore()
    await list.loadMore()
    await list.reload(true)
    expect(s.calls.at(-1)).toEqual([1, 30])
    expect(list.items).toHaveLength(30)
    expect(list.page).toBe(3)
    await list.loadMore()
    expect(s.calls.at(-1)).toEqual([4, 10])
    for (let i = 0; i < 3; i++) await list.loadMore()
    await list.reload(true)
    expect(s.calls.at(-1)).toEqual([1, 50])
  })

  it('shows one page at a time on the desktop, and replaces a row in place', async () => {
    const s = server(35)
    const list = make(s.fetch)
    await list.reload()
    await list.goTo(4)
    expect(list.items.map((r) => r.n)).toEqual([30, 31, 32, 33, 34])
    expect(list.page).toBe(4)
    expect(list.hasMore).toBe(false)
    list.update((r) => r._id === 'r31', { _id: 'r31', n: -1 })
    expect(list.items.map((r) => r.n)).toEqual([30, -1, 32, 33, 34])
  })

  it('forgets everything on clear, and a reply still on its way is dropped', async () => {
    const answer = deferred<RowPage>()
    const list = make(() => answer.promise)
    const reading = list.reload()
    list.clear()
    answer.resolve({ items: rows(0, 5), total: 5, page: 1, pageSize: 10 })
    await reading
    expect(list.status).toBe('idle')
    expect(list.items).toEqual([])
  })

  it('types its rows from the answer', () => {
    const list = new PagedList<PageOf & { items: Row[] }>({
      fetch: server(1).fetch,
      pageSize: 5,
      rowKey: (r) => r._id,
    })
    const first: Row | undefined = list.items[0]
    expect(first).toBeUndefined()
  })
})

describe('RemoteValue (useRemote)', () => {
  it('keeps the newest answer when an older one arrives late', async () => {
    const answers = [deferred<string>(), deferred<string>()]
    let call = 0
    const remote = new RemoteValue(() => answers[call++]!.promise)
    expect(remote.status).toBe('loading')
    const first = remote.reload()
    const second = remote.reload()
    expect(remote.pending).toBe(true)
    answers[1]!.resolve('new')
    await second
    expect(remote.pending).toBe(false)
    answers[0]!.resolve('old')
    await first
    expect(remote.data).toBe('new')
    expect(remote.status).toBe('ready')
  })

  it('shows the skeleton, then the data; a quiet failure keeps the data on screen', async () => {
    let fail = false
    const remote = new RemoteValue(() => (fail ? Promise.reject(failure()) : Promise.resolve(7)))
    await remote.reload()
    expect(remote.data).toBe(7)
    fail = true
    await remote.reload(true)
    expect(remote.status).toBe('ready')
    expect(remote.data).toBe(7)
    expect(remote.error).toBe('网络不太好，请稍后再试')
    await remote.reload()
    expect(remote.status).toBe('error')
  })

  it('takes the state an action answered with', () => {
    const remote = new RemoteValue(() => Promise.resolve(1))
    remote.setData(5)
    expect(remote.status).toBe('ready')
    expect(remote.data).toBe(5)
  })
})

const message = (id: string, read = false) => ({ _id: id, title: id, body: '', createdAt: 0, read })

describe('InboxStore', () => {
  function inboxApi(unread: number, total = 3) {
    const markRead = jest.fn(async (_ids: string[]) => ({ unread: unread - 1 }))
    const api = {
      inbox: jest.fn(async (page: number, pageSize: number) => ({
        items: Array.from({ length: Math.min(pageSize, total) }, (_, i) => message(`m${page}-${i}`, i > 0)),
        total,
        unread,
        page,
        pageSize,
      })),
      markRead,
    }
    return api
  }

  it('reads the unread count with each page and shows it on the tab bar', async () => {
    badgeCalls.length = 0
    const inbox = new InboxStore(inboxApi(120))
    await inbox.load()
    expect(inbox.unread).toBe(120)
    expect(inbox.items).toHaveLength(3)
    expect(badgeCalls.at(-1)).toEqual({ index: 1, text: '99+' })
  })

  it('marks a message read at once, and the server count wins', async () => {
    const api = inboxApi(3)
    const inbox = new InboxStore(api)
    await inbox.load()
    const first = inbox.items[0]!
    const marking = inbox.markRead(first)
    expect(inbox.items[0]!.read).toBe(true)
    expect(inbox.unread).toBe(2)
    await marking
    expect(api.markRead).toHaveBeenCalledWith([first._id])
    expect(inbox.unread).toBe(2)
    await inbox.markRead(inbox.items[0]!)
    expect(api.markRead).toHaveBeenCalledTimes(1)
  })

  it('puts the message back to unread when marking fails', async () => {
    const api = inboxApi(1)
    api.markRead.mockRejectedValueOnce(failure())
    const inbox = new InboxStore(api)
    await inbox.load()
    badgeCalls.length = 0
    await inbox.markRead(inbox.items[0]!)
    expect(inbox.items[0]!.read).toBe(false)
    expect(inbox.unread).toBe(1)
    expect(badgeCalls.at(-1)).toEqual({ index: 1, text: '1' })
  })

  it('refreshes only the badge without touching the list, and empties on sign-out', async () => {
    const api = inboxApi(4)
    const inbox = new InboxStore(api)
    await inbox.refreshUnread()
    expect(inbox.unread).toBe(4)
    expect(inbox.items).toEqual([])
    await inbox.load()
    logout()
    expect(inbox.items).toEqual([])
    expect(inbox.unread).toBe(0)
    expect(inbox.status).toBe('idle')
  })
})

describe('InviteStore', () => {
  const invite = (code: string, status: 'unused' | 'revoked' = 'unused') => ({
    code,
    role: 'butler' as const,
    scope: { streetId: 's' },
    scopeNames: { street: '东湖街道' },
    status,
    expiresAt: 0,
    createdAt: 0,
  })

  function invitesApi() {
    return {
      listInvites: jest.fn(async (page: number, pageSize: number) => ({
        items: [invite('AAAA1111'), invite('BBBB2222')],
        total: 2,
        page,
        pageSize,
      })),
      createInvite: jest.fn(async () => ({
        invite: { ...invite('NEWCODE1'), qr: 'data:image/png;base64,' },
      })),
      revokeInvite: jest.fn(async (code: string) => ({ invite: invite(code, 'revoked') })),
      scopes: jest.fn(async () => ({ street: { _id: 's', name: '东湖街道' }, communities: [] })),
    }
  }

  it('puts a new invitation on top and counts it; a revoked one changes in place', async () => {
    const api = invitesApi()
    const store = new InviteStore(api)
    await store.load()
    await store.create({ role: 'butler', scope: { streetId: 's' } })
    expect(store.items.map((i) => i.code)).toEqual(['NEWCODE1', 'AAAA1111', 'BBBB2222'])
    expect(store.total).toBe(3)
    await store.revoke('AAAA1111')
    expect(store.items[1]).toMatchObject({ code: 'AAAA1111', status: 'revoked' })
  })

  it('reads the street’s communities once', async () => {
    const api = invitesApi()
    const store = new InviteStore(api)
    await Promise.all([store.loadScopes(), store.loadScopes()])
    await store.loadScopes()
    expect(api.scopes).toHaveBeenCalledTimes(1)
    expect(store.scopesStatus).toBe('ready')
  })
})

describe('ReviewQueueStore', () => {
  const app = (id: string) => ({ _id: id }) as never

  it('asks for the tab and the trimmed search, and reads the pending count from the answer', async () => {
    const listForReview = jest.fn(async (q: { status?: string; page?: number; pageSize?: number }) => ({
      items: [app(`${q.status}-1`)],
      total: 1,
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 10,
      pendingCount: 7,
      department: 'safety' as const,
    }))
    const queue = new ReviewQueueStore({ listForReview })
    queue.setSearch('  东湖 ')
    queue.applySearch()
    await settle()
    expect(listForReview).toHaveBeenLastCalledWith({
      status: 'pending',
      page: 1,
      pageSize: 10,
      search: '东湖',
    })
    expect(queue.pendingCount).toBe(7)
    expect(queue.department).toBe('safety')
    queue.setTab('decided')
    expect(queue.items).toEqual([])
    expect(queue.status).toBe('loading')
    await settle()
    expect(queue.items.map((a) => a._id)).toEqual(['decided-1'])
  })

  it('drops the answer for the tab it left', async () => {
    const pending = deferred<never>()
    const listForReview = jest.fn((q: { status?: string }) =>
      q.status === 'pending'
        ? pending.promise
        : Promise.resolve({
            items: [app('d')],
            total: 1,
            page: 1,
            pageSize: 10,
            pendingCount: 0,
            department: null,
          }),
    )
    const queue = new ReviewQueueStore({ listForReview } as never)
    const first = queue.load()
    queue.setTab('decided')
    await settle()
    pending.resolve({
      items: [app('p')],
      total: 9,
      page: 1,
      pageSize: 10,
      pendingCount: 9,
      department: null,
    } as never)
    await first
    expect(queue.tab).toBe('decided')
    expect(queue.items.map((a) => a._id)).toEqual(['d'])
    expect(queue.total).toBe(1)
  })
})

describe('SessionStore', () => {
  const account = { _id: 'a1', name: '张伟', role: 'admin' } as never
  // Without a token the H5 client does not ask at all: the person is signed out.
  beforeEach(() => Taro.setStorageSync('reopen.token', 't'))

  it('asks `me` once however many pages ask at the same time, and keeps the answer', async () => {
    const me = jest.fn(async () => ({ account }))
    const session = new SessionStore({ me } as never)
    const [a, b] = await Promise.all([session.load(), session.load()])
    expect(a).toBe(account)
    expect(b).toBe(account)
    await session.load()
    expect(me).toHaveBeenCalledTimes(1)
    expect(session.isAdmin).toBe(true)
    await session.load(true)
    expect(me).toHaveBeenCalledTimes(2)
  })

  it('keeps the account on screen when a refresh fails, and shows the error when there was none', async () => {
    const me = jest.fn().mockResolvedValueOnce({ account }).mockRejectedValue(failure())
    const session = new SessionStore({ me } as never)
    await session.load()
    await expect(session.load(true)).rejects.toThrow('网络不太好')
    expect(session.status).toBe('ready')
    expect(session.account).toEqual(account)
    const fresh = new SessionStore({ me } as never)
    await expect(fresh.load()).rejects.toThrow()
    expect(fresh.status).toBe('error')
  })

  it('needs setup when signed in without an account, and forgets everything on logout', async () => {
    const setup = jest.fn(async () => ({ account }))
    const session = new SessionStore({ me: async () => ({ account: null }), setup } as never)
    await session.load()
    expect(session.needsSetup).toBe(true)
    await session.setup({ name: '张伟', phone: '13800000001', role: 'resident' })
    expect(session.needsSetup).toBe(false)
    session.logout()
    expect(session.account).toBeNull()
    expect(session.status).toBe('idle')
  })
})

describe('StatsFilterStore', () => {
  it('sends no period for today, so the functions use their own today; presets move with it', () => {
    const f = new StatsFilterStore()
    f.setToday('2024-03-10')
    expect(f.period).toEqual({})
    expect(f.range).toEqual({ from: '2024-03-10', to: '2024-03-10' })
    f.setPreset('week')
    expect(f.period).toEqual({ from: '2024-03-04', to: '2024-03-10' })
    f.setToday('2024-03-01')
    expect(f.period).toEqual({ from: '2024-02-24', to: '2024-03-01' })
    f.setPreset('fortnight')
    expect(f.range.from).toBe('2024-02-17')
  })

  it('orders a custom period, and asks for a scope only when one was picked', () => {
    const f = new StatsFilterStore()
    f.setCustom('2024-03-09', '2024-03-02')
    expect(f.period).toEqual({ from: '2024-03-02', to: '2024-03-09' })
    expect(f.scopeFor('s1')).toBeUndefined()
    f.setScope('c1', '')
    expect(f.scopeFor('s1')).toEqual({ streetId: 's1', communityId: 'c1' })
    f.setScope('c1', 'g1')
    expect(f.scopeFor('s1')).toEqual({ streetId: 's1', communityId: 'c1', gridId: 'g1' })
    f.reset()
    expect(f.preset).toBe('today')
    expect(f.scopeFor('s1')).toBeUndefined()
  })
})
