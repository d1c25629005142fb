import { UserError } from '../common/errors'
import { count } from '../common/plural'
import type { Mode, Strategy, VerifyLevel } from './inputs'

/** What observation found, the only input of the plan besides the inputs. */
export interface SourceFacts {
  display: string
  version: string
  major: number
  databaseBytes: number
  /** Extensions the dump will create (name and version). */
  extensions: Array<{ name: string; version: string }>
  /**
   * Tables of the whole source database, before any selection, counted as `tables` is: ordinary
   * tables and partitions, not partitioned tables (absent from older manifests' meaning: these
   * counted partitioned tables too).
   */
  allTables: number
  /** The dump's table entries, partitioned tables included: only for the refusal of an empty selection. */
  selectedTables: number
  /**
   * The tables of every count db-migrate prints or outputs (plan, log, outputs, summary): the
   * tables whose data is copied. Each partition is a table of its own; a partitioned table holds
   * no rows of its own and is not one (its tree is verified as a whole besides); a table whose rows
   * `exclude-table-data` leaves out is not one either (its definition is still copied); an
   * extension's configuration table whose rows the dump holds is one. Absent from older manifests.
   */
  tables?: number
  /** The bytes of those tables' data. */
  dataBytes: number
  /** The bytes of the largest of them (absent from older manifests). */
  largestTableBytes?: number
  largeObjects: number
}

export interface TargetFacts {
  display: string
  database: string
  version: string
  major: number
  /** User objects found in the target database (`table public.orders`...), at most a few. */
  objects: string[]
  objectCount: number
  availableExtensions: string[]
  canCreateDatabase: boolean
  /** `maintenance_work_mem` of the target's sessions, in bytes. */
  maintenanceWorkMem: number
  /** `temp_file_limit` of the target's sessions, in bytes; -1 for none. */
  tempFileLimit: number
  encoding: string
  /** `wal_level`, which decides whether the copy splits its largest tables (see copy.ts). */
  walLevel: string
}

export interface Facts {
  mode: Mode
  strategy: Strategy
  clean: boolean
  verify: VerifyLevel
  jobs: number
  source?: SourceFacts
  target?: TargetFacts
  /** Free bytes where a dump file would be written (backup), if known. */
  freeDiskBytes?: number
  /** What the dump's manifest recorded (restore): only its checksums can be checked again. */
  manifestLevel?: VerifyLevel
  clientVersion: string
  /** `YYYYMMDDHHMMSS`, for the names swap gives databases. */
  stamp: string
}

export type ResolvedStrategy = Exclude<Strategy, 'auto'>

export interface Plan {
  mode: Mode
  /** How the target is written (copy and restore only). */
  strategy?: ResolvedStrategy
  /** Swap: the database restored beside the target, and the name the old one keeps. */
  incomingDatabase?: string
  previousDatabase?: string
  /** One line per step, in order, for the log and the dry run. */
  steps: string[]
  warnings: string[]
}

/** Decides every change, or refuses with one sentence. Pure: no I/O. */
export function plan(facts: Facts): Plan {
  const warnings: string[] = []
  if (facts.source) checkSource(facts, facts.source, warnings)
  if (facts.mode === 'backup') return { mode: 'backup', steps: backupSteps(facts), warnings }
  const target = facts.target as TargetFacts
  if (facts.source) checkExtensions(facts.source, target)
  if (facts.source && target.major < facts.source.major) {
    warnings.push(
      `The target runs PostgreSQL ${target.major}, older than the source's ${facts.source.major}; objects using newer features may fail to restore.`,
    )
  }
  const strategy = chooseStrategy(facts, target)
  const result: Plan = { mode: facts.mode, strategy, steps: [], warnings }
  if (strategy === 'swap') {
    result.incomingDatabase = truncateName(`${target.database}_incoming_${facts.stamp}`)
    result.previousDatabase = truncateName(`${target.database}_previous_${facts.stamp}`)
  }
  result.steps = writeSteps(facts, result)
  return result
}

