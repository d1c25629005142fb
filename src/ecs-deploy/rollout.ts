import type { Deployment, Service, ServiceDeployment, Task } from '@aws-sdk/client-ecs'
import type { WaitFor } from './inputs'
import { targetGroupsOf, type TargetsAssessment } from './target-health'
import { revisionText } from './task-definition'

/**
 * Rollout assessment: a pure function from one observation of a service to where its rollout
 * stands. Done when the deployment's rolloutState is COMPLETED (or, for services without
 * rollout state, when it is the only deployment and runs its desired count); failed when ECS's
 * circuit breaker fails it, when too many of its tasks stop, or when it is replaced or deleted.
 */

export interface Expectation {
  /** The deployment UpdateService started; absent when following a rollback ECS started itself. */
  deploymentId?: string
  taskDefinitionArn: string
  previousTaskDefinitionArn: string
  waitFor: WaitFor
  maxFailedTasks?: number
  /** The service's circuit breaker rolls back by itself. */
  ecsRollsBack: boolean
  /** Containers of the task definition that define a health check (for `wait-for: healthy`). */
  healthChecked: readonly string[]
  /**
   * The service deployment ECS records for this rollout (ListServiceDeployments), followed
   * beside the service's deployments: a rolling rollout is done only once ECS also calls it
   * SUCCESSFUL.
   */
  serviceDeploymentArn?: string
}

export interface Observation {
  /** Undefined when DescribeServices no longer finds the service. */
  service?: Service
  /** Stopped tasks of the deployment that failed (failed to start, exited, failed health checks). */
  failedTasks: Task[]
  /** Running tasks of the deployment, looked at only for `wait-for: healthy`. */
  runningTasks?: Task[]
  /** ELB's health of their targets, for `wait-for: healthy` behind target groups. */
  targets?: TargetsAssessment
  /** The rollout's service deployment, when its ARN is known and ECS still finds it. */
  serviceDeployment?: ServiceDeployment
}

export interface Failure {
  /** A clause for the failure sentence: `2 tasks of revision 43 stopped: ... (exit code 1)`. */
  reason: string
  failedTasks: Task[]
}

export type Status =
  | { phase: 'waiting'; state: string }
  | { phase: 'done'; state: string }
  | { phase: 'failed'; state: string; failure: Failure }
  /** ECS's circuit breaker failed the rollout and rolls back by itself: follow it, do not fight it. */
  | { phase: 'ecs-rolling-back'; state: string; failure: Failure }

export function assess(observation: Observation, expectation: Expectation): Status {
  const { service } = observation
  if (!service || service.status !== 'ACTIVE') {
    const state = service ? `service is ${service.status}` : 'service no longer exists'
    const reason = service
      ? `the service became ${service.status} during the rollout`
      : 'the service was deleted during the rollout'
    return failed(state, { reason, failedTasks: [] })
  }
  const deployments = service.deployments ?? []
  const ours = findDeployment(deployments, expectation)
  const primary = deployments.find((d) => d.status === 'PRIMARY')
  if (!ours || ours.status !== 'PRIMARY') return assessReplaced(observation, expectation, ours, primary)
  const revision = revisionText(expectation.taskDefinitionArn, expectation.previousTaskDefinitionArn)
  if (ours.rolloutState === 'FAILED') {
    const failure = circuitBreakerFailure(ours, observation.failedTasks, revision)
    const state = `rollout FAILED: ${ours.rolloutStateReason ?? 'circuit breaker'}`
    return expectation.ecsRollsBack ? { phase: 'ecs-rolling-back', state, failure } : failed(state, failure)
  }
  const stopped = observation.failedTasks.length
  if (expectation.maxFailedTasks !== undefined && stopped >= expectation.maxFailedTasks) {
    return failed(`${stopped} tasks stopped`, {
      reason: stoppedTasksClause(observation.failedTasks, revision),
      failedTasks: observation.failedTasks,
    })
  }
  const progress = progressText(ours, deployments, stopped)
  if (
    isFinished(ours, deployments, expectation, observation.runningTasks) &&
    targetsHealthy(observation, expectation) &&
    serviceDeploymentDone(observation, expectation)
  ) {
    return {
      phase: 'done',
      state: expectation.waitFor === 'healthy' ? `healthy (${progress})` : `rollout completed (${progress})`,
    }
  }
  if (expectation.waitFor === 'healthy' && observation.runningTasks !== undefined) {
    // Say how far health is, so that a timeout says health was never reached, not only "2/2 running".
    const healthy = observation.runningTasks.filter((t) => isHealthy(t, expectation.healthChecked)).length
    const targets = observation.targets ? `, ${observation.targets.groups.join(', ')}` : ''
    return { phase: 'waiting', state: `${progress}, ${healthy}/${ours.desiredCount ?? 0} healthy${targets}` }
  }
  return { phase: 'waiting', state: progress }
}

