// ECS service deployments, the resource ECS records for every deployment of a service (since
// 2024-10) with its status and, for the BLUE_GREEN, LINEAR and CANARY strategies (2025-07), the
// lifecycle stage it has reached. Types, the order of stages and traffic steps, and the wire
// shape of a record; the controller (./ecs-controller) moves records along as its clock moves.
//
// What it follows (AWS documentation):
// - statuses and stages: the ServiceDeployment shape of the ecs model, and
//   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html
// - the blue/green stages in order, test traffic before production traffic, the bake time with
//   both revisions running, then clean-up:
//   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html
// - LINEAR (equal steps of stepPercent, stepBakeTimeInMinutes between them) and CANARY
//   (canaryPercent, canaryBakeTimeInMinutes, then the rest at once): the model's
//   LinearConfiguration and CanaryConfiguration
// - StopServiceDeployment: PENDING and IN_PROGRESS move to ROLLBACK_REQUESTED, then the rollback
//   runs; a deployment already stopping or rolling back carries on:
//   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stop-service-deployment.html
import { randomBytes } from 'node:crypto'

export type Strategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY'

export const NATIVE_STRATEGIES: readonly Strategy[] = ['BLUE_GREEN', 'LINEAR', 'CANARY']

export type DeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED'

export const TERMINAL_STATUSES: readonly DeploymentStatus[] = [
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
]

/** The lifecycle stages of a BLUE_GREEN, LINEAR or CANARY deployment, in order (RECONCILE_SERVICE only runs with several ACTIVE revisions). */
export const STAGES = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const

export type Stage = (typeof STAGES)[number] | 'RECONCILE_SERVICE'

/** Stages a lifecycle hook can run at (the model's DeploymentLifecycleHookStage). */
export type HookStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'

export interface LifecycleHook {
  targetType?: 'AWS_LAMBDA' | 'PAUSE'
  hookTargetArn?: string
  roleArn?: string
  lifecycleStages?: HookStage[]
  hookDetails?: unknown
  timeoutConfiguration?: { timeoutInMinutes?: number; action?: 'ROLLBACK' | 'CONTINUE' }
}

/** A service's deploymentConfiguration, as far as deployments behave by it. */
export interface DeploymentSettings {
  strategy: Strategy
  bakeTimeInMinutes?: number
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number }
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number }
  lifecycleHooks?: LifecycleHook[]
  alarms?: { alarmNames?: string[]; enable?: boolean; rollback?: boolean }
}

export interface HookDetail {
  hookId: string
  targetType: 'AWS_LAMBDA' | 'PAUSE'
  targetArn?: string
  status: 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT'
  expiresAt?: Date
  timeoutAction?: 'ROLLBACK' | 'CONTINUE'
  /** The stage it runs at (not on the wire: the record's lifecycleStage says it). */
  stage: HookStage
}

export interface RevisionRef {
  arn: string
  taskDefinition: string
  /** The controller's deployment that runs the revision's tasks. */
  deploymentId: string
}

export interface ServiceDeploymentRecord {
  serviceDeploymentArn: string
  serviceArn: string
  clusterArn: string
  createdAt: Date
  startedAt?: Date
  finishedAt?: Date
  stoppedAt?: Date
  updatedAt: Date
  source: RevisionRef[]
  target: RevisionRef
  status: DeploymentStatus
  statusReason?: string
  lifecycleStage?: Stage
  settings: DeploymentSettings
  circuitBreaker: { enable: boolean; rollback: boolean }
  rollback?: { reason: string; startedAt: Date; serviceRevisionArn: string }
  hooks: HookDetail[]
  /** Traffic on the target revision, in percent. */
  testWeight: number
  productionWeight: number
  /** Clock ms at which the current stage (or status, outside IN_PROGRESS) began, and how often it was observed since. */
  sinceMs: number
  polls: number
  /** Where a PRODUCTION_TRAFFIC_SHIFT is: the step whose weight is in place. */
  step: number
  /** Hook stages already run. */
  hooksRun: HookStage[]
  /** When the hook that held the current stage let it go on (clock ms). */
  resumeAtMs?: number
  /** Each status and stage reached, with its clock time, for tests and benchmarks. */
  history: Array<{ status: DeploymentStatus; stage?: Stage; atMs: number }>
}

/** One step of a production traffic shift: the target's weight, then how long it holds. */
export interface TrafficStep {
  percent: number
  holdMs: number
}

/**
 * The production traffic steps of a strategy (the percentages and bake times a configuration
 * leaves out are assumed here; the model documents no defaults): BLUE_GREEN moves everything at once; CANARY moves
 * canaryPercent, holds it for canaryBakeTimeInMinutes, then the rest; LINEAR moves stepPercent
 * at a time with stepBakeTimeInMinutes after each step but the last.
 */
