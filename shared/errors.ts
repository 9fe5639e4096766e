/**
 * Stable error codes. The code is for programs (tests, client branching); the message is for people,
 * in Chinese, and says what to do next.
 */
export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求格式不正确',
  INVALID_INPUT: '填写的内容有误，请检查后再提交',
  UNKNOWN_FUNCTION: '没有这个服务',
  UNKNOWN_ACTION: '没有这个操作',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  LOGIN_FAILED: '手机号或密码不正确',
  LOGIN_THROTTLED: '密码错误次数过多，请稍后再试',
  PHONE_TAKEN: '这个手机号已经注册过了，请直接登录',
  WEAK_PASSWORD: '这个密码太常见，容易被猜到，请换一个',
  RESET_CODE_INVALID: '手机号或重置码不正确，或重置码已过期、已使用，请核对或重新申请',
  UPLOAD_TYPE: '只能上传照片（JPG、PNG、WebP、GIF）或 PDF 文件',
  UPLOAD_QUOTA: '今天上传的文件已达上限，请明天再试',
  PHONE_NOT_PROVEN: '手机号要先验证才能使用：小程序里请点「使用微信手机号」，网页版使用注册时的手机号',
  PHONE_PROVEN_ELSEWHERE: '这个手机号已经属于另一个账号。如果那也是您的账号，请用关联码把两边连起来',
  PHONE_CODE_INVALID: '手机号验证已失效，请重新点一次「使用微信手机号」',
  LINK_CODE_INVALID: '关联码不对或已过期，请在另一端重新获取',
  WECHAT_ONLY: '这个操作需要在微信小程序里进行',
  ACCOUNT_NOT_SET_UP: '请先完善个人信息',
  ACCOUNT_EXISTS: '账号已经建立',
  ACCOUNT_DISABLED: '账号已停用，请联系街道管理员',
  ACCOUNT_IN_USE: '账号还有正在办理的事项，暂时不能注销',
  FORBIDDEN_ROLE: '您的身份不能进行这个操作',
  FORBIDDEN_SCOPE: '不能操作您负责范围以外的数据',
  CONFLICT_OF_INTEREST: '您与这家企业有利害关系，按回避规定不能办理，请由其他审核人员办理',
  NOT_FOUND: '没有找到相关记录',
  INVITE_NOT_FOUND: '邀请码不存在，请核对后重新输入',
  INVITE_USED: '邀请码已经被使用过了',
  INVITE_EXPIRED: '邀请码已过期，请联系管理员重新生成',
  SCOPE_NOT_FOUND: '所选社区或网格不存在',
  PAYLOAD_TOO_LARGE: '上传的内容太大',
  FILE_NOT_FOUND: '文件不存在',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  CREDIT_CODE_TAKEN: '这个统一社会信用代码已经登记过了，如需管理请联系原登记人',
  APPLICATION_ALREADY_OPEN: '这家企业已有一份正在办理的复工申请',
  APPLICATION_NOT_EDITABLE: '申请正在审核或已办结，不能修改',
  APPLICATION_NOT_REVIEWING: '这份申请当前不在审核阶段',
  ALREADY_DECIDED: '本部门已对这一轮申请作出审核意见',
  APPLICATION_NOT_APPROVED: '申请通过三方审核后才能签署承诺',
  ALREADY_SIGNED: '这一方已经签署过承诺',
  APPLICATION_NOT_REOPENED: '企业还没有复工或已被撤销',
  REPORT_SLOT_CLOSED: '现在不在体温报备时间内',
  REPORT_ALREADY_SUBMITTED: '这个时段已经报备过了。填错了可以在隔离卡上更正一次',
  REPORT_ALREADY_REVISED: '这个时段已经改过一次了，如需再改请联系社区管家',
  NOT_IN_QUARANTINE: '您当前不在居家隔离期内，不需要报备',
  ERRAND_NOT_ELIGIBLE: '只有居家隔离人员或网格员登记的需帮扶家庭可以发起跑腿代购',
  ERRAND_LIMIT: '进行中的跑腿需求已达上限，请等已有需求送达后再发起',
  ERRAND_TAKEN: '已被其他管家认领',
  ERRAND_CLOSED: '这个需求已取消或已完成',
  ERRAND_GRID_FIRST: '本网格管家优先认领，稍后开放给社区其他管家',
  ERRAND_STEP_INVALID: '不能跳过或回退进度，请按顺序更新',
  ERRAND_NOT_CANCELLABLE: '管家已开始采购，不能取消；如有问题请联系管家或网格员',
  ERRAND_CODE_WRONG: '交接码不正确',
  ERRAND_CODE_LOCKED: '交接码错误次数过多，请由居民本人在手机上确认收货',
  ERRAND_NOT_CONFIRMED: '确认收货后才能评价',
  ERRAND_ALREADY_RATED: '已经评价过了',
  LEDGER_ALREADY_SETTLED: '所选记录中有已经结算过的垫付',
  SELF_CHANGE_REFUSED: '不能修改自己的身份或停用自己的账号，请由其他管理员操作',
  NOT_STAFF: '只能给社区管家或网格员分配网格',
  STOCK_SHORT: '库存不足',
  ONSITE_WINDOW_CLOSED: '现在不在一日两检的检测时间内',
  ONSITE_ALREADY_CHECKED: '这个时段已经检测过了，一人一个时段只记一次',
  ONSITE_NOT_ON_SITE: '这位职工不在本企业的在岗名单里，请先由安全员设为在岗',
  ONSITE_STOPPED: '这位职工已被标记为不得上岗，等防疫专业队伍结案后才能继续检测上岗',
  ONSITE_NOT_STAFF: '只能指定本企业的职工（填了企业加入码申报健康的人）或企业负责人',
  CASE_CLOSED: '这个情况已经结案了',
  EXPORT_FAILED: '台账生成失败，请稍后重试',
  INTERNAL: '系统繁忙，请稍后再试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

/** Thrown inside use cases; the function entry turns it into `{ok:false, code, message}`. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_MESSAGES[code])
    this.code = code
    this.details = details
  }
}

export type Ok<T> = { ok: true; data: T }
export type Fail = { ok: false; code: ErrorCode; message: string; details?: unknown }
export type Result<T> = Ok<T> | Fail

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data })
export const fail = (code: ErrorCode, message?: string, details?: unknown): Fail =>
  details === undefined
    ? { ok: false, code, message: message ?? ERROR_MESSAGES[code] }
    : { ok: false, code, message: message ?? ERROR_MESSAGES[code], details }
