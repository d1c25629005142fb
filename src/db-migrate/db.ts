import pg from 'pg'
import { errorMessage, UserError } from '../common/errors'
import type { Logger } from '../common/log'
import { retry } from '../common/retry'
import { clientConfig, type DatabaseUrl } from './url'

/**
 * Every query db-migrate runs, through the `pg` client. Observation queries are read-only;
 * the few writes (rollback of a failed direct restore, database renames for swap) are
 * labelled where they are called.
 */

export type Db = pg.Client

const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'])

/** Why a connection failed, in words, never with the password. */
export function describeConnectError(error: unknown): string {
  const e = error as { code?: string; message?: string }
  if (e.code === 'ECONNREFUSED')
    return 'the connection was refused (is the server running and listening on that port?)'
  if (e.code === 'ENOTFOUND') return 'the host name does not resolve'
  if (e.code === '28P01') return 'password authentication failed'
  if (e.code === '28000') return `the server refused the login (${e.message})`
  if (e.code === '3D000') return `${e.message}`
  if (/timeout/i.test(e.message ?? '')) return 'the connection timed out'
  return errorMessage(error)
}

/** Connects to one side, retrying network blips; a refusal names the side and the reason. */
export async function connect(
  url: DatabaseUrl,
  options: { logger?: Logger; signal?: AbortSignal; attempts?: number } = {},
): Promise<Db> {
  try {
    return await retry(
      async () => {
        const client = new pg.Client({ ...clientConfig(url), connectionTimeoutMillis: 15_000 })
        client.on('error', () => undefined)
        try {
          await client.connect()
        } catch (error) {
          await client.end().catch(() => undefined)
          throw error
        }
        return client
      },
      {
        label: `connect to the ${url.side} server`,
        attempts: options.attempts ?? 3,
        minDelayMs: 500,
        retryable: (error) => NETWORK_CODES.has((error as { code?: string }).code ?? ''),
        logger: options.logger,
        signal: options.signal,
      },
    )
  } catch (error) {
    throw new UserError(
      `Could not connect to the ${url.side} server ${url.display}: ${describeConnectError(error)}.`,
    )
  }
}

export async function close(db: Db | undefined): Promise<void> {
  await db?.end().catch(() => undefined)
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`
}

async function rows<T>(db: Db, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[]
}

const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`

export interface ServerInfo {
  version: string
  versionNum: number
  databaseBytes: number
  canCreateDatabase: boolean
  superuser: boolean
}

export async function serverInfo(db: Db): Promise<ServerInfo> {
  const [row] = await rows<{
    version: string
    num: string
    bytes: string
    createdb: boolean
    superuser: boolean
  }>(
    db,
    `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
            pg_database_size(current_database()) AS bytes, r.rolcreatedb AS createdb, r.rolsuper AS superuser
       FROM pg_roles r WHERE r.rolname = current_user`,
  )
  return {
    version: row.version.split(' ')[0],
    versionNum: Number(row.num),
    databaseBytes: Number(row.bytes),
    canCreateDatabase: row.createdb || row.superuser,
    superuser: row.superuser,
  }
}

export async function installedExtensions(
  db: Db,
): Promise<Array<{ oid: number; name: string; version: string }>> {
  return rows(
    db,
    `SELECT oid::int AS oid, extname AS name, extversion AS version FROM pg_extension ORDER BY extname`,
  )
}

export async function availableExtensions(db: Db): Promise<string[]> {
  return (await rows<{ name: string }>(db, `SELECT name FROM pg_available_extensions ORDER BY name`)).map(
    (r) => r.name,
  )
}

export async function largeObjectCount(db: Db): Promise<number> {
  const [row] = await rows<{ n: string }>(db, `SELECT count(*) AS n FROM pg_largeobject_metadata`)
  return Number(row.n)
}

/** The user objects of a database (not system, not extension members), as `table public.orders`. */
export async function userObjects(db: Db): Promise<string[]> {
  const found = await rows<{ object: string }>(
    db,
    `SELECT kind || ' ' || name AS object FROM (
       SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
                             WHEN 'f' THEN 'foreign table' ELSE 'table' END AS kind,
              format('%I.%I', n.nspname, c.relname) AS name, 1 AS o
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
       UNION ALL
       SELECT 'function', format('%I.%I', n.nspname, p.proname), 2
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}
       UNION ALL
       SELECT 'type', format('%I.%I', n.nspname, t.typname), 3
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('e', 'd', 'r') AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}
       UNION ALL
       SELECT 'schema', quote_ident(n.nspname), 0
         FROM pg_namespace n
        WHERE ${USER_NAMESPACE} AND n.nspname <> 'public' AND ${NOT_EXTENSION_MEMBER('pg_namespace', 'n.oid')}
     ) objects ORDER BY o, name`,
  )
  return found.map((r) => r.object)
}

/** Opens the transaction whose snapshot the dump and the source's counts share; returns the snapshot id. */
export async function exportSnapshot(db: Db): Promise<string> {
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  const [row] = await rows<{ id: string }>(db, 'SELECT pg_export_snapshot() AS id')
  return row.id
}

/** Makes another session see exactly the exported snapshot. */
export async function importSnapshot(db: Db, snapshot: string): Promise<void> {
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  await db.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`)
}

export interface CatalogTable {
  oid: number
  schema: string
  name: string
  relkind: string
  bytes: number
  estimatedRows: number
}

export async function catalogTables(db: Db): Promise<CatalogTable[]> {
  const found = await rows<{
    oid: number
    schema: string
    name: string
    relkind: string
    bytes: string
    estimate: string
  }>(
    db,
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            pg_table_size(c.oid) AS bytes, greatest(c.reltuples, 0)::bigint AS estimate
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'f') AND ${USER_NAMESPACE}`,
  )
  return found.map((r) => ({ ...r, bytes: Number(r.bytes), estimatedRows: Number(r.estimate) }))
}

