import { startAwsLocal, type AwsLocal } from '../../tools/aws-local/index'
import { startCluster, type Cluster } from '../harness/postgres'
import { runAction } from '../harness/run-action'
import {
  createSource,
  createTarget,
  prepareServers,
  SOURCE_USER,
  sourceUrl,
  TARGET_USER,
  targetUrl,
} from './fixture'

/** Backup to the local S3 stand-in and restore from it, verified against the manifest taken in the dump's snapshot. */

let source: Cluster
let target: Cluster
let aws: AwsLocal

beforeAll(async () => {
  ;[source, target, aws] = await Promise.all([
    startCluster({ name: 'source' }),
    startCluster({ name: 'target' }),
    startAwsLocal(),
  ])
  await prepareServers(source, target)
  await createSource(source, 'app')
  aws.service('s3').createBucket('backups')
}, 120_000)

afterAll(async () => {
  await source?.stop()
  await target?.stop()
  await aws?.close()
})

describe('backup and restore through S3', () => {
  it('backs up to S3 with a checksum and a manifest, then restores and verifies it', async () => {
    const backup = await runAction('db-migrate', {
      inputs: {
        mode: 'backup',
        'source-url': sourceUrl(source, 'app'),
        's3-uri': 's3://backups/prod/app.dump',
        verify: 'checksums',
      },
      env: aws.env(),
      timeoutMs: 120_000,
    })
    expect(backup.errors).toEqual([])
    expect(backup.exitCode).toBe(0)
    expect(backup.outputs['dump-uri']).toBe('s3://backups/prod/app.dump')
    expect(backup.leaksOf(SOURCE_USER.password)).toEqual([])

    await createTarget(target, 'restored')
    const restore = await runAction('db-migrate', {
      inputs: {
        mode: 'restore',
        'target-url': targetUrl(target, 'restored'),
        's3-uri': 's3://backups/prod/app.dump',
        verify: 'checksums',
        jobs: 2,
      },
      env: aws.env(),
      timeoutMs: 120_000,
    })
    expect(restore.errors).toEqual([])
    expect(restore.exitCode).toBe(0)
    expect(restore.outputs['target-state']).toBe('restored')
    const verification = JSON.parse(restore.outputs.verification) as Record<
      string,
      { ok: boolean; checksum: string }
    >
    expect(verification['shop.orders']).toEqual({
      source: 10_000,
      target: 10_000,
      checksum: 'match',
      ok: true,
    })
    const [row] = await target.sql<{ n: string }>('restored', 'SELECT count(*) AS n FROM shop.audit')
    expect(Number(row.n)).toBe(10_000)
    expect(restore.leaksOf(TARGET_USER.password)).toEqual([])
  })

  it('reports a missing dump in one sentence without touching the target', async () => {
    await createTarget(target, 'untouched')
    const run = await runAction('db-migrate', {
      inputs: {
        mode: 'restore',
        'target-url': targetUrl(target, 'untouched'),
        's3-uri': 's3://backups/nothing/here.dump',
      },
      env: aws.env(),
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual(["The dump s3://backups/nothing/here.dump does not exist; check 's3-uri'."])
  })
})
