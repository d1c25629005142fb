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

export const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`

export interface ServerInfo {
  version: string
  versionNum: number
  databaseBytes: number
  canCreateDatabase: boolean
  superuser: boolean
  /** The session's `maintenance_work_mem`, in bytes: the memory each index build may sort in. */
  maintenanceWorkMem: number
  /** The database's encoding (`server_encoding`). */
  encoding: string
  /** `wal_level`: whether a load into a table created in its own transaction may skip the WAL (`minimal`). */
  walLevel: string
  /** `temp_file_limit` in bytes, -1 for none: the most temporary files a session may write (a sort that spills counts). */
  tempFileLimit: number
}

export async function serverInfo(db: Db): Promise<ServerInfo> {
  const [row] = await rows<{
    version: string
    num: string
    bytes: string
    createdb: boolean
    superuser: boolean
    mwm: string
    encoding: string
    wal: string
    tfl: string
  }>(
    db,
    `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
            pg_database_size(current_database()) AS bytes, r.rolcreatedb AS createdb, r.rolsuper AS superuser,
            pg_size_bytes(current_setting('maintenance_work_mem')) AS mwm,
            current_setting('server_encoding') AS encoding, current_setting('wal_level') AS wal,
            pg_size_bytes(current_setting('temp_file_limit')) AS tfl
       FROM pg_roles r WHERE r.rolname = current_user`,
  )
  return {
    version: row.version.split(' ')[0],
    versionNum: Number(row.num),
    databaseBytes: Number(row.bytes),
    canCreateDatabase: row.createdb || row.superuser,
    superuser: row.superuser,
    maintenanceWorkMem: Number(row.mwm),
    encoding: row.encoding,
    walLevel: row.wal,
    tempFileLimit: Number(row.tfl),
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

/**
 * Every object a restore can create in a database, from each catalog that holds such objects:
 * relations, routines, types (standalone composite ones too), domains, collations, conversions,
 * operators and their classes and families, text search objects, extended statistics, schemas
 * (but `public`), extensions (but `plpgsql`), foreign-data wrappers and servers, publications,
 * and casts, languages, transforms and access methods created after initdb. Objects that belong
 * to an extension, or exist only as part of another object (array and multirange types, a
 * table's row type, a range's constructors, the relation behind a standalone composite type: an
 * internal dependency, deptype 'i', in pg_depend),
 * are left out, as pg_dump leaves them out. Event triggers are left out: only a superuser can
 * create them, and they hold no data.
 * https://www.postgresql.org/docs/current/catalog-pg-depend.html
 */
const USER_OBJECTS_SQL = `WITH candidates (classid, objid) AS (
       SELECT 'pg_class'::regclass, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_proc'::regclass, p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_type'::regclass, t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r', 'p') AND ${USER_NAMESPACE}
          AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)
       UNION ALL SELECT 'pg_collation'::regclass, x.oid FROM pg_collation x JOIN pg_namespace n ON n.oid = x.collnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_conversion'::regclass, x.oid FROM pg_conversion x JOIN pg_namespace n ON n.oid = x.connamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_operator'::regclass, x.oid FROM pg_operator x JOIN pg_namespace n ON n.oid = x.oprnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_opclass'::regclass, x.oid FROM pg_opclass x JOIN pg_namespace n ON n.oid = x.opcnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_opfamily'::regclass, x.oid FROM pg_opfamily x JOIN pg_namespace n ON n.oid = x.opfnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_ts_config'::regclass, x.oid FROM pg_ts_config x JOIN pg_namespace n ON n.oid = x.cfgnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_ts_dict'::regclass, x.oid FROM pg_ts_dict x JOIN pg_namespace n ON n.oid = x.dictnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_ts_parser'::regclass, x.oid FROM pg_ts_parser x JOIN pg_namespace n ON n.oid = x.prsnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_ts_template'::regclass, x.oid FROM pg_ts_template x JOIN pg_namespace n ON n.oid = x.tmplnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_statistic_ext'::regclass, x.oid FROM pg_statistic_ext x JOIN pg_namespace n ON n.oid = x.stxnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_namespace'::regclass, n.oid FROM pg_namespace n WHERE ${USER_NAMESPACE} AND n.nspname <> 'public'
       UNION ALL SELECT 'pg_extension'::regclass, x.oid FROM pg_extension x WHERE x.extname <> 'plpgsql' AND x.extname <> ALL ($1::text[])
       UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, x.oid FROM pg_foreign_data_wrapper x
       UNION ALL SELECT 'pg_foreign_server'::regclass, x.oid FROM pg_foreign_server x
       UNION ALL SELECT 'pg_publication'::regclass, x.oid FROM pg_publication x
       UNION ALL SELECT 'pg_cast'::regclass, x.oid FROM pg_cast x WHERE x.oid >= 16384
       UNION ALL SELECT 'pg_language'::regclass, x.oid FROM pg_language x WHERE x.oid >= 16384
       UNION ALL SELECT 'pg_transform'::regclass, x.oid FROM pg_transform x WHERE x.oid >= 16384
       UNION ALL SELECT 'pg_am'::regclass, x.oid FROM pg_am x WHERE x.oid >= 16384
     )
     SELECT i.type, i.identity FROM candidates c CROSS JOIN LATERAL pg_catalog.pg_identify_object(c.classid, c.objid, 0) i
      WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = c.classid AND d.objid = c.objid AND d.deptype IN ('e', 'i'))
      ORDER BY CASE i.type WHEN 'schema' THEN 0 WHEN 'extension' THEN 1 ELSE 2 END, i.type, i.identity`

/**
 * The user objects of a database (see USER_OBJECTS_SQL), as `table public.orders`, and its large
 * objects as one entry (`3 large objects`); `extensions` are extensions that do not count (the
 * ones the restore would create anyway).
 */
export async function userObjects(db: Db, extensions: readonly string[] = []): Promise<string[]> {
  const found = await rows<{ type: string; identity: string }>(db, USER_OBJECTS_SQL, [extensions])
  const objects = found.map((r) => `${r.type} ${r.identity}`)
  // Large objects belong to the database, not to a schema, and a restore creates them: a database
  // holding any is not empty. Counted, not listed: a database may hold millions.
  const large = await largeObjectCount(db)
  if (large > 0) objects.push(large === 1 ? '1 large object' : `${large} large objects`)
  return objects
}

/** The SQL keyword pg_identify_object's type names, where the two differ; the others are upper-cased. */
const KEYWORDS: Record<string, string> = {
  'composite type': 'TYPE',
  'foreign-data wrapper': 'FOREIGN DATA WRAPPER',
  'statistics object': 'STATISTICS',
}

/** The keyword of DROP / ALTER ... OWNER TO for an object type as pg_identify_object names it. */
export function objectKeyword(type: string): string {
  return KEYWORDS[type] ?? type.toUpperCase()
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

/**
 * Index and constraint OIDs (keyed `<catalog>:<oid>`) to the OID of their table and, for an
 * index and the constraint built on one, how long its build takes beside the other builds of its
 * table, as a rank (higher first): an index on an expression or with a predicate ranks 2 (every
 * row's expression is computed before the sort), any other 1 - |correlation| of its leading
 * column in the source's statistics, so an index whose input arrives in order ranks near 0 (the
 * copy keeps the source's physical row order, and PostgreSQL's sort checks for presorted input
 * and returns at once: the presorted check in src/include/lib/sort_template.h); a column without
 * statistics ranks 1. Builds of one table start longest first, so that none starts alone at the end.
 */
export async function postDataOwners(db: Db): Promise<Map<string, { owner: number; cost?: number }>> {
  const found = await rows<{ key: string; owner: number; cost: number | null }>(
    db,
    `WITH indexes AS (
       SELECT x.indexrelid, x.indrelid,
              CASE WHEN x.indexprs IS NOT NULL OR x.indpred IS NOT NULL OR x.indkey[0] = 0 THEN 2
                   ELSE 1 - coalesce((SELECT abs(s.correlation) FROM pg_stats s
                                       WHERE s.schemaname = n.nspname AND s.tablename = t.relname
                                         AND s.attname = a.attname AND NOT s.inherited), 0)
              END AS cost
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0])
     SELECT '1259:' || indexrelid::int AS key, indrelid::int AS owner, cost::float8 AS cost FROM indexes
     UNION ALL
     SELECT '2606:' || c.oid::int, c.conrelid::int, i.cost::float8 FROM pg_constraint c
       LEFT JOIN indexes i ON i.indexrelid = c.conindid AND c.contype IN ('p', 'u', 'x')
      WHERE c.conrelid <> 0`,
  )
  return new Map(
    found.map((r) => [r.key, { owner: r.owner, ...(r.cost === null ? {} : { cost: Number(r.cost) }) }]),
  )
}

/**
 * Foreign keys between two plain tables (relkind r, not partitions: `relispartition` read through
 * to_jsonb, absent before PostgreSQL 10), by constraint OID, with the referencing and referenced
 * table. Keys of partitioned tables and partitions are left to pg_restore's ordering.
 */
export async function plainForeignKeys(db: Db): Promise<Map<number, { from: number; to: number }>> {
  const found = await rows<{ oid: number; from: number; to: number }>(
    db,
    `SELECT c.oid::int AS oid, c.conrelid::int AS "from", c.confrelid::int AS "to"
       FROM pg_constraint c
       JOIN pg_class f ON f.oid = c.conrelid
       JOIN pg_class t ON t.oid = c.confrelid
      WHERE c.contype = 'f' AND f.relkind = 'r' AND t.relkind = 'r'
        AND NOT coalesce((to_jsonb(f) ->> 'relispartition')::boolean, false)
        AND NOT coalesce((to_jsonb(t) ->> 'relispartition')::boolean, false)`,
  )
  return new Map(found.map((r) => [r.oid, { from: r.from, to: r.to }]))
}

/**
 * A primary key or unique constraint that can be built as a plain unique index first and made the
 * constraint afterwards (see `constraintUsingIndex`).
 */
export interface UniqueIndexFirst {
  /** `CREATE UNIQUE INDEX ...`, as the source's pg_get_indexdef prints it with every name qualified. */
  createIndex: string
  schema: string
  table: string
  constraint: string
  index: string
  primaryKey: boolean
  deferrable: boolean
  deferred: boolean
}

/**
 * The primary key and unique constraints among `oids` (pg_constraint OIDs) that the copy builds
 * as `CREATE UNIQUE INDEX` beside the other index builds of their table, instead of
 * `ALTER TABLE ... ADD CONSTRAINT`, whose ACCESS EXCLUSIVE lock makes every other build of the
 * table wait for it (https://www.postgresql.org/docs/current/explicit-locking.html: CREATE INDEX
 * takes SHARE, which SHARE does not conflict with). Only those where the two are the same object
 * in the end: a B-tree index in the database's default tablespace, on a plain table that is not a
 * partition, neither clustered on nor the replica identity (pg_dump writes those as more
 * statements in the constraint's entry). `ADD CONSTRAINT ... USING INDEX` takes any such index
 * ("the index ... becomes owned by the constraint, in the same way as if it had been built by a
 * regular ADD PRIMARY KEY or ADD UNIQUE command",
 * https://www.postgresql.org/docs/current/sql-altertable.html). Read with an empty search_path,
 * as pg_dump reads definitions, so that every name in them is qualified.
 */
export async function uniqueIndexesFirst(db: Db, oids: number[]): Promise<Map<number, UniqueIndexFirst>> {
  if (oids.length === 0) return new Map()
  await db.query(`SELECT pg_catalog.set_config('search_path', '', true)`)
  const found = await rows<UniqueIndexFirst & { oid: number }>(
    db,
    `SELECT c.oid::int AS oid, pg_catalog.pg_get_indexdef(c.conindid) AS "createIndex",
            n.nspname AS schema, t.relname AS table, c.conname AS constraint, i.relname AS index,
            c.contype = 'p' AS "primaryKey", c.condeferrable AS deferrable, c.condeferred AS deferred
       FROM pg_catalog.pg_constraint c
       JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_catalog.pg_class i ON i.oid = c.conindid
       JOIN pg_catalog.pg_index x ON x.indexrelid = i.oid
       JOIN pg_catalog.pg_am a ON a.oid = i.relam
      WHERE c.oid = ANY($1::oid[]) AND c.contype IN ('p', 'u') AND t.relkind = 'r'
        AND NOT coalesce((to_jsonb(t) ->> 'relispartition')::boolean, false)
        AND coalesce((to_jsonb(c) ->> 'conparentid')::oid, 0) = 0
        AND a.amname = 'btree' AND i.reltablespace = 0 AND x.indisunique
        AND NOT x.indisclustered AND NOT x.indisreplident
        AND x.indexprs IS NULL AND x.indpred IS NULL`,
    [oids],
  )
  return new Map(found.map(({ oid, ...first }) => [oid, first]))
}

/** The statement that makes a unique index built by `UniqueIndexFirst.createIndex` its constraint. */
export function constraintUsingIndex(found: UniqueIndexFirst): string {
  const kind = found.primaryKey ? 'PRIMARY KEY' : 'UNIQUE'
  const timing = found.deferrable ? ` DEFERRABLE${found.deferred ? ' INITIALLY DEFERRED' : ''}` : ''
  return `ALTER TABLE ONLY ${qualified(found.schema, found.table)} ADD CONSTRAINT ${quoteIdent(found.constraint)} ${kind} USING INDEX ${quoteIdent(found.index)}${timing}`
}

/** A stored column of the table `a.attrelid`: not a system column, not dropped, not generated. */
const STORED_COLUMN = `a.attnum > 0 AND NOT a.attisdropped AND coalesce(to_jsonb(a) ->> 'attgenerated', '') = ''`

/**
 * The column list each table's data is copied with, by table OID: every column in order except
 * dropped and generated ones (as pg_dump writes it). `attgenerated` is read through to_jsonb so
 * the query also runs on servers older than 12, which have no such column.
 */
export async function copyColumns(db: Db, oids: number[]): Promise<Map<number, CopyColumns>> {
  const found = await rows<{ oid: number; columns: string; count: number }>(
    db,
    `SELECT a.attrelid::int AS oid, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS columns, count(*)::int AS count
       FROM pg_attribute a
      WHERE a.attrelid = ANY($1::oid[]) AND ${STORED_COLUMN}
      GROUP BY a.attrelid`,
    [oids],
  )
  return new Map(found.map((r) => [r.oid, { list: r.columns, count: r.count }]))
}

/** A table's stored columns (not dropped, not generated), as COPY's column list, and how many. */
export interface CopyColumns {
  list: string
  count: number
}

/** How many stored columns (not dropped, not generated) the table `schema.name` has; undefined when there is no such table. */
export async function storedColumnCount(db: Db, schema: string, name: string): Promise<number | undefined> {
  const [row] = await rows<{ n: number | null }>(
    db,
    `SELECT (SELECT count(*)::int FROM pg_attribute a WHERE a.attrelid = c.oid AND ${STORED_COLUMN}) AS n
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, name],
  )
  return row?.n ?? undefined
}

