import tcb from '@cloudbase/node-sdk'
import { creditCodeCheckChar } from '../shared/checksums'
import { DISTRICT_SCOPE, type Department, type Role, type Scope } from '../shared/roles'
import type { AuthStore } from './gateway/auth'

/** The demo street every fresh install starts with. Listed in the README; password for all: Demo1234. */
export const DEMO_PASSWORD = 'Demo1234'

const STREET = { _id: 'street-demo', name: '东湖街道' }
const COMMUNITIES = [
  { _id: 'community-xingfu', streetId: STREET._id, name: '幸福里社区', order: 1 },
  { _id: 'community-heping', streetId: STREET._id, name: '和平社区', order: 2 },
]
const GRIDS = [
  {
    _id: 'grid-xingfu-1',
    streetId: STREET._id,
    communityId: 'community-xingfu',
    name: '幸福里第一网格',
    order: 1,
  },
  {
    _id: 'grid-xingfu-2',
    streetId: STREET._id,
    communityId: 'community-xingfu',
    name: '幸福里第二网格',
    order: 2,
  },
  {
    _id: 'grid-heping-1',
    streetId: STREET._id,
    communityId: 'community-heping',
    name: '和平第一网格',
    order: 3,
  },
  {
    _id: 'grid-heping-2',
    streetId: STREET._id,
    communityId: 'community-heping',
    name: '和平第二网格',
    order: 4,
  },
]

const streetScope: Scope = { streetId: STREET._id }
const gridScope: Scope = { streetId: STREET._id, communityId: 'community-xingfu', gridId: 'grid-xingfu-1' }

export const DEMO_ACCOUNTS: {
  key: string
  phone: string
  name: string
  role: Role
  department?: Department
  scope: Scope
}[] = [
  { key: 'admin', phone: '13800000001', name: '张伟', role: 'admin', scope: streetScope },
  {
    key: 'reviewer-economy',
    phone: '13800000011',
    name: '李娜',
    role: 'reviewer',
    department: 'economy',
    scope: streetScope,
  },
  {
    key: 'reviewer-safety',
    phone: '13800000012',
    name: '王强',
    role: 'reviewer',
    department: 'safety',
    scope: streetScope,
  },
  {
    key: 'reviewer-epidemic',
    phone: '13800000013',
    name: '刘洋',
    role: 'reviewer',
    department: 'epidemic',
    scope: streetScope,
  },
  { key: 'grid-worker', phone: '13800000021', name: '陈静', role: 'gridWorker', scope: gridScope },
  { key: 'butler', phone: '13800000031', name: '赵磊', role: 'butler', scope: gridScope },
  { key: 'owner', phone: '13800000041', name: '孙丽', role: 'owner', scope: streetScope },
  { key: 'employee', phone: '13800000051', name: '周杰', role: 'employee', scope: streetScope },
  { key: 'resident', phone: '13800000061', name: '吴芳', role: 'resident', scope: streetScope },
  // The first district admin (区防控指挥部): no street's admin may make one, so the district's own comes with the
  // setup; further district staff are added the same way by whoever runs the district's installation.
  { key: 'district', phone: '13800000091', name: '钱敏', role: 'district', scope: DISTRICT_SCOPE },
]

/**
 * Seeds the demo street through the same SDK the functions use. Idempotent: every record has a fixed id
 * and is only added when missing, so restarts (or a crash half-way) never duplicate or overwrite anything.
 */