export function trafficSteps(settings: DeploymentSettings, minuteMs: number): TrafficStep[] {
  if (settings.strategy === 'CANARY') {
    const c = settings.canaryConfiguration ?? {}
    const percent = c.canaryPercent ?? 10
    return [
      { percent, holdMs: (c.canaryBakeTimeInMinutes ?? 10) * minuteMs },
      { percent: 100, holdMs: 0 },
    ]
  }
  if (settings.strategy === 'LINEAR') {
    const l = settings.linearConfiguration ?? {}
    const step = l.stepPercent ?? 10
    const holdMs = (l.stepBakeTimeInMinutes ?? 6) * minuteMs
    const steps: TrafficStep[] = []
    for (let p = step; p < 100 - 1e-9; p += step) steps.push({ percent: round(p), holdMs })
    steps.push({ percent: 100, holdMs: 0 })
    return steps
  }
  return [{ percent: 100, holdMs: 0 }]
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

/** A PAUSE or Lambda hook of the settings that runs at a stage. */
export function hookAt(settings: DeploymentSettings, stage: HookStage): LifecycleHook | undefined {
  return settings.lifecycleHooks?.find((h) => h.lifecycleStages?.includes(stage))
}

const base64url = (bytes: number): string => randomBytes(bytes).toString('base64url')

export function serviceDeploymentArn(
  region: string,
  account: string,
  cluster: string,
  service: string,
): string {
  return `arn:aws:ecs:${region}:${account}:service-deployment/${cluster}/${service}/${base64url(15)}`
}

export function serviceRevisionArn(
  region: string,
  account: string,
  cluster: string,
  service: string,
): string {
  const digits = BigInt('0x' + randomBytes(7).toString('hex'))
    .toString()
    .padStart(17, '0')
    .slice(0, 17)
  return `arn:aws:ecs:${region}:${account}:service-revision/${cluster}/${service}/${digits}`
}

export function hookId(): string {
  return base64url(12)
}

export interface RevisionCounts {
  requested: number
  running: number
  pending: number
}

/** The record as DescribeServiceDeployments returns it. */
export function serviceDeploymentOut(
  r: ServiceDeploymentRecord,
  counts: (ref: RevisionRef) => RevisionCounts,
  failedTasks: number,
  threshold: number,
): Record<string, unknown> {
  const native = NATIVE_STRATEGIES.includes(r.settings.strategy)
  const summary = (ref: RevisionRef, test: number, production: number): Record<string, unknown> => {
    const c = counts(ref)
    return {
      arn: ref.arn,
      requestedTaskCount: c.requested,
      runningTaskCount: c.running,
      pendingTaskCount: c.pending,
      ...(native ? { requestedTestTrafficWeight: test, requestedProductionTrafficWeight: production } : {}),
    }
  }
  const { settings } = r
  return {
    serviceDeploymentArn: r.serviceDeploymentArn,
    serviceArn: r.serviceArn,
    clusterArn: r.clusterArn,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    stoppedAt: r.stoppedAt,
    updatedAt: r.updatedAt,
    sourceServiceRevisions: r.source.map((s) => summary(s, 100 - r.testWeight, 100 - r.productionWeight)),
    targetServiceRevision: summary(r.target, r.testWeight, r.productionWeight),
    status: r.status,
    statusReason: r.statusReason,
    lifecycleStage: r.lifecycleStage,
    lifecycleHookDetails: r.hooks.length ? r.hooks.map(({ stage: _stage, ...hook }) => hook) : undefined,
    deploymentConfiguration: {
      strategy: settings.strategy,
      bakeTimeInMinutes: settings.bakeTimeInMinutes,
      linearConfiguration: settings.linearConfiguration,
      canaryConfiguration: settings.canaryConfiguration,
      lifecycleHooks: settings.lifecycleHooks,
      deploymentCircuitBreaker: r.circuitBreaker,
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    rollback: r.rollback,
    deploymentCircuitBreaker: {
      status: r.circuitBreaker.enable ? (failedTasks >= threshold ? 'TRIGGERED' : 'MONITORING') : 'DISABLED',
      failureCount: failedTasks,
      threshold,
    },
    alarms: {
      status: settings.alarms?.enable ? 'MONITORING' : 'DISABLED',
      alarmNames: settings.alarms?.alarmNames,
    },
  }
}

/** The record as ListServiceDeployments returns it. */
export function serviceDeploymentBrief(r: ServiceDeploymentRecord): Record<string, unknown> {
  return {
    serviceDeploymentArn: r.serviceDeploymentArn,
    serviceArn: r.serviceArn,
    clusterArn: r.clusterArn,
    startedAt: r.startedAt,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    targetServiceRevisionArn: r.target.arn,
    status: r.status,
    statusReason: r.statusReason,
  }
}
