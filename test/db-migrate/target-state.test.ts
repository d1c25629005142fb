import type { Cluster } from '../../tools/harness/postgres'
import { bundleOf, runBundle, type ActionRun } from '../../tools/harness/run-action'
import { compareDatabases, schemaDump } from './compare'
import { createTarget, dropEveryTenthRow, startServers, TARGET_USER, sourceUrl, targetUrl } from './fixture'

/**
 * The `target-state` output says what is true of the target when the step ends: a failed direct
 * copy removes everything it created, whatever its kind, and the state is measured afterwards;
 * a run that fails before writing reports the target `unchanged`.
 */

const BUNDLE = bundleOf('db-migrate')

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
  sourceDb: string,
  database: string,
  inputs: Record<string, string | number | boolean> = {},
): Promise<ActionRun> {
  return runBundle(BUNDLE, {
    inputs: {
      'source-url': sourceUrl(source, sourceDb),
      'target-url': targetUrl(target, database),
      ...inputs,
    },
    timeoutMs: 180_000,
  })
}

/** Objects of every kind a restore creates, and a policy for a role only the source server has. */
const MANY_KINDS = `
CREATE ROLE ghost NOLOGIN;
CREATE EXTENSION citext;
CREATE SCHEMA extra;
CREATE TABLE extra.things (id int PRIMARY KEY, name citext);
INSERT INTO extra.things SELECT g, 'Thing ' || g FROM generate_series(1, 50) g;
CREATE TYPE public.pair AS (a int, b text);
CREATE TYPE public.mood AS ENUM ('ok', 'bad');
CREATE TYPE public.span AS RANGE (subtype = int4);
CREATE DOMAIN public.positive AS int CHECK (VALUE > 0);
CREATE COLLATION public.bytewise FROM "C";
CREATE TEXT SEARCH DICTIONARY public.plain (TEMPLATE = simple);
CREATE TEXT SEARCH CONFIGURATION public.plain_cfg (COPY = english);
CREATE FUNCTION public.plus(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE OPERATOR public.=== (leftarg = int, rightarg = int, function = public.plus);
CREATE AGGREGATE public.total(int) (sfunc = public.plus, stype = int);
CREATE TABLE public.notes (id int PRIMARY KEY, body text COLLATE public.bytewise, m public.mood, p public.positive, pr public.pair);
INSERT INTO public.notes SELECT g, 'note ' || g, 'ok', g, ROW(g, 'x')::public.pair FROM generate_series(1, 200) g;
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_ghost ON public.notes TO ghost USING (true);
`

describe('a failed direct copy', () => {
  it('removes every kind of object it created, reports the state it measured, and the retry succeeds', async () => {
    await source.createDatabase('kinds')
    await source.sql('kinds', MANY_KINDS)
    await createTarget(target, 'kinds_copy')
    await createTarget(target, 'kinds_pristine')
    const pristine = schemaDump({ cluster: target, database: 'kinds_pristine' })

    const failed = await copy('kinds', 'kinds_copy', { strategy: 'direct', jobs: 2 })
    expect(failed.exitCode).toBe(1)
    expect(failed.errors).toHaveLength(1)
    expect(failed.errors[0]).toContain('role "ghost" does not exist')
    expect(failed.errors[0]).toContain('kinds_copy is empty again')
    expect(failed.outputs['target-state']).toBe('empty')
    // Checked independently: the target dumps exactly like a database nothing was restored into.
    expect(schemaDump({ cluster: target, database: 'kinds_copy' })).toEqual(pristine)
    const extensions = await target.sql<{ extname: string }>('kinds_copy', 'SELECT extname FROM pg_extension')
    expect(extensions.map((e) => e.extname)).toEqual(['plpgsql'])

    const dry = await copy('kinds', 'kinds_copy', { 'dry-run': true })
    expect(dry.errors).toEqual([])
    expect(dry.exitCode).toBe(0)
    expect(dry.outputs['target-state']).toBe('unchanged')

    await target.createRole('ghost', { login: false })
    const retry = await copy('kinds', 'kinds_copy', { strategy: 'direct', jobs: 2, verify: 'checksums' })
    expect(retry.errors).toEqual([])
    expect(retry.exitCode).toBe(0)
    expect(retry.outputs['target-state']).toBe('restored')
    expect(
      await compareDatabases(
        { cluster: source, database: 'kinds' },
        { cluster: target, database: 'kinds_copy' },
        { targetUser: TARGET_USER.name },
      ),
    ).toEqual([])
  })
})

