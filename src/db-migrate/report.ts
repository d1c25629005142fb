import * as core from '@actions/core'
import type { Logger } from '../common/log'
import { formatDuration } from '../common/log'
import { SummaryBuilder, type Cell, type Timeline } from '../common/summary'
import { describeRestoreError, type RestoreError } from './classify'
import type { CopyResult } from './copy'
import type { PropertyOutcome } from './db'
import { INPUT, OUTPUT, type Inputs } from './inputs'
import { formatBytes, type Plan, type SourceFacts, type TargetFacts } from './plan'
import { displayName } from './toc'
import type { Verification } from './verify'

/** Everything the run learned, for the outputs and the job summary. */
export interface Report {
  inputs: Inputs
  clientVersion?: string
  source?: SourceFacts
  target?: TargetFacts
  plan?: Plan
  copy?: CopyResult
  verification?: Verification
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

export function setOutputs(report: Report): void {
  // A partitioned table's verdict covers its partitions' rows, which have verdicts of their own.
  const verdicts = Object.values(report.verification?.tables ?? {}).filter((t) => !t.tree)
  const tables = report.verification ? verdicts.length : (report.source?.selectedTables ?? 0)
  const rows = verdicts.reduce((sum, t) => sum + t.source, 0)
  core.setOutput(OUTPUT.tables, String(tables))
  core.setOutput(OUTPUT.rows, String(rows))
  core.setOutput(OUTPUT.bytes, String(report.copy?.bytes ?? 0))
  core.setOutput(OUTPUT.duration, String(Math.round((Date.now() - report.startedAt) / 1000)))
  core.setOutput(OUTPUT.verification, JSON.stringify(report.verification?.tables ?? {}))
  core.setOutput(OUTPUT.dumpUri, report.dumpUri ?? '')
  core.setOutput(OUTPUT.targetState, report.targetState ?? '')
}

/** One warning listing every owner, privilege and database property the copy could not carry. */
export function warnNotCarried(report: Report, logger: Logger): void {
  const lines = [
    ...(report.notCarried ?? []),
    ...(report.properties?.notCarried ?? []).map((p) => `Database ${p}`),
  ]
  if (lines.length > 0)
    logger.warning(`Not carried to the target (${lines.length}):\n${lines.map((l) => `- ${l}`).join('\n')}`)
}

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
      v?.source,
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
      'Source',
      source
        ? `${source.display}: PostgreSQL ${source.version}, ${formatBytes(source.databaseBytes)}`
        : undefined,
    ],
    ['Target', target ? `${target.display}: PostgreSQL ${target.version}` : undefined],
    ['Client tools', report.clientVersion ? `pg_dump / pg_restore ${report.clientVersion}` : undefined],
    [
      'Extensions',
      source ? source.extensions.map((e) => `${e.name} ${e.version}`).join(', ') || 'none' : undefined,
    ],
    [
      'Tables',
      source
        ? `${source.selectedTables} of ${source.allTables} (${formatBytes(source.dataBytes)} of data)`
        : undefined,
    ],
    ['Strategy', plan?.strategy],
    ['Target state', report.targetState],
    ['Dump', report.dumpUri],
  ])
  summary.table(['Table', 'Rows (source)', 'Bytes copied', 'Took', 'Target'], tableRows(report))
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
      `Warnings (${report.warnings.length} errors known harmless on this target)`,
      report.warnings.map((w) => `- ${describeRestoreError(w)}`).join('\n'),
    )
  }
  summary.timeline(timeline)
  summary.inputs(
    {
      [INPUT.mode]: inputs.mode,
      [INPUT.sourceUrl]: source?.display,
      [INPUT.targetUrl]: target?.display,
      [INPUT.strategy]: inputs.strategy,
      [INPUT.jobs]: inputs.jobs,
      [INPUT.verify]: inputs.verify,
      [INPUT.clean]: inputs.clean,
      [INPUT.noOwner]: inputs.noOwner,
      [INPUT.noPrivileges]: inputs.noPrivileges,
      [INPUT.dryRun]: inputs.dryRun,
    },
    [],
  )
  await summary.write(logger)
}
