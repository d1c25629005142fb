import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { median, type BenchTable, type Scenario } from '../lib'
import { serverBinDir, startCluster, SUPERUSER_PASSWORD } from '../../tools/harness/postgres'
import { runAction } from '../../tools/harness/run-action'

/**
 * Benchmark: db-migrate copy (2 jobs) beside pgcopydb and the usual ways of moving a database,
 * on the same two servers in the same run, and the cost of each verification level. Not part of
 * `npm test`.
 *
 * After one unmeasured warm-up copy, each of `runs` rounds (default 5: run-to-run noise on two
 * shared cores is 10-15%) measures db-migrate with `verify: none`, `counts` and `checksums` and
 * pgcopydb clone, in an order rotated from round to round and reversed every other round (so no
 * tool always runs first, or always right after the same other tool); pg_dump | psql and pg_dump/pg_restore run in the first round only, as context.
 * Every copy lands in a fresh target database, dropped once measured. db-migrate's phases are
 * read from the times its log lines arrive (see `phasesOf`).
 *
 * `run(report, options)` is the interface the shared bench runner calls; `report(row)` receives
 * one row per measurement. `sizeGb` scales the generated source (1.4 gives the full data set:
 * a 5-million-row table with jsonb and three indexes, mid-size tables with foreign keys and unique
 * indexes, and a bytea table).
 */

export interface BenchRow {
  scenario: 'db-migrate'
  round: number
  name: string
  seconds: number
  mibPerSecond?: number
  /** db-migrate's phases, in seconds (see `phasesOf`). */
  phases?: Phases
  note?: string
}

export interface BenchOptions {
  sizeGb?: number
  jobs?: number
  runs?: number
  log?: (line: string) => void
}

/** Where a db-migrate copy's time went, from the arrival times of its log lines. */
export interface Phases {
  /** Start to the plan: both servers read, the schema dumped. */
  preflight: number
  /** The schema restored on the target. */
  preData: number
  /** The schema restored to the last table's data landed (index builds of earlier tables overlap it). */
  data: number
  /** The last data landed to the last index or constraint of a table built (its foreign keys follow). */
  indexes: number
  /** Then foreign keys (those created once their tables were complete, and the rest), triggers and the rest of post-data, sequences. */
  constraints: number
  /** Measuring the source (before the write) and the target (after it), compared. */
  verification: number
}

