/**
 * The table of contents of a pg_dump archive, as `pg_restore -l` prints it, and the schedule
 * db-migrate builds from it. pg_restore has no machine-readable listing, so the parser is
 * written here; it relies on the line shape `<dumpId>; <catalogOid> <objectOid> <DESC> <rest>`
 * and on pg_dump's fixed set of DESC words (some contain spaces, so the longest one wins).
 */

export interface TocEntry {
  id: number
  catalogOid: number
  oid: number
  desc: string
  /** Schema, tag and owner as printed (names may contain spaces, so they are not split). */
  rest: string
  line: string
}

const DESCS = [
  'ACCESS METHOD',
  'ACL',
  'AGGREGATE',
  'BLOB',
  'BLOB METADATA',
  'BLOBS',
  'CAST',
  'CHECK CONSTRAINT',
  'COLLATION',
  'COMMENT',
  'CONSTRAINT',
  'CONVERSION',
  'DATABASE',
  'DATABASE PROPERTIES',
  'DEFAULT',
  'DEFAULT ACL',
  'DOMAIN',
  'ENCODING',
  'EVENT TRIGGER',
  'EXTENSION',
  'FK CONSTRAINT',
  'FOREIGN DATA WRAPPER',
  'FOREIGN SERVER',
  'FOREIGN TABLE',
  'FUNCTION',
  'INDEX',
  'INDEX ATTACH',
  'LARGE OBJECT',
  'MATERIALIZED VIEW',
  'MATERIALIZED VIEW DATA',
  'OPERATOR',
  'OPERATOR CLASS',
  'OPERATOR FAMILY',
  'POLICY',
  'PROCEDURAL LANGUAGE',
  'PROCEDURE',
  'PUBLICATION',
  'PUBLICATION TABLE',
  'PUBLICATION TABLES IN SCHEMA',
  'ROW SECURITY',
  'RULE',
  'SCHEMA',
  'SEARCHPATH',
  'SECURITY LABEL',
  'SEQUENCE',
  'SEQUENCE OWNED BY',
  'SEQUENCE SET',
  'SERVER',
  'SHELL TYPE',
  'STATISTICS',
  'STDSTRINGS',
  'SUBSCRIPTION',
  'SUBSCRIPTION TABLE',
  'TABLE',
  'TABLE ATTACH',
  'TABLE DATA',
  'TEXT SEARCH CONFIGURATION',
  'TEXT SEARCH DICTIONARY',
  'TEXT SEARCH PARSER',
  'TEXT SEARCH TEMPLATE',
  'TRANSFORM',
  'TRIGGER',
  'TYPE',
  'USER MAPPING',
  'VIEW',
].sort((a, b) => b.length - a.length)

/** Parses `pg_restore -l` output; comment lines (`;`) and blank lines are skipped. */
export function parseToc(text: string): TocEntry[] {
  const entries: TocEntry[] = []
  for (const line of text.split(/\r?\n/)) {
    const match = /^(\d+);\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line)
    if (!match) continue
    const body = match[4]
    const desc = DESCS.find((d) => body === d || body.startsWith(`${d} `)) ?? body.split(' ')[0]
    entries.push({
      id: Number(match[1]),
      catalogOid: Number(match[2]),
      oid: Number(match[3]),
      desc,
      rest: body.slice(desc.length).trim(),
      line,
    })
  }
  return entries
}

/** A `pg_restore -L` file holding the given entries, in the given order. */
export function tocList(entries: readonly TocEntry[]): string {
  return entries.map((e) => e.line).join('\n') + '\n'
}

/** What the catalog says about a table the dump holds (read in the dump's snapshot). */
export interface TableInfo {
  oid: number
  schema: string
  name: string
  /** Heap plus TOAST size, for largest-first scheduling and progress. */
  bytes: number
  /** The planner's estimate, for progress only. */
  estimatedRows: number
  /** Whether the dump holds this table's data (pg_dump's TABLE DATA entries decide). */
  hasData: boolean
  /**
   * A configuration table of an extension (pg_extension_config_dump): CREATE EXTENSION creates it
   * with the extension's own rows, and the dump adds the rows matching `filter` (all when unset).
   */
  extension?: boolean
  /** The extension's `WHERE ...` condition for the rows the dump holds, as pg_dump applies it. */
  filter?: string
  /** Row-level security is enabled on the table, whose owner (on the source) is `owner`. */
  rowSecurity?: boolean
  owner?: string
  /** A partitioned table all of whose partitions have their data in the dump: verified as a whole tree. */
  partitioned?: boolean
  /** A partition whose rows are loaded through the root of its tree (see partitions.ts). */
  viaRoot?: { oid: number; schema: string; name: string }
}