/** Index and constraint OIDs to the OID of their table, for scheduling post-data per table. */
export async function postDataOwners(db: Db): Promise<Map<string, number>> {
  const found = await rows<{ key: string; owner: number }>(
    db,
    `SELECT '1259:' || indexrelid::int AS key, indrelid::int AS owner FROM pg_index
     UNION ALL
     SELECT '2606:' || oid::int, conrelid::int FROM pg_constraint WHERE conrelid <> 0`,
  )
  return new Map(found.map((r) => [r.key, r.owner]))
}

/**
 * The column list each table's data is copied with, by table OID: every column in order except
 * dropped and generated ones (as pg_dump writes it). `attgenerated` is read through to_jsonb so
 * the query also runs on servers older than 12, which have no such column.
 */
export async function copyColumns(db: Db, oids: number[]): Promise<Map<number, string>> {
  const found = await rows<{ oid: number; columns: string }>(
    db,
    `SELECT a.attrelid::int AS oid, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS columns
       FROM pg_attribute a
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
        AND coalesce(to_jsonb(a) ->> 'attgenerated', '') = ''
      GROUP BY a.attrelid`,
    [oids],
  )
  return new Map(found.map((r) => [r.oid, r.columns]))
}

export async function serverEncoding(db: Db): Promise<string> {
  const [row] = await rows<{ encoding: string }>(db, `SELECT current_setting('server_encoding') AS encoding`)
  return row.encoding
}

export interface SequenceValue {
  oid?: number
  schema: string
  name: string
  lastValue: string
  isCalled: boolean
}

export async function sequenceValues(db: Db): Promise<SequenceValue[]> {
  const found = await rows<{ oid: number; schema: string; name: string }>(
    db,
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')} ORDER BY 1, 2`,
  )
  const values: SequenceValue[] = []
  for (const seq of found) {
    const [v] = await rows<{ last_value: string; is_called: boolean }>(
      db,
      `SELECT last_value::text, is_called FROM ${qualified(seq.schema, seq.name)}`,
    )
    values.push({ ...seq, lastValue: v.last_value, isCalled: v.is_called })
  }
  return values
}

export async function setSequence(db: Db, seq: SequenceValue): Promise<void> {
  await db.query(`SELECT pg_catalog.setval($1::regclass, $2::bigint, $3)`, [
    qualified(seq.schema, seq.name),
    seq.lastValue,
    seq.isCalled,
  ])
}

/** Materialized views that hold data on the source (REFRESH them after the copy, dependencies first by OID). */
export async function populatedMatviews(
  db: Db,
): Promise<Array<{ schema: string; name: string; oid: number }>> {
  return rows(
    db,
    `SELECT n.nspname AS schema, c.relname AS name, c.oid::int AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'm' AND c.relispopulated AND ${USER_NAMESPACE} ORDER BY c.oid`,
  )
}

/** Settings under which a row prints the same text on any server, so row hashes compare. */
export const STABLE_OUTPUT = `SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC'; SET extra_float_digits = 1; SET bytea_output = 'hex'`

export async function countRows(db: Db, schema: string, name: string): Promise<number> {
  const [row] = await rows<{ n: string }>(db, `SELECT count(*) AS n FROM ONLY ${qualified(schema, name)}`)
  return Number(row.n)
}

