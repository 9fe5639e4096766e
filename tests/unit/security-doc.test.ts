import fs from 'node:fs'
import { ACCESS_DOC, README, accessDoc, readmeWithSection } from '../../scripts/security-doc'

/** The README's "安全" section and docs/access.md say what the access and masking tables say, word for word. */
it('the README and docs/access.md match shared/policy.ts and shared/mask.ts (npm run docs:security)', () => {
  const readme = fs.readFileSync(README, 'utf8')
  expect(readmeWithSection(readme)).toBe(readme)
  expect(fs.readFileSync(ACCESS_DOC, 'utf8')).toBe(accessDoc())
})
