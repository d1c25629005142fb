import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Cluster } from '../../tools/harness/postgres'
import { bundleOf, runBundle, type ActionRun } from '../../tools/harness/run-action'
import { compareDatabases } from './compare'
import { createTarget, startServers, TARGET_USER, sourceUrl, targetUrl } from './fixture'

/**
 * Access and database properties: a copy never grants anyone more than the source did, carries
 * owners and grants where the roles exist on the target and lists the rest, and carries the
 * database's comment and settings (and, in swap, the replaced database's privileges, connection
 * limit and owner).
 */

const BUNDLE = bundleOf('db-migrate')

let source: Cluster
let target: Cluster
let work: string

beforeAll(async () => {
  ;({ source, target } = await startServers())
  work = mkdtempSync(join(tmpdir(), 'db-migrate-access-'))
  await source.sql(
    'postgres',
    `CREATE ROLE alice NOLOGIN; CREATE ROLE ghost_owner NOLOGIN; CREATE ROLE ghost_reader NOLOGIN`,
  )
  await target.sql('postgres', `CREATE ROLE alice NOLOGIN`)
  await source.createDatabase('secure')
  await source.sql(
    'secure',
    `CREATE TABLE public.accounts (id int PRIMARY KEY, balance int NOT NULL);
     INSERT INTO public.accounts SELECT g, g * 10 FROM generate_series(1, 100) g;
     ALTER TABLE public.accounts OWNER TO alice;
     GRANT SELECT ON public.accounts TO ghost_reader;
     CREATE FUNCTION public.balance_of(account int) RETURNS int LANGUAGE sql STABLE
       AS 'SELECT balance FROM public.accounts WHERE id = account';
     REVOKE ALL ON FUNCTION public.balance_of(int) FROM PUBLIC;
     GRANT EXECUTE ON FUNCTION public.balance_of(int) TO alice;
     CREATE FUNCTION public.as_owner() RETURNS text LANGUAGE sql SECURITY DEFINER AS 'SELECT current_user::text';
     ALTER FUNCTION public.as_owner() OWNER TO ghost_owner;
     GRANT EXECUTE ON FUNCTION public.as_owner() TO alice;
     CREATE FUNCTION public.as_alice() RETURNS text LANGUAGE sql SECURITY DEFINER AS 'SELECT current_user::text';
     ALTER FUNCTION public.as_alice() OWNER TO alice;`,
  )
}, 120_000)

afterAll(async () => {
  await source?.stop()
  await target?.stop()
  if (work) rmSync(work, { recursive: true, force: true })
})

function migrate(inputs: Record<string, string | number | boolean>): Promise<ActionRun> {
  return runBundle(BUNDLE, { inputs, timeoutMs: 180_000 })
}

async function flag(database: string, sql: string): Promise<boolean> {
  const [row] = await target.sql<{ v: boolean }>(database, `SELECT (${sql}) AS v`)
  return row.v
}

async function ownerOf(database: string, fn: string): Promise<string> {
  const [row] = await target.sql<{ owner: string }>(
    database,
    `SELECT pg_get_userbyid(proowner) AS owner FROM pg_proc WHERE oid = '${fn}'::regprocedure`,
  )
  return row.owner
}

describe('owners and privileges with the defaults', () => {
  it.each(['direct', 'transaction', 'restore'])(
    '%s: keeps every restriction, carries what the target can hold and lists the rest',
    async (how) => {
      const db = `secure_${how}`
      await target.createDatabase(db)
      // As the target server's superuser, so that owners can be carried wherever the role exists.
      const into = target.url(db)
      let run: ActionRun
      if (how === 'restore') {
        const file = join(work, 'secure.dump')
        const backup = await migrate({
          mode: 'backup',
          'source-url': sourceUrl(source, 'secure'),
          'dump-file': file,
        })
        expect(backup.errors).toEqual([])
        run = await migrate({ mode: 'restore', 'target-url': into, 'dump-file': file, strategy: 'direct' })
      } else {
        run = await migrate({ 'source-url': sourceUrl(source, 'secure'), 'target-url': into, strategy: how })
      }
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      // The source's REVOKE ... FROM PUBLIC survives; alice, who exists on both servers, keeps her grant.
      expect(
        await flag(db, `has_function_privilege('public', 'public.balance_of(integer)', 'EXECUTE')`),
      ).toBe(false)
      expect(await flag(db, `has_function_privilege('alice', 'public.balance_of(integer)', 'EXECUTE')`)).toBe(
        true,
      )
      expect(
        await flag(
          db,
          `(SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.accounts'::regclass) = 'alice'`,
        ),
      ).toBe(true)
      // A SECURITY DEFINER function whose owner is missing would run as the superuser: nobody else may call it.
      expect(await ownerOf(db, 'public.as_owner()')).toBe('postgres')
      expect(await flag(db, `has_function_privilege('public', 'public.as_owner()', 'EXECUTE')`)).toBe(false)
      expect(await flag(db, `has_function_privilege('alice', 'public.as_owner()', 'EXECUTE')`)).toBe(false)
      // One whose owner exists keeps it, and stays callable as on the source.
      expect(await ownerOf(db, 'public.as_alice()')).toBe('alice')
      expect(await flag(db, `has_function_privilege('public', 'public.as_alice()', 'EXECUTE')`)).toBe(true)
      // What could not be carried is listed, in a warning and in the summary.
      const warning = run.warnings.find((w) => w.startsWith('Not carried to the target'))
      expect(warning).toContain(
        'Owner ghost_owner of function public.as_owner() not carried (role ghost_owner does not exist on the target)',
      )
      expect(warning).toContain(
        'GRANT SELECT ON TABLE public.accounts TO ghost_reader; not carried (role ghost_reader does not exist on the target)',
      )
      expect(warning).toContain('SECURITY DEFINER function public.as_owner()')
      expect(run.summary).toContain('Not carried to the target')
      expect(run.summary).toContain('ghost_reader')
      expect(
        await compareDatabases({ cluster: source, database: 'secure' }, { cluster: target, database: db }),
      ).toEqual([])
    },
  )
})

