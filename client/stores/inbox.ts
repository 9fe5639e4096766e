import Taro from '@tarojs/taro'
import { makeAutoObservable, runInAction } from 'mobx'
import { accountApi } from '../services/account'
import { errorMessage, onSignedOut } from '../services/cloud'
import type { InboxItem } from '../../shared/account'
import type { LoadStatus } from './session'

type InboxApi = Pick<typeof accountApi, 'inbox' | 'markRead'>

/** Index of 消息 in the tab bar (app.config.ts). */
const MESSAGES_TAB = 1

/** The in-app inbox: a paged list with an unread count that drives the tab-bar badge. */
export class InboxStore {
  items: InboxItem[] = []
  total = 0
  unread = 0
  page = 0
  readonly pageSize: number
  status: LoadStatus = 'idle'
  error = ''
  refreshing = false
  loadingMore = false
  moreError = ''

  constructor(
    private readonly api: InboxApi = accountApi,
    pageSize = 15,
  ) {
    this.pageSize = pageSize
    makeAutoObservable<InboxStore, 'api'>(this, { api: false, pageSize: false }, { autoBind: true })
    onSignedOut(() => this.reset())
  }

  get hasMore(): boolean {
    return this.items.length < this.total
  }

  get empty(): boolean {
    return this.status === 'ready' && this.items.length === 0
  }

  /** First page. Shows the skeleton only when nothing is on screen yet. */
  async load(): Promise<void> {
    if (this.items.length === 0) this.status = 'loading'
    this.error = ''
    try {
      const res = await this.api.inbox(1, this.pageSize)
      runInAction(() => {
        this.items = res.items
        this.total = res.total
        this.unread = res.unread
        this.page = 1
        this.status = 'ready'
        this.moreError = ''
      })
      this.syncBadge()
    } catch (e) {
      runInAction(() => {
        this.error = errorMessage(e)
        if (this.items.length === 0) this.status = 'error'
      })
      throw e
    }
  }

  /** Pull-down refresh. */
  async refresh(): Promise<void> {
    this.refreshing = true
    try {
      await this.load()
    } finally {
      runInAction(() => {
        this.refreshing = false
      })
    }
  }

  async loadMore(): Promise<void> {
    if (this.loadingMore || !this.hasMore || this.status !== 'ready') return
    this.loadingMore = true
    this.moreError = ''
    try {
      const res = await this.api.inbox(this.page + 1, this.pageSize)
      runInAction(() => {
        const seen = new Set(this.items.map((i) => i._id))
        this.items.push(...res.items.filter((i) => !seen.has(i._id)))
        this.total = res.total
        this.unread = res.unread
        this.page = res.page
      })
      this.syncBadge()
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

  /** Only the unread count (for the badge), without touching the list. */
  async refreshUnread(): Promise<void> {
    try {
      const res = await this.api.inbox(1, 1)
      runInAction(() => {
        this.unread = res.unread
      })
      this.syncBadge()
    } catch {
      // the badge is a hint; a failure here is not worth interrupting anyone
    }
  }

  /** Marks one message read, optimistically; the server's count wins. */
  async markRead(item: InboxItem): Promise<void> {
    if (item.read) return
    item.read = true
    this.unread = Math.max(0, this.unread - 1)
    this.syncBadge()
    try {
      const { unread } = await this.api.markRead([item._id])
      runInAction(() => {
        this.unread = unread
      })
      this.syncBadge()
    } catch {
      runInAction(() => {
        item.read = false
        this.unread += 1
      })
      this.syncBadge()
    }
  }

  syncBadge(): void {
    const n = this.unread
    const done = () => undefined
    try {
      if (n > 0) Taro.setTabBarBadge({ index: MESSAGES_TAB, text: n > 99 ? '99+' : String(n) }).catch(done)
      else Taro.removeTabBarBadge({ index: MESSAGES_TAB }).catch(done)
    } catch {
      // not on a tab page; the next tab page to show syncs again
    }
  }

  reset(): void {
    this.items = []
    this.total = 0
    this.unread = 0
    this.page = 0
    this.status = 'idle'
    this.error = ''
    this.moreError = ''
  }
}
