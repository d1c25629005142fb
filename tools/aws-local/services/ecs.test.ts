import {
  ContinueServiceDeploymentCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs'
import { requireModel, requireModelShape, startAwsLocal, type AwsLocal } from '../index'
import { clientConfig, failure, sampleTaskDefinition } from '../test-helpers'

let aws: AwsLocal
let ecs: ECSClient

const web = sampleTaskDefinition
const arn = (family: string, revision: number) =>
  `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${revision}`

beforeAll(async () => {
  aws = await startAwsLocal()
  ecs = new ECSClient({ ...clientConfig(aws), maxAttempts: 1 })
})
afterAll(async () => {
  ecs.destroy()
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.clock.freeze()
  const module = aws.service('ecs')
  module.seedCluster('prod')
  module.seedService({ cluster: 'prod', name: 'api', taskDefinition: web, desiredCount: 2 })
})

async function describe1(): Promise<Service> {
  const out = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] }))
  return out.services?.[0] as Service
}

describe('ecs task definitions', () => {
  it('registers revisions, describes them with tags, lists and deregisters them', async () => {
    const out = await ecs.send(
      new RegisterTaskDefinitionCommand({ ...web, tags: [{ key: 'team', value: 'shop' }] } as never),
    )
    expect(out.taskDefinition).toMatchObject({
      taskDefinitionArn: arn('web', 2),
      revision: 2,
      status: 'ACTIVE',
      compatibilities: ['EC2', 'FARGATE'],
    })
    expect(out.taskDefinition?.registeredAt).toBeInstanceOf(Date)
    const described = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'web', include: ['TAGS'] }),
    )
    expect(described.taskDefinition?.revision).toBe(2)
    expect(described.tags).toEqual([{ key: 'team', value: 'shop' }])
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:1' }))
    const listed = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'web', sort: 'DESC' }))
    expect(listed.taskDefinitionArns).toEqual([arn('web', 2)])
    const inactive = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'web', status: 'INACTIVE' }),
    )
    expect(inactive.taskDefinitionArns).toEqual([arn('web', 1)])
  })

  it("answers ECS's errors", async () => {
    const missing = await failure(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope:1' })))
    expect([missing.name, missing.message]).toEqual([
      'ClientException',
      'Unable to describe task definition.',
    ])
    const noImage = await failure(
      ecs.send(
        new RegisterTaskDefinitionCommand({ ...web, containerDefinitions: [{ name: 'app' }] } as never),
      ),
    )
    expect([noImage.name, noImage.message]).toEqual([
      'ClientException',
      'Container.image should not be null or empty.',
    ])
    const invalid = await failure(ecs.send(new RegisterTaskDefinitionCommand({ family: 'web' } as never)))
    expect(invalid.name).toBe('InvalidParameterException')
  })
})

