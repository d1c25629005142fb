import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Scenario } from '../lib'
import { serverBinDir, startCluster, SUPERUSER_PASSWORD } from '../../tools/harness/postgres'
import { runAction } from '../../tools/harness/run-action'

/**
 * Benchmark: db-migrate copy (2 jobs) beside the usual ways of moving a database, on the same two
 * servers in the same run, and the cost of each verification level. Not part of `npm test`.
 *
 * `run(report, options)` is the interface the shared bench runner calls; `report(row)` receives
 * one row per measurement. `sizeGb` scales the generated source (1.4 gives the full data set:
 * a 5-million-row table with jsonb and three indexes, mid-size tables with foreign keys and unique
 * indexes, and a bytea table).
 */

export interface BenchRow {
  scenario: 'db-migrate'
  name: string
  seconds: number
  mibPerSecond?: number
  note?: string
}

export interface BenchOptions {
  sizeGb?: number
  jobs?: number
  log?: (line: string) => void
}

const FULL_ROWS = 5_000_000
const FULL_SIZE_GB = 1.4

function sourceSql(scale: number): string {
  const n = (count: number): number => Math.max(10, Math.round(count * scale))
  return `
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, region text NOT NULL);
CREATE TABLE products (id bigint PRIMARY KEY, sku text NOT NULL UNIQUE, price numeric(10, 2) NOT NULL);
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL,
  product_id bigint NOT NULL,
  at timestamptz NOT NULL,
  payload jsonb NOT NULL
);
CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id), total numeric(12, 2) NOT NULL, number text NOT NULL UNIQUE);
CREATE TABLE documents (id bigint PRIMARY KEY, invoice_id bigint NOT NULL REFERENCES invoices (id), body bytea NOT NULL);
INSERT INTO accounts SELECT g, 'user' || g || '@example.com', (ARRAY['eu', 'us', 'ap'])[1 + g % 3] FROM generate_series(1, ${n(200_000)}) g;
INSERT INTO products SELECT g, 'SKU-' || g, (g % 1000) / 7.0 FROM generate_series(1, ${n(50_000)}) g;
INSERT INTO events (account_id, product_id, at, payload)
  SELECT 1 + g % ${n(200_000)}, 1 + g % ${n(50_000)}, timestamptz '2024-01-01' + g * interval '1 second',
         jsonb_build_object('kind', 'view', 'n', g, 'ua', 'Mozilla/5.0 (X11; Linux x86_64)', 'tags', jsonb_build_array('a', 'b', g % 17))
  FROM generate_series(1, ${n(FULL_ROWS)}) g;
CREATE INDEX events_account_idx ON events (account_id);
CREATE INDEX events_at_idx ON events (at);
CREATE INDEX events_kind_idx ON events ((payload ->> 'kind'));
ALTER TABLE events ADD FOREIGN KEY (account_id) REFERENCES accounts (id), ADD FOREIGN KEY (product_id) REFERENCES products (id);
INSERT INTO invoices SELECT g, 1 + g % ${n(200_000)}, g % 9999, 'INV-' || g FROM generate_series(1, ${n(400_000)}) g;
INSERT INTO documents SELECT g, g, decode(repeat(md5(g::text), 16), 'hex') FROM generate_series(1, ${n(100_000)}) g;`
}