export async function seedDemo(auth: AuthStore): Promise<{ created: number }> {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  const db = app.database()
  let created = 0
  const addIfMissing = async (collection: string, doc: { _id: string } & Record<string, unknown>) => {
    const { data } = await db.collection(collection).doc(doc._id).get()
    if (data.length) return
    await db.collection(collection).add(doc)
    created++
  }
  const now = Date.now()
  await addIfMissing('streets', { ...STREET, createdAt: now })
  for (const c of COMMUNITIES) await addIfMissing('communities', { ...c, createdAt: now })
  for (const g of GRIDS) await addIfMissing('grids', { ...g, createdAt: now })
  for (const a of DEMO_ACCOUNTS) {
    const uid = `demo-${a.key}`
    if (!auth.findByPhone(a.phone)) await auth.register(a.phone, DEMO_PASSWORD, a.name, uid)
    const accountId = `account-demo-${a.key}`
    await addIfMissing('accounts', {
      _id: accountId,
      identityKey: `web:${uid}`,
      name: a.name,
      phone: a.phone,
      // Registered at the gateway with this phone: proven, as for anyone who registers on H5.
      phoneProof: 'register',
      role: a.role,
      ...(a.department ? { department: a.department } : {}),
      scope: a.scope,
      disabled: false,
      createdAt: now,
      updatedAt: now,
    })
    await addIfMissing('phones', { _id: a.phone, accountId, via: 'register', at: now })
    await addIfMissing('identities', {
      _id: `web:${uid}`,
      phone: a.phone,
      phoneVia: 'register',
      provenAt: now,
    })
    await addIfMissing('inbox', {
      _id: `inbox-welcome-${a.key}`,
      accountId,
      title: '欢迎使用复工通',
      body: '这是东湖街道的演示环境。您可以用本账号体验对应岗位的全部功能。',
      read: false,
      createdAt: now,
    })
  }
  return { created }
}

// ---------- 防疫物资 and 健康证 demo ----------

/** A valid credit code for a demo enterprise (GB 32100-2015 check character). */
function demoCreditCode(n: number): string {
  for (let i = n; ; i += 100) {
    const first = `91330106MA2${String(i).padStart(6, '0')}`
    const check = creditCodeCheckChar(first)
    if (check) return first + check
  }
}

/**
 * The street's supplies and two of 孙丽's enterprises with what was handed out to them, a purchase request, and
 * 健康证 (one verified and due for renewal, one waiting for the grid worker). Only `npm start` adds these
 * (emulator/main.ts): the tests start from the bare demo street. Idempotent like seedDemo.
 */
