import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLarge, readBody, sendJson } from '../http'
import type { CloudCredentials } from './credentials'
import { requestOrigin } from './rows'
import type { ActionHandler } from './database'
import { CloudError } from './errors'
import { signatureProblem } from './signature'

/** node-sdk sends whole documents and batches in one request; CloudBase's own cap is in this range. */
const MAX_BODY_BYTES = 16 * 1024 * 1024

/**
 * The endpoint node-sdk posts to (`TCB_CONTEXT_CNFG.URL`): `{action, envName, ...params}` in, and
 * `{requestId, ...result}` or `{requestId, code, message}` out. Like CloudBase it answers refusals with HTTP
 * 200, which is what makes the SDK throw an error carrying `code` (for other statuses it keeps only the status).
 *
 * It is the admin API — it can read and write every collection — so, like CloudBase, it answers only requests
 * signed with the environment's key (see signature.ts), wherever they come from; and never a web page: a request
 * carrying a browser's `Origin` header is refused before anything else is looked at.
 */
export function adminEndpoint(
  envId: string,
  credentials: CloudCredentials,
  actions: Record<string, ActionHandler>,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID()
    const fail = (code: string, message: string, status = 200) =>
      sendJson(res, status, { requestId, code, message })
    if (req.headers.origin !== undefined)
      return fail('PERMISSION_DENIED', 'the CloudBase admin API does not answer web pages', 403)
    if (req.method !== 'POST') return fail('INVALID_PARAM', 'use POST', 405)

    let params: Record<string, unknown>
    try {
      const parsed: unknown = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8'))
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        return fail('INVALID_PARAM', 'the request body must be a JSON object')
      params = parsed as Record<string, unknown>
    } catch (e) {
      return fail(
        'INVALID_PARAM',
        e instanceof BodyTooLarge ? 'the request body is too large' : 'the request body is not valid JSON',
      )
    }
    const problem = signatureProblem(
      { method: req.method, url: req.url ?? '/', headers: req.headers, params },
      credentials,
      Math.floor(Date.now() / 1000),
    )
    // CloudBase's code for a bad signature; answered with 200 like its other refusals, so node-sdk reports it.
    if (problem) return fail('SIGN_PARAM_INVALID', problem)

    const action = typeof params.action === 'string' ? params.action : ''
    const handler = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined
    if (!handler) return fail('INVALID_ACTION', `action "${action}" is not supported by the emulator`)
    // An empty envName means "the default environment"; any other environment does not exist here.
    if (params.envName !== undefined && params.envName !== '' && params.envName !== envId) {
      return fail(
        'INVALID_ENV',
        `[ResourceNotFound] environment ${String(params.envName)} does not exist (this emulator is ${envId})`,
      )
    }

    try {
      const fromFunction = req.headers['x-cloud-caller'] === 'function'
      const result = await requestOrigin.run({ fromFunction }, () => handler(params, Date.now()))
      sendJson(res, 200, { requestId, ...result })
    } catch (e) {
      if (e instanceof CloudError) return fail(e.code, e.message)
      console.error(`[cloud] ${action} failed`, e)
      fail('SYS_ERR', 'internal error in the emulator')
    }
  }
}