function checkSource(facts: Facts, source: SourceFacts, warnings: string[]): void {
  if (source.allTables > 0 && source.selectedTables === 0) {
    throw new UserError(
      `The selection matches none of the source's ${source.allTables} tables; check 'schemas', 'exclude-schemas', 'tables' and 'exclude-tables'.`,
    )
  }
  if (facts.mode === 'copy' && source.largeObjects > 0) {
    throw new UserError(
      `The source holds ${source.largeObjects} large objects, which mode 'copy' does not move; use mode 'backup' then mode 'restore' for this database.`,
    )
  }
  if (facts.mode === 'backup' && facts.freeDiskBytes !== undefined) {
    // A compressed dump of ordinary data takes a third of the data or less; refuse only when even that cannot fit.
    if (facts.freeDiskBytes < source.dataBytes / 3) {
      throw new UserError(
        `The runner has ${formatBytes(facts.freeDiskBytes)} free but the dump of ${formatBytes(source.dataBytes)} of table data needs about ${formatBytes(source.dataBytes / 3)}; free disk space or write 'dump-file' to a larger volume.`,
      )
    }
    if (facts.freeDiskBytes < source.dataBytes) {
      warnings.push(
        `The runner has ${formatBytes(facts.freeDiskBytes)} free, less than the ${formatBytes(source.dataBytes)} of table data; the dump fits only if it compresses well.`,
      )
    }
  }
}

function checkExtensions(source: SourceFacts, target: TargetFacts): void {
  const available = new Set(target.availableExtensions)
  const missing = source.extensions.filter((e) => !available.has(e.name)).map((e) => `${e.name} ${e.version}`)
  if (missing.length > 0) {
    throw new UserError(
      `The source uses ${missing.length === 1 ? 'an extension' : 'extensions'} the target server does not offer (${missing.join(', ')}); install ${missing.length === 1 ? 'it' : 'them'} on the target server (pg_available_extensions) before migrating.`,
    )
  }
}

function describeTarget(target: TargetFacts): string {
  const more =
    target.objectCount > target.objects.length
      ? ` and ${target.objectCount - target.objects.length} more`
      : ''
  return `The target database ${target.database} is not empty (${target.objects.join(', ')}${more})`
}

/** The strategy the inputs ask for, checked against the target; `auto` picks the fastest safe one. */
export function chooseStrategy(
  facts: Pick<Facts, 'strategy' | 'clean'>,
  target: TargetFacts,
): ResolvedStrategy {
  const empty = target.objectCount === 0
  const strategy: ResolvedStrategy =
    facts.strategy === 'auto' ? (empty || !facts.clean ? 'direct' : 'transaction') : facts.strategy
  if (strategy === 'direct' && !empty) {
    const hint = facts.clean
      ? "use 'strategy: transaction' or 'strategy: swap' to replace it"
      : "set 'clean: true' to replace its objects in one transaction, or 'strategy: swap' to restore beside it and swap it in"
    throw new UserError(`${describeTarget(target)}; ${hint}.`)
  }
  if (strategy === 'transaction' && !empty && !facts.clean) {
    throw new UserError(
      `${describeTarget(target)}; set 'clean: true' to replace its objects, or use 'strategy: swap'.`,
    )
  }
  if (strategy === 'swap' && !target.canCreateDatabase) {
    throw new UserError(
      `Strategy 'swap' restores into a new database beside ${target.database}, but the target user may not create databases; grant it CREATEDB or use 'strategy: transaction'.`,
    )
  }
  return strategy
}

function backupSteps(facts: Facts): string[] {
  return [
    `read ${facts.source?.display} in one exported snapshot`,
    `dump the data of ${count(tablesOf(facts.source), 'table')} (${formatBytes(facts.source?.dataBytes ?? 0)}) with pg_dump ${facts.clientVersion} in custom format`,
    ...(facts.verify === 'none' ? [] : [`record per-table ${facts.verify} in a manifest beside the dump`]),
  ]
}