/** Maps a post-data object (index, constraint) to the table it belongs to, by catalog and object OID. */
export type OwnerOf = (catalogOid: number, oid: number) => number | undefined

/** The two plain tables (not partitioned, not partitions) a foreign key joins, by its constraint OID. */
export type ForeignKeyOf = (oid: number) => { from: number; to: number } | undefined

/** What the source's catalog tells `schedule` about the post-data entries. */
export interface PostDataCatalog {
  ownerOf: OwnerOf
  /** The tables a foreign key joins; a key it does not know waits for the last step. */
  foreignKeyOf?: ForeignKeyOf
  /**
   * A build's rank among the other builds of its table, by catalog and object OID (see
   * postDataOwners in db.ts); builds of one table start highest first, in dump order among
   * equals, one without a rank as 0.
   */
  buildCost?: (catalogOid: number, oid: number) => number | undefined
}

/** A foreign key between two tables of the copy that have data: created once both are complete. */
export interface EarlyForeignKey {
  entry: TocEntry
  /** The referencing table, then the referenced one (the same for a key to its own table). */
  from: TableInfo
  to: TableInfo
}

export interface Schedule {
  /** Table data to copy, largest first. */
  data: TableInfo[]
  /** Indexes and constraints of each table with data, built as soon as that table's data has landed. */
  afterTable: Map<number, TocEntry[]>
  /** Indexes and constraints of tables without data: built right after pre-data. */
  immediate: TocEntry[]
  /**
   * Foreign keys between plain tables with data: each is created as soon as both tables have their
   * data and all their indexes and constraints, while other tables still copy.
   */
  foreignKeys: EarlyForeignKey[]
  /** Everything else of post-data (other foreign keys, triggers, rules, index attachments...), once all data has landed. */
  last: TocEntry[]
  /** The table each index and constraint of `afterTable` and `immediate` belongs to, by entry id. */
  tableOf: Map<number, TableInfo>
}

/** Post-data entries that belong to one table and can be built while other tables still copy. */
const PER_TABLE = new Set(['INDEX', 'CONSTRAINT'])

/**
 * Orders a copy the way the fastest tools do: data largest first; each table's indexes and
 * constraints right after its own data, longest first; a foreign key between two tables with data once both
 * are complete; other foreign keys, triggers and the rest last (a trigger created earlier would
 * fire on the data still loading, a foreign key would check it row by row).
 */
export function schedule(
  tables: readonly TableInfo[],
  postData: readonly TocEntry[],
  { ownerOf, foreignKeyOf = () => undefined, buildCost = () => undefined }: PostDataCatalog,
): Schedule {
  const byOid = new Map(tables.map((t) => [t.oid, t]))
  const data = tables.filter((t) => t.hasData).sort((a, b) => b.bytes - a.bytes || a.oid - b.oid)
  const afterTable = new Map<number, TocEntry[]>(data.map((t) => [t.oid, []]))
  const immediate: TocEntry[] = []
  const last: TocEntry[] = []
  const foreignKeys: EarlyForeignKey[] = []
  const tableOf = new Map<number, TableInfo>()
  for (const entry of postData) {
    const key = entry.desc === 'FK CONSTRAINT' ? foreignKeyOf(entry.oid) : undefined
    const from = key && byOid.get(key.from)
    const to = key && byOid.get(key.to)
    // `foreignKeyOf` knows only keys between plain tables (see plainForeignKeys in db.ts).
    if (from?.hasData && to?.hasData) {
      foreignKeys.push({ entry, from, to })
      tableOf.set(entry.id, from)
      continue
    }
    const owner = PER_TABLE.has(entry.desc) ? ownerOf(entry.catalogOid, entry.oid) : undefined
    const table = owner === undefined ? undefined : byOid.get(owner)
    if (table) tableOf.set(entry.id, table)
    if (!table) last.push(entry)
    else if (table.hasData) afterTable.get(table.oid)?.push(entry)
    else immediate.push(entry)
  }
  // Longest first, so that the last build of a table does not run alone while the other jobs
  // wait: the order that keeps the end of a batch of tasks on a few workers shortest (LPT).
  const cost = (entry: TocEntry): number => buildCost(entry.catalogOid, entry.oid) ?? 0
  for (const entries of afterTable.values()) entries.sort((a, b) => cost(b) - cost(a))
  return { data, afterTable, immediate, foreignKeys, last, tableOf }
}

