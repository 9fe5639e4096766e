import { clock } from '../../cloudfunctions/_lib/clock'
import type { ApplicationDoc, EnterpriseDoc, PlateDoc } from '../../cloudfunctions/application/model'
import type { OnsiteStaffDoc } from '../../cloudfunctions/onsite/model'
import { DEFAULT_RULES } from '../../shared/health'
import { onsiteStaffId } from '../../shared/onsite'
import { allActions, type ActionName, type FunctionName, type Policy } from '../../shared/policy'
import { shanghaiDate, startOfShanghaiDay } from '../../shared/time'
import { TestCloud } from '../helpers/cloud'
import { changedBetween, digest, grownBetween } from '../helpers/digest'
import {
  A,
  PLACES,
  XF,
  accountId,
  buildWorld,
  creditCode,
  idNumber,
  insert,
  newPerson,
  putInQuarantine,
  type World,
} from '../helpers/world'

/**
 * Idempotent creation, for every action the policy marks `creates`: the same caller, action and requestId
 * sent 20 times at once — a double tap, a flaky network, the offline queue replaying — make what one call
 * makes, and every call answers the same; a retry after that writes nothing at all.
 */

jest.setTimeout(120_000)

let cloud: TestCloud
let world: World
const realNow = clock.now

/** Every create action of the policy, as `fn.action`: the compiler insists on a race for each. */
type CreateKey = {
  [F in FunctionName]: {
    [A in ActionName<F>]: Policy[F][A] extends { creates: true } ? `${F}.${A}` : never
  }[ActionName<F>]
}[FunctionName]

/** The k-th independent run of a create: who calls, and what (the requestId is added). */
type Prepare = (k: number) => Promise<{ token: string; input: Record<string, unknown> }>

let seq = 0
const fresh = (prefix: string) => `${prefix}${++seq}`
const phone = () => `135${String(++seq).padStart(8, '0')}`
const token = (who: keyof World['people']) => world.people[who].token!

async function reopenedApplication(): Promise<string> {
  const id = fresh('race-ent-')
  const now = Date.now()
  const e: EnterpriseDoc = {
    _id: id,
    name: '回头看企业',
    creditCode: creditCode(),
    kind: 'shop',
    industry: '零售',
    address: '某某路2号',
    ...PLACES.x1,
    legalRepresentative: '法人代表',
    contactName: '联系人员',
    contactPhone: '13955501234',
    ownerId: accountId('owner'),
    managerIds: [],
    joinCode: 'RACEJN',
    openApplicationId: null,
    createdAt: now,
    updatedAt: now,
  }
  await insert(cloud, 'enterprises', e)
  const plateId = `plate-${id}-abcdefghijklmnop`
  await insert(cloud, 'applications', {
    _id: `app-${id}`,
    enterpriseId: id,
    enterpriseName: e.name,
    creditCode: e.creditCode,
    kind: 'shop',
    ...PLACES.x1,
    ownerId: e.ownerId,
    status: 'reopened',
    round: 1,
    form: {},
    reviews: {},
    pastRounds: [],
    pendingDepartments: [],
    commitments: {},
    plateId,
    reopenedAt: now,
    createdAt: now,
    updatedAt: now,
    submittedAt: now,
  } satisfies ApplicationDoc)
  await insert(cloud, 'plates', {
    _id: plateId,
    applicationId: `app-${id}`,
    enterpriseId: id,
    streetId: A,
    issuedAt: now,
  } satisfies PlateDoc)
  return `app-${id}`
}

async function quarantinedResident(): Promise<string> {
  const key = fresh('race-q')
  const person = await newPerson(cloud, key, phone(), 'resident', { streetId: A })
  await putInQuarantine(cloud, fresh('race-quarantine-'), person.account!._id, PLACES.x1)
  return person.token
}

const { version: _v, ...RULES } = DEFAULT_RULES

