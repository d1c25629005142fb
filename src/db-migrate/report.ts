import * as core from '@actions/core'
import type { Logger } from '../common/log'
import { formatDuration } from '../common/log'
import { count } from '../common/plural'
import { SummaryBuilder, type Cell, type Timeline } from '../common/summary'
import type { ApplyOutcome } from './apply'
import { describeRestoreError, type RestoreError } from './classify'
import type { CopyResult } from './copy'
import type { PropertyOutcome } from './db'
import { INPUT, OUTPUT, type Inputs } from './inputs'
import { formatBytes, tablesOf, type Plan, type SourceFacts, type TargetFacts } from './plan'
import { displayName } from './toc'
import { verificationSentence, type Measurement, type Verification } from './verify'

/** Everything the run learned, for the outputs and the job summary. */
export interface Report {
  inputs: Inputs
  clientVersion?: string
  source?: SourceFacts
  target?: TargetFacts
  plan?: Plan
  copy?: CopyResult
  verification?: Verification
  /** Backup: what the manifest records of the source (per-table counts or checksums, sequences, objects). */
  recorded?: Measurement
  /** Restore: the tables whose rows the dump holds (its TABLE DATA entries), for a dump without a manifest. */
  dumpTables?: number
  warnings: RestoreError[]
  targetState?: string
  dumpUri?: string
  /** Owners and privileges of the source that the target did not get, one sentence each (access.ts). */
  notCarried?: string[]
  /** The database's comment, settings and (swap) privileges, connection limit and owner. */
  properties?: PropertyOutcome
  startedAt: number
  failure?: string
}

/**
 * The tables and rows a measurement holds, tables counted as everywhere (see `SourceFacts.tables`):
 * a partitioned table's entry covers its partitions' rows, which have entries of their own.
 */
export function recordedRows(measurement: Measurement): { tables: number; rows: number } {
  const own = Object.values(measurement.tables).filter((t) => !t.tree)
  return { tables: own.length, rows: own.reduce((sum, t) => sum + t.rows, 0) }
}

/** The outputs, from the verification (copy, restore), or from what the manifest records (backup). */
export function outputs(report: Report): Record<string, string> {
  const verdicts = Object.values(report.verification?.tables ?? {}).filter((t) => !t.tree)
  const recorded = report.recorded ? recordedRows(report.recorded) : undefined
  const tables = report.verification
    ? verdicts.length
    : (recorded?.tables ?? (report.source ? tablesOf(report.source) : (report.dumpTables ?? 0)))
  const rows = report.verification ? verdicts.reduce((sum, t) => sum + t.source, 0) : (recorded?.rows ?? 0)
  return {
    [OUTPUT.tables]: String(tables),
    [OUTPUT.rows]: String(rows),
    [OUTPUT.bytes]: String(report.copy?.bytes ?? 0),
    [OUTPUT.duration]: String(Math.round((Date.now() - report.startedAt) / 1000)),
    [OUTPUT.verification]: JSON.stringify(report.verification?.tables ?? report.recorded?.tables ?? {}),
    [OUTPUT.dumpUri]: report.dumpUri ?? '',
    [OUTPUT.targetState]: report.targetState ?? '',
  }
}

export function setOutputs(report: Report): void {
  for (const [name, value] of Object.entries(outputs(report))) core.setOutput(name, value)
}

/** The facts pre-flight found, one line per side. */
export function logFacts(report: Report, logger: Logger): void {
  const s = report.source
  const t = report.target
  if (s && report.inputs.mode !== 'restore') {
    logger.info(
      `Source ${s.display}: PostgreSQL ${s.version}, ${describeTables(s)}, extensions: ${s.extensions.map((e) => e.name).join(', ') || 'none'}`,
    )
  }
  if (t)
    logger.info(
      `Target ${t.display}: PostgreSQL ${t.version}, ${t.objectCount === 0 ? 'empty' : count(t.objectCount, 'object')}`,
    )
}

/** `6 tables (1.8 MiB of data) of the database's 8`: the tables whose data is copied (see `SourceFacts.tables`). */
function describeTables(s: SourceFacts): string {
  return `${count(tablesOf(s), 'table')} (${formatBytes(s.dataBytes)} of data) of the database's ${s.allTables}`
}