/**
 * Main-fork block counts (for splitting a table into block ranges, see split.ts). Not MVCC: read
 * in the snapshot's session, they are at least as large as the snapshot's, and the last range of
 * a split is open-ended anyway.
 */
export async function tableBlocks(db: Db, oids: number[]): Promise<Map<number, number>> {
  const found = await rows<{ oid: number; blocks: string }>(
    db,
    `SELECT c.oid::int AS oid, pg_relation_size(c.oid, 'main') / current_setting('block_size')::int AS blocks
       FROM pg_class c WHERE c.oid = ANY($1::oid[])`,
    [oids],
  )
  return new Map(found.map((r) => [r.oid, Number(r.blocks)]))
}

/**
 * The tables among `oids` whose every column can travel in COPY's binary format between two
 * servers of the same major version: every type reached through domains, ranges, arrays and
 * composites has a binary send and receive function; none is a base type defined outside the
 * built-in catalog (an extension's C type, whose binary form may change with its version); and
 * every type inside an array or a composite is built-in, because their binary form carries the
 * element's or field's type OID, which the receiving server checks against its own ("binary
 * data has array element type ... instead of expected", array_recv and record_recv in
 * src/backend/utils/adt), and a user-defined type's OID differs between two servers; and none is
 * an OID alias type (regclass, regconfig, regproc, ...: pg_catalog's `reg*` types), whose binary
 * form is the object's OID on the source, meaningless on the target, where their text form is the
 * object's name, looked up again as pg_dump's text COPY does. Multiranges
 * take the text format too (their subtypes are not walked here). Built-in objects have OIDs
 * below 16384 (FirstNormalObjectId, src/include/access/transam.h);
 * https://www.postgresql.org/docs/current/sql-copy.html ("binary format is very data type specific").
 */
