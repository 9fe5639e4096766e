import { action, computed, makeObservable, observable, runInAction } from 'mobx'
import { errorMessage } from '../services/cloud'
import type { LoadStatus } from './session'

/**
 * One thing a page reads from the functions (`useRemote`): loading / ready / error, quiet reloads that keep
 * what is on screen, and numbered reads — a reply to anything but the newest read is dropped, so a late
 * answer (a slow first read, the read before a filter changed) never overwrites a newer one.
 */
export class RemoteValue<T> {
  status: LoadStatus = 'loading'
  data: T | undefined = undefined
  error = ''
  private seq = 0
  private settled = 0

  constructor(private readonly load: () => Promise<T>) {
    makeObservable<RemoteValue<T>, 'seq' | 'settled'>(this, {
      status: observable,
      data: observable.ref,
      error: observable,
      seq: observable,
      settled: observable,
      pending: computed,
      reload: action.bound,
      setData: action.bound,
    })
  }

  /** A read is on its way (a page shown again need not start another). */
  get pending(): boolean {
    return this.settled !== this.seq
  }

  /** Reads again; `quiet` keeps what is on screen instead of showing the skeleton. */
  async reload(quiet = false): Promise<void> {
    const mine = ++this.seq
    const keep = quiet && this.data !== undefined
    if (!keep) this.status = 'loading'
    this.error = ''
    try {
      const value = await this.load()
      if (mine !== this.seq) return
      runInAction(() => {
        this.data = value
        this.status = 'ready'
      })
    } catch (e) {
      // A failed quiet read leaves the data on screen and says why beside it.
      if (mine === this.seq)
        runInAction(() => {
          this.error = errorMessage(e)
          this.status = keep ? this.status : 'error'
        })
    } finally {
      if (mine === this.seq) runInAction(() => (this.settled = mine))
    }
  }

  /** Replaces the data after an action answered with the new state. */
  setData(value: T): void {
    this.data = value
    this.status = 'ready'
  }
}
