import { startAwsLocal, type AwsLocal } from '../../tools/aws-local/index'
import type { Cluster } from '../../tools/harness/postgres'
import { runAction, type ActionRun } from '../../tools/harness/run-action'
import { compareDatabases } from './compare'
import {
  createTarget,
  dropEveryTenthRow,
  startServers,
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
  ;[{ source, target }, aws] = await Promise.all([startServers(), startAwsLocal()])
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
    expect(
      await compareDatabases(
        { cluster: source, database: 'app' },
        { cluster: target, database: 'restored' },
        { targetUser: TARGET_USER.name },
      ),
    ).toEqual([])
    expect(restore.leaksOf(TARGET_USER.password)).toEqual([])
  })

  it('restores in one transaction verified against the manifest before the commit, and rolls back a mismatch', async () => {
    await createTarget(target, 'restore_tx')
    await target.sql(
      'restore_tx',
      `CREATE TABLE public.keepme (id int); INSERT INTO public.keepme VALUES (1), (2), (3);`,
      [],
      TARGET_USER,
    )
    await dropEveryTenthRow(target, 'restore_tx', 'shop', 'audit')
    const restore = (): Promise<ActionRun> =>
      runAction('db-migrate', {
        inputs: {
          mode: 'restore',
          'target-url': targetUrl(target, 'restore_tx'),
          's3-uri': 's3://backups/prod/app.dump',
          strategy: 'transaction',
          clean: true,
          verify: 'checksums',
        },
        env: aws.env(),
        timeoutMs: 120_000,
      })
    const failed = await restore()
    expect(failed.exitCode).toBe(1)
    expect(failed.errors).toHaveLength(1)
    expect(failed.errors[0]).toContain(
      'Verification inside the transaction failed: Table shop.audit has 9000 rows on the target but 10000 on the source.',
    )
    expect(failed.errors[0]).toContain('restore_tx is exactly as it was')
    expect(failed.outputs['target-state']).toBe('unchanged')
    const [kept] = await target.sql<{ n: string }>('restore_tx', 'SELECT count(*) AS n FROM public.keepme')
    expect(Number(kept.n)).toBe(3)
    const [shop] = await target.sql<{ n: string }>(
      'restore_tx',
      `SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'shop'`,
    )
    expect(Number(shop.n)).toBe(0)

    await target.sql('restore_tx', 'DROP EVENT TRIGGER add_row_dropper')
    const restored = await restore()
    expect(restored.errors).toEqual([])
    expect(restored.exitCode).toBe(0)
    expect(restored.outputs['target-state']).toBe('restored')
    const verification = JSON.parse(restored.outputs.verification) as Record<string, { ok: boolean }>
    expect(Object.values(verification).every((v) => v.ok)).toBe(true)
    const [orders] = await target.sql<{ n: string }>('restore_tx', 'SELECT count(*) AS n FROM shop.orders')
    expect(Number(orders.n)).toBe(10_000)
    expect(restored.leaksOf(TARGET_USER.password)).toEqual([])
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
