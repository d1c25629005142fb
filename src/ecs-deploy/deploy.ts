import type { AwsCalls } from '../common/aws'
import { anySignal, isCancellation, type Sleep } from '../common/cancel'
import { awsErrorCode, CancelledError, errorMessage } from '../common/errors'
import type { Logger } from '../common/log'
import {
  registerRevisions,
  rollBackService,
  runOneOffTask,
  stopWithRollback,
  updateServices,
  type RunTaskResult,
  type UpdatedService,
} from './apply'
import type { Ecs } from './ecs'
import { followDeployments, type NativeTracked } from './follow'
import type { Inputs } from './inputs'
import type { NativeExpectation, TestPoint } from './native'
import type { Status } from './rollout'
import { runTest, testFailureClause, type TestResult } from './smoke'
import { observe } from './observe'
import { plan, type Plan, type ServicePlan } from './plan'
import type { Expectation } from './rollout'
import { isNative, type RegionState } from './state'
import { newestFirst, parseTaskDefinitionId, shortName } from './task-definition'
import { watchServices, type Outcome, type Tracked, type WatchOptions } from './watch'

/**
 * The phases of a rollout, for every region at once. Each phase reads and fills the `Region`
 * records; main.ts calls them in the order of the pipeline.
 */

export interface Rollback {
  /**
   * `ours`: UpdateService back, or for a native deployment StopServiceDeployment with ROLLBACK;
   * `ecs`: ECS rolled back by itself (the circuit breaker; for a native deployment also an
   * alarm or a lifecycle hook); `none`: nothing to go back to.
   */
  by: 'ours' | 'ecs' | 'none'
  /** Through the ServiceDeployment API (a native deployment). */
  native?: boolean
  outcome?: Outcome
  error?: string
}

export interface Region {
  region: string
  ecs: Ecs
  state?: RegionState
  plan?: Plan
  registered: Map<string, string>
  runTask?: RunTaskResult
  updates: UpdatedService[]
  outcomes: Map<string, Outcome>
  rollbacks: Map<string, Rollback>
  /** Smoke test results by service, and the rollback a failed one asked for. */
  tests: Map<string, TestResult>
  deregistered: string[]
}

export interface Context {
  inputs: Inputs
  regions: Region[]
  logger: Logger
  signal?: AbortSignal
  sleep?: Sleep
  /** The run's AWS calls, counted for the summary. */
  calls?: AwsCalls
}

export function newRegion(region: string, ecs: Ecs): Region {
  return {
    region,
    ecs,
    registered: new Map(),
    updates: [],
    outcomes: new Map(),
    rollbacks: new Map(),
    tests: new Map(),
    deregistered: [],
  }
}

const each = <T>(ctx: Context, fn: (region: Region) => Promise<T>): Promise<T[]> =>
  Promise.all(ctx.regions.map(fn))

/**
 * Fail fast across regions: `fn` runs in every region at once with a `stop` controller that the
 * first failure aborts (its reason, an Error, says what failed where), so no region keeps waiting
 * for an outcome that no longer matters. A region fails by throwing, or by calling `stop.abort`
 * itself. The first error thrown is rethrown once every region has ended; being stopped is not an
 * error.
 */
async function eachFailFast(
  ctx: Context,
  failed: (region: Region) => string,
  fn: (region: Region, stop: AbortController) => Promise<void>,
): Promise<void> {
  const stop = new AbortController()
  const errors: unknown[] = []
  await each(ctx, async (r) => {
    try {
      await fn(r, stop)
    } catch (error) {
      const stopped = error instanceof CancelledError && stop.signal.aborted && !ctx.signal?.aborted
      if (stopped) return
      errors.push(error)
      if (!stop.signal.aborted) stop.abort(new Error(failed(r)))
    }
  })
  if (errors.length > 0) throw errors[0]
}

/** The run's signal, joined with a stop signal. */
function until(ctx: Context, stop: AbortController): AbortSignal {
  return anySignal(ctx.signal, stop.signal) as AbortSignal
}

export async function observeAll(ctx: Context): Promise<void> {
  await each(ctx, async (r) => {
    r.state = await observe(r.ecs, ctx.inputs)
    for (const s of r.state.services)
      ctx.logger.info(
        `[${r.region}] service ${s.name} runs ${shortName(s.taskDefinitionArn)} with ${s.desiredCount} desired task${s.desiredCount === 1 ? '' : 's'}`,
      )
  })
}

export function planAll(ctx: Context): void {
  for (const r of ctx.regions) r.plan = plan(ctx.inputs, r.state as RegionState)
}

