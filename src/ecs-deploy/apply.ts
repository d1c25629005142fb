import type { Service, Task } from '@aws-sdk/client-ecs'
import { isCancellation, type Sleep } from '../common/cancel'
import { awsErrorCode, errorMessage, UserError } from '../common/errors'
import type { Logger } from '../common/log'
import { formatDuration } from '../common/log'
import { waitFor } from '../common/wait'
import { POLL_MAX_DELAY_MS, POLL_MIN_DELAY_MS } from './constants'
import type { Ecs } from './ecs'
import type { Plan, RunTaskPlan, ServicePlan, Target } from './plan'
import { taskStopText } from './rollout'
import { revisionText, shortName } from './task-definition'

/** Applying a plan: registering revisions, the one-off task, and the service updates. */

export interface UpdatedService {
  plan: ServicePlan
  targetArn: string
  deploymentId?: string
  /** The ServiceDeployment the update started (ListServiceDeployments), when ECS names one. */
  serviceDeploymentArn?: string
  /** Whether UpdateService succeeded (the service then needs a rollback on failure). */
  updated: boolean
  error?: string
}

/** Registers the plan's new revisions; returns their ARNs by family. */
export async function registerRevisions(ecs: Ecs, plan: Plan, logger: Logger): Promise<Map<string, string>> {
  const arns = new Map<string, string>()
  for (const registration of plan.registrations) {
    const definition = await ecs.registerTaskDefinition(registration.request)
    const arn = definition.taskDefinitionArn ?? ''
    logger.info(`[${plan.region}] registered ${shortName(arn)} (from ${shortName(registration.basedOn)})`)
    arns.set(registration.family, arn)
  }
  return arns
}

export function targetArn(target: Target, registered: Map<string, string>): string {
  return target.kind === 'existing' ? target.arn : (registered.get(target.family) ?? '')
}

export interface RunTaskOptions {
  cluster: string
  timeoutMs: number
  signal?: AbortSignal
  logger: Logger
  sleep?: Sleep
  /** Name the region in the failure sentences (when the rollout spans several). */
  nameRegion?: boolean
}

export interface RunTaskResult {
  task: Task
  exitCode?: number
  elapsedMs: number
}

/** Runs the one-off task to completion; a non-zero exit is a `UserError` that stops the rollout. */
export async function runOneOffTask(
  ecs: Ecs,
  run: RunTaskPlan,
  registered: Map<string, string>,
  options: RunTaskOptions,
): Promise<RunTaskResult> {
  const taskDefinition = targetArn(run.target, registered)
  const what = `one-off task (${run.command.join(' ')}) of ${shortName(taskDefinition)}`
  const where = options.nameRegion ? ` in ${ecs.region}` : ''
  const { task, failure } = await ecs.runTask({
    cluster: options.cluster,
    taskDefinition,
    count: 1,
    startedBy: 'ecs-deploy',
    launchType: run.launchType as never,
    capacityProviderStrategy: run.capacityProviderStrategy,
    platformVersion: run.platformVersion,
    networkConfiguration: run.networkConfiguration,
    overrides: { containerOverrides: [{ name: run.container, command: run.command }] },
  })
  if (!task?.taskArn) {
    throw new UserError(
      `The ${what} could not be started in ${ecs.region}: ${failure?.reason ?? 'no task was returned'}${failure?.detail ? ` (${failure.detail})` : ''}; no service was updated.`,
    )
  }
  options.logger.info(`[${ecs.region}] started the ${what}: ${task.taskArn}`)
  const result = await waitFor({
    label: `[${ecs.region}] ${what}`,
    poll: async () => (await ecs.describeTasks(options.cluster, [task.taskArn as string]))[0] ?? task,
    assess: (t) => ({ state: t.lastStatus ?? 'UNKNOWN', done: t.lastStatus === 'STOPPED' }),
    timeoutMs: options.timeoutMs,
    minDelayMs: POLL_MIN_DELAY_MS,
    maxDelayMs: POLL_MAX_DELAY_MS,
    signal: options.signal,
    logger: options.logger,
    sleep: options.sleep,
  })
  if (result.outcome !== 'done') {
    throw new UserError(
      `The ${what}${where} did not stop within ${formatDuration(options.timeoutMs)} (it is ${result.state}, and keeps running); no service was updated.`,
    )
  }
  const exitCode = result.value.containers?.find((c) => c.name === run.container)?.exitCode
  if (exitCode !== 0) {
    const why = taskStopText(result.value)
    const how =
      exitCode === undefined
        ? `failed without an exit code: ${why}`
        : `failed with exit code ${exitCode} (${(result.value.stoppedReason ?? why).replace(/\.$/, '')})`
    throw new UserError(`The ${what}${where} ${how}; no service was updated.`)
  }
  options.logger.info(`[${ecs.region}] the ${what} exited with code 0 (${formatDuration(result.elapsedMs)})`)
  return { task: result.value, exitCode, elapsedMs: result.elapsedMs }
}

