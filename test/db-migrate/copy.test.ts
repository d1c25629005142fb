import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../../tools/harness/run-action'
import { installVanishingExtension, type Cluster } from '../../tools/harness/postgres'
import { compareDatabases } from './compare'
import {
  createSource,
  createTarget,
  dropEveryTenthRow,
  startServers,
  SOURCE_USER,
  sourceUrl,
  TARGET_USER,
  targetUrl,
} from './fixture'

/**
 * The committed bundle against two real PostgreSQL servers: a copy at each parallelism, a copy
 * while the source takes writes, each strategy with a failure injected mid-restore, and the
 * refusals that must happen before anything is written.
 */

let source: Cluster
let target: Cluster

beforeAll(async () => {
  ;({ source, target } = await startServers())
}, 120_000)

afterAll(async () => {
  await source?.stop()
  await target?.stop()
})

async function copy(
  database: string,
  inputs: Record<string, string | number | boolean> = {},
  sourceDb = 'app',
): Promise<ActionRun> {
  return runAction('db-migrate', {
    inputs: {
      'source-url': sourceUrl(source, sourceDb),
      'target-url': targetUrl(target, database),
      ...inputs,
    },
    timeoutMs: 180_000,
  })
}

async function count(cluster: Cluster, database: string, sql: string): Promise<number> {
  const [row] = await cluster.sql<{ n: string }>(database, sql)
  return Number(row.n)
}

async function userObjectCount(database: string): Promise<number> {
  return count(
    target,
    database,
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
  )
}

/** Every user relation of a target with its kind and row estimate, and its namespaces: equal before and after means untouched. */
const TARGET_SNAPSHOT = `SELECT n.nspname, c.relname, c.relkind::text, c.reltuples::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1, 2`

