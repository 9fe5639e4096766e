import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { FIGURE_KEYS, FIGURES } from '../shared/stats'

const BASIS: Record<string, string> = {
  now: '当前状态（不随所选日期变化，取导出时刻）',
  today: '所选日期当天',
  period: '所选日期当天',
}

/**
 * The JSON Schema of GET /api/export/daily (docs/export-schema.json), written from the figure table in
 * shared/stats.ts, so the documented figures are the dashboard's. `npm run docs:export` rewrites the file; a test
 * fails while they differ.
 */
export function exportSchema(): object {
  const figure = (k: (typeof FIGURE_KEYS)[number]) => {
    const f = FIGURES[k]
    return {
      type: ['number', 'null'],
      title: `${f.label}（${f.unit}）`,
      description: `${f.definition}。统计口径：${BASIS[f.basis]}。null 表示当天没有可计算的数（如没有样本的平均值）。`,
    }
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '复工通每日数据导出（reopen.daily/1）',
    description:
      'GET /api/export/daily?date=YYYY-MM-DD 的回复：所选日期（北京时间）各街道的看板数字，与数据看板选同一天时显示的数字相同。加 format=csv 时为 CSV：表头 date,streetId,streetName 之后依次是 figures 的各个键，每个街道一行，null 为空值。数据推送（webhook）以同一格式 POST 前一天的数字，请求头 X-Reopen-Timestamp（Unix 秒）、X-Reopen-Delivery（<街道或 _district>:<日期>）和 X-Reopen-Signature: sha256=<十六进制>，即用推送密钥对「X-Reopen-Timestamp 的值 + \".\" + 原样的请求体」做 HMAC-SHA256；接收方须先核对签名，并按 X-Reopen-Delivery 去重。',
    type: 'object',
    required: ['schema', 'date', 'generatedAt', 'streets'],
    additionalProperties: false,
    properties: {
      schema: { const: 'reopen.daily/1', description: '格式版本；不兼容的改动会换一个版本号' },
      date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '数字所属的日期（北京时间）' },
      generatedAt: { type: 'integer', description: '生成时刻，Unix 毫秒' },
      streets: {
        type: 'array',
        description: '每个街道一项：街道工作人员或街道的 API 密钥只得到本街道',
        items: {
          type: 'object',
          required: ['streetId', 'streetName', 'figures'],
          additionalProperties: false,
          properties: {
            streetId: { type: 'string' },
            streetName: { type: 'string' },
            figures: {
              type: 'object',
              required: [...FIGURE_KEYS],
              additionalProperties: false,
              properties: Object.fromEntries(FIGURE_KEYS.map((k) => [k, figure(k)])),
            },
          },
        },
      },
    },
  }
}

export const EXPORT_SCHEMA_FILE = path.resolve(__dirname, '../docs/export-schema.json')

if (require.main === module) {
  writeFileSync(EXPORT_SCHEMA_FILE, JSON.stringify(exportSchema(), null, 2) + '\n')
  console.log(`已写入 ${EXPORT_SCHEMA_FILE}`)
}
