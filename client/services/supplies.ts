/**
 * Typed calls to `supplies` (防疫物资: stock, hand-outs, receipts, help with buying) and `certificate` (健康证).
 */
import { api, type Input } from './api'

const supplies = api('supplies')
const certificate = api('certificate')

export const suppliesApi = {
  receive: (input: Input<'supplies', 'receive'>) => supplies('receive', input),
  handOut: (input: Input<'supplies', 'handOut'>) => supplies('handOut', input),
  confirmReceipt: (handOutId: string) => supplies('confirmReceipt', { handOutId }),
  stock: () => supplies('stock'),
  /** Enterprises and shops in the caller's scope a hand-out can go to, by name. */
  enterprises: (input: Input<'supplies', 'enterprises'>) => supplies('enterprises', input),
  handOuts: (input: Input<'supplies', 'handOuts'>) => supplies('handOuts', input),
  requestPurchase: (input: Input<'supplies', 'requestPurchase'>) => supplies('requestPurchase', input),
  purchases: (input: Input<'supplies', 'purchases'>) => supplies('purchases', input),
  recordPurchase: (input: Input<'supplies', 'recordPurchase'>) => supplies('recordPurchase', input),
  ledger: (input: Input<'supplies', 'ledger'>) => supplies('ledger', input),
}

export const certificateApi = {
  upload: (input: Input<'certificate', 'upload'>) => certificate('upload', input),
  mine: () => certificate('mine'),
  staff: (enterpriseId: string) => certificate('staff', { enterpriseId }),
  pending: (page: number, pageSize: number) => certificate('pending', { page, pageSize }),
  verify: (input: Input<'certificate', 'verify'>) => certificate('verify', input),
}
