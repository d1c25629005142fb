import type { Deployment, Service, ServiceEvent, Task } from '@aws-sdk/client-ecs'
import { anySignal, type Sleep } from '../common/cancel'
import { CancelledError } from '../common/errors'
import type { Logger } from '../common/log'
import { debugLogger, formatDuration } from '../common/log'
import { waitFor } from '../common/wait'
import { EVENTS_SHOWN, POLL_MAX_DELAY_MS, POLL_MIN_DELAY_MS, STOPPED_TASKS_REFRESH_MS } from './constants'
import type { Ecs } from './ecs'
import { assess, isFailedTask, isHealthy, type Expectation, type Status } from './rollout'
import { targetGroupsOf, type TargetsAssessment } from './target-health'
import { TargetHealthWatcher } from './targets'
import { revisionText } from './task-definition'

/**
 * Waiting for rollouts: one poll loop per cluster (DescribeServices takes ten services per
 * call), each service assessed on its own and its changes logged once. Stopped tasks are looked
 * up only when the deployment changed or a while has passed, to explain failures without
 * doubling the calls.
 */

export interface Tracked {
  service: string
  expectation: Expectation
}

export interface Outcome {
  service: string
  status: Status
  /** The service's latest events, newest first. */
  events: string[]
  elapsedMs: number
  /** The service deployment's statuses (and a native one's lifecycle stages), each when first seen (ms into the wait). */
  stages?: StageMark[]
}

export interface StageMark {
  stage: string
  atMs: number
}

/** What the shared end-of-wait helpers need of a followed service. */
export interface Followed {
  service: string
  expectation: Pick<Expectation, 'taskDefinitionArn' | 'previousTaskDefinitionArn'>
}

export interface WatchOptions {
  /** What the log lines are about, e.g. `us-east-1`. */
  label: string
  timeoutMs: number
  /** What is being waited for in the timeout sentence: `rolling out` or `rolling back`. */
  activity: string
  signal?: AbortSignal
  /**
   * Ends the wait early without failing it (a rollout failed elsewhere): services still rolling
   * out keep their last status, `waiting`. Its reason (an Error) says why in the log.
   */
  stop?: AbortSignal
  /** `first-failure` (default): the wait ends when any service fails; `all`: when every service has ended (rollbacks). */
  until?: 'first-failure' | 'all'
  logger: Logger
  minDelayMs?: number
  maxDelayMs?: number
  sleep?: Sleep
  now?: () => number
}

export function isTerminal(status: Status | undefined): boolean {
  return status !== undefined && status.phase !== 'waiting'
}

export async function watchServices(
  ecs: Ecs,
  cluster: string,
  tracked: Tracked[],
  options: WatchOptions,
): Promise<Outcome[]> {
  const now = options.now ?? Date.now
  const started = now()
  const outcomes = new Map<string, Outcome>()
  const targets = new TargetHealthWatcher(ecs.calls, ecs.region, options.logger, options.label)
  const tasks = new TaskWatcher(ecs, cluster, now, targets)
  const pending = (): Tracked[] => tracked.filter((t) => !isTerminal(outcomes.get(t.service)?.status))

  const poll = async (): Promise<void> => {
    const current = pending()
    const { services } = await ecs.describeServices(
      cluster,
      current.map((t) => t.service),
    )
    // The rollouts' service deployments, read after the services so that they are as recent.
    const arns = current.flatMap((t) => t.expectation.serviceDeploymentArn ?? [])
    const records = arns.length > 0 ? await ecs.describeServiceDeployments(arns) : []
    await Promise.all(
      current.map(async (t) => {
        const service = services.find((s) => s.serviceName === t.service)
        const serviceDeployment = records.find(
          (d) => d.serviceDeploymentArn === t.expectation.serviceDeploymentArn,
        )
        const status = assess({ ...(await tasks.observe(t, service)), serviceDeployment }, t.expectation)
        const previous = outcomes.get(t.service)
        const elapsedMs = now() - started
        if (previous?.status.state !== status.state)
          options.logger.info(`${options.label} ${t.service}: ${status.state} (${formatDuration(elapsedMs)})`)
        // The service deployment's statuses, each logged and marked on the timeline once.
        const stages = [...(previous?.stages ?? [])]
        const recorded = serviceDeployment?.status
        if (recorded && stages.at(-1)?.stage !== recorded) {
          stages.push({ stage: recorded, atMs: elapsedMs })
          options.logger.info(
            `${options.label} ${t.service}: service deployment ${recorded} (${formatDuration(elapsedMs)})`,
          )
        }
        outcomes.set(t.service, {
          service: t.service,
          status,
          events: recentEvents(service?.events),
          elapsedMs,
          ...(stages.length > 0 ? { stages } : {}),
        })
      }),
    )
  }

  const stop = options.stop
  let result: Awaited<ReturnType<typeof waitFor>>
  try {
    result = await waitFor({
      label: `${options.label} ${tracked.map((t) => t.service).join(', ')}`,
      poll,
      assess: () => combined(tracked, outcomes, options.until ?? 'first-failure'),
      timeoutMs: options.timeoutMs,
      minDelayMs: options.minDelayMs ?? POLL_MIN_DELAY_MS,
      maxDelayMs: options.maxDelayMs ?? POLL_MAX_DELAY_MS,
      signal: anySignal(options.signal, stop),
      sleep: options.sleep,
      now,
      logger: debugLogger(options.logger),
    })
  } catch (error) {
    if (!(error instanceof CancelledError) || !stop?.aborted || options.signal?.aborted) throw error
    return stopped(tracked, outcomes, options, now() - started)
  }
  if (result.outcome === 'timeout') markTimedOut(tracked, outcomes, options, now() - started)
  return tracked.map((t) => outcomes.get(t.service) as Outcome)
}

