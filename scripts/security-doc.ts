/**
 * The README's "安全" section and docs/access.md, written from the tables the code enforces: the access policy
 * (shared/policy.ts) and the masking policy (shared/mask.ts). `npm run docs:security` rewrites both;
 * tests/unit/security-doc.test.ts fails while either differs from what the tables say.
 */
import fs from 'node:fs'
import path from 'node:path'
import { SEER_LABELS, SENSITIVE, WHO_SEES, type Sensitive } from '../shared/mask'
import { RULE_TEXTS } from '../shared/policyText'
import { POLICY, grantLabel, type ActionPolicy, type Grant, type Who } from '../shared/policy'

const ROOT = path.join(__dirname, '..')
export const README = path.join(ROOT, 'README.md')
export const ACCESS_DOC = path.join(ROOT, 'docs/access.md')
export const BEGIN =
  '<!-- 安全：由 npm run docs:security 从 shared/policy.ts 与 shared/mask.ts 生成，请勿手改 -->'
export const END = '<!-- 安全：生成结束 -->'

const EXAMPLES: Record<Sensitive, string> = {
  idNumber: '110101199003071234',
  phone: '13812345678',
  room: '301',
  enterprisePhone: '13955501234',
}

function whoText(who: Who): string {
  if (who === 'public') return '任何人（无需登录）'
  if (who === 'system') return '仅系统自身（网页登录网关、定时任务），任何用户都不能调用'
  if (who === 'identity') return '已登录的人（可尚未建立账号）'
  if (who === 'account') return '已建立账号的人'
  return [...new Set((who as readonly Grant[]).map(grantLabel))].join('、')
}

const FUNCTION_LABELS: Record<keyof typeof POLICY, string> = {
  account: '账号（account）',
  admin: '街道管理（admin）',
  application: '复工申请（application）',
  errand: '跑腿代购（errand）',
  health: '健康申报与隔离（health）',
  supplies: '防疫物资（supplies）',
  certificate: '健康证（certificate）',
  onsite: '企业一日两检（onsite）',
  stats: '数据看板与台账（stats）',
}

/** Who sees each sensitive field in full, in one record and in lists and ledgers. */
export function maskTable(): string {
  const seers = (fields: readonly string[]) =>
    fields.map((s) => SEER_LABELS[s as keyof typeof SEER_LABELS]).join('、')
  const rows = (Object.keys(SENSITIVE) as Sensitive[]).map((f) => {
    const { label, mask } = SENSITIVE[f]
    return `| ${label} | ${seers(WHO_SEES[f].record)} | ${seers(WHO_SEES[f].list)} | ${mask(EXAMPLES[f])} |`
  })
  return [
    '| 信息 | 打开单条记录时看到全文的人 | 在列表、看板和 Excel 台账中看到全文的人 | 其他人看到 |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n')
}

export function readmeSection(): string {
  const actions = Object.values(POLICY).reduce((n, t) => n + Object.keys(t).length, 0)
  return [
    BEGIN,
    '',
    `**谁能做什么**：${actions} 个操作各有一行访问规则（\`shared/policy.ts\`），写明哪些身份可以调用、只能办理哪些范围的记录，全表见 [docs/access.md](docs/access.md)。云函数按这张表拒绝越权调用，小程序按同一张表决定显示哪些入口和按钮；\`tests/functions/policy.test.ts\` 以每种身份（含未登录、新居民、社区管理员、另一街道的管理员、做了审核人员的企业主）对范围内外的记录逐一调用每个操作，核对放行与拒绝，并确认被拒绝的调用没有写入任何数据。`,
    '',
    '**谁看到什么**：身份证号、手机号和门牌号按下表显示（`shared/mask.ts`），单条回复、列表、看板和导出的 Excel 台账都用同一规则，`tests/functions/masks.test.ts` 按身份逐处核对。',
    '',
    maskTable(),
    '',
    '“经办人员”指：隔离人员所在网格的管家和网格员、防疫专业队伍；跑腿需求的认领人；企业的审核人员和所在网格的网格员。',
    '',
    '**重试与连点**：每个新建操作都接受可选的 `requestId`（8–64 位字母、数字、`_`、`-`），同一人、同一操作、同一 `requestId` 重复提交只返回第一次的结果，不会多写；由数据库的唯一键保证，不靠先查后写。',
    '',
    '**拒绝**：每个被拒绝的请求都返回 `{ok:false, code, message}`，`code` 是 `shared/errors.ts` 中的稳定代码，`message` 是中文说明，且不留下半写的数据。审核人员是企业的负责人、管理人员或职工时，须回避该企业的审核、检查和撤销（`CONFLICT_OF_INTEREST`）。',
    '',
    END,
  ].join('\n')
}

function actionRow(action: string, row: ActionPolicy): string {
  const rule = RULE_TEXTS[row.rule]
  return `| \`${action}\` | ${row.label} | ${whoText(row.who)} | ${rule} | ${row.creates ? '是' : ''} |`
}

export function accessDoc(): string {
  const sections = (Object.keys(POLICY) as (keyof typeof POLICY)[]).map((fn) =>
    [
      `## ${FUNCTION_LABELS[fn]}`,
      '',
      '| 操作 | 做什么 | 谁可以调用 | 范围 | 新建（可带 requestId 重试） |',
      '|---|---|---|---|---|',
      ...Object.entries(POLICY[fn] as Record<string, ActionPolicy>).map(([a, row]) => actionRow(a, row)),
    ].join('\n'),
  )
  return [
    '# 访问规则',
    '',
    '由 `npm run docs:security` 从 `shared/policy.ts` 生成，请勿手改。“管理员”包括街道管理员和社区管理员（社区管理员只管本社区）；“网格员、管家”只管本网格。',
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n')
}

/** The README with its "安全" block replaced by what the tables say now. */
export function readmeWithSection(readme: string): string {
  const start = readme.indexOf(BEGIN)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error('README.md has no 安全 block (the BEGIN and END markers)')
  return readme.slice(0, start) + readmeSection() + readme.slice(end + END.length)
}

if (require.main === module) {
  fs.writeFileSync(README, readmeWithSection(fs.readFileSync(README, 'utf8')))
  fs.writeFileSync(ACCESS_DOC, accessDoc())
  console.log('README.md (安全) and docs/access.md written from shared/policy.ts and shared/mask.ts')
}
