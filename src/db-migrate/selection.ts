import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { linkedController } from '../common/cancel'
import { UserError } from '../common/errors'
import { debugLogger } from '../common/log'
import { ProcessError, spawnProcess } from '../common/process'
import { USER_NAMESPACE, type CatalogTable, type Db } from './db'
import { INPUT, type Selection } from './inputs'
import { displayName, exactTablePattern, parseToc, type TocEntry } from './toc'
import { dumpToFile, listToc, selectionArgs, startDump, type ToolContext } from './tools'
import type { DatabaseUrl } from './url'

/**
 * What the selection inputs select, decided by pg_dump itself: every pattern goes to pg_dump
 * (in the source's snapshot) and db-migrate reads pg_dump's table of contents, so the plan, the
 * copy of every strategy and the verification see the same set by construction. Nothing here
 * reimplements pg_dump's pattern rules (https://www.postgresql.org/docs/current/app-pgdump.html,
 * "Patterns" in https://www.postgresql.org/docs/current/app-psql.html).
 */

export interface DumpJob {
  tools: ToolContext
  url: DatabaseUrl
  snapshot: string
  workDir: string
}

/** The pattern inputs behind pg_dump's `--table` and `--schema` switches of one run, to name the input a failing pattern came from. */
interface PatternInputs {
  table: Array<{ input: string; patterns: readonly string[] }>
  schema: Array<{ input: string; patterns: readonly string[] }>
}