/** Updates every service of the plan at once; a failed update is recorded, not thrown, so rollback knows what changed. */
export async function updateServices(
  ecs: Ecs,
  plan: Plan,
  registered: Map<string, string>,
  logger: Logger,
): Promise<UpdatedService[]> {
  return Promise.all(
    plan.services.map(async (service) => {
      const arn = targetArn(service.target, registered)
      try {
        const updated = await ecs.updateService(
          {
            cluster: plan.cluster,
            service: service.service,
            taskDefinition: arn,
            desiredCount: service.desiredCount,
            forceNewDeployment: service.forceNewDeployment,
          },
          `update service ${service.service} in ${plan.region} to ${shortName(arn)}`,
        )
        const deploymentId = newDeploymentId(updated, arn)
        const serviceDeploymentArn = await findServiceDeployment(ecs, plan, service, updated, logger)
        logger.info(
          `[${plan.region}] updated service ${service.service} to ${shortName(arn)}: deployment ${deploymentId ?? '(unknown)'}${serviceDeploymentArn ? ` (${serviceDeploymentArn})` : ''}`,
        )
        return { plan: service, targetArn: arn, deploymentId, serviceDeploymentArn, updated: true }
      } catch (error) {
        if (isCancellation(error)) throw error
        // Logged as a plain line: the step's failure sentence is its one annotation.
        logger.info(`[${plan.region}] ${errorMessage(error)}`)
        return { plan: service, targetArn: arn, updated: false, error: causeText(error) }
      }
    }),
  )
}

/**
 * The ServiceDeployment an update started: the newest PENDING or IN_PROGRESS one of the service
 * (ListServiceDeployments), the one the service names as current when it is among them. A
 * server without the API (or a call that fails) leaves a rolling update to the deployments of
 * DescribeServices, so it is only logged.
 */
async function findServiceDeployment(
  ecs: Ecs,
  plan: Plan,
  service: ServicePlan,
  updated: Service,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const listed = await ecs.listServiceDeployments(plan.cluster, service.service, ['PENDING', 'IN_PROGRESS'])
    // Newest first, whatever order the server listed them in.
    const newest = [...listed].sort(
      (a, b) => new Date(b.createdAt ?? 0).getTime() - new Date(a.createdAt ?? 0).getTime(),
    )
    const current = newest.find((d) => d.serviceDeploymentArn === updated.currentServiceDeployment)
    return (current ?? newest[0])?.serviceDeploymentArn ?? updated.currentServiceDeployment
  } catch (error) {
    if (isCancellation(error)) throw error
    logger.info(
      `[${plan.region}] service ${service.service}: its service deployment could not be listed (${errorMessage(error)}); following its deployments instead`,
    )
    return updated.currentServiceDeployment
  }
}

/** Asks ECS to roll a native deployment back (StopServiceDeployment with stopType ROLLBACK). */
export async function stopWithRollback(ecs: Ecs, update: UpdatedService, logger: Logger): Promise<void> {
  const service = update.plan.service
  const previous = update.plan.previousTaskDefinitionArn
  await ecs.stopServiceDeployment(
    update.serviceDeploymentArn as string,
    `roll service ${service} in ${ecs.region} back to ${shortName(previous)} (StopServiceDeployment ROLLBACK)`,
  )
  logger.info(
    `[${ecs.region}] asked ECS to roll service ${service} back to ${revisionText(previous)}: ${update.serviceDeploymentArn}`,
  )
}

/** The PRIMARY deployment UpdateService created for the task definition. */
export function newDeploymentId(service: Service, taskDefinitionArn: string): string | undefined {
  const deployments = service.deployments ?? []
  const primary =
    deployments.find((d) => d.status === 'PRIMARY' && d.taskDefinition === taskDefinitionArn) ??
    deployments.find((d) => d.status === 'PRIMARY')
  return primary?.id
}

/** Rolls a service back to the task definition (and desired count) it had before. */
export async function rollBackService(
  ecs: Ecs,
  cluster: string,
  service: ServicePlan,
  logger: Logger,
): Promise<string | undefined> {
  const previous = service.previousTaskDefinitionArn
  const updated = await ecs.updateService(
    {
      cluster,
      service: service.service,
      taskDefinition: previous,
      desiredCount: service.desiredCount !== undefined ? service.previousDesiredCount : undefined,
    },
    `roll service ${service.service} in ${ecs.region} back to ${shortName(previous)}`,
  )
  const id = newDeploymentId(updated, previous)
  logger.info(
    `[${ecs.region}] rolling service ${service.service} back to ${revisionText(previous)}: deployment ${id ?? '(unknown)'}`,
  )
  return id
}

/** What AWS said, without our own "Failed to ..." label (the sentence that reports it has its own). */
function causeText(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error
  const code = awsErrorCode(cause)
  const message = errorMessage(cause)
  return code && !message.startsWith(code) ? `${code}: ${message}` : message
}
