import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs'
import { startAwsLocal, type AwsLocal } from '../index'
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
