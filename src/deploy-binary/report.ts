import * as core from '@actions/core'
import { consoleUrl } from '../common/aws'
import { formatDuration, type Logger } from '../common/log'
import { SummaryBuilder, type Cell, type Timeline } from '../common/summary'
import { Input, Output } from './constants'
import { allResults, type Context, type RollbackRun } from './deploy'
import { listText } from './plan'
import { healthCheckDisplay } from './inputs'
import { failureClauses, type InstanceResult } from './rollout'

/** Reporting: the outputs, the one failure sentence, and the job summary. */

export interface InstanceReport {
  instance: string
  status: string
  details: string
  exitCode: number | null
  durationMs: number | null
  output: string
  reason: string | null
  /** The restart on the previous version, when the instance was rolled back. */
  rollback: { status: string; details: string; exitCode: number | null; reason: string | null } | null
}

export function instanceReports(ctx: Context): InstanceReport[] {
  const rolled = new Map(allResults(ctx.rollback?.commands ?? []).map((r) => [r.instance, r]))
  const reports = allResults(ctx.commands).map((r) => {
    const back = rolled.get(r.instance)
    return {
      instance: r.instance,
      status: r.status,
      details: r.details,
      exitCode: r.exitCode ?? null,
      durationMs: r.durationMs ?? null,
      output: r.output,
      reason: r.failure?.why ?? null,
      rollback: back
        ? {
            status: back.status,
            details: back.details,
            exitCode: back.exitCode ?? null,
            reason: back.failure?.why ?? null,
          }
        : null,
    }
  })
  for (const id of ctx.notSent)
    reports.push({
      instance: id,
      status: 'NotSent',
      details: 'NotSent',
      exitCode: null,
      durationMs: null,
      output: '',
      reason: 'not sent: an earlier batch of instances failed',
      rollback: null,
    })
  return reports
}

export function rolledBack(ctx: Context): boolean {
  return ctx.rollback?.pointer === 'restored' && !ctx.rollback.error && !rollbackFailures(ctx.rollback).length
}

function rollbackFailures(rollback: RollbackRun): InstanceResult[] {
  return allResults(rollback.commands).filter((r) => r.failure)
}

/** Why the run failed, in one sentence; undefined when it did not. */
export function failureSentence(ctx: Context): string | undefined {
  const plan = ctx.plan
  if (!plan || ctx.inputs.dryRun) return undefined
  const results = allResults(ctx.commands)
  const total = Math.max(results.length + ctx.notSent.length, plan.restart?.instances.length ?? 0)
  const clauses = failureClauses(results, total)
  if (ctx.restartError) clauses.unshift(`the restart failed: ${ctx.restartError}`)
  if (ctx.notSent.length)
    clauses.push(
      `${ctx.notSent.length} more ${ctx.notSent.length === 1 ? 'was' : 'were'} not sent the restart once a batch had failed`,
    )
  for (const c of ctx.commands) {
    if (c.waitProblem) clauses.push(`${c.waitProblem}, so it was cancelled`)
    else if (c.over && c.results.length === 0)
      clauses.push(`SSM command ${c.id} reached no instance (${c.statusDetails ?? c.status})`)
  }
  if (clauses.length === 0) return undefined
  return `${capitalize(clauses.join('; '))}; ${rollbackClause(ctx)}.`
}

