import tcb from '@cloudbase/node-sdk'
import type { Department, Role, Scope } from '../shared/roles'
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