describe("the target's own default privileges", () => {
  beforeAll(async () => {
    // A source whose public schema changed hands (as after pg_upgrade, or on managed services),
    // with a serial sequence, a schema of its own and a type.
    await source.createDatabase('handed')
    await source.sql(
      'handed',
      `ALTER SCHEMA public OWNER TO alice;
       CREATE TABLE public.items (id serial PRIMARY KEY, label text);
       INSERT INTO public.items (label) SELECT 'i' || g FROM generate_series(1, 10) g;
       CREATE SCHEMA reports; CREATE TABLE reports.daily (day date PRIMARY KEY);
       CREATE TYPE public.mood AS ENUM ('ok', 'sad');
       CREATE FUNCTION public.hello() RETURNS text LANGUAGE sql AS 'SELECT 1::text'`,
    )
  })

  it.each(['direct', 'transaction'])(
    '%s: grant the copied objects nothing the source did not grant',
    async (how) => {
      const db = `defaults_${how}`
      await target.createDatabase(db)
      // The target's defaults for objects its superuser creates: tables readable by everyone,
      // sequences usable, functions callable by nobody but their owner, schemas open.
      await target.sql(
        db,
        `ALTER DEFAULT PRIVILEGES GRANT SELECT, UPDATE ON TABLES TO PUBLIC;
         ALTER DEFAULT PRIVILEGES GRANT USAGE, UPDATE ON SEQUENCES TO PUBLIC;
         ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
         ALTER DEFAULT PRIVILEGES GRANT USAGE, CREATE ON SCHEMAS TO PUBLIC`,
      )
      const run = await migrate({
        'source-url': sourceUrl(source, 'handed'),
        'target-url': target.url(db),
        strategy: how,
      })
      expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
      // Read on both servers: what PUBLIC may do with each object, the source's against the copy's.
      const checks = `SELECT 'items' AS o, has_table_privilege('public', 'public.items', 'SELECT, UPDATE') AS may
        UNION ALL SELECT 'items_id_seq', has_sequence_privilege('public', 'public.items_id_seq', 'USAGE, UPDATE')
        UNION ALL SELECT 'daily', has_table_privilege('public', 'reports.daily', 'SELECT')
        UNION ALL SELECT 'reports usage', has_schema_privilege('public', 'reports', 'USAGE')
        UNION ALL SELECT 'reports create', has_schema_privilege('public', 'reports', 'CREATE')
        UNION ALL SELECT 'public usage', has_schema_privilege('public', 'public', 'USAGE')
        UNION ALL SELECT 'public create', has_schema_privilege('public', 'public', 'CREATE')
        UNION ALL SELECT 'mood', has_type_privilege('public', 'public.mood', 'USAGE')
        UNION ALL SELECT 'hello', has_function_privilege('public', 'public.hello()', 'EXECUTE')`
      const copied = await target.sql<{ o: string; may: boolean }>(db, checks)
      const original = await source.sql<{ o: string; may: boolean }>('handed', checks)
      expect(copied).toEqual(original)
      // And as the source has them: nothing on the tables and sequence, USAGE on public.
      expect(Object.fromEntries(copied.map((r) => [r.o, r.may]))).toMatchObject({
        items: false,
        items_id_seq: false,
        daily: false,
        'reports usage': false,
        'public usage': true,
        hello: true,
      })
    },
  )
})