/**
 * Row count and an order-independent hash of every row: the sum of the first 60 bits of each
 * row text's MD5 (sum, not XOR, so duplicate rows do not cancel out).
 */
export async function checksumRows(
  db: Db,
  schema: string,
  name: string,
): Promise<{ rows: number; checksum: string }> {
  const [row] = await rows<{ n: string; h: string }>(
    db,
    `SELECT count(*) AS n, coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)::text AS h
       FROM ONLY ${qualified(schema, name)} t`,
  )
  return { rows: Number(row.n), checksum: row.h }
}

export interface ObjectCounts {
  tables: number
  indexes: number
  constraints: number
  triggers: number
  views?: number
  functions?: number
}

/**
 * Counts of the objects around the tables `$1` (schemas) / `$3` (names), and of views and functions
 * in the schemas `$2` (NULL: not counted). Also run inside the transaction strategy's verification.
 */
export const OBJECT_COUNTS_SQL = `WITH t AS (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $3::text[])))
     SELECT (SELECT count(*) FROM t) AS tables,
            (SELECT count(*) FROM pg_index i WHERE i.indrelid IN (SELECT oid FROM t)) AS indexes,
            (SELECT count(*) FROM pg_constraint k WHERE k.conrelid IN (SELECT oid FROM t) AND k.contype IN ('p', 'u', 'f', 'c', 'x')) AS constraints,
            (SELECT count(*) FROM pg_trigger g WHERE g.tgrelid IN (SELECT oid FROM t) AND NOT g.tgisinternal) AS triggers,
            CASE WHEN $2::text[] IS NOT NULL THEN (SELECT count(*) FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace
              WHERE v.relkind IN ('v', 'm') AND n.nspname = ANY($2) AND ${NOT_EXTENSION_MEMBER('pg_class', 'v.oid')}) END AS views,
            CASE WHEN $2::text[] IS NOT NULL THEN (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = ANY($2) AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}) END AS functions`

/** Counts of the objects around the copied tables (and, for whole schemas, views and functions). */
export async function objectCounts(
  db: Db,
  tables: Array<{ schema: string; name: string }>,
  schemas: string[] | undefined,
): Promise<ObjectCounts> {
  const [row] = await rows<Record<string, string | null>>(db, OBJECT_COUNTS_SQL, [
    tables.map((t) => t.schema),
    schemas ?? null,
    tables.map((t) => t.name),
  ])
  const num = (v: string | null | undefined): number | undefined =>
    v === null || v === undefined ? undefined : Number(v)
  return {
    tables: Number(row.tables),
    indexes: Number(row.indexes),
    constraints: Number(row.constraints),
    triggers: Number(row.triggers),
    views: num(row.views),
    functions: num(row.functions),
  }
}

/** What a database held before a direct restore, so that a failure removes exactly what was added. */
export interface Baseline {
  schemas: string[]
  extensions: string[]
}

export async function baseline(db: Db): Promise<Baseline> {
  const schemas = await rows<{ name: string }>(
    db,
    `SELECT nspname AS name FROM pg_namespace n WHERE ${USER_NAMESPACE}`,
  )
  const extensions = await installedExtensions(db)
  return { schemas: schemas.map((s) => s.name), extensions: extensions.map((e) => e.name) }
}

/**
 * Removes everything a failed direct restore created, in one transaction: new extensions and
 * schemas with all they hold, then every user object left in the schemas that were there before.
 */
export async function dropRestored(db: Db, before: Baseline): Promise<void> {
  await db.query('BEGIN')
  try {
    for (const ext of await installedExtensions(db)) {
      if (!before.extensions.includes(ext.name))
        await db.query(`DROP EXTENSION IF EXISTS ${quoteIdent(ext.name)} CASCADE`)
    }
    const schemas = await rows<{ name: string }>(
      db,
      `SELECT nspname AS name FROM pg_namespace n WHERE ${USER_NAMESPACE}`,
    )
    for (const schema of schemas) {
      if (!before.schemas.includes(schema.name))
        await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema.name)} CASCADE`)
    }
    const leftovers = await rows<{ sql: string }>(
      db,
      `SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                     WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, n.nspname, c.relname) AS sql
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
       UNION ALL
       SELECT format('DROP ROUTINE IF EXISTS %s CASCADE', p.oid::regprocedure)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}
       UNION ALL
       SELECT format('DROP TYPE IF EXISTS %s CASCADE', t.oid::regtype)
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('e', 'd', 'r') AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}`,
    )
    for (const { sql } of leftovers) await db.query(sql)
    await db.query('COMMIT')
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