export async function binaryCopyable(db: Db, oids: number[]): Promise<Set<number>> {
  const found = await rows<{ oid: number }>(
    db,
    `WITH RECURSIVE reached(rel, typ, nested) AS (
       SELECT a.attrelid, a.atttypid, false FROM pg_attribute a
        WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
       UNION
       SELECT r.rel, s.typ, s.nested FROM reached r JOIN pg_type t ON t.oid = r.typ,
         LATERAL (
           SELECT t.typbasetype, r.nested WHERE t.typtype = 'd'
           UNION ALL SELECT g.rngsubtype, r.nested FROM pg_range g WHERE g.rngtypid = t.oid
           UNION ALL SELECT e.oid, true FROM pg_type e WHERE e.typarray = t.oid
           UNION ALL SELECT a.atttypid, true FROM pg_attribute a
                      WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
         ) s(typ, nested)
     )
     SELECT c.oid::int AS oid FROM pg_class c
      WHERE c.oid = ANY($1::oid[])
        AND NOT EXISTS (
          SELECT 1 FROM reached r JOIN pg_type t ON t.oid = r.typ
           WHERE r.rel = c.oid
             AND (t.typsend = 0 OR t.typreceive = 0 OR t.typtype NOT IN ('b', 'c', 'd', 'e', 'r')
                  OR (t.typname LIKE 'reg%' AND t.typnamespace = 'pg_catalog'::regnamespace)
                  OR (r.nested AND t.oid >= 16384)
                  OR (t.typtype = 'b' AND t.oid >= 16384
                      AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid))))`,
    [oids],
  )
  return new Set(found.map((r) => r.oid))
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

/**
 * Settings under which a row prints the same text on any server, so row hashes compare: also an
 * empty search_path, so that `reg*` values print schema-qualified whatever a database's own
 * search_path (a target's database settings are carried only after success), and `lc_monetary`
 * fixed for `money`.
 */
export const STABLE_OUTPUT = `SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC'; SET extra_float_digits = 1; SET bytea_output = 'hex'; SET search_path = ''; SET lc_monetary = 'C'`

export async function countRows(db: Db, schema: string, name: string): Promise<number> {
  const [row] = await rows<{ n: string }>(db, `SELECT count(*) AS n FROM ONLY ${qualified(schema, name)}`)
  return Number(row.n)
}

export interface ObjectCounts {
  tables: number
  indexes: number
  constraints: number
  triggers: number
  views?: number
  functions?: number
  /**
   * Row-level security of the tables: their policies, and how many enable or force it. A copy
   * that lost a policy or the flag would show more rows to someone than the source does
   * (absent from manifests written before they were counted).
   */
  policies?: number
  rowSecurity?: number
  forcedRowSecurity?: number
  /** Restore: the database's large objects, against the count the dump holds (see `dumpLargeObjects`). */
  largeObjects?: number
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
            (SELECT count(*) FROM pg_policy p WHERE p.polrelid IN (SELECT oid FROM t)) AS policies,
            (SELECT count(*) FROM pg_class c WHERE c.oid IN (SELECT oid FROM t) AND c.relrowsecurity) AS rowsecurity,
            (SELECT count(*) FROM pg_class c WHERE c.oid IN (SELECT oid FROM t) AND c.relforcerowsecurity) AS forcedrowsecurity,
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
    policies: Number(row.policies),
    rowSecurity: Number(row.rowsecurity),
    forcedRowSecurity: Number(row.forcedrowsecurity),
    views: num(row.views),
    functions: num(row.functions),
  }
}

