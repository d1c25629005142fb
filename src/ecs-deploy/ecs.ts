import {
  ContinueServiceDeploymentCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  paginateListTaskDefinitions,
  paginateListTasks,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type Cluster,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
  type ServiceDeploymentStatus,
  type Failure,
  type ListTasksCommandInput,
  type RegisterTaskDefinitionCommandInput,
  type RunTaskCommandInput,
  type Service,
  type Task,
  type TaskDefinition,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs'
import { AWS_LIMITS, chunks, type AwsCalls } from '../common/aws'
import { ECS_DESCRIBE_SERVICE_DEPLOYMENTS } from './constants'
import type { DescribedTaskDefinition } from './state'

/**
 * The ECS calls ecs-deploy makes, each labelled with what it attempts; the run's call layer
 * (src/common/aws.ts) binds them to the run's AbortSignal and counts them. The only module that
 * loads the SDK: main.ts imports it dynamically, so the bundle starts without parsing the
 * client. Throttling and transient errors are retried by the SDK's adaptive retry mode.
 */
export class Ecs {
  private readonly client: ECSClient

  constructor(
    /** The run's call layer, shared with the ELB calls of the same wait (./targets). */
    readonly calls: AwsCalls,
    readonly region: string,
  ) {
    this.client = calls.client(ECSClient, region)
  }

  async describeCluster(cluster: string): Promise<{ cluster?: Cluster; failure?: Failure }> {
    const out = await this.calls.send(`describe ECS cluster ${cluster} in ${this.region}`, (o) =>
      this.client.send(new DescribeClustersCommand({ clusters: [cluster] }), o),
    )
    return { cluster: out.clusters?.[0], failure: out.failures?.[0] }
  }

  /** Describes services in batches of 10 (the API's limit). */
  async describeServices(
    cluster: string,
    names: string[],
  ): Promise<{ services: Service[]; failures: Failure[] }> {
    const services: Service[] = []
    const failures: Failure[] = []
    for (const batch of chunks(names, AWS_LIMITS.ecsDescribeServices)) {
      const out = await this.calls.send(`describe ECS services ${batch.join(', ')} in ${this.region}`, (o) =>
        this.client.send(new DescribeServicesCommand({ cluster, services: batch }), o),
      )
      services.push(...(out.services ?? []))
      failures.push(...(out.failures ?? []))
    }
    return { services, failures }
  }

  async describeTaskDefinition(reference: string): Promise<DescribedTaskDefinition> {
    const out = await this.calls.send(`describe task definition ${reference} in ${this.region}`, (o) =>
      this.client.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: reference, include: ['TAGS'] }),
        o,
      ),
    )
    return { definition: out.taskDefinition ?? {}, tags: out.tags ?? [] }
  }

  async registerTaskDefinition(request: RegisterTaskDefinitionCommandInput): Promise<TaskDefinition> {
    const out = await this.calls.send(
      `register a new revision of task definition ${request.family} in ${this.region}`,
      (o) => this.client.send(new RegisterTaskDefinitionCommand(request), o),
    )
    return out.taskDefinition ?? {}
  }

  async deregisterTaskDefinition(arn: string): Promise<void> {
    await this.calls.send(`deregister task definition ${arn}`, (o) =>
      this.client.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }), o),
    )
  }

  /** ACTIVE revisions of a family, newest first. */
  async listTaskDefinitions(family: string): Promise<string[]> {
    return this.calls.all(
      `list revisions of task definition ${family} in ${this.region}`,
      (o) =>
        paginateListTaskDefinitions(
          { client: this.client },
          { familyPrefix: family, status: 'ACTIVE', sort: 'DESC' },
          o,
        ),
      (page) => page.taskDefinitionArns,
    )
  }

  async updateService(input: UpdateServiceCommandInput, what: string): Promise<Service> {
    const out = await this.calls.send(what, (o) => this.client.send(new UpdateServiceCommand(input), o))
    return out.service ?? {}
  }

  async runTask(input: RunTaskCommandInput): Promise<{ task?: Task; failure?: Failure }> {
    const out = await this.calls.send(`run a task of ${input.taskDefinition} in ${this.region}`, (o) =>
      this.client.send(new RunTaskCommand(input), o),
    )
    return { task: out.tasks?.[0], failure: out.failures?.[0] }
  }

  /** Describes tasks in batches of 100 (the API's limit). */
  async describeTasks(cluster: string, arns: string[]): Promise<Task[]> {
    const tasks: Task[] = []
    for (const batch of chunks(arns, AWS_LIMITS.ecsDescribeTasks)) {
      const out = await this.calls.send(`describe ${batch.length} ECS tasks in ${this.region}`, (o) =>
        this.client.send(new DescribeTasksCommand({ cluster, tasks: batch }), o),
      )
      tasks.push(...(out.tasks ?? []))
    }
    return tasks
  }

  /**
   * A service's deployments (ServiceDeployment records) in the statuses asked for, newest first.
   * One page: the SDK has no paginator for this operation, and a service has only a few
   * deployments PENDING or IN_PROGRESS at a time (a new one replaces the one in progress).
   */
  async listServiceDeployments(
    cluster: string,
    service: string,
    status: ServiceDeploymentStatus[],
  ): Promise<ServiceDeploymentBrief[]> {
    const out = await this.calls.send(`list the deployments of service ${service} in ${this.region}`, (o) =>
      this.client.send(new ListServiceDeploymentsCommand({ cluster, service, status, maxResults: 20 }), o),
    )
    return out.serviceDeployments ?? []
  }

  /** Describes service deployments in batches of 20 (the API's limit); unknown ARNs are left out. */
  async describeServiceDeployments(arns: string[]): Promise<ServiceDeployment[]> {
    const found: ServiceDeployment[] = []
    for (const batch of chunks(arns, ECS_DESCRIBE_SERVICE_DEPLOYMENTS)) {
      const out = await this.calls.send(
        `describe ${batch.length} ECS service deployment${batch.length === 1 ? '' : 's'} in ${this.region}`,
        (o) => this.client.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: batch }), o),
      )
      found.push(...(out.serviceDeployments ?? []))
    }
    return found
  }

  /** Asks ECS to roll a service deployment back to the revision it replaces. */
  async stopServiceDeployment(arn: string, what: string): Promise<void> {
    await this.calls.send(what, (o) =>
      this.client.send(
        new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }),
        o,
      ),
    )
  }

  /** Resolves a PAUSE lifecycle hook: CONTINUE to the next stage, or ROLLBACK. */
  async continueServiceDeployment(
    arn: string,
    hookId: string,
    action: 'CONTINUE' | 'ROLLBACK',
    what: string,
  ): Promise<void> {
    await this.calls.send(what, (o) =>
      this.client.send(
        new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action }),
        o,
      ),
    )
  }

  async listTasks(input: ListTasksCommandInput): Promise<string[]> {
    return this.calls.all(
      `list tasks of ${input.serviceName ?? input.cluster} in ${this.region}`,
      (o) => paginateListTasks({ client: this.client }, { ...input }, o),
      (page) => page.taskArns,
    )
  }
}

export function connect(calls: AwsCalls, region: string): Ecs {
  return new Ecs(calls, region)
}
