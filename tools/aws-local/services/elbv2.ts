// Elastic Load Balancing v2: target groups, their registered targets and the health ELB reports
// for each. ECS services whose `loadBalancers` name a target group register their tasks here as
// they start and deregister them as they stop (./ecs-controller); a target's health follows a
// script: `initial` (Elb.RegistrationInProgress) for a while, then `healthy` or the scripted
// state; `draining` (Target.DeregistrationInProgress) for the deregistration delay once
// deregistered, then gone. Behaviour only: wire formats and validation come from the model.
// States and reason codes: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
import { randomBytes } from 'node:crypto'
import { AwsError } from '../errors'
import type { Handler, Input, ServiceEnv } from '../types'

export type TargetState =
  'initial' | 'healthy' | 'unhealthy' | 'unhealthy.draining' | 'unused' | 'draining' | 'unavailable'

/** What ELB reports for a target once its registration is done (the TargetHealth shape). */
export interface HealthScript {
  state?: TargetState
  /** A TargetHealthReasonEnum value, e.g. `Target.ResponseCodeMismatch`. */
  reason?: string
  /** e.g. `Health checks failed with these codes: [503]`. */
  description?: string
  /** How long a new target stays `initial` before it reaches `state` (default 600 ms). */
  afterMs?: number
  /** Only targets of tasks of this task definition (`family:revision` or ARN). */
  taskDefinition?: string
}

export interface TargetGroupSeed {
  name: string
  targetType?: 'ip' | 'instance'
  port?: number
  protocol?: string
  vpcId?: string
  /** The load balancers that route to it (default: one made-up Application Load Balancer). */
  loadBalancerArns?: string[]
  /** How long deregistered targets stay `draining` (default 500 ms; AWS's default is 300 s). */
  deregistrationDelayMs?: number
}

interface Registration {
  id: string
  port: number
  registeredAtMs: number
  deregisteredAtMs?: number
  health: Required<Pick<HealthScript, 'state' | 'afterMs'>> & HealthScript
  taskDefinition?: string
}

export interface SimTargetGroup {
  TargetGroupArn: string
  TargetGroupName: string
  Protocol: string
  Port: number
  VpcId: string
  TargetType: 'ip' | 'instance'
  HealthCheckProtocol: string
  HealthCheckPort: string
  HealthCheckEnabled: boolean
  HealthCheckIntervalSeconds: number
  HealthCheckTimeoutSeconds: number
  HealthyThresholdCount: number
  UnhealthyThresholdCount: number
  HealthCheckPath: string
  Matcher: { HttpCode: string }
  LoadBalancerArns: string[]
  IpAddressType: 'ipv4'
}

interface GroupState {
  group: SimTargetGroup
  deregistrationDelayMs: number
  registrations: Registration[]
  scripts: HealthScript[]
}

/** What ECS's controller calls as its service tasks start and stop. */
export interface TargetRegistry {
  hasTargetGroup(arn: string): boolean
  targetTypeOf(arn: string): 'ip' | 'instance' | undefined
  registerTarget(arn: string, target: { id: string; port: number; taskDefinition?: string }): void
  deregisterTarget(arn: string, target: { id: string; port: number }, atMs?: number): void
}

const DEFAULT_AFTER_MS = 600
const DEFAULT_DEREGISTRATION_MS = 500
const PAGE = 400
/** Target group names: 1-32 alphanumerics or hyphens, not starting or ending with a hyphen (CreateTargetGroup's `Name`). */
const TARGET_GROUP_NAME = /^(?!-)[A-Za-z0-9-]{1,32}(?<!-)$/

