export const ENTERPRISE_KINDS = ['large', 'small', 'shop'] as const
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number]

export const ENTERPRISE_KIND_LABELS: Record<EnterpriseKind, string> = {
  large: '规上企业',
  small: '规下企业',
  shop: '个体工商户·五小门店',
}

/** 统一社会信用代码 shown on public pages: the registration authority and the check char stay visible. */
export function maskCreditCode(code: string): string {
  return code.length === 18 ? `${code.slice(0, 6)}********${code.slice(14)}` : code
}
