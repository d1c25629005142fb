import {
  buildRecord,
  ecsRollbacks,
  liveRevision,
  recordKey,
  recordProblem,
  releaseSummary,
  type Needs,
} from './record'

const TD = (n: number): string => `arn:aws:ecs:us-east-1:123456789012:task-definition/shop-web:${n}`

const needs: Needs = {
  ami: { result: 'skipped', outputs: {} },
  database: {
    result: 'success',
    outputs: {
      'dump-uri': 's3://b/k.dump',
      verification: '{}',
      'started-at': '2026-12-01T10:00:00Z',
      'finished-at': '2026-12-01T10:01:30Z',
    },
  },
  binary: {
    result: 'success',
    outputs: {
      'object-key': 'shop-api/v1.2.3/shop-api',
      sha256: 'ab'.repeat(32),
      'previous-version': 'v1.2.2',
      'started-at': '2026-12-01T10:01:30Z',
      'finished-at': '2026-12-01T10:02:00Z',
    },
  },
  ecs: {
    result: 'success',
    outputs: {
      services: JSON.stringify([
        {
          cluster: 'shop',
          service: 'api',
          region: 'us-east-1',
          result: 'deployed',
          taskDefinitionArn: TD(3),
          previousTaskDefinitionArn: TD(2),
        },
        {
          cluster: 'shop',
          service: 'worker',
          region: 'us-east-1',
          result: 'deployed',
          taskDefinitionArn: TD(3),
          previousTaskDefinitionArn: TD(2),
        },
      ]),
    },
  },
  cdn: { result: 'skipped', outputs: {} },
}

const record = buildRecord({
  environment: 'production',
  version: 'v1.2.3',
  needs,
  releaseInputs: {
    'binary-targets': 'tag:Role=shop-api',
    'binary-service': 'shop-api',
    'binary-health-check': '',
  },
  bucket: 'shop-releases',
  prefix: 'shop-api',
  recordedAt: '2026-12-01T10:02:05Z',
})

describe('buildRecord', () => {
  it('records the stages that ran, with what they deployed and the restart settings', () => {
    expect(Object.keys(record.stages).sort()).toEqual(['binary', 'database', 'ecs'])
    expect(record.previousVersion).toBe('v1.2.2')
    expect(record.stages.binary).toMatchObject({
      bucket: 'shop-releases',
      binaryName: 'shop-api',
      sha256: 'ab'.repeat(32),
      restart: { targets: 'tag:Role=shop-api', service: 'shop-api', healthCheck: undefined },
    })
    expect(record.stages.ecs?.services.map((s) => s.service)).toEqual(['api', 'worker'])
  })

  it('survives outputs that are not JSON (a stage that failed early)', () => {
    const broken = buildRecord({
      environment: 'e',
      version: 'v1',
      needs: { ecs: { result: 'failure', outputs: { services: 'not json' } } },
      releaseInputs: {},
      bucket: 'b',
      prefix: 'p',
      recordedAt: 'now',
    })
    expect(broken.stages.ecs).toEqual({
      result: 'failure',
      services: [],
      startedAt: undefined,
      finishedAt: undefined,
    })
  })
})

describe('recordKey', () => {
  it('keeps each environment apart, whatever its name', () => {
    expect(recordKey('shop-api', 'v1.2.3', 'production')).toBe('shop-api/v1.2.3/release-production.json')
    expect(recordKey('p', 'v1', 'eu west/1')).toBe('p/v1/release-eu%20west%2F1.json')
  })
})

describe('recordProblem', () => {
  it('accepts the record it wrote and refuses one of another version, environment or format', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(record))
    expect(recordProblem(parsed, 'v1.2.3', 'production')).toBeUndefined()
    expect(recordProblem(parsed, 'v1.2.4', 'production')).toBe('it records version v1.2.3')
    expect(recordProblem(parsed, 'v1.2.3', 'staging')).toBe('it records environment production')
    expect(recordProblem({ ...record, format: 2 }, 'v1.2.3', 'production')).toMatch(/format is 2/)
    expect(recordProblem([], 'v1.2.3', 'production')).toMatch(/no stages|format/)
    expect(recordProblem('x', 'v1.2.3', 'production')).toBe('it is not a JSON object')
  })
})

describe('liveRevision', () => {
  it.each([
    ['deployed', TD(3)],
    ['updated', TD(3)],
    ['rolled-back', TD(2)],
    ['not-updated', TD(2)],
    ['failed', undefined],
    ['cancelled', undefined],
    ['planned', undefined],
  ])('%s leaves %s live', (result, live) => {
    expect(
      liveRevision({
        cluster: 'c',
        service: 's',
        result,
        taskDefinitionArn: TD(3),
        previousTaskDefinitionArn: TD(2),
      }),
    ).toBe(live)
  })
})

describe('ecsRollbacks', () => {
  it('groups the services going back to one revision into one ecs-deploy run', () => {
    expect(ecsRollbacks(record, 'us-east-1')).toEqual([
      { cluster: 'shop', region: 'us-east-1', services: 'api,worker', 'task-definition': TD(3) },
    ])
  })

  it('keeps revisions, clusters and regions apart, and only the services asked for', () => {
    const mixed = {
      ...record,
      stages: {
        ecs: {
          result: 'success',
          services: [
            { cluster: 'shop', service: 'api', result: 'deployed', taskDefinitionArn: TD(3) },
            {
              cluster: 'shop',
              service: 'worker',
              result: 'rolled-back',
              taskDefinitionArn: TD(3),
              previousTaskDefinitionArn: TD(2),
            },
            {
              cluster: 'shop',
              service: 'eu-api',
              region: 'eu-west-1',
              result: 'deployed',
              taskDefinitionArn: TD(3),
            },
            { cluster: 'shop', service: 'lost', result: 'failed', taskDefinitionArn: TD(3) },
          ],
        },
      },
    }
    expect(ecsRollbacks(mixed, 'us-east-1')).toEqual([
      { cluster: 'shop', region: 'us-east-1', services: 'api', 'task-definition': TD(3) },
      { cluster: 'shop', region: 'us-east-1', services: 'worker', 'task-definition': TD(2) },
      { cluster: 'shop', region: 'eu-west-1', services: 'eu-api', 'task-definition': TD(3) },
    ])
    expect(ecsRollbacks(mixed, 'us-east-1', ['worker'])).toEqual([
      { cluster: 'shop', region: 'us-east-1', services: 'worker', 'task-definition': TD(2) },
    ])
  })

  it('has nothing to do for a release without ECS', () => {
    expect(ecsRollbacks({ ...record, stages: {} }, 'us-east-1')).toEqual([])
  })
})

describe('releaseSummary', () => {
  it('has a row per stage with what it deployed and how long it took', () => {
    const summary = releaseSummary(record, needs)
    expect(summary).toContain('| ami | skipped |')
    expect(summary).toContain(
      `| binary | success | s3://shop-releases/shop-api/v1.2.3/shop-api (SHA-256 ${'ab'.repeat(32)}) | 30.0s |`,
    )
    expect(summary).toContain(`| ecs | success | api: ${TD(3)}, worker: ${TD(3)} |`)
    expect(summary).toContain('| database | success | s3://b/k.dump, {} | 1m 30s |')
  })
})
