import type { TestCloud } from '../helpers/cloud'
import { MiniProgram, type PageHost } from './runtime'

/**
 * Someone who signs in on the web joins the mini-program with a link code (我的 › 关联其他登录方式): the web session
 * asks for the 6-digit code; the mini-program, opened by a WeChat user with that phone, proves it with the
 * phone-number button, finds the account (已有账号) and links. Answers the mini-program on its home page; one that
 * fails to get there is closed.
 */
export async function joinWithLinkCode(
  cloud: TestCloud,
  phone: string,
  openid: string,
): Promise<{ mp: MiniProgram; home: PageHost }> {
  const web = await cloud.login(phone)
  const { code } = await cloud.ok<{ code: string }>(web, 'account', { action: 'linkCode' })
  const mp = await MiniProgram.launch({ server: cloud.server, identity: { openid, phone } })
  try {
    const setup = await mp.waitForPage('pages/setup/index')
    await setup.tap('使用微信手机号')
    await setup.waitFor('已有账号')
    await setup.fill('css=input[placeholder=6位关联码]', code)
    await setup.tap('关联并进入')
    return { mp, home: await mp.waitForPage('pages/index/index') }
  } catch (e) {
    await mp.close()
    throw e
  }
}
