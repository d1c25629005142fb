// ECS's deployment controller, simulated: services with rolling deployments whose tasks start,
// run, fail and drain as the clock moves, the circuit breaker (with or without its own rollback),
// native BLUE_GREEN, LINEAR and CANARY deployments moving through their lifecycle stages (test
// traffic, production traffic steps, bake time, clean-up; PAUSE hooks waiting for
// ContinueServiceDeployment), the ServiceDeployment record of every deployment, rollbacks ECS
// starts itself or StopServiceDeployment asks for, service events, and one-off tasks. Pure
// behaviour: it knows nothing of the wire format, and brings each service up to the clock's
// time whenever it is looked at.
import { randomBytes } from 'node:crypto'
import type { Clock } from '../clock'
import { AwsError } from '../errors'
import {
  hookAt,
  hookId,
  NATIVE_STRATEGIES,
  serviceDeploymentArn,
  serviceRevisionArn,
  STAGES,
  TERMINAL_STATUSES,
  trafficSteps,
  type DeploymentSettings,
  type DeploymentStatus,
  type HookDetail,
  type HookStage,
  type ServiceDeploymentRecord,
  type Stage,
} from './ecs-deployments'
import type { TargetRegistry } from './elbv2'

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
  /** Native strategies: how long each stage without its own timing lasts (default 200 ms). */
  stageMs?: number
  /** How long one minute of configured bake time, step bake time or hook timeout lasts (default 60 000 ms). */
  minuteMs?: number
  /** A CloudWatch alarm of the service goes off at the end of this stage, and ECS rolls back. */
  alarmAt?: Stage
  /** The alarm's name (default `HighErrorRate`). */
  alarmName?: string
  /** The rollback (ECS's own or one asked for) ends ROLLBACK_FAILED. */
  rollbackFails?: boolean
  /**
   * Native strategies: each stage, traffic step, bake time and rollback status lasts this many
   * DescribeServiceDeployments observations instead of clock time (scale-up still needs its
   * tasks running), so that a client sees every one of them.
   */
  stagePolls?: number
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
  /** Its deploymentConfiguration: strategy (default ROLLING), bake time, steps, hooks, alarms. */
  deployment?: Partial<DeploymentSettings>
  /** The target groups its tasks are registered in. */
  loadBalancers?: ServiceLoadBalancer[]
}

/** The LoadBalancer shape of a service: which container port is registered in which target group. */
export interface ServiceLoadBalancer {
  targetGroupArn?: string
  loadBalancerName?: string
  containerName: string
  containerPort: number
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
  /** The service revision it runs, and the ServiceDeployment that started it. */
  revisionArn: string
  record?: string
  /** A deployment ECS started to roll the named ServiceDeployment back (rolling strategy). */
  rollbackOf?: string
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
  settings: DeploymentSettings
  /** Its ServiceDeployment records, newest first. */
  records: ServiceDeploymentRecord[]
  loadBalancers: ServiceLoadBalancer[]
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
  /** The task's elastic network interface (awsvpc tasks). */
  attachments?: Array<{
    id: string
    type: string
    status: string
    details: Array<{ name: string; value: string }>
  }>
  /** The targets ECS registered for it, deregistered when it stops. */
  targets?: Array<{ targetGroupArn: string; id: string; port: number }>
}

export const DEFAULT_SCRIPT = { durationMs: 1500, drainMs: 500 }

const STAGE_MS = 200
const MINUTE_MS = 60_000
/** A PAUSE hook's timeout when its configuration gives none (assumed: the model documents none). */
const HOOK_TIMEOUT_MINUTES = 60

const id = (bytes = 8): string => randomBytes(bytes).toString('hex')

export class EcsController {
  private readonly services = new Map<string, SimService>()
  private readonly tasks = new Map<string, SimTask>()
  /** Every deployment ever started, retired ones included, by id. */
  private readonly deploymentIds = new Map<string, SimDeployment>()
  private readonly records = new Map<string, { service: SimService; record: ServiceDeploymentRecord }>()
  /** Scripted one-off task behaviours, used in order (default: exit 0 after 500 ms). */
  private readonly runScripts: RunTaskScript[] = []
  defaultScript: RolloutScript = { ...DEFAULT_SCRIPT }
  private addresses = 0

