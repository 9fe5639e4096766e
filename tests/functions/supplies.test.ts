import ExcelJS from 'exceljs'
import { clock } from '../../cloudfunctions/_lib/clock'
import type { FigureListView, LedgerFile } from '../../shared/stats'
import { DEMO, TestCloud } from '../helpers/cloud'
import { creditCode } from '../helpers/world'

/**
 * 防疫物资 and 健康证 through the real SDK against the local cloud: stock received and handed out (never below
 * zero, also when twenty hand-outs race for it), receipt confirmed by the owner, help with buying, the movement
 * ledger and its Excel workbook, the dashboard figures against their lists; certificates uploaded, verified,
 * listed for the shop, and warned of 30 and 7 days before expiry by the timer, once each.
 */

jest.setTimeout(120_000)

let cloud: TestCloud
let admin: string
let gridWorker: string
let owner: string
let employee: string
let enterpriseId: string
const realNow = clock.now
let seq = 0
const rid = () => `supplies-test-${++seq}-req`
const at = (t: string) => Date.parse(`${t}+08:00`)
/** The home page's to-do with `key` for the person behind `token`, if any. */
const todo = async (token: string, key: string) =>
  (
    await cloud.ok<{ items: { key: string; title: string; url: string }[] }>(token, 'account', {
      action: 'todos',
    })
  ).items.find((t) => t.key === key)

async function inbox(token: string): Promise<{ title: string; body: string }[]> {
  const r = await cloud.ok<{ items: { title: string; body: string }[] }>(token, 'account', {
    action: 'inbox',
    pageSize: 50,
  })
  return r.items
}

beforeAll(async () => {
  cloud = await TestCloud.start()
  admin = await cloud.login(DEMO.admin)
  gridWorker = await cloud.login(DEMO.gridWorker)
  owner = await cloud.login(DEMO.owner)
  employee = await cloud.login(DEMO.employee)
  const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(owner, 'application', {
    action: 'registerEnterprise',
    name: '幸福里便利店',
    creditCode: creditCode(),
    kind: 'shop',
    industry: '零售',
    address: '幸福路8号',
    communityId: 'community-xingfu',
    gridId: 'grid-xingfu-1',
    legalRepresentative: '孙丽',
    contactName: '孙丽',
    contactPhone: '13800000041',
  })
  enterpriseId = enterprise._id
})
afterAll(async () => {
  clock.now = realNow
  await cloud.stop()
})

const stockOf = async (kind: string) => {
  const { items } = await cloud.ok<{ items: { kind: string; quantity: number }[] }>(admin, 'supplies', {
    action: 'stock',
  })
  return items.find((i) => i.kind === kind)!.quantity
}

