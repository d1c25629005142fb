// ECS's deployment controller, simulated: services with rolling deployments whose tasks start,
// run, fail and drain as the clock moves, the circuit breaker (with or without its own rollback),
// service events, and one-off tasks. Pure behaviour: it knows nothing of the wire format, and
// brings each service up to the clock's time whenever it is looked at.
import { randomBytes } from 'node:crypto'
import type { Clock } from '../clock'
import { AwsError } from '../errors'

export interface ControllerEnv {
  clock: Clock
  region: string
  accountId: string
}

/** How the next deployment of a service behaves. */
export interface RolloutScript {
  /** Time for the new tasks to start, one after another (default 1500 ms). */
  durationMs?: number
  /** Time old tasks take to drain once the new ones run (default 500 ms). */
  drainMs?: number
  /** Every new task stops soon after it starts: why, with which exit code. */
  fail?: TaskFailure
  /** The tasks stay PENDING: the rollout never completes. */
  stuck?: boolean
}

export interface TaskFailure {
  stoppedReason?: string
  stopCode?: 'TaskFailedToStart' | 'EssentialContainerExited' | 'ServiceSchedulerInitiated'
  exitCode?: number
  /** The container's own reason (`CannotPullContainerError: ...`) instead of an exit code. */
  containerReason?: string
  /** One task fails every this many ms (default 400). */
  everyMs?: number
}

/** How a one-off task started with RunTask behaves. */
export interface RunTaskScript {
  durationMs?: number
  exitCode?: number
  stoppedReason?: string
}

export interface ServiceSeed {
  cluster: string
  name: string
  taskDefinition: string
  containers: string[]
  desiredCount?: number
  launchType?: 'FARGATE' | 'EC2'
  circuitBreaker?: { enable: boolean; rollback: boolean }
  controller?: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL'
  status?: 'ACTIVE' | 'DRAINING' | 'INACTIVE'
  networkConfiguration?: Record<string, unknown>
}

export interface SimDeployment {
  id: string
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE'
  taskDefinition: string
  containers: string[]
  desiredCount: number
  pendingCount: number
  runningCount: number
  failedTasks: number
  createdAt: Date
  updatedAt: Date
  launchType?: string
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'
  rolloutStateReason: string
  script: Required<Pick<RolloutScript, 'durationMs' | 'drainMs'>> & RolloutScript
  /** Clock time the new tasks all ran (ms), and the time it was marked COMPLETED or FAILED. */
  runningAtMs?: number
  settledAtMs?: number
  startedMs: number
}

export interface SimService {
  cluster: string
  clusterArn: string
  serviceName: string
  serviceArn: string
  status: string
  desiredCount: number
  taskDefinition: string
  launchType?: string
  networkConfiguration?: Record<string, unknown>
  circuitBreaker: { enable: boolean; rollback: boolean }
  controller: string
  deployments: SimDeployment[]
  events: Array<{ id: string; createdAt: Date; message: string }>
  createdAt: Date
  nextScripts: RolloutScript[]
}

export interface SimTask {
  taskArn: string
  clusterArn: string
  taskDefinitionArn: string
  startedBy?: string
  group: string
  lastStatus: 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'STOPPED'
  desiredStatus: 'RUNNING' | 'STOPPED'
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'
  launchType?: string
  createdAt: Date
  startedAt?: Date
  stoppedAt?: Date
  stopCode?: string
  stoppedReason?: string
  containers: Array<{
    name: string
    lastStatus: string
    exitCode?: number
    reason?: string
    healthStatus: string
  }>
  /** One-off task behaviour. */
  run?: Required<Pick<RunTaskScript, 'durationMs'>> & RunTaskScript & { override?: string }
}

export const DEFAULT_SCRIPT = { durationMs: 1500, drainMs: 500 }

const id = (bytes = 8): string => randomBytes(bytes).toString('hex')