export class Elbv2Service implements TargetRegistry {
  readonly name = 'elasticloadbalancing'
  private readonly groups = new Map<string, GroupState>()

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.groups.clear()
  }

  private get nowMs(): number {
    return this.env.clock.nowMs()
  }

  /** Scripting: a target group (as CreateTargetGroup would make it), attached to a load balancer. */
  seedTargetGroup(seed: TargetGroupSeed): SimTargetGroup {
    const existing = [...this.groups.values()].find((g) => g.group.TargetGroupName === seed.name)
    if (existing) return existing.group
    const state = this.create({
      Name: seed.name,
      TargetType: seed.targetType ?? 'ip',
      Port: seed.port ?? 80,
      Protocol: seed.protocol ?? 'HTTP',
      VpcId: seed.vpcId ?? 'vpc-0a1b2c3d',
    })
    state.group.LoadBalancerArns = seed.loadBalancerArns ?? [
      `arn:aws:elasticloadbalancing:${this.env.region}:${this.env.accountId}:loadbalancer/app/${seed.name}-alb/${randomBytes(8).toString('hex')}`,
    ]
    state.deregistrationDelayMs = seed.deregistrationDelayMs ?? DEFAULT_DEREGISTRATION_MS
    return state.group
  }

  /**
   * Scripting: the health targets registered from now on reach, in a target group (name or ARN),
   * optionally only for tasks of one task definition. A later script for the same task
   * definition (or for all) replaces the earlier one.
   */
  scriptTargetHealth(targetGroup: string, script: HealthScript): void {
    const state = this.require(targetGroup)
    state.scripts = state.scripts.filter((s) => s.taskDefinition !== script.taskDefinition)
    state.scripts.unshift(script)
  }

  /** Scripting and tests: the health of every target of a group now, as DescribeTargetHealth reports it. */
  targetHealth(targetGroup: string): Array<{ id: string; port: number; state: string; reason?: string }> {
    this.syncEcs()
    const state = this.require(targetGroup)
    return this.live(state).map((r) => {
      const health = this.healthOf(state, r)
      return { id: r.id, port: r.port, state: health.State, reason: health.Reason }
    })
  }

  hasTargetGroup(arn: string): boolean {
    return this.groups.has(arn)
  }

  targetTypeOf(arn: string): 'ip' | 'instance' | undefined {
    return this.groups.get(arn)?.group.TargetType
  }

  registerTarget(arn: string, target: { id: string; port: number; taskDefinition?: string }): void {
    const state = this.groups.get(arn)
    if (!state) return
    this.register(state, target.id, target.port, target.taskDefinition)
  }

  deregisterTarget(arn: string, target: { id: string; port: number }, atMs = this.nowMs): void {
    const state = this.groups.get(arn)
    const registration = state && this.live(state).find((r) => r.id === target.id && r.port === target.port)
    if (registration && registration.deregisteredAtMs === undefined) registration.deregisteredAtMs = atMs
  }

  private create(input: Input): GroupState {
    const name = input.Name as string
    if (!TARGET_GROUP_NAME.test(name))
      throw new AwsError(
        'ValidationError',
        `Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-), must be between 1 and 32 characters, and must not begin or end with a hyphen`,
      )
    const type = ((input.TargetType as string | undefined) ?? 'instance') as 'ip' | 'instance'
    if (type !== 'ip' && type !== 'instance')
      throw new AwsError('ValidationError', `aws-local supports target types ip and instance, not ${type}`)
    const protocol = (input.Protocol as string | undefined) ?? 'HTTP'
    const group: SimTargetGroup = {
      TargetGroupArn: `arn:aws:elasticloadbalancing:${this.env.region}:${this.env.accountId}:targetgroup/${name}/${randomBytes(8).toString('hex')}`,
      TargetGroupName: name,
      Protocol: protocol,
      Port: (input.Port as number | undefined) ?? 80,
      VpcId: (input.VpcId as string | undefined) ?? 'vpc-0a1b2c3d',
      TargetType: type,
      HealthCheckProtocol: (input.HealthCheckProtocol as string | undefined) ?? protocol,
      HealthCheckPort: (input.HealthCheckPort as string | undefined) ?? 'traffic-port',
      HealthCheckEnabled: true,
      // The defaults CreateTargetGroup documents for HTTP target groups.
      HealthCheckIntervalSeconds: (input.HealthCheckIntervalSeconds as number | undefined) ?? 30,
      HealthCheckTimeoutSeconds: (input.HealthCheckTimeoutSeconds as number | undefined) ?? 6,
      HealthyThresholdCount: (input.HealthyThresholdCount as number | undefined) ?? 5,
      UnhealthyThresholdCount: (input.UnhealthyThresholdCount as number | undefined) ?? 2,
      HealthCheckPath: (input.HealthCheckPath as string | undefined) ?? '/',
      Matcher: { HttpCode: (input.Matcher as { HttpCode?: string } | undefined)?.HttpCode ?? '200' },
      LoadBalancerArns: [],
      IpAddressType: 'ipv4',
    }
    const state: GroupState = {
      group,
      deregistrationDelayMs: DEFAULT_DEREGISTRATION_MS,
      registrations: [],
      scripts: [],
    }
    this.groups.set(group.TargetGroupArn, state)
    return state
  }

  /** A target group by ARN or name, or TargetGroupNotFound. */
  private require(reference: string): GroupState {
    const state =
      this.groups.get(reference) ??
      [...this.groups.values()].find((g) => g.group.TargetGroupName === reference)
    if (!state) throw new AwsError('TargetGroupNotFound', 'One or more target groups not found')
    return state
  }

  private register(state: GroupState, id: string, port: number, taskDefinition?: string): void {
    const current = this.live(state).find((r) => r.id === id && r.port === port)
    // Registering a registered target again changes nothing (RegisterTargets is idempotent).
    if (current && current.deregisteredAtMs === undefined) return
    const script =
      state.scripts.find(
        (s) => s.taskDefinition && taskDefinition && matches(taskDefinition, s.taskDefinition),
      ) ??
      state.scripts.find((s) => !s.taskDefinition) ??
      {}
    state.registrations = state.registrations.filter((r) => r !== current)
    state.registrations.push({
      id,
      port,
      taskDefinition,
      registeredAtMs: this.nowMs,
      health: { state: 'healthy', afterMs: DEFAULT_AFTER_MS, ...script },
    })
  }

  /** Registrations not yet gone (draining ones included). */
  private live(state: GroupState): Registration[] {
    const now = this.nowMs
    state.registrations = state.registrations.filter(
      (r) => r.deregisteredAtMs === undefined || now < r.deregisteredAtMs + state.deregistrationDelayMs,
    )
    return state.registrations
  }

  private healthOf(
    state: GroupState,
    r: Registration,
  ): { State: string; Reason?: string; Description?: string } {
    if (r.deregisteredAtMs !== undefined && this.nowMs >= r.deregisteredAtMs)
      return {
        State: 'draining',
        Reason: 'Target.DeregistrationInProgress',
        Description: 'Target deregistration is in progress',
      }
    if (state.group.LoadBalancerArns.length === 0)
      return {
        State: 'unused',
        Reason: 'Target.NotInUse',
        Description: 'Target group is not configured to receive traffic from the load balancer',
      }
    if (this.nowMs < r.registeredAtMs + r.health.afterMs)
      return {
        State: 'initial',
        Reason: 'Elb.RegistrationInProgress',
        Description: 'Target registration is in progress',
      }
    if (r.health.state === 'healthy') return { State: 'healthy' }
    return { State: r.health.state, Reason: r.health.reason, Description: r.health.description }
  }

  /** ECS starts and stops service tasks as its clock is looked at: bring it up to date first. */
  private syncEcs(): void {
    const ecs = this.env.service('ecs') as unknown as { syncServices?: () => void }
    ecs.syncServices?.()
  }

  private targets(input: Input): Array<{ Id: string; Port?: number }> {
    return (input.Targets as Array<{ Id: string; Port?: number }> | undefined) ?? []
  }

  private checkTargets(state: GroupState, targets: Array<{ Id: string; Port?: number }>): void {
    for (const t of targets) {
      const ok =
        state.group.TargetType === 'ip'
          ? /^\d{1,3}(\.\d{1,3}){3}$/.test(t.Id)
          : /^i-[0-9a-f]{8,17}$/.test(t.Id)
      // Assumed wording; the API reference documents InvalidTarget without its message.
      if (!ok)
        throw new AwsError(
          'InvalidTarget',
          `The following targets are not valid for target type ${state.group.TargetType}: ${t.Id}`,
        )
    }
  }

  readonly handlers: Record<string, Handler> = {
    CreateTargetGroup: (input: Input) => {
      const existing = [...this.groups.values()].find((g) => g.group.TargetGroupName === input.Name)
      if (existing) {
        // The same name with the same settings returns the existing group (CreateTargetGroup is idempotent).
        const same =
          (input.Port === undefined || input.Port === existing.group.Port) &&
          (input.Protocol === undefined || input.Protocol === existing.group.Protocol)
        if (!same)
          throw new AwsError(
            'DuplicateTargetGroupName',
            `A target group with the same name '${String(input.Name)}' exists, but with different settings`,
          )
        return { TargetGroups: [existing.group] }
      }
      return { TargetGroups: [this.create(input).group] }
    },

    DescribeTargetGroups: (input: Input) => {
      const arns = input.TargetGroupArns as string[] | undefined
      const names = input.Names as string[] | undefined
      if ([arns, names, input.LoadBalancerArn].filter((x) => x !== undefined).length > 1)
        throw new AwsError(
          'ValidationError',
          'Target group names, target group ARNs, and a load balancer ARN cannot be specified at the same time',
        )
      let groups = [...this.groups.values()].map((g) => g.group)
      if (arns) groups = arns.map((arn) => this.require(arn).group)
      if (names) groups = names.map((name) => this.require(name).group)
      if (input.LoadBalancerArn)
        groups = groups.filter((g) => g.LoadBalancerArns.includes(input.LoadBalancerArn as string))
      const start = input.Marker
        ? Number(Buffer.from(input.Marker as string, 'base64').toString('utf8')) || 0
        : 0
      const end = start + ((input.PageSize as number | undefined) ?? PAGE)
      const out: Record<string, unknown> = { TargetGroups: groups.slice(start, end) }
      if (end < groups.length) out.NextMarker = Buffer.from(String(end)).toString('base64')
      return out
    },

    DescribeTargetHealth: (input: Input) => {
      const state = this.require(input.TargetGroupArn as string)
      this.syncEcs()
      const asked = this.targets(input)
      const live = this.live(state)
      const port = (t: { Port?: number }) => t.Port ?? state.group.Port
      const descriptions = (
        asked.length > 0
          ? asked.map((t) => ({ t, r: live.find((r) => r.id === t.Id && r.port === port(t)) }))
          : live.map((r) => ({ t: { Id: r.id, Port: r.port }, r }))
      ).map(({ t, r }) => ({
        Target: { Id: t.Id, Port: port(t) },
        HealthCheckPort: String(port(t)),
        TargetHealth: r
          ? this.healthOf(state, r)
          : {
              State: 'unused',
              Reason: 'Target.NotRegistered',
              Description: 'Target is not registered to the target group',
            },
      }))
      return { TargetHealthDescriptions: descriptions }
    },

    RegisterTargets: (input: Input) => {
      const state = this.require(input.TargetGroupArn as string)
      const targets = this.targets(input)
      this.checkTargets(state, targets)
      for (const t of targets) this.register(state, t.Id, t.Port ?? state.group.Port)
      return {}
    },

    DeregisterTargets: (input: Input) => {
      const state = this.require(input.TargetGroupArn as string)
      const live = this.live(state)
      for (const t of this.targets(input)) {
        const port = t.Port ?? state.group.Port
        if (!live.some((r) => r.id === t.Id && r.port === port))
          // Assumed wording (the API reference documents InvalidTarget for targets not registered).
          throw new AwsError(
            'InvalidTarget',
            `The following targets are not registered in target group '${state.group.TargetGroupArn}': '${t.Id}'`,
          )
      }
      for (const t of this.targets(input))
        this.deregisterTarget(state.group.TargetGroupArn, { id: t.Id, port: t.Port ?? state.group.Port })
      return {}
    },
  }
}

/** Whether a task definition ARN is the one a script names (`family:revision` or the ARN). */
function matches(arn: string, reference: string): boolean {
  return arn === reference || arn.endsWith(`/${reference}`)
}