function shell(script: string, env: Record<string, string>): void {
  const result = spawnSync('bash', ['-o', 'pipefail', '-c', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  if (result.status !== 0) throw new Error(`${script.split(' ')[0]} failed: ${result.stderr.slice(-2000)}`)
}

export async function run(report: (row: BenchRow) => void, options: BenchOptions = {}): Promise<void> {
  const sizeGb = options.sizeGb ?? FULL_SIZE_GB
  const jobs = options.jobs ?? 2
  const log = options.log ?? ((line: string) => console.log(line))
  const [source, target] = await Promise.all([
    startCluster({ name: 'bench-source', settings: { max_wal_size: '4GB', maintenance_work_mem: '256MB' } }),
    startCluster({
      name: 'bench-target',
      settings: {
        max_wal_size: '4GB',
        maintenance_work_mem: '256MB',
        wal_level: 'minimal',
        max_wal_senders: '0',
      },
    }),
  ])
  const work = mkdtempSync(join(tmpdir(), 'bench-db-migrate-'))
  try {
    log(`generating a source of about ${sizeGb} GB`)
    await source.createDatabase('bench')
    await source.sql('bench', sourceSql(sizeGb / FULL_SIZE_GB))
    // Settle the fresh source before timing anything: otherwise whichever tool runs first also pays
    // for setting the hint bits of every new row and competes with the autovacuum the load set off.
    await source.sql('bench', 'VACUUM (FREEZE, ANALYZE)')
    await source.sql('bench', 'CHECKPOINT')
    const [{ bytes }] = await source.sql<{ bytes: string }>(
      'bench',
      'SELECT pg_database_size(current_database()) AS bytes',
    )
    const mib = Number(bytes) / 2 ** 20
    log(`source: ${mib.toFixed(0)} MiB`)
    const bin = serverBinDir()
    const env = { PGPASSWORD: SUPERUSER_PASSWORD }
    const src = source.url('bench').replace(/:[^:@/]+@/, '@')
    let round = 0
    const fresh = async (): Promise<string> => {
      const name = `copy_${++round}`
      await target.createDatabase(name)
      return name
    }
    const measure = async (
      name: string,
      body: (db: string) => Promise<void> | void,
      note?: string,
    ): Promise<void> => {
      const db = await fresh()
      const started = process.hrtime.bigint()
      await body(db)
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      report({ scenario: 'db-migrate', name, seconds, mibPerSecond: mib / seconds, note })
      log(`${name}: ${seconds.toFixed(1)}s, ${(mib / seconds).toFixed(1)} MiB/s`)
    }
    const tgt = (db: string): string => target.url(db).replace(/:[^:@/]+@/, '@')
    const dbMigrate = (verify: string) => async (db: string) => {
      const result = await runAction('db-migrate', {
        inputs: { 'source-url': source.url('bench'), 'target-url': target.url(db), jobs, verify },
        timeoutMs: 4 * 3600_000,
      })
      if (result.exitCode !== 0) throw new Error(`db-migrate failed: ${result.errors.join(' ')}`)
    }

    await measure(`db-migrate copy, ${jobs} jobs, verify none`, dbMigrate('none'))
    await measure('pg_dump | psql', (db) =>
      shell(`${bin}/pg_dump -d '${src}' | ${bin}/psql -q -v ON_ERROR_STOP=1 -d '${tgt(db)}' >/dev/null`, env),
    )
    await measure('pg_dump -Fc | pg_restore', (db) =>
      shell(`${bin}/pg_dump -Fc -d '${src}' | ${bin}/pg_restore -d '${tgt(db)}'`, env),
    )
    await measure(`pg_dump -Fd -j ${jobs} + pg_restore -j ${jobs}`, (db) => {
      const dir = join(work, `dir-${db}`)
      shell(
        `${bin}/pg_dump -Fd -j ${jobs} -f '${dir}' -d '${src}' && ${bin}/pg_restore -j ${jobs} -d '${tgt(db)}' '${dir}'`,
        env,
      )
      rmSync(dir, { recursive: true, force: true })
    })
    if (spawnSync('pgcopydb', ['--version']).status === 0) {
      await measure(`pgcopydb clone --table-jobs ${jobs} --index-jobs ${jobs}`, (db) =>
        shell(
          `pgcopydb clone --no-owner --no-acl --table-jobs ${jobs} --index-jobs ${jobs} --dir '${join(work, `pgcopydb-${db}`)}' --source '${source.url('bench')}' --target '${target.url(db)}'`,
          { PATH: `${bin}:${process.env.PATH}` },
        ),
      )
    } else {
      report({
        scenario: 'db-migrate',
        name: 'pgcopydb clone',
        seconds: NaN,
        note: 'pgcopydb is not installed; run scripts/setup.sh --bench',
      })
    }
    for (const verify of ['counts', 'checksums']) {
      await measure(
        `db-migrate copy, ${jobs} jobs, verify ${verify}`,
        dbMigrate(verify),
        'the cost of verification is the difference with verify none',
      )
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
    await Promise.all([source.stop(), target.stop()])
  }
}

/** The scenario as the shared runner (`npm run bench`) calls it; `--size GB` scales the data (default 1.4). */
export const scenario: Scenario = {
  id: 'db-migrate',
  title: 'db-migrate copy beside pg_dump, pg_restore and pgcopydb',
  async run(context) {
    const rows: BenchRow[] = []
    const sizeGb = Number(context.options.size ?? FULL_SIZE_GB)
    await run((row) => rows.push(row), { sizeGb, jobs: Number(context.options.jobs ?? 2), log: context.log })
    return {
      tables: [
        {
          title: `Copy of a generated ${sizeGb} GB source, same servers, same run`,
          headers: ['Tool', 'Seconds', 'MiB/s', 'Note'],
          rows: rows.map((r) => [
            r.name,
            Number.isNaN(r.seconds) ? 'n/a' : r.seconds.toFixed(2),
            r.mibPerSecond?.toFixed(1) ?? '',
            r.note ?? '',
          ]),
        },
      ],
      data: rows,
    }
  },
}

/** `npx tsx bench/db-migrate/index.ts [sizeGb]` runs it alone and prints a Markdown table. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows: BenchRow[] = []
  await run((row) => rows.push(row), { sizeGb: Number(process.argv[2] ?? FULL_SIZE_GB) })
  console.log('\n| Tool | Seconds | MiB/s | Note |\n| --- | --- | --- | --- |')
  for (const r of rows)
    console.log(
      `| ${r.name.replace(/\|/g, '\\|')} | ${r.seconds.toFixed(2)} | ${r.mibPerSecond?.toFixed(1) ?? ''} | ${r.note ?? ''} |`,
    )
}
