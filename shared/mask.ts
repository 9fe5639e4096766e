/** Display masks: what staff lists and public pages show instead of the full value. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}

/** An ID number as staff lists show it: the region prefix and the last four digits. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 3)}***********${id.slice(14)}` : id
}
