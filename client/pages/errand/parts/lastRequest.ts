import Taro from '@tarojs/taro'
import type { ErrandCategory } from '../../../../shared/errand'
import type { Errand } from '../../../services/errand'

type ErrandItem = Errand['items'][number]

const KEY = 'reopen.errand.last'

export interface LastRequest {
  category: ErrandCategory
  items: ErrandItem[]
  budgetYuan: string
  windowKey: string
  contactless: boolean
}

/** The last request this phone sent, to fill the next form (people in quarantine order the same things). */
export function loadLastRequest(): LastRequest | null {
  try {
    const raw: unknown = Taro.getStorageSync(KEY)
    if (!raw || typeof raw !== 'object') return null
    const v = raw as Partial<LastRequest>
    if (!Array.isArray(v.items) || typeof v.category !== 'string') return null
    return {
      category: v.category,
      items: v.items
        .filter((i): i is ErrandItem => Boolean(i) && typeof i.name === 'string')
        .slice(0, 20)
        .map((i) => ({
          name: i.name,
          quantity: Number(i.quantity) || 1,
          ...(i.unit ? { unit: i.unit } : {}),
          ...(i.note ? { note: i.note } : {}),
        })),
      budgetYuan: typeof v.budgetYuan === 'string' ? v.budgetYuan : '',
      windowKey: typeof v.windowKey === 'string' ? v.windowKey : 'asap',
      contactless: v.contactless !== false,
    }
  } catch {
    return null
  }
}

export function saveLastRequest(v: LastRequest): void {
  try {
    Taro.setStorageSync(KEY, v)
  } catch {
    // storage full or unavailable: the next form starts empty, nothing worse
  }
}
