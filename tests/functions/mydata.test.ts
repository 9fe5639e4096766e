import type { DeclarationDoc } from '../../cloudfunctions/health/model'
import { ANONYMISED_NAME } from '../../shared/retention'
import { DEMO, NEW_USER_PASSWORD, TestCloud } from '../helpers/cloud'
import { putInQuarantine } from '../helpers/world'

/**
 * 我的数据: a person gets everything held about them, including who read their health record, and can delete
 * their account once nothing is under way — refused with the reason before that.
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await TestCloud.start()
})
afterAll(() => cloud.stop())

const PHONE = '13912340001'
const PLACE = { streetId: 'street-demo', communityId: 'community-xingfu', gridId: 'grid-xingfu-1' }

interface MyData {
  account: { _id: string; name: string }
  declarations: { _id: string; idNumber: string }[]
  quarantines: { _id: string }[]
  errands: unknown[]
  accessLog: { readerName: string; what: string }[]
}

it('holds everything about me, lets me delete my account once nothing is under way, and forgets my login', async () => {
  const token = await cloud.newUser(PHONE, 'resident', '王测试')
  const { account } = await cloud.ok<{ account: { _id: string } }>(token, 'account', { action: 'me' })
  await putInQuarantine(cloud, 'q-me', account._id, PLACE)
  // The epidemic team reads my health record: that is in my data.
  const epidemic = await cloud.login(DEMO.epidemic)
  await cloud.ok(epidemic, 'health', { action: 'history', quarantineId: 'q-me' })

  const mine = await cloud.ok<MyData>(token, 'account', { action: 'myData' })
  expect(mine.account).toMatchObject({ _id: account._id, name: '王测试' })
  expect(mine.declarations.map((d) => d._id)).toEqual(['decl-q-me'])
  expect(mine.declarations[0]!.idNumber).not.toMatch(/\*/)
  expect(mine.quarantines.map((q) => q._id)).toEqual(['q-me'])
  expect(mine.accessLog).toEqual([expect.objectContaining({ readerName: '刘洋' })])
  // Someone else's data is not in it.
  const other = await cloud.ok<MyData>(await cloud.login(DEMO.resident), 'account', { action: 'myData' })
  expect(other.quarantines.map((q) => q._id)).not.toContain('q-me')

  // In quarantine: refused, with the reason, and nothing changed.
  const refused = await cloud.call(token, 'account', { action: 'deleteAccount', confirmName: '王测试' })
  expect(refused.status).toBe(409)
  expect(refused.body).toMatchObject({
    ok: false,
    code: 'ACCOUNT_IN_USE',
    message: expect.stringMatching(/居家隔离/),
  })
  expect(await cloud.ok(token, 'account', { action: 'me' })).toMatchObject({ account: { _id: account._id } })

  await cloud
    .sdk()
    .database()
    .collection('quarantines')
    .doc('q-me')
    .update({ status: 'released', releasedAt: Date.now() })
  const wrongName = await cloud.call(token, 'account', { action: 'deleteAccount', confirmName: '别人' })
  expect(wrongName.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })

  const done = await cloud.call(token, 'account', { action: 'deleteAccount', confirmName: '王测试' })
  expect(done.body).toEqual({ ok: true, data: { deleted: true } })
  // The login is gone, and with it every session; the phone may register afresh.
  expect((await cloud.call(token, 'account', { action: 'me' })).status).toBe(401)
  const login = await cloud.post('/api/auth/login', { phone: PHONE, password: NEW_USER_PASSWORD })
  expect(login.body).toMatchObject({ ok: false, code: 'LOGIN_FAILED' })
  // What the street's figures count stays, without the person in it.
  const db = cloud.sdk().database()
  const decl = (await db.collection('declarations').doc('decl-q-me').get()).data[0] as DeclarationDoc
  expect(decl).toMatchObject({ name: ANONYMISED_NAME, idNumber: expect.stringMatching(/\*/) })
  expect((await db.collection('quarantines').doc('q-me').get()).data[0]).toMatchObject({
    status: 'released',
    name: ANONYMISED_NAME,
  })
  expect((await db.collection('accounts').doc(account._id).get()).data).toEqual([])
  expect((await db.collection('phones').where({ accountId: account._id }).get()).data).toEqual([])
  const again = await cloud.newUser(PHONE, 'resident', '王测试')
  expect((await cloud.ok<MyData>(again, 'account', { action: 'myData' })).quarantines).toEqual([])
})

it('refuses staff and people with an errand under way, with the reason', async () => {
  const butler = await cloud.login(DEMO.butler)
  const r = await cloud.call(butler, 'account', { action: 'deleteAccount', confirmName: '赵磊' })
  expect(r.body).toMatchObject({
    ok: false,
    code: 'ACCOUNT_IN_USE',
    message: expect.stringMatching(/社区管家/),
  })

  const token = await cloud.newUser('13912340002', 'resident', '跑腿人')
  const { account } = await cloud.ok<{ account: { _id: string } }>(token, 'account', { action: 'me' })
  // Only what the refusal reads: whose errand it is and where it stands.
  const errands = cloud.sdk().database().collection('errands')
  await errands.add({ _id: 'err-mine', requesterId: account._id, status: 'claimed' })
  const errand = await cloud.call(token, 'account', { action: 'deleteAccount', confirmName: '跑腿人' })
  expect(errand.body).toMatchObject({
    ok: false,
    code: 'ACCOUNT_IN_USE',
    message: expect.stringMatching(/跑腿代购/),
  })
  await errands.doc('err-mine').update({ status: 'confirmed' })
  expect(await cloud.ok(token, 'account', { action: 'deleteAccount', confirmName: '跑腿人' })).toEqual({
    deleted: true,
  })
})