describe('supplies', () => {
  it('receive adds to the stock, with the balance on the movement and an audit entry', async () => {
    expect(await stockOf('mask')).toBe(0)
    const r = await cloud.ok<{ movement: { balance: number; type: string } }>(admin, 'supplies', {
      action: 'receive',
      kind: 'mask',
      quantity: 100,
      source: 'donation',
      note: '爱心企业捐赠',
      requestId: rid(),
    })
    expect(r.movement).toMatchObject({ type: 'receive', balance: 100 })
    expect(await stockOf('mask')).toBe(100)
    const { data } = await cloud
      .sdk()
      .database()
      .collection('audit_logs')
      .where({ action: 'supplies.receive' })
      .get()
    expect(data).toHaveLength(1)
    // Only the street's admin receives stock.
    const refused = await cloud.call(gridWorker, 'supplies', {
      action: 'receive',
      kind: 'mask',
      quantity: 1,
      source: 'purchase',
    })
    expect(refused.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
  })

  it('20 hand-outs of 10 at once from a stock of 100: ten go out, ten are refused, the stock is exactly 0', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        cloud.call<{ movement: { balance: number } }>(gridWorker, 'supplies', {
          action: 'handOut',
          enterpriseId,
          kind: 'mask',
          quantity: 10,
          requestId: rid(),
        }),
      ),
    )
    const ok = replies.filter((r) => r.body.ok)
    const refused = replies.filter((r) => !r.body.ok)
    expect(ok).toHaveLength(10)
    expect(refused.map((r) => (r.body as { code: string }).code)).toEqual(Array(10).fill('STOCK_SHORT'))
    expect((refused[0]!.body as { message: string }).message).toContain('库存不足')
    expect(await stockOf('mask')).toBe(0)
    // Each hand-out left the balance it saw: 90, 80, … 0, each once.
    const balances = ok.map(
      (r) => (r.body as { data: { movement: { balance: number } } }).data.movement.balance,
    )
    expect(balances.sort((a, b) => a - b)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    const { total } = await cloud
      .sdk()
      .database()
      .collection('supply_movements')
      .where({ type: 'handOut', enterpriseId })
      .count()
    expect(total).toBe(10)
  })

  it('a hand-out beyond the stock writes nothing; a grid worker cannot hand out outside the grid', async () => {
    const before = await cloud.sdk().database().collection('supply_movements').count()
    const r = await cloud.call(gridWorker, 'supplies', {
      action: 'handOut',
      enterpriseId,
      kind: 'goggles',
      quantity: 1,
    })
    expect(r.body).toMatchObject({ ok: false, code: 'STOCK_SHORT' })
    expect((await cloud.sdk().database().collection('supply_movements').count()).total).toBe(before.total)
    const bad = await cloud.call(gridWorker, 'supplies', {
      action: 'handOut',
      enterpriseId,
      kind: 'mask',
      quantity: 0,
    })
    expect(bad.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  it("the hand-out picker finds enterprises by a part of the name, only in the caller's scope", async () => {
    await cloud.ok(owner, 'application', {
      action: 'registerEnterprise',
      name: '和平路便利店(二店)',
      creditCode: creditCode(),
      kind: 'shop',
      industry: '零售',
      address: '和平路3号',
      communityId: 'community-heping',
      gridId: 'grid-heping-1',
      legalRepresentative: '孙丽',
      contactName: '孙丽',
      contactPhone: '13800000041',
    })
    const find = async (token: string, search?: string) =>
      (
        await cloud.ok<{ items: { _id: string; name: string }[]; total: number }>(token, 'supplies', {
          action: 'enterprises',
          ...(search === undefined ? {} : { search }),
        })
      ).items.map((e) => e.name)
    // The grid worker's grid holds 幸福里便利店 only; the street admin finds both, sorted by name.
    expect(await find(gridWorker, '便利')).toEqual(['幸福里便利店'])
    expect(await find(gridWorker)).toEqual(['幸福里便利店'])
    expect(await find(admin, '便利店')).toEqual(['和平路便利店(二店)', '幸福里便利店'].sort())
    // What is typed is looked for as it is: brackets and dots are not patterns.
    expect(await find(admin, '(二店)')).toEqual(['和平路便利店(二店)'])
    expect(await find(admin, '.*')).toEqual([])
    const refused = await cloud.call(owner, 'supplies', { action: 'enterprises', search: '便利' })
    expect(refused.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
  })

  it('the owner is told, sees the hand-out and confirms receipt once; a hand-out signed on the spot is confirmed', async () => {
    await cloud.ok(admin, 'supplies', {
      action: 'receive',
      kind: 'thermometer',
      quantity: 5,
      source: 'purchase',
    })
    const { movement } = await cloud.ok<{ movement: { _id: string; status: string } }>(
      gridWorker,
      'supplies',
      {
        action: 'handOut',
        enterpriseId,
        kind: 'thermometer',
        quantity: 2,
      },
    )
    expect(movement.status).toBe('handed')
    expect(
      (await inbox(owner)).some(
        (m) => m.title === '街道发放了防疫物资' && m.body.includes('测温枪/测温仪 2支'),
      ),
    ).toBe(true)
    const mine = await cloud.ok<{
      items: { _id: string; status: string; balance?: number }[]
      total: number
    }>(owner, 'supplies', { action: 'handOuts', pending: true })
    expect(mine.items.map((i) => i._id)).toContain(movement._id)
    // The street's balance is not the owner's business.
    expect(mine.items.every((i) => i.balance === undefined)).toBe(true)
    // The home page asks the owner to confirm exactly what the list shows as 待确认.
    expect(await todo(owner, 'supplies-receipt')).toMatchObject({
      title: `待确认收到物资 ${mine.total} 批`,
      url: '/pages/supplies/stock',
    })
    const confirmed = await cloud.ok<{ movement: { status: string; confirmedByName: string } }>(
      owner,
      'supplies',
      {
        action: 'confirmReceipt',
        handOutId: movement._id,
      },
    )
    expect(confirmed.movement).toMatchObject({ status: 'confirmed', confirmedByName: '孙丽' })
    expect((await todo(owner, 'supplies-receipt'))?.title).toBe(
      mine.total > 1 ? `待确认收到物资 ${mine.total - 1} 批` : undefined,
    )
    const again = await cloud.call(owner, 'supplies', { action: 'confirmReceipt', handOutId: movement._id })
    expect(again.body).toMatchObject({ ok: false, code: 'CONFLICT', message: '这批物资已经确认收到了' })
    // Someone else's hand-out: refused.
    const other = await cloud.call(employee, 'supplies', {
      action: 'confirmReceipt',
      handOutId: movement._id,
    })
    expect(other.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    const signed = await cloud.ok<{ movement: { status: string; signedBy: string } }>(
      gridWorker,
      'supplies',
      {
        action: 'handOut',
        enterpriseId,
        kind: 'thermometer',
        quantity: 3,
        signedBy: '孙丽',
      },
    )
    expect(signed.movement).toMatchObject({ status: 'confirmed', signedBy: '孙丽' })
    expect(await stockOf('thermometer')).toBe(0)
  })

  it('an enterprise asks for help buying; the grid worker is told, records the purchase once, the owner is told', async () => {
    const { purchase } = await cloud.ok<{ purchase: { _id: string; status: string } }>(owner, 'supplies', {
      action: 'requestPurchase',
      enterpriseId,
      kind: 'antigenKit',
      quantity: 500,
      note: '复工前全员检测',
      requestId: rid(),
    })
    expect(purchase.status).toBe('open')
    expect((await inbox(gridWorker)).some((m) => m.title === '企业申请协助采购防疫物资')).toBe(true)
    const list = await cloud.ok<{ items: { _id: string }[] }>(gridWorker, 'supplies', {
      action: 'purchases',
      status: 'open',
    })
    expect(list.items.map((p) => p._id)).toContain(purchase._id)
    const done = await cloud.ok<{ purchase: { status: string; procuredQuantity: number } }>(
      gridWorker,
      'supplies',
      {
        action: 'recordPurchase',
        purchaseId: purchase._id,
        quantity: 480,
        note: '已联系供应商送达',
      },
    )
    expect(done.purchase).toMatchObject({ status: 'procured', procuredQuantity: 480 })
    const twice = await cloud.call(admin, 'supplies', {
      action: 'recordPurchase',
      purchaseId: purchase._id,
      quantity: 1,
    })
    expect(twice.body).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '这条采购申请已经登记过采购结果',
    })
    expect((await inbox(owner)).some((m) => m.title === '协助采购的防疫物资已办好')).toBe(true)
    // Another owner's enterprise: refused.
    const other = await cloud.call(employee, 'supplies', {
      action: 'requestPurchase',
      enterpriseId,
      kind: 'mask',
      quantity: 1,
    })
    expect(other.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
  })

  it('the ledger lists every movement; the Excel 防疫物资台账 has every one, with the balance after each', async () => {
    const { data: all } = await cloud.sdk().database().collection('supply_movements').limit(1000).get()
    const l = await cloud.ok<{ items: { _id: string }[]; total: number }>(admin, 'supplies', {
      action: 'ledger',
      pageSize: 50,
    })
    expect(l.total).toBe(all.length)
    expect(new Set(l.items.map((i) => i._id))).toEqual(new Set(all.map((m: { _id: string }) => m._id)))
    const file = await cloud.ok<LedgerFile>(admin, 'stats', { action: 'exportLedger', kind: 'supplies' })
    expect(file.fileName).toContain('防疫物资台账')
    const res = await fetch(file.url)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('出入库明细')!
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(
      expect.arrayContaining(['时间', '类型', '物资', '数量', '结存', '领用企业', '状态']),
    )
    const col = (name: string) => header.indexOf(name) + 1
    const rows = Array.from({ length: ws.rowCount - 1 }, (_x, i) => ws.getRow(i + 2))
    expect(rows).toHaveLength(all.length)
    expect(file.sheets).toEqual([{ name: '出入库明细', rows: all.length }])
    // In and out add up to what is on hand, kind by kind.
    const net = new Map<string, number>()
    for (const r of rows) {
      const kind = String(r.getCell(col('物资')).value)
      net.set(kind, (net.get(kind) ?? 0) + Number(r.getCell(col('数量')).value))
    }
    expect(net.get('口罩')).toBe(await stockOf('mask'))
    expect(net.get('测温枪/测温仪')).toBe(await stockOf('thermometer'))
    expect(rows.filter((r) => r.getCell(col('类型')).value === '发放')).toHaveLength(12)
    expect(rows.some((r) => r.getCell(col('领用企业')).value === '幸福里便利店')).toBe(true)
  })

  it('the dashboard figures equal their lists: handed out by kind, enterprises served, procured for enterprises', async () => {
    const d = await cloud.ok<{ figures: Record<string, number> }>(admin, 'stats', { action: 'dashboard' })
    expect(d.figures).toMatchObject({
      'handOuts.mask': 100,
      'handOuts.thermometer': 5,
      'handOuts.enterprises': 1,
      'purchases.procured': 1,
      'purchases.open': 0,
    })
    const list = (figure: string) =>
      cloud.ok<FigureListView>(admin, 'stats', { action: 'list', figure, pageSize: 50 })
    for (const kind of ['mask', 'thermometer', 'goggles']) {
      const l = await list(`handOuts.${kind}`)
      const sum = (l.items as unknown as { quantity: number }[]).reduce((n, r) => n + r.quantity, 0)
      expect([kind, sum]).toEqual([kind, d.figures[`handOuts.${kind}`]])
    }
    const served = await list('handOuts.enterprises')
    expect(served.total).toBe(d.figures['handOuts.enterprises'])
    expect(served.items.map((r) => (r as unknown as { enterpriseName: string }).enterpriseName)).toEqual([
      '幸福里便利店',
    ])
    const procured = await list('purchases.procured')
    expect([procured.kind, procured.total]).toEqual(['purchase', d.figures['purchases.procured']])
    // The grid worker's grid holds the enterprise; another grid holds nothing.
    const grid = await cloud.ok<{ figures: Record<string, number> }>(admin, 'stats', {
      action: 'dashboard',
      scope: { streetId: 'street-demo', gridId: 'grid-heping-1' },
    })
    expect(grid.figures['handOuts.mask']).toBe(0)
  })
})

describe('health certificates', () => {
  let certificateId: string
  const upload = (token: string, expiresOn: string, requestId = rid()) =>
    cloud.call<{ certificate: { _id: string; standing: string; mayWork: boolean } }>(token, 'certificate', {
      action: 'upload',
      enterpriseId,
      photo: 'cloud://reopen-local.emulator/certificates/sun.jpg',
      number: 'JKZ2026000123',
      authority: '区疾病预防控制中心',
      expiresOn,
      requestId,
    })

  it('the owner uploads; the staff list says she may not work until the grid worker verifies it', async () => {
    clock.now = () => at('2026-03-01T10:00:00')
    const r = await upload(owner, '2026-04-15')
    expect(r.body.ok).toBe(true)
    const cert = (r.body as { data: { certificate: { _id: string; standing: string; mayWork: boolean } } })
      .data.certificate
    certificateId = cert._id
    expect(cert).toMatchObject({ standing: 'pending', mayWork: false })
    expect((await inbox(gridWorker)).some((m) => m.title === '有新的健康证待核验')).toBe(true)
    const staff = await cloud.ok<{ items: { name: string; standing: string; mayWork: boolean }[] }>(
      owner,
      'certificate',
      { action: 'staff', enterpriseId },
    )
    expect(staff.items).toEqual([
      expect.objectContaining({ name: '孙丽', standing: 'pending', mayWork: false }),
    ])
    const pending = await cloud.ok<{ items: { _id: string }[] }>(gridWorker, 'certificate', {
      action: 'pending',
    })
    expect(pending.items.map((c) => c._id)).toContain(certificateId)
    expect(await todo(gridWorker, 'certificates')).toMatchObject({
      title: `待核验健康证 ${pending.items.length} 张`,
      url: '/pages/application/certificate-staff',
    })
    const ok = await cloud.ok<{ certificate: { standing: string; mayWork: boolean } }>(
      gridWorker,
      'certificate',
      {
        action: 'verify',
        certificateId,
        approve: true,
      },
    )
    expect(ok.certificate).toMatchObject({ standing: 'valid', mayWork: true })
    expect(await todo(gridWorker, 'certificates')).toBeUndefined()
    const twice = await cloud.call(gridWorker, 'certificate', {
      action: 'verify',
      certificateId,
      approve: true,
    })
    expect(twice.body).toMatchObject({ ok: false, code: 'CONFLICT' })
    const after = await cloud.ok<{ items: { mayWork: boolean }[]; mayWork: number }>(
      gridWorker,
      'certificate',
      {
        action: 'staff',
        enterpriseId,
      },
    )
    expect(after.mayWork).toBe(1)
  })

  it('refuses an expired certificate, and someone who does not work for the shop', async () => {
    const expired = await upload(owner, '2026-02-28')
    expect(expired.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const stranger = await upload(employee, '2026-12-31')
    expect(stranger.body).toMatchObject({ ok: false, code: 'FORBIDDEN_SCOPE' })
  })

  it('the timer warns the owner and the grid worker 30 and 7 days before expiry, once each (Shanghai days)', async () => {
    const count = async (token: string) => (await inbox(token)).filter((m) => m.title.endsWith('到期')).length
    const warnings = async () => [await count(owner), await count(gridWorker)]
    // 2026-04-15 expires: 31 days before, nothing; the 30th day before at 09:00 Shanghai, once.
    expect(await cloud.timer('certificateScan', new Date(at('2026-03-15T09:00:00')))).toEqual({ warned: 0 })
    expect(await warnings()).toEqual([0, 0])
    expect(await cloud.timer('certificateScan', new Date(at('2026-03-16T09:00:00')))).toEqual({ warned: 1 })
    expect(await warnings()).toEqual([1, 1])
    expect(await cloud.timer('certificateScan', new Date(at('2026-03-17T09:00:00')))).toEqual({ warned: 0 })
    // 2026-04-07 23:59 Shanghai is still 8 days before; 04-08 00:00 is 7 days before (UTC says 04-07).
    expect(await cloud.timer('certificateScan', new Date(at('2026-04-07T23:59:00')))).toEqual({ warned: 0 })
    expect(await cloud.timer('certificateScan', new Date(at('2026-04-08T00:00:00')))).toEqual({ warned: 1 })
    expect(await cloud.timer('certificateScan', new Date(at('2026-04-09T09:00:00')))).toEqual({ warned: 0 })
    expect(await warnings()).toEqual([2, 2])
    const titles = (await inbox(owner)).filter((m) => m.title.endsWith('到期')).map((m) => m.title)
    expect(titles.sort()).toEqual(['健康证30天内到期', '健康证7天内到期'])
    // After expiry the staff list says she may not work.
    clock.now = () => at('2026-04-16T00:00:00')
    const staff = await cloud.ok<{ items: { standing: string; mayWork: boolean }[] }>(owner, 'certificate', {
      action: 'staff',
      enterpriseId,
    })
    expect(staff.items[0]).toMatchObject({ standing: 'expired', mayWork: false })
    clock.now = realNow
  })
})
