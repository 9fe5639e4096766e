/**
 * 防疫物资 and 健康证 in a real browser. The street has 1,000 masks; the grid worker hands 200 to a shop from
 * the stock page (the shop found by typing part of its name, the kind as a chip, the quantity typed); the owner
 * is asked on the home page to confirm and does; the grid worker's list then says it was confirmed. An owner's
 * 健康证 waits on the grid worker's home page; verified there, the shop's staff list says she may work. Shops,
 * stock and the upload come through the API. Serves `dist/h5` (or E2E_STATIC_DIR); builds nothing itself.
 */
import { creditCodeCheckChar } from '../../shared/checksums'
import { DEMO_SHOP } from '../helpers/fixtures'
import { e2eSession, signIn } from './demo'
import {
  fillField,
  onScreen,
  openRoute,
  tap,
  tapButton,
  tapText,
  waitForRoute,
  waitForText,
  type PhonePage,
} from './helpers'

jest.setTimeout(120_000)

const GRID_WORKER = '13800000021'
const OWNER = '13800000041'
const ADMIN = '13800000001'
const SHOP = '幸福里便民超市'

const e2e = e2eSession('e2e-supplies')

async function phoneFor(token: string): Promise<PhonePage> {
  const p = await e2e.phone()
  await signIn(p.context, token)
  return p
}

function creditCode(): string {
  for (let n = Date.now() % 900_000; ; n++) {
    const first = `91330106MA4${String(n).padStart(6, '0')}`
    const check = creditCodeCheckChar(first)
    if (check) return first + check
  }
}

test('the grid worker hands masks out to a shop, and the owner confirms receipt on their phone', async () => {
  const g = e2e.cloud.gateway
  const [admin, worker, owner] = await Promise.all([g.login(ADMIN), g.login(GRID_WORKER), g.login(OWNER)])
  const { enterprise } = await g.call<{ enterprise: { _id: string } }>(owner, 'application', {
    action: 'registerEnterprise',
    ...DEMO_SHOP,
    name: SHOP,
    creditCode: creditCode(),
    address: '幸福路66号',
  })
  await g.call(admin, 'supplies', { action: 'receive', kind: 'mask', quantity: 1000, source: 'donation' })

  // The grid worker: home → 防疫物资 → 发放物资.
  const w = await phoneFor(worker)
  await openRoute(w.page, e2e.cloud.url, '/pages/index/index', '办事服务')
  await tapText(w.page, '防疫物资')
  await waitForRoute(w.page, '/pages/supplies/stock')
  await waitForText(w.page, '街道库存')
  await onScreen(w.page.locator('[data-testid="stock-mask"]', { hasText: '1,000' }))
  await tapButton(w.page, '发放物资')
  await fillField(w.page, '输入企业或门店名称查找', '便民')
  await tap(await onScreen(w.page.locator('[data-testid="enterprise-option"]', { hasText: SHOP })))
  await onScreen(w.page.locator('[data-testid="picked-enterprise"]', { hasText: SHOP }))
  await tap(await onScreen(w.page.locator('[data-testid="kind-mask"]')))
  await fillField(w.page, '请输入整数', '200')
  await tapButton(w.page, '确认发放')
  await onScreen(w.page.locator('[data-testid="stock-mask"]', { hasText: '800' }))
  await onScreen(w.page.locator('[data-testid="hand-out"]', { hasText: '待企业确认' }))

  // The owner: the home page's to-do → 防疫物资 → 确认收到, after a confirmation.
  const o = await phoneFor(owner)
  await openRoute(o.page, e2e.cloud.url, '/pages/index/index', '办事服务')
  await tap(await onScreen(o.page.locator('[data-testid="todo"]', { hasText: '待确认收到物资 1 批' })))
  await waitForRoute(o.page, '/pages/supplies/stock')
  const card = await onScreen(o.page.locator('[data-testid="hand-out"]', { hasText: '口罩 200只' }))
  await waitForText(o.page, '1 次待确认')
  await tap(card.locator('.nut-button', { hasText: '确认收到' }))
  await waitForText(o.page, '请清点无误后再确认')
  await tap(await onScreen(o.page.locator('.nut-dialog-footer-ok'), 15_000, { withinHeight: true }))
  await onScreen(o.page.locator('[data-testid="hand-out"]', { hasText: '已确认收到' }))

  // In the street's records: confirmed by the owner, and the stock is what is left.
  const { items } = await g.call<{
    items: { enterpriseId: string; status: string; confirmedByName: string }[]
  }>(worker, 'supplies', { action: 'handOuts', enterpriseId: enterprise._id })
  expect(items).toEqual([expect.objectContaining({ status: 'confirmed', confirmedByName: '孙丽' })])
  const stock = await g.call<{ items: { kind: string; quantity: number }[] }>(admin, 'supplies', {
    action: 'stock',
  })
  expect(stock.items.find((s) => s.kind === 'mask')!.quantity).toBe(800)

  // The grid worker's list says so too, when the page shows again.
  await w.page.reload()
  await onScreen(w.page.locator('[data-testid="hand-out"]', { hasText: '已确认收到' }))
})

test('the owner sends a 健康证; the grid worker finds it among the to-dos and verifies it; the staff list says 可以上岗', async () => {
  const g = e2e.cloud.gateway
  const [worker, owner] = await Promise.all([g.login(GRID_WORKER), g.login(OWNER)])
  const { enterprise } = await g.call<{ enterprise: { _id: string } }>(owner, 'application', {
    action: 'registerEnterprise',
    ...DEMO_SHOP,
    name: '幸福里健康证面馆',
    creditCode: creditCode(),
    industry: '餐饮',
    address: '幸福路68号',
  })
  const expiresOn = new Date(Date.now() + 8 * 3600_000 + 200 * 86_400_000).toISOString().slice(0, 10)
  await g.call(owner, 'certificate', {
    action: 'upload',
    enterpriseId: enterprise._id,
    photo: 'cloud://reopen-local.emulator/certificates/e2e.jpg',
    number: 'JKZ2026E2E001',
    authority: '区疾病预防控制中心',
    expiresOn,
  })

  const w = await phoneFor(worker)
  await openRoute(w.page, e2e.cloud.url, '/pages/index/index', '办事服务')
  await tap(await onScreen(w.page.locator('[data-testid="todo"]', { hasText: '待核验健康证' })))
  await waitForRoute(w.page, '/pages/application/certificate-staff')
  await waitForText(w.page, 'JKZ2026E2E001')
  await tapButton(w.page, '核验通过')
  await waitForText(w.page, '与原件一致')
  await tap(await onScreen(w.page.locator('.nut-dialog-footer-ok'), 15_000, { withinHeight: true }))
  await waitForText(w.page, '没有待核验的健康证')

  // The owner's staff list of that shop: she may work now.
  const o = await phoneFor(owner)
  await openRoute(
    o.page,
    e2e.cloud.url,
    `/pages/application/certificate-staff?enterpriseId=${enterprise._id}`,
    '可以上岗 1 人',
  )
})
