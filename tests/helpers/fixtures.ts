/**
 * Records the tests and the screenshot scripts make again and again through the functions, in the demo
 * street (emulator/seed.ts).
 */

/** The demo owner's (孙丽, 13800000041) corner shop in 幸福里第一网格, as `application.registerEnterprise` takes it. */
export const DEMO_SHOP = {
  name: '幸福里便利店',
  creditCode: '91350100M000100Y43',
  kind: 'shop',
  industry: '零售',
  address: '幸福里12号底商',
  communityId: 'community-xingfu',
  gridId: 'grid-xingfu-1',
  legalRepresentative: '孙丽',
  contactName: '孙丽',
  contactPhone: '13800000041',
} as const

/**
 * The travel part of a health declaration that puts the person into home quarantine: back from 武汉 (a risk
 * area in the demo rules) on `arrivalDate`, no contact, no symptoms.
 */
export function backFromWuhan(arrivalDate: string) {
  return {
    fromProvince: '湖北省',
    fromCity: '武汉市',
    arrivalDate,
    placesStayed: [],
    contactWithCases: false,
    symptoms: [],
  }
}