describe('ecs services and the deployment controller', () => {
  it('rolls a deployment out over time: tasks start, old ones drain, then COMPLETED', async () => {
    await ecs.send(new RegisterTaskDefinitionCommand(web as never))
    const updated = await ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'api', taskDefinition: 'web:2' }),
    )
    const id = updated.service?.deployments?.[0].id
    expect(updated.service?.deployments?.map((d) => [d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['PRIMARY', arn('web', 2), 'IN_PROGRESS'],
      ['ACTIVE', arn('web', 1), 'COMPLETED'],
    ])
    aws.clock.advance(750)
    expect((await describe1()).deployments?.[0]).toMatchObject({ id, runningCount: 1, pendingCount: 1 })
    aws.clock.advance(750)
    expect((await describe1()).deployments).toHaveLength(2)
    aws.clock.advance(500)
    const done = await describe1()
    expect(done.deployments?.map((d) => [d.id, d.rolloutState, d.runningCount])).toEqual([
      [id, 'COMPLETED', 2],
    ])
    expect(done.events?.[0].message).toBe('(service api) has reached a steady state.')
    const stopped = await ecs.send(
      new ListTasksCommand({ cluster: 'prod', serviceName: 'api', desiredStatus: 'STOPPED' }),
    )
    expect(stopped.taskArns).toHaveLength(2)
  })

  it('fails tasks with the scripted reason and exit code, and trips the circuit breaker', async () => {
    const module = aws.service('ecs')
    module.seedService({
      cluster: 'prod',
      name: 'api',
      taskDefinition: 'web:1',
      desiredCount: 2,
      circuitBreaker: { enable: true, rollback: false },
    })
    module.scriptRollout('prod', 'api', { fail: { exitCode: 2, everyMs: 100 } })
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', forceNewDeployment: true }))
    aws.clock.advance(350)
    const service = await describe1()
    expect(service.deployments?.[0]).toMatchObject({
      failedTasks: 3,
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
    })
    const arns =
      (
        await ecs.send(
          new ListTasksCommand({
            cluster: 'prod',
            startedBy: service.deployments?.[0].id,
            desiredStatus: 'STOPPED',
          }),
        )
      ).taskArns ?? []
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: arns }))).tasks ?? []
    expect(tasks.map((t) => [t.stopCode, t.stoppedReason, t.containers?.[0].exitCode])).toEqual(
      Array(3).fill(['EssentialContainerExited', 'Essential container in task exited', 2]),
    )
  })

  it('rolls back by itself when the circuit breaker says so', async () => {
    const module = aws.service('ecs')
    module.seedService({
      cluster: 'prod',
      name: 'api',
      taskDefinition: 'web:1',
      desiredCount: 2,
      circuitBreaker: { enable: true, rollback: true },
    })
    await ecs.send(new RegisterTaskDefinitionCommand(web as never))
    module.scriptRollout('prod', 'api', {
      fail: {
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'CannotPullContainerError: not found',
        containerReason: 'CannotPullContainerError',
        everyMs: 100,
      },
    })
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', taskDefinition: 'web:2' }))
    aws.clock.advance(300)
    expect((await describe1()).deployments?.map((d) => [d.status, d.taskDefinition, d.rolloutState])).toEqual(
      [
        ['PRIMARY', arn('web', 1), 'IN_PROGRESS'],
        ['ACTIVE', arn('web', 2), 'FAILED'],
        ['ACTIVE', arn('web', 1), 'COMPLETED'],
      ],
    )
    aws.clock.advance(1000)
    expect((await describe1()).deployments?.map((d) => [d.taskDefinition, d.rolloutState])).toEqual([
      [arn('web', 1), 'COMPLETED'],
    ])
  })

  it('runs one-off tasks to their scripted exit code', async () => {
    aws.service('ecs').scriptRunTask({ durationMs: 1000, exitCode: 4 })
    const network = { awsvpcConfiguration: { subnets: ['subnet-1'] } }
    const out = await ecs.send(
      new RunTaskCommand({
        cluster: 'prod',
        taskDefinition: 'web:1',
        networkConfiguration: network,
        overrides: { containerOverrides: [{ name: 'app', command: ['migrate'] }] },
      }),
    )
    const taskArn = out.tasks?.[0].taskArn as string
    aws.clock.advance(500)
    expect(
      (await ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: [taskArn] }))).tasks?.[0].lastStatus,
    ).toBe('RUNNING')
    aws.clock.advance(500)
    const stopped = (await ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: [taskArn] })))
      .tasks?.[0]
    expect([stopped?.lastStatus, stopped?.containers?.[0].exitCode]).toEqual(['STOPPED', 4])
    const noNetwork = await failure(
      ecs.send(new RunTaskCommand({ cluster: 'prod', taskDefinition: 'web:1' })),
    )
    expect([noNetwork.name, noNetwork.message]).toEqual([
      'InvalidParameterException',
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    ])
  })

  it.each([
    ['an unknown cluster', { cluster: 'nope', service: 'api' }, 'ClusterNotFoundException'],
    ['an unknown service', { cluster: 'prod', service: 'ghost' }, 'ServiceNotFoundException'],
    [
      'an unknown task definition',
      { cluster: 'prod', service: 'api', taskDefinition: 'web:9' },
      'ClientException',
    ],
  ])('UpdateService refuses %s', async (_what, input, code) => {
    expect((await failure(ecs.send(new UpdateServiceCommand(input)))).name).toBe(code)
  })

  it('refuses to update an inactive service and reports missing ones as failures', async () => {
    aws
      .service('ecs')
      .seedService({ cluster: 'prod', name: 'old', taskDefinition: 'web:1', status: 'DRAINING' })
    expect(
      (
        await failure(
          ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'old', forceNewDeployment: true })),
        )
      ).name,
    ).toBe('ServiceNotActiveException')
    const out = await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api', 'ghost'] }))
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/prod/ghost', reason: 'MISSING' },
    ])
    expect(
      (await failure(ecs.send(new DescribeServicesCommand({ cluster: 'nope', services: ['api'] })))).name,
    ).toBe('ClusterNotFoundException')
  })
})