/** Phases from `[seconds since start, line]` pairs of a db-migrate copy run. Exported for its test. */
export function phasesOf(lines: Array<[number, string]>, total: number): Phases {
  const first = (test: (line: string) => boolean): number | undefined => lines.find(([, l]) => test(l))?.[0]
  const last = (test: (line: string) => boolean): number | undefined =>
    lines.filter(([, l]) => test(l)).at(-1)?.[0]
  const groupTime = (title: string): number => {
    const at = lines.findIndex(([, l]) => l.startsWith(`::group::${title}`))
    if (at < 0) return 0
    const end = lines.slice(at).find(([, l]) => l === '::endgroup::')?.[0] ?? total
    return end - lines[at][0]
  }
  const plan = first((l) => l === 'Plan:') ?? 0
  const schemaStart = first((l) => l.startsWith('Restoring the schema')) ?? plan
  const schemaDone = first((l) => l.startsWith('Restored the schema')) ?? schemaStart
  const dataDone = last((l) => l.startsWith('Copied the data of')) ?? schemaDone
  // The last index or constraint of a table built; foreign keys and the rest come after it.
  const postStart = Math.max(dataDone, last((l) => l.startsWith('Built ')) ?? dataDone)
  const restoreEnd = first((l) => l.startsWith('Set sequences')) ?? postStart
  return {
    preflight: plan,
    preData: schemaDone - schemaStart,
    data: dataDone - schemaDone,
    indexes: postStart - dataDone,
    constraints: restoreEnd - postStart,
    verification: groupTime('Measure the source') + groupTime('Verify'),
  }
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
  const runs = options.runs ?? 5
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
    const tgt = (db: string): string => target.url(db).replace(/:[^:@/]+@/, '@')
    let made = 0
    let round = 0
    const measure = async (
      name: string,
      body: (db: string) => Promise<Phases | void> | void,
      note?: string,
    ) => {
      const db = `copy_${++made}`
      await target.createDatabase(db)
      // Each copy starts from the same place: the previous one's dirty pages (and the generated
      // source's) written out, so that no tool pays for another's writeback.
      await Promise.all([source.sql('bench', 'CHECKPOINT'), target.sql('postgres', 'CHECKPOINT')])
      spawnSync('sync')
      const started = process.hrtime.bigint()
      const phases = (await body(db)) ?? undefined
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      report({ scenario: 'db-migrate', round, name, seconds, mibPerSecond: mib / seconds, phases, note })
      log(`round ${round}, ${name}: ${seconds.toFixed(1)}s, ${(mib / seconds).toFixed(1)} MiB/s`)
      await target.sql('postgres', `DROP DATABASE ${db}`)
    }
    const dbMigrate =
      (verify: string) =>
      async (db: string): Promise<Phases> => {
        const lines: Array<[number, string]> = []
        const started = Date.now()
        const result = await runAction('db-migrate', {
          inputs: { 'source-url': source.url('bench'), 'target-url': target.url(db), jobs, verify },
          timeoutMs: 4 * 3600_000,
          onLine: (line) => lines.push([(Date.now() - started) / 1000, line]),
        })
        if (result.exitCode !== 0) throw new Error(`db-migrate failed: ${result.errors.join(' ')}`)
        return phasesOf(lines, (Date.now() - started) / 1000)
      }
    const pgcopydb = spawnSync('pgcopydb', ['--version']).status === 0
    const measured: Array<[string, (db: string) => Promise<Phases | void> | void, string?]> = [
      [`db-migrate copy, ${jobs} jobs, verify none`, dbMigrate('none')],
      ...(pgcopydb
        ? [
            [
              `pgcopydb clone --table-jobs ${jobs} --index-jobs ${jobs}`,
              (db: string) =>
                shell(
                  `pgcopydb clone --no-owner --no-acl --table-jobs ${jobs} --index-jobs ${jobs} --dir '${join(work, `pgcopydb-${db}`)}' --source '${source.url('bench')}' --target '${target.url(db)}'`,
                  { PATH: `${bin}:${process.env.PATH}` },
                ),
            ] as [string, (db: string) => void],
          ]
        : []),
      [`db-migrate copy, ${jobs} jobs, verify counts`, dbMigrate('counts')],
      [`db-migrate copy, ${jobs} jobs, verify checksums`, dbMigrate('checksums')],
    ]
    if (!pgcopydb)
      report({
        scenario: 'db-migrate',
        round: 0,
        name: 'pgcopydb clone',
        seconds: NaN,
        note: 'pgcopydb is not installed; run scripts/setup.sh --bench',
      })
    // One unmeasured copy first: the first copy onto fresh servers also pays for what the next ones
    // find ready (the target's new WAL segments, the source read into the page cache), and it would
    // fall on whichever tool the rotation puts first.
    log('warm-up: pg_dump | psql, not measured')
    await target.createDatabase('warm_up')
    shell(
      `${bin}/pg_dump -d '${src}' | ${bin}/psql -q -v ON_ERROR_STOP=1 -d '${tgt('warm_up')}' >/dev/null`,
      env,
    )
    await target.sql('postgres', 'DROP DATABASE warm_up')
    for (round = 1; round <= runs; round++) {
      const rotated = measured.map((_, i) => measured[(i + round - 1) % measured.length])
      const order = round % 2 === 0 ? rotated.reverse() : rotated
      for (const [name, body, note] of order) await measure(name, body, note)
      if (round > 1) continue
      await measure('pg_dump | psql', (db) =>
        shell(
          `${bin}/pg_dump -d '${src}' | ${bin}/psql -q -v ON_ERROR_STOP=1 -d '${tgt(db)}' >/dev/null`,
          env,
        ),
      )
      await measure(`pg_dump -Fd -j ${jobs} + pg_restore -j ${jobs}`, (db) => {
        const dir = join(work, `dir-${db}`)
        shell(
          `${bin}/pg_dump -Fd -j ${jobs} -f '${dir}' -d '${src}' && ${bin}/pg_restore -j ${jobs} -d '${tgt(db)}' '${dir}'`,
          env,
        )
        rmSync(dir, { recursive: true, force: true })
      })
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
    await Promise.all([source.stop(), target.stop()])
  }
}

const s2 = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(2)

