import { userErrorOf } from '../common/testing'
import type { FileDigest, ObjectInfo } from '../common/s3'
import type { Inputs } from './inputs'
import { commandInput, describePlan, listText, plan, rollbackRates, type ObservedState } from './plan'

const digest: FileDigest = { size: 10, sha256: 'a'.repeat(64), crc32: 'AAAAAA==' }

function inputs(overrides: Partial<Inputs> = {}): Inputs {
  return {
    file: '/work/bin/app',
    bucket: 'releases',
    prefix: 'app',
    version: 'v2',
    versionGiven: true,
    binaryName: 'app',
    pointerKey: 'app/latest.txt',
    fleet: { kind: 'none' },
    maxConcurrency: '25%',
    maxErrors: '0',
    healthCheckTimeoutSeconds: 60,
    deliveryTimeoutSeconds: 600,
    executionTimeoutSeconds: 600,
    installMode: 'pointer',
    wait: true,
    timeoutMs: 1_800_000,
    rollback: true,
    rollbackGiven: false,
    dryRun: false,
    aws: { region: 'us-east-1', maxAttempts: 8, action: 'deploy-binary' },
    origin: { commit: 'abc1234', runUrl: 'https://github.com/acme/shop/actions/runs/1' },
    ...overrides,
  }
}

const object = (sha = digest.sha256, size = digest.size): ObjectInfo => ({
  etag: '"e"',
  size,
  metadata: { sha256: sha },
})

function state(overrides: Partial<ObservedState> = {}): ObservedState {
  return { digest, pointer: { text: 'v1\n', etag: '"p1"' }, instances: [], ...overrides }
}

const refusal = userErrorOf

describe('plan: publishing', () => {
  it('uploads a new release, writes its checksum object and moves the pointer on its ETag', () => {
    const p = plan(inputs(), state())
    expect(p).toMatchObject({
      version: 'v2',
      previousVersion: 'v1',
      previousPointerText: 'v1\n',
      object: { uri: 's3://releases/app/v2/app', key: 'app/v2/app' },
      checksumObject: { key: 'app/v2/app.sha256' },
      pointer: { key: 'app/latest.txt' },
      sha256: digest.sha256,
      upload: true,
      writeChecksum: true,
      checksumBody: `${digest.sha256}  app\n`,
      movePointer: true,
      pointerEtag: '"p1"',
      rollbackEntry: false,
      metadata: {
        version: 'v2',
        commit: 'abc1234',
        'run-url': 'https://github.com/acme/shop/actions/runs/1',
      },
    })
    expect(p.restart).toBeUndefined()
  })

  it('creates the pointer on a first release (no ETag to match)', () => {
    const p = plan(inputs(), state({ pointer: undefined }))
    expect([p.movePointer, p.pointerEtag, p.previousVersion]).toEqual([true, undefined, undefined])
  })

  it('uploads nothing and writes nothing on a re-run that finds everything in place', () => {
    const p = plan(
      inputs(),
      state({
        object: object(),
        checksumText: `${digest.sha256}  app\n`,
        pointer: { text: 'v2\n', etag: '"p2"' },
      }),
    )
    expect([p.upload, p.writeChecksum, p.movePointer]).toEqual([false, false, false])
    expect(p.uploadNote).toBe('s3://releases/app/v2/app holds this very file already')
  })

  it('rewrites a missing or wrong checksum object beside an existing release', () => {
    expect(plan(inputs(), state({ object: object(), checksumText: undefined })).writeChecksum).toBe(true)
    expect(plan(inputs(), state({ object: object(), checksumText: 'junk' })).writeChecksum).toBe(true)
  })

  it('refuses a different file under an existing version', () => {
    expect(refusal(() => plan(inputs(), state({ object: object('b'.repeat(64)) })))).toBe(
      `s3://releases/app/v2/app already holds a different binary for v2 (SHA-256 ${'b'.repeat(64)}, 10 bytes; the file's is ${digest.sha256}, 10 bytes); a release is immutable: publish under a new 'version'.`,
    )
    expect(refusal(() => plan(inputs(), state({ object: object(digest.sha256, 11) })))).toMatch(
      /already holds a different binary/,
    )
  })
})