const RELATION_DESCS = new Set(['TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'FOREIGN TABLE'])

/**
 * pg_dump's selection arguments for every dump of the run. `--strict-names` makes each pattern of
 * `schemas` and `tables` match something. A `tables` selection is widened to what the tables
 * need, which `--table` alone does not dump: their schemas (with the types, domains and
 * functions in them), their partitions and inheritance children, and their sequences. pg_dump
 * resolves the patterns first; the result is then written as `--schema` for each schema holding a
 * selected table and `--exclude-table` for every other relation of those schemas, all quoted so
 * they match exactly one name.
 */
export async function resolveSelection(db: Db, job: DumpJob, selection: Selection): Promise<string[]> {
  const strict = ['--strict-names', ...selectionArgs(selection)]
  const inputs: PatternInputs = {
    table: [{ input: INPUT.tables, patterns: selection.tables }],
    schema: [{ input: INPUT.schemas, patterns: selection.schemas }],
  }
  if (selection.tables.length === 0) return strict
  const picked = (await schemaToc(job, strict, inputs, 'selected'))
    .filter((e) => RELATION_DESCS.has(e.desc))
    .map((e) => e.oid)
  if (picked.length === 0) {
    throw new UserError(
      `The patterns of '${INPUT.tables}' match only tables that '${INPUT.excludeTables}' or '${INPUT.excludeSchemas}' leave out; nothing would be copied.`,
    )
  }
  const { rows } = await db.query<{ oid: number; schema: string; name: string; selected: boolean }>(
    `WITH RECURSIVE tree (oid) AS (
       SELECT unnest($1::oid[])
       UNION SELECT i.inhrelid FROM pg_inherits i JOIN tree ON i.inhparent = tree.oid
     ), wanted AS (
       SELECT oid FROM tree
       UNION SELECT d.objid FROM pg_depend d JOIN tree ON d.refobjid = tree.oid
        WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
     )
     SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.oid IN (SELECT oid FROM wanted) AS selected
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND c.relnamespace IN (SELECT relnamespace FROM pg_class WHERE oid IN (SELECT oid FROM wanted))
      ORDER BY 2, 3`,
    [picked],
  )
  const schemas = [...new Set(rows.filter((r) => r.selected).map((r) => r.schema))]
  return [
    '--strict-names',
    ...schemas.flatMap((s) => ['--schema', exactPattern(s)]),
    ...rows
      .filter((r) => !r.selected)
      .flatMap((r) => ['--exclude-table', exactTablePattern(r.schema, r.name)]),
    ...selection.excludeTables.flatMap((t) => ['--exclude-table', t]),
    ...selection.excludeTableData.flatMap((t) => ['--exclude-table-data', t]),
  ]
}

/** What the exclusion inputs match, as pg_dump resolves them: table OIDs and schema names. */
export interface Exclusions {
  tables: Set<number>
  tableData: Set<number>
  schemas: Set<string>
}

/**
 * Checks that every pattern of `exclude-schemas`, `exclude-tables` and `exclude-table-data`
 * matches something (pg_dump itself ignores an exclusion that matches nothing, which would
 * silently copy what a mistyped pattern meant to leave out), and returns what they match. Each
 * list is passed to pg_dump as `--schema` or `--table` with `--strict-names`, which match by the
 * same rules as the exclusion switches.
 */
export async function resolveExclusions(job: DumpJob, selection: Selection): Promise<Exclusions> {
  const result: Exclusions = { tables: new Set(), tableData: new Set(), schemas: new Set() }
  const tablesOf = async (input: string, patterns: readonly string[]): Promise<Set<number>> => {
    if (patterns.length === 0) return new Set()
    const toc = await schemaToc(
      job,
      ['--strict-names', ...patterns.flatMap((p) => ['--table', p])],
      { table: [{ input, patterns }], schema: [] },
      'patterns',
    )
    return new Set(toc.filter((e) => RELATION_DESCS.has(e.desc)).map((e) => e.oid))
  }
  result.tables = await tablesOf(INPUT.excludeTables, selection.excludeTables)
  result.tableData = await tablesOf(INPUT.excludeTableData, selection.excludeTableData)
  if (selection.excludeSchemas.length > 0) {
    const toc = await schemaToc(
      job,
      ['--strict-names', ...selection.excludeSchemas.flatMap((p) => ['--schema', p])],
      { table: [], schema: [{ input: INPUT.excludeSchemas, patterns: selection.excludeSchemas }] },
      'patterns',
    )
    for (const e of toc) if (e.desc === 'SCHEMA') result.schemas.add(schemaOfEntry(e))
  }
  return result
}

/** A SCHEMA entry's rest is `- <name> <owner>`; the owner is one word, the name may hold spaces. */
function schemaOfEntry(entry: TocEntry): string {
  return entry.rest.replace(/^- /, '').replace(/ \S*$/, '')
}

/** Runs a schema-only pg_dump in the snapshot and returns its table of contents; a pattern that fails names its input. */
async function schemaToc(
  job: DumpJob,
  args: string[],
  inputs: PatternInputs,
  name: string,
): Promise<TocEntry[]> {
  const file = join(job.workDir, `${name}.dump`)
  try {
    await dumpSchema(job, file, args, inputs)
    return parseToc(await listToc(job.tools, file))
  } finally {
    rmSync(file, { force: true })
  }
}

/** The schema-only custom-format dump of `args` in the snapshot, to `file`. */
export async function dumpSchema(
  job: DumpJob,
  file: string,
  args: string[],
  inputs: PatternInputs = { table: [], schema: [] },
): Promise<void> {
  try {
    await dumpToFile(job.tools, job.url, [
      `--snapshot=${job.snapshot}`,
      '--schema-only',
      '--format=custom',
      `--file=${file}`,
      ...args,
    ])
  } catch (error) {
    throw patternError(error, inputs) ?? error
  }
}

/** The pattern inputs of the main selection, for `dumpSchema`'s messages. */
export function selectionInputs(selection: Selection): PatternInputs {
  return {
    table: [{ input: INPUT.tables, patterns: selection.tables }],
    schema: [{ input: INPUT.schemas, patterns: selection.schemas }],
  }
}

/** pg_dump's complaint about a pattern, as one sentence naming the input; undefined for any other failure. */
export function patternError(error: unknown, inputs: PatternInputs): UserError | undefined {
  if (!(error instanceof ProcessError)) return undefined
  const text = error.result.stderrTail.join('\n')
  const inputOf = (kind: 'table' | 'schema', pattern: string): string =>
    inputs[kind].find((i) => i.patterns.includes(pattern))?.input ??
    inputs[kind].map((i) => i.input).join("' or '")
  const unmatched = /no matching (tables|schemas) were found for pattern "(.*)"/.exec(text)
  if (unmatched) {
    const kind = unmatched[1] === 'tables' ? 'table' : 'schema'
    const pattern = unmatched[2]
    return new UserError(
      `Input '${inputOf(kind, pattern)}' holds the pattern "${pattern}", which matches no ${kind} of the source database; every pattern must match (patterns follow pg_dump's rules: unquoted letters fold to lower case, * and ? are wildcards, a dot separates schema and name, double quotes keep a name as written).`,
    )
  }
  const dotted =
    /(?:improper qualified name \(too many dotted names\)|cross-database references are not implemented): (.*)$/m.exec(
      text,
    )
  if (dotted) {
    const pattern = dotted[1].trim()
    const input = inputOf('table', pattern)
    return new UserError(
      `Input '${input || inputOf('schema', pattern)}' holds the pattern "${pattern}", which has too many dotted parts; write schema.table.`,
    )
  }
  const regex = /invalid regular expression: (.*)$/m.exec(text)
  if (regex) {
    const given = [...inputs.table, ...inputs.schema].filter((i) => i.patterns.length > 0)
    return new UserError(
      `A pattern in ${given.map((i) => `'${i.input}'`).join(', ')} is not a valid pattern (${regex[1].trim()}); characters such as ( ) | [ ] are regular-expression syntax in pg_dump patterns, so double-quote a name that contains them.`,
    )
  }
  return undefined
}

const exactPattern = (name: string): string => `"${name.replace(/"/g, '""')}"`

/**
 * The table of contents of the full dump of `args`, data entries included, without dumping the
 * data: a custom-format archive written to a pipe carries its table of contents before any data
 * (pg_backup_custom.c writes the header and TOC, then the data blocks), so pg_restore --list reads
 * it from pg_dump's stdout, and pg_dump is stopped as soon as the list is complete.
 */
export async function dataToc(job: DumpJob, args: string[]): Promise<TocEntry[]> {
  const abort = linkedController(job.tools.signal)
  const dump = startDump({ ...job.tools, signal: abort.signal }, job.url, [
    `--snapshot=${job.snapshot}`,
    '--format=custom',
    '--compress=0',
    ...args,
  ])
  const lines: string[] = []
  try {
    const listed = await spawnProcess(job.tools.client.pgRestore, ['--list'], {
      stdin: dump.stdout,
      signal: job.tools.signal,
      timeoutMs: job.tools.timeoutMs,
      logger: debugLogger(job.tools.logger),
      onStdoutLine: (line) => lines.push(line),
      onStderrLine: (line) => job.tools.logger.debug(line),
    }).done
    abort.abort(new Error('the table of contents has been read'))
    const dumped = await dump.done
    if (listed.exitCode !== 0) {
      throw new ProcessError(dumped.exitCode !== 0 && !dumped.cancelled ? dumped : listed)
    }
    return parseToc(lines.join('\n'))
  } finally {
    abort.abort(new Error('the table of contents has been read'))
    abort.dispose()
  }
}

/** A relation of the source catalog, extension members included. */
export interface SourceRelation extends CatalogTable {
  rowSecurity: boolean
  owner: string
  /** Set for an extension's configuration table or sequence: the extension's OID and its condition. */
  extension?: number
  condition?: string
  /** Direct parents (partitioned tables, inheritance). */
  parents: number[]
}

export async function sourceRelations(db: Db): Promise<Map<number, SourceRelation>> {
  const { rows } = await db.query<{
    oid: number
    schema: string
    name: string
    relkind: string
    bytes: string
    estimate: string
    row_security: boolean
    owner: string
    extension: number | null
    condition: string | null
    parents: number[]
  }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            pg_table_size(c.oid) AS bytes, greatest(c.reltuples, 0)::bigint AS estimate,
            c.relrowsecurity AS row_security, pg_get_userbyid(c.relowner) AS owner,
            cfg.extension, cfg.condition,
            ARRAY(SELECT i.inhparent::int FROM pg_inherits i WHERE i.inhrelid = c.oid) AS parents
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN LATERAL (
         SELECT e.oid::int AS extension, x.condition FROM pg_extension e,
                unnest(e.extconfig, e.extcondition) AS x (config, condition)
          WHERE x.config = c.oid LIMIT 1
       ) cfg ON true
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_NAMESPACE}`,
  )
  return new Map(
    rows.map((r) => [
      r.oid,
      {
        oid: r.oid,
        schema: r.schema,
        name: r.name,
        relkind: r.relkind,
        bytes: Number(r.bytes),
        estimatedRows: Number(r.estimate),
        rowSecurity: r.row_security,
        owner: r.owner,
        extension: r.extension ?? undefined,
        condition: r.condition ?? undefined,
        parents: r.parents,
      },
    ]),
  )
}

/**
 * Proves, before anything is written, that the tables whose data the dump holds (which are the
 * tables verified) are all the tables the selection holds: every ordinary table of the dump and
 * every partition or child under a table of the dump, but those whose data pg_dump was told to
 * leave out. A table missing here would be neither copied nor verified.
 */
export function checkCoverage(
  preData: readonly TocEntry[],
  dataTables: ReadonlySet<number>,
  catalog: ReadonlyMap<number, SourceRelation>,
  excluded: Exclusions,
): void {
  const children = new Map<number, number[]>()
  for (const rel of catalog.values()) {
    for (const parent of rel.parents) children.set(parent, [...(children.get(parent) ?? []), rel.oid])
  }
  const scope = new Set<number>()
  const visit = (oid: number): void => {
    const rel = catalog.get(oid)
    if (!rel || scope.has(oid)) return
    if (excluded.tables.has(oid) || excluded.schemas.has(rel.schema)) return
    scope.add(oid)
    for (const child of children.get(oid) ?? []) visit(child)
  }
  for (const e of preData) if (e.desc === 'TABLE') visit(e.oid)
  const uncovered = [...scope]
    .map((oid) => catalog.get(oid) as SourceRelation)
    .filter((rel) => rel.relkind === 'r' && !dataTables.has(rel.oid) && !excluded.tableData.has(rel.oid))
    .map((rel) => displayName(rel.schema, rel.name))
    .sort()
  if (uncovered.length > 0) {
    throw new Error(
      `The selection holds ${uncovered.length === 1 ? 'a table' : `${uncovered.length} tables`} whose data the dump would leave out, unverified (${uncovered.slice(0, 5).join(', ')}${uncovered.length > 5 ? ', ...' : ''}); nothing was written.`,
    )
  }
}

/**
 * Refuses, before anything is written, a copy whose verification could not count every row of a
 * table with row-level security on the target: with row_security off a policy that applies makes
 * the count fail, so the target user must bypass policies (superuser, BYPASSRLS) or hold the
 * privileges of the table's owner there (then FORCE ROW LEVEL SECURITY is lifted for the count).
 * The owner on the target is the target user, unless ownership is carried: not with `no-owner`,
 * and only to a role that exists there and that the target user is a member of.
 */
export async function checkRowSecurity(
  target: Db,
  tables: ReadonlyArray<{ schema: string; name: string; rowSecurity?: boolean; owner?: string }>,
  noOwner: boolean,
): Promise<void> {
  const guarded = tables.filter((t) => t.rowSecurity)
  if (guarded.length === 0 || noOwner) return
  const { rows } = await target.query<{
    bypass: boolean
    superuser: boolean
    owner: string | null
    member: boolean
    usage: boolean
  }>(
    `SELECT me.rolsuper OR me.rolbypassrls AS bypass, me.rolsuper AS superuser, r.rolname AS owner,
            coalesce(pg_has_role(r.oid, 'MEMBER'), false) AS member, coalesce(pg_has_role(r.oid, 'USAGE'), false) AS usage
       FROM pg_roles me LEFT JOIN pg_roles r ON r.rolname = ANY ($1::text[])
      WHERE me.rolname = current_user`,
    [[...new Set(guarded.map((t) => t.owner ?? ''))]],
  )
  if (rows[0]?.bypass) return
  const owners = new Map(rows.filter((r) => r.owner !== null).map((r) => [r.owner as string, r]))
  const blocked = guarded.filter((t) => {
    const owner = owners.get(t.owner ?? '')
    const carried = owner !== undefined && (owner.superuser || owner.member)
    return carried && !owner.usage
  })
  if (blocked.length === 0) return
  const names = blocked.map((t) => displayName(t.schema, t.name))
  const roles = [...new Set(blocked.map((t) => t.owner))].join(', ')
  throw new UserError(
    `Verification could not count every row of ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''} on the target: row-level security is enabled, the table keeps its owner (${roles}), and the target user neither bypasses row-level security (superuser or BYPASSRLS) nor inherits the owner's privileges; grant it one of those, set 'no-owner: true' so that it owns the restored tables, or set 'verify: none'.`,
  )
}
