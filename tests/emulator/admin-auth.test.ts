import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { readCloudCredentials } from '../../emulator/cloud'
import { CREDENTIALS_FILE, loadOrCreateCredentials } from '../../emulator/cloud/credentials'
import { startServer, type RunningServer } from '../../emulator/server'
import { rawAdmin } from '../helpers/admin'

/**
 * `/admin` is the admin API of the local cloud: whoever may call it can rewrite `accounts` and make themselves
 * an admin. Like CloudBase it answers only requests signed with the environment's key — which the local cloud
 * makes per data directory and hands to the functions it hosts — whatever address they come from, and never a
 * web page. Every refused request below would, if accepted, have made the resident an admin.
 */

let server: RunningServer
let dataDir: string

const RESIDENT = 'account-demo-resident'

/** The request a hostile page or a forwarding proxy would send: make the resident a street admin. */
const promote = {
  action: 'database.modifyDocument',
  envName: 'reopen-local',
  collectionName: 'accounts',
  query: JSON.stringify({ _id: RESIDENT }),
  data: JSON.stringify({ $set: { role: 'admin' } }),
  multi: false,
  merge: true,
}

async function residentRole(): Promise<string> {
  const { data } = await tcb
    .init({ env: server.envId, ...readCloudCredentials(dataDir) })
    .database()
    .collection('accounts')
    .doc(RESIDENT)
    .get()
  return data[0].role
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'reopen-admin-auth-'))
  server = await startServer({
    port: 0,
    dataDir,
    functionsDir: path.join(__dirname, '../fixtures/functions'),
  })
  await tcb
    .init({ env: tcb.SYMBOL_CURRENT_ENV })
    .database()
    .collection('accounts')
    .add({ _id: RESIDENT, identityKey: 'web:r', role: 'resident', scope: { streetId: 's' }, phone: '1' })
})

