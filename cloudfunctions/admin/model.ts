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
