import { readFileSync } from 'node:fs'
import path from 'node:path'
import { renderCloudbaserc } from '../../scripts/cloudbaserc'

it('the committed cloudbaserc.json matches the functions and their config.json (run `npx tsx scripts/cloudbaserc.ts`)', () => {
  const committed = readFileSync(path.resolve(__dirname, '../../cloudbaserc.json'), 'utf8')
  expect(committed).toBe(renderCloudbaserc())
})
