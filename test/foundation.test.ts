import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../tools/aws-local'
import { runAction, runBundle } from '../tools/harness/run-action'

/**
 * The foundation end to end: the test-only fixture action (test/fixture) goes through every
 * layer of the shared core inside its committed bundle, on Node 24, against the local AWS
 * stand-in, exactly as the runner runs an action.
 */

let aws: AwsLocal
const TOKEN = 'tok-9f8e7d6c5b4a'
const PARAMETER = '/shop/release'

beforeAll(async () => {
  aws = await startAwsLocal()
})
afterAll(async () => {
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.service('ssm').putParameter({ Name: PARAMETER, Value: 'v1' })
})

const inputs = (extra: Record<string, string> = {}) => ({
  'parameter-name': PARAMETER,
  'api-token': TOKEN,
  ...extra,
})

it('survives throttling: the call throttled twice succeeds on the third attempt', async () => {
  aws.fault('ssm', 'GetParameter', { kind: 'throttle', times: 2 })
  const run = await runAction('fixture', { inputs: inputs(), env: aws.env() })
  expect(run.errors).toEqual([])
  expect(run.exitCode).toBe(0)
  const reads = aws.callsOf('ssm', 'GetParameter')
  expect(reads.map((c) => c.error?.code ?? c.status)).toEqual([
    'ThrottlingException',
    'ThrottlingException',
    200,
  ])
  expect(reads[2].input).toEqual({ Name: PARAMETER })
  expect(run.outputs).toEqual({ value: 'v1', version: '1', polls: '0' })
  expect(aws.callsOf('ssm', 'PutParameter')).toHaveLength(1)
})

it('survives a connection reset and a 503', async () => {
  aws.fault('ssm', 'GetParameter', { kind: 'reset', times: 1 })
  aws.fault('ssm', 'PutParameter', { kind: 'http5xx', status: 503, times: 1 })
  const run = await runAction('fixture', { inputs: inputs(), env: aws.env() })
  expect(run.exitCode).toBe(0)
  expect(aws.callsOf('ssm', 'GetParameter')).toHaveLength(2)
  expect(aws.callsOf('ssm', 'PutParameter')).toHaveLength(2)
})

it('writes outputs and a job summary with a timeline and the inputs, the secret removed', async () => {
  const run = await runAction('fixture', { inputs: inputs(), env: aws.env(), debug: true })
  expect(run.exitCode).toBe(0)
  expect(run.summary).toContain('## Fixture')
  expect(run.summary).toMatch(/\| observe \| \+0ms \| \d+(ms|\.\ds) \| ✅ \|/)
  expect(run.summary).toContain('| `api-token` | *** |')
  expect(run.masks).toContain(TOKEN)
  // With debug logging on, the fixture prints the token: the runner masks it, because the
  // action registered it before anything else was printed.
  expect(run.stdout.some((line) => line.includes(TOKEN) && line.startsWith('::debug::'))).toBe(true)
  expect(run.leaksOf(TOKEN)).toEqual([])
})

it('rejects a bad input with one sentence, before any AWS call', async () => {
  const run = await runAction('fixture', {
    inputs: inputs({ 'parameter-name': 'shop/release' }),
    env: aws.env(),
  })
  expect(run.exitCode).toBe(1)
  expect(run.errors).toEqual([
    `Input 'parameter-name' must be a parameter path starting with '/', got "shop/release".`,
  ])
  expect(aws.calls).toEqual([])
  expect(run.log).not.toMatch(/\n\s+at /)
  expect(run.leaksOf(TOKEN)).toEqual([])
})

