import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  getInputs,
  parseCommand,
  parseEnvironment,
  parseImages,
  parseServices,
  parseSource,
  parseTest,
  parseTaskDefinitionJson,
} from './inputs'
import { setInputs, userErrorOf } from '../common/testing'

const workspace = mkdtempSync(join(tmpdir(), 'ecs-deploy-inputs-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

describe('getInputs', () => {
  it('reads a force deployment with the defaults', () => {
    setInputs({ cluster: 'prod', services: 'api, worker', region: 'eu-west-1' })
    const inputs = getInputs()
    expect(inputs).toMatchObject({
      cluster: 'prod',
      services: ['api', 'worker'],
      source: { kind: 'force' },
      images: { kind: 'none' },
      wait: true,
      waitFor: 'stable',
      timeoutMs: 900_000,
      rollback: true,
      dryRun: false,
      regions: ['eu-west-1'],
      aws: { region: 'eu-west-1', maxAttempts: 8, action: 'ecs-deploy' },
    })
    expect(inputs.maxFailedTasks).toBeUndefined()
  })

  it('reads every optional input', () => {
    setInputs({
      cluster: 'prod',
      services: 'api',
      region: 'us-east-1',
      regions: 'us-east-1\neu-west-1',
      image: 'app=acme/web:2.0',
      environment: 'app.LOG_LEVEL=debug',
      'desired-count': '4',
      wait: 'true',
      'wait-for': 'healthy',
      timeout: '20m',
      'max-failed-tasks': '2',
      rollback: 'false',
      'run-task': 'bin/migrate up',
      'keep-revisions': '10',
      'max-attempts': '5',
      'dry-run': 'true',
    })
    expect(getInputs()).toMatchObject({
      desiredCount: 4,
      waitFor: 'healthy',
      timeoutMs: 1_200_000,
      maxFailedTasks: 2,
      rollback: false,
      runTask: { command: ['bin/migrate', 'up'] },
      keepRevisions: 10,
      regions: ['us-east-1', 'eu-west-1'],
      dryRun: true,
      environment: [{ container: 'app', name: 'LOG_LEVEL', value: 'debug' }],
    })
  })

  it('names the missing cluster before anything else', () => {
    setInputs({ services: 'api', region: 'us-east-1' })
    expect(userErrorOf(() => getInputs())).toBe("Input 'cluster' is required but was not provided.")
  })

  it('rejects a bad wait-for and a bad region', () => {
    setInputs({ cluster: 'prod', services: 'api', region: 'us-east-1', 'wait-for': 'ready' })
    expect(userErrorOf(() => getInputs())).toBe(
      `Input 'wait-for' must be one of stable, healthy, traffic-shifted; got "ready".`,
    )
    setInputs({ 'wait-for': 'stable', regions: 'us-east-1, mars' })
    expect(userErrorOf(() => getInputs())).toMatch(/^Input 'regions' must be an AWS region/)
  })

  it('refuses an ARN of one region when the rollout runs in another', () => {
    const cluster = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'
    setInputs({ cluster, services: 'api', region: 'us-east-1', regions: 'us-east-1, eu-west-1' })
    expect(userErrorOf(() => getInputs())).toBe(
      `Input 'cluster' gives ${cluster}, an ARN in us-east-1, which names nothing in eu-west-1; give the name instead, which each region resolves on its own.`,
    )
    setInputs({
      cluster: 'prod',
      services: 'api, arn:aws:ecs:eu-west-1:123456789012:service/prod/worker',
      regions: 'us-east-1',
    })
    expect(userErrorOf(() => getInputs())).toMatch(
      /^Input 'services' gives .*, an ARN in eu-west-1, which names nothing in us-east-1;/,
    )
    setInputs({
      services: 'api',
      regions: '',
      'task-definition': 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
    })
    expect(getInputs().source).toEqual({
      kind: 'existing',
      reference: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
    })
  })
})

describe('services', () => {
  it('accepts names and ARNs, and refuses duplicates and nonsense', () => {
    expect(parseServices(['api', 'arn:aws:ecs:us-east-1:123456789012:service/prod/worker'])).toHaveLength(2)
    expect(userErrorOf(() => parseServices([]))).toBe("Input 'services' is required but was not provided.")
    expect(userErrorOf(() => parseServices(['api', 'api']))).toBe(
      `Input 'services' names service "api" more than once.`,
    )
    expect(userErrorOf(() => parseServices(['api v2']))).toBe(
      `Input 'services' must list service names or ARNs; "api v2" is neither.`,
    )
  })
})

describe('what to roll out', () => {
  it('is a forced deployment when nothing is given, an image roll-out with image alone', () => {
    expect(parseSource(undefined, undefined, workspace)).toEqual({ kind: 'force' })
    expect(parseSource(undefined, 'acme/web:1', workspace)).toEqual({ kind: 'image' })
  })

  it('takes an existing revision, a family or an ARN', () => {
    expect(parseSource('web:42', undefined, workspace)).toEqual({ kind: 'existing', reference: 'web:42' })
    expect(parseSource('web', undefined, workspace)).toEqual({ kind: 'existing', reference: 'web' })
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42'
    expect(parseSource(arn, undefined, workspace)).toEqual({ kind: 'existing', reference: arn })
  })

  it('refuses an image with an existing revision: two roll-out modes at once', () => {
    expect(userErrorOf(() => parseSource('web:42', 'acme/web:2', workspace))).toBe(
      "Inputs 'image' and 'task-definition' cannot be used together when 'task-definition' names an existing revision (web:42); give a task definition file, or 'image' alone to copy each service's current revision.",
    )
  })

  it('reads a file relative to the workspace, accepting describe-task-definition output', () => {
    writeFileSync(
      join(workspace, 'td.json'),
      JSON.stringify({ taskDefinition: { family: 'web', containerDefinitions: [{ name: 'app' }] } }),
    )
    expect(parseSource('td.json', 'acme/web:2', workspace)).toMatchObject({
      kind: 'file',
      path: 'td.json',
      definition: { family: 'web' },
    })
  })

  it('names a missing file', () => {
    expect(userErrorOf(() => parseSource('deploy/missing.json', undefined, workspace))).toBe(
      "Input 'task-definition' names the file deploy/missing.json, which does not exist in the workspace.",
    )
  })

  it('names line and column of broken JSON', () => {
    expect(
      userErrorOf(() => parseTaskDefinitionJson('td.json', '{\n  "family": "web",\n  "cpu": 256,,\n}')),
    ).toMatch(/^The task definition file td\.json is not valid JSON: line 3, column 14: /)
  })

  it.each([
    ['[]', 'must hold a JSON object'],
    ['{"containerDefinitions": [{"name": "app"}]}', 'must set "family"'],
    ['{"family": "web", "containerDefinitions": []}', 'must list "containerDefinitions"'],
    ['{"family": "web", "containerDefinitions": [{"image": "x"}]}', 'must list "containerDefinitions"'],
  ])('checks the shape of %s', (text, message) => {
    expect(userErrorOf(() => parseTaskDefinitionJson('td.json', text))).toContain(message)
  })

  it('rejects a reference that is neither a file nor a revision', () => {
    expect(userErrorOf(() => parseSource('web:latest', undefined, workspace))).toMatch(
      /^Input 'task-definition' must be a JSON file/,
    )
  })
})

describe('images', () => {
  it('takes a single image or container=image lines', () => {
    expect(parseImages('acme/web:2')).toEqual({ kind: 'single', image: 'acme/web:2' })
    expect(parseImages('app=acme/web:2\nsidecar = acme/envoy:1.30\n')).toEqual({
      kind: 'per-container',
      images: new Map([
        ['app', 'acme/web:2'],
        ['sidecar', 'acme/envoy:1.30'],
      ]),
    })
  })

  it('rejects a malformed reference, naming the container', () => {
    expect(userErrorOf(() => parseImages('acme/Web:2'))).toBe(
      `Input 'image' has a malformed image reference "acme/Web:2": repository names must be lowercase.`,
    )
    expect(userErrorOf(() => parseImages('app=acme/web:2\nsidecar=envoy:'))).toBe(
      `Input 'image' has a malformed image reference "envoy:" for container sidecar: the tag "" is not valid (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-').`,
    )
    expect(userErrorOf(() => parseImages('acme/web:1\napp=acme/web:2'))).toContain('no key before')
  })
})

describe('environment', () => {
  it('reads container.KEY=VALUE and KEY=VALUE lines', () => {
    expect(parseEnvironment('app.URL=https://x/?a=b\nMODE=live', { kind: 'image' })).toEqual([
      { container: 'app', name: 'URL', value: 'https://x/?a=b' },
      { container: undefined, name: 'MODE', value: 'live' },
    ])
  })

  it('needs a new revision to change', () => {
    expect(userErrorOf(() => parseEnvironment('app.A=1', { kind: 'force' }))).toBe(
      "Input 'environment' needs a new revision to change: set 'image' or a task definition file in 'task-definition' with it.",
    )
  })

  it('rejects invalid names', () => {
    expect(userErrorOf(() => parseEnvironment('app.1A=1', { kind: 'image' }))).toMatch(
      /has an invalid key "app.1A"/,
    )
  })
})

describe('run-task command', () => {
  it('splits words, honouring quotes, or reads a JSON array', () => {
    expect(parseCommand(`bin/migrate up --to "2025 01"`)).toEqual(['bin/migrate', 'up', '--to', '2025 01'])
    expect(parseCommand(`sh -c 'echo a=b'`)).toEqual(['sh', '-c', 'echo a=b'])
    expect(parseCommand('["rake", "db:migrate"]')).toEqual(['rake', 'db:migrate'])
  })

  it('rejects an unterminated quote and a bad array', () => {
    expect(userErrorOf(() => parseCommand(`sh -c 'oops`))).toMatch(/unterminated quote/)
    expect(userErrorOf(() => parseCommand('["rake", 1]'))).toMatch(/non-empty JSON array of strings/)
    expect(userErrorOf(() => parseCommand('["rake",'))).toMatch(
      /^Input 'run-task' is not a valid JSON array: line 1/,
    )
  })
})

describe('parseTest', () => {
  it('takes the command as written, and an http or https test URL', () => {
    expect(parseTest('curl -f "$INFRA_ACTIONS_TEST_URL"', 'https://test.example.com')).toEqual({
      command: 'curl -f "$INFRA_ACTIONS_TEST_URL"',
      url: 'https://test.example.com',
      at: 'test-traffic',
    })
    expect(parseTest('true', undefined, 'first-step')).toEqual({ command: 'true', at: 'first-step' })
    expect(parseTest(undefined, undefined)).toBeUndefined()
  })

  it("refuses 'test-at' without a command, and a moment it does not know", () => {
    expect(userErrorOf(() => parseTest(undefined, undefined, 'first-step'))).toBe(
      "Input 'test-at' is set but 'test-command' is not; set the command to run.",
    )
    expect(userErrorOf(() => parseTest('true', undefined, 'canary'))).toMatch(
      /^Input 'test-at' must be one of test-traffic, first-step/,
    )
  })

  it('refuses a URL without a command, and one that is not http or https', () => {
    expect(userErrorOf(() => parseTest(undefined, 'https://x'))).toBe(
      "Input 'test-url' is set but 'test-command' is not; set the command to run.",
    )
    expect(userErrorOf(() => parseTest('true', 'ftp://x'))).toBe(
      `Input 'test-url' must be an http or https URL; got "ftp://x".`,
    )
  })
})
