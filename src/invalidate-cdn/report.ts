import * as core from '@actions/core'
import { consoleUrl } from '../common/aws'
import type { Logger } from '../common/log'
import { formatDuration } from '../common/log'
import { SummaryBuilder, type Cell, type Timeline } from '../common/summary'
import { FREE_PATHS_PER_MONTH, Input, Output, PRICE_PER_PATH_USD } from './constants'
import { compareCosts, costOf, formatUsd } from './plan'
import { plural } from '../common/plural'
import type { Context, DistributionRun, Outcome } from './run'

/** Reporting: the figures of a run, the outputs, the failure sentence and the job summary. */

export interface Figures {
  /** Items in the invalidations this run submitted (each path, wildcard and tag is one), each billed once. */
  submitted: number
  collapsed: number
  /** USD for the submitted paths (the planned ones in a dry run), assuming the month's free paths are used up. */
  cost: number
}

export function figures(ctx: Context): Figures {
  const submitted = ctx.targets.reduce(
    (n, t) => n + t.submitted.reduce((m, s) => m + s.batch.items.length, 0),
    0,
  )
  const planned = ctx.targets.reduce((n, t) => n + (t.plan?.items.length ?? 0), 0)
  return {
    submitted,
    collapsed: ctx.targets.reduce((n, t) => n + (t.plan?.collapsedSaved ?? 0), 0),
    cost: costOf(ctx.inputs.dryRun ? planned : submitted),
  }
}

export function setOutputs(ctx: Context): void {
  const f = figures(ctx)
  const ids = Object.fromEntries(ctx.targets.map((t) => [t.id, t.submitted.map((s) => s.id)]))
  core.setOutput(Output.invalidationIds, JSON.stringify(ids))
  core.setOutput(Output.pathsSubmitted, String(f.submitted))
  core.setOutput(Output.pathsCollapsed, String(f.collapsed))
  core.setOutput(Output.estimatedCost, f.cost.toFixed(3))
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  planned: '📝 planned (dry run)',
  completed: '✅ completed',
  submitted: '🚀 submitted (not waited for)',
  propagating: '⏳ still propagating',
  incomplete: '❌ not all submitted',
  failed: '❌ failed',
  cancelled: '⏹️ cancelled',
}

export function headline(ctx: Context, failure: string | undefined, warning: string | undefined): string {
  if (failure) return `❌ ${failure}`
  const f = figures(ctx)
  const what = ctx.inputs.dryRun
    ? `Dry run: ${ctx.targets.reduce((n, t) => n + (t.plan?.items.length ?? 0), 0)} paths planned, nothing submitted`
    : `${f.submitted} ${plural(f.submitted, 'path')} invalidated on ${ctx.targets.length} ${plural(ctx.targets.length, 'distribution')}`
  return `${warning ? `⚠️ ${warning}` : '✅'} ${what}; estimated cost ${formatUsd(f.cost)}.`
}

export async function writeSummary(
  ctx: Context,
  timeline: Timeline,
  headlineText: string,
  logger: Logger,
): Promise<void> {
  const summary = new SummaryBuilder()
    .heading(`CloudFront invalidation: ${ctx.targets.map((t) => t.id).join(', ') || '(no distribution)'}`)
    .paragraph(headlineText)
  summary.table(
    ['Distribution', 'Result', 'Invalidations', 'Paths', 'Wildcards', 'Tags', 'Took', 'Estimated cost'],
    ctx.targets.map(row),
  )
  for (const t of ctx.targets)
    if (t.submitted.length > 0)
      summary.link(`${t.id}: invalidations in the CloudFront console`, consoleLink(t.id))
  costSection(summary, ctx)
  const notes = ctx.targets.flatMap((t) => [
    ...(t.plan?.collapsedSaved
      ? [
          `${t.id}: ${t.plan.collapsedSaved} paths saved by collapsing into ${t.plan.collapsedInto.join(', ')}`,
        ]
      : []),
    ...(t.plan?.duplicates ? [`${t.id}: ${t.plan.duplicates} duplicate paths removed`] : []),
    ...(t.plan?.covered
      ? [`${t.id}: ${t.plan.covered} paths already covered by a wildcard of the list dropped`]
      : []),
    ...t.notes.map((n) => `${t.id}: ${n}`),
    ...(t.reason ? [`${t.id}: ${t.reason}`] : []),
  ])
  if (notes.length > 0) summary.paragraph(notes.map((n) => `- ${n}`).join('\n'))
  summary.timeline(timeline)
  summary.awsCalls(ctx.calls.callCounts())
  summary.inputs(inputsShown(ctx))
  await summary.write(logger)
}