describe('ecs service deployments and native strategies', () => {
  const blueGreen = {
    strategy: 'BLUE_GREEN' as const,
    bakeTimeInMinutes: 2,
  }
  // One configured minute lasts 100 ms of the stand-in's clock; each plain stage 200 ms.
  const script = { durationMs: 400, drainMs: 0, minuteMs: 100 }

  async function latest(): Promise<ServiceDeployment> {
    const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'api' }))
    const arn = listed.serviceDeployments?.[0].serviceDeploymentArn as string
    const out = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))
    return out.serviceDeployments?.[0] as ServiceDeployment
  }

  /** Advances the clock in small steps, collecting each status and stage seen. */
  async function follow(ms: number, step = 50): Promise<string[]> {
    const seen: string[] = []
    for (let t = 0; t <= ms; t += step) {
      const d = await latest()
      const what = [d.status, d.lifecycleStage, d.targetServiceRevision?.requestedProductionTrafficWeight]
        .filter((x) => x !== undefined)
        .join(' ')
      if (seen.at(-1) !== what) seen.push(what)
      aws.clock.advance(step)
    }
    return seen
  }

  beforeEach(() => {
    requireModel('ecs', ['ListServiceDeployments', 'StopServiceDeployment', 'ContinueServiceDeployment'])
    requireModelShape('ecs', 'DeploymentConfiguration.strategy')
  })

  it('records a rolling deployment: IN_PROGRESS, then SUCCESSFUL, the current one named by the service', async () => {
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', forceNewDeployment: true }))
    const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'api' }))
    expect(listed.serviceDeployments?.map((d) => d.status)).toEqual(['IN_PROGRESS', 'SUCCESSFUL'])
    expect((await describe1()).currentServiceDeployment).toBe(
      listed.serviceDeployments?.[0].serviceDeploymentArn,
    )
    aws.clock.advance(2000)
    const done = await latest()
    expect([done.status, done.lifecycleStage, done.deploymentConfiguration?.strategy]).toEqual([
      'SUCCESSFUL',
      undefined,
      'ROLLING',
    ])
    const inProgress = await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'api', status: ['IN_PROGRESS'] }),
    )
    expect(inProgress.serviceDeployments).toEqual([])
  })

  it('moves a blue/green deployment through every stage, the old revision running until clean-up', async () => {
    aws
      .service('ecs')
      .seedService({ cluster: 'prod', name: 'api', taskDefinition: 'web:1', deployment: blueGreen })
    aws.service('ecs').scriptRollout('prod', 'api', script)
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', forceNewDeployment: true }))
    const seen = await follow(3400)
    expect(seen).toEqual([
      'PENDING 0',
      'IN_PROGRESS PRE_SCALE_UP 0',
      'IN_PROGRESS SCALE_UP 0',
      'IN_PROGRESS POST_SCALE_UP 0',
      'IN_PROGRESS TEST_TRAFFIC_SHIFT 0',
      'IN_PROGRESS POST_TEST_TRAFFIC_SHIFT 0',
      'IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT 0',
      'IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT 100',
      'IN_PROGRESS POST_PRODUCTION_TRAFFIC_SHIFT 100',
      'IN_PROGRESS BAKE_TIME 100',
      'IN_PROGRESS CLEAN_UP 100',
      'SUCCESSFUL CLEAN_UP 100',
    ])
    const service = await describe1()
    expect(service.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([['PRIMARY', 'COMPLETED']])
    expect(service.deploymentConfiguration).toMatchObject({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 2 })
  })

  it('shifts a canary share first, and linear steps one after another', async () => {
    const module = aws.service('ecs')
    module.seedService({
      cluster: 'prod',
      name: 'api',
      taskDefinition: 'web:1',
      deployment: {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 3 },
      },
    })
    module.scriptRollout('prod', 'api', script)
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', forceNewDeployment: true }))
    const canary = (await follow(3000)).filter((s) => s.includes('PRODUCTION_TRAFFIC_SHIFT'))
    expect(canary).toEqual([
      'IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT 0',
      'IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT 20',
      'IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT 100',
      'IN_PROGRESS POST_PRODUCTION_TRAFFIC_SHIFT 100',
    ])
    module.scriptRollout('prod', 'api', script)
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'prod',
        service: 'api',
        forceNewDeployment: true,
        deploymentConfiguration: {
          strategy: 'LINEAR',
          linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 1 },
        },
      }),
    )
    const linear = (await follow(4000)).filter((s) => s.startsWith('IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT'))
    expect(linear.map((s) => s.split(' ')[2])).toEqual(['0', '25', '50', '75', '100'])
    const bad = await failure(
      ecs.send(
        new UpdateServiceCommand({
          cluster: 'prod',
          service: 'api',
          deploymentConfiguration: { strategy: 'BLUE_GREEN', canaryConfiguration: { canaryPercent: 5 } },
        }),
      ),
    )
    expect(bad.name).toBe('InvalidParameterException')
  })

  it('rolls back when asked with StopServiceDeployment, and refuses to stop a finished deployment', async () => {
    aws
      .service('ecs')
      .seedService({ cluster: 'prod', name: 'api', taskDefinition: 'web:1', deployment: blueGreen })
    await ecs.send(new RegisterTaskDefinitionCommand(web as never))
    aws.service('ecs').scriptRollout('prod', 'api', script)
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', taskDefinition: 'web:2' }))
    aws.clock.advance(1500)
    const running = await latest()
    expect(running.lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT')
    await ecs.send(
      new StopServiceDeploymentCommand({
        serviceDeploymentArn: running.serviceDeploymentArn,
        stopType: 'ROLLBACK',
      }),
    )
    expect((await latest()).status).toBe('ROLLBACK_REQUESTED')
    aws.clock.advance(200)
    expect((await latest()).status).toBe('ROLLBACK_IN_PROGRESS')
    aws.clock.advance(400)
    const back = await latest()
    expect([
      back.status,
      back.rollback?.reason,
      back.targetServiceRevision?.requestedProductionTrafficWeight,
    ]).toEqual(['ROLLBACK_SUCCESSFUL', 'Rollback requested with StopServiceDeployment.', 0])
    const service = await describe1()
    expect([service.taskDefinition, service.deployments?.map((d) => d.taskDefinition)]).toEqual([
      arn('web', 1),
      [arn('web', 1)],
    ])
    const again = await failure(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: back.serviceDeploymentArn })),
    )
    expect(again.name).toBe('ConflictException')
    const unknown = await failure(
      ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: `${back.serviceDeploymentArn}x` })),
    )
    expect(unknown.name).toBe('ServiceDeploymentNotFoundException')
  })

  it('rolls back by itself when an alarm goes off during the bake time, or fails to', async () => {
    aws
      .service('ecs')
      .seedService({ cluster: 'prod', name: 'api', taskDefinition: 'web:1', deployment: blueGreen })
    aws.service('ecs').scriptRollout('prod', 'api', { ...script, alarmAt: 'BAKE_TIME', rollbackFails: true })
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', forceNewDeployment: true }))
    const seen = await follow(3500)
    expect(seen.slice(-4)).toEqual([
      'IN_PROGRESS BAKE_TIME 100',
      'ROLLBACK_REQUESTED BAKE_TIME 100',
      'ROLLBACK_IN_PROGRESS BAKE_TIME 0',
      'ROLLBACK_FAILED BAKE_TIME 0',
    ])
    expect((await latest()).rollback?.reason).toBe('CloudWatch alarm HighErrorRate went into ALARM state.')
  })

  it('holds at a PAUSE hook until ContinueServiceDeployment, and times out with its action', async () => {
    const hooks = [
      {
        targetType: 'PAUSE' as const,
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT' as const],
        timeoutConfiguration: { timeoutInMinutes: 5, action: 'ROLLBACK' as const },
      },
    ]
    aws.service('ecs').seedService({
      cluster: 'prod',
      name: 'api',
      taskDefinition: 'web:1',
      deployment: { ...blueGreen, lifecycleHooks: hooks },
    })
    aws.service('ecs').scriptRollout('prod', 'api', script)
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', forceNewDeployment: true }))
    aws.clock.advance(1400)
    const paused = await latest()
    expect([
      paused.lifecycleStage,
      paused.lifecycleHookDetails?.map((h) => [h.targetType, h.status]),
    ]).toEqual(['POST_TEST_TRAFFIC_SHIFT', [['PAUSE', 'AWAITING_ACTION']]])
    aws.clock.advance(300)
    expect((await latest()).lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT')
    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: paused.serviceDeploymentArn,
        hookId: paused.lifecycleHookDetails?.[0].hookId,
        action: 'CONTINUE',
      }),
    )
    aws.clock.advance(250)
    expect((await latest()).lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT')

    aws.service('ecs').scriptRollout('prod', 'api', script)
    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', forceNewDeployment: true }))
    aws.clock.advance(1400 + 500)
    const timedOut = await latest()
    expect([timedOut.status, timedOut.lifecycleHookDetails?.[0].status]).toEqual([
      'ROLLBACK_REQUESTED',
      'TIMED_OUT',
    ])
  })
})
