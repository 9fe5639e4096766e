import { makeAutoObservable, runInAction } from 'mobx'
import type { Department } from '../../shared/roles'
import { applicationApi } from '../services/application'
import { type Reply } from '../services/api'
import { errorMessage, onSignedOut } from '../services/cloud'
import type { LoadStatus } from './session'

type Application = Reply<'application', 'get'>['application']

type QueueApi = Pick<typeof applicationApi, 'listForReview'>
export type QueueTab = 'pending' | 'decided'

/**
 * A reviewer's queue: their department's pending decisions (oldest submission first) or what they have
 * decided, searchable by enterprise name or credit code, paged with 加载更多.
 */
export class ReviewQueueStore {
  tab: QueueTab = 'pending'
  search = ''
  items: Application[] = []
  total = 0
  pendingCount = 0
  department: Department | null = null
  page = 0
  readonly pageSize: number
  status: LoadStatus = 'idle'
  error = ''
  loadingMore = false
  moreError = ''
  private seq = 0

  constructor(
    private readonly api: QueueApi = applicationApi,
    pageSize = 10,
  ) {
    this.pageSize = pageSize
    makeAutoObservable<ReviewQueueStore, 'api' | 'seq'>(
      this,
      { api: false, pageSize: false, seq: false },
      { autoBind: true },
    )
    onSignedOut(() => this.reset())
  }

  get hasMore(): boolean {
    return this.items.length < this.total
  }

  private query(page: number) {
    const search = this.search.trim()
    return { status: this.tab, page, pageSize: this.pageSize, ...(search ? { search } : {}) }
  }

  /** First page of the current tab and search; `quiet` keeps the list on screen meanwhile. */
  async load(quiet = false): Promise<void> {
    const mine = ++this.seq
    if (!quiet || this.status !== 'ready') this.status = 'loading'
    this.error = ''
    try {
      const res = await this.api.listForReview(this.query(1))
      if (mine !== this.seq) return
      runInAction(() => {
        this.items = res.items
        this.total = res.total
        this.pendingCount = res.pendingCount
        this.department = res.department
        this.page = 1
        this.status = 'ready'
        this.moreError = ''
      })
    } catch (e) {
      if (mine !== this.seq) return
      runInAction(() => {
        this.error = errorMessage(e)
        if (!quiet || this.items.length === 0) this.status = 'error'
      })
    }
  }

  async loadMore(): Promise<void> {
    if (this.loadingMore || !this.hasMore || this.status !== 'ready') return
    const mine = this.seq
    this.loadingMore = true
    this.moreError = ''
    try {
      const res = await this.api.listForReview(this.query(this.page + 1))
      if (mine !== this.seq) return
      runInAction(() => {
        const seen = new Set(this.items.map((i) => i._id))
        this.items.push(...res.items.filter((i) => !seen.has(i._id)))
        this.total = res.total
        this.pendingCount = res.pendingCount
        this.page = res.page
      })
    } catch (e) {
      runInAction(() => {
        this.moreError = errorMessage(e)
      })
    } finally {
      runInAction(() => {
        this.loadingMore = false
      })
    }
  }

  setTab(tab: QueueTab): void {
    if (tab === this.tab) return
    this.tab = tab
    this.items = []
    this.total = 0
    void this.load()
  }

  setSearch(search: string): void {
    this.search = search
  }

  /** Runs the typed search (or clears it). */
  applySearch(search = this.search): void {
    this.search = search
    void this.load()
  }

  reset(): void {
    this.tab = 'pending'
    this.search = ''
    this.items = []
    this.total = 0
    this.pendingCount = 0
    this.department = null
    this.page = 0
    this.status = 'idle'
    this.error = ''
    this.moreError = ''
  }
}

export const reviewQueue = new ReviewQueueStore()
