// ECS: clusters, task definitions, services with a simulated deployment controller
// (./ecs-controller) and one-off tasks. Behaviour only: wire formats and request validation
// come from the model. Errors are ECS's own codes and messages.
import { AwsError } from '../errors'
import type { Handler, Input, ServiceEnv } from '../types'
import {
  breakerThreshold,
  EcsController,
  type RolloutScript,
  type RunTaskScript,
  type SimDeployment,
  type SimService,
  type ServiceLoadBalancer,
  type SimTask,
} from './ecs-controller'
import { serviceDeploymentBrief, serviceDeploymentOut, type DeploymentSettings } from './ecs-deployments'
import { TaskDefinitions, type Registered } from './ecs-task-definitions'
import type { Elbv2Service } from './elbv2'

export interface Cluster {
  clusterArn: string
  clusterName: string
  status: 'ACTIVE' | 'PROVISIONING' | 'DEPROVISIONING' | 'FAILED' | 'INACTIVE'
  registeredContainerInstancesCount: number
  runningTasksCount: number
  pendingTasksCount: number
  activeServicesCount: number
  capacityProviders: string[]
  tags: { key: string; value: string }[]
}

/** What a test gives to seed a service: its task definition is registered (or found) first. */
export interface ServiceSetup {
  cluster: string
  name: string
  /** A registered `family:revision` / ARN, or a definition to register. */
  taskDefinition: string | Record<string, unknown>
  desiredCount?: number
  circuitBreaker?: { enable: boolean; rollback: boolean }
  controller?: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL'
  status?: 'ACTIVE' | 'DRAINING' | 'INACTIVE'
  /** Its deploymentConfiguration: strategy (default ROLLING), bakeTimeInMinutes, steps, lifecycle hooks. */
  deployment?: Partial<DeploymentSettings>
  /** Target groups (of elbv2 in the same region) its tasks are registered in. */
  loadBalancers?: ServiceLoadBalancer[]
}

const PAGE = 100
/** DescribeServiceDeployments takes at most 20 ARNs; ListServiceDeployments pages 20 by default, 100 at most. */
const DESCRIBE_DEPLOYMENTS_MAX = 20
const LIST_DEPLOYMENTS_PAGE = 20

export class EcsService {
  readonly name = 'ecs'
  private readonly clusters = new Map<string, Cluster>()
  readonly taskDefinitions: TaskDefinitions
  readonly controller: EcsController

  constructor(private readonly env: ServiceEnv) {
    this.taskDefinitions = new TaskDefinitions(env)
    this.controller = new EcsController(env, () => env.service('elbv2') as Elbv2Service)
  }

  reset(): void {
    this.clusters.clear()
    this.taskDefinitions.reset()
    this.controller.reset()
  }

  clusterArn(name: string): string {
    return `arn:aws:ecs:${this.env.region}:${this.env.accountId}:cluster/${name}`
  }

  /** Scripting: adds (or replaces) a cluster. */
  seedCluster(name: string, fields: Partial<Cluster> = {}): Cluster {
    const cluster: Cluster = {
      clusterArn: this.clusterArn(name),
      clusterName: name,
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      tags: [],
      ...fields,
    }
    this.clusters.set(name, cluster)
    return cluster
  }

  /** Scripting: registers a task definition revision (as RegisterTaskDefinition would). */
  seedTaskDefinition(definition: Record<string, unknown>): string {
    return this.taskDefinitions.register(definition).definition.taskDefinitionArn
  }

  /** Scripting: a service of a seeded cluster, running its desired count of its task definition. */
  seedService(setup: ServiceSetup): SimService {
    if (!this.findCluster(setup.cluster)) this.seedCluster(setup.cluster)
    const arn =
      typeof setup.taskDefinition === 'string'
        ? setup.taskDefinition
        : this.seedTaskDefinition(setup.taskDefinition)
    const registered = this.taskDefinitions.describe(arn)
    return this.controller.seedService({
      cluster: setup.cluster,
      name: setup.name,
      taskDefinition: registered.definition.taskDefinitionArn,
      containers: registered.definition.containerDefinitions.map((c) => c.name),
      desiredCount: setup.desiredCount,
      circuitBreaker: setup.circuitBreaker,
      controller: setup.controller,
      status: setup.status,
      deployment: setup.deployment,
      loadBalancers: setup.loadBalancers,
    })
  }