it.each([
  [
    { timeout: 'soon' },
    `Input 'timeout' must be a duration such as 90s, 15m, 1h30m or 500ms (a bare number means seconds); got "soon".`,
  ],
  [{ 'dry-run': 'yes' }, `Input 'dry-run' must be a boolean (true or false), got "yes".`],
  [{ 'max-attempts': '0' }, `Input 'max-attempts' must be a whole number from 1 to 20, got 0.`],
  [
    { region: 'Virginia' },
    `Input 'region' must be an AWS region such as us-east-1 or eu-west-2; got "Virginia".`,
  ],
  [{ 'api-token': '' }, `Input 'api-token' is required but was not provided.`],
])('rejects %j with one sentence and no AWS call', async (extra, message) => {
  const run = await runAction('fixture', { inputs: inputs(extra), env: aws.env() })
  expect(run.exitCode).toBe(1)
  expect(run.errors).toEqual([message])
  expect(aws.calls).toEqual([])
})

it('makes no mutating call on a dry run', async () => {
  const run = await runAction('fixture', {
    inputs: inputs({ 'dry-run': 'true', 'expected-value': 'v2' }),
    env: aws.env(),
  })
  expect(run.exitCode).toBe(0)
  expect(run.stdout).toContain('Dry run: nothing was changed.')
  expect(aws.callsOf('ssm').length).toBeGreaterThan(0)
  expect(aws.mutatingCalls()).toEqual([])
})

it('waits for a state change, logging each state once', async () => {
  setTimeout(() => aws.service('ssm').putParameter({ Name: PARAMETER, Value: 'v2' }), 1500)
  const run = await runAction('fixture', { inputs: inputs({ 'expected-value': 'v2' }), env: aws.env() })
  expect(run.exitCode).toBe(0)
  expect(run.outputs.value).toBe('v2')
  expect(Number(run.outputs.polls)).toBeGreaterThan(2)
  const stateLines = run.stdout.filter((line) => line.startsWith(`${PARAMETER}: value`))
  expect(stateLines.map((l) => l.replace(/ \(.*\)$/, ''))).toEqual([
    `${PARAMETER}: value v1`,
    `${PARAMETER}: value v2`,
  ])
})

it('stops cleanly on SIGTERM mid-wait, saying the run was cancelled', async () => {
  const run = await runAction('fixture', {
    inputs: inputs({ 'expected-value': 'never', timeout: '5m' }),
    env: aws.env(),
    sendSignal: { signal: 'SIGTERM', line: /: value v1/ },
    timeoutMs: 20_000,
  })
  expect(run.signal).toBeNull()
  expect(run.exitCode).toBe(1)
  expect(run.errors).toEqual(['The run was cancelled (SIGTERM).'])
  expect(run.durationMs).toBeLessThan(10_000)
  expect(run.log).not.toMatch(/\n\s+at /)
})