/** One line: how many tables match, and the object counts on both sides. */
export function logVerification(verification: Verification, logger: Logger): void {
  const verdicts = Object.values(verification.tables)
  const own = verdicts.filter((t) => !t.tree)
  const trees = verdicts.filter((t) => t.tree)
  const what = verification.level === 'checksums' ? 'rows and checksums' : 'rows'
  const treesText =
    trees.length > 0
      ? `, ${trees.filter((t) => t.ok).length} of ${count(trees.length, 'partitioned table')} as a whole`
      : ''
  const sequences = verification.sequences
  const objects = verification.objects.map((o) => `${o.kind} ${o.target}/${o.source}`).join(', ')
  logger.info(
    `${own.filter((t) => t.ok).length} of ${count(own.length, 'table')} match (${what})${treesText}; ${sequences.filter((q) => q.ok).length} of ${count(sequences.length, 'sequence')} caught up; objects on the target against the source: ${objects || 'none counted'}`,
  )
}

/** The closing line of a run that succeeded. */
export function logDone(report: Report, logger: Logger, what: string): void {
  const o = outputs(report)
  const rows = o[OUTPUT.rows] !== '0' ? ` (${count(Number(o[OUTPUT.rows]), 'row')})` : ''
  logger.info(`Done: the data of ${count(Number(o[OUTPUT.tables]), 'table')}${rows} ${what}.`)
}

/**
 * Records what the write left (copy and restore alike) and warns of what the target did not get:
 * the errors ignored on it, and the owners, privileges and database properties not carried
 * (`accessNotCarried`: found in pre-flight; `propertiesNotCarried`: known beforehand).
 */
export function recordWrite(
  report: Report,
  outcome: ApplyOutcome,
  accessNotCarried: string[],
  logger: Logger,
  propertiesNotCarried: string[] = [],
): void {
  report.copy = outcome.result
  report.warnings = outcome.result.warnings
  report.targetState = outcome.state
  report.properties = outcome.properties
  report.properties.notCarried.push(...propertiesNotCarried)
  report.notCarried = [...accessNotCarried, ...(outcome.result.notCarried ?? [])]
  for (const warning of outcome.result.warnings) logger.warning(`Ignored on this target: ${warning.message}`)
  warnNotCarried(report, logger)
}

/** Records and logs a verification; throws naming the first mismatches when there are any. */
export function recordVerification(report: Report, verification: Verification, logger: Logger): void {
  report.verification = verification
  logVerification(verification, logger)
  if (verification.failures.length > 0) throw new Error(verificationSentence(verification.failures))
}

/** One warning listing every owner, privilege and database property the copy could not carry. */
export function warnNotCarried(report: Report, logger: Logger): void {
  const lines = [
    ...(report.notCarried ?? []),
    ...(report.properties?.notCarried ?? []).map((p) => `Database ${p}`),
  ]
  if (lines.length > 0)
    logger.warning(
      `Not carried to the target (${count(lines.length, 'item')}):\n${lines.map((l) => `- ${l}`).join('\n')}`,
    )
}

/** Backup: a row per table with what the manifest records. */
function recordedTableRows(recorded: Measurement): Cell[][] {
  return Object.entries(recorded.tables)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, t]) => [`\`${name}\``, rowsCell(t.rows, t.tree), t.checksum])
}

const rowsCell = (rows: number | undefined, tree?: boolean): Cell =>
  rows === undefined ? undefined : tree ? `${rows} (all its partitions)` : rows

function tableRows(report: Report): Cell[][] {
  const copied = new Map(
    (report.copy?.tables ?? []).map((t) => [displayName(t.table.schema, t.table.name), t]),
  )
  const verdicts = report.verification?.tables ?? {}
  const names = [...new Set([...Object.keys(verdicts), ...copied.keys()])].sort()
  return names.map((name) => {
    const v = verdicts[name]
    const c = copied.get(name)
    const check =
      v === undefined
        ? 'not verified'
        : v.ok
          ? `✅ ${v.target}${v.checksum ? ' (checksum match)' : ''}`
          : `❌ ${v.target} on target${v.checksum === 'differs' ? ', checksum differs' : ''}`
    return [
      `\`${name}\``,
      rowsCell(v?.source, v?.tree),
      c ? formatBytes(c.bytes) : undefined,
      c ? formatDuration(c.ms) : undefined,
      check,
    ]
  })
}