/** Registers the revisions and runs the one-off task in every region, then updates the services. */
export async function applyAll(ctx: Context): Promise<void> {
  await each(ctx, async (r) => {
    r.registered = await registerRevisions(r.ecs, r.plan as Plan, ctx.logger)
  })
  // A one-off task that fails in one region stops the wait for the others (their tasks run on
  // under ECS), and no service is updated anywhere.
  const failed = (r: Region): string => `the one-off task failed in ${r.region}`
  await eachFailFast(ctx, failed, async (r, stop) => {
    const p = r.plan as Plan
    if (!p.runTask) return
    try {
      r.runTask = await runOneOffTask(r.ecs, p.runTask, r.registered, {
        cluster: p.cluster,
        timeoutMs: ctx.inputs.timeoutMs,
        signal: until(ctx, stop),
        logger: ctx.logger,
        sleep: ctx.sleep,
        nameRegion: ctx.regions.length > 1,
      })
    } catch (error) {
      if (error instanceof CancelledError && stop.signal.aborted && !ctx.signal?.aborted)
        ctx.logger.info(
          `[${r.region}] stopped waiting for the one-off task (it runs on under ECS): ${(stop.signal.reason as Error).message}`,
        )
      throw error
    }
  })
  await each(ctx, async (r) => {
    r.updates = await updateServices(r.ecs, r.plan as Plan, r.registered, ctx.logger)
  })
}

export function expectationFor(ctx: Context, r: Region, update: UpdatedService): Expectation {
  return {
    deploymentId: update.deploymentId,
    taskDefinitionArn: update.targetArn,
    previousTaskDefinitionArn: update.plan.previousTaskDefinitionArn,
    waitFor: ctx.inputs.waitFor,
    maxFailedTasks: ctx.inputs.maxFailedTasks,
    ecsRollsBack: update.plan.circuitBreaker.enable && update.plan.circuitBreaker.rollback,
    healthChecked: healthChecked(r, update.plan, update.targetArn),
    serviceDeploymentArn: update.serviceDeploymentArn,
  }
}

function healthChecked(r: Region, service: ServicePlan, arn: string): string[] {
  const target = service.target
  const containers =
    target.kind === 'registration'
      ? (r.plan?.registrations.find((reg) => reg.family === target.family)?.request.containerDefinitions ??
        [])
      : (r.state?.taskDefinitions.get(arn)?.definition.containerDefinitions ?? [])
  return containers.filter((c) => c.healthCheck?.command?.length).map((c) => c.name ?? '')
}

/**
 * Waits for every updated service of every region. The first failure anywhere (a service
 * failing, or not finishing in time) ends the waits in every other region at once, so the
 * rollback starts without waiting for rollouts whose outcome no longer matters.
 */
export async function waitAll(ctx: Context): Promise<void> {
  const failed = (r: Region): string => `a rollout failed in ${r.region}`
  await eachFailFast(ctx, failed, async (r, stop) => {
    const updated = r.updates.filter((u) => u.updated)
    const options: WatchOptions = {
      label: `[${r.region}]`,
      timeoutMs: ctx.inputs.timeoutMs,
      activity: 'rolling out',
      signal: ctx.signal,
      stop: stop.signal,
      logger: ctx.logger,
      sleep: ctx.sleep,
    }
    // Each kind of wait stops the other as soon as one of its services fails.
    const settle = (outcomes: Outcome[]): void => {
      for (const outcome of outcomes) r.outcomes.set(outcome.service, outcome)
      const failed = outcomes.find((o) => isFailure(o.status))
      if (failed && !stop.signal.aborted)
        stop.abort(new Error(`service ${failed.service} failed in ${r.region}`))
    }
    const rolling: Tracked[] = updated
      .filter((u) => !followsNatively(u))
      .map((u) => ({ service: u.plan.service, expectation: expectationFor(ctx, r, u) }))
    const native: NativeTracked[] = updated
      .filter(followsNatively)
      .map((u) => ({ service: u.plan.service, expectation: nativeExpectation(ctx, u, 'rollout') }))
    const cluster = (r.plan as Plan).cluster
    const onTest = (t: NativeTracked, _d: unknown, point: TestPoint): Promise<Status | undefined> =>
      smokeTest(ctx, r, updated.find((u) => u.plan.service === t.service) as UpdatedService, point)
    await Promise.all([
      rolling.length > 0 ? watchServices(r.ecs, cluster, rolling, options).then(settle) : undefined,
      native.length > 0 ? followDeployments(r.ecs, native, { ...options, onTest }).then(settle) : undefined,
    ])
  })
}

