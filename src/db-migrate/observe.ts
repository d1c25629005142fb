import { statfsSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../common/log'
import { chooseClient, discoverClients, serverMajor, type ClientPair } from './clients'
import {
  availableExtensions,
  catalogTables,
  close,
  connect,
  exportSnapshot,
  installedExtensions,
  largeObjectCount,
  postDataOwners,
  sequenceValues,
  serverInfo,
  userObjects,
  type Db,
  type SequenceValue,
  type CatalogTable,
} from './db'
import type { Inputs } from './inputs'
import type { SourceFacts, TargetFacts } from './plan'
import { namePatternMatcher, parseToc, schedule, type Schedule, type TableInfo, type TocEntry } from './toc'
import { dumpToFile, listToc, selectionArgs, type ToolContext } from './tools'
import type { DatabaseUrl } from './url'

/** The source, read in one exported snapshot that stays open until the copy and its counts are done. */
export interface SourceState {
  db: Db
  snapshot: string
  facts: SourceFacts
  schemaFile: string
  preData: TocEntry[]
  tables: TableInfo[]
  schedule: Schedule
  /** Sequence values read in the snapshot, for the sequences the dump holds. */
  sequences: SequenceValue[]
  /** Schemas whose views and functions verification counts (undefined when only some tables are copied). */
  schemas?: string[]
}

export interface TargetState {
  facts: TargetFacts
  superuser: boolean
}

export async function connectBoth(
  inputs: Inputs,
  logger: Logger,
  signal: AbortSignal,
): Promise<{ source?: Db; target?: Db }> {
  const [source, target] = await Promise.allSettled([
    inputs.source ? connect(inputs.source, { logger, signal }) : Promise.resolve(undefined),
    inputs.target ? connect(inputs.target, { logger, signal }) : Promise.resolve(undefined),
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
  const schemaFile = join(workDir, 'schema.dump')
  await dumpToFile(tools, url, [
    `--snapshot=${snapshot}`,
    '--schema-only',
    '--format=custom',
    `--file=${schemaFile}`,
    ...selectionArgs(inputs.selection),
  ])
  const preData = parseToc(await listToc(tools, schemaFile, 'pre-data'))
  const postData = parseToc(await listToc(tools, schemaFile, 'post-data'))
  const catalog = await catalogTables(db)
  const tables = tablesOfDump(preData, catalog, inputs.selection.excludeTableData)
  const owners = await postDataOwners(db)
  const dumped = new Set(preData.map((e) => e.oid))
  const extensions = (await installedExtensions(db)).filter((e) => dumped.has(e.oid))
  const sequences = (await sequenceValues(db)).filter((s) => s.oid !== undefined && dumped.has(s.oid))
  const dataBytes = tables.filter((t) => t.hasData).reduce((sum, t) => sum + t.bytes, 0)
  return {
    db,
    snapshot,
    schemaFile,
    preData,
    tables,
    sequences,
    schedule: schedule(tables, postData, (catalogOid, oid) => owners.get(`${catalogOid}:${oid}`)),
    schemas: inputs.selection.tables.length > 0 ? undefined : schemasOf(preData),
    facts: {
      display: url.display,
      version: info.version,
      major: serverMajor(info.versionNum),
      databaseBytes: info.databaseBytes,
      extensions: extensions.map(({ name, version }) => ({ name, version })),
      allTables: catalog.filter((t) => t.relkind !== 'f').length,
      selectedTables: tables.length,
      dataBytes,
      largeObjects: await largeObjectCount(db),
    },
  }
}

/** The dump's tables (its TABLE entries) with their catalog facts; partitioned parents hold no data. */
export function tablesOfDump(
  preData: readonly TocEntry[],
  catalog: readonly CatalogTable[],
  excludeTableData: readonly string[],
): TableInfo[] {
  const byOid = new Map(catalog.map((t) => [t.oid, t]))
  const excluded = excludeTableData.map(namePatternMatcher)
  const tables: TableInfo[] = []
  for (const entry of preData) {
    const table = entry.desc === 'TABLE' ? byOid.get(entry.oid) : undefined
    if (!table) continue
    const dataExcluded = excluded.some((matches) => matches(table.schema, table.name))
    tables.push({
      oid: table.oid,
      schema: table.schema,
      name: table.name,
      bytes: table.bytes,
      estimatedRows: table.estimatedRows,
      hasData: table.relkind === 'r' && !dataExcluded,
    })
  }
  return tables
}

const SCHEMA_OBJECTS = new Set([
  'TABLE',
  'VIEW',
  'MATERIALIZED VIEW',
  'FUNCTION',
  'PROCEDURE',
  'SEQUENCE',
  'TYPE',
  'DOMAIN',
  'AGGREGATE',
])

/** The schemas the dump writes objects into (the first word of an entry's rest is its schema). */
function schemasOf(entries: readonly TocEntry[]): string[] {
  const schemas = new Set<string>()
  for (const e of entries) if (SCHEMA_OBJECTS.has(e.desc)) schemas.add(e.rest.split(' ')[0])
  for (const e of entries) if (e.desc === 'SCHEMA') schemas.add(e.rest.split(' ')[1])
  return [...schemas].filter((s) => s !== undefined && s !== '-')
}

export async function observeTarget(db: Db, url: DatabaseUrl): Promise<TargetState> {
  const info = await serverInfo(db)
  const objects = await userObjects(db)
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