describe('plan: the rollback entry', () => {
  const entry = inputs({ file: undefined })

  it('moves the pointer to an existing release and uploads nothing', () => {
    const p = plan(
      entry,
      state({ digest: undefined, object: object('c'.repeat(64)), pointer: { text: 'v3', etag: '"p3"' } }),
    )
    expect(p).toMatchObject({
      rollbackEntry: true,
      upload: false,
      writeChecksum: false,
      movePointer: true,
      sha256: 'c'.repeat(64),
      previousVersion: 'v3',
    })
  })

  it('refuses a version that was never released', () => {
    expect(refusal(() => plan(entry, state({ digest: undefined })))).toBe(
      "Input 'version' names v2, but there is no release at s3://releases/app/v2/app; give the version of a release published before (the pointer names v1).",
    )
  })

  it('refuses direct mode for a release without a recorded SHA-256', () => {
    const direct = inputs({
      file: undefined,
      installMode: 'direct',
      workingDirectory: '/opt/app',
      service: 'app',
      fleet: { kind: 'ids', ids: ['i-0123456789abcdef0'] },
    })
    const bare: ObjectInfo = { etag: '"e"', size: 3, metadata: {} }
    expect(refusal(() => plan(direct, state({ digest: undefined, object: bare })))).toMatch(
      /has no SHA-256 in its metadata/,
    )
  })
})

describe('plan: the restart', () => {
  const ids = Array.from({ length: 120 }, (_, i) => `i-${String(i).padStart(17, '0')}`)
  const online = (list: string[]) => list.map((InstanceId) => ({ InstanceId, PingStatus: 'Online' }))

  it('sends listed ids in batches of at most 50', () => {
    const p = plan(inputs({ fleet: { kind: 'ids', ids }, service: 'app' }), state({ instances: online(ids) }))
    expect(p.restart?.targets).toEqual({
      kind: 'ids',
      batches: [ids.slice(0, 50), ids.slice(50, 100), ids.slice(100)],
    })
    expect(p.restart?.instances).toEqual(ids)
  })

  it('refuses ids that are not registered, or not Online, naming each', () => {
    const two = ids.slice(0, 2)
    expect(
      refusal(() =>
        plan(
          inputs({ fleet: { kind: 'ids', ids: two }, service: 'app' }),
          state({ instances: online([two[0]]) }),
        ),
      ),
    ).toBe(
      `${two[1]} is not registered with SSM in us-east-1 (no SSM Agent, or no instance profile allowing it); nothing was changed.`,
    )
    expect(
      refusal(() =>
        plan(
          inputs({ fleet: { kind: 'ids', ids: two }, service: 'app' }),
          state({
            instances: [
              { InstanceId: two[0], PingStatus: 'ConnectionLost' },
              { InstanceId: two[1], PingStatus: 'Inactive' },
            ],
          }),
        ),
      ),
    ).toBe(
      `${two[0]} (ConnectionLost) and ${two[1]} (Inactive) are not Online in SSM, so they would miss the restart; nothing was changed.`,
    )
  })

  it('hands targets to SSM and notes matched instances that are not Online', () => {
    const targets = [{ Key: 'tag:Role', Values: ['api'] }]
    const p = plan(
      inputs({ fleet: { kind: 'targets', targets }, service: 'app' }),
      state({
        instances: [...online(ids.slice(0, 2)), { InstanceId: ids[2], PingStatus: 'ConnectionLost' }],
      }),
    )
    expect(p.restart).toMatchObject({ targets: { kind: 'targets', targets }, offline: [ids[2]] })
  })

  it('refuses targets that match nothing, or nothing Online', () => {
    const fleet = { kind: 'targets' as const, targets: [{ Key: 'tag:Role', Values: ['api'] }] }
    expect(refusal(() => plan(inputs({ fleet, service: 'app' }), state()))).toBe(
      'No SSM managed instance in us-east-1 matches tag:Role=api; nothing was changed.',
    )
    expect(
      refusal(() =>
        plan(
          inputs({ fleet, service: 'app' }),
          state({ instances: [{ InstanceId: ids[0], PingStatus: 'ConnectionLost' }] }),
        ),
      ),
    ).toMatch(/^None of the 1 instances matching tag:Role=api is Online/)
  })

  it('has a rollback script only when there is a previous version to go back to', () => {
    const fleet = { kind: 'ids' as const, ids: ids.slice(0, 1) }
    const s = state({ instances: online(ids.slice(0, 1)) })
    expect(plan(inputs({ fleet, service: 'app' }), s).restart?.rollbackScript).toContain("VERSION='v1'")
    expect(
      plan(inputs({ fleet, service: 'app' }), { ...s, pointer: undefined }).restart?.rollbackScript,
    ).toBeUndefined()
    expect(
      plan(inputs({ fleet, service: 'app' }), { ...s, pointer: { text: 'v2', etag: '"x"' } }).restart
        ?.rollbackScript,
    ).toBeUndefined()
    // A pointer that names something no script may carry is not rolled back to.
    expect(
      plan(inputs({ fleet, service: 'app' }), { ...s, pointer: { text: '$(reboot)', etag: '"x"' } }).restart
        ?.rollbackScript,
    ).toBeUndefined()
  })

  it('gives direct mode the previous release SHA-256 for its rollback', () => {
    const fleet = { kind: 'ids' as const, ids: ids.slice(0, 1) }
    const p = plan(
      inputs({ fleet, service: 'app', installMode: 'direct', workingDirectory: '/opt/app' }),
      state({ instances: online(ids.slice(0, 1)), previousObject: object('d'.repeat(64)) }),
    )
    expect(p.restart?.script).toContain(`SHA256='${digest.sha256}'`)
    expect(p.restart?.rollbackScript).toContain(`SHA256='${'d'.repeat(64)}'`)
    expect(p.restart?.rollbackScript).toContain("OBJECT='s3://releases/app/v1/app'")
  })
})

