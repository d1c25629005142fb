import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
      'Verification inside the transaction failed: Table shop.audit has 9000 rows on the target but 10000 on the source',
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

const sha256sum = (path: string): string =>
  execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]

/** User relations of a target database, read here: what a refused restore must not have created. */
async function userRelations(database: string): Promise<string[]> {
  const rows = await target.sql<{ name: string }>(
    database,
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1`,
  )
  return rows.map((r) => r.name)
}

describe('a dump and its manifest', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'db-migrate-pair-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const backup = (database: string, file: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction('db-migrate', {
      inputs: { mode: 'backup', 'source-url': sourceUrl(source, database), 'dump-file': file, ...inputs },
      timeoutMs: 120_000,
    })
  const restore = (database: string, file: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction('db-migrate', {
      inputs: { mode: 'restore', 'target-url': targetUrl(target, database), 'dump-file': file, ...inputs },
      timeoutMs: 120_000,
    })

  it("records the dump's SHA-256 and refuses a dump paired with another dump's manifest; an older manifest without it is still read", async () => {
    await source.createDatabase('pair_other')
    await source.sql(
      'pair_other',
      'CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t SELECT generate_series(1, 7)',
    )
    const app = join(dir, 'app.dump')
    const other = join(dir, 'other.dump')
    for (const [database, file] of [
      ['app', app],
      ['pair_other', other],
    ]) {
      const run = await backup(database, file)
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
    }
    // The manifest records the SHA-256 that sha256sum computes of its dump.
    const manifest = JSON.parse(readFileSync(`${app}.manifest.json`, 'utf8')) as Record<string, unknown>
    expect(manifest.format).toBe(4)
    expect(manifest.dumpSha256).toBe(sha256sum(app))

    // The other dump beside app's manifest: refused before anything is restored.
    const swapped = join(dir, 'swapped.dump')
    copyFileSync(other, swapped)
    copyFileSync(`${app}.manifest.json`, `${swapped}.manifest.json`)
    await createTarget(target, 'paired')
    const refused = await restore('paired', swapped)
    expect(refused.exitCode).toBe(1)
    expect(refused.errors).toEqual([
      `The dump ${swapped} is not the one its manifest describes (the dump's SHA-256 is ${sha256sum(other)}, the manifest records ${sha256sum(app)}); put the dump beside the manifest its own backup wrote, or take the backup again.`,
    ])
    expect(refused.outputs['target-state']).toBe('unchanged')
    expect(await userRelations('paired')).toEqual([])

    // A manifest of a format newer than this db-migrate reads: refused before anything is restored.
    const newer = join(dir, 'newer.dump')
    copyFileSync(app, newer)
    writeFileSync(`${newer}.manifest.json`, JSON.stringify({ ...manifest, format: 5 }))
    const unknown = await restore('paired', newer)
    expect(unknown.exitCode).toBe(1)
    expect(unknown.errors).toEqual([
      `The manifest ${newer}.manifest.json beside the dump has format 5, which this db-migrate does not read (formats 1 to 4); restore it with the db-migrate version that took the backup, or a newer one.`,
    ])
    expect(await userRelations('paired')).toEqual([])

    // The manifest counts the source's row-level security; a policy it records and the dump
    // does not bring fails the restore's verification.
    const measured = manifest.measurement as { objects: Record<string, number> }
    expect(measured.objects).toMatchObject({ policies: 0, rowSecurity: 0, forcedRowSecurity: 0 })
    const policed = join(dir, 'policed.dump')
    copyFileSync(app, policed)
    writeFileSync(
      `${policed}.manifest.json`,
      JSON.stringify({
        ...manifest,
        measurement: { ...measured, objects: { ...measured.objects, policies: 1 } },
      }),
    )
    const short = await restore('paired', policed, { strategy: 'transaction' })
    expect(short.exitCode).toBe(1)
    expect(short.errors[0]).toContain('The target has 0 policies where the source has 1.')
    expect(short.outputs['target-state']).toBe('unchanged')
    expect(await userRelations('paired')).toEqual([])

    // A manifest of format 2 (no SHA-256) is read as before, and verifies the restore.
    const older = join(dir, 'older.dump')
    copyFileSync(app, older)
    const { dumpSha256: _dropped, ...rest } = manifest
    writeFileSync(`${older}.manifest.json`, JSON.stringify({ ...rest, format: 2 }))
    const restored = await restore('paired', older)
    expect(restored.errors).toEqual([])
    expect(restored.exitCode).toBe(0)
    expect(restored.outputs['target-state']).toBe('restored')
    expect(JSON.parse(restored.outputs.verification)['shop.orders']).toEqual({
      source: 10_000,
      target: 10_000,
      ok: true,
    })
    const [orders] = await target.sql<{ n: number }>('paired', 'SELECT count(*)::int AS n FROM shop.orders')
    expect(orders.n).toBe(10_000)
  })

  it('restores large objects verified against the manifest, counts them as making a target non-empty, and removes them when a restore is undone', async () => {
    await source.createDatabase('lobs')
    await source.sql(
      'lobs',
      `GRANT CREATE ON SCHEMA public TO PUBLIC;
       CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t SELECT generate_series(1, 100);
       SELECT lo_from_bytea(0, 'first payload'), lo_from_bytea(0, 'second payload');`,
    )
    const file = join(dir, 'lobs.dump')
    const backedUp = await backup('lobs', file)
    expect(backedUp.errors).toEqual([])
    const payloads = `SELECT coalesce(string_agg(convert_from(lo_get(oid), 'UTF8'), ',' ORDER BY oid), '') AS p FROM pg_largeobject_metadata`
    const [sourcePayloads] = await source.sql<{ p: string }>('lobs', payloads)
    expect(sourcePayloads.p).toBe('first payload,second payload')
    const largeObjects = async (database: string): Promise<number> =>
      (await target.sql<{ n: number }>(database, 'SELECT count(*)::int AS n FROM pg_largeobject_metadata'))[0]
        .n
    const publicAcl = async (database: string): Promise<string> =>
      (
        await target.sql<{ acl: string }>(
          database,
          `SELECT nspacl::text AS acl FROM pg_namespace WHERE nspname = 'public'`,
        )
      )[0].acl

    // A target holding a large object is not empty.
    await createTarget(target, 'lobs_busy')
    await target.sql('lobs_busy', `SELECT lo_from_bytea(0, 'mine')`, [], TARGET_USER)
    const busy = await restore('lobs_busy', file, { strategy: 'direct' })
    expect(busy.exitCode).toBe(1)
    expect(busy.errors[0]).toContain('The target database lobs_busy is not empty (1 large object)')
    expect(busy.outputs['target-state']).toBe('unchanged')
    expect(await largeObjects('lobs_busy')).toBe(1)

    // A direct restore that fails verification removes its large objects and leaves no grant behind.
    await createTarget(target, 'lobs_failed')
    await dropEveryTenthRow(target, 'lobs_failed', 'public', 't')
    const aclBefore = await publicAcl('lobs_failed')
    const failed = await restore('lobs_failed', file)
    expect(failed.exitCode).toBe(1)
    expect(failed.errors[0]).toContain(
      'Table public.t has 90 rows on the target but 100 on the source; the target has 1 trigger where the source has 0.',
    )
    expect(failed.errors[0]).toContain('lobs_failed is empty again')
    expect(failed.outputs['target-state']).toBe('empty')
    expect(await largeObjects('lobs_failed')).toBe(0)
    expect(await publicAcl('lobs_failed')).toBe(aclBefore)

    // A manifest recording more large objects than the target gets fails verification, in either strategy.
    const more = join(dir, 'lobs-more.dump')
    copyFileSync(file, more)
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as {
      source: { largeObjects: number }
    }
    expect(manifest.source.largeObjects).toBe(2)
    writeFileSync(
      `${more}.manifest.json`,
      JSON.stringify({ ...manifest, source: { ...manifest.source, largeObjects: 3 } }),
    )
    await createTarget(target, 'lobs_short')
    const short = await restore('lobs_short', more, { strategy: 'direct' })
    expect(short.exitCode).toBe(1)
    expect(short.errors[0]).toContain('The target has 2 large objects where the source has 3.')
    expect(short.outputs['target-state']).toBe('empty')
    expect(await largeObjects('lobs_short')).toBe(0)
    const shortTx = await restore('lobs_short', more, { strategy: 'transaction' })
    expect(shortTx.exitCode).toBe(1)
    expect(shortTx.errors[0]).toContain('The target has 2 large objects where the source has 3.')
    expect(shortTx.outputs['target-state']).toBe('unchanged')
    expect(await largeObjects('lobs_short')).toBe(0)

    // The restore that passes holds the source's large objects, read here on both sides.
    await target.sql('lobs_failed', 'DROP EVENT TRIGGER add_row_dropper')
    const restored = await restore('lobs_failed', file)
    expect(restored.errors).toEqual([])
    expect(restored.outputs['target-state']).toBe('restored')
    const [targetPayloads] = await target.sql<{ p: string }>('lobs_failed', payloads)
    expect(targetPayloads.p).toBe(sourcePayloads.p)
  })

  it('refuses to restore, with verify on, a dump whose manifest records nothing to verify against', async () => {
    const file = join(dir, 'unmeasured.dump')
    const run = await backup('app', file, { verify: 'none' })
    expect(run.errors).toEqual([])
    await createTarget(target, 'unmeasured')
    const refused = await restore('unmeasured', file)
    expect(refused.exitCode).toBe(1)
    expect(refused.errors).toEqual([
      `The manifest of the dump ${file} records nothing to verify against (its backup ran with verify: none), so the restore could not be verified with verify: counts; set 'verify: none' to restore it unverified.`,
    ])
    expect(refused.outputs['target-state']).toBe('unchanged')
    expect(await userRelations('unmeasured')).toEqual([])
  })
})
