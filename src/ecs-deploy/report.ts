import * as core from '@actions/core'
import { consoleUrl } from '../common/aws'
import type { Logger } from '../common/log'
import { formatDuration } from '../common/log'
import { SummaryBuilder, type Cell, type Timeline } from '../common/summary'
import { Input, Output } from './constants'
import type { Context, Region, Rollback } from './deploy'
import { strategyText, type ImageChange, type Target } from './plan'
import { isNative, type Strategy } from './state'
import type { TestResult } from './smoke'
import type { StageMark } from './watch'
import { taskStopText } from './rollout'
import { revisionText, shortName } from './task-definition'

/** Reporting: per-service results, the outputs, the failure sentence and the job summary. */

export type Result =
  'planned' | 'not-updated' | 'updated' | 'deployed' | 'failed' | 'rolled-back' | 'cancelled'

export interface ServiceResult {
  region: string
  cluster: string
  service: string
  previousTaskDefinitionArn: string
  taskDefinitionArn?: string
  /** What the plan rolls out (for a run that stopped before registering it, such as a dry run). */
  target?: Target
  /** Environment variables the new revision changes (names only). */
  environment?: string[]
  deploymentId?: string
  /** How ECS deploys the service, and the ServiceDeployment the update started. */
  strategy?: Strategy
  strategyText?: string
  serviceDeploymentArn?: string
  /** The smoke test's outcome: `passed (exit code 0, 1.2s)`. */
  test?: string
  /** A native deployment's stages as they were seen, then its rollback's. */
  stages?: StageMark[]
  result: Result
  /** Why this service failed (a clause); absent when it was rolled back only because another failed. */
  reason?: string
  /** How it was rolled back, and the sentence clause saying so. */
  rollback?: string
  durationMs?: number
  images: ImageChange[]
  failedTasks: string[]
  events: string[]
}

export function serviceResults(ctx: Context): ServiceResult[] {
  return ctx.regions.flatMap((r) => (r.plan?.services ?? []).map((s) => resultOf(ctx, r, s.service)))
}

function resultOf(ctx: Context, r: Region, name: string): ServiceResult {
  const planned = r.plan?.services.find((s) => s.service === name)
  const update = r.updates.find((u) => u.plan.service === name)
  const outcome = r.outcomes.get(name)
  const status = outcome?.status
  const failure =
    status && (status.phase === 'failed' || status.phase === 'ecs-rolling-back') ? status.failure : undefined
  const rollback = r.rollbacks.get(name)
  const base: ServiceResult = {
    region: r.region,
    cluster: r.plan?.cluster ?? ctx.inputs.cluster,
    service: name,
    previousTaskDefinitionArn: planned?.previousTaskDefinitionArn ?? '',
    taskDefinitionArn: update?.targetArn,
    target: planned?.target,
    environment: r.plan?.registrations.find((g) => g.services.includes(name))?.environment,
    deploymentId: update?.deploymentId,
    strategy: planned?.strategy.strategy,
    strategyText: planned ? strategyText(planned.strategy) : undefined,
    serviceDeploymentArn: update?.serviceDeploymentArn,
    test: testText(r.tests.get(name)),
    stages: [
      ...(outcome?.stages ?? []),
      ...(rollback?.outcome?.stages ?? []).map((m) => ({
        stage: `rollback: ${m.stage}`,
        atMs: (outcome?.elapsedMs ?? 0) + m.atMs,
      })),
    ],
    result: 'planned',
    images: planned?.images ?? [],
    failedTasks: (failure?.failedTasks ?? []).map((t) => `${shortName(t.taskArn)}: ${taskStopText(t)}`),
    events: outcome?.events ?? [],
    durationMs: (outcome?.elapsedMs ?? 0) + (rollback?.outcome?.elapsedMs ?? 0) || undefined,
  }
  if (ctx.inputs.dryRun) return base
  if (!update) return { ...base, result: 'not-updated' }
  if (!update.updated)
    return {
      ...base,
      result: 'failed',
      reason: `could not be updated to ${shortName(update.targetArn)} (${update.error})`,
    }
  if (!ctx.inputs.wait) return { ...base, result: 'updated' }
  const reason = failure?.reason
  if (rollback) return withRollback(base, reason, rollback)
  if (!status) return { ...base, result: 'cancelled' }
  if (status.phase === 'done') return { ...base, result: 'deployed' }
  if (status.phase === 'ecs-rolling-back') {
    return {
      ...base,
      result: 'failed',
      reason,
      rollback: `${base.strategy && isNative(base.strategy) ? 'ECS is' : "ECS's circuit breaker is"} rolling it back to ${revisionText(base.previousTaskDefinitionArn)}`,
    }
  }
  const rollbackText = ctx.inputs.rollback
    ? undefined
    : `it was not rolled back ('${Input.rollback}' is false)`
  // Still rolling out when another rollout failed: the wait for it stopped, and ECS carries on.
  if (status.phase === 'waiting' && !ctx.inputs.rollback)
    return {
      ...base,
      result: 'updated',
      rollback: `no longer waited for once another rollout failed, and not rolled back ('${Input.rollback}' is false)`,
    }
  return { ...base, result: 'failed', reason, rollback: rollbackText }
}