/** The outcomes of a wait ended by `stop`: the services still rolling out stay `waiting`. */
export function stopped(
  tracked: Followed[],
  outcomes: Map<string, Outcome>,
  options: WatchOptions,
  elapsedMs: number,
): Outcome[] {
  const open = tracked.filter((t) => !isTerminal(outcomes.get(t.service)?.status)).map((t) => t.service)
  const why = options.stop?.reason instanceof Error ? `: ${options.stop.reason.message}` : ''
  if (open.length > 0) options.logger.info(`${options.label} stopped waiting for ${open.join(', ')}${why}`)
  return tracked.map(
    (t) =>
      outcomes.get(t.service) ?? {
        service: t.service,
        status: { phase: 'waiting', state: 'not observed yet' },
        events: [],
        elapsedMs,
      },
  )
}

export function combined(
  tracked: Followed[],
  outcomes: Map<string, Outcome>,
  until: 'first-failure' | 'all',
): { state: string; done?: boolean; failure?: string } {
  const statuses = tracked.map((t) => outcomes.get(t.service)?.status)
  const state = tracked.map((t, i) => `${t.service} ${statuses[i]?.state ?? 'unknown'}`).join('; ')
  // Rollbacks are each waited for to the end, whatever happens to the others.
  if (until === 'all') return { state, done: statuses.every(isTerminal) }
  const failed = statuses.find((s) => s?.phase === 'failed' || s?.phase === 'ecs-rolling-back')
  if (failed && (failed.phase === 'failed' || failed.phase === 'ecs-rolling-back'))
    return { state, failure: failed.failure.reason }
  return { state, done: statuses.every((s) => s?.phase === 'done') }
}

export function markTimedOut(
  tracked: Followed[],
  outcomes: Map<string, Outcome>,
  options: WatchOptions,
  elapsedMs: number,
): void {
  for (const t of tracked) {
    const outcome = outcomes.get(t.service)
    if (isTerminal(outcome?.status)) continue
    const state = outcome?.status.state ?? 'not observed yet'
    const revision = revisionText(t.expectation.taskDefinitionArn, t.expectation.previousTaskDefinitionArn)
    const reason = `${revision} did not finish ${options.activity} within ${formatDuration(options.timeoutMs)} (${state})`
    outcomes.set(t.service, {
      service: t.service,
      status: { phase: 'failed', state: `timed out: ${state}`, failure: { reason, failedTasks: [] } },
      events: outcome?.events ?? [],
      elapsedMs,
      stages: outcome?.stages,
    })
  }
}

function recentEvents(events: ServiceEvent[] | undefined): string[] {
  return (events ?? [])
    .slice(0, EVENTS_SHOWN)
    .map((e) => `${e.createdAt ? new Date(e.createdAt).toISOString() : ''} ${e.message ?? ''}`.trim())
}

/** The deployment a service expectation follows. */
export function deploymentOf(service: Service | undefined, expectation: Expectation): Deployment | undefined {
  const deployments = service?.deployments ?? []
  if (expectation.deploymentId) return deployments.find((d) => d.id === expectation.deploymentId)
  return deployments.find((d) => d.taskDefinition === expectation.taskDefinitionArn && d.status === 'PRIMARY')
}

