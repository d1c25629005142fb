import * as core from '@actions/core'
import type { ActionContext } from '../common/action'
import { AwsCalls } from '../common/aws'
import { CancelledError, errorMessage, UserError } from '../common/errors'
import { Phases } from '../common/phases'
import { Timeline } from '../common/summary'
import { Input } from './constants'
import { getInputs } from './inputs'
import { compareCosts, costOf, describePlan, formatUsd } from './plan'
import { plural } from '../common/plural'
import { headline, setOutputs, writeSummary } from './report'
import { applyAll, observeAll, planAll, verify, waitAll, type Context } from './run'

/**
 * invalidate-cdn: CloudFront invalidations that respect every limit, retry what CloudFront
 * refuses for its limits or throttles, cost as little as possible, and are waited to completion.
 *
 * inputs -> observe -> plan -> apply -> wait -> verify -> report
 */
export async function main({ signal, logger }: ActionContext): Promise<void> {
  const inputs = getInputs()
  const { connect } = await import('./cloudfront')
  const calls = new AwsCalls(inputs.aws, signal)
  const startedMs = Date.now()
  const ctx: Context = {
    inputs,
    cf: connect(calls),
    calls,
    logger,
    signal,
    targets: [],
    startedMs,
    deadlineMs: startedMs + inputs.timeoutMs,
  }
  const run = new Phases(new Timeline(), 'observe')
  let thrown: unknown
  let warning: string | undefined
  try {
    warning = await pipeline(ctx, run)
  } catch (error) {
    thrown = error instanceof CancelledError ? cancelled(ctx, run.current, error) : error
    throw thrown
  } finally {
    if (ctx.targets.length > 0 && ctx.targets.every((t) => t.plan)) {
      setOutputs(ctx)
      const failure = thrown === undefined ? undefined : errorMessage(thrown)
      await writeSummary(ctx, run.timeline, headline(ctx, failure, warning), logger)
    }
  }
  if (warning) core.warning(warning)
}

/** Runs the phases; returns the warning to show when the step succeeds with one (`on-timeout: warn`). */
async function pipeline(ctx: Context, run: Phases): Promise<string | undefined> {
  const { inputs, logger } = ctx
  await run.phase('observe', 'Observe', () => observeAll(ctx))
  await run.phase('plan', 'Plan', async () => logPlan(ctx))
  if (inputs.dryRun) {
    for (const t of ctx.targets) t.outcome = 'planned'
    run.skip(['apply', 'wait'], 'dry run')
    logger.info('Dry run: nothing was changed.')
    return undefined
  }
  try {
    await run.phase('apply', 'Submit the invalidations', () => applyAll(ctx))
  } finally {
    // Whatever went out stays in the outputs, even when another batch could not be submitted.
    for (const t of ctx.targets) t.outcome ??= 'failed'
  }
  // A distribution whose batches could not all go out fails the step, but the others' went out
  // and are waited for first, as asked, so the summary says whether they completed.
  const stopped = ctx.targets.some((t) => t.outcome === 'failed' || t.outcome === 'incomplete')
  if (stopped && inputs.wait && ctx.targets.some((t) => t.outcome === 'submitted'))
    await run.phase('wait', 'Wait until Completed', () => waitAll(ctx, (t) => t.outcome === 'submitted'))
  throwFailures(ctx)
  if (!inputs.wait) {
    run.skip(['wait'], `'${Input.wait}' is false`)
    return checked(ctx, run)
  }
  await run.phase('wait', 'Wait until Completed', () => waitAll(ctx))
  throwFailures(ctx)
  await checked(ctx, run)
  const slow = ctx.targets.filter((t) => t.outcome === 'propagating')
  if (slow.length === 0) return undefined
  run.markFailed('wait')
  const sentence = slow.map((t) => `${t.id}: ${t.reason}.`).join(' ')
  if (inputs.onTimeout === 'warn') return sentence
  throw new UserError(`${sentence} Set '${Input.onTimeout}: warn' to let a slow propagation pass.`)
}

function throwFailures(ctx: Context): void {
  const failed = ctx.targets.filter((t) => t.outcome === 'failed' || t.outcome === 'incomplete')
  if (failed.length > 0)
    throw new UserError(failed.map((t) => `${t.id}: ${t.reason?.replace(/\.$/, '')}.`).join(' '))
}

/** The verify phase: what went out covers what was asked for (see run.verify). */
async function checked(ctx: Context, run: Phases): Promise<undefined> {
  await run.untitled('verify', async () => {
    const problems = verify(ctx)
    if (problems.length > 0)
      throw new Error(`The submitted invalidations do not match the plan: ${problems.join('; ')}.`)
    const n = ctx.targets.reduce((sum, t) => sum + t.wanted.length, 0)
    ctx.logger.info(`Verified: the submitted invalidations cover all ${n} ${plural(n, 'path')} asked for.`)
  })
  return undefined
}

function logPlan(ctx: Context): void {
  planAll(ctx)
  for (const target of ctx.targets) {
    for (const line of describePlan(target.plan!)) ctx.logger.info(line)
    for (const note of target.notes) ctx.logger.info(`  ${note}`)
  }
  const c = compareCosts(ctx.targets.map((t) => t.plan!))
  ctx.logger.info(
    `Estimated cost: ${formatUsd(costOf(c.planned))} for ${c.planned} ${plural(c.planned, 'path')} (the list as given: ${c.naive} paths, ${formatUsd(costOf(c.naive))}; '/*': ${c.everything}, ${formatUsd(costOf(c.everything))}), beyond the month's free paths.`,
  )
}

/** What a cancelled run leaves behind, in one sentence. */
function cancelled(ctx: Context, stage: string, error: CancelledError): CancelledError {
  const ids = ctx.targets.flatMap((t) => t.submitted.map((s) => s.id))
  // A create sent and not answered may have been carried out: said so, with the reference
  // CloudFront would find it by, rather than "no invalidation was created".
  const unanswered = ctx.targets.filter((t) => t.creating !== undefined)
  const pending =
    unanswered.length === 0
      ? ''
      : `; ${unanswered.length === 1 ? 'a request' : `${unanswered.length} requests`} to create one ${unanswered.length === 1 ? 'was' : 'were'} not answered yet, so CloudFront may have created ${unanswered.length === 1 ? 'it' : 'them'} (${unanswered.map((t) => `distribution ${t.id}, CallerReference ${t.creating}`).join('; ')})`
  const left =
    ids.length === 0
      ? pending === ''
        ? 'no invalidation was created'
        : `no invalidation is known to have been created${pending}`
      : `${ids.length} ${plural(ids.length, 'invalidation')} (${ids.join(', ')}) ${ids.length === 1 ? 'was' : 'were'} created and CloudFront carries on with ${ids.length === 1 ? 'it' : 'them'}${pending}`
  for (const t of ctx.targets)
    if (t.outcome === undefined || t.outcome === 'submitted') t.outcome = 'cancelled'
  core.info(`Cancelled during ${stage}: ${left}.`)
  return new CancelledError(`${error.message.replace(/\.$/, '')} during ${stage}: ${left}.`)
}