afterAll(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

afterEach(async () => {
  expect(await residentRole()).toBe('resident')
})

describe('the key', () => {
  it('is made once per data directory, readable by its owner only, and kept across restarts', async () => {
    const credentials = readCloudCredentials(dataDir)
    expect(credentials.secretId).toMatch(/^AKID[A-Za-z0-9]{32}$/)
    expect(credentials.secretKey).toMatch(/^[A-Za-z0-9]{32}$/)
    expect(statSync(path.join(dataDir, CREDENTIALS_FILE)).mode & 0o077).toBe(0)

    // What a restart reads back, and another data directory's own key.
    expect(loadOrCreateCredentials(dataDir)).toEqual(server.cloud.credentials)
    const other = mkdtempSync(path.join(os.tmpdir(), 'reopen-admin-auth-other-'))
    const otherKey = loadOrCreateCredentials(other)
    expect(otherKey.secretId).not.toBe(credentials.secretId)
    expect(loadOrCreateCredentials(other)).toEqual(otherKey)
    rmSync(other, { recursive: true, force: true })
  })

  it('reaches hosted functions as TENCENTCLOUD_SECRETID/SECRETKEY, as CloudBase hands functions their key', async () => {
    const res = await tcb
      .init({ env: server.envId, ...readCloudCredentials(dataDir) })
      .callFunction({ name: 'echo', data: { countCollection: 'accounts' } })
    const result = res.result as { env: Record<string, string>; count: number }
    expect(result.env.TENCENTCLOUD_SECRETID).toBe(server.cloud.credentials.secretId)
    expect(result.env.TENCENTCLOUD_SECRETKEY).toBe(server.cloud.credentials.secretKey)
    // ...and the function's own SDK calls, signed with it, are answered.
    expect(result.count).toBe(1)
  })
})

describe('a node-sdk script of one’s own (README)', () => {
  it('is answered when pointed at the local cloud with serviceUrl and the data directory’s key', async () => {
    const { secretId, secretKey } = readCloudCredentials(dataDir)
    const app = tcb.init({ env: 'reopen-local', secretId, secretKey, serviceUrl: `${server.url}/admin` })
    expect((await app.database().collection('accounts').count()).total).toBe(1)
    const stranger = tcb.init({
      env: 'reopen-local',
      secretId,
      secretKey: 'y'.repeat(32),
      serviceUrl: `${server.url}/admin`,
    })
    await expect(stranger.database().collection('accounts').count()).rejects.toMatchObject({
      code: 'SIGN_PARAM_INVALID',
    })
  })
})

describe('requests /admin refuses, whatever their address', () => {
  it('a correctly signed request is answered (the control)', async () => {
    const reply = await rawAdmin(
      server.url,
      { action: 'database.calculateDocument', collectionName: 'accounts', query: '{}' },
      { credentials: server.cloud.credentials },
    )
    expect(reply.json).toMatchObject({ data: { total: 1 } })
  })

  it('an unsigned request', async () => {
    const reply = await rawAdmin(server.url, promote)
    expect(reply.json).toMatchObject({ code: 'SIGN_PARAM_INVALID' })
  })

  it('a request signed with another key', async () => {
    const forged = { secretId: server.cloud.credentials.secretId, secretKey: 'x'.repeat(32) }
    expect((await rawAdmin(server.url, promote, { credentials: forged })).json.code).toBe(
      'SIGN_PARAM_INVALID',
    )
    const stranger = { secretId: 'AKIDsomeoneelse', secretKey: server.cloud.credentials.secretKey }
    expect((await rawAdmin(server.url, promote, { credentials: stranger })).json).toMatchObject({
      code: 'SIGN_PARAM_INVALID',
      message: 'secret id error',
    })
  })

  it('a request signed more than 10 minutes ago, or dated in the future', async () => {
    const now = Math.floor(Date.now() / 1000)
    const credentials = server.cloud.credentials
    expect((await rawAdmin(server.url, promote, { credentials, timestamp: now - 601 })).json).toMatchObject({
      code: 'SIGN_PARAM_INVALID',
      message: 'signature is expired',
    })
    expect((await rawAdmin(server.url, promote, { credentials, timestamp: now + 3600 })).json.code).toBe(
      'SIGN_PARAM_INVALID',
    )
  })

  it('a signed request replayed with another body', async () => {
    const harmless = { ...promote, data: JSON.stringify({ $set: { role: 'resident' } }) }
    const reply = await rawAdmin(server.url, harmless, {
      credentials: server.cloud.credentials,
      body: JSON.stringify(promote),
    })
    expect(reply.json.code).toBe('SIGN_PARAM_INVALID')
    // Adding a parameter the signer did not sign fails as well.
    const extra = await rawAdmin(server.url, harmless, {
      credentials: server.cloud.credentials,
      body: JSON.stringify({ ...harmless, upsert: true }),
    })
    expect(extra.json.code).toBe('SIGN_PARAM_INVALID')
  })

  it('a web page: a text/plain POST with a foreign Origin, signed or not', async () => {
    const page = { 'content-type': 'text/plain', origin: 'https://evil.example' }
    const unsigned = await rawAdmin(server.url, promote, { headers: page })
    expect(unsigned).toMatchObject({ status: 403, json: { code: 'PERMISSION_DENIED' } })
    const signed = await rawAdmin(server.url, promote, {
      headers: page,
      credentials: server.cloud.credentials,
    })
    expect(signed).toMatchObject({ status: 403, json: { code: 'PERMISSION_DENIED' } })
    const sameOrigin = await rawAdmin(server.url, promote, {
      headers: { origin: server.url },
      credentials: server.cloud.credentials,
    })
    expect(sameOrigin.status).toBe(403)
  })

  it('a request for another environment, even correctly signed', async () => {
    const reply = await rawAdmin(
      server.url,
      { ...promote, envName: 'someone-else' },
      { credentials: server.cloud.credentials },
    )
    expect(reply.json.code).toBe('INVALID_ENV')
  })
})
