import type { Logger } from '../common/log'
import {
  close,
  connect,
  importSnapshot,
  largeObjectCount,
  objectCounts,
  qualified,
  STABLE_OUTPUT,
  USER_NAMESPACE,
  type Db,
  type ObjectCounts,
  type SequenceValue,
} from './db'
import type { VerifyLevel } from './inputs'
import type { SourceState } from './observe'
import { count } from '../common/plural'
import { countedTables } from './partitions'
import { displayName } from './toc'
import type { DatabaseUrl } from './url'

export type RelationKind =
  'table' | 'partitioned table' | 'view' | 'materialized view' | 'sequence' | 'foreign table'

/** pg_class.relkind to the kind's name. */
export const RELATION_KINDS: Readonly<Record<string, RelationKind>> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  S: 'sequence',
  f: 'foreign table',
}

export interface Relation {
  schema: string
  name: string
  kind: RelationKind
}

/** A table whose rows are counted: all of them, or (an extension's configuration table) those `filter` keeps. */
export interface CountedTable {
  schema: string
  name: string
  filter?: string
  /** A partitioned table: the rows of its whole tree are counted. */
  tree?: boolean
  /** A partition loaded through its root (see partitions.ts): its count is reported, its tree's decides. */
  routed?: boolean
}

/** One side's measurements: what the source held in the snapshot, or what the target holds now. */
export interface Measurement {
  /** By display name (see `displayName`). */
  tables: Record<string, { rows: number; checksum?: string; tree?: boolean; routed?: boolean }>
  objects: ObjectCounts
  sequences: SequenceValue[]
  /** The dump's relations found on this side, by display name (absent from older manifests). */
  relations?: Record<string, RelationKind>
  /** How the checksums were computed (see `ROW_HASHES`); absent: `md5`, as in manifests of format 1. */
  rowHash?: RowHash
}

export interface TableVerdict {
  source: number
  target: number
  checksum?: 'match' | 'differs'
  ok: boolean
  /** A partitioned table: the rows of its whole tree. */
  tree?: boolean
  /** Loaded through its partition root: its rows may sit in other partitions on the target, its tree is verified. */
  routed?: boolean
}

export interface Verification {
  level: VerifyLevel
  tables: Record<string, TableVerdict>
  objects: Array<{ kind: string; source: number; target: number; ok: boolean }>
  sequences: Array<{ name: string; source: string; target?: string; ok: boolean }>
  /** One sentence per mismatch, naming the table, sequence or kind of object. */
  failures: string[]
}

export interface MeasureOptions {
  url: DatabaseUrl
  /** Source: the exported snapshot every session reads in. */
  snapshot?: string
  tables: CountedTable[]
  /** The tables whose indexes, constraints and triggers are counted (default: `tables`). */
  objectTables?: Array<{ schema: string; name: string }>
  schemas?: string[]
  /** Relations whose presence (and kind) is checked on this side. */
  relations?: Relation[]
  level: VerifyLevel
  /** The checksum to compute (default `hashtext`); a restore computes the one its manifest holds. */
  rowHash?: RowHash
  /** Tables (display names) only counted here: their checksums come from their COPY streams (copy.ts). */
  streamed?: ReadonlySet<string>
  /** Restore: also count the database's large objects (`objects.largeObjects`). */
  largeObjects?: boolean
  jobs: number
  logger: Logger
  signal: AbortSignal
}

/**
 * Every session counts with row_security off: a count that a row-level security policy would
 * filter fails instead of coming out short. Superusers and BYPASSRLS roles are not subject to
 * policies; table owners are not either, unless the table has FORCE ROW LEVEL SECURITY.
 * https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-ROW-SECURITY
 * https://www.postgresql.org/docs/current/ddl-rowsecurity.html
 */
const ROW_SECURITY_OFF = 'SET row_security = off'

/**
 * Counts (and hashes) every table on one side (`countRows`), then reads its objects, sequences
 * and relations; with `counted`, the tables were counted already and only the rest is read.
 */
export async function measure(
  options: MeasureOptions & { counted?: Measurement['tables'] },
): Promise<Measurement> {
  const tables = options.counted ?? (await countRows(options))
  const [db] = await openSessions(options, 1)
  try {
    const rowHash = options.rowHash ?? 'hashtext'
    const objects = await objectCounts(db, options.objectTables ?? options.tables, options.schemas)
    if (options.largeObjects) objects.largeObjects = await largeObjectCount(db)
    const sequences = await readSequences(db)
    const relations = options.relations ? await findRelations(db, options.relations) : undefined
    return { tables, objects, sequences, relations, ...(options.level === 'checksums' ? { rowHash } : {}) }
  } finally {
    await close(db)
  }
}

