/** Routes of the reopening-application pages: declared once, with every other route, in shared/routes.ts. */
export { APP_PAGES, pageUrl } from '../../shared/routes'