/** Sessions of the action still connected to a database, waiting briefly for closed ones to finish ending. */
async function sessionsLeft(database: string): Promise<number> {
  const sql = `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '${database}' AND application_name LIKE 'infra-actions%'`
  for (let i = 0; i < 50; i++) {
    const n = await count(target, 'postgres', sql)
    if (n === 0) return 0
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return count(target, 'postgres', sql)
}

/** The independent comparison of a source database with its copy (see compare.ts); empty when they agree. */
function compareWith(sourceDb: string, database: string): Promise<string[]> {
  return compareDatabases(
    { cluster: source, database: sourceDb },
    { cluster: target, database },
    { targetUser: TARGET_USER.name },
  )
}

function expectNoLeaks(run: ActionRun): void {
  expect(run.leaksOf(SOURCE_USER.password)).toEqual([])
  expect(run.leaksOf(TARGET_USER.password)).toEqual([])
}

/** An event trigger (in pg_catalog, so the database still counts as empty) refusing one index: a failure after data has landed. */
async function refuseIndex(database: string, index = 'orders_customer_idx'): Promise<void> {
  await target.sql(
    database,
    `CREATE FUNCTION pg_catalog.refuse_index() RETURNS event_trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity LIKE '%${index}') THEN
         RAISE EXCEPTION 'injected failure: index ${index} refused';
       END IF;
     END $$;
     CREATE EVENT TRIGGER refuse_index ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION pg_catalog.refuse_index();`,
  )
}

describe('copy', () => {
  it.each([1, 2])(
    'copies every table, sequence, view and trigger with %i job(s), verified by checksums',
    async (jobs) => {
      const db = `copy_jobs_${jobs}`
      await createTarget(target, db)
      const run = await copy(db, { jobs, verify: 'checksums' })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      expect(run.outputs['target-state']).toBe('restored')
      expect(Number(run.outputs.rows)).toBe(27_500)
      const verification = JSON.parse(run.outputs.verification) as Record<
        string,
        { ok: boolean; checksum: string }
      >
      expect(Object.keys(verification).sort()).toEqual([
        'shop.attachments',
        'shop.audit',
        'shop.customers',
        // The partitioned table, as the whole of its tree, and each of its partitions.
        'shop.events',
        'shop.events_2024',
        'shop.events_2025',
        'shop.orders',
      ])
      expect(Object.values(verification).every((v) => v.ok && v.checksum === 'match')).toBe(true)
      // The table without a checksum from its COPY stream (the partitioned table's whole tree)
      // counted and hashed by SQL beside the foreign keys, the others' rows counted in their
      // streams; after the copy, only objects. Every count as SQL counts it here.
      expect(run.stdout).toContainEqual(
        expect.stringMatching(
          /^Counted and hashed 1 table by SQL on both sides in .*, beside the foreign keys and the rest of post-data; 6 tables from their COPY streams$/,
        ),
      )
      const rows = verification as unknown as Record<string, { source: number; target: number }>
      for (const [name, { source: from, target: into }] of Object.entries(rows)) {
        const only = name === 'shop.events' ? '' : 'ONLY '
        expect([name, from]).toEqual([
          name,
          await count(source, 'app', `SELECT count(*) AS n FROM ${only}${name}`),
        ])
        expect([name, into]).toEqual([
          name,
          await count(target, db, `SELECT count(*) AS n FROM ${only}${name}`),
        ])
      }
      expect(await compareWith('app', db)).toEqual([])
      // The trigger was created after the data: it did not fire again while the rows were loaded.
      expect(await count(target, db, 'SELECT count(*) AS n FROM shop.audit')).toBe(10_000)
      expect(await count(target, db, 'SELECT count(*) AS n FROM shop.kind_counts')).toBe(7)
      expect(await count(target, db, `SELECT last_value AS n FROM shop.orders_id_seq`)).toBe(10_000)
      await target.sql(db, `INSERT INTO shop.orders (customer_id, total) VALUES (1, 5)`, [], TARGET_USER)
      expect(await count(target, db, 'SELECT count(*) AS n FROM shop.audit')).toBe(10_001)
      expect(run.summary).toContain('| `shop.orders` | 10000 |')
      expect(run.summary).toContain('**Timeline**')
      expectNoLeaks(run)
    },
  )

  it('copies values that depend on session settings exactly, leaving out dropped and generated columns', async () => {
    await source.createDatabase('values')
    await source.sql(
      'values',
      `SET TimeZone = 'Asia/Kolkata';
       CREATE TABLE "Odd ""names""" (id int PRIMARY KEY, gone text, "Mixed Case" text, f float8, d date, ts timestamptz,
                                     iv interval, b bytea, doubled int GENERATED ALWAYS AS (id * 2) STORED);
       ALTER TABLE "Odd ""names""" DROP COLUMN gone;
       INSERT INTO "Odd ""names""" (id, "Mixed Case", f, d, ts, iv, b)
         SELECT g, 'zoë ' || g || E'\\ttab\\\\', 1.0 / (g + 3), date '2024-02-29' + g,
                timestamptz '2024-03-31 01:30:00+05:30' + g * interval '61 minutes',
                make_interval(months => g, secs => g / 7.0), decode(md5(g::text), 'hex')
           FROM generate_series(1, 500) g;`,
    )
    await createTarget(target, 'values_copy')
    const run = await copy('values_copy', { jobs: 2, verify: 'checksums' }, 'values')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const rows = `SELECT md5(string_agg(t::text, ',' ORDER BY id)) AS h FROM "Odd ""names""" t`
    const [copied] = await target.sql<{ h: string }>('values_copy', rows)
    const [original] = await source.sql<{ h: string }>('values', rows)
    expect(copied.h).toBe(original.h)
    expect(
      await count(target, 'values_copy', `SELECT count(*) AS n FROM "Odd ""names""" WHERE doubled = id * 2`),
    ).toBe(500)
    expect(await compareWith('values', 'values_copy')).toEqual([])
  })

  it("copies in COPY's binary format between servers of one major version, tables whose types lack a portable binary form in text", async () => {
    await source.createDatabase('binary')
    await source.sql(
      'binary',
      `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
       CREATE DOMAIN positive AS numeric CHECK (VALUE > 0);
       CREATE TYPE pair AS (label text, amount numeric);
       -- Some padding so the source's type OIDs differ from the target's.
       CREATE TYPE pad1 AS (a int); CREATE TYPE pad2 AS (a int); CREATE TYPE pad3 AS (a int);
       CREATE TABLE kinds (id int PRIMARY KEY, n numeric, p positive, m money, f float4, ts timestamptz, t time with time zone,
                           j jsonb, js json, a int[], tags text[], e mood, r int4range, x xml, u uuid, v bit varying, c "char", w pair);
       INSERT INTO kinds SELECT g, round(g / 3.0, 1 + g % 4), g + 0.5, g * 1.25, g / 7.0, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour',
                                time with time zone '12:00+05:30', jsonb_build_object('g', g, 'ö', 'ü'), '{"a": 1,  "b": [ 2 ]}', ARRAY[g, NULL, -g],
                                ARRAY['a' || g, NULL], (ARRAY['sad', 'ok', 'happy'])[1 + g % 3]::mood,
                                int4range(g, g + 10), ('<v n="' || g || '"/>')::xml, md5(g::text)::uuid, (g::bit(12))::varbit, 'q', ROW('x' || g, g / 3.0)::pair
                           FROM generate_series(1, 300) g;
       -- The binary form of an array or a composite carries its element's type OID, which differs on the target.
       CREATE TABLE nested (id int PRIMARY KEY, pairs pair[], moods mood[]);
       INSERT INTO nested SELECT g, ARRAY[ROW('x' || g, g / 3.0)::pair, NULL], ARRAY['ok', 'sad']::mood[] FROM generate_series(1, 100) g;
       CREATE TABLE spans (id int PRIMARY KEY, s int4multirange);
       INSERT INTO spans SELECT g, int4multirange(int4range(g, g + 2), int4range(g + 5, g + 9)) FROM generate_series(1, 100) g;
       -- The binary form of an OID alias type is the object's OID on the source; its text, the
       -- name, is found again on the target. Printed under the database's own search_path, the
       -- name would lose its schema.
       CREATE SCHEMA s; CREATE TABLE s.inner_tbl (id int);
       CREATE TEXT SEARCH CONFIGURATION public.mycfg (COPY = english);
       CREATE TABLE refs (id int PRIMARY KEY, r regclass, c regconfig, rs regclass[], t regtype);
       INSERT INTO refs VALUES (1, 's.inner_tbl', 'public.mycfg', ARRAY['s.inner_tbl', 'pg_class']::regclass[], 'pair'),
                               (2, 'pg_class', 'english', NULL, 'int4');
       ALTER DATABASE "binary" SET search_path = s, public;`,
    )
    await createTarget(target, 'binary_copy')
    const run = await runAction('db-migrate', {
      inputs: {
        'source-url': sourceUrl(source, 'binary'),
        'target-url': targetUrl(target, 'binary_copy'),
        jobs: 2,
        verify: 'checksums',
      },
      debug: true,
      timeoutMs: 180_000,
    })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(
      "Copying data in COPY's binary format, 3 tables in text (a column type without a portable binary form)",
    )
    const commands = run.stdout.filter((line) => line.startsWith('::debug::$') && line.includes('psql'))
    const binary = (table: string): boolean =>
      commands.some((line) => line.includes(`"public"."${table}"`) && line.includes('FORMAT binary'))
    expect(binary('kinds')).toBe(true)
    expect(binary('nested')).toBe(false)
    expect(binary('spans')).toBe(false)
    expect(binary('refs')).toBe(false)
    // Independently of db-migrate's checksums: every row's text, in key order, on both sides.
    for (const table of ['kinds', 'nested', 'spans', 'refs']) {
      const rows = `SELECT md5(string_agg(t::text, '|' ORDER BY id)) AS h FROM ${table} t`
      const [copied] = await target.sql<{ h: string }>('binary_copy', rows)
      const [original] = await source.sql<{ h: string }>('binary', rows)
      expect(copied.h).toBe(original.h)
    }
    expect(await compareWith('binary', 'binary_copy')).toEqual([])
  })

  it('checksums catch a row changed on its way in, keeping the count, whether taken from the COPY stream or by SQL', async () => {
    for (const strategy of ['auto', 'transaction']) {
      const db = `altered_${strategy}`
      await createTarget(target, db)
      // A BEFORE INSERT trigger slipped onto shop.orders as the schema is restored: row 7 lands with another total.
      await target.sql(
        db,
        `CREATE FUNCTION pg_catalog.alter_row_7() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.id = 7 THEN NEW.total := NEW.total + 1; END IF;
           RETURN NEW;
         END $$;
         CREATE FUNCTION pg_catalog.plant_alter_row_7() RETURNS event_trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'shop.orders') THEN
             CREATE TRIGGER alter_row_7 BEFORE INSERT ON shop.orders FOR EACH ROW EXECUTE FUNCTION pg_catalog.alter_row_7();
           END IF;
         END $$;
         CREATE EVENT TRIGGER plant_alter_row_7 ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION pg_catalog.plant_alter_row_7();`,
      )
      const run = await copy(db, { jobs: 2, strategy, verify: 'checksums' })
      expect(run.exitCode).toBe(1)
      expect(run.log).toContain(
        'Table shop.orders has the same 10000 rows count on both sides but different contents (checksum)',
      )
      // The direct copy took shop.orders' checksum from its COPY stream; the transaction computes it by SQL.
      if (strategy === 'auto')
        expect(run.log).toMatch(/Checksums of \d+ tables from their COPY streams \(SHA-256\)/)
      else expect(run.log).not.toContain('from their COPY streams')
    }
  })

  it('checksums from COPY streams catch a column the target has and the source does not', async () => {
    // A column added to shop.customers as the schema is restored: the copy fills it with its default.
    const plantColumn = (db: string) =>
      target.sql(
        db,
        `CREATE FUNCTION pg_catalog.add_column() RETURNS event_trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands()
                       WHERE object_identity = 'shop.customers' AND command_tag = 'CREATE TABLE') THEN
             ALTER TABLE shop.customers ADD COLUMN planted int DEFAULT 1;
           END IF;
         END $$;
         CREATE EVENT TRIGGER add_column ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION pg_catalog.add_column();`,
      )
    await createTarget(target, 'extra_column')
    await plantColumn('extra_column')
    const run = await copy('extra_column', { jobs: 2, verify: 'checksums' })
    expect(run.exitCode).toBe(1)
    expect(run.log).toMatch(
      /Table shop\.customers has the same \d+ rows count on both sides but different contents \(checksum\)[.;]/,
    )
    // With counts only, nothing tells.
    await createTarget(target, 'extra_column_counts')
    await plantColumn('extra_column_counts')
    expect((await copy('extra_column_counts', { jobs: 2, verify: 'counts' })).exitCode).toBe(0)
  })

  it('splits a table holding most of the data into block ranges copied in parallel, every row landing once', async () => {
    await source.createDatabase('split')
    await source.sql(
      'split',
      `CREATE TABLE big (id bigint PRIMARY KEY, body text NOT NULL);
       ALTER TABLE big ALTER COLUMN body SET STORAGE PLAIN;
       INSERT INTO big SELECT g, repeat(md5(g::text), 16) FROM generate_series(1, 140000) g;
       -- Rows moved by updates and holes left by deletes, across the whole table.
       UPDATE big SET body = body || 'u' WHERE id % 97 = 0;
       DELETE FROM big WHERE id % 89 = 0;
       CREATE TABLE small (id int PRIMARY KEY, big_id bigint REFERENCES big (id));
       INSERT INTO small SELECT g, g FROM generate_series(1, 1000) g WHERE g % 89 <> 0;`,
    )
    await createTarget(target, 'split_copy')
    const run = await copy('split_copy', { jobs: 2, verify: 'checksums' }, 'split')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(
      run.stdout.some((line) =>
        /^Splitting public\.big \(.+\) into 2 block ranges copied in parallel$/.test(line),
      ),
    ).toBe(true)
    expect(
      run.stdout.filter((line) => /^Copied part [12] of 2 of public\.big \(blocks /.test(line)),
    ).toHaveLength(2)
    expect(run.stdout).toContainEqual(
      expect.stringMatching(/^Copied the data of public\.big in .+ \(2 block ranges\)$/),
    )
    const rows = `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY id)) AS h FROM big t`
    const [copied] = await target.sql<{ n: string; h: string }>('split_copy', rows)
    const [original] = await source.sql<{ n: string; h: string }>('split', rows)
    expect(copied).toEqual(original)
    expect(Number(copied.n)).toBe(140000 - Math.floor(140000 / 89))
    expect(await compareWith('split', 'split_copy')).toEqual([])
  })

  it('builds indexes with maintenance_work_mem sized to their table (1 GiB under a temp_file_limit) and checks foreign keys with 1 GiB, as the plan says, in a copy and a restore, and PGOPTIONS wins', async () => {
    await source.createDatabase('memory')
    await source.sql(
      'memory',
      `CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE);
       INSERT INTO t SELECT g, 'c' || g FROM generate_series(1, 2000) g;
       CREATE TABLE r (id int PRIMARY KEY, t_id int REFERENCES t (id));
       INSERT INTO r SELECT g, g FROM generate_series(1, 2000) g;`,
    )
    const [{ kb }] = await target.sql<{ kb: string }>(
      'postgres',
      `SELECT setting AS kb FROM pg_settings WHERE name = 'maintenance_work_mem'`,
    )
    expect(Number(kb)).toBeLessThan(1024 * 1024)
    const log = join(target.dir, 'server.log')
    // The memory each unique index build's sort got, as the server logs it with trace_sort on: only
    // sorts under an ALTER TABLE or CREATE [UNIQUE] INDEX statement (a primary key or unique constraint is
    // built as a unique index first) (unique builds also sort their dead tuples
    // in work_mem; creating and truncating a table with a TOAST table builds its index too). And the
    // maintenance_work_mem of the session that added the foreign key, which its check joins in.
    const copyInputs = (database: string) => ({
      'source-url': sourceUrl(source, 'memory'),
      'target-url': targetUrl(target, database),
      jobs: 2,
    })
    const buildSorts = async (
      database: string,
      env?: Record<string, string>,
      extra: string[] = [],
      inputs: Record<string, string | number> = copyInputs(database),
    ) => {
      await createTarget(target, database)
      for (const setting of [
        'trace_sort = on',
        // auto_explain logs the foreign key's check query with the settings it ran under.
        "session_preload_libraries = 'auto_explain'",
        'auto_explain.log_min_duration = 0',
        'auto_explain.log_nested_statements = on',
        'auto_explain.log_settings = on',
        ...extra,
      ])
        await target.sql('postgres', `ALTER DATABASE ${database} SET ${setting}`)
      const before = readFileSync(log).length
      const run = await runAction('db-migrate', { inputs, env, timeoutMs: 180_000 })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      // One pass: each sort's memory, kept when the next STATEMENT line shows a build's; and the
      // work_mem of the foreign key's check (PostgreSQL runs it in maintenance_work_mem).
      const sorts: number[] = []
      const checks: string[] = []
      let pending: number | undefined
      let check = false
      for (const line of readFileSync(log).subarray(before).toString('utf8').split('\n')) {
        const sort = /begin index sort: unique = t, workMem = (\d+)/.exec(line)
        if (sort) pending = Number(sort[1])
        else if (pending !== undefined && line.includes('STATEMENT:')) {
          if (/STATEMENT:\s+(ALTER TABLE|CREATE (UNIQUE )?INDEX)/.test(line)) sorts.push(pending)
          pending = undefined
        }
        if (line.includes('Query Text: SELECT fk.')) check = true
        const settings = /Settings: .*work_mem = '([^']+)'/.exec(line)
        if (check && settings) {
          checks.push(settings[1])
          check = false
        }
      }
      return { run, sorts, checks }
    }
    const sized = await buildSorts('memory_copy')
    expect(sized.run.stdout).toContainEqual(
      expect.stringContaining(
        `each index build with maintenance_work_mem sized to its table (16.0 MiB for the largest), each foreign key checked with 1.0 GiB (the target's is ${Number(kb) / 1024}.0 MiB)`,
      ),
    )
    // Three unique builds (t's two, r's key), each in 16 MiB; r's foreign key checked in 1 GiB.
    expect(sized.sorts).toEqual([16 * 1024, 16 * 1024, 16 * 1024])
    expect(sized.checks).toEqual(['1GB'])
    const chosen = await buildSorts('memory_chosen', { PGOPTIONS: '-c maintenance_work_mem=100MB' })
    expect(chosen.sorts).toEqual([100 * 1024, 100 * 1024, 100 * 1024])
    expect(chosen.checks).toEqual(['100MB'])
    // A target limiting temporary files: no sort may spill, so builds get the 1 GiB too.
    const limited = await buildSorts('memory_limited', undefined, ["temp_file_limit = '1GB'"])
    expect(limited.run.stdout).toContainEqual(
      expect.stringContaining(
        `each index build with maintenance_work_mem 1.0 GiB (the target's is ${Number(kb) / 1024}.0 MiB; its temp_file_limit keeps every sort in memory)`,
      ),
    )
    expect(limited.sorts).toEqual([1024 * 1024, 1024 * 1024, 1024 * 1024])
    expect(limited.checks).toEqual(['1GB'])
    // A restore: builds sized to the dump's largest table, then the foreign keys in a second run.
    const file = join(target.dir, 'memory.dump')
    const backup = await runAction('db-migrate', {
      inputs: { mode: 'backup', 'source-url': sourceUrl(source, 'memory'), 'dump-file': file },
      timeoutMs: 180_000,
    })
    expect(backup.errors).toEqual([])
    const restored = await buildSorts('memory_restored', undefined, [], {
      mode: 'restore',
      'target-url': targetUrl(target, 'memory_restored'),
      'dump-file': file,
      jobs: 2,
    })
    expect(restored.run.stdout).toContainEqual(
      expect.stringContaining(
        `each index build with maintenance_work_mem sized to the largest table (16.0 MiB), then the foreign keys with 1.0 GiB (the target's is ${Number(kb) / 1024}.0 MiB)`,
      ),
    )
    expect(restored.run.stdout).toContainEqual(
      expect.stringMatching(/^Restored all of the dump but its foreign keys in .*; creating 1 foreign key$/),
    )
    expect(restored.sorts).toEqual([16 * 1024, 16 * 1024, 16 * 1024])
    expect(restored.checks).toEqual(['1GB'])
  })

  it('creates a foreign key between copied tables once both are complete, keys sharing a table one at a time, keys in both directions included', async () => {
    await source.createDatabase('keys')
    await source.sql(
      'keys',
      `CREATE TABLE a (id int PRIMARY KEY, b_id int);
       CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));
       ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);
       CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree (id));
       CREATE TABLE kinds (code text PRIMARY KEY);
       CREATE TABLE items (id int PRIMARY KEY, kind text NOT NULL REFERENCES kinds (code));
       INSERT INTO a SELECT g, NULL FROM generate_series(1, 3000) g;
       INSERT INTO b SELECT g, g FROM generate_series(1, 3000) g;
       UPDATE a SET b_id = 3001 - id;
       INSERT INTO tree SELECT g, NULLIF(g / 2, 0) FROM generate_series(1, 3000) g;`,
    )
    await createTarget(target, 'keys_copy')
    // kinds' data is left out, so the key of items waits for the last step, which still checks it.
    const run = await copy('keys_copy', { jobs: 2, 'exclude-table-data': 'public.kinds' }, 'keys')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    for (const key of [
      'a_b_id_fkey of public.a',
      'b_a_id_fkey of public.b',
      'tree_parent_fkey of public.tree',
    ])
      expect(run.stdout).toContainEqual(expect.stringMatching(new RegExp(`^Created foreign key ${key} in `)))
    expect(run.stdout).toContain('Creating foreign keys, triggers and the rest of post-data (1 object)')
    // verify: counts (the default) counted both sides' rows once every table was complete, before
    // the last step, and verification read only the objects and sequences after it.
    const counted = run.stdout.findIndex((l) =>
      /^Counted the rows of 4 tables on both sides in .*, beside the foreign keys and the rest of post-data$/.test(
        l,
      ),
    )
    expect(counted).toBeGreaterThan(
      run.stdout.findIndex((l) => l.startsWith('Copied the data of public.tree')),
    )
    expect(counted).toBeLessThan(
      run.stdout.findIndex((l) =>
        l.startsWith('Created foreign keys, triggers and the rest of post-data (1 object)'),
      ),
    )
    expect(JSON.parse(run.outputs.verification)).toEqual({
      'public.a': { source: 3000, target: 3000, ok: true },
      'public.b': { source: 3000, target: 3000, ok: true },
      'public.items': { source: 0, target: 0, ok: true },
      'public.tree': { source: 3000, target: 3000, ok: true },
    })
    const keys = await target.sql<{ name: string; valid: boolean }>(
      'keys_copy',
      `SELECT conname AS name, convalidated AS valid FROM pg_constraint WHERE contype = 'f' ORDER BY 1`,
    )
    expect(keys).toEqual([
      { name: 'a_b_id_fkey', valid: true },
      { name: 'b_a_id_fkey', valid: true },
      { name: 'items_kind_fkey', valid: true },
      { name: 'tree_parent_fkey', valid: true },
    ])
    expect(await compareWith('keys', 'keys_copy')).toEqual([])
  })

  it("holds back the smallest tables the largest one's foreign keys do not need until it is complete, and copies them while its keys are checked", async () => {
    await source.createDatabase('held')
    await source.sql(
      'held',
      `CREATE TABLE accounts (id int PRIMARY KEY);
       CREATE TABLE events (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id), payload jsonb NOT NULL);
       CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL);
       CREATE TABLE audit (id int PRIMARY KEY, body text NOT NULL);
       INSERT INTO accounts SELECT generate_series(1, 100);
       INSERT INTO events SELECT g, 1 + g % 100, jsonb_build_object('n', g, 'ua', repeat('x', 100)) FROM generate_series(1, 20000) g;
       INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 100) g;
       INSERT INTO audit SELECT g, repeat('a', 80) || g FROM generate_series(1, 5000) g;`,
    )
    // Sizes read apart from the action: notes fits in 1/16 of events (its one key), audit does not.
    const sizes = Object.fromEntries(
      (
        await source.sql<{ name: string; bytes: string }>(
          'held',
          `SELECT relname AS name, pg_table_size(oid) AS bytes FROM pg_class WHERE relname IN ('events', 'notes', 'audit')`,
        )
      ).map((r) => [r.name, Number(r.bytes)]),
    )
    expect(sizes.notes).toBeLessThanOrEqual(sizes.events / 16)
    expect(sizes.audit).toBeGreaterThan(sizes.events / 16)
    await createTarget(target, 'held_copy')
    const run = await copy('held_copy', { jobs: 2, verify: 'checksums' }, 'held')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContainEqual(
      expect.stringMatching(
        /^Holding back 1 table \(.+\) until public.events is complete, to copy them while its foreign keys are checked$/,
      ),
    )
    const at = (prefix: string): number => run.stdout.findIndex((l) => l.startsWith(prefix))
    const built = run.stdout.findLastIndex((l) => / of public\.events( |$)/.test(l) && l.startsWith('Built '))
    expect(built).toBeGreaterThan(at('Copied the data of public.events'))
    expect(at('Copied the data of public.notes')).toBeGreaterThan(built)
    expect(at('Copied the data of public.audit')).toBeGreaterThan(-1)
    const verification = JSON.parse(run.outputs.verification) as Record<
      string,
      { ok: boolean; checksum: string }
    >
    expect(Object.keys(verification).sort()).toEqual([
      'public.accounts',
      'public.audit',
      'public.events',
      'public.notes',
    ])
    expect(Object.values(verification).every((v) => v.ok && v.checksum === 'match')).toBe(true)
    expect(await compareWith('held', 'held_copy')).toEqual([])
  })

  it("builds primary keys and unique constraints as unique indexes beside their tables' other builds, then makes them the constraints, exactly as the source has them", async () => {
    await source.createDatabase('uniques')
    const [{ v }] = await source.sql<{ v: string }>('uniques', 'SHOW server_version_num')
    const nullsNotDistinct = Number(v) >= 150000
    await source.sql(
      'uniques',
      `CREATE SCHEMA "Odd ""schema";
       CREATE TABLE "Odd ""schema"."T 1" (
         id int, code text NOT NULL, note text, n int NOT NULL,
         CONSTRAINT "pk ""1""" PRIMARY KEY (id) WITH (fillfactor = 80),
         CONSTRAINT code_with_note UNIQUE (code) INCLUDE (note),
         CONSTRAINT n_later UNIQUE (n) DEFERRABLE INITIALLY DEFERRED,
         CONSTRAINT n_soon UNIQUE (n, code) DEFERRABLE
         ${nullsNotDistinct ? ', CONSTRAINT note_n UNIQUE NULLS NOT DISTINCT (note, n)' : ''});
       CREATE INDEX t1_note ON "Odd ""schema"."T 1" (note);
       CREATE TABLE clustered (id int PRIMARY KEY, v text UNIQUE);
       ALTER TABLE clustered CLUSTER ON clustered_pkey;
       CREATE TABLE ident (id int NOT NULL, CONSTRAINT ident_key UNIQUE (id));
       ALTER TABLE ident REPLICA IDENTITY USING INDEX ident_key;
       CREATE TABLE refs (id int PRIMARY KEY, code text REFERENCES "Odd ""schema"."T 1" (code));
       CREATE TABLE spans (r int4range, EXCLUDE USING gist (r WITH &&));
       INSERT INTO "Odd ""schema"."T 1" SELECT g, 'c' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END, g FROM generate_series(1, 5000) g;
       INSERT INTO clustered SELECT g, 'v' || g FROM generate_series(1, 2000) g;
       INSERT INTO ident SELECT generate_series(1, 2000);
       INSERT INTO refs SELECT g, 'c' || g FROM generate_series(1, 2000) g;
       INSERT INTO spans SELECT int4range(g * 10, g * 10 + 5) FROM generate_series(1, 2000) g;`,
    )
    await createTarget(target, 'uniques_copy')
    const run = await copy('uniques_copy', { jobs: 2 }, 'uniques')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    // The T 1 constraints, refs' key and clustered's unique v; not clustered's key (the table is
    // clustered on it), ident's (its replica identity) or spans' exclusion constraint.
    const first = nullsNotDistinct ? 7 : 6
    expect(run.stdout.filter((l) => / as a unique index in /.test(l))).toHaveLength(first)
    expect(run.stdout.filter((l) => /^Made the unique index /.test(l))).toHaveLength(first)
    expect(run.stdout).toContainEqual(
      expect.stringMatching(
        /^Made the unique index n_later the unique constraint n_later of "Odd ""schema"."T 1" in /,
      ),
    )
    expect(run.stdout).toContainEqual(
      expect.stringMatching(/^Built constraint clustered_pkey of public.clustered in /),
    )
    // The catalog as the server describes it, beside the independent comparison's pg_dump.
    const constraints = `SELECT conrelid::regclass::text AS rel, conname, contype::text, condeferrable, condeferred,
        pg_get_constraintdef(oid) AS def, (SELECT relname FROM pg_class WHERE oid = conindid) AS index,
        (SELECT indisclustered::text || indisreplident::text || indisprimary::text FROM pg_index WHERE indexrelid = conindid) AS flags
      FROM pg_constraint WHERE connamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`
    const expected = await source.sql('uniques', constraints)
    expect(expected.length).toBeGreaterThan(first)
    expect(await target.sql('uniques_copy', constraints)).toEqual(expected)
    expect(await compareWith('uniques', 'uniques_copy')).toEqual([])
    // With checksums, a table still being read back when its builds are done has its constraints
    // made after the read-back (foreign keys to it go first); the end is the same.
    await createTarget(target, 'uniques_sums')
    const summed = await copy('uniques_sums', { jobs: 2, verify: 'checksums' }, 'uniques')
    expect(summed.errors).toEqual([])
    expect(summed.exitCode).toBe(0)
    expect(summed.stdout.filter((l) => /^Made the unique index /.test(l))).toHaveLength(first)
    expect(await target.sql('uniques_sums', constraints)).toEqual(expected)
    expect(await compareWith('uniques', 'uniques_sums')).toEqual([])
  })

  it("starts a table's index builds longest first: expressions, then columns whose rows are out of order, then those in order", async () => {
    await source.createDatabase('build_order')
    await source.sql(
      'build_order',
      `CREATE TABLE t (id int PRIMARY KEY, r int NOT NULL, at int NOT NULL, doc jsonb NOT NULL);
       CREATE INDEX t_at_idx ON t (at);
       CREATE INDEX t_kind_idx ON t ((doc ->> 'kind'));
       CREATE INDEX t_r_idx ON t (r);
       CREATE INDEX t_recent_idx ON t (at) WHERE at > 4000;
       INSERT INTO t SELECT g, (g * 7919) % 5003, g, jsonb_build_object('kind', 'k' || g % 5) FROM generate_series(1, 5000) g;
       ANALYZE t;`,
    )
    // The source's own statistics, read here apart from the action: r is out of order, id and at in order.
    const stats = await source.sql<{ attname: string; c: number }>(
      'build_order',
      `SELECT attname, abs(correlation) AS c FROM pg_stats WHERE tablename = 't' AND attname IN ('id', 'r', 'at') ORDER BY attname`,
    )
    expect(stats.map((s) => [s.attname, s.c > 0.9])).toEqual([
      ['at', true],
      ['id', true],
      ['r', false],
    ])
    await createTarget(target, 'build_order_copy')
    // One job: the builds run one at a time, each done before the next starts.
    const run = await copy('build_order_copy', { jobs: 1 }, 'build_order')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const started = run.stdout
      .filter((l) => /^Built (index|constraint) /.test(l))
      .map((l) => l.replace(/^Built (index|constraint) (\S+) of .*$/, '$2'))
    expect(started.slice(0, 2).sort()).toEqual(['t_kind_idx', 't_recent_idx'])
    expect(started[2]).toBe('t_r_idx')
    expect(started.slice(3).sort()).toEqual(['t_at_idx', 't_pkey'])
    expect(await compareWith('build_order', 'build_order_copy')).toEqual([])
  })

  it('copies a consistent snapshot while the source keeps taking writes', async () => {
    await createSource(source, 'busy')
    await createTarget(target, 'busy_copy')
    let writing = true
    let written = 0
    const writer = (async () => {
      const client = await source.connect('busy')
      try {
        while (writing) {
          await client.query(
            `INSERT INTO shop.orders (customer_id, total) SELECT 1 + g % 100, 1 FROM generate_series(1, 50) g`,
          )
          written += 50
        }
      } finally {
        await client.end()
      }
    })()
    const run = await copy('busy_copy', { jobs: 2 }, 'busy').finally(() => (writing = false))
    await writer
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(written).toBeGreaterThan(0)
    const copied = await count(target, 'busy_copy', 'SELECT count(*) AS n FROM shop.orders')
    expect(await count(target, 'busy_copy', 'SELECT count(*) AS n FROM shop.audit')).toBe(copied)
    expect(await count(source, 'busy', 'SELECT count(*) AS n FROM shop.orders')).toBeGreaterThan(copied)
  })

  it('dry-run reads both sides, prints the plan and changes nothing', async () => {
    await createTarget(target, 'dry')
    const run = await copy('dry', { 'dry-run': true })
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('Dry run: nothing was changed.')
    expect(run.outputs['target-state']).toBe('unchanged')
    expect(await userObjectCount('dry')).toBe(0)
  })
})

