import type { CertificateStatus } from '../../shared/supplies'

/** One upload of a person's 健康证 for a shop; the newest upload of a person for a shop is the one in force. */
export interface CertificateDoc {
  _id: string
  accountId: string
  name: string
  enterpriseId: string
  enterpriseName: string
  streetId: string
  communityId: string
  gridId: string
  photo: string
  number: string
  authority: string
  /** The last day it is valid, YYYY-MM-DD (Shanghai). */
  expiresOn: string
  status: CertificateStatus
  verifiedBy?: string
  verifiedByName?: string
  verifiedAt?: number
  note?: string
  /** Expiry warnings already sent (days before expiry: 30, 7), each once. */
  warned: number[]
  uploadedAt: number
}