function withRollback(base: ServiceResult, reason: string | undefined, rollback: Rollback): ServiceResult {
  const previous = revisionText(base.previousTaskDefinitionArn)
  if (rollback.by === 'none') {
    return {
      ...base,
      result: 'failed',
      reason,
      rollback: `there is no other revision to roll back to (it ran ${previous} before)`,
    }
  }
  if (rollback.error)
    return {
      ...base,
      result: 'failed',
      reason,
      rollback: `rolling back to ${previous} failed: ${rollback.error}`,
    }
  const status = rollback.outcome?.status
  if (status?.phase === 'done') {
    const who =
      rollback.by === 'ecs'
        ? `${rollback.native ? 'ECS' : "ECS's circuit breaker"} rolled it back to ${previous}`
        : `rolled back to ${previous}`
    return { ...base, result: 'rolled-back', reason, rollback: who }
  }
  const why =
    status && status.phase !== 'waiting' && 'failure' in status
      ? status.failure.reason
      : 'the run was cancelled'
  return {
    ...base,
    result: 'failed',
    reason,
    rollback: `rolling back to ${previous} did not complete: ${why}`,
  }
}

/** One sentence (one per failed service) for `core.setFailed`, or undefined when all went well. */
export function failureSentence(results: ServiceResult[]): string | undefined {
  const multiRegion = new Set(results.map((r) => r.region)).size > 1
  const where = (r: ServiceResult): string => `Service ${r.service}${multiRegion ? ` (${r.region})` : ''}`
  const causes = results.filter((r) => r.reason !== undefined)
  if (causes.length === 0) return undefined
  const sentences = causes.map((r) => `${where(r)}: ${r.reason}${r.rollback ? `; ${r.rollback}` : ''}.`)
  const alongside = results.filter((r) => r.reason === undefined && r.result === 'rolled-back')
  if (alongside.length > 0) {
    const names = alongside.map((r) => `${r.service}${multiRegion ? ` (${r.region})` : ''}`)
    sentences.push(
      `${names.length === 1 ? 'Service' : 'Services'} ${names.join(', ')} ${names.length === 1 ? 'was' : 'were'} rolled back with it.`,
    )
  }
  return sentences.join(' ')
}

export function setOutputs(results: ServiceResult[]): void {
  const first = results.find((r) => r.taskDefinitionArn) ?? results[0]
  core.setOutput(Output.taskDefinitionArn, first?.taskDefinitionArn ?? '')
  core.setOutput(Output.previousTaskDefinitionArn, first?.previousTaskDefinitionArn ?? '')
  core.setOutput(Output.deploymentId, first?.deploymentId ?? '')
  core.setOutput(Output.rolledBack, String(results.some((r) => r.result === 'rolled-back')))
  core.setOutput(Output.services, JSON.stringify(results.map(outputOf)))
}

