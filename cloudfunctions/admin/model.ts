export interface StreetDoc {
  _id: string
  name: string
  createdAt: number
}

export interface CommunityDoc {
  _id: string
  streetId: string
  name: string
  order: number
  createdAt: number
  updatedAt?: number
}

export interface GridDoc {
  _id: string
  streetId: string
  communityId: string
  name: string
  order: number
  createdAt: number
  updatedAt?: number
}

/** One scheduled backup of the local cloud, as the server reported it (emulator/backup.ts). */
export interface BackupRunDoc {
  _id: string
  at: number
  ok: boolean
  name?: string
  size?: number
  error?: string
  /** The archives in DATA_DIR/backups/ after this run, newest first. */
  kept: { name: string; size: number; createdAt: number }[]
}