/** What a database held before a direct restore, so that a failure removes exactly what was added. */
export interface Baseline {
  schemas: string[]
  extensions: string[]
  /** The OIDs of the large objects the database held (none, once pre-flight found it empty). */
  largeObjects: string[]
}

export async function baseline(db: Db): Promise<Baseline> {
  const schemas = await rows<{ name: string }>(
    db,
    `SELECT nspname AS name FROM pg_namespace n WHERE ${USER_NAMESPACE}`,
  )
  const extensions = await installedExtensions(db)
  const large = await rows<{ oid: string }>(db, `SELECT oid::text AS oid FROM pg_largeobject_metadata`)
  return {
    schemas: schemas.map((s) => s.name),
    extensions: extensions.map((e) => e.name),
    largeObjects: large.map((l) => l.oid),
  }
}

/**
 * Unlinks the large objects not in `keep`, a thousand per statement: each unlink holds a lock
 * until its transaction ends, and one statement for all of them could exhaust the lock table
 * (max_locks_per_transaction). Stops when a round unlinks nothing (what is left is measured by
 * the caller).
 */
async function unlinkLargeObjects(db: Db, keep: readonly string[]): Promise<void> {
  for (;;) {
    const [row] = await rows<{ n: string }>(
      db,
      `SELECT count(pg_catalog.lo_unlink(oid)) AS n
         FROM (SELECT oid FROM pg_catalog.pg_largeobject_metadata WHERE oid <> ALL ($1::oid[]) LIMIT 1000) l`,
      [keep],
    )
    if (Number(row.n) === 0) return
  }
}

