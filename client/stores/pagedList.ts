import { action, computed, makeObservable, observable, runInAction } from 'mobx'
import { errorMessage } from '../services/cloud'
import type { LoadStatus } from './session'

/** What a paged action answers: `{items, total}` (and whatever else it sends along, kept in `last`). */
export type PageOf = { items: readonly unknown[]; total: number }
export type RowOf<P extends PageOf> = P['items'][number]

export interface PagedListOptions<P extends PageOf> {
  /** Reads page `page` of `pageSize` rows; subclasses may override `fetchPage` instead. */
  fetch?: (page: number, pageSize: number) => Promise<P>
  pageSize: number
  /** Identifies a row, so a page that overlaps the one before (a row was added meanwhile) adds no twin. */
  rowKey: (row: RowOf<P>) => string
  /**
   * A quiet reload (polling, back from another page) reads as many rows as are on screen, up to 50 (the
   * functions' page limit), so a list someone scrolled does not collapse to its first page.
   */
  keepRows?: boolean
  /** `loading` for a list that starts loading as it appears; `idle` (default) for one loaded on demand. */
  status?: LoadStatus
}

/**
 * The one paged list of the client — the stores (inbox, invitations, review queue) extend it and pages get
 * one from `usePagedList`: loading / ready / error, 加载更多 on the phone, one page at a time with a pager
 * on the desktop (`goTo`). Each read is numbered; a reply to anything but the newest read is dropped, so a
 * late answer (a slow first page, a page of the filter before) never overwrites a newer one.
 */
export class PagedList<P extends PageOf> {
  status: LoadStatus
  error = ''
  items: RowOf<P>[] = []
  total = 0
  /** The last page read (append mode) or the page on screen (pages mode). */
  page = 0
  /** The whole answer of the last page read, for extras a function sends along (totals, eligibility). */
  last: P | undefined = undefined
  loadingMore = false
  moreError = ''
  readonly pageSize: number
  private seq = 0

  constructor(private readonly opts: PagedListOptions<P>) {
    this.pageSize = opts.pageSize
    this.status = opts.status ?? 'idle'
    makeObservable<PagedList<P>, 'show'>(this, {
      status: observable,
      error: observable,
      items: observable.ref,
      total: observable,
      page: observable,
      last: observable.ref,
      loadingMore: observable,
      moreError: observable,
      hasMore: computed,
      pages: computed,
      empty: computed,
      reload: action.bound,
      loadMore: action.bound,
      goTo: action.bound,
      show: action,
      update: action.bound,
      insert: action.bound,
      clear: action.bound,
    })
  }

  get hasMore(): boolean {
    return this.items.length < this.total && this.page * this.pageSize < this.total
  }

  /** Page count for the pager (pages mode). */
  get pages(): number {
    return Math.max(1, Math.ceil(this.total / this.pageSize))
  }

  get empty(): boolean {
    return this.status === 'ready' && this.items.length === 0
  }

  protected fetchPage(page: number, pageSize: number): Promise<P> {
    if (!this.opts.fetch) throw new Error('PagedList needs a fetch or a fetchPage')
    return this.opts.fetch(page, pageSize)
  }

  /** Takes a page's answer; subclasses read their extras from it (the unread count, the pending count). */
  protected accept(res: P): void {
    this.last = res
    this.total = res.total
  }

  /** The first page again; `quiet` keeps what is on screen meanwhile (and on failure). */
  reload(quiet = false): Promise<void> {
    const keep = quiet && this.status === 'ready'
    // keepRows: as many rows as are on screen, up to the functions' page limit.
    const size =
      keep && this.opts.keepRows ? Math.min(50, Math.max(this.pageSize, this.items.length)) : this.pageSize
    return this.show(1, size, keep)
  }

  /** Desktop: shows page `n` instead of the current one, keeping the table on screen meanwhile. */
  goTo(n: number): Promise<void> {
    return this.show(n, this.pageSize, this.status === 'ready')
  }

  /** Reads `size` rows from page `n` in place of the rows on screen; `keep` leaves those up until then. */
  private async show(n: number, size: number, keep: boolean): Promise<void> {
    const mine = ++this.seq
    if (!keep) this.status = 'loading'
    this.error = ''
    this.moreError = ''
    try {
      const res = await this.fetchPage(n, size)
      if (mine !== this.seq) return
      runInAction(() => {
        this.items = [...res.items]
        this.page = n === 1 ? Math.ceil(res.items.length / this.pageSize) || 1 : n
        this.accept(res)
        this.status = 'ready'
      })
    } catch (e) {
      if (mine !== this.seq) return
      runInAction(() => {
        this.error = errorMessage(e)
        if (!keep) this.status = 'error'
      })
    }
  }

  /** Phone: appends the next page (加载更多). */
  async loadMore(): Promise<void> {
    if (this.loadingMore || this.status !== 'ready' || !this.hasMore) return
    const mine = this.seq
    const next = this.page + 1
    this.loadingMore = true
    this.moreError = ''
    try {
      const res = await this.fetchPage(next, this.pageSize)
      if (mine !== this.seq) return
      runInAction(() => {
        const seen = new Set(this.items.map(this.opts.rowKey))
        this.items = [...this.items, ...res.items.filter((x) => !seen.has(this.opts.rowKey(x)))]
        this.page = next
        this.accept(res)
      })
    } catch (e) {
      if (mine === this.seq) runInAction(() => (this.moreError = errorMessage(e)))
    } finally {
      runInAction(() => (this.loadingMore = false))
    }
  }

  /** Replaces one row in place after an action answered with its new state. */
  update(match: (row: RowOf<P>) => boolean, next: RowOf<P>): void {
    this.items = this.items.map((x) => (match(x) ? next : x))
  }

  /** Puts a row just created at the top. */
  insert(row: RowOf<P>): void {
    this.items = [row, ...this.items]
    this.total += 1
    this.status = 'ready'
  }

  /** Forgets everything (signed out, another filter); a reply still on its way is dropped. */
  clear(): void {
    this.seq++
    this.items = []
    this.total = 0
    this.page = 0
    this.last = undefined
    this.status = 'idle'
    this.error = ''
    this.moreError = ''
    this.loadingMore = false
  }
}
