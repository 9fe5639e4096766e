import { action, makeObservable, observable, runInAction } from 'mobx'
import type { InviteView as Invite, ScopeTree } from '../../shared/account'
import { accountApi } from '../services/account'
import type { Input, Reply } from '../services/api'
import { errorMessage, onSignedOut } from '../services/cloud'
import { PagedList } from './pagedList'
import type { LoadStatus } from './session'

type InvitesApi = Pick<typeof accountApi, 'listInvites' | 'createInvite' | 'revokeInvite' | 'scopes'>

/** Admin: invitations issued by the street, newest first, plus the street's communities and grids. */
export class InviteStore extends PagedList<Reply<'account', 'listInvites'>> {
  scopes: ScopeTree | null = null
  scopesStatus: LoadStatus = 'idle'
  scopesError = ''

  constructor(
    private readonly api: InvitesApi = accountApi,
    pageSize = 10,
  ) {
    super({ pageSize, rowKey: (i) => i.code })
    makeObservable<InviteStore, 'api'>(this, {
      api: false,
      scopes: observable.ref,
      scopesStatus: observable,
      scopesError: observable,
      load: action.bound,
      loadScopes: action.bound,
      create: action.bound,
      revoke: action.bound,
      reset: action.bound,
    })
    onSignedOut(() => this.reset())
  }

  protected override fetchPage(page: number, pageSize: number) {
    return this.api.listInvites(page, pageSize)
  }

  /** First page; what is on screen stays until it arrives. */
  load(): Promise<void> {
    return this.reload(true)
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
  async create(form: Input<'account', 'createInvite'>): Promise<Invite> {
    const { invite } = await this.api.createInvite(form)
    this.insert(invite)
    return invite
  }

  async revoke(code: string): Promise<Invite> {
    const { invite } = await this.api.revokeInvite(code)
    this.update((x) => x.code === code, invite)
    return invite
  }

  reset(): void {
    this.clear()
    this.scopes = null
    this.scopesStatus = 'idle'
  }
}