/**
 * What the access block can change beyond the objects a write creates, read on the target itself:
 * the `public` schema's owner and privileges, the default privileges, the database's privileges.
 */
async function accessState(database: string): Promise<Record<string, unknown>> {
  const [row] = await target.sql(
    database,
    `SELECT (SELECT nspacl::text FROM pg_namespace WHERE nspname = 'public') AS public_acl,
            (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public') AS public_owner,
            (SELECT coalesce(string_agg(defaclrole::regrole::text || ' ' || defaclnamespace::text || ' ' || defaclobjtype::text || ' ' || defaclacl::text, '; ' ORDER BY 1), '')
               FROM pg_default_acl) AS default_acl,
            (SELECT datacl::text FROM pg_database WHERE datname = current_database()) AS database_acl`,
  )
  return row
}

/** A source whose ACL entries change the `public` schema and the default privileges of a role the target has. */
const WIDE_GRANTS = `
DO $$ BEGIN CREATE ROLE app_owner NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
GRANT CREATE ON SCHEMA public TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO PUBLIC;
CREATE TABLE public.t (id int PRIMARY KEY);
INSERT INTO public.t SELECT generate_series(1, 100);
`

describe('a direct copy that fails verification', () => {
  it('leaves no privileges behind: owners and privileges are carried only once verification passed', async () => {
    await source.createDatabase('grants')
    await source.sql('grants', WIDE_GRANTS)
    await target.sql(
      'postgres',
      `DO $$ BEGIN CREATE ROLE app_owner NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$; GRANT app_owner TO ${TARGET_USER.name}`,
    )
    await createTarget(target, 'grants_copy')
    await dropEveryTenthRow(target, 'grants_copy', 'public', 't')
    const before = await accessState('grants_copy')

    const failed = await copy('grants', 'grants_copy', { strategy: 'direct' })
    expect(failed.exitCode).toBe(1)
    expect(failed.errors).toHaveLength(1)
    expect(failed.errors[0]).toContain(
      'Table public.t has 90 rows on the target but 100 on the source; the target has 1 trigger where the source has 0.',
    )
    expect(failed.errors[0]).toContain('grants_copy is empty again')
    // The rows were counted once the table was complete, beside the rest of post-data.
    expect(failed.stdout).toContainEqual(
      expect.stringMatching(/^Counted the rows of 1 table on both sides in /),
    )
    expect(failed.outputs['target-state']).toBe('empty')
    expect(await accessState('grants_copy')).toEqual(before)
    const [left] = await target.sql<{ n: number }>(
      'grants_copy',
      `SELECT count(*)::int AS n FROM pg_class WHERE relname = 't'`,
    )
    expect(left.n).toBe(0)

    // Once the load is whole the same grants are carried, as the source has them.
    await target.sql('grants_copy', 'DROP EVENT TRIGGER add_row_dropper')
    const retry = await copy('grants', 'grants_copy', { strategy: 'direct' })
    expect(retry.errors).toEqual([])
    expect(retry.outputs['target-state']).toBe('restored')
    const after = await accessState('grants_copy')
    expect(after.public_acl).toMatch(/(^|[{,])=UC\//)
    expect(after.default_acl).toMatch(/^app_owner 0 r \{(.*,)?=arwd\/app_owner[,}]/)
  })
})

describe('a run that fails before writing', () => {
  it('reports the target unchanged after a pre-flight refusal', async () => {
    await createTarget(target, 'refused')
    await target.sql('refused', `CREATE TABLE public.mine (id int)`, [], TARGET_USER)
    const run = await copy('app', 'refused')
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain('is not empty')
    expect(run.outputs['target-state']).toBe('unchanged')
  })

  it('reports the target unchanged when the target refuses the login', async () => {
    const run = await runBundle(BUNDLE, {
      inputs: {
        'source-url': sourceUrl(source, 'app'),
        'target-url': target.url('app', TARGET_USER.name, 'wrong-pw'),
      },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain('password authentication failed')
    expect(run.outputs['target-state']).toBe('unchanged')
  })

  it('reports the target unchanged when the dump to restore is missing', async () => {
    await createTarget(target, 'no_dump')
    const run = await runBundle(BUNDLE, {
      inputs: {
        mode: 'restore',
        'target-url': targetUrl(target, 'no_dump'),
        'dump-file': '/nonexistent/app.dump',
      },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual(["The dump file /nonexistent/app.dump does not exist; check 'dump-file'."])
    expect(run.outputs['target-state']).toBe('unchanged')
  })
})
