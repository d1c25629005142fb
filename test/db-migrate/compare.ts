import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import pg from 'pg'
import { serverBinDir, SUPERUSER, SUPERUSER_PASSWORD, type Cluster } from '../../tools/harness/postgres'

/**
 * An independent comparison of two databases, for the end-to-end tests: written apart from
 * db-migrate's own verification (it shares no code with src/db-migrate), so that a copy both
 * call good is good twice over. It compares
 *
 * - the schema: `pg_dump --schema-only --no-owner --no-privileges` of both sides, normalised
 *   (comments, SET lines and psql's \restrict lines dropped), line for line;
 * - every relation's rows: count and the MD5 of all row texts in a fixed order, under settings
 *   that print values the same on any server;
 * - every sequence's last value, every large object's bytes;
 * - the database's comment and settings (pg_db_role_setting), and on request its privileges,
 *   connection limit and owner against another database (the one a swap replaced);
 * - owners and privileges: every object's owner and its privileges, as the source has them
 *   where the roles exist on the target, and never more than the source gave anyone.
 *
 * Each difference is one line; an empty list means the two databases agree.
 */

export interface Side {
  cluster: Cluster
  database: string
}

export interface CompareOptions {
  /** The role that wrote the target; objects whose owner could not be carried belong to it. */
  targetUser?: string
  /** Compare privileges, connection limit and owner of the database with this one's (swap). */
  databaseLike?: Side
  /** Skip the row hashes of these relations (`schema.name`). */
  skipRows?: string[]
}

async function withClient<T>(side: Side, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: side.cluster.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    database: side.database,
  })
  await client.connect()
  try {
    await client.query(
      `SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'iso_8601'; SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET bytea_output = 'hex'`,
    )
    return await work(client)
  } finally {
    await client.end()
  }
}

/** The normalised schema-only dump of a database, one statement line each. */
export function schemaDump(side: Side): string[] {
  const text = execFileSync(
    join(serverBinDir(), 'pg_dump'),
    [
      '--schema-only',
      '--no-owner',
      '--no-privileges',
      `--host=127.0.0.1`,
      `--port=${side.cluster.port}`,
      `--username=${SUPERUSER}`,
      side.database,
    ],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: SUPERUSER_PASSWORD }, maxBuffer: 1 << 28 },
  )
  return text
    .split('\n')
    .filter(
      (line) =>
        line.trim() !== '' &&
        !line.startsWith('--') &&
        !line.startsWith('SET ') &&
        !line.startsWith('\\') &&
        !line.startsWith("SELECT pg_catalog.set_config('search_path'"),
    )
}

function multisetDiff(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  const counts = new Map<string, number>()
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1)
  const onlyB: string[] = []
  for (const x of b) {
    const n = counts.get(x) ?? 0
    if (n > 0) counts.set(x, n - 1)
    else onlyB.push(x)
  }
  const onlyA = [...counts].flatMap(([x, n]) => Array<string>(n).fill(x))
  return { onlyA, onlyB }
}

const SYSTEM = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`

async function rowHashes(client: pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ schema: string; name: string; tree: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'p' AS tree FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'm', 'p') AND ${SYSTEM} AND (c.relkind <> 'm' OR c.relispopulated) ORDER BY 1, 2`,
  )
  const hashes = new Map<string, string>()
  for (const r of rows) {
    const relation = `${client.escapeIdentifier(r.schema)}.${client.escapeIdentifier(r.name)}`
    // A partitioned table holds no rows of its own: its hash covers every row of its partitions.
    const [h] = (
      await client.query<{ n: string; h: string }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS h FROM ${r.tree ? '' : 'ONLY '}${relation} t`,
      )
    ).rows
    hashes.set(`${r.schema}.${r.name}`, `${h.n} rows, md5 ${h.h}`)
  }
  return hashes
}

async function sequences(client: pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ name: string; value: string | null }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS value FROM pg_sequences ORDER BY 1`,
  )
  return new Map(rows.map((r) => [r.name, r.value ?? 'not called']))
}

async function largeObjects(client: pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ oid: string; h: string }>(
    `SELECT m.oid::text AS oid, md5(coalesce((SELECT string_agg(encode(l.data, 'hex'), '' ORDER BY l.pageno) FROM pg_largeobject l WHERE l.loid = m.oid), '')) AS h
       FROM pg_largeobject_metadata m ORDER BY m.oid`,
  )
  return new Map(rows.map((r) => [r.oid, r.h]))
}

interface DatabaseFacts {
  comment: string | null
  settings: string[]
  acl: string[]
  connlimit: number
  owner: string
}

