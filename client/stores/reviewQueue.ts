import { action, makeObservable, observable } from 'mobx'
import type { Department } from '../../shared/roles'
import type { Reply } from '../services/api'
import { applicationApi } from '../services/application'
import { onSignedOut } from '../services/cloud'
import { PagedList } from './pagedList'

type QueueApi = Pick<typeof applicationApi, 'listForReview'>
export type QueueTab = 'pending' | 'decided'

/**
 * A reviewer's queue: their department's pending decisions (oldest submission first) or what they have
 * decided, searchable by enterprise name or credit code, paged with 加载更多.
 */
export class ReviewQueueStore extends PagedList<Reply<'application', 'listForReview'>> {
  tab: QueueTab = 'pending'
  search = ''
  pendingCount = 0
  department: Department | null = null

  constructor(
    private readonly api: QueueApi = applicationApi,
    pageSize = 10,
  ) {
    super({ pageSize, rowKey: (a) => a._id })
    makeObservable<ReviewQueueStore, 'api'>(this, {
      api: false,
      tab: observable,
      search: observable,
      pendingCount: observable,
      department: observable,
      load: action.bound,
      setTab: action.bound,
      setSearch: action.bound,
      applySearch: action.bound,
      reset: action.bound,
    })
    onSignedOut(() => this.reset())
  }

  protected override fetchPage(page: number, pageSize: number) {
    const search = this.search.trim()
    return this.api.listForReview({ status: this.tab, page, pageSize, ...(search ? { search } : {}) })
  }

  protected override accept(res: Reply<'application', 'listForReview'>): void {
    super.accept(res)
    this.pendingCount = res.pendingCount
    this.department = res.department
  }

  /** First page of the current tab and search; `quiet` keeps the list on screen meanwhile. */
  load(quiet = false): Promise<void> {
    return this.reload(quiet)
  }

  setTab(tab: QueueTab): void {
    if (tab === this.tab) return
    this.tab = tab
    this.clear()
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
    this.clear()
    this.tab = 'pending'
    this.search = ''
    this.pendingCount = 0
    this.department = null
  }
}