export class EcsController {
  private readonly services = new Map<string, SimService>()
  private readonly tasks = new Map<string, SimTask>()
  /** Scripted one-off task behaviours, used in order (default: exit 0 after 500 ms). */
  private readonly runScripts: RunTaskScript[] = []
  defaultScript: RolloutScript = { ...DEFAULT_SCRIPT }

  constructor(private readonly env: ControllerEnv) {}

  reset(): void {
    this.services.clear()
    this.tasks.clear()
    this.runScripts.length = 0
    this.defaultScript = { ...DEFAULT_SCRIPT }
  }

  private get nowMs(): number {
    return this.env.clock.nowMs()
  }

  private arn(kind: string, rest: string): string {
    return `arn:aws:ecs:${this.env.region}:${this.env.accountId}:${kind}/${rest}`
  }

  /** Scripting: a service already running `desiredCount` tasks of its task definition. */
  seedService(seed: ServiceSeed): SimService {
    const now = new Date(this.nowMs)
    const service: SimService = {
      cluster: seed.cluster,
      clusterArn: this.arn('cluster', seed.cluster),
      serviceName: seed.name,
      serviceArn: this.arn('service', `${seed.cluster}/${seed.name}`),
      status: seed.status ?? 'ACTIVE',
      desiredCount: seed.desiredCount ?? 2,
      taskDefinition: seed.taskDefinition,
      launchType: seed.launchType ?? 'FARGATE',
      networkConfiguration: seed.networkConfiguration ?? {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d'],
          securityGroups: ['sg-0a1b2c3d'],
          assignPublicIp: 'DISABLED',
        },
      },
      circuitBreaker: seed.circuitBreaker ?? { enable: false, rollback: false },
      controller: seed.controller ?? 'ECS',
      deployments: [],
      events: [],
      createdAt: now,
      nextScripts: [],
    }
    const first = this.newDeployment(service, seed.taskDefinition, seed.containers, {
      durationMs: 0,
      drainMs: 0,
    })
    first.rolloutState = 'COMPLETED'
    first.rolloutStateReason = 'ECS deployment ecs-svc completed.'
    first.runningCount = service.desiredCount
    first.pendingCount = 0
    first.runningAtMs = first.settledAtMs = this.nowMs
    for (let i = 0; i < service.desiredCount; i++) this.startTask(service, first)
    service.deployments = [first]
    this.services.set(key(seed.cluster, seed.name), service)
    return service
  }

  /** Scripting: how the next deployment of a service behaves (queued; later ones use the default). */
  scriptRollout(cluster: string, name: string, script: RolloutScript): void {
    this.require(cluster, name).nextScripts.push(script)
  }

  /** Scripting: how the next one-off task behaves. */
  scriptRunTask(script: RunTaskScript): void {
    this.runScripts.push(script)
  }

  /** A service brought up to the clock's time, or undefined. */
  find(cluster: string, nameOrArn: string): SimService | undefined {
    if (nameOrArn.startsWith('arn:') && nameOrArn.split(':')[3] !== this.env.region) return undefined
    const service = this.services.get(key(cluster, nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1)))
    if (service) this.advance(service)
    return service
  }

  /** Every deployment the controller started, for tests and benchmarks. */
  deploymentsOf(cluster: string, name: string): SimDeployment[] {
    return this.require(cluster, name).deployments
  }

  private require(cluster: string, name: string): SimService {
    const service = this.find(cluster, name)
    if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.')
    return service
  }

  /** UpdateService: a new deployment when the task definition changes or one is forced. */
  update(
    cluster: string,
    name: string,
    change: {
      taskDefinition?: string
      containers?: string[]
      desiredCount?: number
      forceNewDeployment?: boolean
    },
  ): SimService {
    const service = this.require(cluster, name)
    if (service.status !== 'ACTIVE')
      throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.')
    if (change.desiredCount !== undefined) {
      service.desiredCount = change.desiredCount
      for (const d of service.deployments) if (d.status === 'PRIMARY') d.desiredCount = change.desiredCount
    }
    const changed = change.taskDefinition !== undefined && change.taskDefinition !== service.taskDefinition
    if (!changed && !change.forceNewDeployment) return service
    const primary = service.deployments.find((d) => d.status === 'PRIMARY')
    const containers = change.containers ?? primary?.containers ?? []
    this.startDeployment(
      service,
      change.taskDefinition ?? service.taskDefinition,
      containers,
      service.nextScripts.shift() ?? this.defaultScript,
    )
    return service
  }

  private startDeployment(
    service: SimService,
    taskDefinition: string,
    containers: string[],
    script: RolloutScript,
  ): SimDeployment {
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE'
    const deployment = this.newDeployment(service, taskDefinition, containers, script)
    service.deployments.unshift(deployment)
    service.taskDefinition = taskDefinition
    this.event(
      service,
      `(service ${service.serviceName}) has started a deployment (${deployment.id}) of ${taskDefinition.slice(taskDefinition.lastIndexOf('/') + 1)}.`,
    )
    return deployment
  }

  private newDeployment(
    service: SimService,
    taskDefinition: string,
    containers: string[],
    script: RolloutScript,
  ): SimDeployment {
    const now = new Date(this.nowMs)
    return {
      id: `ecs-svc/${BigInt('0x' + id(7))
        .toString()
        .padStart(19, '0')
        .slice(0, 19)}`,
      status: 'PRIMARY',
      taskDefinition,
      containers,
      desiredCount: service.desiredCount,
      pendingCount: service.desiredCount,
      runningCount: 0,
      failedTasks: 0,
      createdAt: now,
      updatedAt: now,
      launchType: service.launchType,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: 'ECS deployment in progress.',
      script: { ...DEFAULT_SCRIPT, ...script },
      startedMs: this.nowMs,
    }
  }

  /** Brings every deployment of a service up to the clock's time. */
  private advance(service: SimService): void {
    for (const deployment of [...service.deployments]) {
      if (deployment.status === 'PRIMARY' && deployment.rolloutState === 'IN_PROGRESS')
        this.progress(service, deployment)
    }
    this.drainOld(service)
  }

  private progress(service: SimService, d: SimDeployment): void {
    const elapsed = this.nowMs - d.startedMs
    if (d.script.stuck) return
    if (d.script.fail) return this.failTasks(service, d, elapsed)
    const step = d.desiredCount === 0 ? 0 : d.script.durationMs / d.desiredCount
    const target =
      d.desiredCount === 0
        ? 0
        : Math.min(d.desiredCount, step === 0 ? d.desiredCount : Math.floor(elapsed / step))
    while (d.runningCount < target) {
      this.startTask(service, d)
      d.runningCount += 1
      d.pendingCount = Math.max(0, d.desiredCount - d.runningCount)
      d.updatedAt = new Date(this.nowMs)
    }
    if (d.runningCount < d.desiredCount) return
    d.runningAtMs ??= d.startedMs + d.script.durationMs
    if (this.nowMs < d.runningAtMs + d.script.drainMs) return
    this.complete(service, d, d.runningAtMs + d.script.drainMs)
  }

  private complete(service: SimService, d: SimDeployment, atMs: number): void {
    for (const old of service.deployments.filter((o) => o !== d && o.status !== 'INACTIVE')) this.retire(old)
    service.deployments = service.deployments.filter((o) => o.status !== 'INACTIVE')
    d.rolloutState = 'COMPLETED'
    d.rolloutStateReason = 'ECS deployment completed.'
    d.settledAtMs = atMs
    d.updatedAt = new Date(atMs)
    this.event(service, `(service ${service.serviceName}) (deployment ${d.id}) deployment completed.`)
    this.event(service, `(service ${service.serviceName}) has reached a steady state.`)
  }

  /** Tasks of a failing deployment start and stop one after another until the circuit breaker trips. */
  private failTasks(service: SimService, d: SimDeployment, elapsed: number): void {
    const fail = d.script.fail as TaskFailure
    const every = fail.everyMs ?? 400
    const due = Math.floor(elapsed / every)
    while (d.failedTasks < due && d.rolloutState === 'IN_PROGRESS') {
      const task = this.startTask(service, d)
      this.stopTask(task, fail, d.startedMs + (d.failedTasks + 1) * every)
      d.failedTasks += 1
      d.updatedAt = new Date(this.nowMs)
      this.event(
        service,
        `(service ${service.serviceName}) has stopped 1 running tasks: (task ${shortId(task.taskArn)}).`,
      )
      if (service.circuitBreaker.enable && d.failedTasks >= breakerThreshold(d.desiredCount))
        this.trip(service, d)
    }
  }

  private trip(service: SimService, d: SimDeployment): void {
    d.rolloutState = 'FAILED'
    d.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.'
    d.settledAtMs = this.nowMs
    this.event(
      service,
      `(service ${service.serviceName}) (deployment ${d.id}) deployment failed: tasks failed to start.`,
    )
    if (!service.circuitBreaker.rollback) return
    const previous = service.deployments.find((o) => o !== d && o.rolloutState === 'COMPLETED')
    if (!previous) return
    this.event(service, `(service ${service.serviceName}) rolling back to deployment ${previous.id}.`)
    this.startDeployment(service, previous.taskDefinition, previous.containers, {
      ...DEFAULT_SCRIPT,
      durationMs: 600,
      drainMs: 200,
    })
  }

  /** Old deployments stop their tasks once the primary runs all of its own. */
  private drainOld(service: SimService): void {
    const primary = service.deployments.find((d) => d.status === 'PRIMARY')
    if (!primary || primary.runningAtMs === undefined) return
    if (this.nowMs < primary.runningAtMs + primary.script.drainMs) return
    for (const old of service.deployments.filter((o) => o !== primary && o.status === 'ACTIVE'))
      this.retire(old)
    service.deployments = service.deployments.filter((o) => o.status !== 'INACTIVE')
  }

  private retire(d: SimDeployment): void {
    for (const task of this.tasks.values()) {
      if (task.startedBy === d.id && task.lastStatus !== 'STOPPED') {
        this.stopTask(task, {
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason: 'Scaling activity initiated by (deployment ' + d.id + ')',
          exitCode: 0,
        })
      }
    }
    d.runningCount = 0
    d.pendingCount = 0
    d.status = 'INACTIVE'
  }

  private startTask(service: SimService, d: SimDeployment): SimTask {
    const arn = this.arn('task', `${service.cluster}/${id(16)}`)
    const now = new Date(this.nowMs)
    const task: SimTask = {
      taskArn: arn,
      clusterArn: service.clusterArn,
      taskDefinitionArn: d.taskDefinition,
      startedBy: d.id,
      group: `service:${service.serviceName}`,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      healthStatus: 'HEALTHY',
      launchType: service.launchType,
      createdAt: now,
      startedAt: now,
      containers: d.containers.map((name) => ({ name, lastStatus: 'RUNNING', healthStatus: 'HEALTHY' })),
    }
    this.tasks.set(arn, task)
    return task
  }

  private stopTask(task: SimTask, how: TaskFailure, atMs = this.nowMs): void {
    task.lastStatus = 'STOPPED'
    task.desiredStatus = 'STOPPED'
    task.stoppedAt = new Date(atMs)
    task.stopCode = how.stopCode ?? 'EssentialContainerExited'
    task.stoppedReason = how.stoppedReason ?? 'Essential container in task exited'
    task.healthStatus = 'UNKNOWN'
    task.containers = task.containers.map((c, i) => ({
      ...c,
      lastStatus: 'STOPPED',
      healthStatus: 'UNKNOWN',
      exitCode: how.containerReason && i === 0 ? undefined : i === 0 ? (how.exitCode ?? 1) : 0,
      reason: i === 0 ? how.containerReason : undefined,
    }))
  }

  /** RunTask: a one-off task that runs for its scripted time and exits with its scripted code. */
  runTask(
    cluster: string,
    taskDefinition: string,
    containers: string[],
    options: { startedBy?: string; override?: string; launchType?: string },
  ): SimTask {
    const script = this.runScripts.shift() ?? {}
    const arn = this.arn('task', `${cluster}/${id(16)}`)
    const now = new Date(this.nowMs)
    const task: SimTask = {
      taskArn: arn,
      clusterArn: this.arn('cluster', cluster),
      taskDefinitionArn: taskDefinition,
      startedBy: options.startedBy,
      group: `family:${taskDefinition.slice(taskDefinition.lastIndexOf('/') + 1).split(':')[0]}`,
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      healthStatus: 'UNKNOWN',
      launchType: options.launchType,
      createdAt: now,
      containers: containers.map((name) => ({ name, lastStatus: 'PENDING', healthStatus: 'UNKNOWN' })),
      run: { durationMs: 500, ...script, override: options.override },
    }
    this.tasks.set(arn, task)
    return task
  }

  /** A task brought up to the clock's time. */
  task(arn: string): SimTask | undefined {
    const task = this.tasks.get(arn)
    if (task?.run && task.lastStatus !== 'STOPPED') this.advanceRun(task)
    return task
  }

  private advanceRun(task: SimTask): void {
    const run = task.run as NonNullable<SimTask['run']>
    const elapsed = this.nowMs - task.createdAt.getTime()
    if (elapsed >= run.durationMs) {
      const exitCode = run.exitCode ?? 0
      task.startedAt ??= new Date(task.createdAt.getTime() + run.durationMs / 4)
      this.stopTask(
        task,
        {
          stopCode: 'EssentialContainerExited',
          stoppedReason: run.stoppedReason ?? 'Essential container in task exited',
          exitCode,
        },
        task.createdAt.getTime() + run.durationMs,
      )
      const target = run.override ?? task.containers[0]?.name
      task.containers = task.containers.map((c) => ({ ...c, exitCode: c.name === target ? exitCode : 0 }))
    } else if (elapsed >= run.durationMs / 4) {
      task.lastStatus = 'RUNNING'
      task.startedAt ??= new Date(this.nowMs)
      task.containers = task.containers.map((c) => ({ ...c, lastStatus: 'RUNNING' }))
    }
  }

  /** ListTasks: task ARNs of a cluster, filtered as the API filters them. */
  listTasks(
    cluster: string,
    filter: { serviceName?: string; desiredStatus?: string; startedBy?: string; family?: string },
  ): string[] {
    if (filter.serviceName) this.require(cluster, filter.serviceName)
    const clusterArn = this.arn('cluster', cluster)
    const desired = filter.desiredStatus ?? 'RUNNING'
    return [...this.tasks.keys()]
      .map((arn) => this.task(arn) as SimTask)
      .filter((t) => t.clusterArn === clusterArn && t.desiredStatus === desired)
      .filter((t) => !filter.serviceName || t.group === `service:${filter.serviceName}`)
      .filter((t) => !filter.startedBy || t.startedBy === filter.startedBy)
      .filter(
        (t) =>
          !filter.family ||
          t.group === `family:${filter.family}` ||
          t.taskDefinitionArn.includes(`/${filter.family}:`),
      )
      .map((t) => t.taskArn)
  }

  private event(service: SimService, message: string): void {
    service.events.unshift({ id: id(16), createdAt: new Date(this.nowMs), message })
    service.events.length = Math.min(service.events.length, 100)
  }

  /** Scripting: the moment a deployment was marked COMPLETED or FAILED (clock ms), for latency figures. */
  settledAt(cluster: string, name: string, deploymentId: string): number | undefined {
    return this.deploymentsOf(cluster, name).find((d) => d.id === deploymentId)?.settledAtMs
  }

  /** Every service of a cluster (brought up to date). */
  servicesOf(cluster: string): SimService[] {
    return [...this.services.values()].filter((s) => s.cluster === cluster).map((s) => (this.advance(s), s))
  }
}

/** ECS's circuit breaker threshold: half the desired count, at least 3 and at most 200. */
export function breakerThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(3, Math.ceil(desiredCount / 2)))
}

function key(cluster: string, name: string): string {
  return `${cluster}/${name}`
}

function shortId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1)
}
