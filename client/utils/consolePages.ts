/** Routes of the street's console (dashboard, ledgers, administration): declared in shared/routes.ts. */
export { MANAGE_PAGES, STATS_PAGES } from '../../shared/routes'