export async function seedSupplyDemo(): Promise<{ created: number }> {
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
  let created = 0
  const addIfMissing = async (collection: string, doc: { _id: string } & Record<string, unknown>) => {
    const { data } = await db.collection(collection).doc(doc._id).get()
    if (data.length) return false
    await db.collection(collection).add(doc)
    created++
    return true
  }
  const now = Date.now()
  const DAY = 86_400_000
  const owner = 'account-demo-owner'
  const worker = { id: 'account-demo-grid-worker', name: '陈静' }
  const admin = { id: 'account-demo-admin', name: '张伟' }
  const place = { streetId: STREET._id, communityId: 'community-xingfu', gridId: 'grid-xingfu-1' }
  const shops = [
    { _id: 'ent-demo-shop', name: '幸福里惠民便利店', kind: 'shop', industry: '零售', address: '幸福路18号' },
    { _id: 'ent-demo-noodles', name: '老街坊面馆', kind: 'shop', industry: '餐饮', address: '幸福路26号' },
  ]
  for (const [i, s] of shops.entries())
    await addIfMissing('enterprises', {
      ...s,
      creditCode: demoCreditCode(i + 1),
      ...place,
      legalRepresentative: '孙丽',
      contactName: '孙丽',
      contactPhone: '13800000041',
      ownerId: owner,
      managerIds: [],
      joinCode: i ? 'DMNDLS' : 'DMSHOP',
      openApplicationId: null,
      createdAt: now - (20 + i) * DAY,
      updatedAt: now - (20 + i) * DAY,
    })
  // Movements in time order; each keeps the balance after it, and the stock is what they leave.
  type Move = { id: string; days: number; kind: string; quantity: number; to?: number; source?: string }
  const moves: Move[] = [
    { id: 'sm-demo-1', days: 12, kind: 'mask', quantity: 30000, source: 'donation' },
    { id: 'sm-demo-2', days: 12, kind: 'thermometer', quantity: 320, source: 'purchase' },
    { id: 'sm-demo-3', days: 11, kind: 'goggles', quantity: 750, source: 'donation' },
    { id: 'sm-demo-4', days: 10, kind: 'antigenKit', quantity: 10000, source: 'purchase' },
    { id: 'sm-demo-5', days: 9, kind: 'disinfectant', quantity: 200, source: 'donation' },
    { id: 'sm-demo-6', days: 6, kind: 'mask', quantity: 500, to: 0 },
    { id: 'sm-demo-7', days: 6, kind: 'thermometer', quantity: 2, to: 0 },
    { id: 'sm-demo-8', days: 3, kind: 'antigenKit', quantity: 100, to: 1 },
    { id: 'sm-demo-9', days: 1, kind: 'goggles', quantity: 6, to: 1 },
    { id: 'sm-demo-10', days: 0, kind: 'mask', quantity: 300, to: 1 },
  ]
  const stock = new Map<string, number>()
  for (const m of moves) {
    const balance = (stock.get(m.kind) ?? 0) + (m.to === undefined ? m.quantity : -m.quantity)
    stock.set(m.kind, balance)
    const shop = m.to === undefined ? undefined : shops[m.to]!
    // The last two wait for 孙丽 to confirm them in the app; the others were signed for.
    const waiting = m.days <= 1
    await addIfMissing('supply_movements', {
      _id: m.id,
      type: shop ? 'handOut' : 'receive',
      streetId: STREET._id,
      kind: m.kind,
      quantity: m.quantity,
      balance,
      ...(m.source
        ? { source: m.source, note: m.source === 'donation' ? '爱心企业捐赠' : '街道统一采购' }
        : {}),
      ...(shop
        ? {
            enterpriseId: shop._id,
            enterpriseName: shop.name,
            communityId: place.communityId,
            gridId: place.gridId,
            ownerIds: [owner],
            status: waiting ? 'handed' : 'confirmed',
            ...(waiting ? {} : { signedBy: '孙丽', confirmedAt: now - m.days * DAY }),
          }
        : {}),
      byId: shop ? worker.id : admin.id,
      byName: shop ? worker.name : admin.name,
      at: now - m.days * DAY - (10 - moves.indexOf(m)) * 60_000,
    })
  }
  for (const [kind, quantity] of stock)
    await addIfMissing('supply_stock', {
      _id: `${STREET._id}:${kind}`,
      streetId: STREET._id,
      kind,
      quantity,
      updatedAt: now,
    })
  const purchase = (id: string, shop: number, kind: string, quantity: number, procured?: number) =>
    addIfMissing('supply_purchases', {
      _id: id,
      enterpriseId: shops[shop]!._id,
      enterpriseName: shops[shop]!.name,
      ...place,
      ownerId: owner,
      kind,
      quantity,
      status: procured ? 'procured' : 'open',
      ...(procured
        ? {
            procuredQuantity: procured,
            procuredNote: '已联系供应商送货上门',
            procuredBy: worker.id,
            procuredByName: worker.name,
            procuredAt: now - 2 * DAY,
          }
        : {}),
      createdAt: now - (procured ? 5 : 1) * DAY,
    })
  await purchase('sp-demo-1', 0, 'mask', 2000, 2000)
  await purchase('sp-demo-2', 1, 'disinfectant', 20)
  const ymd = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
  const certificate = (
    id: string,
    accountId: string,
    name: string,
    number: string,
    days: number,
    verified: boolean,
  ) =>
    addIfMissing('health_certificates', {
      _id: id,
      accountId,
      name,
      enterpriseId: shops[0]!._id,
      enterpriseName: shops[0]!.name,
      ...place,
      photo: 'cloud://reopen-local.emulator/demo/health-certificate.png',
      number,
      authority: '东湖区疾病预防控制中心',
      expiresOn: ymd(now + days * DAY),
      status: verified ? 'verified' : 'pending',
      ...(verified ? { verifiedBy: worker.id, verifiedByName: worker.name, verifiedAt: now - 30 * DAY } : {}),
      warned: [],
      uploadedAt: now - (verified ? 31 : 1) * DAY,
    })
  await certificate('hc-demo-sunli', owner, '孙丽', 'JKZ20250318', 20, true)
  await certificate('hc-demo-zhoujie', 'account-demo-employee', '周杰', 'JKZ20261107', 340, false)
  return { created }
}
