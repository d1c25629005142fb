import { statfsSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../common/log'
import { chooseClient, discoverClients, serverMajor, type ClientPair } from './clients'
import {
  availableExtensions,
  close,
  connect,
  exportSnapshot,
  installedExtensions,
  largeObjectCount,
  plainForeignKeys,
  postDataOwners,
  serverInfo,
  userObjects,
  type Db,
  type SequenceValue,
} from './db'
import type { CopyInputs, Inputs } from './inputs'
import type { SourceFacts, TargetFacts } from './plan'
import {
  checkCoverage,
  dataToc,
  dumpSchema,
  resolveExclusions,
  resolveSelection,
  selectionInputs,
  sourceRelations,
  type DumpJob,
  type SourceRelation,
} from './selection'
import { choosePartitionRoutes, unstablePartitioning } from './partitions'
import { displayName, parseToc, schedule, type Schedule, type TableInfo, type TocEntry } from './toc'
import { listToc, type ToolContext } from './tools'
import { readSequences, RELATION_KINDS, type Relation } from './verify'
import type { DatabaseUrl } from './url'

/** The source, read in one exported snapshot that stays open until the copy and its counts are done. */
export interface SourceState {
  db: Db
  snapshot: string
  facts: SourceFacts
  schemaFile: string
  /** pg_dump's selection arguments, resolved in pre-flight (see selection.ts): every dump of the run uses exactly these. */
  dumpArgs: string[]
  preData: TocEntry[]
  tables: TableInfo[]
  /** The relations the dump creates, each of which verification looks for on the target. */
  relations: Relation[]
  schedule: Schedule
  /** The source database's encoding, which the copy uses as client encoding on both sides. */
  encoding: string
  /** Sequence values read in the snapshot, for the sequences the dump holds. */
  sequences: SequenceValue[]
  /** Schemas whose views and functions verification counts (undefined when only some tables are copied). */
  schemas?: string[]
}

/** What pre-flight found on the target (not to be confused with `TargetState`, what a run leaves it as). */
export interface ObservedTarget {
  facts: TargetFacts
  superuser: boolean
}

/** Connects to both servers at once; when either fails, the other connection is closed. */
export async function connectBoth(
  inputs: CopyInputs,
  logger: Logger,
  signal: AbortSignal,
): Promise<{ source: Db; target: Db }> {
  const [source, target] = await Promise.allSettled([
    connect(inputs.source, { logger, signal }),
    connect(inputs.target, { logger, signal }),
  ])
  if (source.status === 'rejected' || target.status === 'rejected') {
    if (source.status === 'fulfilled') await close(source.value)
    if (target.status === 'fulfilled') await close(target.value)
    throw source.status === 'rejected' ? source.reason : (target as PromiseRejectedResult).reason
  }
  return { source: source.value, target: target.value }
}

/** The newest pg_dump / pg_restore pair able to read the source (or the newest at all for a restore). */
export async function findClient(sourceVersionNum: number | undefined, logger: Logger): Promise<ClientPair> {
  const pairs = await discoverClients()
  const client = chooseClient(pairs, sourceVersionNum === undefined ? 0 : serverMajor(sourceVersionNum))
  logger.info(`Using pg_dump and pg_restore ${client.version} from ${client.dir}`)
  return client
}

export async function observeSource(
  db: Db,
  url: DatabaseUrl,
  inputs: Inputs,
  tools: ToolContext,
  workDir: string,
): Promise<SourceState> {
  const snapshot = await exportSnapshot(db)
  tools.logger.info(`Reading ${url.display} in exported snapshot ${snapshot}`)
  const info = await serverInfo(db)
  const job: DumpJob = { tools, url, snapshot, workDir }
  const excluded = await resolveExclusions(job, inputs.selection)
  const dumpArgs = await resolveSelection(db, job, inputs.selection)
  const schemaFile = join(workDir, 'schema.dump')
  // The schema dump and the full dump's table of contents are two pg_dump runs in the same
  // snapshot: they run side by side. The schema dump's failure is the one reported (it names a
  // pattern that matched nothing, which the other fails on too).
  const [schema, toc] = await Promise.allSettled([
    dumpSchema(job, schemaFile, dumpArgs, selectionInputs(inputs.selection)),
    dataToc(job, [...dumpArgs]),
  ])
  if (schema.status === 'rejected') throw schema.reason
  if (toc.status === 'rejected') throw toc.reason
  const full = toc.value
  const [preData, postData] = (
    await Promise.all([listToc(tools, schemaFile, 'pre-data'), listToc(tools, schemaFile, 'post-data')])
  ).map(parseToc)
  const dataTables = new Set(full.filter((e) => e.desc === 'TABLE DATA').map((e) => e.oid))
  const catalog = await sourceRelations(db)
  checkCoverage(preData, dataTables, catalog, excluded)
  const tables = tablesOfDump(preData, dataTables, catalog)
  // Partitions whose rows may belong elsewhere on the target are loaded through their root, by
  // the direct copy and by pg_dump's archives alike (see partitions.ts).
  if (choosePartitionRoutes(tables, catalog, await unstablePartitioning(db))) {
    dumpArgs.push('--load-via-partition-root')
    const routed = tables.filter((t) => t.viaRoot)
    tools.logger.info(
      `Loading ${routed.length} partitions through their partition root, where the target routes each row: ${routed
        .slice(0, 5)
        .map((t) => displayName(t.schema, t.name))
        .join(', ')}${routed.length > 5 ? ', ...' : ''}`,
    )
  }
  const owners = await postDataOwners(db)
  const foreignKeys = await plainForeignKeys(db)
  const dumped = new Set(preData.map((e) => e.oid))
  const extensions = (await installedExtensions(db)).filter((e) => dumped.has(e.oid))
  const relations = relationsOfDump(preData, tables, catalog, dumped)
  const wantedSequences = new Set(relations.filter((r) => r.kind === 'sequence').map((r) => r.oid))
  const sequences = (await readSequences(db)).filter((s) => s.oid !== undefined && wantedSequences.has(s.oid))
  const withData = tables.filter((t) => t.hasData)
  const dataBytes = withData.reduce((sum, t) => sum + t.bytes, 0)
  return {
    db,
    snapshot,
    schemaFile,
    dumpArgs,
    preData,
    tables,
    relations: relations.map(({ schema, name, kind }) => ({ schema, name, kind })),
    sequences,
    encoding: info.encoding,
    schedule: schedule(tables, postData, {
      ownerOf: (catalogOid, oid) => owners.get(`${catalogOid}:${oid}`)?.owner,
      foreignKeyOf: (oid) => foreignKeys.get(oid),
      buildCost: (catalogOid, oid) => owners.get(`${catalogOid}:${oid}`)?.cost,
    }),
    schemas: inputs.selection.tables.length > 0 ? undefined : await schemasOf(db, preData),
    facts: {
      display: url.display,
      version: info.version,
      major: serverMajor(info.versionNum),
      databaseBytes: info.databaseBytes,
      extensions: extensions.map(({ name, version }) => ({ name, version })),
      allTables: [...catalog.values()].filter((t) => t.relkind === 'r').length,
      selectedTables: tables.length,
      tables: withData.length,
      dataBytes,
      largestTableBytes: withData.reduce((most, t) => Math.max(most, t.bytes), 0),
      largeObjects: await largeObjectCount(db),
    },
  }
}

/**
 * The dump's tables: its TABLE entries, and the configuration tables of extensions whose data it
 * holds (CREATE EXTENSION creates those). A table has data when pg_dump's table of contents holds
 * its TABLE DATA entry: pg_dump, not db-migrate, applies `exclude-table-data`.
 */
export function tablesOfDump(
  preData: readonly TocEntry[],
  dataTables: ReadonlySet<number>,
  catalog: ReadonlyMap<number, SourceRelation>,
): TableInfo[] {
  const tables: TableInfo[] = []
  const seen = new Set<number>()
  const add = (rel: SourceRelation, extension: boolean): void => {
    seen.add(rel.oid)
    tables.push({
      oid: rel.oid,
      schema: rel.schema,
      name: rel.name,
      bytes: rel.bytes,
      estimatedRows: rel.estimatedRows,
      hasData: rel.relkind === 'r' && dataTables.has(rel.oid),
      ...(extension ? { extension: true } : {}),
      ...(extension && rel.condition ? { filter: rel.condition } : {}),
      ...(rel.rowSecurity ? { rowSecurity: true, owner: rel.owner } : {}),
    })
  }
  for (const entry of preData) {
    const rel = entry.desc === 'TABLE' ? catalog.get(entry.oid) : undefined
    if (rel && (rel.relkind === 'r' || rel.relkind === 'p')) add(rel, false)
  }
  for (const oid of dataTables) {
    const rel = catalog.get(oid)
    if (rel && !seen.has(oid) && rel.relkind === 'r' && rel.extension !== undefined) add(rel, true)
  }
  return tables
}

type DumpedRelation = Relation & { oid: number }

/** The relations the dump creates (its relation entries), with the configuration tables and sequences of the extensions it creates. */
function relationsOfDump(
  preData: readonly TocEntry[],
  tables: readonly TableInfo[],
  catalog: ReadonlyMap<number, SourceRelation>,
  dumped: ReadonlySet<number>,
): DumpedRelation[] {
  const found = new Map<number, DumpedRelation>()
  const add = (rel: SourceRelation | undefined): void => {
    const kind = rel && RELATION_KINDS[rel.relkind]
    if (rel && kind) found.set(rel.oid, { oid: rel.oid, schema: rel.schema, name: rel.name, kind })
  }
  for (const e of preData) if (RELATION_DESCS.has(e.desc)) add(catalog.get(e.oid))
  for (const t of tables) if (t.extension) add(catalog.get(t.oid))
  for (const rel of catalog.values()) {
    if (rel.relkind === 'S' && rel.extension !== undefined && dumped.has(rel.extension)) add(rel)
  }
  return [...found.values()]
}

const RELATION_DESCS = new Set(['TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'FOREIGN TABLE'])

/** The schemas the dump creates or writes objects into, read from the catalog by the entries' OIDs (names may hold any character). */
async function schemasOf(db: Db, entries: readonly TocEntry[]): Promise<string[]> {
  const oids = (catalogOid: number): number[] =>
    entries.filter((e) => e.catalogOid === catalogOid).map((e) => e.oid)
  const { rows } = await db.query<{ name: string }>(
    `SELECT DISTINCT n.nspname AS name FROM pg_namespace n
      WHERE n.oid = ANY ($1::oid[])
         OR n.oid IN (SELECT relnamespace FROM pg_class WHERE oid = ANY ($2::oid[]))
         OR n.oid IN (SELECT pronamespace FROM pg_proc WHERE oid = ANY ($3::oid[]))
         OR n.oid IN (SELECT typnamespace FROM pg_type WHERE oid = ANY ($4::oid[]))
      ORDER BY 1`,
    [oids(2615), oids(1259), oids(1255), oids(1247)],
  )
  return rows.map((r) => r.name)
}

/** `extensions`: extensions the restore creates anyway, which do not make the target non-empty. */
export async function observeTarget(
  db: Db,
  url: DatabaseUrl,
  extensions: readonly string[] = [],
): Promise<ObservedTarget> {
  const info = await serverInfo(db)
  const objects = await userObjects(db, extensions)
  return {
    superuser: info.superuser,
    facts: {
      display: url.display,
      database: url.database,
      version: info.version,
      major: serverMajor(info.versionNum),
      objects: objects.slice(0, 3),
      objectCount: objects.length,
      availableExtensions: await availableExtensions(db),
      canCreateDatabase: info.canCreateDatabase,
      maintenanceWorkMem: info.maintenanceWorkMem,
      tempFileLimit: info.tempFileLimit,
      encoding: info.encoding,
      walLevel: info.walLevel,
    },
  }
}

/** Free bytes on the volume holding `dir`, if the platform says. */
export function freeDisk(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir)
    return stats.bavail * stats.bsize
  } catch {
    return undefined
  }
}