  /** Brings every service up to the clock's time (Elastic Load Balancing asks before it reports target health). */
  syncServices(): void {
    this.controller.advanceAll()
  }

  /** Scripting: how the next deployment of a service behaves. */
  scriptRollout(cluster: string, service: string, script: RolloutScript): void {
    this.controller.scriptRollout(cluster, service, script)
  }

  /** Scripting: how the next one-off task behaves. */
  scriptRunTask(script: RunTaskScript): void {
    this.controller.scriptRunTask(script)
  }

  /** A cluster by name or ARN (an ARN of another region names nothing here). */
  findCluster(nameOrArn: string): Cluster | undefined {
    if (isForeignArn(nameOrArn, this.env.region)) return undefined
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn
    return this.clusters.get(name)
  }

  /** The cluster a request names (`default` when none), or ClusterNotFoundException. */
  private cluster(input: Input): Cluster {
    const cluster = this.findCluster((input.cluster as string | undefined) ?? 'default')
    if (!cluster) throw new AwsError('ClusterNotFoundException', 'Cluster not found.')
    return cluster
  }

  private service(cluster: Cluster, name: string): SimService {
    const service = this.controller.find(cluster.clusterName, name)
    if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.')
    return service
  }

  private activeTaskDefinition(reference: string): Registered {
    const found = this.taskDefinitions.find(reference)
    if (!found) throw new AwsError('ClientException', 'TaskDefinition not found.')
    if (found.definition.status !== 'ACTIVE')
      throw new AwsError('ClientException', 'TaskDefinition is inactive.')
    return found
  }