/**
 * Removes everything a failed direct restore created: the large objects it added, the extensions
 * and schemas it added with all they hold, then every user object left (the target was empty
 * before: pre-flight saw to that). Each DROP runs on its own, a few rounds over, so one that
 * fails does not keep the others; the caller measures what is left afterwards.
 */
export async function dropRestored(db: Db, before: Baseline): Promise<void> {
  const attempt = async (sql: string): Promise<void> => {
    await db.query(sql).catch(() => undefined)
  }
  await unlinkLargeObjects(db, before.largeObjects).catch(() => undefined)
  for (const ext of await installedExtensions(db)) {
    if (!before.extensions.includes(ext.name))
      await attempt(`DROP EXTENSION IF EXISTS ${quoteIdent(ext.name)} CASCADE`)
  }
  const schemas = await rows<{ name: string }>(
    db,
    `SELECT nspname AS name FROM pg_namespace n WHERE ${USER_NAMESPACE}`,
  )
  for (const schema of schemas) {
    if (!before.schemas.includes(schema.name))
      await attempt(`DROP SCHEMA IF EXISTS ${quoteIdent(schema.name)} CASCADE`)
  }
  for (let round = 0; round < 3; round++) {
    const left = await rows<{ type: string; identity: string }>(db, USER_OBJECTS_SQL, [before.extensions])
    if (left.length === 0) return
    for (const object of left) {
      await attempt(`DROP ${objectKeyword(object.type)} IF EXISTS ${object.identity} CASCADE`)
    }
  }
}