/** The tables' rows (and checksums) of one side, over up to `jobs` sessions. */
export async function countRows(
  options: Pick<
    MeasureOptions,
    'url' | 'snapshot' | 'tables' | 'level' | 'rowHash' | 'streamed' | 'jobs' | 'logger' | 'signal'
  >,
): Promise<Measurement['tables']> {
  const sessions = await openSessions(options, options.jobs)
  try {
    // The source is read in a read-only snapshot, where nothing can be lifted: there a forced
    // policy makes the count fail (as it makes pg_dump fail).
    const lifted = options.snapshot ? new Set<string>() : await forcedOnOwner(sessions[0], options.tables)
    const tables: Measurement['tables'] = {}
    const rowHash = options.rowHash ?? 'hashtext'
    const queue = [...options.tables]
    await Promise.all(
      sessions.map(async (db) => {
        for (let table = queue.shift(); table; table = queue.shift()) {
          const key = displayName(table.schema, table.name)
          const level = options.streamed?.has(key) ? 'counts' : options.level
          const measured = await countTable(db, table, level, rowHash, lifted.has(key))
          if (measured)
            tables[key] = {
              ...measured,
              ...(table.tree ? { tree: true } : {}),
              ...(table.routed ? { routed: true } : {}),
            }
        }
      }),
    )
    return tables
  } finally {
    await Promise.all(sessions.map((db) => close(db)))
  }
}

/** Up to `jobs` sessions (one per table at most), in the snapshot if given, with stable output and row_security off. */
async function openSessions(
  options: Pick<MeasureOptions, 'url' | 'snapshot' | 'tables' | 'logger' | 'signal'>,
  jobs: number,
): Promise<Db[]> {
  const sessions: Db[] = []
  try {
    const count = Math.max(1, Math.min(jobs, options.tables.length))
    for (let i = 0; i < count; i++) {
      const db = await connect(options.url, { logger: options.logger, signal: options.signal })
      sessions.push(db)
      if (options.snapshot) await importSnapshot(db, options.snapshot)
      await db.query(STABLE_OUTPUT)
      await db.query(ROW_SECURITY_OFF)
    }
    return sessions
  } catch (error) {
    await Promise.all(sessions.map((db) => close(db)))
    throw error
  }
}

/**
 * The source side of every verification, measured once here: in the snapshot, with the sequence
 * values read there. `tables` defaults to the tables verification counts (`countedTables`);
 * a backup passes them without an extension's condition, as the restore counts them.
 */
export async function measureSource(
  url: DatabaseUrl,
  state: Pick<SourceState, 'snapshot' | 'tables' | 'schemas' | 'relations' | 'sequences'>,
  options: Pick<MeasureOptions, 'level' | 'rowHash' | 'streamed' | 'jobs' | 'logger' | 'signal'> & {
    tables?: CountedTable[]
    /** The tables' rows, counted in the snapshot already (`countRows`). */
    counted?: Measurement['tables']
  },
): Promise<Measurement> {
  const measured = await measure({
    counted: options.counted,
    url,
    snapshot: state.snapshot,
    tables: options.tables ?? countedTables(state.tables),
    objectTables: state.tables,
    schemas: state.schemas,
    relations: state.relations,
    level: options.level,
    rowHash: options.rowHash,
    streamed: options.streamed,
    jobs: options.jobs,
    logger: options.logger,
    signal: options.signal,
  })
  return { ...measured, sequences: state.sequences }
}

export type RowHash = 'md5' | 'hashtext'

/**
 * A table's checksum, over its rows `t`: order-independent, the sum of one hash of each row's
 * text (a sum, so duplicate rows do not cancel out), as exact numeric. `hashtext` is the 64-bit
 * hashtextextended, which PostgreSQL keeps stable across versions because hash partitioning
 * stores its values (https://www.postgresql.org/docs/current/ddl-partitioning.html, "hash
 * partitioning"; available since PostgreSQL 11); it costs about half of `md5`, the first 60 bits
 * of each row text's MD5, which manifests of format 1 hold. Both read the row as text
 * (`t::text`, each column through its output function), so a value that prints differently
 * differs.
 */
export const ROW_HASHES: Readonly<Record<RowHash, string>> = {
  md5: `coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)`,
  hashtext: `coalesce(sum(hashtextextended(t::text, 0)), 0)`,
}

