import {
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
  type Cluster,
  type Failure,
  type ListTasksCommandInput,
  type RegisterTaskDefinitionCommandInput,
  type RunTaskCommandInput,
  type Service,
  type Task,
  type TaskDefinition,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs'
import { createClient, type AwsSettings } from '../common/aws'
import { throwIfCancelled } from '../common/cancel'
import { attempt } from '../common/errors'
import type { DescribedTaskDefinition } from './state'

/**
 * The ECS calls ecs-deploy makes, each labelled with what it attempts and bound to the run's
 * AbortSignal. The only module that loads the SDK: main.ts imports it dynamically, so the
 * bundle starts without parsing the client. Throttling and transient errors are retried by the
 * SDK's adaptive retry mode (see src/common/aws.ts).
 */
export class Ecs {
  constructor(
    private readonly client: ECSClient,
    readonly region: string,
    private readonly signal?: AbortSignal,
  ) {}

  static connect(settings: AwsSettings, region: string, signal?: AbortSignal): Ecs {
    return new Ecs(createClient(ECSClient, settings, region), region, signal)
  }

  /** A labelled call; once the run is cancelled, any failure (the SDK's AbortError) is the cancellation. */
  private async call<T>(what: string, send: () => Promise<T>): Promise<T> {
    try {
      return await attempt(what, send)
    } catch (error) {
      throwIfCancelled(this.signal)
      throw error
    }
  }

  private get options(): { abortSignal?: AbortSignal } {
    return { abortSignal: this.signal }
  }

  /** Counts calls by operation, for the benchmark and the debug log. */
  readonly calls = new Map<string, number>()

  private count(operation: string): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1)
  }

  async describeCluster(cluster: string): Promise<{ cluster?: Cluster; failure?: Failure }> {
    this.count('DescribeClusters')
    const out = await this.call(`describe ECS cluster ${cluster} in ${this.region}`, () =>
      this.client.send(new DescribeClustersCommand({ clusters: [cluster] }), this.options),
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
    for (const batch of chunks(names, 10)) {
      this.count('DescribeServices')
      const out = await this.call(`describe ECS services ${batch.join(', ')} in ${this.region}`, () =>
        this.client.send(new DescribeServicesCommand({ cluster, services: batch }), this.options),
      )
      services.push(...(out.services ?? []))
      failures.push(...(out.failures ?? []))
    }
    return { services, failures }
  }

  async describeTaskDefinition(reference: string): Promise<DescribedTaskDefinition> {
    this.count('DescribeTaskDefinition')
    const out = await this.call(`describe task definition ${reference} in ${this.region}`, () =>
      this.client.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: reference, include: ['TAGS'] }),
        this.options,
      ),
    )
    return { definition: out.taskDefinition ?? {}, tags: out.tags ?? [] }
  }

  async registerTaskDefinition(request: RegisterTaskDefinitionCommandInput): Promise<TaskDefinition> {
    this.count('RegisterTaskDefinition')
    const out = await this.call(
      `register a new revision of task definition ${request.family} in ${this.region}`,
      () => this.client.send(new RegisterTaskDefinitionCommand(request), this.options),
    )
    return out.taskDefinition ?? {}
  }

  async deregisterTaskDefinition(arn: string): Promise<void> {
    this.count('DeregisterTaskDefinition')
    await this.call(`deregister task definition ${arn}`, () =>
      this.client.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }), this.options),
    )
  }

  /** ACTIVE revisions of a family, newest first. */
  async listTaskDefinitions(family: string): Promise<string[]> {
    const arns: string[] = []
    let nextToken: string | undefined
    do {
      this.count('ListTaskDefinitions')
      const out = await this.call(`list revisions of task definition ${family} in ${this.region}`, () =>
        this.client.send(
          new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', nextToken }),
          this.options,
        ),
      )
      arns.push(...(out.taskDefinitionArns ?? []))
      nextToken = out.nextToken
    } while (nextToken)
    return arns
  }

  async updateService(input: UpdateServiceCommandInput, what: string): Promise<Service> {
    this.count('UpdateService')
    const out = await this.call(what, () => this.client.send(new UpdateServiceCommand(input), this.options))
    return out.service ?? {}
  }

  async runTask(input: RunTaskCommandInput): Promise<{ task?: Task; failure?: Failure }> {
    this.count('RunTask')
    const out = await this.call(`run a task of ${input.taskDefinition} in ${this.region}`, () =>
      this.client.send(new RunTaskCommand(input), this.options),
    )
    return { task: out.tasks?.[0], failure: out.failures?.[0] }
  }

  /** Describes tasks in batches of 100 (the API's limit). */
  async describeTasks(cluster: string, arns: string[]): Promise<Task[]> {
    const tasks: Task[] = []
    for (const batch of chunks(arns, 100)) {
      this.count('DescribeTasks')
      const out = await this.call(`describe ${batch.length} ECS tasks in ${this.region}`, () =>
        this.client.send(new DescribeTasksCommand({ cluster, tasks: batch }), this.options),
      )
      tasks.push(...(out.tasks ?? []))
    }
    return tasks
  }

  async listTasks(input: ListTasksCommandInput): Promise<string[]> {
    const arns: string[] = []
    let nextToken: string | undefined
    do {
      this.count('ListTasks')
      const out = await this.call(
        `list tasks of ${input.serviceName ?? input.cluster} in ${this.region}`,
        () => this.client.send(new ListTasksCommand({ ...input, nextToken }), this.options),
      )
      arns.push(...(out.taskArns ?? []))
      nextToken = out.nextToken
    } while (nextToken)
    return arns
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export function connect(settings: AwsSettings, region: string, signal?: AbortSignal): Ecs {
  return Ecs.connect(settings, region, signal)
}