async function databaseFacts(client: pg.Client, name: string): Promise<DatabaseFacts> {
  const { rows } = await client.query<DatabaseFacts>(
    `SELECT shobj_description(d.oid, 'pg_database') AS comment,
            ARRAY(SELECT coalesce(r.rolname, '(all roles)') || ': ' || array_to_string(s.setconfig, '; ')
                    FROM pg_db_role_setting s LEFT JOIN pg_roles r ON r.oid = s.setrole
                   WHERE s.setdatabase = d.oid ORDER BY 1) AS settings,
            ARRAY(SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee = d.datdba THEN 'OWNER' ELSE pg_get_userbyid(a.grantee) END
                         || ' ' || a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END
                    FROM aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a ORDER BY 1) AS acl,
            d.datconnlimit AS connlimit, pg_get_userbyid(d.datdba) AS owner
       FROM pg_database d WHERE d.datname = $1`,
    [name],
  )
  return rows[0]
}

interface Access {
  owner: string
  securityDefiner: boolean
  /** `grantee privilege`, the owner's own entries as OWNER. */
  privileges: string[]
}

/**
 * Owners and privileges of relations, columns, routines, schemas and types, by identity; objects
 * that are part of another (a range type's constructors, which PostgreSQL gives the bootstrap
 * superuser) or of an extension are left out.
 */
async function access(client: pg.Client): Promise<Map<string, Access>> {
  const { rows } = await client.query<{ object: string } & Access>(
    `WITH objects AS (
       SELECT 'pg_class'::regclass AS classid, c.oid AS objid, 0 AS subid, c.relowner AS owner, c.relacl AS acl,
              CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END AS kind, false AS secdef
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${SYSTEM}
       UNION ALL
       SELECT 'pg_class'::regclass, c.oid, a.attnum, c.relowner, a.attacl, 'c', false
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND ${SYSTEM}
       UNION ALL
       SELECT 'pg_proc'::regclass, p.oid, 0, p.proowner, p.proacl, 'f', p.prosecdef
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${SYSTEM}
       UNION ALL
       SELECT 'pg_namespace'::regclass, n.oid, 0, n.nspowner, n.nspacl, 'n', false FROM pg_namespace n WHERE ${SYSTEM}
       UNION ALL
       SELECT 'pg_type'::regclass, t.oid, 0, t.typowner, t.typacl, 'T', false
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('d', 'e', 'r') AND ${SYSTEM}
     )
     SELECT (pg_identify_object(o.classid, o.objid, o.subid)).type || ' ' || (pg_identify_object(o.classid, o.objid, o.subid)).identity AS object,
            pg_get_userbyid(o.owner) AS owner, o.secdef AS "securityDefiner",
            ARRAY(SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee = o.owner THEN 'OWNER' ELSE pg_get_userbyid(a.grantee) END
                                  || ' ' || a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END
                    FROM aclexplode(CASE WHEN o.kind = 'c' THEN o.acl ELSE coalesce(o.acl, acldefault(o.kind::"char", o.owner)) END) a ORDER BY 1) AS privileges
       FROM objects o
      WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.classid AND d.objid = o.objid AND d.deptype IN ('e', 'i'))`,
  )
  return new Map(
    rows.map((r) => [
      r.object,
      { owner: r.owner, securityDefiner: r.securityDefiner, privileges: r.privileges },
    ]),
  )
}

async function targetRoles(
  client: pg.Client,
  user: string,
): Promise<{ exists: Set<string>; mayOwn: Set<string> }> {
  const { rows } = await client.query<{ name: string; may: boolean }>(
    `SELECT r.rolname AS name, (SELECT rolsuper FROM pg_roles WHERE rolname = $1) OR pg_has_role($1, r.oid, 'MEMBER') AS may FROM pg_roles r`,
    [user],
  )
  return {
    exists: new Set(rows.map((r) => r.name)),
    mayOwn: new Set(rows.filter((r) => r.may).map((r) => r.name)),
  }
}

/** What the target must show for one object: the source's owner and grants, for the roles it has. */
function expectedAccess(
  source: Access,
  roles: { exists: Set<string>; mayOwn: Set<string> },
): { owner?: string; privileges: string[] } {
  const ownerCarried = roles.exists.has(source.owner) && roles.mayOwn.has(source.owner)
  const granteeOf = (p: string): string => p.split(' ')[0]
  let privileges = source.privileges.filter((p) => {
    const grantee = granteeOf(p)
    return grantee === 'PUBLIC' || grantee === 'OWNER' || roles.exists.has(grantee)
  })
  // A SECURITY DEFINER routine that changed hands runs as its new owner: nobody else may call it.
  if (!ownerCarried && source.securityDefiner) privileges = privileges.filter((p) => granteeOf(p) === 'OWNER')
  return { owner: ownerCarried ? source.owner : undefined, privileges }
}

