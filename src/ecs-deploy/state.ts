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
  /** How ECS deploys it: its deploymentConfiguration's strategy and what goes with it. */
  strategy: StrategySettings
}

export type Strategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY'

/** The strategies ECS runs stage by stage, recorded in its ServiceDeployment resource. */
export const NATIVE_STRATEGIES: readonly Strategy[] = ['BLUE_GREEN', 'LINEAR', 'CANARY']

export interface StrategySettings {
  strategy: Strategy
  bakeTimeInMinutes?: number
  stepPercent?: number
  stepBakeTimeInMinutes?: number
  canaryPercent?: number
  canaryBakeTimeInMinutes?: number
  hooks: Array<{ type: string; stages: string[]; timeoutInMinutes?: number; timeoutAction?: string }>
}

export function isNative(strategy: Strategy): boolean {
  return NATIVE_STRATEGIES.includes(strategy)
}

function strategyOf(config: Service['deploymentConfiguration']): StrategySettings {
  const strategy = (config?.strategy ?? 'ROLLING') as Strategy
  return {
    strategy,
    bakeTimeInMinutes: config?.bakeTimeInMinutes,
    stepPercent: config?.linearConfiguration?.stepPercent,
    stepBakeTimeInMinutes: config?.linearConfiguration?.stepBakeTimeInMinutes,
    canaryPercent: config?.canaryConfiguration?.canaryPercent,
    canaryBakeTimeInMinutes: config?.canaryConfiguration?.canaryBakeTimeInMinutes,
    hooks: (config?.lifecycleHooks ?? []).map((h) => ({
      type: h.targetType ?? 'AWS_LAMBDA',
      stages: h.lifecycleStages ?? [],
      timeoutInMinutes: h.timeoutConfiguration?.timeoutInMinutes,
      timeoutAction: h.timeoutConfiguration?.action,
    })),
  }
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
    strategy: strategyOf(service.deploymentConfiguration),
  }
}
