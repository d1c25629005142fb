// ECS: clusters for now. Services, task definitions and a deployment controller that progresses
// with the clock (see Progress in ../clock) are the next additions.
import type { Handler, Input, ServiceEnv } from '../types'

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

export class EcsService {
  readonly name = 'ecs'
  private readonly clusters = new Map<string, Cluster>()

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.clusters.clear()
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

  /** A cluster by name or ARN. */
  findCluster(nameOrArn: string): Cluster | undefined {
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn
    return this.clusters.get(name)
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
  }
}
