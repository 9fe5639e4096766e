/**
 * The headless mini-program itself: WeChat's compilers accept every template and style of the build, the view
 * recurses past Taro's template levels, and `wx` behaves as WeChat documents it — including its failures (the
 * person cancels, refuses a permission, an API needs a tap, a route does not exist).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { compileWxss, filesOf, Templates } from './runtime'
import { wxApiNames } from './runtime/apiNames'
import { Bundle, DEFAULT_DIST } from './runtime/bundle'
import { TestCloud } from '../helpers/cloud'
import { WeChatClient } from '../helpers/wechat'
import { MiniProgram, textOf } from './runtime'

type Wx = Record<string, (...args: unknown[]) => unknown> & {
  cloud: Record<string, (...a: unknown[]) => unknown>
}

describe("WeChat's compilers and the build", () => {
  it('fails on a template or a style WeChat would not compile', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'reopen-wcc-'))
    try {
      writeFileSync(path.join(dir, 'bad.wxml'), '<view>{{open</view>')
      expect(() => Templates.compile(dir)).toThrow(/bad\.wxml/)
      rmSync(path.join(dir, 'bad.wxml'))
      writeFileSync(path.join(dir, 'bad.wxss'), '.a { color: red')
      expect(() => compileWxss(dir)).toThrow(/bad\.wxss/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('compiles every WXML and WXSS file of dist/weapp; every page has its template and its code', () => {
    const wxml = filesOf(DEFAULT_DIST, '.wxml')
    const wxss = filesOf(DEFAULT_DIST, '.wxss')
    expect(wxml.length).toBeGreaterThan(40)
    expect(wxss.length).toBeGreaterThan(40)
    const templates = Templates.compile(DEFAULT_DIST)
    for (const file of wxml) expect(typeof templates.renderer(file)).toBe('function')
    // wcsc compiles every file it is given; the app's and each page's style come out on their own.
    const styles = compileWxss(DEFAULT_DIST)
    expect(styles['app.wxss']).toEqual(expect.any(String))
    expect(styles.comm!.length).toBeGreaterThan(1000)
    const bundle = Bundle.load(DEFAULT_DIST)
    for (const route of bundle.routes) {
      expect(wxml).toContain(`${route}.wxml`)
      expect(styles[`${route}.wxss`]).toEqual(expect.any(String))
      expect(bundle.exists(`${route}.js`)).toBe(true)
    }
  })

  it('renders a tree deeper than the template levels through the comp component, as the client does', () => {
    const templates = Bundle.load(DEFAULT_DIST).templates
    let node: Record<string, unknown> = { nn: '9', sid: 'text', v: '最里面的字' }
    for (let i = 0; i < 40; i++) node = { nn: '0', sid: `n${i}`, cl: `level-${40 - i}`, cn: [node] }
    const tree = templates.render('pages/index/index.wxml', { root: { cn: [node] } })
    expect(textOf(tree)).toBe('最里面的字')
  })

  it('lists every wx API name WeChat declares', () => {
    const names = wxApiNames()
    expect(names.length).toBeGreaterThan(300)
    expect(names).toEqual(
      expect.arrayContaining(['navigateTo', 'requestSubscribeMessage', 'cloud', 'scanCode']),
    )
    expect(path.basename(DEFAULT_DIST)).toBe('weapp')
  })
})

describe('wx as WeChat documents it', () => {
  let cloud: TestCloud
  let mp: MiniProgram
  let wx: Wx

  beforeAll(async () => {
    cloud = await TestCloud.start({ wechatSimulator: true })
    const user = new WeChatClient(cloud.server, { openid: 'o_runtime_user1' })
    await user.ok('account', { action: 'setup', name: '测试居民', phone: '13512340401', role: 'resident' })
    mp = await MiniProgram.launch({ server: cloud.server, identity: user.identity })
    wx = mp.wx as Wx
    await mp.page.waitFor('测试居民')
  })
  afterAll(async () => {
    await mp.close()
    await cloud.stop()
  })

  it('has every declared API as an own key; one the runtime does not provide fails as unsupported', async () => {
    for (const name of wxApiNames()) expect(Object.prototype.hasOwnProperty.call(wx, name)).toBe(true)
    await expect(wx.startBluetoothDevicesDiscovery!({})).rejects.toMatchObject({
      errMsg: expect.stringMatching(/^startBluetoothDevicesDiscovery:fail /),
    })
    const fail = jest.fn()
    const complete = jest.fn()
    expect(wx.openBluetoothAdapter!({ fail, complete })).toBeUndefined()
    await new Promise((r) => setTimeout(r, 20))
    expect(fail).toHaveBeenCalledTimes(1)
    expect(complete).toHaveBeenCalledTimes(1)
  })

  it('keeps storage as JSON, like WeChat', async () => {
    wx.setStorageSync!('k', { when: new Date(Date.UTC(2026, 2, 2)), n: 1, gone: undefined })
    expect(wx.getStorageSync!('k')).toEqual({ when: '2026-03-02T00:00:00.000Z', n: 1 })
    expect(wx.getStorageSync!('missing')).toBe('')
    await expect(wx.getStorage!({ key: 'missing' })).rejects.toMatchObject({
      errMsg: 'getStorage:fail data not found',
    })
  })

  it('refuses routes WeChat refuses', async () => {
    await expect(wx.navigateTo!({ url: '/pages/profile/index' })).rejects.toMatchObject({
      errMsg: 'navigateTo:fail can not navigateTo a tabbar page',
    })
    await expect(wx.switchTab!({ url: '/pages/errand/mine' })).rejects.toMatchObject({
      errMsg: expect.stringMatching(/^switchTab:fail can not switchTab to a non-tabbar page/),
    })
    await expect(wx.navigateTo!({ url: '/pages/nowhere/index' })).rejects.toMatchObject({
      errMsg: 'navigateTo:fail page "pages/nowhere/index" is not found',
    })
    await expect(wx.navigateBack!({})).rejects.toMatchObject({
      errMsg: 'navigateBack:fail cannot navigate back at first page.',
    })
    for (let i = 0; i < 9; i++) await wx.navigateTo!({ url: '/pages/verify/index?token=x' })
    expect(mp.pages).toHaveLength(10)
    await expect(wx.navigateTo!({ url: '/pages/verify/index' })).rejects.toMatchObject({
      errMsg: 'navigateTo:fail webview count limit exceed',
    })
    await wx.reLaunch!({ url: '/pages/index/index' })
    expect(mp.pages.map((p) => p.route)).toEqual(['pages/index/index'])
  })

  it('asks for subscribe messages only inside a tap', async () => {
    await expect(
      wx.requestSubscribeMessage!({ tmplIds: ['tpl-reopen-report-reminder'] }),
    ).rejects.toMatchObject({
      errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
    })
  })

  it('reports the person cancelling the scanner or refusing the camera', async () => {
    await expect(wx.scanCode!({})).rejects.toMatchObject({ errMsg: 'scanCode:fail cancel' })
    mp.user.picks.push('deny')
    await expect(wx.chooseMedia!({ count: 1 })).rejects.toMatchObject({
      errMsg: 'chooseMedia:fail auth deny',
    })
    mp.user.picks.push('cancel')
    await expect(wx.chooseImage!({ count: 1 })).rejects.toMatchObject({ errMsg: 'chooseImage:fail cancel' })
    mp.user.picks.push([{ data: Buffer.from('img'), ext: 'png' }])
    const picked = (await wx.chooseMedia!({ count: 1 })) as {
      tempFiles: { tempFilePath: string; size: number }[]
    }
    expect(picked.tempFiles[0]).toMatchObject({
      size: 3,
      tempFilePath: expect.stringMatching(/^http:\/\/tmp\/.+\.png$/),
    })
  })

  it('calls cloud functions as this WeChat user, and fails the way wx.cloud does', async () => {
    const { result } = (await wx.cloud.callFunction!({ name: 'account', data: { action: 'me' } })) as {
      result: { ok: boolean; data: { account: { name: string } } }
    }
    expect(result.data.account.name).toBe('测试居民')
    await expect(wx.cloud.callFunction!({ name: 'nope', data: {} })).rejects.toMatchObject({
      errCode: -501000,
    })
    await expect(
      wx.cloud.uploadFile!({ cloudPath: 'x/y.jpg', filePath: 'http://tmp/never.jpg' }),
    ).rejects.toMatchObject({
      errMsg: expect.stringMatching(/^cloud\.uploadFile:fail file not found/),
    })
  })

  it('a person who will not share their phone is told so on the setup page', async () => {
    const shy = new WeChatClient(cloud.server, { openid: 'o_runtime_shy01' })
    const other = await MiniProgram.launch({ server: cloud.server, identity: shy.identity })
    try {
      other.user.sharesPhone = false
      const setup = await other.waitForPage('pages/setup/index')
      await setup.tap('使用微信手机号')
      await setup.waitFor('您没有同意使用微信手机号')
      expect(setup.text()).not.toContain('已通过微信验证')
    } finally {
      await other.close()
    }
  })
})