function outputOf(r: ServiceResult): Record<string, unknown> {
  return {
    region: r.region,
    cluster: r.cluster,
    service: r.service,
    result: r.result,
    taskDefinitionArn: r.taskDefinitionArn ?? null,
    previousTaskDefinitionArn: r.previousTaskDefinitionArn,
    deploymentId: r.deploymentId ?? null,
    serviceDeploymentArn: r.serviceDeploymentArn ?? null,
    strategy: r.strategy ?? null,
    durationMs: r.durationMs ?? null,
    reason: r.reason ?? null,
  }
}

const RESULT_TEXT: Record<Result, string> = {
  planned: '📝 planned (dry run)',
  'not-updated': '⏭️ not updated',
  updated: '🚀 updated (not waited for)',
  deployed: '✅ deployed',
  failed: '❌ failed',
  'rolled-back': '↩️ rolled back',
  cancelled: '⏹️ left to ECS (run cancelled)',
}

export interface SummaryInput {
  ctx: Context
  results: ServiceResult[]
  timeline: Timeline
  headline: string
}

export async function writeSummary(
  { ctx, results, timeline, headline }: SummaryInput,
  logger: Logger,
): Promise<void> {
  const summary = new SummaryBuilder().heading(`ECS deploy: ${ctx.inputs.cluster}`).paragraph(headline)
  for (const r of results) serviceSection(summary, r, results.length > 1 || ctx.regions.length > 1)
  for (const region of ctx.regions) runTaskSection(summary, region)
  summary.timeline(timeline)
  if (ctx.calls) summary.awsCalls(ctx.calls.callCounts())
  summary.inputs(inputsShown(ctx))
  await summary.write(logger)
}

function serviceSection(summary: SummaryBuilder, r: ServiceResult, withRegion: boolean): void {
  summary.heading(`${r.service}${withRegion ? ` (${r.region})` : ''}`, 3)
  const facts: Array<[string, Cell]> = [
    ['Revision', revisionChange(r)],
    ['Images', r.images.length > 0 ? r.images.map(imageDiff).join('\n') : 'unchanged'],
    ['Environment', r.environment?.join('\n')],
    ['Result', resultText(r)],
    ['Reason', r.reason],
    ['Duration', r.durationMs !== undefined ? formatDuration(r.durationMs) : undefined],
    ['Strategy', r.strategyText],
    ['Test', r.test],
    ['Deployment', r.deploymentId],
    ['Service deployment', r.serviceDeploymentArn],
  ]
  summary.facts(facts)
  if (r.stages?.length) summary.table(['Stage', 'Reached', 'Lasted'], stageRows(r.stages))
  summary.link(
    'Deployments in the ECS console',
    consoleUrl(r.region, `ecs/v2/clusters/${r.cluster}/services/${r.service}/deployments`),
  )
  if (r.failedTasks.length > 0)
    summary.details(`Stopped tasks (${r.failedTasks.length})`, r.failedTasks.map((t) => `- ${t}`).join('\n'))
  if (isFailedResult(r) && r.events.length > 0)
    summary.details('Last service events', r.events.map((e) => `- ${e}`).join('\n'))
}

function testText(result: TestResult | undefined): string | undefined {
  if (!result) return undefined
  const how = result.how ?? `exit code ${result.exitCode}`
  return `${result.passed ? '✅ passed' : '❌ failed'} (${how}, ${formatDuration(result.durationMs)})`
}

/** Each stage with when it was first seen (into the wait) and how long it lasted until the next. */
export function stageRows(stages: StageMark[]): Array<[string, string, string]> {
  return stages.map((m, i) => {
    const next = stages[i + 1]
    return [m.stage, `+${formatDuration(m.atMs)}`, next ? formatDuration(next.atMs - m.atMs) : '—']
  })
}

function isFailedResult(r: ServiceResult): boolean {
  return r.reason !== undefined
}

