import { ERRAND_PAGES, pageUrl } from '../../shared/routes'

/** Routes of the errand pages: declared once, with every other route, in shared/routes.ts. */
export { ERRAND_PAGES }

export function errandDetailUrl(id: string): string {
  return pageUrl(ERRAND_PAGES.detail, { id })
}