/** What a database carries outside its schema: ALTER DATABASE settings, comment, and (for swap) privileges, connection limit and owner. */
export interface DatabaseProperties {
  name: string
  owner: string
  connectionLimit: number
  comment: string | null
  /** `ALTER DATABASE ... SET` settings (role null) and `ALTER ROLE ... IN DATABASE ... SET` ones. */
  settings: Array<{ role: string | null; name: string; value: string }>
  /** The database's privileges, or null while it has the defaults. */
  acl: Array<{ grantee: string; privilege: string; grantable: boolean }> | null
}

export async function databaseProperties(db: Db, name: string): Promise<DatabaseProperties | undefined> {
  const [row] = await rows<{
    owner: string
    limit: number
    comment: string | null
    settings: Array<{ role: string | null; config: string[] }>
    acl: DatabaseProperties['acl']
  }>(
    db,
    `SELECT pg_catalog.pg_get_userbyid(d.datdba) AS owner, d.datconnlimit AS limit,
            pg_catalog.shobj_description(d.oid, 'pg_database') AS comment,
            (SELECT coalesce(json_agg(json_build_object('role', CASE WHEN s.setrole = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(s.setrole) END,
                                                        'config', s.setconfig) ORDER BY s.setrole), '[]')
               FROM pg_catalog.pg_db_role_setting s WHERE s.setdatabase = d.oid) AS settings,
            CASE WHEN d.datacl IS NULL THEN NULL ELSE
              (SELECT json_agg(json_build_object('grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
                                                 'privilege', a.privilege_type, 'grantable', a.is_grantable))
                 FROM pg_catalog.aclexplode(d.datacl) a) END AS acl
       FROM pg_catalog.pg_database d WHERE d.datname = $1`,
    [name],
  )
  if (!row) return undefined
  const settings = row.settings.flatMap((s) =>
    s.config.map((entry) => {
      const at = entry.indexOf('=')
      return { role: s.role, name: entry.slice(0, at), value: entry.slice(at + 1) }
    }),
  )
  return {
    name,
    owner: row.owner,
    connectionLimit: Number(row.limit),
    comment: row.comment,
    settings,
    acl: row.acl,
  }
}

