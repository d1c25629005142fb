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

it('fails the step when main is left waiting on something that can never happen, instead of exiting green', async () => {
  const listeners = process.listenerCount('beforeExit')
  void runAction('deploy-binary', () => new Promise<void>(() => undefined))
  expect(process.listenerCount('beforeExit')).toBe(listeners + 1)
  process.emit('beforeExit', 0)
  expect(failures).toEqual([
    expect.stringMatching(/^deploy-binary stopped before it finished: .* its outcome is unknown;/),
  ])
  expect(process.listenerCount('beforeExit')).toBe(listeners)
})

it('leaves no exit guard behind once main has finished', async () => {
  const listeners = process.listenerCount('beforeExit')
  await runAction('x', async () => undefined)
  await runPost('x', async () => undefined)
  expect(process.listenerCount('beforeExit')).toBe(listeners)
  process.emit('beforeExit', 0)
  expect(failures).toEqual([])
  expect(warnings).toEqual([])
})
