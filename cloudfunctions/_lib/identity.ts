import tcb from '@cloudbase/node-sdk'

/** Who is calling, read only from the platform context — never from the event. */
export type Identity =
  | { kind: 'wx'; key: string; openid: string }
  | { kind: 'web'; key: string; uid: string }
  | { kind: 'none'; key: null }

/**
 * WX_OPENID is set by WeChat for mini-program callers; TCB_CUSTOM_USER_ID by CloudBase custom login (our H5
 * gateway). Timers and admin SDK calls carry neither.
 */
export function identityFromContext(context: unknown): Identity {
  let env: Record<string, unknown> = {}
  try {
    env = tcb.getCloudbaseContext(
      context as Parameters<typeof tcb.getCloudbaseContext>[0],
    ) as unknown as Record<string, unknown>
  } catch {
    return { kind: 'none', key: null }
  }
  const openid = typeof env.WX_OPENID === 'string' ? env.WX_OPENID : ''
  if (openid) return { kind: 'wx', key: `wx:${openid}`, openid }
  const uid = typeof env.TCB_CUSTOM_USER_ID === 'string' ? env.TCB_CUSTOM_USER_ID : ''
  if (uid) return { kind: 'web', key: `web:${uid}`, uid }
  return { kind: 'none', key: null }
}

/**
 * Calls with no user behind them: a timer trigger, or server code holding the environment's credentials.
 * Scans and other housekeeping accept only these, so no client can run them with a made-up time.
 */
export function isSystemCall(context: unknown): boolean {
  try {
    const env = tcb.getCloudbaseContext(
      context as Parameters<typeof tcb.getCloudbaseContext>[0],
    ) as unknown as Record<string, unknown>
    if (env.WX_OPENID || env.TCB_CUSTOM_USER_ID) return false
    return env.TRIGGER_SRC === 'timer' || env.TCB_SOURCE === 'server'
  } catch {
    return false
  }
}
