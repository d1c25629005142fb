import { jest } from '@jest/globals'

/** The post-step runner and the state store, with @actions/core's file commands captured. */
const warnings: string[] = []
const failures: string[] = []
const saved = new Map<string, string>()
jest.unstable_mockModule('@actions/core', () => ({
  warning: (m: string) => warnings.push(m),
  setFailed: (m: string) => failures.push(m),
  debug: () => undefined,
  info: () => undefined,
  error: () => undefined,
  saveState: (name: string, value: string) => saved.set(name, value),
  getState: (name: string) => process.env[`STATE_${name}`] ?? '',
}))
const { runAction, runPost, runnerState } = await import('./action')

beforeEach(() => {
  warnings.length = 0
  failures.length = 0
  saved.clear()
})

it('saves state as text or JSON, and reads it back from STATE_ variables as the runner hands it to post', () => {
  runnerState.save('instance', 'i-0abc')
  runnerState.save('record', { name: '/a', region: 'eu-west-1' })
  expect([...saved]).toEqual([
    ['instance', 'i-0abc'],
    ['record', '{"name":"/a","region":"eu-west-1"}'],
  ])
  process.env.STATE_record = saved.get('record')
  process.env.STATE_broken = '{not json'
  expect(runnerState.getJson('record')).toEqual({ name: '/a', region: 'eu-west-1' })
  expect(runnerState.getJson('broken')).toBeUndefined()
  expect(runnerState.get('missing')).toBeUndefined()
})

it('runs a post step that fails as a warning, never a failure', async () => {
  await runPost('build-ami', async () => {
    throw new Error('could not terminate i-0abc')
  })
  expect(warnings).toEqual(['build-ami post step: could not terminate i-0abc'])
  expect(failures).toEqual([])
})

it('hands main and post the same state store', async () => {
  let seen: unknown
  await runAction('x', async ({ state }) => {
    seen = state
  })
  expect(seen).toBe(runnerState)
})