describe('owners and privileges for a target user that is not a superuser', () => {
  it.each(['direct', 'transaction'])(
    '%s: an owner the server refuses is listed, and its SECURITY DEFINER function made private',
    async (strategy) => {
      const db = `secure_member_${strategy}`
      await createTarget(target, db)
      // The target user may act as alice, but alice may not create in schema public (PostgreSQL 15's default).
      await target.sql('postgres', `GRANT alice TO ${TARGET_USER.name}`)
      const run = await migrate({
        'source-url': sourceUrl(source, 'secure'),
        'target-url': targetUrl(target, db),
        strategy,
      })
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      const warning = run.warnings.find((w) => w.startsWith('Not carried to the target'))
      expect(warning).toContain(
        'Owner alice of table public.accounts not carried (permission denied for schema public); migrator owns it.',
      )
      expect(warning).toContain('SECURITY DEFINER function public.as_alice()')
      expect(await ownerOf(db, 'public.as_alice()')).toBe(TARGET_USER.name)
      expect(await flag(db, `has_function_privilege('public', 'public.as_alice()', 'EXECUTE')`)).toBe(false)
      expect(
        await flag(db, `has_function_privilege('public', 'public.balance_of(integer)', 'EXECUTE')`),
      ).toBe(false)
      expect(await flag(db, `has_function_privilege('alice', 'public.balance_of(integer)', 'EXECUTE')`)).toBe(
        true,
      )
    },
  )
})

describe('database properties', () => {
  beforeAll(async () => {
    await source.createDatabase('props')
    await source.sql(
      'props',
      `COMMENT ON DATABASE props IS 'Orders of the shop, since 2019';
       ALTER DATABASE props SET search_path = app, public;
       ALTER DATABASE props SET statement_timeout = '5min';
       CREATE SCHEMA app;
       CREATE TABLE app.items (id int PRIMARY KEY, name text);
       INSERT INTO app.items SELECT g, 'item ' || g FROM generate_series(1, 30) g;`,
    )
  })

  it.each(['direct', 'transaction', 'restore'])(
    '%s: the target database gets the comment and settings of the source',
    async (how) => {
      const db = `props_${how}`
      await createTarget(target, db)
      let run: ActionRun
      if (how === 'restore') {
        const file = join(work, 'props.dump')
        const backup = await migrate({
          mode: 'backup',
          'source-url': sourceUrl(source, 'props'),
          'dump-file': file,
        })
        expect(backup.errors).toEqual([])
        run = await migrate({ mode: 'restore', 'target-url': targetUrl(target, db), 'dump-file': file })
      } else {
        run = await migrate({
          'source-url': sourceUrl(source, 'props'),
          'target-url': targetUrl(target, db),
          strategy: how,
        })
      }
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      expect(run.summary).toContain('Database properties carried')
      const [row] = await target.sql<{ comment: string; search_path: string }>(
        db,
        `SELECT shobj_description(oid, 'pg_database') AS comment, current_setting('search_path') AS search_path
           FROM pg_database WHERE datname = current_database()`,
      )
      expect(row).toEqual({ comment: 'Orders of the shop, since 2019', search_path: 'app, public' })
      expect(
        await compareDatabases(
          { cluster: source, database: 'props' },
          { cluster: target, database: db },
          { targetUser: TARGET_USER.name },
        ),
      ).toEqual([])
    },
  )

  it('swap: the new database has the source comment and settings and the replaced database privileges, limit and owner', async () => {
    await createTarget(target, 'props_swap')
    await target.sql(
      'postgres',
      `REVOKE ALL ON DATABASE props_swap FROM PUBLIC;
       GRANT CONNECT ON DATABASE props_swap TO alice;
       ALTER DATABASE props_swap CONNECTION LIMIT 7;`,
    )
    const run = await migrate({
      'source-url': sourceUrl(source, 'props'),
      'target-url': targetUrl(target, 'props_swap'),
      strategy: 'swap',
    })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.outputs['target-state']).toBe('swapped')
    const [previous] = await target.sql<{ datname: string }>(
      'postgres',
      `SELECT datname FROM pg_database WHERE datname LIKE 'props_swap_previous_%'`,
    )
    expect(await flag('postgres', `has_database_privilege('public', 'props_swap', 'CONNECT')`)).toBe(false)
    expect(
      await compareDatabases(
        { cluster: source, database: 'props' },
        { cluster: target, database: 'props_swap' },
        { targetUser: TARGET_USER.name, databaseLike: { cluster: target, database: previous.datname } },
      ),
    ).toEqual([])
  })
})
