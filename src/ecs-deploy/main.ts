import * as core from '@actions/core'
import type { ActionContext } from '../common/action'
import { AwsCalls } from '../common/aws'
import { CancelledError, errorMessage, UserError } from '../common/errors'
import { Phases } from '../common/phases'
import { Timeline } from '../common/summary'
import {
  anyFailure,
  applyAll,
  cleanUpAll,
  newRegion,
  observeAll,
  planAll,
  rollBackAll,
  waitAll,
  type Context,
} from './deploy'
import { getInputs } from './inputs'
import { describePlan } from './plan'
import { failureSentence, headline, serviceResults, setOutputs, writeSummary } from './report'
import { shortName } from './task-definition'

/**
 * ecs-deploy: roll out ECS services (a forced deployment, new images, or a task definition),
 * wait until each rollout is really done, explain failures and roll back.
 *
 * inputs -> observe -> plan -> apply -> wait -> roll back -> report
 */
export async function main({ signal, logger }: ActionContext): Promise<void> {
  const inputs = getInputs()
  const { connect } = await import('./ecs')
  const calls = new AwsCalls(inputs.aws, signal)
  const ctx: Context = {
    inputs,
    regions: inputs.regions.map((region) => newRegion(region, connect(calls, region))),
    logger,
    signal,
    calls,
  }
  const run = new Phases(new Timeline(), 'observe')
  let thrown: unknown
  try {
    await pipeline(ctx, run)
  } catch (error) {
    thrown = error instanceof CancelledError ? cancelled(ctx, run.current, error) : error
    throw thrown
  } finally {
    if (ctx.regions.every((r) => r.plan)) await report(ctx, run.timeline, thrown)
  }
  const failure = failureSentence(serviceResults(ctx))
  if (failure) throw new UserError(failure)
}

async function pipeline(ctx: Context, run: Phases): Promise<void> {
  const { inputs } = ctx
  await run.phase('observe', 'Observe', () => observeAll(ctx))
  await run.phase('plan', 'Plan', async () => logPlan(ctx))
  if (inputs.dryRun) {
    run.skip(['apply', 'wait'], 'dry run')
    return ctx.logger.info('Dry run: nothing was changed.')
  }
  await run.phase('apply', 'Apply', () => applyAll(ctx))
  if (!inputs.wait) return run.skip(['wait'], `'wait' is false`)
  if (!anyFailure(ctx)) await run.phase('wait', 'Wait for the rollout', () => waitAll(ctx))
  if (!anyFailure(ctx)) {
    const keep = inputs.keepRevisions
    if (keep !== undefined)
      await run.phase('clean up', 'Deregister old revisions', () => cleanUpAll(ctx, keep))
    return
  }
  run.markFailed('wait')
  if (!inputs.rollback) return
  if (ctx.regions.some((r) => r.updates.some((u) => u.updated)))
    await run.phase('roll back', 'Roll back', () => rollBackAll(ctx))
  else run.skip('roll back', 'no service was changed')
}

function logPlan(ctx: Context): void {
  planAll(ctx)
  for (const region of ctx.regions) for (const line of describePlan(region.plan!)) ctx.logger.info(line)
}

async function report(ctx: Context, timeline: Timeline, thrown: unknown): Promise<void> {
  const results = serviceResults(ctx)
  setOutputs(results)
  const failure = thrown === undefined ? failureSentence(results) : errorMessage(thrown)
  await writeSummary({ ctx, results, timeline, headline: headline(results, failure) }, ctx.logger)
}

/** What a cancelled run leaves behind, in one sentence. */
function cancelled(ctx: Context, stage: string, error: CancelledError): CancelledError {
  const updated = ctx.regions.flatMap((r) =>
    r.updates.filter((u) => u.updated).map((u) => `${u.plan.service} (${shortName(u.targetArn)})`),
  )
  const running = ctx.regions.some((r) => r.plan?.runTask && !r.runTask && r.updates.length === 0)
  let left: string
  if (stage === 'observe') left = 'nothing was changed'
  else if (updated.length === 0)
    left = running ? 'no service was updated; a one-off task may still be running' : 'no service was updated'
  else if (stage === 'roll back')
    left = `the rollback of ${updated.join(', ')} was started and is left to ECS`
  else left = `the rollout of ${updated.join(', ')} continues under ECS's control and was not rolled back`
  core.info(`Cancelled during ${stage}: ${left}.`)
  return new CancelledError(`${error.message.replace(/\.$/, '')} during ${stage}: ${left}.`)
}
