/**
 * Plain words (shared/words.ts): the words the app retired are nowhere in the built H5 app nor in what the
 * functions answer, and the pages an owner and a resident open say none of them — no demo accounts or README
 * on the login page, no invitation to redeem for people who have none, one name (加入码) for the code that
 * joins an employee to the enterprise. Serves `dist/h5` (or E2E_STATIC_DIR); builds nothing itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { e2eSession, loginWithForm } from './demo'
import { STATIC_DIR, onScreen, openRoute, tapTab, waitForRoute, waitForText } from './helpers'

jest.setTimeout(120_000)

/**
 * 企业码 and 加入码 were two names for one code (加入码 stays); 社区（村居） is 社区; the login page spoke of the
 * project's README and its demo accounts; 邀请码兑换 was offered to everyone at home.
 */
const RETIRED = ['企业码', '村居', 'README', '演示账号', '邀请码兑换']

const OWNER = '13800000041'
const RESIDENT = '13800000061'

const e2e = e2eSession('e2e-words')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

test('the built app and the functions say none of the retired words', () => {
  const root = path.resolve(__dirname, '../..')
  const built = filesUnder(STATIC_DIR).filter((f) => /\.(js|html|css)$/.test(f))
  expect(built.length).toBeGreaterThan(10)
  const sources = ['cloudfunctions', 'shared'].flatMap((d) =>
    filesUnder(path.join(root, d)).filter((f) => /\.ts$/.test(f)),
  )
  // In the sources, what people read (strings), not the comments developers read.
  const uncommented = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
      .join('\n')
  const found = [...built, ...sources].flatMap((file) => {
    const text = built.includes(file) ? readFileSync(file, 'utf8') : uncommented(file)
    return RETIRED.filter((w) => text.includes(w)).map((w) => `${path.relative(root, file)}: ${w}`)
  })
  expect(found).toEqual([])
})

async function pageText(page: Page): Promise<string> {
  return page.locator('body').innerText()
}

test('the login page, and an owner’s and a resident’s home and 我的, say none of them', async () => {
  const { page } = await e2e.phone()
  await page.goto(`${e2e.cloud.url}/#/pages/login/index`)
  await waitForText(page, '街道复工复产')
  for (const word of RETIRED) expect([word, (await pageText(page)).includes(word)]).toEqual([word, false])

  for (const phone of [OWNER, RESIDENT]) {
    const { page: p } = await e2e.phone()
    await loginWithForm(p, e2e.cloud.url, phone)
    await onScreen(p.locator('.home-entry').filter({ hasText: '个人信息' }))
    const home = await pageText(p)
    for (const word of [...RETIRED, '兑换邀请码'])
      expect([phone, word, home.includes(word)]).toEqual([phone, word, false])
    await tapTab(p, '我的')
    await waitForRoute(p, '/pages/profile/index')
    await waitForText(p, '修改资料')
    const mine = await pageText(p)
    for (const word of RETIRED) expect([phone, word, mine.includes(word)]).toEqual([phone, word, false])
    // An owner takes no staff post; a resident may become staff, and finds that under 我的.
    expect([phone, mine.includes('工作人员领取岗位')]).toEqual([phone, phone === RESIDENT])
  }

  // The declaration names the code by its one name, and says what 网格 is.
  const { page: d } = await e2e.phone()
  await loginWithForm(d, e2e.cloud.url, RESIDENT)
  await openRoute(d, e2e.cloud.url, '/pages/health/declare', '请如实填写')
  await waitForText(d, '加入码（选填）')
  await waitForText(d, '网格是社区分成的片区')
})
