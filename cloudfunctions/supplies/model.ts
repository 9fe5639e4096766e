import type {
  HandOutStatus,
  MovementType,
  PurchaseStatus,
  SupplyKind,
  SupplySource,
} from '../../shared/supplies'

/** A street's stock of one kind; id = stockId(streetId, kind). */
export interface StockDoc {
  _id: string
  streetId: string
  kind: SupplyKind
  quantity: number
  updatedAt: number
}

/** One movement of the street's stock, booked with the stock change in one transaction. */
export interface MovementDoc {
  _id: string
  type: MovementType
  streetId: string
  kind: SupplyKind
  quantity: number
  /** What the stock held after this movement. */
  balance: number
  /** Received: bought or donated, and from whom. */
  source?: SupplySource
  note?: string
  /** Handed out: to which enterprise, where it is, and whose it is (they confirm receipt). */
  enterpriseId?: string
  enterpriseName?: string
  communityId?: string
  gridId?: string
  ownerIds?: string[]
  status?: HandOutStatus
  /** Signed for on the spot by this person, or confirmed in the app by this account. */
  signedBy?: string
  confirmedBy?: string
  confirmedByName?: string
  confirmedAt?: number
  byId: string
  byName: string
  at: number
}

/** An enterprise asks the street to help it buy supplies; staff record what was procured. */
export interface PurchaseDoc {
  _id: string
  enterpriseId: string
  enterpriseName: string
  streetId: string
  communityId: string
  gridId: string
  ownerId: string
  kind: SupplyKind
  quantity: number
  note?: string
  status: PurchaseStatus
  procuredQuantity?: number
  procuredNote?: string
  procuredBy?: string
  procuredByName?: string
  procuredAt?: number
  createdAt: number
}