export async function writeSummary(report: Report, timeline: Timeline, logger: Logger): Promise<void> {
  const { inputs, source, target, plan } = report
  const summary = new SummaryBuilder().heading(`db-migrate: ${inputs.mode}${report.failure ? ' failed' : ''}`)
  if (report.failure) summary.paragraph(`❌ ${report.failure}`)
  summary.facts([
    [
      inputs.mode === 'restore' ? 'Source (from the manifest)' : 'Source',
      source
        ? `${source.display}: PostgreSQL ${source.version}, ${formatBytes(source.databaseBytes)}`
        : undefined,
    ],
    ['Target', target ? `${target.display}: PostgreSQL ${target.version}` : undefined],
    ['Manifest', inputs.mode === 'restore' && !source ? 'none beside the dump: not verified' : undefined],
    ['Client tools', report.clientVersion ? `pg_dump / pg_restore ${report.clientVersion}` : undefined],
    [
      'Extensions',
      source ? source.extensions.map((e) => `${e.name} ${e.version}`).join(', ') || 'none' : undefined,
    ],
    ['Tables', source ? describeTables(source) : undefined],
    ['Strategy', plan?.strategy],
    ['Target state', report.targetState],
    ['Dump', report.dumpUri],
  ])
  if (report.recorded) {
    const checksums = Object.values(report.recorded.tables).some((t) => t.checksum !== undefined)
    const rows = recordedTableRows(report.recorded)
    summary.table(
      checksums ? ['Table', 'Rows (in the snapshot)', 'Checksum'] : ['Table', 'Rows (in the snapshot)'],
      checksums ? rows : rows.map((r) => r.slice(0, 2)),
    )
  } else {
    summary.table(['Table', 'Rows (source)', 'Bytes copied', 'Took', 'Target'], tableRows(report))
  }
  const v = report.verification
  if (v && v.objects.length > 0) {
    summary.table(
      ['Objects', 'Source', 'Target', ''],
      v.objects.map((o) => [o.kind, o.source, o.target, o.ok ? '✅' : '❌']),
    )
  }
  if (v && v.sequences.length > 0) {
    summary.details(
      'Sequences',
      v.sequences
        .map((s) => `- \`${s.name}\`: ${s.source} → ${s.target ?? 'missing'} ${s.ok ? '✅' : '❌'}`)
        .join('\n'),
    )
  }
  const notCarried = [
    ...(report.notCarried ?? []),
    ...(report.properties?.notCarried ?? []).map((p) => `Database ${p}`),
  ]
  if (notCarried.length > 0 && report.copy) {
    summary.details(
      `Not carried to the target (${notCarried.length})`,
      notCarried.map((line) => `- ${line}`).join('\n'),
    )
  }
  if (report.properties && report.properties.carried.length > 0) {
    summary.details('Database properties carried', report.properties.carried.map((p) => `- ${p}`).join('\n'))
  }
  if (report.warnings.length > 0) {
    summary.details(
      `Warnings (${count(report.warnings.length, 'error')} known harmless on this target)`,
      report.warnings.map((w) => `- ${describeRestoreError(w)}`).join('\n'),
    )
  }
  summary.timeline(timeline)
  summary.inputs(
    {
      [INPUT.mode]: inputs.mode,
      // The inputs of this mode only: restore's source is the manifest's, not an input.
      ...('source' in inputs ? { [INPUT.sourceUrl]: inputs.source.display } : {}),
      ...('target' in inputs ? { [INPUT.targetUrl]: inputs.target.display } : {}),
      ...(inputs.mode !== 'copy' && inputs.dumpFile ? { [INPUT.dumpFile]: inputs.dumpFile } : {}),
      ...(inputs.mode !== 'copy' && inputs.s3 ? { [INPUT.s3Uri]: inputs.s3.uri } : {}),
      ...(inputs.mode === 'backup' ? {} : { [INPUT.strategy]: inputs.strategy }),
      [INPUT.jobs]: inputs.jobs,
      [INPUT.verify]: inputs.verify,
      ...(inputs.mode === 'backup'
        ? {}
        : {
            [INPUT.clean]: inputs.clean,
            [INPUT.noOwner]: inputs.noOwner,
            [INPUT.noPrivileges]: inputs.noPrivileges,
          }),
      [INPUT.dryRun]: inputs.dryRun,
    },
    [],
  )
  await summary.write(logger)
}
