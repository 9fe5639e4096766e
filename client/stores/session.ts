import { makeAutoObservable, runInAction } from 'mobx'
import type { SelfServiceRole } from '../../shared/roles'
import { roleLabel } from '../../shared/roles'
import { accountApi } from '../services/account'
import {
  errorMessage,
  type GatewayUser,
  hasSession,
  login,
  logout as forgetToken,
  onSignedOut,
  register,
} from '../services/cloud'
import type { AccountView as Account, IdentityProof } from '../../shared/account'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

type AccountApi = Pick<
  typeof accountApi,
  'me' | 'setup' | 'updateProfile' | 'redeemInvite' | 'provePhone' | 'link'
>

/**
 * The signed-in person: the answer of `account.me`, plus loading and error state.
 * `account === null` with status 'ready' means "signed in, profile not set up yet".
 */
export class SessionStore {
  account: Account | null = null
  status: LoadStatus = 'idle'
  error = ''
  /** H5: who logged in at the gateway (name and phone pre-fill the setup form). */
  user: GatewayUser | null = null
  /** Before setup: the phone this identity proved, and whether an account already holds it (then: link). */
  proof: IdentityProof | null = null
  private pending: Promise<Account | null> | null = null

  constructor(private readonly api: AccountApi = accountApi) {
    makeAutoObservable<SessionStore, 'pending' | 'api'>(
      this,
      { pending: false, api: false },
      { autoBind: true },
    )
    onSignedOut(() => this.reset())
  }

  get ready(): boolean {
    return this.status === 'ready'
  }

  get needsSetup(): boolean {
    return this.status === 'ready' && this.account === null
  }

  get roleText(): string {
    return this.account ? roleLabel(this.account.role, this.account.department) : ''
  }

  get isAdmin(): boolean {
    return this.account?.role === 'admin'
  }

  /** Loads `account.me` once; `force` re-reads it (the old value stays visible meanwhile). */
  load(force = false): Promise<Account | null> {
    if (!hasSession()) return Promise.resolve(null)
    if (!force && this.status === 'ready') return Promise.resolve(this.account)
    if (this.pending) return this.pending
    if (!this.account) this.status = 'loading'
    this.error = ''
    const p = this.api
      .me()
      .then(({ account, proof }) => {
        runInAction(() => {
          this.account = account
          this.proof = proof ?? null
          this.status = 'ready'
        })
        return account
      })
      .catch((e: unknown) => {
        runInAction(() => {
          this.error = errorMessage(e)
          // Keep showing what we had if only a refresh failed.
          if (!this.account) this.status = 'error'
        })
        throw e
      })
      .finally(() => {
        this.pending = null
      })
    this.pending = p
    return p
  }

  /** H5 phone + password login; then reads the account. */
  async login(phone: string, password: string): Promise<Account | null> {
    const user = await login(phone, password)
    runInAction(() => {
      this.user = user
    })
    return this.load(true)
  }

  /** H5 registration (the gateway user); the profile is made by `setup` right after. */
  async register(phone: string, password: string, name: string): Promise<GatewayUser> {
    const user = await register(phone, password, name)
    runInAction(() => {
      this.user = user
      this.account = null
      this.status = 'ready'
    })
    return user
  }

  setAccount(account: Account): void {
    this.account = account
    this.status = 'ready'
    this.error = ''
  }

  async setup(input: {
    name: string
    phone?: string
    role: SelfServiceRole
    streetId?: string
  }): Promise<Account> {
    const { account } = await this.api.setup(input)
    this.setAccount(account)
    return account
  }

  async updateProfile(input: { name?: string; phone?: string }): Promise<Account> {
    const { account } = await this.api.updateProfile(input)
    this.setAccount(account)
    return account
  }

  /** Mini-program: proves the phone with the button's code; before setup it becomes `proof`. */
  async provePhone(code: string): Promise<Account | null> {
    const { account, proof } = await this.api.provePhone(code)
    runInAction(() => {
      this.proof = proof
      if (account) this.setAccount(account)
    })
    return account
  }

  /** Joins the account of the proven phone with the code shown on the person's other platform. */
  async link(code: string): Promise<Account> {
    const { account } = await this.api.link(code)
    this.setAccount(account)
    return account
  }

  async redeemInvite(code: string): Promise<Account> {
    const { account } = await this.api.redeemInvite(code)
    this.setAccount(account)
    return account
  }

  reset(): void {
    this.account = null
    this.user = null
    this.proof = null
    this.status = 'idle'
    this.error = ''
    this.pending = null
  }

  /** H5: forgets the token; the caller navigates to the login page. */
  logout(): void {
    forgetToken()
    this.reset()
  }
}
