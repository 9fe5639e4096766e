import { clock } from '../../cloudfunctions/_lib/clock'
import { idNumberCheckChar } from '../../shared/checksums'
import { DEMO, TestCloud } from '../helpers/cloud'
import { DEMO_SHOP, backFromWuhan } from '../helpers/fixtures'

/**
 * account.todos: each role's home-page to-dos, worked out from the records the real functions make — the
 * quarantine day and next report, the owner's next step through the whole application, reviews waiting,
 * signatures waiting, errands to claim — and moving as those records move.
 */

let cloud: TestCloud
let owner: string
let economy: string
let safety: string
let epidemic: string
let gridWorker: string
let butler: string
let admin: string

const at = (t: string) => Date.parse(`${t}+08:00`)
type Todo = { key: string; title: string; detail: string; url: string; tone: string }
const todos = async (token: string) =>
  (await cloud.ok<{ items: Todo[] }>(token, 'account', { action: 'todos' })).items
const titles = async (token: string) => (await todos(token)).map((t) => t.title)

/** A declaration back from 武汉 on `arrivalDate`, in 幸福里第一网格: the person goes into home quarantine. */
function declareBack(token: string, phone: string, name: string, seq: number, arrivalDate: string) {
  const first17 = `330106199001010${70 + seq}`
  return cloud.ok(token, 'health', {
    action: 'declare',
    name,
    idNumber: first17 + idNumberCheckChar(first17),
    phone,
    communityId: 'community-xingfu',
    gridId: 'grid-xingfu-1',
    building: '5',
    room: `${600 + seq}`,
    ...backFromWuhan(arrivalDate),
  })
}

beforeAll(async () => {
  cloud = await TestCloud.start()
  ;[owner, economy, safety, epidemic, gridWorker, butler, admin] = await Promise.all(
    [DEMO.owner, DEMO.economy, DEMO.safety, DEMO.epidemic, DEMO.gridWorker, DEMO.butler, DEMO.admin].map(
      (p) => cloud.login(p),
    ),
  )
})
afterEach(() => {
  clock.now = () => Date.now()
})
afterAll(() => cloud.stop())

test('a resident: declare first; in quarantine, day n of 14 and the next report, urgent while it is open', async () => {
  clock.now = () => at('2026-03-02T07:30:00')
  const token = await cloud.newUser('13944440001', 'resident', '待办居民')
  expect(await todos(token)).toEqual([
    expect.objectContaining({ title: '下一步：健康申报', url: '/pages/health/declare', tone: 'action' }),
  ])
  await declareBack(token, '13944440001', '待办居民', 1, '2026-03-01')
  expect(await todos(token)).toEqual([
    {
      key: 'quarantine',
      title: '居家隔离第 2/14 天',
      detail: '请在 12:00 前报备上午体温',
      url: '/pages/health/card',
      tone: 'urgent',
    },
  ])
  await cloud.ok(token, 'health', {
    action: 'report',
    temperature: 36.5,
    symptoms: [],
    requestId: 'todo-request-1',
  })
  expect(await todos(token)).toEqual([
    expect.objectContaining({
      title: '居家隔离第 2/14 天',
      detail: '下次报备：今天下午 12:00–20:00',
      tone: 'info',
    }),
  ])
  clock.now = () => at('2026-03-02T21:00:00')
  expect((await todos(token))[0]!.detail).toBe('下次报备：明天上午 06:00–12:00')
})

test('an owner through the application; reviewers, the grid worker and the admin see what waits for them', async () => {
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10)
  expect(await todos(owner)).toEqual([
    expect.objectContaining({ title: '下一步：登记企业', url: '/pages/application/enterprise-form' }),
  ])
  const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(owner, 'application', {
    action: 'registerEnterprise',
    ...DEMO_SHOP,
  })
  expect(await titles(owner)).toEqual(['下一步：申请复工'])
  const { application } = await cloud.ok<{ application: { _id: string; round: number } }>(
    owner,
    'application',
    {
      action: 'saveDraft',
      enterpriseId: enterprise._id,
      form: {
        plannedDate: tomorrow,
        staffTotal: 10,
        staffOnSite: 8,
        staffFromOutside: 2,
        staffFromRiskAreas: 1,
        supplies: { masks: 200, disinfectantLitres: 20, thermometers: 3 },
        measures: ['entranceTemperature'],
        emergencyPlan: { text: '发现发热人员立即隔离并报告社区。' },
        disinfectionPlan: { text: '每日早晚各消毒一次并登记。' },
        safetyOfficer: { name: '孙丽', phone: '13800000041' },
      },
    },
  )
  expect(await titles(owner)).toEqual(['下一步：提交复工申请'])
  expect(await titles(economy)).toEqual([])
  await cloud.ok(owner, 'application', { action: 'submit', applicationId: application._id })
  expect(await titles(owner)).toEqual(['审核中（已完成 0/3）'])
  expect(await todos(economy)).toEqual([
    expect.objectContaining({ title: '待审核 1 份', url: '/pages/application/queue', tone: 'action' }),
  ])
  for (const token of [economy, safety, epidemic])
    await cloud.ok(token, 'application', {
      action: 'review',
      applicationId: application._id,
      round: 1,
      decision: 'approve',
    })
  expect(await titles(economy)).toEqual([])
  expect(await todos(owner)).toEqual([
    expect.objectContaining({
      title: '下一步：签署承诺',
      url: `/pages/application/commit?id=${application._id}`,
    }),
  ])
  expect(await todos(gridWorker)).toEqual([
    expect.objectContaining({ title: '待签承诺 1 份', url: '/pages/application/find' }),
  ])
  expect(await titles(admin)).toEqual(['待签承诺 1 份'])
  for (const party of ['enterprise', 'person'])
    await cloud.ok(owner, 'application', {
      action: 'commit',
      applicationId: application._id,
      party,
      signerName: '孙丽',
      agreed: true,
    })
  expect(await titles(owner)).toEqual(['等待社区签署'])
  await cloud.ok(gridWorker, 'application', {
    action: 'commit',
    applicationId: application._id,
    party: 'community',
    signerName: '陈静',
    agreed: true,
  })
  expect(await titles(owner)).toEqual([])
  expect(await titles(gridWorker)).toEqual([])
})

test('a butler: requests to claim in the grid, then the ones under way', async () => {
  clock.now = () => at('2026-03-02T09:00:00')
  const token = await cloud.newUser('13944440002', 'resident', '待办隔离居民')
  await declareBack(token, '13944440002', '待办隔离居民', 2, '2026-03-02')
  expect(await titles(butler)).toEqual([])
  const { errand } = await cloud.ok<{ errand: { _id: string } }>(token, 'errand', {
    action: 'create',
    category: 'groceries',
    items: [{ name: '大米', quantity: 1, unit: '袋' }],
    budgetFen: 5000,
  })
  expect(await todos(butler)).toEqual([
    expect.objectContaining({ title: '跑腿待认领 1 单', url: '/pages/errand/queue' }),
  ])
  await cloud.ok(butler, 'errand', { action: 'claim', errandId: errand._id })
  expect(await titles(butler)).toEqual(['进行中的跑腿 1 单'])
})
