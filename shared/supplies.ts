/**
 * 防疫物资 the street hands out, and 健康证 of the staff of small shops: the kinds, the words, and the rules
 * both the functions and the pages follow (stock never below zero; certificate standing and expiry warnings
 * counted in Shanghai days).
 */
import { daysBetween, shanghaiDate } from './time'

// ---------- supplies ----------

export const SUPPLY_KINDS = [
  'mask',
  'thermometer',
  'goggles',
  'disinfectant',
  'antigenKit',
  'gloves',
] as const
export type SupplyKind = (typeof SUPPLY_KINDS)[number]

export const SUPPLY_LABELS: Record<SupplyKind, string> = {
  mask: '口罩',
  thermometer: '测温枪/测温仪',
  goggles: '护目镜',
  disinfectant: '消毒液',
  antigenKit: '抗原试剂',
  gloves: '防护手套',
}

/** Every quantity is a whole number of these. */
export const SUPPLY_UNITS: Record<SupplyKind, string> = {
  mask: '只',
  thermometer: '支',
  goggles: '副',
  disinfectant: '瓶',
  antigenKit: '份',
  gloves: '副',
}

export const SUPPLY_SOURCES = ['purchase', 'donation'] as const
export type SupplySource = (typeof SUPPLY_SOURCES)[number]
export const SUPPLY_SOURCE_LABELS: Record<SupplySource, string> = { purchase: '采购', donation: '捐赠' }

/** A movement of the street's stock: received into it, or handed out of it to an enterprise. */
export type MovementType = 'receive' | 'handOut'
export const MOVEMENT_LABELS: Record<MovementType, string> = { receive: '入库', handOut: '发放' }

/** A hand-out waits for the enterprise to confirm receipt, unless it was signed for on the spot. */
export type HandOutStatus = 'handed' | 'confirmed'
export const HAND_OUT_STATUS_LABELS: Record<HandOutStatus, string> = {
  handed: '待企业确认',
  confirmed: '已确认收到',
}

export type PurchaseStatus = 'open' | 'procured'
export const PURCHASE_STATUS_LABELS: Record<PurchaseStatus, string> = {
  open: '待协助采购',
  procured: '已采购',
}

/** Largest quantity one movement may carry (a typo of three extra zeros is refused, not booked). */
export const MAX_SUPPLY_QUANTITY = 1_000_000

/**
 * What is left after taking `quantity` from `onHand`, or undefined when there is not enough: stock never goes
 * below zero. The function applies it inside a transaction, so two hand-outs cannot both take the last box.
 */
export function takeFromStock(onHand: number, quantity: number): number | undefined {
  if (!Number.isInteger(quantity) || quantity <= 0) return undefined
  return onHand >= quantity ? onHand - quantity : undefined
}

/** 「口罩 100只」 */
export function supplyAmount(kind: SupplyKind, quantity: number): string {
  return `${SUPPLY_LABELS[kind]} ${quantity}${SUPPLY_UNITS[kind]}`
}

/** The id of a street's stock of one kind: one document per street and kind. */
export const stockId = (streetId: string, kind: SupplyKind) => `${streetId}:${kind}`

// ---------- health certificates (健康证) ----------

export type CertificateStatus = 'pending' | 'verified' | 'rejected'

/** How a person stands for work in the shop: the staff list shows it, and only `valid`/`expiring` may work. */
export type CertificateStanding = 'missing' | 'pending' | 'rejected' | 'valid' | 'expiring' | 'expired'

export const STANDING_LABELS: Record<CertificateStanding, string> = {
  missing: '未上传健康证',
  pending: '待网格员核验',
  rejected: '核验未通过',
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
}

/** Days before expiry at which the owner and the grid worker are told, once each (largest first). */
export const CERTIFICATE_WARN_DAYS = [30, 7] as const
export type WarnDays = (typeof CERTIFICATE_WARN_DAYS)[number]

/**
 * Whole Shanghai days from `now` to the expiry date (YYYY-MM-DD, the last day it is valid): 0 on its last day,
 * negative once it has expired. The machine's own zone plays no part.
 */
export function daysToExpiry(expiresOn: string, now: number): number {
  return daysBetween(shanghaiDate(now), expiresOn)
}

export function certificateStanding(
  cert: { status: CertificateStatus; expiresOn: string } | undefined,
  now: number,
): CertificateStanding {
  if (!cert) return 'missing'
  const days = daysToExpiry(cert.expiresOn, now)
  if (days < 0) return 'expired'
  if (cert.status === 'pending') return 'pending'
  if (cert.status === 'rejected') return 'rejected'
  return days <= CERTIFICATE_WARN_DAYS[0] ? 'expiring' : 'valid'
}

/** May this person work in the shop today: a verified certificate that has not expired. */
export function mayWork(standing: CertificateStanding): boolean {
  return standing === 'valid' || standing === 'expiring'
}

/**
 * The warning due now for a verified certificate, given those already sent: the tightest threshold the days left
 * have reached, if it was not sent yet. A certificate first seen 5 days before expiry gets the 7-day warning only
 * (the 30-day one would say less, later). After expiry nothing more is sent; the staff list shows it.
 */
export function warningDue(daysLeft: number, sent: readonly number[]): WarnDays | undefined {
  if (daysLeft < 0) return undefined
  const reached = CERTIFICATE_WARN_DAYS.filter((d) => daysLeft <= d)
  const tightest = reached[reached.length - 1]
  if (tightest === undefined || sent.some((s) => s <= tightest)) return undefined
  return tightest
}