/**
 * Finds the failed tasks of each followed deployment, and its running tasks for
 * `wait-for: healthy`. Looks again only when the deployment changed (counts, rollout state, a
 * new event) or `STOPPED_TASKS_REFRESH_MS` has passed; each stopped task is described once.
 */
class TaskWatcher {
  private readonly described = new Set<string>()
  private readonly failed = new Map<string, Task[]>()
  private readonly checked = new Map<string, { fingerprint: string; at: number }>()

  constructor(
    private readonly ecs: Ecs,
    private readonly cluster: string,
    private readonly now: () => number,
    private readonly targets?: TargetHealthWatcher,
  ) {}

  async observe(
    tracked: Tracked,
    service: Service | undefined,
  ): Promise<{ service?: Service; failedTasks: Task[]; runningTasks?: Task[]; targets?: TargetsAssessment }> {
    if (!service) return { service, failedTasks: this.failed.get(tracked.service) ?? [] }
    const deployment = deploymentOf(service, tracked.expectation)
    const failedTasks = await this.failedTasks(tracked, service, deployment)
    const runningTasks = await this.runningTasks(tracked, deployment)
    const targets = await this.targetHealth(tracked, service, deployment, runningTasks)
    return { service, failedTasks, runningTasks, targets }
  }

  /**
   * For `wait-for: healthy` behind target groups: ELB's health of the new tasks' targets, looked
   * up once all of them run and pass their container health checks.
   */
  private async targetHealth(
    tracked: Tracked,
    service: Service,
    deployment: Deployment | undefined,
    running: Task[] | undefined,
  ): Promise<TargetsAssessment | undefined> {
    if (!this.targets || !running || !deployment || targetGroupsOf(service).length === 0) return undefined
    if (running.length < (deployment.desiredCount ?? 0)) return undefined
    if (!running.every((t) => isHealthy(t, tracked.expectation.healthChecked))) return undefined
    return this.targets.observe(tracked.service, service, running)
  }

  private async failedTasks(
    tracked: Tracked,
    service: Service,
    deployment: Deployment | undefined,
  ): Promise<Task[]> {
    const key = tracked.service
    const fingerprint = [
      deployment?.failedTasks,
      deployment?.runningCount,
      deployment?.pendingCount,
      deployment?.rolloutState,
      deployment?.status,
      service.events?.[0]?.id,
    ].join('|')
    const last = this.checked.get(key)
    const stale =
      last === undefined
        ? (deployment?.failedTasks ?? 0) > 0
        : last.fingerprint !== fingerprint || this.now() - last.at >= STOPPED_TASKS_REFRESH_MS
    if (last === undefined) this.checked.set(key, { fingerprint, at: this.now() })
    if (!stale || !deployment) return this.failed.get(key) ?? []
    this.checked.set(key, { fingerprint, at: this.now() })
    const arns = await this.ecs.listTasks({
      cluster: this.cluster,
      serviceName: key,
      desiredStatus: 'STOPPED',
    })
    const fresh = arns.filter((arn) => !this.described.has(arn))
    const tasks = fresh.length > 0 ? await this.ecs.describeTasks(this.cluster, fresh) : []
    for (const task of tasks) this.described.add(task.taskArn ?? '')
    const ours = tasks.filter((t) => belongsTo(t, deployment) && isFailedTask(t))
    const all = [...(this.failed.get(key) ?? []), ...ours]
    this.failed.set(key, all)
    return all
  }

  private async runningTasks(
    tracked: Tracked,
    deployment: Deployment | undefined,
  ): Promise<Task[] | undefined> {
    if (tracked.expectation.waitFor !== 'healthy' || !deployment) return undefined
    if ((deployment.runningCount ?? 0) < (deployment.desiredCount ?? 0)) return undefined
    const arns = await this.ecs.listTasks({
      cluster: this.cluster,
      serviceName: tracked.service,
      desiredStatus: 'RUNNING',
    })
    const tasks = arns.length > 0 ? await this.ecs.describeTasks(this.cluster, arns) : []
    return tasks.filter((t) => belongsTo(t, deployment))
  }
}

/** Tasks a service starts carry the deployment's id in `startedBy`. */
function belongsTo(task: Task, deployment: Deployment): boolean {
  if (task.startedBy && deployment.id) return task.startedBy === deployment.id
  return task.taskDefinitionArn === deployment.taskDefinition
}
