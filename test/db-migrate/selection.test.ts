import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serverBinDir, type Cluster } from '../../tools/harness/postgres'
import { runAction, type ActionRun } from '../../tools/harness/run-action'
import { createTarget, startServers, sourceUrl, TARGET_USER, targetUrl } from './fixture'

const TENANT_OWNER = 'tenant_owner'
const NOINHERIT_USER = { name: 'migrator_noinherit', password: 'Ni-s3cret-pw!' }

/**
 * What a copy selects, carries and verifies, on the committed bundle against two real servers:
 * extension configuration tables, pg_dump's pattern rules, tables selected with what they need,
 * names of every kind, and row-level security on a target whose user is not a superuser.
 */

let source: Cluster
let target: Cluster

/** A trusted extension whose script creates configuration tables marked with pg_extension_config_dump. */
const EXTENSION = 'db_migrate_cfg_probe'
const extensionFiles = (): string[] => {
  const share = execFileSync(join(serverBinDir(), 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim()
  return [join(share, 'extension', `${EXTENSION}.control`), join(share, 'extension', `${EXTENSION}--1.0.sql`)]
}

beforeAll(async () => {
  ;({ source, target } = await startServers())
  const [control, script] = extensionFiles()
  writeFileSync(
    control,
    `default_version = '1.0'\nrelocatable = false\nschema = cfg\ntrusted = true\ncomment = 'configuration tables'\n`,
  )
  writeFileSync(
    script,
    `CREATE TABLE job (id serial PRIMARY KEY, name text NOT NULL, system boolean NOT NULL DEFAULT false);
     INSERT INTO job (name, system) VALUES ('built-in a', true), ('built-in b', true);
     SELECT pg_catalog.pg_extension_config_dump('job', 'WHERE NOT system');
     SELECT pg_catalog.pg_extension_config_dump('job_id_seq', '');
     CREATE TABLE setting (key text PRIMARY KEY, value text NOT NULL);
     SELECT pg_catalog.pg_extension_config_dump('setting', '');
     GRANT ALL ON TABLE job, setting TO @extowner@;
     GRANT ALL ON SEQUENCE job_id_seq TO @extowner@;\n`,
  )
}, 120_000)

afterAll(async () => {
  for (const file of extensionFiles()) rmSync(file, { force: true })
  await source?.stop()
  await target?.stop()
})

/** The source databases more than one group of tests reads, each created once by whichever needs it first. */
const SOURCES: Record<string, string> = {
  with_cfg: `CREATE SCHEMA cfg;
       CREATE EXTENSION ${EXTENSION};
       INSERT INTO cfg.job (name) SELECT 'user job ' || g FROM generate_series(1, 50) g;
       INSERT INTO cfg.setting VALUES ('retention', '30 days'), ('owner', 'ops');
       CREATE TABLE public.plain (id int PRIMARY KEY);
       INSERT INTO public.plain SELECT generate_series(1, 10);`,
  events: `CREATE SCHEMA app;
       CREATE TYPE app.kind AS ENUM ('click', 'view', 'buy');
       CREATE TABLE app.events (id bigserial, at date NOT NULL, kind app.kind NOT NULL, PRIMARY KEY (id, at, kind)) PARTITION BY RANGE (at);
       CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
       CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (kind);
       CREATE TABLE app.events_2025_click PARTITION OF app.events_2025 FOR VALUES IN ('click');
       CREATE TABLE app.events_2025_rest PARTITION OF app.events_2025 DEFAULT;
       CREATE TABLE app.unrelated (id int);
       INSERT INTO app.unrelated VALUES (1);
       INSERT INTO app.events (at, kind)
         SELECT date '2024-07-01' + (g % 400), (ARRAY['click', 'view', 'buy']::app.kind[])[1 + g % 3] FROM generate_series(1, 6000) g;`,
}
const created = new Map<string, Promise<unknown>>()
function sourceDatabase(name: string): Promise<unknown> {
  if (!created.has(name))
    created.set(
      name,
      source.createDatabase(name).then(() => source.sql(name, SOURCES[name])),
    )
  return created.get(name) as Promise<unknown>
}

async function copy(
  sourceDb: string,
  targetDb: string,
  inputs: Record<string, string | number | boolean> = {},
): Promise<ActionRun> {
  return runAction('db-migrate', {
    inputs: {
      'source-url': sourceUrl(source, sourceDb),
      'target-url': targetUrl(target, targetDb),
      ...inputs,
    },
    timeoutMs: 180_000,
  })
}

async function count(cluster: Cluster, database: string, sql: string): Promise<number> {
  const [row] = await cluster.sql<{ n: string }>(database, sql)
  return Number(row.n)
}

type Verdicts = Record<
  string,
  { source: number; target: number; ok: boolean; checksum?: string; tree?: boolean }
>
const verdicts = (run: ActionRun): Verdicts => JSON.parse(run.outputs.verification || '{}') as Verdicts

/** User relations of a database, for "left untouched" checks. */
const relationsOf = async (cluster: Cluster, database: string): Promise<number> =>
  count(
    cluster,
    database,
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
  )

describe('extension configuration tables', () => {
  beforeAll(() => sourceDatabase('with_cfg'))

  it.each(['direct', 'transaction', 'swap'])(
    '%s: keeps the user rows and sequence of configuration tables, and verifies them',
    async (strategy) => {
      const db = `cfg_${strategy}`
      await createTarget(target, db)
      const run = await copy('with_cfg', db, { strategy, verify: 'checksums' })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      // The extension's own two rows, created by CREATE EXTENSION, and the 50 rows of the user.
      expect(await count(target, db, 'SELECT count(*) AS n FROM cfg.job')).toBe(52)
      expect(await count(target, db, 'SELECT count(*) AS n FROM cfg.job WHERE system')).toBe(2)
      expect(await count(target, db, 'SELECT count(*) AS n FROM cfg.setting')).toBe(2)
      expect(await count(target, db, 'SELECT last_value AS n FROM cfg.job_id_seq')).toBe(52)
      const verification = verdicts(run)
      expect(verification['cfg.job']).toEqual({ source: 50, target: 50, checksum: 'match', ok: true })
      expect(verification['cfg.setting']).toEqual({ source: 2, target: 2, checksum: 'match', ok: true })
      expect(verification['public.plain']).toEqual({ source: 10, target: 10, checksum: 'match', ok: true })
    },
  )
})

describe("pg_dump's pattern rules", () => {
  beforeAll(async () => {
    await source.createDatabase('audited')
    await source.sql(
      'audited',
      `CREATE SCHEMA app;
       CREATE TABLE app.audit_log (id int PRIMARY KEY, note text);
       CREATE TABLE app.audit_trail (id int PRIMARY KEY, note text);
       CREATE TABLE app.audit_other (id int PRIMARY KEY, note text);
       CREATE TABLE app.users (id int PRIMARY KEY, name text);
       INSERT INTO app.audit_log SELECT g, 'log ' || g FROM generate_series(1, 300) g;
       INSERT INTO app.audit_trail SELECT g, 'trail ' || g FROM generate_series(1, 200) g;
       INSERT INTO app.audit_other SELECT g, 'other ' || g FROM generate_series(1, 100) g;
       INSERT INTO app.users SELECT g, 'user ' || g FROM generate_series(1, 40) g;`,
    )
  })

  it.each(['direct', 'transaction'])(
    "%s: exclude-table-data 'app.audit_(log|trail)' leaves out the data of both tables, as pg_dump does",
    async (strategy) => {
      const db = `audit_${strategy}`
      await createTarget(target, db)
      const run = await copy('audited', db, { strategy, 'exclude-table-data': 'app.audit_(log|trail)' })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      expect(await count(target, db, 'SELECT count(*) AS n FROM app.audit_log')).toBe(0)
      expect(await count(target, db, 'SELECT count(*) AS n FROM app.audit_trail')).toBe(0)
      expect(await count(target, db, 'SELECT count(*) AS n FROM app.audit_other')).toBe(100)
      expect(Object.keys(verdicts(run)).sort()).toEqual(['app.audit_other', 'app.users'])
    },
  )

  it.each([
    ['tables', 'app.users, app.usres', 'app.usres'],
    ['schemas', 'app, ap', 'ap'],
    ['exclude-table-data', 'app.audit_logs', 'app.audit_logs'],
    ['exclude-tables', 'app.audit_lgo', 'app.audit_lgo'],
    ['exclude-schemas', 'nosuch', 'nosuch'],
  ])(
    'refuses a pattern of %s that matches nothing, naming the input and the pattern',
    async (input, value, bad) => {
      const db = `nomatch_${input.replace(/-/g, '_')}`
      await createTarget(target, db)
      const run = await copy('audited', db, { [input]: value })
      expect(run.exitCode).toBe(1)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toContain(`'${input}'`)
      expect(run.errors[0]).toContain(`"${bad}"`)
      expect(run.errors[0]).not.toContain('pg_dump: error')
      expect(await relationsOf(target, db)).toBe(0)
    },
  )
})

describe('a selection of tables brings what they need', () => {
  beforeAll(() => sourceDatabase('events'))

  it.each(['direct', 'transaction'])(
    '%s: tables=app.events copies its schema, type, partitions and sequence into an empty target',
    async (strategy) => {
      const db = `events_${strategy}`
      await createTarget(target, db)
      const run = await copy('events', db, { strategy, tables: 'app.events' })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      expect(await count(target, db, 'SELECT count(*) AS n FROM app.events')).toBe(6000)
      expect(await count(target, db, 'SELECT count(*) AS n FROM app.events_2025_click')).toBeGreaterThan(0)
      expect(await count(target, db, `SELECT count(*) AS n FROM pg_class WHERE relname = 'unrelated'`)).toBe(
        0,
      )
      expect(await count(target, db, 'SELECT last_value AS n FROM app.events_id_seq')).toBe(6000)
      const verification = verdicts(run)
      // Each partition, and each partitioned table as the whole of its tree.
      expect(Object.keys(verification).sort()).toEqual([
        'app.events',
        'app.events_2024',
        'app.events_2025',
        'app.events_2025_click',
        'app.events_2025_rest',
      ])
      expect(verification['app.events']).toMatchObject({ source: 6000, target: 6000, ok: true, tree: true })
      const partitions = Object.values(verification).filter((v) => !v.tree)
      expect(partitions.reduce((sum, v) => sum + v.target, 0)).toBe(6000)
      expect(Number(run.outputs.rows)).toBe(6000)
    },
  )
})

describe('names of every kind', () => {
  const schema = `Odd "Schema" ü`
  const table = `We'ird Näme`
  const view = `v w`
  const q = (name: string): string => `"${name.replace(/"/g, '""')}"`

  beforeAll(async () => {
    await source.createDatabase('odd_names')
    await source.sql(
      'odd_names',
      `CREATE SCHEMA ${q(schema)};
       CREATE TABLE ${q(schema)}.${q(table)} (id serial PRIMARY KEY, "Note" text);
       CREATE TABLE ${q(schema)}."UPPER" (id int PRIMARY KEY);
       INSERT INTO ${q(schema)}.${q(table)} ("Note") SELECT 'n' || g FROM generate_series(1, 70) g;
       INSERT INTO ${q(schema)}."UPPER" SELECT generate_series(1, 5);
       CREATE VIEW ${q(schema)}.${q(view)} AS SELECT id FROM ${q(schema)}.${q(table)};
       CREATE FUNCTION ${q(schema)}."f ü"() RETURNS int LANGUAGE sql AS 'SELECT 1';`,
    )
  })

  it.each(['direct', 'transaction'])(
    '%s: copies and verifies them, each quoted where it must be',
    async (strategy) => {
      const db = `odd_${strategy}`
      await createTarget(target, db)
      const run = await copy('odd_names', db, { strategy, verify: 'checksums' })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      const verification = verdicts(run)
      expect(Object.keys(verification).sort()).toEqual([
        `${q(schema)}.${q('UPPER')}`,
        `${q(schema)}.${q(table)}`,
      ])
      expect(verification[`${q(schema)}.${q(table)}`]).toEqual({
        source: 70,
        target: 70,
        checksum: 'match',
        ok: true,
      })
      if (strategy === 'direct') {
        expect(run.summary).toMatch(/\| views \| 1 \| 1 \| ✅ \|/)
        expect(run.summary).toMatch(/\| functions \| 1 \| 1 \| ✅ \|/)
      }
    },
  )

  it('fails, naming it, when a view of such a schema does not arrive', async () => {
    const db = 'odd_lost_view'
    await createTarget(target, db)
    // An event trigger (in pg_catalog, so the database still counts as empty) dropping the view as soon as it is created.
    await target.sql(
      db,
      `CREATE FUNCTION pg_catalog.drop_new_views() RETURNS event_trigger LANGUAGE plpgsql AS $$
       DECLARE
         created record;
       BEGIN
         FOR created IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE object_type = 'view' LOOP
           EXECUTE 'DROP VIEW ' || created.object_identity;
         END LOOP;
       END $$;
       CREATE EVENT TRIGGER drop_new_views ON ddl_command_end WHEN TAG IN ('CREATE VIEW') EXECUTE FUNCTION pg_catalog.drop_new_views();`,
    )
    const run = await copy('odd_names', db, { strategy: 'direct' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toContain(`View ${q(schema)}.${q(view)} is missing on the target`)
    expect(run.outputs['target-state']).toBe('empty')
  })
})

describe('row-level security on a target whose user owns the database but is no superuser', () => {
  beforeAll(async () => {
    await source.createDatabase('tenants')
    await source.sql(
      'tenants',
      `CREATE TABLE public.notes (id int PRIMARY KEY, tenant text NOT NULL, body text);
       INSERT INTO public.notes SELECT g, 't' || (g % 4), 'body ' || g FROM generate_series(1, 1000) g;
       ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
       ALTER TABLE public.notes FORCE ROW LEVEL SECURITY;
       CREATE POLICY own_tenant ON public.notes USING (tenant = current_setting('app.tenant', true));`,
    )
  })

  it.each(['direct', 'transaction', 'swap'])(
    '%s: verification sees every row of a table with FORCE ROW LEVEL SECURITY, and keeps the copy',
    async (strategy) => {
      const db = `rls_${strategy}`
      await createTarget(target, db)
      const run = await copy('tenants', db, { strategy, verify: 'checksums' })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      expect(verdicts(run)['public.notes']).toEqual({
        source: 1000,
        target: 1000,
        checksum: 'match',
        ok: true,
      })
      expect(await count(target, db, 'SELECT count(*) AS n FROM public.notes')).toBe(1000)
      // The table keeps its protection: its owner, the target user, still sees only its tenant's rows.
      const [forced] = await target.sql<{ force: boolean; enabled: boolean }>(
        db,
        `SELECT relforcerowsecurity AS force, relrowsecurity AS enabled FROM pg_class WHERE oid = 'public.notes'::regclass`,
      )
      expect(forced).toEqual({ force: true, enabled: true })
      const seen = await target.sql<{ n: string }>(
        db,
        'SELECT count(*) AS n FROM public.notes',
        [],
        TARGET_USER,
      )
      expect(Number(seen[0].n)).toBe(0)
    },
  )
  it.each(['direct', 'transaction'])(
    '%s: fails a copy whose table lost FORCE ROW LEVEL SECURITY on the target, and keeps none of it',
    async (strategy) => {
      const db = `rls_unforced_${strategy}`
      await createTarget(target, db)
      // An event trigger (in pg_catalog, so the database still counts as empty) taking FORCE off
      // the table as soon as any ALTER TABLE leaves it on; its own ALTER TABLE finds it off.
      await target.sql(
        db,
        `CREATE FUNCTION pg_catalog.unforce_notes() RETURNS event_trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF (SELECT relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('public.notes')) THEN
             EXECUTE 'ALTER TABLE public.notes NO FORCE ROW LEVEL SECURITY';
           END IF;
         END $$;
         CREATE EVENT TRIGGER unforce_notes ON ddl_command_end WHEN TAG IN ('ALTER TABLE') EXECUTE FUNCTION pg_catalog.unforce_notes();`,
      )
      const run = await copy('tenants', db, { strategy, verify: 'counts' })
      expect(run.exitCode).toBe(1)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toContain(
        'The target has 0 tables forcing row-level security where the source has 1.',
      )
      // Nothing of the copy is left: its owner would have seen every tenant's rows.
      expect(await relationsOf(target, db)).toBe(0)
    },
  )
})

describe('row-level security on a table that keeps its owner', () => {
  beforeAll(async () => {
    for (const cluster of [source, target])
      await cluster.sql('postgres', `CREATE ROLE ${TENANT_OWNER} NOLOGIN`)
    await target.sql('postgres', `GRANT ${TENANT_OWNER} TO migrator`)
    await target.sql(
      'postgres',
      `CREATE ROLE ${NOINHERIT_USER.name} LOGIN NOINHERIT CREATEDB PASSWORD '${NOINHERIT_USER.password}';
       GRANT ${TENANT_OWNER} TO ${NOINHERIT_USER.name}`,
    )
    await source.createDatabase('tenants_owned')
    await source.sql(
      'tenants_owned',
      `CREATE TABLE public.notes (id int PRIMARY KEY, tenant text NOT NULL);
       INSERT INTO public.notes SELECT g, 't' || (g % 4) FROM generate_series(1, 1000) g;
       ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
       ALTER TABLE public.notes FORCE ROW LEVEL SECURITY;
       CREATE POLICY own_tenant ON public.notes USING (tenant = current_setting('app.tenant', true));
       ALTER TABLE public.notes OWNER TO ${TENANT_OWNER};`,
    )
  })

  it("direct: counts every row as a member of the owner's role", async () => {
    const db = 'rls_owned'
    await createTarget(target, db)
    // A new owner needs CREATE on the table's schema (ALTER TABLE ... OWNER TO).
    await target.sql(db, `GRANT CREATE ON SCHEMA public TO ${TENANT_OWNER}`)
    const run = await copy('tenants_owned', db, { 'no-owner': false })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(verdicts(run)['public.notes']).toEqual({ source: 1000, target: 1000, ok: true })
    const [owner] = await target.sql<{ owner: string }>(
      db,
      `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'public.notes'::regclass`,
    )
    expect(owner.owner).toBe(TENANT_OWNER)
  })

  it('refuses in pre-flight, naming the table and why, when the target user could not count every row', async () => {
    const db = 'rls_noinherit'
    await target.createDatabase(db, NOINHERIT_USER.name)
    const run = await runAction('db-migrate', {
      inputs: {
        'source-url': sourceUrl(source, 'tenants_owned'),
        'target-url': target.url(db, NOINHERIT_USER.name, NOINHERIT_USER.password),
        'no-owner': false,
      },
      timeoutMs: 180_000,
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^Verification could not count every row of public\.notes on the target: row-level security is enabled, the table keeps its owner \(tenant_owner\)/,
    )
    expect(await relationsOf(target, db)).toBe(0)
  })
})

describe('backup and restore select and carry the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'db-migrate-selection-'))
  beforeAll(() => Promise.all([sourceDatabase('with_cfg'), sourceDatabase('events')]))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    ['with_cfg', {}, 'SELECT count(*) AS n FROM cfg.job', 52],
    ['events', { tables: 'app.events' }, 'SELECT count(*) AS n FROM app.events', 6000],
  ] as const)('%s: a backup restores with what the copy carries', async (database, selection, sql, rows) => {
    const file = join(dir, `${database}.dump`)
    const backup = await runAction('db-migrate', {
      inputs: { mode: 'backup', 'source-url': sourceUrl(source, database), 'dump-file': file, ...selection },
      timeoutMs: 180_000,
    })
    expect(backup.errors).toEqual([])
    expect(backup.exitCode).toBe(0)
    for (const strategy of ['direct', 'transaction']) {
      const db = `restored_${database}_${strategy}`
      await createTarget(target, db)
      const run = await runAction('db-migrate', {
        inputs: { mode: 'restore', 'target-url': targetUrl(target, db), 'dump-file': file, strategy },
        timeoutMs: 180_000,
      })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      expect(await count(target, db, sql)).toBe(rows)
    }
  })
})