  constructor(
    private readonly env: ControllerEnv,
    /** Elastic Load Balancing of the same region, where service tasks are registered as targets. */
    private readonly elb?: () => TargetRegistry,
  ) {}

  reset(): void {
    this.services.clear()
    this.tasks.clear()
    this.deploymentIds.clear()
    this.records.clear()
    this.runScripts.length = 0
    this.defaultScript = { ...DEFAULT_SCRIPT }
    this.addresses = 0
  }

  /**
   * CreateService and UpdateService: every target group a service names must exist. The message
   * is assumed (the API references document InvalidParameterException without its wording).
   */
  checkLoadBalancers(loadBalancers: ServiceLoadBalancer[]): void {
    for (const lb of loadBalancers) {
      if (lb.targetGroupArn && !this.elb?.().hasTargetGroup(lb.targetGroupArn))
        throw new AwsError(
          'InvalidParameterException',
          `The target group with targetGroupArn ${lb.targetGroupArn} does not exist.`,
        )
    }
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
      settings: { strategy: 'ROLLING', ...seed.deployment },
      records: [],
      loadBalancers: seed.loadBalancers ?? [],
    }
    this.checkLoadBalancers(service.loadBalancers)
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
    const record = this.newRecord(service, first, [])
    this.setStatus(record, 'SUCCESSFUL', this.nowMs)
    record.startedAt = record.finishedAt = now
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
      deploymentConfiguration?: Partial<DeploymentSettings> & {
        deploymentCircuitBreaker?: { enable: boolean; rollback: boolean }
      }
      loadBalancers?: ServiceLoadBalancer[]
    },
  ): SimService {
    const service = this.require(cluster, name)
    if (service.status !== 'ACTIVE')
      throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.')
    if (change.loadBalancers) {
      this.checkLoadBalancers(change.loadBalancers)
      service.loadBalancers = change.loadBalancers
    }
    if (change.deploymentConfiguration) this.configure(service, change.deploymentConfiguration)
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

  /** UpdateService's deploymentConfiguration: the strategy and its settings apply from the next deployment on. */
  private configure(
    service: SimService,
    config: Partial<DeploymentSettings> & {
      deploymentCircuitBreaker?: { enable: boolean; rollback: boolean }
    },
  ): void {
    const { deploymentCircuitBreaker, ...settings } = config
    const next: DeploymentSettings = { ...service.settings, ...stripUndefined(settings) }
    if (next.linearConfiguration && settings.linearConfiguration && next.strategy !== 'LINEAR')
      throw new AwsError(
        'InvalidParameterException',
        'linearConfiguration can only be specified when the deployment strategy is LINEAR.',
      )
    if (next.canaryConfiguration && settings.canaryConfiguration && next.strategy !== 'CANARY')
      throw new AwsError(
        'InvalidParameterException',
        'canaryConfiguration can only be specified when the deployment strategy is CANARY.',
      )
    if (next.strategy !== 'LINEAR') delete next.linearConfiguration
    if (next.strategy !== 'CANARY') delete next.canaryConfiguration
    service.settings = next
    if (deploymentCircuitBreaker) service.circuitBreaker = deploymentCircuitBreaker
  }

  private startDeployment(
    service: SimService,
    taskDefinition: string,
    containers: string[],
    script: RolloutScript,
    rollbackOf?: string,
  ): SimDeployment {
    const source = service.deployments.filter((d) => d.status !== 'INACTIVE')
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE'
    const deployment = this.newDeployment(service, taskDefinition, containers, script)
    service.deployments.unshift(deployment)
    service.taskDefinition = taskDefinition
    if (rollbackOf) deployment.rollbackOf = rollbackOf
    else {
      // A new deployment replaces the one in progress, which stops where it is.
      for (const r of service.records.filter((r) => !TERMINAL_STATUSES.includes(r.status))) {
        r.statusReason = 'A newer service deployment replaced this one.'
        r.stoppedAt = new Date(this.nowMs)
        this.setStatus(r, 'STOPPED', this.nowMs)
      }
      this.newRecord(service, deployment, source)
    }
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
    const deployment: SimDeployment = {
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
      revisionArn: serviceRevisionArn(
        this.env.region,
        this.env.accountId,
        service.cluster,
        service.serviceName,
      ),
    }
    this.deploymentIds.set(deployment.id, deployment)
    return deployment
  }

  // --- ServiceDeployment records ---

  private newRecord(
    service: SimService,
    target: SimDeployment,
    source: SimDeployment[],
  ): ServiceDeploymentRecord {
    const now = new Date(this.nowMs)
    const ref = (d: SimDeployment) => ({
      arn: d.revisionArn,
      taskDefinition: d.taskDefinition,
      deploymentId: d.id,
    })
    const record: ServiceDeploymentRecord = {
      serviceDeploymentArn: serviceDeploymentArn(
        this.env.region,
        this.env.accountId,
        service.cluster,
        service.serviceName,
      ),
      serviceArn: service.serviceArn,
      clusterArn: service.clusterArn,
      createdAt: now,
      updatedAt: now,
      source: source.map(ref),
      target: ref(target),
      status: 'PENDING',
      settings: structuredClone(service.settings),
      circuitBreaker: { ...service.circuitBreaker },
      hooks: [],
      testWeight: 0,
      productionWeight: 0,
      sinceMs: this.nowMs,
      polls: 0,
      step: -1,
      hooksRun: [],
      history: [{ status: 'PENDING', atMs: this.nowMs }],
    }
    target.record = record.serviceDeploymentArn
    service.records.unshift(record)
    this.records.set(record.serviceDeploymentArn, { service, record })
    return record
  }

  private setStatus(r: ServiceDeploymentRecord, status: DeploymentStatus, atMs: number): void {
    if (r.status === status) return
    r.status = status
    r.sinceMs = atMs
    r.polls = 0
    r.updatedAt = new Date(atMs)
    if (status === 'IN_PROGRESS') r.startedAt ??= new Date(atMs)
    if (TERMINAL_STATUSES.includes(status)) r.finishedAt ??= new Date(atMs)
    r.history.push({ status, stage: r.lifecycleStage, atMs })
  }

  private enterStage(r: ServiceDeploymentRecord, stage: Stage, atMs: number): void {
    r.lifecycleStage = stage
    r.sinceMs = atMs
    r.polls = 0
    r.updatedAt = new Date(atMs)
    r.history.push({ status: r.status, stage, atMs })
  }

  /** The native (BLUE_GREEN, LINEAR, CANARY) record that started a deployment, while it runs. */
  private nativeRecordOf(d: SimDeployment): ServiceDeploymentRecord | undefined {
    const record = d.record ? this.records.get(d.record)?.record : undefined
    return record && isNative(record) && !TERMINAL_STATUSES.includes(record.status) ? record : undefined
  }

  /** A rolling deployment's record follows its deployment: done, failed, or rolled back by the circuit breaker. */
  private syncRolling(service: SimService, r: ServiceDeploymentRecord): void {
    const d = this.deploymentIds.get(r.target.deploymentId)
    if (!d) return
    if (r.status === 'PENDING') this.setStatus(r, 'IN_PROGRESS', d.startedMs)
    const rollback = [...this.deploymentIds.values()].find((o) => o.rollbackOf === r.serviceDeploymentArn)
    if (rollback) {
      if (r.status === 'IN_PROGRESS') {
        r.rollback ??= {
          reason: d.rolloutStateReason,
          startedAt: rollback.createdAt,
          serviceRevisionArn: rollback.revisionArn,
        }
        r.statusReason = d.rolloutStateReason
        this.setStatus(r, 'ROLLBACK_IN_PROGRESS', rollback.createdAt.getTime())
      }
      if (r.status === 'ROLLBACK_REQUESTED')
        this.setStatus(r, 'ROLLBACK_IN_PROGRESS', rollback.createdAt.getTime())
      if (rollback.rolloutState === 'COMPLETED' && rollback.settledAtMs !== undefined)
        this.setStatus(
          r,
          rollback.script.rollbackFails ? 'ROLLBACK_FAILED' : 'ROLLBACK_SUCCESSFUL',
          rollback.settledAtMs,
        )
      return
    }
    if (d.rolloutState === 'COMPLETED' && d.settledAtMs !== undefined)
      this.setStatus(r, 'SUCCESSFUL', d.settledAtMs)
    else if (d.rolloutState === 'FAILED' && !service.circuitBreaker.rollback) {
      r.statusReason = d.rolloutStateReason
      r.stoppedAt = new Date(d.settledAtMs ?? this.nowMs)
      this.setStatus(r, 'STOPPED', d.settledAtMs ?? this.nowMs)
    }
  }

  /** Moves a native deployment through its stages up to the clock's time. */
  private advanceNative(service: SimService, r: ServiceDeploymentRecord): void {
    const green = this.deploymentIds.get(r.target.deploymentId) as SimDeployment
    const stageMs = green.script.stageMs ?? STAGE_MS
    const minuteMs = green.script.minuteMs ?? MINUTE_MS
    const byPolls = green.script.stagePolls
    /** When a status or stage of plain duration ends (`times` stages long), or undefined while it holds. */
    const plainEnd = (times = 1): number | undefined =>
      byPolls === undefined
        ? r.sinceMs + times * stageMs
        : r.polls >= times * byPolls
          ? this.nowMs
          : undefined
    for (let guard = 0; guard < 1000 && !TERMINAL_STATUSES.includes(r.status); guard++) {
      const now = this.nowMs
      if (r.status === 'PENDING') {
        const at = plainEnd()
        if (at === undefined || now < at) return
        this.setStatus(r, 'IN_PROGRESS', at)
        this.enterStage(r, 'PRE_SCALE_UP', at)
        continue
      }
      if (r.status === 'ROLLBACK_REQUESTED') {
        const at = plainEnd()
        if (at === undefined || now < at) return
        this.rollbackInProgress(service, r, at)
        continue
      }
      if (r.status === 'ROLLBACK_IN_PROGRESS') {
        const at = plainEnd(byPolls === undefined ? 2 : 1)
        if (at === undefined || now < at) return
        this.finishNativeRollback(service, r, green, at)
        return
      }
      if (r.status !== 'IN_PROGRESS') return
      const waiting = r.hooks.find((h) => h.status === 'AWAITING_ACTION')
      if (waiting) {
        const expires = waiting.expiresAt?.getTime() ?? Infinity
        if (now < expires) return
        waiting.status = 'TIMED_OUT'
        if ((waiting.timeoutAction ?? 'ROLLBACK') === 'ROLLBACK') {
          this.startNativeRollback(
            service,
            r,
            `The lifecycle hook ${waiting.hookId} timed out at ${waiting.stage}.`,
            expires,
          )
        } else r.resumeAtMs = expires
        continue
      }
      const stage = r.lifecycleStage as Stage
      const end = this.stageEnd(service, r, green, stage, stageMs, minuteMs)
      if (end === undefined) return
      const ready = Math.max(end, r.resumeAtMs ?? 0)
      if (now < ready) return
      if (green.script.alarmAt === stage && !r.rollback) {
        const alarm = green.script.alarmName ?? 'HighErrorRate'
        this.startNativeRollback(service, r, `CloudWatch alarm ${alarm} went into ALARM state.`, ready)
        continue
      }
      if (this.runHooks(r, stage, ready, minuteMs)) continue
      this.leaveStage(service, r, green, stage, ready)
    }
  }

  /** When a stage's own work is done (clock ms), or undefined while it cannot be known yet. */
  private stageEnd(
    service: SimService,
    r: ServiceDeploymentRecord,
    green: SimDeployment,
    stage: Stage,
    stageMs: number,
    minuteMs: number,
  ): number | undefined {
    const byPolls = green.script.stagePolls
    if (byPolls !== undefined) return this.stageEndByPolls(service, r, green, stage, byPolls, minuteMs)
    if (stage === 'SCALE_UP') {
      if (!this.scaleUp(service, green)) return undefined
      return Math.max(green.runningAtMs as number, r.sinceMs + stageMs)
    }
    if (stage === 'PRODUCTION_TRAFFIC_SHIFT') {
      const steps = trafficSteps(r.settings, minuteMs)
      let at = r.sinceMs
      for (let i = 0; i < steps.length; i++) {
        at += stageMs
        if (this.nowMs >= at && r.step < i) {
          r.step = i
          r.productionWeight = steps[i].percent
          r.updatedAt = new Date(at)
          r.history.push({ status: r.status, stage, atMs: at })
        }
        at += steps[i].holdMs
      }
      // The last weight stays in place for a stage's time before the shift is complete.
      return at + stageMs
    }
    if (stage === 'BAKE_TIME')
      return r.sinceMs + Math.max(stageMs, (r.settings.bakeTimeInMinutes ?? 0) * minuteMs)
    return r.sinceMs + stageMs
  }

  /** The same, each stage (and each traffic step) lasting `byPolls` observations. */
  private stageEndByPolls(
    service: SimService,
    r: ServiceDeploymentRecord,
    green: SimDeployment,
    stage: Stage,
    byPolls: number,
    minuteMs: number,
  ): number | undefined {
    const now = this.nowMs
    if (stage === 'SCALE_UP' && !this.scaleUp(service, green)) return undefined
    if (stage === 'PRODUCTION_TRAFFIC_SHIFT') {
      const steps = trafficSteps(r.settings, minuteMs)
      const reached = Math.min(steps.length - 1, Math.floor(r.polls / byPolls) - 1)
      if (reached > r.step) {
        r.step = reached
        r.productionWeight = steps[reached].percent
        r.updatedAt = new Date(now)
        r.history.push({ status: r.status, stage, atMs: now })
      }
      return r.polls >= (steps.length + 1) * byPolls ? now : undefined
    }
    return r.polls >= byPolls ? now : undefined
  }

  /** Runs the hooks of a stage that has done its work: true when one now holds the deployment. */
  private runHooks(r: ServiceDeploymentRecord, stage: Stage, atMs: number, minuteMs: number): boolean {
    const stages: HookStage[] = []
    if (stage !== 'SCALE_UP' && stage !== 'BAKE_TIME' && stage !== 'CLEAN_UP') stages.push(stage)
    if (stage === 'POST_TEST_TRAFFIC_SHIFT') stages.push('PRE_PRODUCTION_TRAFFIC_SHIFT')
    for (const hookStage of stages) {
      if (r.hooksRun.includes(hookStage)) continue
      r.hooksRun.push(hookStage)
      const hook = hookAt(r.settings, hookStage)
      if (!hook) continue
      const type = hook.targetType ?? 'AWS_LAMBDA'
      const detail: HookDetail = {
        hookId: hookId(),
        targetType: type,
        targetArn: hook.hookTargetArn,
        stage: hookStage,
        status: 'SUCCEEDED',
      }
      r.hooks.push(detail)
      r.updatedAt = new Date(atMs)
      // Lambda hooks succeed at once (the stand-in runs no Lambda); a PAUSE hook waits.
      if (type !== 'PAUSE') continue
      const timeout = hook.timeoutConfiguration?.timeoutInMinutes ?? HOOK_TIMEOUT_MINUTES
      detail.status = 'AWAITING_ACTION'
      detail.expiresAt = new Date(atMs + timeout * minuteMs)
      detail.timeoutAction = hook.timeoutConfiguration?.action ?? 'ROLLBACK'
      return true
    }
    return false
  }

  private leaveStage(
    service: SimService,
    r: ServiceDeploymentRecord,
    green: SimDeployment,
    stage: Stage,
    atMs: number,
  ): void {
    r.resumeAtMs = undefined
    if (stage === 'TEST_TRAFFIC_SHIFT') r.testWeight = 100
    if (stage === 'CLEAN_UP') {
      this.complete(service, green, atMs)
      this.setStatus(r, 'SUCCESSFUL', atMs)
      return
    }
    const next = STAGES[STAGES.indexOf(stage as (typeof STAGES)[number]) + 1]
    if (next === 'SCALE_UP') green.startedMs = atMs
    if (next === 'CLEAN_UP') {
      for (const old of service.deployments.filter((o) => o !== green && o.status !== 'INACTIVE'))
        this.retire(old)
    }
    this.enterStage(r, next, atMs)
  }

  /** ECS rolls a native deployment back: traffic returns to the source revision, the target's tasks stop. */
  private startNativeRollback(
    service: SimService,
    r: ServiceDeploymentRecord,
    reason: string,
    atMs: number,
  ): void {
    const green = this.deploymentIds.get(r.target.deploymentId) as SimDeployment
    r.statusReason = reason
    r.rollback = {
      reason,
      startedAt: new Date(atMs),
      serviceRevisionArn: r.source[0]?.arn ?? r.target.arn,
    }
    green.rolloutState = 'FAILED'
    green.rolloutStateReason = reason
    green.settledAtMs ??= atMs
    this.setStatus(r, 'ROLLBACK_REQUESTED', atMs)
    this.event(
      service,
      `(service ${service.serviceName}) (deployment ${green.id}) rollback requested: ${reason}`,
    )
  }

  private rollbackInProgress(service: SimService, r: ServiceDeploymentRecord, atMs: number): void {
    const green = this.deploymentIds.get(r.target.deploymentId) as SimDeployment
    const blue = r.source[0] ? this.deploymentIds.get(r.source[0].deploymentId) : undefined
    r.testWeight = 0
    r.productionWeight = 0
    if (blue) {
      if (blue.status === 'INACTIVE') {
        // Cleaned up already: the source revision starts again.
        blue.status = 'ACTIVE'
        blue.desiredCount = service.desiredCount
        for (let i = 0; i < blue.desiredCount; i++) this.startTask(service, blue)
        blue.runningCount = blue.desiredCount
        blue.pendingCount = 0
        service.deployments.push(blue)
      }
      green.status = 'ACTIVE'
      blue.status = 'PRIMARY'
      service.taskDefinition = blue.taskDefinition
    }
    this.setStatus(r, 'ROLLBACK_IN_PROGRESS', atMs)
  }

  private finishNativeRollback(
    service: SimService,
    r: ServiceDeploymentRecord,
    green: SimDeployment,
    atMs: number,
  ): void {
    if (green.script.rollbackFails) {
      r.statusReason = `The rollback of ${r.serviceDeploymentArn} failed.`
      this.setStatus(r, 'ROLLBACK_FAILED', atMs)
      return
    }
    const blue = r.source[0] ? this.deploymentIds.get(r.source[0].deploymentId) : undefined
    this.retire(green)
    service.deployments = service.deployments.filter((o) => o.status !== 'INACTIVE')
    if (blue) {
      blue.rolloutState = 'COMPLETED'
      blue.updatedAt = new Date(atMs)
    }
    this.setStatus(r, 'ROLLBACK_SUCCESSFUL', atMs)
    this.event(service, `(service ${service.serviceName}) rolled back (deployment ${green.id}).`)
    this.event(service, `(service ${service.serviceName}) has reached a steady state.`)
  }

  /** A service deployment (brought up to the clock's time) by ARN, or ServiceDeploymentNotFoundException. */
  record(arn: string): { service: SimService; record: ServiceDeploymentRecord } {
    const found = this.records.get(arn)
    if (!found) throw new AwsError('ServiceDeploymentNotFoundException', 'Service deployment not found.')
    this.advance(found.service)
    return found
  }

  /** DescribeServiceDeployments: one observation of a record (undefined for an unknown ARN, a MISSING failure). */
  observeRecord(arn: string): { service: SimService; record: ServiceDeploymentRecord } | undefined {
    const found = this.records.get(arn)
    if (!found) return undefined
    found.record.polls += 1
    this.advance(found.service)
    return found
  }

  /** Running, pending and requested tasks of the deployment behind a revision. */
  revisionCounts(deploymentId: string): { requested: number; running: number; pending: number } {
    const d = this.deploymentIds.get(deploymentId)
    if (!d || d.status === 'INACTIVE') return { requested: 0, running: 0, pending: 0 }
    return { requested: d.desiredCount, running: d.runningCount, pending: d.pendingCount }
  }

  failedTasksOf(deploymentId: string): number {
    return this.deploymentIds.get(deploymentId)?.failedTasks ?? 0
  }

  /** StopServiceDeployment: ROLLBACK from PENDING or IN_PROGRESS; one already stopping carries on. */
  stop(arn: string, stopType: string | undefined): ServiceDeploymentRecord {
    const { service, record: r } = this.record(arn)
    if ((stopType ?? 'ROLLBACK') !== 'ROLLBACK')
      throw new AwsError(
        'InvalidParameterException',
        `The stop type ${stopType} is not supported; use ROLLBACK.`,
      )
    if (['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'].includes(r.status)) return r
    if (r.status !== 'PENDING' && r.status !== 'IN_PROGRESS')
      throw new AwsError(
        'ConflictException',
        `The service deployment is ${r.status} and can no longer be stopped.`,
      )
    const reason = 'Rollback requested with StopServiceDeployment.'
    if (isNative(r)) {
      this.startNativeRollback(service, r, reason, this.nowMs)
      return r
    }
    // Rolling: ECS deploys the source revision again.
    const source = r.source.map((s) => this.deploymentIds.get(s.deploymentId)).find((d) => d !== undefined)
    const green = this.deploymentIds.get(r.target.deploymentId) as SimDeployment
    r.statusReason = reason
    green.rolloutState = 'FAILED'
    green.rolloutStateReason = reason
    this.setStatus(r, 'ROLLBACK_REQUESTED', this.nowMs)
    if (source)
      this.startDeployment(
        service,
        source.taskDefinition,
        source.containers,
        { ...DEFAULT_SCRIPT, durationMs: 600, drainMs: 200, rollbackFails: green.script.rollbackFails },
        r.serviceDeploymentArn,
      )
    return r
  }

  /** ContinueServiceDeployment: resolves a PAUSE hook that awaits action, with CONTINUE or ROLLBACK. */
  continue(arn: string, id: string, action: string | undefined): ServiceDeploymentRecord {
    const { service, record: r } = this.record(arn)
    const hook = r.hooks.find((h) => h.hookId === id)
    if (!hook) throw new AwsError('InvalidParameterException', `The lifecycle hook ${id} was not found.`)
    if (hook.status !== 'AWAITING_ACTION' || r.status !== 'IN_PROGRESS')
      throw new AwsError(
        'InvalidParameterException',
        `The lifecycle hook ${id} is ${hook.status} and awaits no action.`,
      )
    if ((action ?? 'CONTINUE') === 'ROLLBACK') {
      hook.status = 'FAILED'
      this.startNativeRollback(service, r, `The lifecycle hook ${id} asked for a rollback.`, this.nowMs)
    } else {
      hook.status = 'SUCCEEDED'
      r.resumeAtMs = this.nowMs
    }
    r.updatedAt = new Date(this.nowMs)
    return r
  }

  /** ListServiceDeployments: a service's records, newest first, filtered by status and creation time. */
  listRecords(
    cluster: string,
    name: string,
    filter: { status?: string[]; createdAt?: { before?: Date; after?: Date } },
  ): ServiceDeploymentRecord[] {
    const service = this.require(cluster, name)
    return service.records.filter(
      (r) =>
        (!filter.status?.length || filter.status.includes(r.status)) &&
        (!filter.createdAt?.before || r.createdAt < filter.createdAt.before) &&
        (!filter.createdAt?.after || r.createdAt > filter.createdAt.after),
    )
  }

  /** Brings every deployment of a service up to the clock's time. */
  private advance(service: SimService): void {
    for (const deployment of [...service.deployments]) {
      if (
        deployment.status === 'PRIMARY' &&
        deployment.rolloutState === 'IN_PROGRESS' &&
        !this.nativeRecordOf(deployment)
      )
        this.progress(service, deployment)
    }
    for (const record of [...service.records].reverse()) {
      if (TERMINAL_STATUSES.includes(record.status)) continue
      if (NATIVE_STRATEGIES.includes(record.settings.strategy)) this.advanceNative(service, record)
      else this.syncRolling(service, record)
    }
    this.drainOld(service)
  }

  /** Starts the deployment's tasks as time passes; whether they all run. */
  private scaleUp(service: SimService, d: SimDeployment): boolean {
    const elapsed = this.nowMs - d.startedMs
    if (d.script.stuck) return false
    if (d.script.fail) {
      this.failTasks(service, d, elapsed)
      return false
    }
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
    if (d.runningCount < d.desiredCount) return false
    d.runningAtMs ??= d.startedMs + d.script.durationMs
    return true
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
    const native = this.nativeRecordOf(d)
    if (native) {
      if (service.circuitBreaker.rollback)
        return this.startNativeRollback(service, native, d.rolloutStateReason, this.nowMs)
      native.statusReason = d.rolloutStateReason
      native.stoppedAt = new Date(this.nowMs)
      return this.setStatus(native, 'STOPPED', this.nowMs)
    }
    if (!service.circuitBreaker.rollback) return
    const previous = service.deployments.find((o) => o !== d && o.rolloutState === 'COMPLETED')
    if (!previous) return
    this.event(service, `(service ${service.serviceName}) rolling back to deployment ${previous.id}.`)
    this.startDeployment(
      service,
      previous.taskDefinition,
      previous.containers,
      { ...DEFAULT_SCRIPT, durationMs: 600, drainMs: 200 },
      d.record,
    )
  }

  /** Old deployments stop their tasks once the primary runs all of its own. */
  private drainOld(service: SimService): void {
    // A native deployment keeps the old revision running until its clean-up stage.
    if (service.records.some((r) => isNative(r) && !TERMINAL_STATUSES.includes(r.status))) return
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
    this.attachNetwork(service, task)
    this.registerTargets(service, task)
    this.tasks.set(arn, task)
    return task
  }

  /** An awsvpc task's elastic network interface, with a private IPv4 address of its subnet. */
  private attachNetwork(service: SimService, task: SimTask): void {
    const vpc = (service.networkConfiguration as { awsvpcConfiguration?: { subnets?: string[] } } | undefined)
      ?.awsvpcConfiguration
    if (!vpc) return
    const n = ++this.addresses
    task.attachments = [
      {
        id: `${id(4)}-${id(2)}-${id(2)}-${id(2)}-${id(6)}`,
        type: 'ElasticNetworkInterface',
        status: 'ATTACHED',
        details: [
          { name: 'subnetId', value: vpc.subnets?.[0] ?? 'subnet-0a1b2c3d' },
          { name: 'networkInterfaceId', value: `eni-${id(8).slice(0, 17)}` },
          { name: 'macAddress', value: '0a:1b:2c:3d:4e:5f' },
          { name: 'privateIPv4Address', value: `10.0.${1 + (n >> 8)}.${n & 255}` },
        ],
      },
    ]
  }

  /**
   * ECS registers each task of a service in the target groups the service names: an `ip` target
   * group by the task's private IPv4 address and the container port, an `instance` one by the
   * container instance's ID (made up here: tasks have no container instance in the simulation).
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html
   */
  private registerTargets(service: SimService, task: SimTask): void {
    const elb = this.elb?.()
    if (!elb) return
    const ip = task.attachments?.[0]?.details.find((d) => d.name === 'privateIPv4Address')?.value
    for (const lb of service.loadBalancers) {
      if (!lb.targetGroupArn || !elb.hasTargetGroup(lb.targetGroupArn)) continue
      const targetId = elb.targetTypeOf(lb.targetGroupArn) === 'ip' ? ip : `i-${id(8).slice(0, 17)}`
      if (!targetId) continue
      const target = { targetGroupArn: lb.targetGroupArn, id: targetId, port: lb.containerPort }
      elb.registerTarget(lb.targetGroupArn, { ...target, taskDefinition: task.taskDefinitionArn })
      ;(task.targets ??= []).push(target)
    }
  }

  private stopTask(task: SimTask, how: TaskFailure, atMs = this.nowMs): void {
    for (const target of task.targets ?? [])
      this.elb?.().deregisterTarget(target.targetGroupArn, target, atMs)
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

  /** Every service brought up to the clock's time (their tasks start, stop, register and deregister). */
  advanceAll(): void {
    for (const service of this.services.values()) this.advance(service)
  }

  /** Every service of a cluster (brought up to date). */
  servicesOf(cluster: string): SimService[] {
    return [...this.services.values()].filter((s) => s.cluster === cluster).map((s) => (this.advance(s), s))
  }
}

function isNative(r: ServiceDeploymentRecord): boolean {
  return NATIVE_STRATEGIES.includes(r.settings.strategy)
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
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
