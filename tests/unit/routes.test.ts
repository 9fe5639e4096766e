import {
  APP_PAGES,
  ERRAND_PAGES,
  HEALTH_PAGES,
  MANAGE_PAGES,
  ONSITE_PAGES,
  PAGES,
  STATS_PAGES,
  SUPPLY_PAGES,
  pageUrl,
} from '../../shared/routes'

interface AppConfig {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
  tabBar: { list: { pagePath: string }[] }
}

/** The pages Taro builds: client/app.config.ts, read as the build reads it. */
function declaredPages(): Set<string> {
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }
  g.defineAppConfig = (c) => c
  const config = (require('../../client/app.config') as { default: AppConfig }).default
  delete g.defineAppConfig
  return new Set([
    ...config.pages.map((p) => `/${p}`),
    ...config.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`)),
  ])
}

describe('routes', () => {
  const all = [
    PAGES,
    HEALTH_PAGES,
    APP_PAGES,
    ERRAND_PAGES,
    STATS_PAGES,
    MANAGE_PAGES,
    SUPPLY_PAGES,
    ONSITE_PAGES,
  ].flatMap((group) => Object.values(group))

  it('every route the client opens or a notice links to is a page of the app', () => {
    const pages = declaredPages()
    expect(all.filter((path) => !pages.has(path))).toEqual([])
  })

  it('every page of the app has its route', () => {
    expect([...declaredPages()].filter((page) => !all.includes(page as (typeof all)[number]))).toEqual([])
  })

  it('a link carries its query encoded and leaves out empty values', () => {
    expect(pageUrl(ERRAND_PAGES.detail, { id: 'a1-b_2' })).toBe('/pages/errand/detail?id=a1-b_2')
    expect(pageUrl(STATS_PAGES.list, { figure: 'a b', scope: undefined, from: '' })).toBe(
      '/pages/stats/list?figure=a%20b',
    )
    expect(pageUrl(PAGES.home)).toBe('/pages/index/index')
  })
})
