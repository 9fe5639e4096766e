import tcb from '@cloudbase/node-sdk'
import { readCloudCredentials, type CloudCredentials } from './cloud/credentials'

/**
 * What SCF gives a function in production, pointed at a local cloud: node-sdk reads these from the process
 * environment. TENCENTCLOUD_RUNENV=SCF also stops node-sdk from probing Tencent's metadata host (a DNS lookup per
 * request, which offline can hang and tie up libuv's thread pool); `tcb.SYMBOL_CURRENT_ENV` resolves to
 * SCF_NAMESPACE; the key is the one `/admin` checks every request's signature against.
 */
export function sdkEnvironment(
  url: string,
  envId: string,
  credentials: CloudCredentials,
): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: process.env.TENCENTCLOUD_REGION ?? 'ap-shanghai',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_SECRETID: credentials.secretId,
    TENCENTCLOUD_SECRETKEY: credentials.secretKey,
  }
}

/**
 * Points node-sdk in this process at the local cloud running at `url` on `dataDir` (for scripts and tests that
 * run the server in another process), with the key from that data directory, and returns an initialised app.
 */
export function connectLocalCloud(url: string, dataDir: string, envId = 'reopen-local') {
  Object.assign(process.env, sdkEnvironment(url, envId, readCloudCredentials(dataDir)))
  delete process.env.TENCENTCLOUD_SESSIONTOKEN
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
}