const RACES: Record<CreateKey, Prepare> = {
  'account.setup': async () => {
    const p = phone()
    const { token } = await newPerson(cloud, fresh('race-new'), p, null, { streetId: A })
    return { token, input: { name: '新来的人', phone: p, role: 'resident', streetId: A } }
  },
  'account.redeemInvite': async () => {
    const code = `RACE${String(++seq)
      .padStart(4, '0')
      .replace(/\d/g, (d) => 'ABCDEFGHJK'[Number(d)]!)}`
    const now = Date.now()
    await insert(cloud, 'invites', {
      _id: code,
      code,
      role: 'butler',
      scope: PLACES.x1,
      status: 'unused',
      createdBy: accountId('streetAdmin'),
      createdAt: now,
      expiresAt: now + 3600_000,
    })
    const { token } = await newPerson(cloud, fresh('race-staff'), phone(), 'resident', { streetId: A })
    return { token, input: { code } }
  },
  'account.createInvite': async () => ({
    token: token('streetAdmin'),
    input: { role: 'butler', scope: PLACES.x1 },
  }),
  'admin.createCommunity': async () => ({ token: token('streetAdmin'), input: { name: fresh('新社区') } }),
  'admin.createStreet': async () => ({ token: token('district'), input: { name: fresh('新街道') } }),
  'admin.createApiKey': async () => ({ token: token('streetAdmin'), input: { label: fresh('区级系统') } }),
  'admin.createGrid': async () => ({
    token: token('streetAdmin'),
    input: { communityId: XF, name: fresh('新网格') },
  }),
  'application.registerEnterprise': async () => ({
    token: token('owner'),
    input: {
      name: '新登记企业',
      creditCode: creditCode(),
      kind: 'shop',
      industry: '零售',
      address: '某某路1号',
      communityId: XF,
      gridId: PLACES.x1.gridId,
      legalRepresentative: '法人代表',
      contactName: '联系人员',
      contactPhone: '13955501234',
    },
  }),
  'application.saveDraft': async () => {
    const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(token('owner'), 'application', {
      ...(await RACES['application.registerEnterprise'](0)).input,
      action: 'registerEnterprise',
    })
    return { token: token('owner'), input: { enterpriseId: enterprise._id, form: { staffTotal: 8 } } }
  },
  'application.inspect': async () => ({
    token: token('economy'),
    input: {
      applicationId: await reopenedApplication(),
      disinfectionRecords: true,
      suppliesOk: true,
      staffHealthRecords: true,
      trajectoryChecked: true,
      findings: '需要整改消毒记录',
      result: 'rectify',
      rectifyDeadline: shanghaiDate(Date.now() + 7 * 86_400_000),
    },
  }),
  'application.reportDifficulty': async () => ({
    token: token('owner'),
    input: { enterpriseId: 'ent-x-rev', kind: 'funding', text: '资金周转困难，希望协调贷款' },
  }),
  'errand.create': async () => ({
    token: await quarantinedResident(),
    input: { category: 'groceries', items: [{ name: '鸡蛋', quantity: 2 }], budgetFen: 3000 },
  }),
  'errand.markNeedsHelp': async () => {
    const p = phone()
    await newPerson(cloud, fresh('race-hh'), p, 'resident', { streetId: A })
    return { token: token('gridWorker'), input: { phone: p, building: '2', room: '202', reason: 'elderly' } }
  },
  'health.declare': async () => {
    const p = phone()
    const { token } = await newPerson(cloud, fresh('race-d'), p, 'resident', { streetId: A })
    return {
      token,
      input: {
        name: '申报人员',
        idNumber: idNumber(),
        phone: p,
        communityId: XF,
        gridId: PLACES.x1.gridId,
        building: '6',
        room: '601',
        fromProvince: '湖北省',
        fromCity: '武汉市',
        arrivalDate: world.today,
        contactWithCases: false,
      },
    }
  },
  'health.report': async () => ({ token: await quarantinedResident(), input: { temperature: 37.8 } }),
  'health.recordFor': async () => {
    const key = fresh('race-r')
    const person = await newPerson(cloud, key, phone(), 'resident', { streetId: A })
    const quarantineId = fresh('race-rq-')
    await putInQuarantine(cloud, quarantineId, person.account!._id, PLACES.x1)
    return { token: token('butler'), input: { quarantineId, temperature: 36.6 } }
  },
  // A kind the street never had, each run: the first receipt of a kind also makes its stock document.
  'supplies.receive': async (k) => ({
    token: token('streetAdmin'),
    input: { kind: k ? 'disinfectant' : 'gloves', quantity: 5, source: 'donation' },
  }),
  'supplies.handOut': async () => ({
    token: token('gridWorker'),
    input: { enterpriseId: 'ent-x-rev', kind: 'mask', quantity: 3 },
  }),
  'supplies.requestPurchase': async () => ({
    token: token('owner'),
    input: { enterpriseId: 'ent-x-rev', kind: 'antigenKit', quantity: 200 },
  }),
  'certificate.upload': async () => ({
    token: token('owner'),
    input: {
      enterpriseId: 'ent-x-rev',
      photo: 'cloud://reopen-local.emulator/certificates/race.jpg',
      number: 'JKZ20241234',
      authority: '区疾病预防控制中心',
      expiresOn: '2099-12-31',
    },
  }),
  'onsite.record': async () => {
    const person = await newPerson(cloud, fresh('race-o'), phone(), 'employee', { streetId: A })
    const accountId = person.account!._id
    await insert(cloud, 'onsite_staff', {
      _id: onsiteStaffId('ent-x-reo', accountId),
      enterpriseId: 'ent-x-reo',
      ...PLACES.x1,
      accountId,
      name: '在岗职工',
      onSite: true,
      onSiteSince: 0,
      stopped: false,
      stoppedCaseId: null,
      updatedAt: 0,
    } satisfies OnsiteStaffDoc)
    return {
      token: person.token,
      input: { enterpriseId: 'ent-x-reo', temperature: 36.6, antigen: 'negative', pcrSampled: true },
    }
  },
  'health.setRules': async (k) => ({
    token: token('streetAdmin'),
    input: { ...RULES, feverThreshold: 37.3 + k / 10 },
  }),
}