/**
 * Settings whose value is a list of names, which pg_dump splits and quotes element by element
 * (its variable_is_guc_list_quote and makeAlterConfigCommand): quoting the stored text whole
 * would make one name of `app, public`.
 */
const LIST_SETTINGS = new Set([
  'local_preload_libraries',
  'search_path',
  'session_preload_libraries',
  'shared_preload_libraries',
  'temp_tablespaces',
  'unix_socket_directories',
])

/** A setting's stored value as the literal(s) of `SET name TO ...`. */
export function settingValue(db: Pick<Db, 'escapeLiteral'>, name: string, value: string): string {
  if (!LIST_SETTINGS.has(name.toLowerCase())) return db.escapeLiteral(value)
  const items: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (c === '"') {
      if (quoted && value[i + 1] === '"') {
        current += '"'
        i++
      } else quoted = !quoted
    } else if (c === ',' && !quoted) {
      items.push(current.trim())
      current = ''
    } else current += quoted || c !== ' ' ? c : ''
  }
  items.push(current.trim())
  return items.map((item) => db.escapeLiteral(item)).join(', ')
}

export interface PropertyOutcome {
  carried: string[]
  notCarried: string[]
}

/**
 * Gives the database `into` the source's comment and settings and, when it replaces another
 * database (swap), that database's settings, privileges, connection limit and owner first, so
 * it ends as the in-place strategies leave the target. Each property is set on its own; one that
 * cannot be set is reported with the server's reason, never fatal.
 */
export async function carryDatabaseProperties(
  db: Db,
  into: string,
  source: DatabaseProperties | undefined,
  replaced?: DatabaseProperties,
): Promise<PropertyOutcome> {
  const outcome: PropertyOutcome = { carried: [], notCarried: [] }
  const database = quoteIdent(into)
  const run = async (what: string, sql: string): Promise<void> => {
    try {
      await db.query(sql)
      outcome.carried.push(what)
    } catch (error) {
      outcome.notCarried.push(`${what}: ${errorMessage(error)}`)
    }
  }
  const settings = [...(replaced?.settings ?? []), ...(source?.settings ?? [])]
  for (const s of settings) {
    const set = `SET ${quoteIdent(s.name)} TO ${settingValue(db, s.name, s.value)}`
    if (s.role === null) await run(`setting ${s.name}`, `ALTER DATABASE ${database} ${set}`)
    else
      await run(
        `setting ${s.name} for role ${s.role}`,
        `ALTER ROLE ${quoteIdent(s.role)} IN DATABASE ${database} ${set}`,
      )
  }
  const comment = source?.comment ?? replaced?.comment ?? null
  if (comment !== null)
    await run('comment', `COMMENT ON DATABASE ${database} IS ${db.escapeLiteral(comment)}`)
  if (replaced) {
    if (replaced.acl !== null) {
      const grants = replaced.acl.map(
        (a) =>
          `GRANT ${a.privilege} ON DATABASE ${database} TO ${a.grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(a.grantee)}${a.grantable ? ' WITH GRANT OPTION' : ''}`,
      )
      await run('privileges', `REVOKE ALL ON DATABASE ${database} FROM PUBLIC; ${grants.join('; ')}`)
    }
    if (replaced.connectionLimit !== -1)
      await run(
        'connection limit',
        `ALTER DATABASE ${database} CONNECTION LIMIT ${Number(replaced.connectionLimit)}`,
      )
    await run(`owner ${replaced.owner}`, `ALTER DATABASE ${database} OWNER TO ${quoteIdent(replaced.owner)}`)
  }
  return outcome
}
