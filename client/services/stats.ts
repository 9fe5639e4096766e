/** Typed calls to the `stats` cloud function: the dashboard, the records behind a figure, trends, ledgers. */
import Taro from '@tarojs/taro'
import type { Scope } from '../../shared/roles'
import type { FigureKey, LedgerFile } from '../../shared/stats'
import { api, type Input } from './api'
import { CloudError, initCloud, IS_H5 } from './cloud'

const call = api('stats')

/** A period of Shanghai days, inclusive; absent = today on the functions' clock. */
const withPeriod = (p: Pick<Input<'stats', 'dashboard'>, 'from' | 'to'>) => ({
  ...(p.from ? { from: p.from } : {}),
  ...(p.to ? { to: p.to } : {}),
})
const withScope = (scope: Scope | undefined) => (scope ? { scope: { ...scope } } : {})

export const statsApi = {
  dashboard: (scope: Scope | undefined, period: Parameters<typeof withPeriod>[0]) =>
    call('dashboard', { ...withScope(scope), ...withPeriod(period) }),
  list: (input: {
    figure: FigureKey
    scope?: Scope
    period: Parameters<typeof withPeriod>[0]
    page: number
    pageSize: number
  }) =>
    call('list', {
      figure: input.figure,
      ...withScope(input.scope),
      ...withPeriod(input.period),
      page: input.page,
      pageSize: input.pageSize,
    }),
  /** 核对看板存档: the street's stored closed days between `from` and `to` checked against the records. */
  reconcile: (from: string, to: string) => call('reconcile', { from, to }),
  /** 区级汇总: every street's figures for one Shanghai day. */
  districtSummary: (date: string) => call('districtSummary', { date }),
  trend: (scope: Scope | undefined, from: string, to: string) =>
    call('trend', { ...withScope(scope), from, to }),
  exportLedger: (input: Input<'stats', 'exportLedger'>) =>
    call('exportLedger', {
      kind: input.kind,
      ...withScope(input.scope),
      ...(input.date ? { date: input.date } : {}),
    }),
}

/**
 * Mini-program: fetches a ledger to the phone and opens it in WeChat's document viewer (from there it can be
 * sent to a chat or opened in another app). Cloud storage first (no download-domain whitelist needed), the
 * temporary link as a fallback. Not for H5, where the link itself is the download.
 */
export async function openLedgerFile(file: LedgerFile): Promise<void> {
  if (IS_H5) throw new CloudError('UNSUPPORTED', '请在浏览器中点击下载链接')
  initCloud()
  let filePath = ''
  try {
    const res = await Taro.cloud.downloadFile({ fileID: file.fileID })
    filePath = res.tempFilePath
  } catch {
    try {
      const res = await Taro.downloadFile({ url: file.url })
      if (res.statusCode !== 200) throw new Error(String(res.statusCode))
      filePath = res.tempFilePath
    } catch {
      throw new CloudError('NETWORK', '台账下载失败，请检查网络后重试')
    }
  }
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
  } catch {
    throw new CloudError('OPEN_FAILED', '文件已下载，但无法打开。可以复制链接到电脑上下载')
  }
}