/** CloudFront's console is global: its invalidations page of a distribution. */
export function consoleLink(distributionId: string): string {
  return consoleUrl('us-east-1', `cloudfront/v4/home#/distributions/${distributionId}/invalidations`)
}

function row(t: DistributionRun): Cell[] {
  const billed = t.submitted.reduce((n, s) => n + s.batch.items.length, 0)
  const counts = t.plan?.counts
  return [
    t.domain ? `${t.id} (${t.domain})` : t.id,
    OUTCOME_TEXT[t.outcome ?? 'planned'],
    t.submitted.map((s) => s.id).join('\n') || '—',
    counts?.files,
    counts?.wildcards,
    counts?.tags,
    t.startedMs !== undefined && t.endedMs !== undefined
      ? formatDuration(t.endedMs - t.startedMs)
      : undefined,
    formatUsd(costOf(t.outcome === 'planned' ? (t.plan?.items.length ?? 0) : billed)),
  ]
}

function costSection(summary: SummaryBuilder, ctx: Context): void {
  const plans = ctx.targets.flatMap((t) => (t.plan ? [t.plan] : []))
  if (plans.length === 0) return
  const c = compareCosts(plans)
  // What went out is what is billed; when a run stopped short of its plan, both are shown.
  const billed = ctx.targets.reduce(
    (n, t) => n + t.submitted.reduce((m, s) => m + s.batch.items.length, 0),
    0,
  )
  const done: Cell[][] = ctx.inputs.dryRun
    ? [['This plan', c.planned, formatUsd(costOf(c.planned))]]
    : [
        ['This run (submitted)', billed, formatUsd(costOf(billed))],
        ...(billed === c.planned ? [] : [['Its plan', c.planned, formatUsd(costOf(c.planned))]]),
      ]
  summary.heading('Cost', 3)
  summary.table(
    ['', 'Paths billed', 'Estimated cost'],
    [
      ...done,
      ['`/*` on each distribution', c.everything, formatUsd(costOf(c.everything))],
      ['The list as given, one path each', c.naive, formatUsd(costOf(c.naive))],
    ],
  )
  summary.paragraph(
    `CloudFront bills USD ${PRICE_PER_PATH_USD} per path beyond the account's first ${FREE_PATHS_PER_MONTH.toLocaleString('en-US')} of the month; a wildcard or a tag is one path. The estimates assume the free paths are used up.`,
  )
}

function inputsShown(ctx: Context): Record<string, Cell> {
  const { inputs } = ctx
  const source = inputs.source
  return {
    [Input.distributionId]: inputs.target.kind === 'ids' ? inputs.target.ids.join(', ') : undefined,
    [Input.domain]: inputs.target.kind === 'domains' ? inputs.target.domains.join(', ') : undefined,
    [Input.paths]:
      source.kind === 'paths'
        ? `${source.requested} ${plural(source.requested, 'path')} (${source.input})`
        : undefined,
    [Input.syncLog]:
      source.kind === 'sync-log' ? `${source.file}: ${source.changes.keys.length} changed keys` : undefined,
    [Input.originPath]: inputs.originPath,
    [Input.tags]: inputs.tags.join(', ') || undefined,
    [Input.wait]: inputs.wait,
    [Input.timeout]: formatDuration(inputs.timeoutMs),
    [Input.onTimeout]: inputs.onTimeout,
    [Input.maxPaths]: inputs.maxPaths,
    [Input.region]: inputs.aws.region,
    [Input.dryRun]: inputs.dryRun,
  }
}