function rollbackClause(ctx: Context): string {
  const plan = ctx.plan!
  if (!ctx.inputs.rollback)
    return !ctx.inputs.rollbackGiven
      ? `the pointer stays at ${plan.version}: the rollback entry goes back to ${plan.previousVersion ?? 'the previous version'} only with '${Input.rollback}: true'`
      : `nothing was rolled back ('${Input.rollback}' is false): the pointer stays at ${plan.version}`
  const rollback = ctx.rollback
  if (!rollback) return `nothing was rolled back`
  if (rollback.pointer === 'no-previous')
    return `there is nothing to roll back to (${rollback.pointerNote}), so the pointer stays at ${plan.version}`
  if (rollback.pointer === 'moved-by-someone-else') return rollback.pointerNote!
  if (rollback.pointer === 'failed')
    return `moving the pointer back to ${plan.previousVersion} failed: ${rollback.error}`
  const back = `the pointer is back at ${plan.previousVersion}`
  if (rollback.error) return `${back}, but restarting the instances on it failed: ${rollback.error}`
  const failed = rollbackFailures(rollback)
  if (failed.length)
    return `${back}, but restarting on it failed too: ${failureClauses(allResults(rollback.commands)).join('; ')}`
  const n = rollback.instances.length
  if (n === 0) return `${back} (no instance had been restarted yet)`
  return `${back} and ${n === 1 ? `the changed instance ${rollback.instances[0]} was` : `the ${n} changed instances (${listText(rollback.instances)}) were`} restarted on it`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function setOutputs(ctx: Context): void {
  const plan = ctx.plan!
  core.setOutput(Output.version, plan.version)
  core.setOutput(Output.previousVersion, plan.previousVersion ?? '')
  core.setOutput(Output.objectKey, plan.object.key)
  // No release has a SHA-256 the file does not have.
  core.setOutput(Output.sha256, ctx.sha256Mismatch ? '' : plan.sha256)
  core.setOutput(Output.commandId, ctx.commands.map((c) => c.id).join(','))
  core.setOutput(Output.instances, JSON.stringify(instanceReports(ctx)))
  core.setOutput(Output.rolledBack, String(rolledBack(ctx)))
}

function headline(ctx: Context, failure: string | undefined): string {
  const plan = ctx.plan!
  if (ctx.inputs.dryRun) return `deploy-binary: ${plan.version} planned (dry run)`
  if (!failure) return `deploy-binary: ${plan.version} released ✅`
  if (rolledBack(ctx))
    return `deploy-binary: ${plan.version} failed and was rolled back to ${plan.previousVersion} ↩️`
  return `deploy-binary: ${plan.version} failed ❌`
}

function resultRows(reports: InstanceReport[]): Cell[][] {
  return reports.map((r) => [
    r.instance,
    r.details !== r.status ? `${r.status} (${r.details})` : r.status,
    r.exitCode ?? undefined,
    r.durationMs === null ? undefined : formatDuration(r.durationMs),
    r.reason ?? undefined,
    r.rollback ? `${r.rollback.status}${r.rollback.reason ? `: ${r.rollback.reason}` : ''}` : undefined,
    r.output ? `<code>${escapeHtml(r.output.split(/\r?\n/).slice(-3).join('\n'))}</code>` : undefined,
  ])
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export async function writeSummary(
  ctx: Context,
  timeline: Timeline,
  failure: string | undefined,
  logger: Logger,
): Promise<void> {
  const plan = ctx.plan!
  const reports = instanceReports(ctx)
  const summary = new SummaryBuilder().heading(headline(ctx, failure))
  if (failure) summary.paragraph(failure)
  summary.facts([
    ['Version', plan.version],
    ['Previous version', plan.previousVersion ?? '(none)'],
    ['Release', plan.object.uri],
    [
      'SHA-256',
      ctx.sha256Mismatch
        ? `\`${ctx.sha256Mismatch}\` (input '${Input.sha256}' declares \`${plan.sha256}\`)`
        : plan.sha256
          ? `\`${plan.sha256}\``
          : undefined,
    ],
    ['Uploaded', ctx.inputs.dryRun ? 'no (dry run)' : ctx.uploaded ? 'yes' : `no: ${plan.uploadNote}`],
    ['Pointer', `${plan.pointer.uri}`],
    ['Install mode', ctx.inputs.installMode],
    ['Rolled back', rolledBack(ctx) ? 'yes' : 'no'],
  ])
  if (reports.length)
    summary
      .paragraph('**Instances**')
      .table(
        ['Instance', 'Status', 'Exit', 'Duration', 'Why', 'Rollback', 'Output (end)'],
        resultRows(reports),
      )
  for (const c of [...ctx.commands, ...(ctx.rollback?.commands ?? [])]) {
    summary.link(
      `SSM command ${c.id}`,
      consoleUrl(ctx.inputs.aws.region, `systems-manager/run-command/${c.id}`),
    )
  }
  if (ctx.inputs.output)
    summary.paragraph(
      `Full output of each instance: s3://${ctx.inputs.output.bucket}/${ctx.inputs.output.prefix ? `${ctx.inputs.output.prefix}/` : ''}<command-id>/<instance>/awsrunShellScript/0.awsrunShellScript/stdout`,
    )
  summary.timeline(timeline).awsCalls(ctx.calls.callCounts())
  summary.inputs({
    [Input.file]: ctx.inputs.file,
    [Input.bucket]: ctx.inputs.bucket,
    [Input.prefix]: ctx.inputs.prefix,
    [Input.version]: ctx.inputs.version,
    [Input.pointerKey]: ctx.inputs.pointerKey,
    [Input.instanceIds]: ctx.inputs.fleet.kind === 'ids' ? ctx.inputs.fleet.ids.join(', ') : undefined,
    [Input.targets]:
      ctx.inputs.fleet.kind === 'targets'
        ? ctx.inputs.fleet.targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join('; ')
        : undefined,
    [Input.service]: ctx.inputs.service,
    [Input.installMode]: ctx.inputs.installMode,
    [Input.maxConcurrency]: ctx.inputs.maxConcurrency,
    [Input.maxErrors]: ctx.inputs.maxErrors,
    [Input.healthCheck]: ctx.inputs.healthCheck && healthCheckDisplay(ctx.inputs.healthCheck),
    [Input.dryRun]: ctx.inputs.dryRun,
  })
  await summary.write(logger)
}