/**
 * The tables a copy holds back until its largest table is complete (its data in, its indexes
 * built), to copy them while that table's foreign keys are checked instead of beside its COPY
 * and its index builds. The keys of one table are checked
 * one at a time (ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on the table, which conflicts with
 * itself, https://www.postgresql.org/docs/current/explicit-locking.html), each a scan of the
 * whole table, so all but one job wait there; beside its COPY, the other jobs share the cores its
 * COPY out and COPY in run on. Held back: with two jobs or more, when the largest table has keys
 * to other tables, the smallest tables its keys do not need, as long as they add up to at most
 * 1/16 of its size per key (a key's check reads the table once, at a small part of the cost per
 * byte of copying it and building its indexes: 0.6 s per key against 9 s for the copy and
 * builds of the benchmark's 0.9 GiB table).
 */
export function heldBack(plan: Pick<Schedule, 'data' | 'foreignKeys'>, jobs: number): TableInfo[] {
  const [largest, ...rest] = plan.data
  if (!largest || jobs < 2) return []
  const keys = plan.foreignKeys.filter((k) => k.from.oid === largest.oid && k.to.oid !== largest.oid)
  const needed = new Set(keys.map((k) => k.to.oid))
  let budget = (largest.bytes * keys.length) / 16
  const held = new Set<number>()
  for (const table of rest
    .filter((t) => !needed.has(t.oid))
    .sort((a, b) => a.bytes - b.bytes || a.oid - b.oid)) {
    if (table.bytes > budget) break
    budget -= table.bytes
    held.add(table.oid)
  }
  // In the order of the copy, largest first.
  return rest.filter((t) => held.has(t.oid))
}

/**
 * How a log line names an index or constraint of `table`: `index orders_customer_idx of
 * shop.orders`. pg_restore's listing prints `<schema> <name> <owner>` for an index and
 * `<schema> <table> <name> <owner>` for a constraint, unquoted: the schema and table are known
 * and stripped, and so is the owner, the last word (a name holding a space keeps its first part
 * only when the owner holds one too; this is for the log alone).
 */
export function describePostData(entry: TocEntry, table: Pick<TableInfo, 'schema' | 'name'>): string {
  let rest = entry.rest
  const strip = (prefix: string): void => {
    if (rest.startsWith(`${prefix} `)) rest = rest.slice(prefix.length + 1)
  }
  strip(table.schema)
  if (entry.desc !== 'INDEX') strip(table.name)
  const at = rest.lastIndexOf(' ')
  const name = at > 0 ? rest.slice(0, at) : rest
  const kind = entry.desc === 'FK CONSTRAINT' ? 'foreign key' : entry.desc.toLowerCase()
  return `${kind} ${name} of ${displayName(table.schema, table.name)}`
}

/** Quotes a table for pg_dump's `-t`, so the name is matched literally. */
export function exactTablePattern(schema: string, name: string): string {
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`
  return `${q(schema)}.${q(name)}`
}

/**
 * A relation's name for messages and the `verification` output: each part as it is when it needs
 * no quotes (lower-case letters, digits, `_` and `$`, not starting with a digit), double-quoted
 * otherwise, so that no two relations print the same.
 */
export function displayName(schema: string, name: string): string {
  const part = (s: string): string => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`)
  return `${part(schema)}.${part(name)}`
}