/**
 * A rolling rollout's service deployment: `stable` waits for ECS to call it SUCCESSFUL too (it
 * does once the deployment is COMPLETED; ECS API reference, ServiceDeployment). `healthy` stops
 * earlier by design, and a record ECS no longer finds does not hold the wait.
 */
function serviceDeploymentDone(observation: Observation, expectation: Expectation): boolean {
  if (expectation.waitFor === 'healthy' || !expectation.serviceDeploymentArn) return true
  const status = observation.serviceDeployment?.status
  return status === undefined || status === 'SUCCESSFUL'
}

/** Behind target groups, `healthy` also needs ELB to report every new task's target healthy. */
function targetsHealthy(observation: Observation, expectation: Expectation): boolean {
  if (expectation.waitFor !== 'healthy' || targetGroupsOf(observation.service).length === 0) return true
  return observation.targets?.healthy === true
}

function failed(state: string, failure: Failure): Status {
  return { phase: 'failed', state, failure }
}

function findDeployment(deployments: Deployment[], expectation: Expectation): Deployment | undefined {
  if (expectation.deploymentId) return deployments.find((d) => d.id === expectation.deploymentId)
  return deployments.find((d) => d.status === 'PRIMARY' && d.taskDefinition === expectation.taskDefinitionArn)
}

/** Our deployment is no longer the primary one: ECS rolled back, or someone deployed over us. */
function assessReplaced(
  observation: Observation,
  expectation: Expectation,
  ours: Deployment | undefined,
  primary: Deployment | undefined,
): Status {
  const revision = revisionText(expectation.taskDefinitionArn, expectation.previousTaskDefinitionArn)
  const rolledBackByEcs =
    primary?.taskDefinition === expectation.previousTaskDefinitionArn &&
    expectation.previousTaskDefinitionArn !== expectation.taskDefinitionArn &&
    (ours?.rolloutState === 'FAILED' || (ours === undefined && expectation.ecsRollsBack))
  if (rolledBackByEcs) {
    const failure = circuitBreakerFailure(ours, observation.failedTasks, revision)
    return {
      phase: 'ecs-rolling-back',
      state: `ECS is rolling back to ${revisionText(primary?.taskDefinition)}`,
      failure,
    }
  }
  // Following a rollback ECS starts by itself: its deployment may not exist yet.
  if (!expectation.deploymentId)
    return {
      phase: 'waiting',
      state: `waiting for ECS to start the deployment of ${revisionText(expectation.taskDefinitionArn)}`,
    }
  const other = primary?.taskDefinition
    ? revisionText(primary.taskDefinition, expectation.taskDefinitionArn)
    : 'another deployment'
  return failed(`replaced by ${other}`, {
    reason: `another deployment (${other}) replaced the rollout of ${revision}`,
    failedTasks: observation.failedTasks,
  })
}