/**
 * Runs `test-command` for a deployment whose test traffic (or first step of production traffic)
 * reached the new revision. At a PAUSE hook, ContinueServiceDeployment says CONTINUE when it
 * passes and ROLLBACK when it fails; without one, a failure stops the deployment with
 * StopServiceDeployment ROLLBACK. A failure is returned as the deployment's status: rolling
 * back, at the test's request.
 */
async function smokeTest(
  ctx: Context,
  r: Region,
  update: UpdatedService,
  point: TestPoint,
): Promise<Status | undefined> {
  const hookId = point.hookId
  const test = ctx.inputs.test as NonNullable<Inputs['test']>
  const service = update.plan.service
  const arn = update.serviceDeploymentArn as string
  const result = await runTest(
    {
      command: test.command,
      url: test.url,
      region: r.region,
      cluster: (r.plan as Plan).cluster,
      service,
      serviceDeploymentArn: arn,
      deploymentId: update.deploymentId,
      taskDefinitionArn: update.targetArn,
      productionPercent: point.productionPercent,
    },
    { timeoutMs: ctx.inputs.timeoutMs, signal: ctx.signal, logger: ctx.logger },
  )
  r.tests.set(service, result)
  const verb = result.passed ? 'CONTINUE' : 'ROLLBACK'
  if (hookId) {
    await r.ecs.continueServiceDeployment(
      arn,
      hookId,
      verb,
      `answer the PAUSE hook ${hookId} of service ${service} in ${r.region} with ${verb}`,
    )
    ctx.logger.info(`[${r.region}] ${service}: answered PAUSE hook ${hookId} with ${verb}`)
  } else if (!result.passed && ctx.inputs.rollback) await stopWithRollback(r.ecs, update, ctx.logger)
  if (result.passed) return undefined
  const reason = testFailureClause(result)
  // Without a hook and with 'rollback: false', the deployment goes on under ECS: it failed all the same.
  if (!hookId && !ctx.inputs.rollback)
    return { phase: 'failed', state: 'the test command failed', failure: { reason, failedTasks: [] } }
  return {
    phase: 'ecs-rolling-back',
    state: 'the test command failed; rollback requested',
    failure: { reason, failedTasks: [] },
  }
}

/** A native deployment whose ServiceDeployment is known is followed through that API. */
function followsNatively(update: UpdatedService): boolean {
  return isNative(update.plan.strategy.strategy) && update.serviceDeploymentArn !== undefined
}

function nativeExpectation(
  ctx: Context,
  update: UpdatedService,
  purpose: NativeExpectation['purpose'],
): NativeExpectation {
  return {
    serviceDeploymentArn: update.serviceDeploymentArn as string,
    strategy: update.plan.strategy.strategy,
    waitFor: ctx.inputs.waitFor,
    taskDefinitionArn: update.targetArn,
    previousTaskDefinitionArn: update.plan.previousTaskDefinitionArn,
    purpose,
    test: purpose === 'rollout' ? update.plan.test : undefined,
  }
}

export function isFailure(status: Status | undefined): boolean {
  return status?.phase === 'failed' || status?.phase === 'ecs-rolling-back'
}

/** Whether anything went wrong in any region: a failed update, or a rollout that did not finish well. */
export function anyFailure(ctx: Context): boolean {
  return ctx.regions.some(
    (r) => r.updates.some((u) => !u.updated) || [...r.outcomes.values()].some((o) => isFailure(o.status)),
  )
}

/** Rolls every updated service of every region back, following ECS where it already does. */
export async function rollBackAll(ctx: Context): Promise<void> {
  await each(ctx, async (r) => {
    const rolling: Tracked[] = []
    const native: NativeTracked[] = []
    for (const update of r.updates.filter((u) => u.updated)) {
      const follow = followsNatively(update)
        ? await startNativeRollback(ctx, r, update)
        : await startRollback(ctx, r, update)
      if (follow && 'purpose' in follow.expectation) native.push(follow as NativeTracked)
      else if (follow) rolling.push(follow as Tracked)
    }
    const options: WatchOptions = {
      label: `[${r.region}] rollback`,
      timeoutMs: ctx.inputs.timeoutMs,
      activity: 'rolling back',
      until: 'all',
      signal: ctx.signal,
      logger: ctx.logger,
      sleep: ctx.sleep,
    }
    const cluster = (r.plan as Plan).cluster
    const outcomes = (
      await Promise.all([
        rolling.length > 0 ? watchServices(r.ecs, cluster, rolling, options) : [],
        native.length > 0 ? followDeployments(r.ecs, native, options) : [],
      ])
    ).flat()
    for (const outcome of outcomes) {
      const rollback = r.rollbacks.get(outcome.service)
      if (rollback) rollback.outcome = outcome
    }
  })
}

