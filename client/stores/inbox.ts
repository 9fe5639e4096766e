import Taro from '@tarojs/taro'
import { action, makeObservable, observable, runInAction } from 'mobx'
import type { InboxItem } from '../../shared/account'
import { accountApi } from '../services/account'
import type { Reply } from '../services/api'
import { onSignedOut } from '../services/cloud'
import { PagedList } from './pagedList'

type InboxApi = Pick<typeof accountApi, 'inbox' | 'markRead'>

/** Index of 消息 in the tab bar (app.config.ts). */
const MESSAGES_TAB = 1

/** The in-app inbox: a paged list with an unread count that drives the tab-bar badge. */
export class InboxStore extends PagedList<Reply<'account', 'inbox'>> {
  unread = 0
  refreshing = false

  constructor(
    private readonly api: InboxApi = accountApi,
    pageSize = 15,
  ) {
    super({ pageSize, rowKey: (i) => i._id })
    makeObservable<InboxStore, 'api'>(this, {
      api: false,
      unread: observable,
      refreshing: observable,
      load: action.bound,
      refresh: action.bound,
      refreshUnread: action.bound,
      markRead: action.bound,
      reset: action.bound,
    })
    onSignedOut(() => this.reset())
  }

  protected override fetchPage(page: number, pageSize: number) {
    return this.api.inbox(page, pageSize)
  }

  protected override accept(res: Reply<'account', 'inbox'>): void {
    super.accept(res)
    this.unread = res.unread
    this.syncBadge()
  }

  /** First page. Shows the skeleton only when nothing is on screen yet. */
  load(): Promise<void> {
    return this.reload(true)
  }

  /** Pull-down refresh. */
  async refresh(): Promise<void> {
    this.refreshing = true
    try {
      await this.load()
    } finally {
      runInAction(() => (this.refreshing = false))
    }
  }

  /** Only the unread count (for the badge), without touching the list. */
  async refreshUnread(): Promise<void> {
    try {
      const res = await this.api.inbox(1, 1)
      runInAction(() => (this.unread = res.unread))
      this.syncBadge()
    } catch {
      // the badge is a hint; a failure here is not worth interrupting anyone
    }
  }

  /** Marks one message read, optimistically; the server's count wins. */
  async markRead(item: InboxItem): Promise<void> {
    if (item.read) return
    const same = (x: InboxItem) => x._id === item._id
    this.update(same, { ...item, read: true })
    this.unread = Math.max(0, this.unread - 1)
    this.syncBadge()
    try {
      const { unread } = await this.api.markRead([item._id])
      runInAction(() => (this.unread = unread))
    } catch {
      runInAction(() => {
        this.update(same, { ...item, read: false })
        this.unread += 1
      })
    }
    this.syncBadge()
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
    this.clear()
    this.unread = 0
  }
}