function mapDiff(
  what: string,
  a: Map<string, string>,
  b: Map<string, string>,
  skip = new Set<string>(),
): string[] {
  const out: string[] = []
  for (const [key, value] of a) {
    if (skip.has(key)) continue
    const other = b.get(key)
    if (other === undefined) out.push(`${what} ${key} is missing on the target`)
    else if (other !== value) out.push(`${what} ${key}: ${value} on the source, ${other} on the target`)
  }
  for (const key of b.keys())
    if (!a.has(key) && !skip.has(key)) out.push(`${what} ${key} is only on the target`)
  return out
}

export async function compareDatabases(
  source: Side,
  target: Side,
  options: CompareOptions = {},
): Promise<string[]> {
  const differences: string[] = []
  const dumps = multisetDiff(schemaDump(source), schemaDump(target))
  differences.push(...dumps.onlyA.map((l) => `schema line only on the source: ${l}`))
  differences.push(...dumps.onlyB.map((l) => `schema line only on the target: ${l}`))

  const [s, t] = await Promise.all([
    withClient(source, async (c) => ({
      rows: await rowHashes(c),
      sequences: await sequences(c),
      largeObjects: await largeObjects(c),
      database: await databaseFacts(c, source.database),
      access: await access(c),
    })),
    withClient(target, async (c) => ({
      rows: await rowHashes(c),
      sequences: await sequences(c),
      largeObjects: await largeObjects(c),
      database: await databaseFacts(c, target.database),
      access: await access(c),
      roles: await targetRoles(c, options.targetUser ?? SUPERUSER),
    })),
  ])
  differences.push(...mapDiff('table', s.rows, t.rows, new Set(options.skipRows ?? [])))
  differences.push(...mapDiff('sequence', s.sequences, t.sequences))
  differences.push(...mapDiff('large object', s.largeObjects, t.largeObjects))
  if (s.database.comment !== t.database.comment)
    differences.push(
      `database comment: ${s.database.comment} on the source, ${t.database.comment} on the target`,
    )
  const settings = (list: string[]): string => list.join(' | ')
  const sourceSettings = s.database.settings.filter((x) => {
    const role = x.split(':')[0]
    return role === '(all roles)' || t.roles.exists.has(role)
  })
  if (settings(sourceSettings) !== settings(t.database.settings))
    differences.push(
      `database settings: ${settings(sourceSettings)} on the source, ${settings(t.database.settings)} on the target`,
    )
  if (options.databaseLike) {
    const like = options.databaseLike
    const replaced = await withClient(like, (c) => databaseFacts(c, like.database))
    for (const key of ['acl', 'connlimit', 'owner'] as const) {
      const a = JSON.stringify(replaced[key])
      const b = JSON.stringify(t.database[key])
      if (a !== b) differences.push(`database ${key}: ${a} on the replaced database, ${b} on the target`)
    }
  }
  for (const [object, src] of s.access) {
    const got = t.access.get(object)
    if (!got) continue // A missing object shows in the schema diff.
    const expected = expectedAccess(src, t.roles)
    if (expected.owner !== undefined && got.owner !== expected.owner)
      differences.push(`${object}: owner ${got.owner} on the target, ${expected.owner} on the source`)
    // pg_database_owner has one member, implicitly: the current owner of the database
    // (https://www.postgresql.org/docs/15/predefined-roles.html); the target's own public schema
    // (PostgreSQL 15 and later) stays with it when a source's owner of it cannot be carried.
    const targetUser = options.targetUser ?? SUPERUSER
    const ownedByTargetUser =
      got.owner === targetUser || (got.owner === 'pg_database_owner' && t.database.owner === targetUser)
    if (expected.owner === undefined && !ownedByTargetUser)
      differences.push(`${object}: owner ${got.owner} on the target, expected the target user`)
    const privileges = multisetDiff(expected.privileges, got.privileges)
    if (privileges.onlyB.length > 0)
      differences.push(`${object}: the target grants more than the source: ${privileges.onlyB.join(', ')}`)
    if (privileges.onlyA.length > 0)
      differences.push(`${object}: the target lacks ${privileges.onlyA.join(', ')}`)
  }
  return differences
}
