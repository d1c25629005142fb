import type {
  CapacityProviderStrategyItem,
  Deployment,
  NetworkConfiguration,
  Service,
  Tag,
  TaskDefinition,
} from '@aws-sdk/client-ecs'

/** What observation found in one region: everything planning needs, and everything rollback will. */
export interface RegionState {
  region: string
  cluster: { name: string; arn: string }
  services: ObservedService[]
  /** Described task definitions by ARN: each service's current one, and an existing target. */
  taskDefinitions: Map<string, DescribedTaskDefinition>
  /** The ARN an existing `task-definition` reference resolved to. */
  existingTarget?: string
}

export interface DescribedTaskDefinition {
  definition: TaskDefinition
  tags: Tag[]
}

export interface ObservedService {
  name: string
  arn: string
  status: string
  taskDefinitionArn: string
  desiredCount: number
  controller: string
  circuitBreaker: { enable: boolean; rollback: boolean }
  launchType?: string
  capacityProviderStrategy?: CapacityProviderStrategyItem[]
  platformVersion?: string
  networkConfiguration?: NetworkConfiguration
  deployments: Deployment[]
}

export function observedService(service: Service): ObservedService {
  const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker
  return {
    name: service.serviceName ?? '',
    arn: service.serviceArn ?? '',
    status: service.status ?? 'UNKNOWN',
    taskDefinitionArn: service.taskDefinition ?? '',
    desiredCount: service.desiredCount ?? 0,
    controller: service.deploymentController?.type ?? 'ECS',
    circuitBreaker: { enable: breaker?.enable ?? false, rollback: breaker?.rollback ?? false },
    launchType: service.launchType,
    capacityProviderStrategy: service.capacityProviderStrategy,
    platformVersion: service.platformVersion,
    networkConfiguration: service.networkConfiguration,
    deployments: service.deployments ?? [],
  }
}
