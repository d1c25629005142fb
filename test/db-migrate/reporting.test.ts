import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local/index'
import type { Cluster } from '../../tools/harness/postgres'
import { runAction, type ActionRun } from '../../tools/harness/run-action'
import { createTarget, startServers, sourceUrl, targetUrl } from './fixture'

/**
 * What a user reads of each mode: the log, the outputs and the summary, checked against the
 * source database, the target and the stand-in's S3 objects read here, not against the action's
 * own report. One definition of a table everywhere: a table whose data is copied (each partition
 * one, a partitioned table none).
 */

let source: Cluster
let target: Cluster
let aws: AwsLocal

beforeAll(async () => {
  ;[{ source, target }, aws] = await Promise.all([startServers(), startAwsLocal()])
  aws.service('s3').createBucket('dumps')
}, 120_000)

afterAll(async () => {
  await source?.stop()
  await target?.stop()
  await aws?.close()
})

/** The source's tables with data of their own (ordinary tables and partitions) and their exact row counts, read here. */
async function sourceTables(): Promise<Map<string, number>> {
  const tables = await source.sql<{ name: string }>(
    'app',
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = 'shop' ORDER BY 1`,
  )
  const counts = new Map<string, number>()
  for (const { name } of tables) {
    const [row] = await source.sql<{ n: string }>('app', `SELECT count(*) AS n FROM ONLY ${name}`)
    counts.set(name, Number(row.n))
  }
  return counts
}

/** The log lines a user sees (no debug or mask commands). */
const visible = (run: ActionRun): string[] =>
  run.stdout.filter((line) => !line.startsWith('::debug::') && !line.startsWith('::add-mask::'))

/** Groups that hold no visible line. */
function emptyGroups(run: ActionRun): string[] {
  const lines = visible(run)
  return lines
    .map((line, i) => (line.startsWith('::group::') && lines[i + 1] === '::endgroup::' ? line.slice(9) : ''))
    .filter(Boolean)
}

/** Raw `pg_restore -l` text in a log line: a lower-case TOC word followed by the listing's space-separated names and owner. */
const RAW_TOC = /(Building|Built) (index|constraint) \S+ \S+ \S+( \S+)? postgres\b/

describe('what each mode tells', () => {
  it('backup: the outputs and the summary carry what the manifest records, and every count agrees', async () => {
    const expected = await sourceTables()
    const rows = [...expected.values()].reduce((a, b) => a + b, 0)
    const run = await runAction('db-migrate', {
      inputs: {
        mode: 'backup',
        'source-url': sourceUrl(source, 'app'),
        's3-uri': 's3://dumps/app/one.dump',
        verify: 'checksums',
      },
      env: aws.env(),
      timeoutMs: 120_000,
    })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const stored = aws.service('s3').getObject('dumps', 'app/one.dump.manifest.json')
    expect(stored).toBeDefined()
    const manifest = JSON.parse(stored!.body.toString('utf8')) as {
      format: number
      dumpSha256: string
      measurement: {
        tables: Record<string, { rows: number; checksum?: string; tree?: boolean }>
        rowHash?: string
      }
    }
    // The manifest agrees with the source, read here.
    for (const [name, n] of expected) expect(manifest.measurement.tables[name]?.rows).toBe(n)
    // The outputs are the manifest's.
    expect(Number(run.outputs.tables)).toBe(expected.size)
    expect(Number(run.outputs.rows)).toBe(rows)
    expect(JSON.parse(run.outputs.verification)).toEqual(manifest.measurement.tables)
    // A sum of signed 64-bit row hashes (from manifest format 2), and the SHA-256 of the very dump
    // stored beside it (format 3), hashed here from the stored object.
    expect(manifest.format).toBe(4)
    const dump = aws.service('s3').getObject('dumps', 'app/one.dump')
    expect(manifest.dumpSha256).toBe(createHash('sha256').update(dump!.body).digest('hex'))
    expect(manifest.measurement.rowHash).toBe('hashtext')
    expect(manifest.measurement.tables['shop.orders'].checksum).toMatch(/^-?\d+$/)
    // One count of tables in the plan, the log and the closing line.
    const log = visible(run).join('\n')
    expect(log).toContain(`dump the data of ${expected.size} tables`)
    expect(log).toContain(`Dumped the data of ${expected.size} tables`)
    expect(log).toContain(
      `Done: the data of ${expected.size} tables (${rows} rows) backed up to s3://dumps/app/one.dump.`,
    )
    // The summary shows each table's rows and checksum.
    expect(run.summary).toContain(
      `| \`shop.orders\` | ${expected.get('shop.orders')} | ${manifest.measurement.tables['shop.orders'].checksum} |`,
    )
    expect(run.summary).toContain('| `shop.events` | 5000 (all its partitions) |')
    expect(run.summary).not.toContain('`target-url`')
    expect(emptyGroups(run)).toEqual([])
  })

  it('restore: logs the download with its checked SHA-256, the restore, the verification and a closing line', async () => {
    const expected = await sourceTables()
    const rows = [...expected.values()].reduce((a, b) => a + b, 0)
    await createTarget(target, 'told')
    const run = await runAction('db-migrate', {
      inputs: {
        mode: 'restore',
        'target-url': targetUrl(target, 'told'),
        's3-uri': 's3://dumps/app/one.dump',
      },
      env: aws.env(),
      timeoutMs: 120_000,
    })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const dump = aws.service('s3').getObject('dumps', 'app/one.dump')!
    const sha = createHash('sha256').update(dump.body).digest('hex')
    const log = visible(run).join('\n')
    expect(log).toContain('Downloading s3://dumps/app/one.dump')
    expect(log).toContain(`SHA-256 checked: ${sha}, as recorded at the upload`)
    expect(log).toContain(`${expected.size} tables, ${rows} rows, row counts and checksums recorded`)
    expect(log).toMatch(/Restored the dump in \d/)
    expect(log).toContain(
      `${expected.size} of ${expected.size} tables match (rows), 1 of 1 partitioned table as a whole`,
    )
    expect(log).toContain(
      `Done: the data of ${expected.size} tables (${rows} rows) restored from s3://dumps/app/one.dump into told, target restored.`,
    )
    expect(emptyGroups(run)).toEqual([])
    expect(run.summary).toMatch(/\| download \| [^|\n]+ \| [^|\n]+ \| ✅ \|/)
    expect(run.summary).toContain('Source (from the manifest)')
    expect(run.summary).not.toContain('`source-url`')
    // What the target holds, read here.
    const [orders] = await target.sql<{ n: string }>('told', 'SELECT count(*) AS n FROM shop.orders')
    expect(Number(orders.n)).toBe(expected.get('shop.orders'))
    expect(Number(run.outputs.tables)).toBe(expected.size)
    expect(Number(run.outputs.rows)).toBe(rows)
  })

  it('copy: the plan, the log and the outputs count the same tables, and post-data lines read as sentences', async () => {
    const expected = await sourceTables()
    await createTarget(target, 'counted')
    const run = await runAction('db-migrate', {
      inputs: { 'source-url': sourceUrl(source, 'app'), 'target-url': targetUrl(target, 'counted'), jobs: 2 },
      timeoutMs: 120_000,
    })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const log = visible(run).join('\n')
    expect(Number(run.outputs.tables)).toBe(expected.size)
    expect(log).toContain(`copy the data of ${expected.size} tables largest first`)
    expect(log).toContain(`Done: the data of ${expected.size} tables`)
    expect(run.summary).toContain(`| Tables | ${expected.size} tables (`)
    expect(log).not.toMatch(RAW_TOC)
    expect(log).toContain('Built constraint customers_email_key of shop.customers')
    expect(log).toContain('Built index orders_customer_idx of shop.orders')
    expect(log).not.toMatch(/\b1 (objects|indexes|tables|rows)\b/)
    expect(emptyGroups(run)).toEqual([])
  })

  it('backup: a missing bucket fails in pre-flight in one sentence, before anything is dumped or written', async () => {
    aws.reset({ state: false })
    const run = await runAction('db-migrate', {
      inputs: {
        mode: 'backup',
        'source-url': sourceUrl(source, 'app'),
        's3-uri': 's3://no-such-bucket/app.dump',
      },
      env: aws.env(),
      timeoutMs: 120_000,
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "Bucket no-such-bucket does not exist in the account and region (us-east-1) of the credentials (NoSuchBucket); create it or correct input 's3-uri'.",
    ])
    expect(run.summary).toMatch(/\| pre-flight \| [^|\n]+ \| [^|\n]+ \| ❌ \|/)
    expect(run.summary).not.toMatch(/\| dump \|/)
    // Nothing was dumped (pg_dump of the data never ran) and nothing reached S3.
    expect(run.log).not.toContain('--format=custom --file=')
    expect(
      aws
        .service('s3')
        .listKeys('dumps')
        .filter((k) => k.startsWith('no-such')),
    ).toEqual([])
    expect(aws.callsOf('s3', 'PutObject')).toEqual([])
    expect(aws.callsOf('s3', 'UploadPart')).toEqual([])
  })

  it('backup: credentials that may not write the dump are refused in pre-flight, naming the object and the permission', async () => {
    aws.reset({ state: false })
    aws.fault('s3', 'CreateMultipartUpload', {
      kind: 'error',
      code: 'AccessDenied',
      status: 403,
      message: 'Access Denied',
    })
    const run = await runAction('db-migrate', {
      inputs: {
        mode: 'backup',
        'source-url': sourceUrl(source, 'app'),
        's3-uri': 's3://dumps/denied/app.dump',
      },
      env: aws.env(),
      timeoutMs: 120_000,
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "These credentials may not write s3://dumps/denied/app.dump (AccessDenied, checked before dumping anything); grant s3:PutObject and s3:AbortMultipartUpload on it or correct input 's3-uri'.",
    ])
    expect(
      aws
        .service('s3')
        .listKeys('dumps')
        .filter((k) => k.startsWith('denied/')),
    ).toEqual([])
    expect(aws.callsOf('s3', 'PutObject')).toEqual([])
  })

  it('restore: a dump without a manifest is refused unless verify is none, then counts the tables whose rows it holds, and says it was not verified', async () => {
    const expected = await sourceTables()
    const dir = mkdtempSync(join(tmpdir(), 'db-migrate-dump-'))
    try {
      const file = join(dir, 'app.dump')
      const backup = await runAction('db-migrate', {
        inputs: { mode: 'backup', 'source-url': sourceUrl(source, 'app'), 'dump-file': file, verify: 'none' },
        timeoutMs: 120_000,
      })
      expect(backup.errors).toEqual([])
      rmSync(`${file}.manifest.json`)
      await createTarget(target, 'unmanifested')
      const restore = (inputs: Record<string, string> = {}): Promise<ActionRun> =>
        runAction('db-migrate', {
          inputs: {
            mode: 'restore',
            'target-url': targetUrl(target, 'unmanifested'),
            'dump-file': file,
            ...inputs,
          },
          timeoutMs: 120_000,
        })
      // The default verify: counts has nothing to count against: refused before anything is restored.
      const refused = await restore()
      expect(refused.exitCode).toBe(1)
      expect(refused.errors).toEqual([
        `The dump ${file} has no manifest beside it (app.dump.manifest.json), so the restore could not be verified with verify: counts; restore it beside the manifest its backup wrote, or set 'verify: none' to restore it unverified.`,
      ])
      expect(refused.outputs['target-state']).toBe('unchanged')
      const [untouched] = await target.sql<{ n: number }>(
        'unmanifested',
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`,
      )
      expect(untouched.n).toBe(0)

      const run = await restore({ verify: 'none' })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      expect(Number(run.outputs.tables)).toBe(expected.size)
      const log = visible(run).join('\n')
      expect(log).toContain('no verification (verify: none)')
      expect(log).toContain(
        `Done: the data of ${expected.size} tables restored from ${file} into unmanifested, target restored.`,
      )
      expect(run.summary).toContain('| Manifest | none beside the dump: not verified |')
      expect(emptyGroups(run)).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