describe('strategies under failure', () => {
  it.each([
    ['an index', 'orders_customer_idx', 'Building index orders_customer_idx of shop.orders'],
    [
      'a unique constraint built as a unique index',
      'customers_email_key',
      'Building constraint customers_email_key of shop.customers',
    ],
  ])(
    'direct: a failure after data landed (%s) drops everything, leaving the target empty',
    async (_, index, step) => {
      const database = `direct_fail_${index}`
      await createTarget(target, database)
      await refuseIndex(database, index)
      const run = await copy(database, { strategy: 'direct', jobs: 2 })
      expect(run.exitCode).toBe(1)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toContain(step)
      expect(run.errors[0]).toContain(`injected failure: index ${index} refused`)
      expect(run.errors[0]).toContain(`${database} is empty again`)
      expect(run.outputs['target-state']).toBe('empty')
      expect(await userObjectCount(database)).toBe(0)
      expect(
        await count(target, database, `SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'shop'`),
      ).toBe(0)
      expectNoLeaks(run)
    },
  )

  it('direct: a row refused while a table loads fails the copy naming the table, leaving the target empty', async () => {
    await createTarget(target, 'direct_row')
    await target.sql(
      'direct_row',
      `CREATE FUNCTION pg_catalog.refuse_one_order() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.id = 5000 THEN RAISE EXCEPTION 'injected failure: order 5000 refused'; END IF;
         RETURN NEW;
       END $$;
       CREATE FUNCTION pg_catalog.add_order_refuser() RETURNS event_trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'shop.orders') THEN
           CREATE TRIGGER refuse_one_order BEFORE INSERT ON shop.orders FOR EACH ROW EXECUTE FUNCTION pg_catalog.refuse_one_order();
         END IF;
       END $$;
       CREATE EVENT TRIGGER add_order_refuser ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION pg_catalog.add_order_refuser();`,
    )
    const run = await copy('direct_row', { strategy: 'direct', jobs: 2 })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^Copying the data of shop\.orders failed: injected failure: order 5000 refused/,
    )
    expect(run.errors[0]).toContain('direct_row is empty again')
    expect(run.outputs['target-state']).toBe('empty')
    expect(await userObjectCount('direct_row')).toBe(0)
    expect(await sessionsLeft('direct_row')).toBe(0)
    expectNoLeaks(run)
  })

  it('direct: a run cancelled mid-copy stops its tools and leaves the target empty', async () => {
    await createTarget(target, 'direct_cancel')
    const run = await runAction('db-migrate', {
      inputs: {
        'source-url': sourceUrl(source, 'app'),
        'target-url': targetUrl(target, 'direct_cancel'),
        strategy: 'direct',
        jobs: 2,
      },
      sendSignal: { signal: 'SIGTERM', line: /^Restoring the schema/ },
      timeoutMs: 120_000,
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toBe(
      'pg_restore was stopped because the run was cancelled. Everything restored was removed; direct_cancel is empty again.',
    )
    expect(run.outputs['target-state']).toBe('empty')
    expect(await userObjectCount('direct_cancel')).toBe(0)
    // No pg_dump or pg_restore of the run is left connected to either server.
    const sessions = await count(
      target,
      'postgres',
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = 'direct_cancel' AND application_name LIKE 'pg_%'`,
    )
    expect(sessions).toBe(0)
    expectNoLeaks(run)
  })

  it('transaction: a failure leaves a non-empty target exactly as it was', async () => {
    await createTarget(target, 'tx_fail')
    await target.sql(
      'tx_fail',
      `CREATE TABLE public.keepme (id int); INSERT INTO public.keepme VALUES (1), (2);`,
      [],
      TARGET_USER,
    )
    await refuseIndex('tx_fail')
    const run = await copy('tx_fail', { strategy: 'transaction', clean: true })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain('injected failure')
    expect(run.errors[0]).toContain('tx_fail is exactly as it was')
    expect(run.outputs['target-state']).toBe('unchanged')
    expect(await count(target, 'tx_fail', 'SELECT count(*) AS n FROM public.keepme')).toBe(2)
    expect(
      await count(target, 'tx_fail', `SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'shop'`),
    ).toBe(0)
  })

  it('transaction: verification fails inside the transaction, so nothing is committed and the target is exactly as it was', async () => {
    await createTarget(target, 'tx_verify')
    await target.sql(
      'tx_verify',
      `CREATE TABLE public.keepme (id int); INSERT INTO public.keepme VALUES (1), (2);`,
      [],
      TARGET_USER,
    )
    await dropEveryTenthRow(target, 'tx_verify', 'shop', 'attachments')
    const before = await target.sql('tx_verify', TARGET_SNAPSHOT)
    const run = await copy('tx_verify', { strategy: 'transaction', clean: true })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toContain(
      'Verification inside the transaction failed: Table shop.attachments has 450 rows on the target but 500 on the source',
    )
    expect(run.errors[0]).toContain('The transaction was rolled back; tx_verify is exactly as it was.')
    expect(run.outputs['target-state']).toBe('unchanged')
    expect(await target.sql('tx_verify', TARGET_SNAPSHOT)).toEqual(before)
    expect(await count(target, 'tx_verify', 'SELECT count(*) AS n FROM public.keepme')).toBe(2)
    expect(
      await count(target, 'tx_verify', `SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'shop'`),
    ).toBe(0)
    // No session of the run is left holding the transaction open.
    expect(await sessionsLeft('tx_verify')).toBe(0)
    expectNoLeaks(run)
  })

  it('transaction: names nobody would choose are verified inside the transaction as they are', async () => {
    await source.createDatabase('odd')
    await source.sql(
      'odd',
      `CREATE SCHEMA "Odd $db_migrate$ 'S'";
       CREATE TABLE "Odd $db_migrate$ 'S'"."we""ird\\tab %I" (id serial PRIMARY KEY, note text, at timestamptz DEFAULT now());
       INSERT INTO "Odd $db_migrate$ 'S'"."we""ird\\tab %I" (note) SELECT 'n' || g FROM generate_series(1, 321) g;`,
    )
    await createTarget(target, 'tx_odd')
    const run = await copy('tx_odd', { strategy: 'transaction', verify: 'checksums' }, 'odd')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs['target-state']).toBe('restored')
    const verification = JSON.parse(run.outputs.verification) as Record<
      string,
      { ok: boolean; source: number }
    >
    expect(Object.values(verification)).toEqual([{ source: 321, target: 321, checksum: 'match', ok: true }])
    expect(
      await count(target, 'tx_odd', `SELECT count(*) AS n FROM "Odd $db_migrate$ 'S'"."we""ird\\tab %I"`),
    ).toBe(321)
    expect(await compareWith('odd', 'tx_odd')).toEqual([])
  })

  it('transaction: an error known harmless on a managed target is a warning, and the rest commits', async () => {
    await createSource(source, 'with_citext', 0.05)
    await source.sql(
      'with_citext',
      `CREATE EXTENSION citext; CREATE TABLE shop.tags (id int PRIMARY KEY, tag citext)`,
    )
    await source.sql(
      'with_citext',
      `INSERT INTO shop.tags SELECT g, 'Tag' || g FROM generate_series(1, 40) g`,
    )
    await createTarget(target, 'tx_managed')
    // Installed by another role, as a managed service does: the target user may not comment on it.
    await target.sql('tx_managed', 'CREATE EXTENSION citext')
    const run = await copy('tx_managed', { strategy: 'transaction', verify: 'checksums' }, 'with_citext')
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs['target-state']).toBe('restored')
    expect(run.warnings).toContain('Ignored on this target: must be owner of extension citext')
    expect(run.summary).toContain('must be owner of extension citext')
    expect(await count(target, 'tx_managed', 'SELECT count(*) AS n FROM shop.tags')).toBe(40)
    expect(await compareWith('with_citext', 'tx_managed')).toEqual([])
  })

  it('transaction: a run cancelled mid-restore rolls back and leaves no session behind', async () => {
    await createTarget(target, 'tx_cancel')
    await target.sql('tx_cancel', `CREATE TABLE public.keepme (id int)`, [], TARGET_USER)
    const before = await target.sql('tx_cancel', TARGET_SNAPSHOT)
    const run = await runAction('db-migrate', {
      inputs: {
        'source-url': sourceUrl(source, 'app'),
        'target-url': targetUrl(target, 'tx_cancel'),
        strategy: 'transaction',
        clean: true,
      },
      sendSignal: { signal: 'SIGTERM', line: /^::group::Restore \(transaction\)/ },
      timeoutMs: 120_000,
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toContain('cancelled')
    expect(run.errors[0]).toContain('The transaction was rolled back; tx_cancel is exactly as it was.')
    expect(run.outputs['target-state']).toBe('unchanged')
    expect(await target.sql('tx_cancel', TARGET_SNAPSHOT)).toEqual(before)
    expect(await sessionsLeft('tx_cancel')).toBe(0)
    expectNoLeaks(run)
  })

  it('transaction with clean replaces the objects of a non-empty target', async () => {
    await createTarget(target, 'tx_ok')
    await target.sql('tx_ok', `CREATE TABLE public.keepme (id int)`, [], TARGET_USER)
    const run = await copy('tx_ok', { clean: true })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('in a single transaction')
    expect(await count(target, 'tx_ok', 'SELECT count(*) AS n FROM shop.orders')).toBe(10_000)
  })

  it('swap: restores beside the target, verifies, renames it into place and keeps the old one', async () => {
    await createTarget(target, 'swapme')
    await target.sql(
      'swapme',
      `CREATE TABLE public.old_data (id int); INSERT INTO public.old_data VALUES (7);`,
      [],
      TARGET_USER,
    )
    const run = await copy('swapme', { strategy: 'swap', jobs: 2 })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs['target-state']).toBe('swapped')
    expect(await count(target, 'swapme', 'SELECT count(*) AS n FROM shop.orders')).toBe(10_000)
    expect(await compareWith('app', 'swapme')).toEqual([])
    const [previous] = await target.sql<{ datname: string }>(
      'postgres',
      `SELECT datname FROM pg_database WHERE datname LIKE 'swapme_previous_%'`,
    )
    expect(previous).toBeDefined()
    expect(await count(target, previous.datname, 'SELECT count(*) AS n FROM public.old_data')).toBe(1)
  })

  it('swap: the database swapped in keeps the target locale provider and locale (ICU)', async () => {
    await target.sql(
      'postgres',
      `CREATE DATABASE swap_icu OWNER ${TARGET_USER.name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'de-DE'`,
    )
    const locale = `SELECT to_jsonb(d) ->> 'datlocprovider' AS provider,
                           coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') AS locale,
                           d.datcollate::text AS collate, d.datctype::text AS ctype, pg_encoding_to_char(d.encoding) AS encoding
                      FROM pg_database d WHERE d.datname = $1`
    const [before] = await target.sql('postgres', locale, ['swap_icu'])
    expect(before).toMatchObject({ provider: 'i', locale: 'de-DE' })
    const run = await copy('swap_icu', { strategy: 'swap' })
    expect(run.errors).toEqual([])
    expect(run.outputs['target-state']).toBe('swapped')
    // The database now named swap_icu is the incoming one, and sorts as the one it replaced.
    const [after] = await target.sql('postgres', locale, ['swap_icu'])
    expect(after).toEqual(before)
    const [swapped] = await target.sql<{ n: string }>('swap_icu', 'SELECT count(*) AS n FROM shop.orders')
    expect(Number(swapped.n)).toBe(10_000)
  })

  it('swap: a failure (the target still in use) drops the incoming database and leaves the target untouched', async () => {
    await createTarget(target, 'swap_busy')
    await target.sql('swap_busy', `CREATE TABLE public.old_data (id int)`, [], TARGET_USER)
    const holder = await target.connect('swap_busy')
    try {
      const run = await copy('swap_busy', { strategy: 'swap' })
      expect(run.exitCode).toBe(1)
      expect(run.errors[0]).toMatch(/other sessions are connected to swap_busy/)
      expect(run.outputs['target-state']).toBe('unchanged')
    } finally {
      await holder.end()
    }
    expect(
      await count(target, 'swap_busy', `SELECT count(*) AS n FROM pg_class WHERE relname = 'old_data'`),
    ).toBe(1)
    expect(
      await count(
        target,
        'postgres',
        `SELECT count(*) AS n FROM pg_database WHERE datname LIKE 'swap_busy_%'`,
      ),
    ).toBe(0)
  })
})

describe('pre-flight refusals, before any write', () => {
  it('refuses a source extension the target server does not offer', async () => {
    await createSource(source, 'with_ext', 0.05)
    await installVanishingExtension(source, 'with_ext', 'vanishing_probe')
    await createTarget(target, 'no_ext')
    const run = await copy('no_ext', {}, 'with_ext')
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([expect.stringContaining('vanishing_probe 1.0')])
    expect(await userObjectCount('no_ext')).toBe(0)
  })

  it('refuses a non-empty target without clean or swap', async () => {
    await createTarget(target, 'occupied')
    await target.sql('occupied', `CREATE TABLE public.mine (id int)`, [], TARGET_USER)
    const run = await copy('occupied')
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "The target database occupied is not empty (table public.mine); set 'clean: true' to replace its objects in one transaction, or 'strategy: swap' to restore beside it and swap it in.",
    ])
    expect(await userObjectCount('occupied')).toBe(1)
  })

  it('names the side and hides the password when the password is wrong', async () => {
    const wrong = 'Wr0ng-pw-never-shown'
    const run = await runAction('db-migrate', {
      inputs: {
        'source-url': sourceUrl(source, 'app'),
        'target-url': target.url('app', TARGET_USER.name, wrong),
      },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      `Could not connect to the target server migrator@127.0.0.1:${target.port}/app: password authentication failed.`,
    ])
    expect(run.leaksOf(wrong)).toEqual([])
    expectNoLeaks(run)
  })

  it('names the side when the host is unreachable', async () => {
    const run = await runAction('db-migrate', {
      inputs: {
        'source-url': `postgresql://reader:${encodeURIComponent(SOURCE_USER.password)}@127.0.0.1:1/app`,
        'target-url': targetUrl(target, 'app'),
      },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      /^Could not connect to the source server reader@127\.0\.0\.1:1\/app: the connection was refused/,
    )
    expectNoLeaks(run)
  })
})