  readonly handlers: Record<string, Handler> = {
    DescribeClusters: (input: Input) => {
      const wanted = (input.clusters as string[] | undefined) ?? ['default']
      const include = (input.include as string[] | undefined) ?? []
      const clusters: Partial<Cluster>[] = []
      const failures: { arn: string; reason: string }[] = []
      for (const id of wanted) {
        const cluster = this.findCluster(id)
        if (cluster) {
          // Tags are only returned when asked for.
          const { tags: _tags, ...withoutTags } = cluster
          clusters.push(include.includes('TAGS') ? cluster : withoutTags)
        } else failures.push({ arn: id.startsWith('arn:') ? id : this.clusterArn(id), reason: 'MISSING' })
      }
      return { clusters, failures }
    },

    DescribeServices: (input: Input) => {
      const cluster = this.cluster(input)
      const services: unknown[] = []
      const failures: { arn: string; reason: string }[] = []
      for (const name of input.services as string[]) {
        const service = this.controller.find(cluster.clusterName, name)
        if (service) services.push(serviceOut(service))
        else
          failures.push({
            arn: name.startsWith('arn:')
              ? name
              : `arn:aws:ecs:${this.env.region}:${this.env.accountId}:service/${cluster.clusterName}/${name}`,
            reason: 'MISSING',
          })
      }
      return { services, failures }
    },

    DescribeTaskDefinition: (input: Input) => {
      const found = this.taskDefinitions.describe(input.taskDefinition as string)
      const withTags = ((input.include as string[] | undefined) ?? []).includes('TAGS')
      return { taskDefinition: found.definition, ...(withTags ? { tags: found.tags } : {}) }
    },

    RegisterTaskDefinition: (input: Input) => {
      const registered = this.taskDefinitions.register(input)
      return { taskDefinition: registered.definition, tags: registered.tags }
    },

    DeregisterTaskDefinition: (input: Input) => ({
      taskDefinition: this.taskDefinitions.deregister(input.taskDefinition as string).definition,
    }),

    ListTaskDefinitions: (input: Input) =>
      page(this.taskDefinitions.list(input), input, 'taskDefinitionArns'),

    UpdateService: (input: Input) => {
      const cluster = this.cluster(input)
      this.service(cluster, input.service as string)
      const reference = input.taskDefinition as string | undefined
      const target = reference ? this.activeTaskDefinition(reference) : undefined
      const updated = this.controller.update(cluster.clusterName, input.service as string, {
        taskDefinition: target?.definition.taskDefinitionArn,
        containers: target?.definition.containerDefinitions.map((c) => c.name),
        desiredCount: input.desiredCount as number | undefined,
        forceNewDeployment: input.forceNewDeployment as boolean | undefined,
        deploymentConfiguration: input.deploymentConfiguration as never,
        loadBalancers: input.loadBalancers as ServiceLoadBalancer[] | undefined,
      })
      return { service: serviceOut(updated) }
    },

    ListServiceDeployments: (input: Input) => {
      const cluster = this.cluster(input)
      this.service(cluster, input.service as string)
      const records = this.controller.listRecords(cluster.clusterName, input.service as string, {
        status: input.status as string[] | undefined,
        createdAt: input.createdAt as { before?: Date; after?: Date } | undefined,
      })
      const size = (input.maxResults as number | undefined) ?? LIST_DEPLOYMENTS_PAGE
      if (size < 1 || size > 100)
        throw new AwsError('InvalidParameterException', 'maxResults must be between 1 and 100.')
      const arns = records.map((r) => r.serviceDeploymentArn)
      const out = page(arns, { ...input, maxResults: size }, 'arns')
      return {
        serviceDeployments: (out.arns as string[]).map((arn) =>
          serviceDeploymentBrief(records.find((r) => r.serviceDeploymentArn === arn)!),
        ),
        nextToken: out.nextToken,
      }
    },

    DescribeServiceDeployments: (input: Input) => {
      const arns = input.serviceDeploymentArns as string[]
      if (arns.length === 0 || arns.length > DESCRIBE_DEPLOYMENTS_MAX)
        throw new AwsError(
          'InvalidParameterException',
          `serviceDeploymentArns must list between 1 and ${DESCRIBE_DEPLOYMENTS_MAX} ARNs.`,
        )
      const serviceDeployments: unknown[] = []
      const failures: { arn: string; reason: string }[] = []
      for (const arn of arns) {
        const found = isForeignArn(arn, this.env.region) ? undefined : this.controller.observeRecord(arn)
        if (!found) {
          failures.push({ arn, reason: 'MISSING' })
          continue
        }
        const { record, service } = found
        serviceDeployments.push(
          serviceDeploymentOut(
            record,
            (ref) => this.controller.revisionCounts(ref.deploymentId),
            this.controller.failedTasksOf(record.target.deploymentId),
            breakerThreshold(service.desiredCount),
          ),
        )
      }
      return { serviceDeployments, failures }
    },

    StopServiceDeployment: (input: Input) => ({
      serviceDeploymentArn: this.controller.stop(
        input.serviceDeploymentArn as string,
        input.stopType as string | undefined,
      ).serviceDeploymentArn,
    }),

    ContinueServiceDeployment: (input: Input) => ({
      serviceDeploymentArn: this.controller.continue(
        input.serviceDeploymentArn as string,
        input.hookId as string,
        input.action as string | undefined,
      ).serviceDeploymentArn,
    }),

    RunTask: (input: Input) => {
      const cluster = this.cluster(input)
      const registered = this.activeTaskDefinition(input.taskDefinition as string)
      const definition = registered.definition
      if (definition.networkMode === 'awsvpc' && !input.networkConfiguration) {
        throw new AwsError(
          'InvalidParameterException',
          "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        )
      }
      const names = definition.containerDefinitions.map((c) => c.name)
      const overrides =
        (input.overrides as { containerOverrides?: Array<{ name?: string }> } | undefined)
          ?.containerOverrides ?? []
      for (const o of overrides) {
        if (!o.name || !names.includes(o.name))
          throw new AwsError(
            'InvalidParameterException',
            `Override for container named ${o.name} is not a container in the TaskDefinition.`,
          )
      }
      const task = this.controller.runTask(cluster.clusterName, definition.taskDefinitionArn, names, {
        startedBy: input.startedBy as string | undefined,
        override: overrides[0]?.name,
        launchType: (input.launchType as string | undefined) ?? 'FARGATE',
      })
      return { tasks: [taskOut(task)], failures: [] }
    },

    DescribeTasks: (input: Input) => {
      const cluster = this.cluster(input)
      const tasks: unknown[] = []
      const failures: { arn: string; reason: string }[] = []
      for (const arn of input.tasks as string[]) {
        const task = this.controller.task(arn)
        if (task && task.clusterArn === cluster.clusterArn) tasks.push(taskOut(task))
        else failures.push({ arn, reason: 'MISSING' })
      }
      return { tasks, failures }
    },

    ListTasks: (input: Input) => {
      const cluster = this.cluster(input)
      const arns = this.controller.listTasks(
        cluster.clusterName,
        input as { serviceName?: string; desiredStatus?: string; startedBy?: string; family?: string },
      )
      return page(arns, input, 'taskArns')
    },
  }
}

/** Each region keeps its own resources: an ARN naming another region finds nothing in this one. */
function isForeignArn(reference: string, region: string): boolean {
  return reference.startsWith('arn:') && reference.split(':')[3] !== region
}

function page(items: string[], input: Input, member: string): Record<string, unknown> {
  const size = (input.maxResults as number | undefined) ?? PAGE
  const start = input.nextToken
    ? Number(Buffer.from(input.nextToken as string, 'base64').toString('utf8')) || 0
    : 0
  const end = start + size
  const out: Record<string, unknown> = { [member]: items.slice(start, end) }
  if (end < items.length) out.nextToken = Buffer.from(String(end)).toString('base64')
  return out
}

function serviceOut(s: SimService): Record<string, unknown> {
  const primary = s.deployments.find((d) => d.status === 'PRIMARY')
  const live = s.deployments.filter((d) => d.status !== 'INACTIVE')
  return {
    serviceArn: s.serviceArn,
    serviceName: s.serviceName,
    clusterArn: s.clusterArn,
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: live.reduce((n, d) => n + d.runningCount, 0),
    pendingCount: live.reduce((n, d) => n + d.pendingCount, 0),
    launchType: s.launchType,
    platformVersion: s.launchType === 'FARGATE' ? 'LATEST' : undefined,
    taskDefinition: primary?.taskDefinition ?? s.taskDefinition,
    deploymentConfiguration: {
      deploymentCircuitBreaker: s.circuitBreaker,
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      strategy: s.settings.strategy,
      bakeTimeInMinutes: s.settings.bakeTimeInMinutes,
      linearConfiguration: s.settings.linearConfiguration,
      canaryConfiguration: s.settings.canaryConfiguration,
      lifecycleHooks: s.settings.lifecycleHooks,
      alarms: s.settings.alarms,
    },
    currentServiceDeployment: s.records[0]?.serviceDeploymentArn,
    deployments: live.map(deploymentOut),
    events: s.events.slice(0, 100),
    createdAt: s.createdAt,
    networkConfiguration: s.networkConfiguration,
    loadBalancers: s.loadBalancers,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: s.controller },
  }
}

function deploymentOut(d: SimDeployment): Record<string, unknown> {
  const {
    script: _script,
    containers: _containers,
    runningAtMs: _r,
    settledAtMs: _s,
    startedMs: _t,
    revisionArn: _rev,
    record: _rec,
    rollbackOf: _of,
    ...out
  } = d
  return out
}

function taskOut(t: SimTask): Record<string, unknown> {
  const { run: _run, targets: _targets, ...out } = t
  return out
}
