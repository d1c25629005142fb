import {
  buildRecord,
  ecsRollbacks,
  keepPreviousVersion,
  liveRevision,
  recordKey,
  recordProblem,
  releaseSummary,
  rollbackGoalProblem,
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

describe('keepPreviousVersion', () => {
  /** The record a run of v1.2.3 writes when deploy-binary outputs `previous` as previous-version. */
  const run = (previous: string): ReturnType<typeof buildRecord> =>
    buildRecord({
      environment: 'production',
      version: 'v1.2.3',
      needs: {
        ...needs,
        binary: { ...needs.binary, outputs: { ...needs.binary.outputs, 'previous-version': previous } },
      },
      releaseInputs: {},
      bucket: 'shop-releases',
      prefix: 'shop-api',
      recordedAt: '2026-12-01T11:00:00Z',
    })

  it('keeps the stored release before when a re-run saw its own version (or nothing) on the pointer', () => {
    // "Re-run all jobs": the pointer already names v1.2.3, so deploy-binary says v1.2.3 came before it.
    expect(run('v1.2.3').previousVersion).toBe('v1.2.3')
    expect(keepPreviousVersion(run('v1.2.3'), record).previousVersion).toBe('v1.2.2')
    expect(keepPreviousVersion(run(''), record).previousVersion).toBe('v1.2.2')
    // Everything else is this run's.
    expect(keepPreviousVersion(run('v1.2.3'), record).recordedAt).toBe('2026-12-01T11:00:00Z')
  })

  it('takes what this run saw when it names another version, and never the version itself', () => {
    expect(keepPreviousVersion(run('v1.2.1'), record).previousVersion).toBe('v1.2.1')
    expect(keepPreviousVersion(run('v1.2.3'), undefined).previousVersion).toBeUndefined()
    const selfRecorded = { ...record, previousVersion: 'v1.2.3' }
    expect(keepPreviousVersion(run('v1.2.3'), selfRecorded).previousVersion).toBeUndefined()
    expect(JSON.stringify(keepPreviousVersion(run('v1.2.3'), undefined))).not.toContain('previousVersion')
  })
})

describe('rollbackGoalProblem', () => {
  it('refuses to go back to the version live now, in one sentence', () => {
    expect(rollbackGoalProblem('v1.2.2', 'v1.2.3', 'previous')).toBeUndefined()
    expect(rollbackGoalProblem('v1.2.2', undefined, 'v1.2.2')).toBeUndefined()
    expect(rollbackGoalProblem('v1.2.3', 'v1.2.3', 'previous')).toBe(
      "The release record of v1.2.3 names v1.2.3 itself as the release before it (a re-run of that release recorded it), so there is no earlier release to go back to; input 'target' must name the version to go back to.",
    )
    expect(rollbackGoalProblem('v1.2.3', 'v1.2.3', 'v1.2.3')).toBe(
      "Input 'target' is v1.2.3, the version live now, so a rollback to it would change nothing; name an earlier version.",
    )
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