/** The report: every run with db-migrate's phases, then the medians against the targets. */
export function tables(rows: BenchRow[], sizeGb: number, jobs: number): BenchTable[] {
  const runs = new Set(rows.map((r) => r.round).filter((r) => r > 0)).size
  const medianOf = (prefix: string): number => {
    const found = rows
      .filter((r) => r.name.startsWith(prefix) && !Number.isNaN(r.seconds))
      .map((r) => r.seconds)
    return found.length > 0 ? median(found) : NaN
  }
  const none = medianOf(`db-migrate copy, ${jobs} jobs, verify none`)
  const counts = medianOf(`db-migrate copy, ${jobs} jobs, verify counts`)
  const checksums = medianOf(`db-migrate copy, ${jobs} jobs, verify checksums`)
  const peer = medianOf('pgcopydb clone')
  const phase = (level: string): number => {
    const found = rows
      .filter((r) => r.name === `db-migrate copy, ${jobs} jobs, verify ${level}` && r.phases)
      .map((r) => r.phases?.verification ?? NaN)
    return found.length > 0 ? median(found) : NaN
  }
  const pct = (value: number): string =>
    Number.isNaN(value) ? 'n/a' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`
  const met = (ok: boolean, value: number): string => (Number.isNaN(value) ? 'n/a' : ok ? 'met' : 'not met')
  return [
    {
      title: `Medians of ${runs} runs: copy of a generated ${sizeGb} GB source, ${jobs} jobs, same servers, same run`,
      headers: ['Figure', 'Value', 'Target', 'Result'],
      rows: [
        ['db-migrate copy, verify none', `${s2(none)} s`, '', ''],
        ['pgcopydb clone', `${s2(peer)} s`, '', ''],
        [
          'db-migrate over pgcopydb',
          Number.isNaN(peer) ? 'n/a' : `${(none / peer).toFixed(2)}x`,
          '<= 0.80x',
          met(none / peer <= 0.8, peer),
        ],
        [
          'verify counts, added time',
          pct((counts - none) / none),
          '<= +5%',
          met((counts - none) / none <= 0.05, counts),
        ],
        [
          'verify counts, its phase',
          pct(phase('counts') / none),
          '<= +5%',
          met(phase('counts') / none <= 0.05, counts),
        ],
        [
          'verify checksums, added time',
          pct((checksums - none) / none),
          '<= +30%',
          met((checksums - none) / none <= 0.3, checksums),
        ],
      ],
      notes: [
        'Each figure is the median over the runs. The added time of a verification level is its median run minus the median run with verify none. For counts, its phase is the median time of the verification phase itself over the median run with verify none: only objects and sequences, as a direct copy counts the rows of both sides beside its foreign keys, inside the copy (so the added time is the figure that tells the whole cost); checksums have no such figure, as most of their work (hashing the COPY streams, reading each table back) overlaps the copy and its index builds.',
      ],
    },
    {
      title: "Every run, with db-migrate's phases (seconds)",
      headers: [
        'Run',
        'Tool',
        'Seconds',
        'MiB/s',
        'Pre-flight',
        'Pre-data',
        'Data',
        'Indexes after data',
        'Constraints',
        'Verification',
        'Note',
      ],
      rows: rows.map((r) => [
        r.round || '',
        r.name,
        s2(r.seconds),
        r.mibPerSecond?.toFixed(1) ?? '',
        s2(r.phases?.preflight),
        s2(r.phases?.preData),
        s2(r.phases?.data),
        s2(r.phases?.indexes),
        s2(r.phases?.constraints),
        s2(r.phases?.verification),
        r.note ?? '',
      ]),
      notes: [
        "Data runs from the schema restored to the last table's data landed, with the index builds of tables already landed overlapping it; indexes after data is the tail of builds that follows. The small tables held back until the largest is complete are copied while its foreign keys are checked, so data runs on past the largest table's index builds into its key checks. pgcopydb's phases are in its own log; its total is shown.",
      ],
    },
  ]
}

/** The scenario as the shared runner (`npm run bench`) calls it; `--size GB` scales the data (default 1.4), `--runs N` (default 5). */
export const scenario: Scenario = {
  id: 'db-migrate',
  title: 'db-migrate copy beside pgcopydb, pg_dump and pg_restore',
  async run(context) {
    const rows: BenchRow[] = []
    const sizeGb = Number(context.options.size ?? FULL_SIZE_GB)
    const jobs = Number(context.options.jobs ?? 2)
    await run((row) => rows.push(row), {
      sizeGb,
      jobs,
      runs: Number(context.options.runs ?? 5),
      log: context.log,
    })
    return { tables: tables(rows, sizeGb, jobs), data: rows }
  },
}