function circuitBreakerFailure(ours: Deployment | undefined, tasks: Task[], revision: string): Failure {
  if (tasks.length > 0)
    return {
      reason: `${stoppedTasksClause(tasks, revision)}, and ECS's circuit breaker failed the rollout`,
      failedTasks: tasks,
    }
  const why = ours?.rolloutStateReason ? ` (${ours.rolloutStateReason.replace(/\.$/, '')})` : ''
  return { reason: `ECS's circuit breaker failed the rollout of ${revision}${why}`, failedTasks: tasks }
}

function isFinished(
  ours: Deployment,
  deployments: Deployment[],
  expectation: Expectation,
  running: Task[] | undefined,
): boolean {
  const desired = ours.desiredCount ?? 0
  const runsDesired = (ours.runningCount ?? 0) >= desired && (ours.pendingCount ?? 0) === 0
  if (expectation.waitFor === 'healthy') {
    return (
      runsDesired &&
      running !== undefined &&
      running.length >= desired &&
      running.every((t) => isHealthy(t, expectation.healthChecked))
    )
  }
  if (ours.rolloutState) return ours.rolloutState === 'COMPLETED'
  return (
    deployments.filter((d) => d.status !== 'INACTIVE').length === 1 &&
    (ours.runningCount ?? 0) === desired &&
    (ours.pendingCount ?? 0) === 0
  )
}

/** A running task whose containers with a health check all report HEALTHY. */
export function isHealthy(task: Task, healthChecked: readonly string[]): boolean {
  if (task.lastStatus !== 'RUNNING' || task.healthStatus === 'UNHEALTHY') return false
  const containers = task.containers ?? []
  return healthChecked.every((name) => containers.find((c) => c.name === name)?.healthStatus === 'HEALTHY')
}

function progressText(ours: Deployment, deployments: Deployment[], stopped: number): string {
  const running = ours.runningCount ?? 0
  const desired = ours.desiredCount ?? 0
  const pending = ours.pendingCount ?? 0
  if (running === 0 && pending === 0 && stopped === 0) return `deployment created, 0/${desired} tasks running`
  const parts = [`${running}/${desired} tasks running`]
  if (pending > 0) parts.push(`${pending} pending`)
  if (stopped > 0) parts.push(`${stopped} stopped`)
  const draining = deployments
    .filter((d) => d !== ours && d.status !== 'INACTIVE')
    .reduce((sum, d) => sum + (d.runningCount ?? 0), 0)
  if (draining > 0) parts.push(`${draining} old ${draining === 1 ? 'task' : 'tasks'} draining`)
  return parts.join(', ')
}

/** Tasks that stopped because they failed, rather than being scaled in, replaced or interrupted. */
export function isFailedTask(task: Task): boolean {
  if (task.stopCode === 'TaskFailedToStart' || task.stopCode === 'EssentialContainerExited') return true
  return /health ?check/i.test(task.stoppedReason ?? '')
}

/** `2 tasks of revision 43 stopped: Essential container in task exited (exit code 1)`. */
export function stoppedTasksClause(tasks: Task[], revision: string): string {
  const groups = new Map<string, number>()
  for (const task of tasks) {
    const why = taskStopText(task)
    groups.set(why, (groups.get(why) ?? 0) + 1)
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1] - a[1])
  const reasons = ordered.map(([why, count]) => (ordered.length > 1 ? `${why} (${count}x)` : why)).slice(0, 3)
  const noun = tasks.length === 1 ? 'task' : 'tasks'
  return `${tasks.length} ${noun} of ${revision} stopped: ${reasons.join('; ')}`
}

/** `Essential container in task exited (exit code 1)`, with the container when the task has several. */
export function taskStopText(task: Task): string {
  const reason = (task.stoppedReason ?? task.stopCode ?? 'stopped').replace(/\.$/, '')
  const containers = task.containers ?? []
  const culprit =
    containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ?? containers.find((c) => c.reason)
  if (!culprit) return reason
  const who = containers.length > 1 ? `container ${culprit.name}, ` : ''
  if (culprit.exitCode !== undefined && culprit.exitCode !== null)
    return `${reason} (${who}exit code ${culprit.exitCode})`
  return `${reason} (${who}${culprit.reason})`
}
