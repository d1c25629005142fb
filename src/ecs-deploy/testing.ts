import type { Deployment, Service, Task, TaskDefinition } from '@aws-sdk/client-ecs'
import type { Inputs } from './inputs'
import type { Expectation } from './rollout'
import { observedService, type RegionState } from './state'

/** Builders of ECS shapes for the unit tests. */

export const ACCOUNT = '123456789012'
export const REGION = 'us-east-1'

export const tdArn = (family: string, revision: number, region = REGION): string =>
  `arn:aws:ecs:${region}:${ACCOUNT}:task-definition/${family}:${revision}`

export function taskDefinition(
  family: string,
  revision: number,
  containers: Array<[string, string]> = [['app', 'acme/web:1.0.0']],
): TaskDefinition {
  return {
    taskDefinitionArn: tdArn(family, revision),
    family,
    revision,
    status: 'ACTIVE',
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    requiresCompatibilities: ['FARGATE'],
    compatibilities: ['EC2', 'FARGATE'],
    requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }],
    registeredAt: new Date('2025-01-01T00:00:00Z'),
    registeredBy: `arn:aws:iam::${ACCOUNT}:user/ci`,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/exec`,
    containerDefinitions: containers.map(([name, image]) => ({
      name,
      image,
      essential: true,
      environment: [{ name: 'MODE', value: 'live' }],
    })),
    volumes: [],
    placementConstraints: [],
  }
}

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'ecs-svc/1111',
    status: 'PRIMARY',
    taskDefinition: tdArn('web', 43),
    desiredCount: 3,
    pendingCount: 0,
    runningCount: 0,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    createdAt: new Date('2025-01-02T00:00:00Z'),
    ...overrides,
  }
}

export function service(name: string, taskDefinitionArn: string, overrides: Partial<Service> = {}): Service {
  return {
    serviceName: name,
    serviceArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod/${name}`,
    clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod`,
    status: 'ACTIVE',
    desiredCount: 3,
    runningCount: 3,
    pendingCount: 0,
    launchType: 'FARGATE',
    taskDefinition: taskDefinitionArn,
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
    networkConfiguration: {
      awsvpcConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' },
    },
    deployments: [
      deployment({
        id: `ecs-svc/${name}-old`,
        taskDefinition: taskDefinitionArn,
        runningCount: 3,
        rolloutState: 'COMPLETED',
      }),
    ],
    events: [],
    ...overrides,
  }
}

export function stoppedTask(overrides: Partial<Task> = {}): Task {
  return {
    taskArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/prod/${Math.random().toString(16).slice(2, 10)}`,
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    startedBy: 'ecs-svc/1111',
    taskDefinitionArn: tdArn('web', 43),
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'app', exitCode: 1, lastStatus: 'STOPPED' }],
    ...overrides,
  }
}

export function inputs(overrides: Partial<Inputs> = {}): Inputs {
  return {
    cluster: 'prod',
    services: ['api'],
    source: { kind: 'image' },
    images: { kind: 'single', image: 'acme/web:2.0.0' },
    environment: [],
    wait: true,
    waitFor: 'stable',
    timeoutMs: 900_000,
    rollback: true,
    regions: [REGION],
    dryRun: false,
    aws: { region: REGION, maxAttempts: 3, action: 'ecs-deploy' },
    ...overrides,
  }
}

export function regionState(services: Service[], definitions: TaskDefinition[]): RegionState {
  return {
    region: REGION,
    cluster: { name: 'prod', arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod` },
    services: services.map(observedService),
    taskDefinitions: new Map(
      definitions.map((d) => [d.taskDefinitionArn as string, { definition: d, tags: [] }]),
    ),
  }
}

export function expectation(overrides: Partial<Expectation> = {}): Expectation {
  return {
    deploymentId: 'ecs-svc/1111',
    taskDefinitionArn: tdArn('web', 43),
    previousTaskDefinitionArn: tdArn('web', 42),
    waitFor: 'stable',
    ecsRollsBack: false,
    healthChecked: [],
    ...overrides,
  }
}