describe('commandInput', () => {
  it('names both timeouts plainly: TimeoutSeconds for delivery, executionTimeout for the script', () => {
    const i = inputs({
      deliveryTimeoutSeconds: 120,
      executionTimeoutSeconds: 900,
      workingDirectory: '/opt/app',
      output: { bucket: 'logs', prefix: 'ssm' },
    })
    expect(commandInput(i, 'echo', { InstanceIds: ['i-0123456789abcdef0'] }, 'x'.repeat(150))).toEqual({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: ['i-0123456789abcdef0'],
      Comment: 'x'.repeat(100),
      Parameters: { commands: ['echo'], workingDirectory: ['/opt/app'], executionTimeout: ['900'] },
      TimeoutSeconds: 120,
      MaxConcurrency: '25%',
      MaxErrors: '0',
      OutputS3BucketName: 'logs',
      OutputS3KeyPrefix: 'ssm',
    })
  })
})

describe('describePlan and listText', () => {
  it('says what will happen, in order', () => {
    const lines = describePlan(inputs(), plan(inputs(), state()))
    expect(lines).toEqual([
      `Release v2: s3://releases/app/v2/app (10 bytes), SHA-256 ${digest.sha256}`,
      '- upload /work/bin/app to s3://releases/app/v2/app, then s3://releases/app/v2/app.sha256',
      '- move s3://releases/app/latest.txt from v1 to v2 (only if nobody moved it since it was read)',
      '- restart nothing (no instance-ids or targets)',
    ])
  })

  it('lists up to five names', () => {
    expect(listText(['a'])).toBe('a')
    expect(listText(['a', 'b'])).toBe('a and b')
    expect(listText(['a', 'b', 'c'])).toBe('a, b and c')
    expect(listText(['1', '2', '3', '4', '5', '6', '7'])).toBe('1, 2, 3, 4, 5 and 2 more')
  })
})

describe('rollbackRates', () => {
  it('lets every changed instance be rolled back, as many at once as the deploy restarted', () => {
    expect(rollbackRates({ maxConcurrency: '50%' }, 8)).toEqual({ maxConcurrency: '4', maxErrors: '100%' })
    expect(rollbackRates({ maxConcurrency: '25%' }, 3)).toEqual({ maxConcurrency: '1', maxErrors: '100%' })
    expect(rollbackRates({ maxConcurrency: '100%' }, 120)).toEqual({
      maxConcurrency: '120',
      maxErrors: '100%',
    })
    expect(rollbackRates({ maxConcurrency: '5' }, 120)).toEqual({ maxConcurrency: '5', maxErrors: '100%' })
    expect(rollbackRates({ maxConcurrency: '10%' }, 0)).toEqual({ maxConcurrency: '1', maxErrors: '100%' })
  })
})
