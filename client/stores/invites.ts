import { makeAutoObservable, runInAction } from 'mobx'
import { accountApi } from '../services/account'
import { type Input } from '../services/api'
import { errorMessage, onSignedOut } from '../services/cloud'
import type { InviteView as Invite, ScopeTree as Scopes } from '../../shared/account'
import type { LoadStatus } from './session'

type CreateInviteForm = Input<'account', 'createInvite'>

type InvitesApi = Pick<typeof accountApi, 'listInvites' | 'createInvite' | 'revokeInvite' | 'scopes'>

/** Admin: invitations issued by the street, newest first, plus the street's communities and grids. */
export class InviteStore {
  items: Invite[] = []
  total = 0
  page = 0
  readonly pageSize: number
  status: LoadStatus = 'idle'
  error = ''
  loadingMore = false
  moreError = ''

  scopes: Scopes | null = null
  scopesStatus: LoadStatus = 'idle'
  scopesError = ''

  constructor(
    private readonly api: InvitesApi = accountApi,
    pageSize = 10,
  ) {
    this.pageSize = pageSize
    makeAutoObservable<InviteStore, 'api'>(this, { api: false, pageSize: false }, { autoBind: true })
    onSignedOut(() => this.reset())
  }

  get hasMore(): boolean {
    return this.items.length < this.total
  }

  async load(): Promise<void> {
    if (this.items.length === 0) this.status = 'loading'
    this.error = ''
    try {
      const res = await this.api.listInvites(1, this.pageSize)
      runInAction(() => {
        this.items = res.items
        this.total = res.total
        this.page = 1
        this.status = 'ready'
        this.moreError = ''
      })
    } catch (e) {
      runInAction(() => {
        this.error = errorMessage(e)
        if (this.items.length === 0) this.status = 'error'
      })
    }
  }

  async loadMore(): Promise<void> {
    if (this.loadingMore || !this.hasMore || this.status !== 'ready') return
    this.loadingMore = true
    this.moreError = ''
    try {
      const res = await this.api.listInvites(this.page + 1, this.pageSize)
      runInAction(() => {
        const seen = new Set(this.items.map((i) => i.code))
        this.items.push(...res.items.filter((i) => !seen.has(i.code)))
        this.total = res.total
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

  async loadScopes(): Promise<void> {
    if (this.scopesStatus === 'ready' || this.scopesStatus === 'loading') return
    this.scopesStatus = 'loading'
    this.scopesError = ''
    try {
      const scopes = await this.api.scopes()
      runInAction(() => {
        this.scopes = scopes
        this.scopesStatus = 'ready'
      })
    } catch (e) {
      runInAction(() => {
        this.scopesError = errorMessage(e)
        this.scopesStatus = 'error'
      })
    }
  }

  /** Creates an invitation and puts it at the top of the list. */
  async create(form: CreateInviteForm): Promise<Invite> {
    const { invite } = await this.api.createInvite(form)
    runInAction(() => {
      this.items.unshift(invite)
      this.total += 1
      if (this.status !== 'ready') this.status = 'ready'
    })
    return invite
  }

  async revoke(code: string): Promise<Invite> {
    const { invite } = await this.api.revokeInvite(code)
    runInAction(() => {
      const i = this.items.findIndex((x) => x.code === code)
      if (i >= 0) this.items[i] = invite
    })
    return invite
  }

  reset(): void {
    this.items = []
    this.total = 0
    this.page = 0
    this.status = 'idle'
    this.error = ''
    this.moreError = ''
    this.scopes = null
    this.scopesStatus = 'idle'
  }
}
