import type { TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2'
import type { Service, Task } from '@aws-sdk/client-ecs'

/**
 * ELB target health for `wait-for: healthy`, pure: which targets the new tasks are in the target
 * groups the service uses, and whether ELB reports each healthy. ECS registers a task of an
 * awsvpc service by its private IPv4 address and the container port; "tasks for services that
 * use a load balancer are considered healthy if they're in the RUNNING state and are reported as
 * healthy by the load balancer" (ECS API reference, CreateService). Target states and reason
 * codes: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
 */

/** One target group a service registers its tasks in (a `loadBalancers` entry with a target group). */
export interface TargetGroupUse {
  targetGroupArn: string
  containerName?: string
  containerPort: number
}

/** The target a task is in a target group. */
export interface TaskTarget {
  taskArn: string
  id: string
  port: number
}

/** What DescribeTargetHealth said of one target group's targets of the new tasks. */
export interface TargetGroupObservation {
  targetGroupArn: string
  targets: TaskTarget[]
  descriptions: TargetHealthDescription[]
}

export interface TargetsAssessment {
  /** Every target of the new tasks is `healthy` in every target group. */
  healthy: boolean
  /** Per target group: `1 of 2 targets healthy in target group web-tg`, with what ELB says of the others. */
  groups: string[]
  /** Per target group, the count alone (logged once per change). */
  counts: string[]
}

/** The target groups of a service's load balancers (Classic Load Balancers have none, and are not looked at). */
export function targetGroupsOf(service: Service | undefined): TargetGroupUse[] {
  return (service?.loadBalancers ?? [])
    .filter((lb) => lb.targetGroupArn && lb.containerPort !== undefined)
    .map((lb) => ({
      targetGroupArn: lb.targetGroupArn as string,
      containerName: lb.containerName,
      containerPort: lb.containerPort as number,
    }))
}

/** `web-tg` of `arn:aws:elasticloadbalancing:...:targetgroup/web-tg/6d0ecf831eec9f09`. */
export function targetGroupName(arn: string): string {
  return /:targetgroup\/([^/]+)\//.exec(arn)?.[1] ?? arn
}

/** A task's private IPv4 address, from its elastic network interface (awsvpc tasks). */
export function privateIpOf(task: Task): string | undefined {
  for (const attachment of task.attachments ?? [])
    for (const detail of attachment.details ?? [])
      if (detail.name === 'privateIPv4Address' && detail.value) return detail.value
  return undefined
}

/**
 * The targets of tasks in a target group: `{Id: <private IPv4>, Port: <container port>}` for
 * each task with an address. Tasks without one (bridge or host network mode, registered by
 * instance ID and host port) are left out: their targets are not looked up.
 */
export function taskTargets(tasks: Task[], use: TargetGroupUse): TaskTarget[] {
  return tasks.flatMap((task) => {
    const ip = privateIpOf(task)
    return ip ? [{ taskArn: task.taskArn ?? '', id: ip, port: use.containerPort }] : []
  })
}

/** Whether all targets are healthy, and a clause per target group naming those that are not. */
export function assessTargets(observations: TargetGroupObservation[]): TargetsAssessment {
  let healthy = true
  const counts: string[] = []
  const groups = observations.map((o) => {
    const name = targetGroupName(o.targetGroupArn)
    if (o.targets.length === 0) {
      // Tasks without an address of their own (bridge or host network mode) are registered by
      // container instance and host port, which this check does not look up: their container
      // health checks decide, as without a load balancer.
      const text = `target group ${name} not checked (its tasks are registered by container instance)`
      counts.push(text)
      return text
    }
    const states = o.targets.map((target) => ({ target, health: healthOf(o.descriptions, target) }))
    const good = states.filter((s) => s.health.State === 'healthy').length
    if (good < o.targets.length) healthy = false
    const noun = o.targets.length === 1 ? 'target' : 'targets'
    const head = `${good} of ${o.targets.length} ${noun} healthy in target group ${name}`
    counts.push(head)
    const others = states
      .filter((s) => s.health.State !== 'healthy')
      .map((s) => targetText(s.target, s.health))
    return others.length > 0 ? `${head} (${others.join('; ')})` : head
  })
  return { healthy, groups, counts }
}

function healthOf(
  descriptions: TargetHealthDescription[],
  target: TaskTarget,
): { State?: string; Reason?: string; Description?: string } {
  const found = descriptions.find(
    (d) => d.Target?.Id === target.id && (d.Target?.Port === undefined || d.Target.Port === target.port),
  )
  // A target DescribeTargetHealth does not mention is not registered (yet).
  return found?.TargetHealth ?? { State: 'unused', Reason: 'Target.NotRegistered' }
}

/** `10.0.1.5:8080 (task 0f3c...) unhealthy: Target.ResponseCodeMismatch, Health checks failed with these codes: [503]`. */
function targetText(
  target: TaskTarget,
  health: { State?: string; Reason?: string; Description?: string },
): string {
  const task = target.taskArn ? ` (task ${target.taskArn.slice(target.taskArn.lastIndexOf('/') + 1)})` : ''
  const why = [health.Reason, health.Description?.replace(/\.$/, '')].filter(Boolean).join(', ')
  return `${target.id}:${target.port}${task} ${health.State ?? 'unknown'}${why ? `: ${why}` : ''}`
}
