import { DEMO_SHOP, reopeningForm } from '../helpers/fixtures'
import { DEMO, TestCloud } from '../helpers/cloud'

/**
 * Showing stored photos to web (H5) callers: `POST /api/files/url` answers a temporary, signed URL for a file the
 * caller may see — one it uploaded, or one a cloud function has shown it — and FORBIDDEN for any other, so a
 * fileID learnt elsewhere opens nothing. In the mini-program the same comes from wx.cloud.getTempFileURL.
 */

let cloud: TestCloud
beforeAll(async () => {
  cloud = await TestCloud.start()
})
afterAll(() => cloud.stop())

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

async function codesFor(token: string, fileIDs: string[]): Promise<string[]> {
  const r = await cloud.fileUrls(token, fileIDs)
  if (!r.body.ok) throw new Error(`${r.body.code} ${r.body.message}`)
  return r.body.data.files.map((f) => f.code)
}

it('the uploader, and whoever a function showed the file to, get a URL; nobody else does', async () => {
  const owner = await cloud.login(DEMO.owner)
  const resident = await cloud.login(DEMO.resident)
  const economy = await cloud.login(DEMO.economy)
  const { body } = await cloud.upload(owner, new Blob([png], { type: 'image/png' }), 'licences')
  const licence = body.data!.fileID

  // The uploader sees it; the URL serves the picture.
  const mine = await cloud.fileUrls(owner, [licence])
  expect(mine.body).toMatchObject({ ok: true, data: { files: [{ fileID: licence, code: 'SUCCESS' }] } })
  const url = (mine.body as { data: { files: { tempFileURL: string }[] } }).data.files[0]!.tempFileURL
  const served = await fetch(url)
  expect(served.headers.get('content-type')).toBe('image/png')
  expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)

  // Someone who only knows the fileID gets nothing, and neither does a reviewer before the application exists.
  expect(await codesFor(resident, [licence])).toEqual(['FORBIDDEN'])
  expect(await codesFor(economy, [licence])).toEqual(['FORBIDDEN'])

  // The licence goes with an enterprise; its application reaches the reviewer through application.get.
  const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(owner, 'application', {
    action: 'registerEnterprise',
    ...DEMO_SHOP,
    name: '幸福里照相馆',
    licencePhoto: licence,
  })
  const { application } = await cloud.ok<{ application: { _id: string } }>(owner, 'application', {
    action: 'saveDraft',
    enterpriseId: enterprise._id,
    form: reopeningForm(),
  })
  await cloud.ok(owner, 'application', { action: 'submit', applicationId: application._id })
  await cloud.ok(economy, 'application', { action: 'get', applicationId: application._id })
  expect(await codesFor(economy, [licence])).toEqual(['SUCCESS'])
  // The resident was shown nothing.
  expect(await codesFor(resident, [licence])).toEqual(['FORBIDDEN'])
})

it('answers per file: missing files, foreign ids; refuses anonymous callers and bad requests', async () => {
  const owner = await cloud.login(DEMO.owner)
  const { body } = await cloud.upload(owner, new Blob([png], { type: 'image/png' }), 'receipts')
  const gone = body.data!.fileID
  const deleted = await cloud.sdk().deleteFile({ fileList: [gone] })
  expect(deleted.fileList[0]!.code).toBe('SUCCESS')
  expect(await codesFor(owner, [gone, 'cloud://someone-else.bucket/x.png'])).toEqual([
    'STORAGE_FILE_NONEXIST',
    'FORBIDDEN',
  ])
  expect((await cloud.fileUrls(undefined, [gone])).status).toBe(401)
  expect((await cloud.fileUrls(owner, [])).status).toBe(400)
  expect(
    (
      await cloud.fileUrls(
        owner,
        Array.from({ length: 51 }, (_x, i) => `cloud://x/${i}`),
      )
    ).status,
  ).toBe(400)
})