describe('post step', () => {
  const RECORD = '/infra-actions/fixture/last-run'
  const record = () => aws.service('ssm').getParameter(RECORD)

  it('reads the state main saved, and cleans up what main did', async () => {
    const run = await runAction('fixture', { inputs: inputs(), env: aws.env(), post: true })
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.state.record)).toEqual({ name: RECORD, region: 'us-east-1', maxAttempts: 8 })
    expect(run.post?.exitCode).toBe(0)
    expect(run.post?.warnings).toEqual([])
    expect(run.post?.stdout).toContain(`Post: deleted ${RECORD} in us-east-1, which main recorded.`)
    // The stand-in itself shows the record created by main and gone after post.
    expect(aws.callsOf('ssm', 'PutParameter').map((c) => c.input?.Name)).toEqual([RECORD])
    expect(aws.callsOf('ssm', 'DeleteParameter').map((c) => c.input?.Name)).toEqual([RECORD])
    expect(record()).toBeUndefined()
  })

  it('runs after main failed', async () => {
    const run = await runAction('fixture', {
      inputs: inputs({ 'expected-value': 'never', timeout: '1s' }),
      env: aws.env(),
      post: true,
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(/did not finish within 1\.0s/)
    expect(run.post?.exitCode).toBe(0)
    expect(record()).toBeUndefined()
  })

  it('runs after main was cancelled by SIGTERM', async () => {
    const run = await runAction('fixture', {
      inputs: inputs({ 'expected-value': 'never', timeout: '5m' }),
      env: aws.env(),
      sendSignal: { signal: 'SIGTERM', line: /: value v1/ },
      timeoutMs: 20_000,
      post: true,
    })
    expect(run.errors).toEqual(['The run was cancelled (SIGTERM).'])
    expect(run.post?.exitCode).toBe(0)
    expect(run.post?.stdout).toContain(`Post: deleted ${RECORD} in us-east-1, which main recorded.`)
    expect(record()).toBeUndefined()
  })

  it('only warns when it fails, and never fails the job', async () => {
    aws.fault('ssm', 'DeleteParameter', {
      kind: 'error',
      code: 'AccessDeniedException',
      status: 400,
      times: 20,
    })
    const run = await runAction('fixture', { inputs: inputs(), env: aws.env(), post: true })
    expect(run.exitCode).toBe(0)
    expect(run.post?.exitCode).toBe(0)
    expect(run.post?.errors).toEqual([])
    expect(run.post?.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^fixture post step: Failed to delete the record ${RECORD} in us-east-1: AccessDeniedException`,
        ),
      ),
    ])
    expect(record()).toBeDefined()
  })

  it('has nothing to do when main changed nothing', async () => {
    const run = await runAction('fixture', {
      inputs: inputs({ 'dry-run': 'true' }),
      env: aws.env(),
      post: true,
    })
    expect(run.state).toEqual({})
    expect(run.post?.stdout).toContain('Post: main recorded nothing, so there is nothing to clean up.')
    expect(aws.mutatingCalls()).toEqual([])
  })
})

it('shows the AWS calls per operation in the summary', async () => {
  const run = await runAction('fixture', { inputs: inputs(), env: aws.env() })
  expect(run.summary).toContain('<details><summary>AWS calls (2)</summary>')
  expect(run.summary).toMatch(/\| GetParameter \| 1 \|/)
  expect(run.summary).toMatch(/\| PutParameter \| 1 \|/)
})

it('explains an unexpected AWS failure in one line, with the stack only in the debug log', async () => {
  aws.fault('ssm', 'GetParameter', {
    kind: 'error',
    code: 'AccessDeniedException',
    status: 400,
    times: 1,
    message: 'not authorized to perform ssm:GetParameter',
  })
  const quiet = await runAction('fixture', { inputs: inputs(), env: aws.env() })
  expect(quiet.exitCode).toBe(1)
  expect(quiet.errors).toEqual([
    `Failed to read SSM parameter ${PARAMETER}: AccessDeniedException: not authorized to perform ssm:GetParameter`,
  ])
  expect(quiet.log).not.toMatch(/\n\s+at /)

  aws.fault('ssm', 'GetParameter', {
    kind: 'error',
    code: 'AccessDeniedException',
    status: 400,
    times: 1,
    message: 'denied',
  })
  const verbose = await runAction('fixture', { inputs: inputs(), env: aws.env(), debug: true })
  expect(verbose.stdout.some((line) => line.startsWith('::debug::') && line.includes('%0A    at '))).toBe(
    true,
  )
})

describe('the harness', () => {
  it('reports a secret that was printed before it was masked, or written to an output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leaky-'))
    const script = join(dir, 'index.mjs')
    writeFileSync(
      script,
      [
        "import { appendFileSync } from 'node:fs'",
        "console.log('token is hunter2-token')",
        "console.log('::add-mask::hunter2-token')",
        "console.log('token is hunter2-token')",
        "appendFileSync(process.env.GITHUB_OUTPUT, 'leak<<EOF\\nhunter2-token\\nEOF\\n')",
      ].join('\n'),
    )
    const run = await runBundle(script, {})
    expect(run.leaksOf('hunter2-token')).toEqual(['log line 1: token is hunter2-token', 'output leak'])
    rmSync(dir, { recursive: true, force: true })
  })
})