function imageDiff(change: ImageChange): string {
  return `${change.container}: \`${change.from ?? '(none)'}\` → \`${change.to ?? '(removed)'}\``
}

function runTaskSection(summary: SummaryBuilder, region: Region): void {
  const run = region.plan?.runTask
  if (!run) return
  const result = region.runTask
  summary.heading(`One-off task (${region.region})`, 3).facts([
    ['Command', `\`${run.command.join(' ')}\` in container ${run.container}`],
    ['Task', result ? shortName(result.task.taskArn) : 'not completed'],
    ['Exit code', result?.exitCode],
    ['Duration', result ? formatDuration(result.elapsedMs) : undefined],
  ])
}

function inputsShown(ctx: Context): Record<string, Cell> {
  const { inputs } = ctx
  return {
    [Input.cluster]: inputs.cluster,
    [Input.services]: inputs.services.join(', '),
    [Input.taskDefinition]:
      inputs.source.kind === 'file'
        ? inputs.source.path
        : inputs.source.kind === 'existing'
          ? inputs.source.reference
          : undefined,
    [Input.image]:
      inputs.images.kind === 'single'
        ? inputs.images.image
        : inputs.images.kind === 'per-container'
          ? [...inputs.images.images].map(([c, i]) => `${c}=${i}`).join('\n')
          : undefined,
    // Names only: a value may be something the user would rather not see in a summary.
    [Input.environment]: inputs.environment
      .map((e) => (e.container ? `${e.container}.${e.name}` : e.name))
      .join(', '),
    [Input.desiredCount]: inputs.desiredCount,
    [Input.wait]: inputs.wait,
    [Input.waitFor]: inputs.waitFor,
    [Input.timeout]: formatDuration(inputs.timeoutMs),
    [Input.maxFailedTasks]: inputs.maxFailedTasks,
    [Input.rollback]: inputs.rollback,
    [Input.runTask]: inputs.runTask?.command.join(' '),
    [Input.runTaskContainer]: inputs.runTask?.container,
    [Input.testCommand]: inputs.test?.command,
    [Input.testUrl]: inputs.test?.url,
    [Input.keepRevisions]: inputs.keepRevisions,
    [Input.region]: inputs.aws.region,
    [Input.regions]: inputs.regions.join(', '),
    [Input.maxAttempts]: inputs.aws.maxAttempts,
    [Input.dryRun]: inputs.dryRun,
  }
}

/** The one line above the tables: what happened, at a glance. */
export function headline(results: ServiceResult[], failure: string | undefined): string {
  if (failure) return `❌ ${failure}`
  const counts = new Map<Result, number>()
  for (const r of results) counts.set(r.result, (counts.get(r.result) ?? 0) + 1)
  return [...counts]
    .map(([result, n]) => `${RESULT_TEXT[result]}: ${n} ${n === 1 ? 'service' : 'services'}`)
    .join(' · ')
}

/** `web:4 → web:5`; before a new revision exists (a dry run), what is planned: `new revision of web, from web:4`. */
export function revisionChange(r: ServiceResult): string {
  const from = shortName(r.previousTaskDefinitionArn)
  if (r.taskDefinitionArn) return `${from} → ${shortName(r.taskDefinitionArn)}`
  if (r.target?.kind === 'registration') return `new revision of ${r.target.family}, from ${from}`
  if (r.target?.kind === 'existing' && r.target.arn !== r.previousTaskDefinitionArn)
    return `${from} → ${shortName(r.target.arn)}`
  return `${from} (the same revision, deployed anew)`
}

/** `❌ failed: <rollback>`; a rollback says itself what happened: `↩️ rolled back to revision 2`. */
export function resultText(r: Pick<ServiceResult, 'result' | 'rollback'>): string {
  if (r.result === 'rolled-back' && r.rollback) return `↩️ ${r.rollback}`
  return RESULT_TEXT[r.result] + (r.rollback && r.result !== 'deployed' ? `: ${r.rollback}` : '')
}
