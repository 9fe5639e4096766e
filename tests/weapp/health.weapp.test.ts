/**
 * Journey (b): a worker in home quarantine gets the reminder an hour before the morning slot closes, opens the
 * mini-program from that subscribe message, reports the morning temperature and sees it on the F2 chart (drawn
 * on a mini-program Canvas 2D node). The functions' clock is fixed to a Shanghai morning.
 */
import { clock } from '../../cloudfunctions/_lib/clock'
import { SUBSCRIBE_TEMPLATES } from '../../config/subscribe'
import { TestCloud } from '../helpers/cloud'
import { quarantineDeclaration } from '../helpers/fixtures'
import { WeChatClient } from '../helpers/wechat'
import { MiniProgram } from './runtime'

let cloud: TestCloud
const open: MiniProgram[] = []
const at = (t: string) => Date.parse(`${t}+08:00`)

beforeAll(async () => {
  clock.now = () => at('2026-03-02T11:05:00')
  cloud = await TestCloud.start({ wechatSimulator: true })
})
afterAll(async () => {
  await Promise.all(open.map((mp) => mp.close()))
  clock.now = () => Date.now()
  await cloud.stop()
})

/** A worker set up in the mini-program earlier, declared back from 湖北, quarantined, who allowed reminders. */
async function quarantinedWorker(openid: string): Promise<WeChatClient> {
  const worker = new WeChatClient(cloud.server, { openid, phone: '13512340101' })
  await worker.ok('account', { action: 'provePhone', code: await worker.phoneCode() })
  await worker.ok('account', { action: 'setup', name: '孙小隔', role: 'employee' })
  const { quarantine } = await worker.ok<{ quarantine: unknown }>(
    'health',
    quarantineDeclaration({
      name: '孙小隔',
      phone: '13512340101',
      n: 101,
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-1',
      building: '6',
      room: '601',
    }),
  )
  expect(quarantine).not.toBeNull()
  await worker.requestSubscribeMessage([SUBSCRIBE_TEMPLATES.reportReminder.id])
  await worker.ok('account', { action: 'subscribed', accepted: ['reportReminder'] })
  return worker
}

describe('a quarantined worker', () => {
  it('opens the card from the reminder, reports the morning temperature and sees it on the chart', async () => {
    const worker = await quarantinedWorker('o_journey_worker')
    await cloud.timer('healthScan', new Date(at('2026-03-02T11:00:00')))
    const { data: sent } = await cloud
      .sdk()
      .database()
      .collection('subscribe_outbox')
      .where({ touser: worker.openid })
      .get()
    expect(sent).toHaveLength(1)
    const message = sent[0] as { page: string; data: Record<string, string> }
    expect(message.data.thing1).toBe('上午体温报备')

    // A tap on the message opens the mini-program at its page (scene 1014).
    const mp = await MiniProgram.launch({
      server: cloud.server,
      identity: worker.identity,
      path: message.page,
      scene: 1014,
    })
    open.push(mp)
    const card = mp.page
    expect(card.route).toBe('pages/health/card')
    await card.waitFor('报备上午体温')
    expect(card.text()).toContain('待报备')
    await card.tap('报备上午体温')
    await card.waitFor('提交 36.5℃')
    await card.tap('+')
    await card.tap('提交 36.6℃')
    await card.waitFor('上午已报备')
    expect(card.text()).toContain('已报备 36.6℃')

    // The chart: F2 drew the fever line's label, the temperature axis and one point for this morning.
    await card.waitFor(() => card.select('canvas').length === 1)
    const id = card.select('canvas')[0]!.attr.id as string
    await card.waitFor(() => mp.canvas(id).drawn.texts().includes('发热线 37.3℃'))
    const drawn = mp.canvas(id).drawn
    expect(drawn.texts()).toEqual(expect.arrayContaining(['3/2', '36.5', '37.0']))
    // The log keeps every frame: when the card re-renders (its reply arrives again) F2 repaints, drawing the
    // same point once more. One reading is one point, wherever it is drawn again.
    const points = new Set(drawn.circles().map((c) => `${c.x.toFixed(1)},${c.y.toFixed(1)}`))
    expect(drawn.circles().length).toBeGreaterThan(0)
    expect(points.size).toBe(1)
    expect(mp.errors).toEqual([])
  })
})
