import type { ActionHandler } from './database'
import { CloudError, invalidParam } from './errors'
import type { CloudOptions } from './types'

/**
 * `app.callFunction({name, data})` arrives as `functions.invokeFunction` with the data JSON-encoded in
 * `request_data`; the result goes back JSON-encoded in `response_data`. Failures carry CloudBase's codes:
 * FUNCTION_NOT_FOUND for an unknown name, FUNCTIONS_EXECUTE_FAIL when the function throws or times out.
 */
export function functionActions(invoke: CloudOptions['invokeFunction']): Record<string, ActionHandler> {
  return {
    'functions.invokeFunction': async (p) => {
      const name = p.function_name
      if (typeof name !== 'string' || name === '') {
        throw new CloudError('FUNCTIONS_NAME_MISSING', 'function_name is required')
      }
      let event: unknown = {}
      if (typeof p.request_data === 'string' && p.request_data !== '') {
        try {
          event = JSON.parse(p.request_data)
        } catch {
          throw invalidParam('request_data must be JSON')
        }
      }
      let result: unknown
      try {
        result = await invoke(name, event)
      } catch (e) {
        const code = (e as { code?: unknown }).code
        if (code === 'UNKNOWN_FUNCTION')
          throw new CloudError('FUNCTION_NOT_FOUND', `[FUNCTION_NOT_FOUND] 找不到对应的FunctionName: ${name}`)
        const message = e instanceof Error ? e.message : String(e)
        throw new CloudError('FUNCTIONS_EXECUTE_FAIL', `[FunctionExecuteFail] ${name}: ${message}`)
      }
      return { data: { response_data: JSON.stringify(result ?? null) } }
    },
  }
}
