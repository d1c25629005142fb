import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { actionNames, ROOT } from '../scripts/actions'
import { runAction } from '../tools/harness/run-action'

/** Actions whose implementation has not been released yet: their bundles fail with one sentence. */
const unreleased = actionNames().filter((name) =>
  readdirSync(join(ROOT, 'src', name))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .some((f) => readFileSync(join(ROOT, 'src', name, f), 'utf8').includes('notAvailable(')),
)

const cases = unreleased.length > 0 ? unreleased : ['(none)']

it.each(cases)('%s fails with one sentence saying it is not available yet', async (name) => {
  if (name === '(none)') return
  const run = await runAction(name, { inputs: { 'dry-run': 'true' } })
  expect(run.exitCode).toBe(1)
  expect(run.errors).toEqual([
    `The ${name} action is not available yet in infra-actions; see the suite's README for the actions you can use today.`,
  ])
  expect(run.log).not.toMatch(/\n\s+at /)
})
