import { makeAutoObservable } from 'mobx'
import type { Scope } from '../../shared/roles'
import { shanghaiDate } from '../../shared/time'
import { onSignedOut } from '../services/cloud'
import { addDays } from '../utils/format'

export type PeriodPreset = 'today' | 'week' | 'fortnight' | 'custom'

export const PERIOD_PRESETS: { value: PeriodPreset; label: string; days: number }[] = [
  { value: 'today', label: '今天', days: 1 },
  { value: 'week', label: '近7天', days: 7 },
  { value: 'fortnight', label: '近14天', days: 14 },
  { value: 'custom', label: '自定义', days: 0 },
]

/**
 * What the dashboard and the ledger page look at: a community or grid inside the caller's scope (none = the
 * caller's own scope), and a period of Shanghai days. "Today" is the functions' (each answer carries it),
 * never the phone's, once the first answer has arrived.
 */
export class StatsFilterStore {
  communityId = ''
  gridId = ''
  preset: PeriodPreset = 'today'
  customFrom = ''
  customTo = ''
  /** Today in Shanghai, as the functions see it; the phone's guess until the first answer. */
  today = shanghaiDate(Date.now())

  constructor() {
    // scopeFor reads observables for the component that calls it: a plain method, not an (untracked) action.
    makeAutoObservable(this, { scopeFor: false }, { autoBind: true })
    onSignedOut(() => this.reset())
  }

  /** The scope to ask for; undefined = the caller's own. */
  scopeFor(streetId: string): Scope | undefined {
    if (!this.communityId && !this.gridId) return undefined
    return {
      streetId,
      ...(this.communityId ? { communityId: this.communityId } : {}),
      ...(this.gridId ? { gridId: this.gridId } : {}),
    }
  }

  /** The period to ask for; `today` sends nothing, so the functions' own today is used. */
  get period(): { from?: string; to?: string } {
    switch (this.preset) {
      case 'today':
        return {}
      case 'week':
        return { from: addDays(this.today, -6), to: this.today }
      case 'fortnight':
        return { from: addDays(this.today, -13), to: this.today }
      case 'custom':
        return this.customFrom && this.customTo ? { from: this.customFrom, to: this.customTo } : {}
    }
  }

  /** The period as dates, today's included. */
  get range(): { from: string; to: string } {
    const p = this.period
    return { from: p.from ?? this.today, to: p.to ?? this.today }
  }

  setScope(communityId: string, gridId: string): void {
    this.communityId = communityId
    this.gridId = gridId
  }

  setPreset(preset: Exclude<PeriodPreset, 'custom'>): void {
    this.preset = preset
  }

  setCustom(from: string, to: string): void {
    this.customFrom = from <= to ? from : to
    this.customTo = from <= to ? to : from
    this.preset = 'custom'
  }

  /** Adopts the functions' today (from an answer); presets move with it. */
  setToday(today: string): void {
    if (today && today !== this.today) this.today = today
  }

  reset(): void {
    this.communityId = ''
    this.gridId = ''
    this.preset = 'today'
    this.customFrom = ''
    this.customTo = ''
  }
}