/**
 * The rows the dump holds: the table's own (ONLY: a parent's rows are counted without its
 * partitions; a partitioned table, `tree`, with all of them), or for a configuration table those its extension's condition keeps, read the
 * way pg_dump reads them (`SELECT ... FROM table <condition>`). A table that does not exist
 * gives undefined. `lift`: the table forces row-level security on its owner, the current user;
 * FORCE is lifted for the count in a transaction that is rolled back, so nothing changes.
 */
async function countTable(
  db: Db,
  table: CountedTable,
  level: VerifyLevel,
  rowHash: RowHash,
  lift: boolean,
): Promise<{ rows: number; checksum?: string } | undefined> {
  const relation = qualified(table.schema, table.name)
  const from = table.filter
    ? `(SELECT * FROM ${relation} ${table.filter}) t`
    : `${table.tree ? '' : 'ONLY '}${relation} t`
  const sql = `SELECT count(*) AS n${level === 'checksums' ? `, ${ROW_HASHES[rowHash]}::text AS h` : ''} FROM ${from}`
  const run = async (): Promise<{ rows: number; checksum?: string }> => {
    const [row] = (await db.query<{ n: string; h?: string }>(sql)).rows
    return level === 'checksums' ? { rows: Number(row.n), checksum: row.h } : { rows: Number(row.n) }
  }
  try {
    if (!lift) return await run()
    await db.query('BEGIN')
    try {
      await db.query(`ALTER TABLE ONLY ${relation} NO FORCE ROW LEVEL SECURITY`)
      return await run()
    } finally {
      await db.query('ROLLBACK')
    }
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return undefined
    throw error
  }
}

/** Tables among `tables` whose policies apply to their owner (FORCE), owned by the current user, which does not bypass them. */
async function forcedOnOwner(db: Db, tables: readonly CountedTable[]): Promise<Set<string>> {
  const { rows } = await db.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relrowsecurity AND c.relforcerowsecurity AND pg_has_role(c.relowner, 'USAGE')
        AND NOT (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user)
        AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [tables.map((t) => t.schema), tables.map((t) => t.name)],
  )
  return new Set(rows.map((r) => displayName(r.schema, r.name)))
}

/** The user sequences, with the configuration sequences of extensions (which pg_dump sets too), and their values. */
export async function readSequences(db: Db): Promise<SequenceValue[]> {
  const { rows: found } = await db.query<{ oid: number; schema: string; name: string }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND ${USER_NAMESPACE}
        AND (NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
             OR EXISTS (SELECT 1 FROM pg_extension e WHERE c.oid = ANY (e.extconfig)))
      ORDER BY 2, 3`,
  )
  const values: SequenceValue[] = []
  for (const seq of found) {
    const { rows } = await db.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${qualified(seq.schema, seq.name)}`,
    )
    values.push({ ...seq, lastValue: rows[0].last_value, isCalled: rows[0].is_called })
  }
  return values
}

/** Which of `relations` exist on this side, and as what. */
async function findRelations(db: Db, relations: readonly Relation[]): Promise<Record<string, RelationKind>> {
  const { rows } = await db.query<{ schema: string; name: string; relkind: string }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [relations.map((r) => r.schema), relations.map((r) => r.name)],
  )
  const found: Record<string, RelationKind> = {}
  for (const row of rows) {
    const kind = RELATION_KINDS[row.relkind]
    if (kind) found[displayName(row.schema, row.name)] = kind
  }
  return found
}

/** How a kind of object is named in a verdict, where its field name is not a word. */
const OBJECT_LABELS: Partial<Record<keyof ObjectCounts, string>> = {
  largeObjects: 'large objects',
  rowSecurity: 'tables with row-level security',
  forcedRowSecurity: 'tables forcing row-level security',
}
/** One object of each kind, for the sentence of a count of 1 (also in the in-transaction check). */
export const OBJECT_LABEL_ONE: Record<keyof ObjectCounts, string> = {
  tables: 'table',
  indexes: 'index',
  constraints: 'constraint',
  triggers: 'trigger',
  policies: 'policy',
  rowSecurity: 'table with row-level security',
  forcedRowSecurity: 'table forcing row-level security',
  views: 'view',
  functions: 'function',
  largeObjects: 'large object',
}

