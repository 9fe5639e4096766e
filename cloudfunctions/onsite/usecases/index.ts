export { board, mine } from './board'
export { closeCase } from './cases'
export { confirm, record } from './checks'
export { setOfficer, setOnSite } from './staff'