function writeSteps(facts: Facts, result: Plan): string[] {
  const target = facts.target as TargetFacts
  const into =
    result.strategy === 'swap' ? `new database ${result.incomingDatabase}` : `database ${target.database}`
  const from = facts.mode === 'copy' ? `${facts.source?.display} (one exported snapshot)` : 'the dump'
  const steps: string[] = []
  if (result.strategy === 'swap') steps.push(`create ${into} on the target server`)
  if (result.strategy === 'transaction') {
    steps.push(
      `restore ${from} into ${into} in a single transaction${facts.clean ? ', replacing existing objects' : ''}`,
    )
  } else if (facts.mode === 'restore') {
    steps.push(
      `restore the dump into ${into} with pg_restore, ${count(facts.jobs, 'job')}${restoreMemoryNote(facts.source, target)}`,
    )
  } else {
    steps.push(`restore the schema of ${from} into ${into}`)
    steps.push(
      `copy the data of ${count(tablesOf(facts.source), 'table')} largest first with ${count(facts.jobs, 'job')}, building each table's indexes as soon as its data lands${copyMemoryNote(target, facts.source?.largestTableBytes ?? 0)}`,
    )
    steps.push('create foreign keys, triggers and the rest of post-data last; set sequences')
  }
  const countsOnly = facts.mode === 'restore' && facts.manifestLevel !== 'checksums'
  const checks = `${facts.verify !== 'checksums' ? 'row counts' : countsOnly ? 'row counts (the manifest holds no checksums)' : 'row counts and checksums'}, sequences and object counts`
  if (facts.verify === 'none') steps.push('no verification (verify: none)')
  else if (facts.mode !== 'restore') steps.push(`verify ${checks}`)
  else if (!facts.source) steps.push('no verification: the dump has no manifest')
  else steps.push(`verify ${checks} against the manifest`)
  if (result.strategy === 'swap') {
    steps.push(
      `rename ${target.database} to ${result.previousDatabase} and ${result.incomingDatabase} to ${target.database}`,
    )
  }
  return steps
}

/**
 * The memory a foreign key's check (and the rest of post-data) may use on the target: 1 GiB, what
 * pgcopydb gives its builds, unless the target already allows more. PostgreSQL runs the check's
 * join in maintenance_work_mem (RI_Initial_Check, src/backend/utils/adt/ri_triggers.c), so that a
 * large referenced table is hashed in one batch.
 */
export const BUILD_MEMORY = 2 ** 30

/** Session settings (PGOPTIONS) for the target's foreign keys and the rest, or none when its own setting is as large. */
export function buildSettings(
  target: Pick<TargetFacts, 'maintenanceWorkMem'> | undefined,
): string | undefined {
  return target && target.maintenanceWorkMem < BUILD_MEMORY
    ? `-c maintenance_work_mem=${BUILD_MEMORY / 2 ** 20}MB`
    : undefined
}

/** Sort memory for each run merged at once: one pass merges memory / (34 blocks) runs (tuplesort_merge_order, src/backend/utils/sort/tuplesort.c). */
const MERGE_BYTES_PER_RUN = 34 * 8192

/**
 * The memory an index build of a table sorts in: the least that still sorts it in one merge pass,
 * a power of two from 16 MiB to 1 GiB. Not as much as possible: a sort larger than its memory
 * quicksorts runs of that size and merges them, and runs that stay in the CPU's caches sort faster
 * than one large array. On the benchmark's 0.95 GiB table, its four builds two at a time took
 * 3.0-3.4 s with 4 to 32 MiB, 3.8 s with 64 MiB and 3.9-4.4 s with 128 MiB to 1 GiB, and the whole
 * copy 12.8 s (median of 3) with 16 MiB against 13.4 s with 1 GiB. One pass merges up to memory /
 * 272 KiB runs of memory each, so it needs memory >= sqrt(bytes x 272 KiB); the table's bytes
 * stand for its index's (an index entry is smaller than its row).
 */