/** How several objects of a kind are named in a verdict (also in the in-transaction check). */
export const objectLabelMany = (kind: keyof ObjectCounts): string => OBJECT_LABELS[kind] ?? kind

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** Compares the two sides. Pure. */
export function compare(level: VerifyLevel, source: Measurement, target: Measurement): Verification {
  if (level === 'checksums' && (source.rowHash ?? 'md5') !== (target.rowHash ?? 'md5'))
    throw new Error(
      `Checksums computed two ways (${source.rowHash ?? 'md5'}, ${target.rowHash ?? 'md5'}) cannot be compared.`,
    )
  const failures: string[] = []
  const tables: Verification['tables'] = {}
  for (const [name, s] of Object.entries(source.tables)) {
    const t = target.tables[name]
    const verdict: TableVerdict = { source: s.rows, target: t?.rows ?? 0, ok: true }
    if (s.tree) verdict.tree = true
    if (!t) {
      verdict.ok = false
      failures.push(`Table ${name} is missing on the target.`)
    } else if (s.routed) {
      // Loaded through its root: the target's routing placed its rows, and its tree is compared.
      verdict.routed = true
      if (level === 'checksums') verdict.checksum = t.checksum === s.checksum ? 'match' : 'differs'
    } else if (t.rows !== s.rows) {
      verdict.ok = false
      failures.push(`Table ${name} has ${count(t.rows, 'row')} on the target but ${s.rows} on the source.`)
    } else if (level === 'checksums') {
      verdict.checksum = t.checksum === s.checksum ? 'match' : 'differs'
      if (verdict.checksum === 'differs') {
        verdict.ok = false
        failures.push(
          `Table ${name} has the same ${s.rows} rows count on both sides but different contents (checksum).`,
        )
      }
    }
    tables[name] = verdict
  }
  // Every relation of the dump must be on the target, as the same kind of relation (tables and
  // sequences missing there are reported below and above).
  const sequenceNames = new Set(source.sequences.map((q) => displayName(q.schema, q.name)))
  for (const [name, kind] of Object.entries(source.relations ?? {})) {
    const found = target.relations?.[name]
    if (found === kind) continue
    if (found === undefined && name in source.tables && !(name in target.tables)) continue
    if (found === undefined && kind === 'sequence' && sequenceNames.has(name)) continue
    failures.push(
      found === undefined
        ? `${capitalized(kind)} ${name} is missing on the target.`
        : `${capitalized(kind)} ${name} is a ${found} on the target.`,
    )
  }
  // The source's counts must see everything the dump holds: a count lower than the dump's own
  // relations means the counting looked in the wrong place, and a match there would prove nothing.
  if (source.relations) {
    const kinds = Object.values(source.relations)
    const inDump = {
      tables: kinds.filter((k) => k === 'table' || k === 'partitioned table').length,
      views: kinds.filter((k) => k === 'view' || k === 'materialized view').length,
    }
    for (const kind of ['tables', 'views'] as const) {
      const counted = source.objects[kind]
      if (counted !== undefined && counted < inDump[kind])
        failures.push(
          `The source's ${kind} were counted as ${counted} although the dump holds ${inDump[kind]}; verification would not cover them.`,
        )
    }
  }
  const objects = (Object.keys(source.objects) as Array<keyof ObjectCounts>)
    .filter((kind) => source.objects[kind] !== undefined)
    .map((kind) => {
      const s = source.objects[kind] as number
      const t = target.objects[kind] ?? 0
      const label = objectLabelMany(kind)
      if (s !== t)
        failures.push(
          `The target has ${t} ${t === 1 ? OBJECT_LABEL_ONE[kind] : label} where the source has ${s}.`,
        )
      return { kind: label, source: s, target: t, ok: s === t }
    })
  const targetSeqs = new Map(target.sequences.map((q) => [displayName(q.schema, q.name), q]))
  const sequences = source.sequences.map((q) => {
    const name = displayName(q.schema, q.name)
    const t = targetSeqs.get(name)
    // Sequences are not transactional: the target must be at least where the source was when the copy began.
    const ok = t !== undefined && sequencePosition(t) >= sequencePosition(q)
    if (!ok)
      failures.push(
        t
          ? `Sequence ${name} is at ${t.lastValue} on the target, behind the source's ${q.lastValue}.`
          : `Sequence ${name} is missing on the target.`,
      )
    return { name, source: q.lastValue, target: t?.lastValue, ok }
  })
  return { level, tables, objects, sequences, failures }
}

function sequencePosition(seq: SequenceValue): bigint {
  return BigInt(seq.lastValue) - (seq.isCalled ? 0n : 1n)
}

/**
 * The failures of a verification in one sentence: the first three, then how many more (the log
 * and the summary list them all). `Verification failed: table a has 9 rows where ...; the
 * target has 1 trigger where the source has 0; and 2 more.`
 */
export function verificationSentence(failures: readonly string[]): string {
  const clause = (text: string, i: number): string => {
    const bare = text.replace(/\.$/, '')
    return i === 0 ? bare : bare.charAt(0).toLowerCase() + bare.slice(1)
  }
  const shown = failures.slice(0, 3).map(clause)
  const more = failures.length - shown.length
  return `Verification failed: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`
}