/** Second callers of a create action whose path differs: the district's invitations (区级邀请). */
const VARIANTS: [label: string, key: CreateKey, prepare: Prepare][] = [
  [
    'account.createInvite by the district',
    'account.createInvite',
    async () => ({ token: token('district'), input: { role: 'admin', scope: { streetId: A } } }),
  ],
]

/** An answer without its `repeated` flag, which says whether this call was the one that did it. */
const answer = (body: unknown) => {
  const b = body as { ok: boolean; data?: Record<string, unknown>; code?: string }
  if (!b.ok || !b.data) return b
  const { repeated: _r, ...data } = b.data
  return { ok: true, data }
}

beforeAll(async () => {
  cloud = await TestCloud.start()
  world = await buildWorld(cloud)
  // 10:00 in Shanghai today: the morning report slot is open.
  clock.now = () => startOfShanghaiDay(world.today) + 10 * 3600_000
})
afterAll(async () => {
  clock.now = realNow
  await cloud.stop()
})

it('covers every create action of the policy', () => {
  const creates = allActions()
    .filter((a) => a.row.creates)
    .map((a) => `${a.fn}.${a.action}`)
  expect(Object.keys(RACES).sort()).toEqual(creates.sort())
  // Every create action takes a requestId.
  for (const { fn, action } of allActions().filter((a) => a.row.creates)) {
    const { actions } = require(`../../cloudfunctions/${fn}/actions`) as {
      actions: Record<string, { input: { safeParse: (v: unknown) => { success: boolean; error?: unknown } } }>
    }
    const bad = actions[action]!.input.safeParse({ requestId: 'x' })
    expect([fn, action, JSON.stringify(bad.error).includes('requestId')]).toEqual([fn, action, true])
  }
})

const creates = allActions().filter((a) => a.row.creates)

describe.each([
  ...creates.map(
    (c) => [`${c.fn}.${c.action}`, c.fn, c.action, RACES[`${c.fn}.${c.action}` as CreateKey]] as const,
  ),
  ...VARIANTS.map(
    ([label, key, prepare]) => [label, ...(key.split('.') as [string, string]), prepare] as const,
  ),
])('%s, 20 at once with one requestId', (_label, fn, action, prepare) => {
  it('makes what one call makes, answers the same every time, and a retry writes nothing', async () => {
    const call = (t: string, input: Record<string, unknown>, requestId: string) =>
      cloud.call(t, fn, { action, ...input, requestId })

    // One call alone: what a create of this kind writes.
    const one = await prepare(0)
    const d0 = digest(cloud.dataDir)
    const single = await call(one.token, one.input, fresh('race-one-'))
    expect(single.body).toMatchObject({ ok: true })
    const wrote = grownBetween(d0, digest(cloud.dataDir))

    // The same, tapped twenty times at once.
    const twenty = await prepare(1)
    const requestId = fresh('race-twenty-')
    const d1 = digest(cloud.dataDir)
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => call(twenty.token, twenty.input, requestId)),
    )
    const d2 = digest(cloud.dataDir)
    const first = answer(replies[0]!.body)
    expect(first).toMatchObject({ ok: true })
    for (const r of replies) expect(answer(r.body)).toEqual(first)
    expect(grownBetween(d1, d2)).toEqual(wrote)

    // And once more, later: the first answer again, and not a byte written.
    const again = await call(twenty.token, twenty.input, requestId)
    expect(answer(again.body)).toEqual(first)
    expect(changedBetween(d2, digest(cloud.dataDir))).toEqual([])
  })
})