/**
 * A native deployment goes back through ECS: a rollback ECS started itself (an alarm, the
 * circuit breaker, a lifecycle hook) is followed; otherwise StopServiceDeployment with ROLLBACK
 * asks for one and it is followed to ROLLBACK_SUCCESSFUL. A deployment that already ended
 * (SUCCESSFUL, or STOPPED) can no longer be stopped: the service is then updated back to its
 * previous revision, as a rolling service is.
 */
async function startNativeRollback(
  ctx: Context,
  r: Region,
  update: UpdatedService,
): Promise<NativeTracked | Tracked | undefined> {
  const service = update.plan.service
  const previous = update.plan.previousTaskDefinitionArn
  const follow: NativeTracked = { service, expectation: nativeExpectation(ctx, update, 'rollback') }
  if (r.tests.get(service)?.passed === false) {
    ctx.logger.info(`[${r.region}] service ${service}: following the rollback the failed test asked for`)
    r.rollbacks.set(service, { by: 'ours', native: true })
    return follow
  }
  if (r.outcomes.get(service)?.status.phase === 'ecs-rolling-back') {
    ctx.logger.info(
      `[${r.region}] service ${service}: ECS is rolling back to ${shortName(previous)}; following it`,
    )
    r.rollbacks.set(service, { by: 'ecs', native: true })
    return follow
  }
  try {
    await stopWithRollback(r.ecs, update, ctx.logger)
    r.rollbacks.set(service, { by: 'ours', native: true })
    return follow
  } catch (error) {
    if (isCancellation(error)) throw error
    if (awsErrorCode((error as Error).cause) !== 'ConflictException') {
      r.rollbacks.set(service, {
        by: 'ours',
        native: true,
        error: errorMessage((error as Error).cause ?? error),
      })
      return undefined
    }
    ctx.logger.info(
      `[${r.region}] service ${service}: its deployment has ended and can no longer be stopped; updating it back to ${shortName(previous)}`,
    )
  }
  return startRollback(ctx, r, update)
}

async function startRollback(ctx: Context, r: Region, update: UpdatedService): Promise<Tracked | undefined> {
  const service = update.plan.service
  const previous = update.plan.previousTaskDefinitionArn
  const base: Expectation = {
    taskDefinitionArn: previous,
    previousTaskDefinitionArn: update.targetArn,
    waitFor: 'stable',
    ecsRollsBack: false,
    healthChecked: [],
  }
  if (r.outcomes.get(service)?.status.phase === 'ecs-rolling-back') {
    ctx.logger.info(
      `[${r.region}] service ${service}: ECS's circuit breaker is rolling back to ${shortName(previous)}; following it`,
    )
    r.rollbacks.set(service, { by: 'ecs' })
    return { service, expectation: base }
  }
  const countChanged =
    update.plan.desiredCount !== undefined && update.plan.desiredCount !== update.plan.previousDesiredCount
  if (update.targetArn === previous && !countChanged) {
    r.rollbacks.set(service, { by: 'none' })
    return undefined
  }
  try {
    const deploymentId = await rollBackService(r.ecs, (r.plan as Plan).cluster, update.plan, ctx.logger)
    r.rollbacks.set(service, { by: 'ours' })
    return { service, expectation: { ...base, deploymentId } }
  } catch (error) {
    if (isCancellation(error)) throw error
    r.rollbacks.set(service, { by: 'ours', error: errorMessage(error) })
    return undefined
  }
}

/** Deregisters ACTIVE revisions of the registered families beyond the newest N, never one still in use. */
export async function cleanUpAll(ctx: Context, keep: number): Promise<void> {
  await each(ctx, async (r) => {
    const inUse = new Set(r.updates.flatMap((u) => [u.targetArn, u.plan.previousTaskDefinitionArn]))
    for (const family of r.registered.keys()) {
      try {
        const arns = await r.ecs.listTaskDefinitions(family)
        // Newest first by revision number, whatever order the server listed them in.
        const old = newestFirst(arns.filter((arn) => parseTaskDefinitionId(arn).family === family))
          .slice(keep)
          .filter((arn) => !inUse.has(arn))
        for (const arn of old) {
          await r.ecs.deregisterTaskDefinition(arn)
          r.deregistered.push(arn)
        }
        if (old.length > 0)
          ctx.logger.info(
            `[${r.region}] deregistered ${old.length} old revisions of ${family}: ${old.map(shortName).join(', ')}`,
          )
      } catch (error) {
        if (isCancellation(error)) throw error
        ctx.logger.warning(
          `[${r.region}] could not deregister old revisions of ${family}: ${errorMessage(error)}`,
        )
      }
    }
  })
}