export function indexBuildMemory(tableBytes: number): number {
  const least = Math.sqrt(Math.max(0, tableBytes) * MERGE_BYTES_PER_RUN)
  const power = 2 ** Math.ceil(Math.log2(Math.max(1, least)))
  return Math.min(2 ** 30, Math.max(2 ** 24, power))
}

/**
 * Session settings (PGOPTIONS) for the index builds of a table of `tableBytes`. A target that
 * limits its sessions' temporary files (`temp_file_limit`) gets `buildSettings` instead: a sort
 * that spills writes its runs there, and counts against the limit, where one in memory does not.
 */
export function indexBuildSettings(
  tableBytes: number,
  target: Pick<TargetFacts, 'maintenanceWorkMem' | 'tempFileLimit'>,
): string | undefined {
  if (target.tempFileLimit >= 0) return buildSettings(target)
  return `-c maintenance_work_mem=${indexBuildMemory(tableBytes) / 2 ** 20}MB`
}

/**
 * The session settings of a restore's two pg_restore runs: everything but the foreign keys, its
 * index builds sorting in memory sized to the dump's largest table (`indexBuildSettings`; one
 * run cannot size each build), then the foreign keys with `buildSettings`. Undefined where the
 * manifest does not give the largest table (none, or an older one) or the target limits
 * temporary files: then one run with `buildSettings`, as for foreign keys.
 */
export function restoreMemory(
  source: Pick<SourceFacts, 'largestTableBytes'> | undefined,
  target: Pick<TargetFacts, 'maintenanceWorkMem' | 'tempFileLimit'>,
): { builds: string | undefined; keys: string | undefined } | undefined {
  const largest = source?.largestTableBytes
  if (largest === undefined || target.tempFileLimit >= 0) return undefined
  return { builds: indexBuildSettings(largest, target), keys: buildSettings(target) }
}

/** How the plan says what `restoreMemory` does. */
function restoreMemoryNote(source: SourceFacts | undefined, target: TargetFacts): string {
  if (!restoreMemory(source, target)) return buildMemoryNote(target)
  const keys = raisedMemory(target, (raised) => ` with ${raised}`)
  return `, each index build with maintenance_work_mem sized to the largest table (${formatBytes(indexBuildMemory(source?.largestTableBytes ?? 0))}), then the foreign keys${keys}`
}

/**
 * How the plan says that `buildSettings` raises the target's memory: `say` given `1.0 GiB (the
 * target's is 64.0 MiB)`, with `more` inside the brackets; empty where it does not raise it.
 */
function raisedMemory(target: TargetFacts, say: (raised: string) => string, more = ''): string {
  return buildSettings(target)
    ? say(`${formatBytes(BUILD_MEMORY)} (the target's is ${formatBytes(target.maintenanceWorkMem)}${more})`)
    : ''
}

/** How the plan says what `buildSettings` does. */
function buildMemoryNote(target: TargetFacts, more = ''): string {
  return raisedMemory(target, (raised) => `, each index build with maintenance_work_mem ${raised}`, more)
}

/** How the plan says what `indexBuildSettings` and `buildSettings` do in a copy. */
function copyMemoryNote(target: TargetFacts, largestTableBytes: number): string {
  if (target.tempFileLimit >= 0)
    return buildMemoryNote(target, '; its temp_file_limit keeps every sort in memory')
  const keys = raisedMemory(target, (raised) => `, each foreign key checked with ${raised}`)
  return `, each index build with maintenance_work_mem sized to its table (${formatBytes(indexBuildMemory(largestTableBytes))} for the largest)${keys}`
}

/** The number of tables (see `SourceFacts.tables`); a manifest older than that field gives its selected tables. */
export function tablesOf(source: SourceFacts | undefined): number {
  return source?.tables ?? source?.selectedTables ?? 0
}

/** PostgreSQL truncates identifiers to 63 bytes; keep the timestamp suffix by shortening the stem. */
function truncateName(name: string): string {
  if (Buffer.byteLength(name) <= 63) return name
  const suffix = name.slice(name.lastIndexOf('_', name.length - 16))
  return name.slice(0, 63 - suffix.length) + suffix
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`
}
