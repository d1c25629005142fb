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
  type Deployment,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type Task,
  type TaskDefinition,
} from '@aws-sdk/client-ecs'
import { mockClient } from 'aws-sdk-client-mock'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseFileCommand } from '../../tools/harness/run-action'
import { UserError } from '../common/errors'
import { memoryLogger } from '../common/log'
import { main } from './main'
import { deployment, REGION, service, stoppedTask, taskDefinition, tdArn } from './testing'
import { memoryState, setInputs } from '../common/testing'

/**
 * The whole pipeline against a mocked ECS client. Each rollout settles on the first poll the
 * scenario allows, so no test sleeps.
 */

type Behaviour = 'complete' | 'tasks-fail' | 'ecs-rolls-back'

class FakeEcs {
  readonly mock = mockClient(ECSClient)
  readonly definitions = new Map<string, TaskDefinition>([[tdArn('web', 42), taskDefinition('web', 42)]])
  readonly services = new Map<string, Service>()
  readonly stopped: Task[] = []
  behaviour: Behaviour = 'complete'
  runTaskExitCode = 0
  private deployments = 0

  constructor() {
    for (const name of ['api', 'worker']) this.services.set(name, service(name, tdArn('web', 42)))
    this.mock.on(DescribeClustersCommand).callsFake(({ clusters }) =>
      clusters[0] === 'prod'
        ? {
            clusters: [
              {
                clusterName: 'prod',
                clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
                status: 'ACTIVE',
              },
            ],
            failures: [],
          }
        : { clusters: [], failures: [{ arn: clusters[0], reason: 'MISSING' }] },
    )
    this.mock.on(DescribeServicesCommand).callsFake(({ services }: { services: string[] }) => ({
      services: services.filter((n) => this.services.has(n)).map((n) => this.progress(n)),
      failures: services
        .filter((n) => !this.services.has(n))
        .map((n) => ({ arn: `arn:aws:ecs:us-east-1:123456789012:service/prod/${n}`, reason: 'MISSING' })),
    }))
    this.mock.on(DescribeTaskDefinitionCommand).callsFake(({ taskDefinition }) => {
      const found = [...this.definitions.values()].find(
        (d) => d.taskDefinitionArn === taskDefinition || `${d.family}:${d.revision}` === taskDefinition,
      )
      if (!found)
        throw Object.assign(new Error('Unable to describe task definition.'), {
          name: 'ClientException',
          $metadata: {},
        })
      return { taskDefinition: found, tags: [] }
    })
    this.mock.on(RegisterTaskDefinitionCommand).callsFake((input: RegisterTaskDefinitionCommandInput) => {
      const revision =
        Math.max(
          ...[...this.definitions.values()]
            .filter((d) => d.family === input.family)
            .map((d) => d.revision ?? 0),
          0,
        ) + 1
      const definition: TaskDefinition = {
        ...(input as TaskDefinition),
        revision,
        status: 'ACTIVE',
        taskDefinitionArn: tdArn(input.family as string, revision),
      }
      this.definitions.set(definition.taskDefinitionArn as string, definition)
      return { taskDefinition: definition }
    })
    this.mock.on(UpdateServiceCommand).callsFake(({ service: name, taskDefinition: arn }) => {
      const current = this.services.get(name) as Service
      const id = `ecs-svc/${++this.deployments}`
      const fresh = deployment({ id, taskDefinition: arn, runningCount: 0 })
      const older = (current.deployments ?? []).map((d) => ({ ...d, status: 'ACTIVE' }))
      const updated = { ...current, taskDefinition: arn, deployments: [fresh, ...older] }
      this.services.set(name, updated)
      return { service: updated }
    })
    this.mock.on(ListTasksCommand).callsFake(({ desiredStatus }) => ({
      taskArns: desiredStatus === 'STOPPED' ? this.stopped.map((t) => t.taskArn) : [],
    }))
    this.mock.on(DescribeTasksCommand).callsFake(({ tasks }: { tasks: string[] }) => ({
      tasks: tasks.map(
        (arn) =>
          this.stopped.find((t) => t.taskArn === arn) ?? {
            taskArn: arn,
            lastStatus: 'STOPPED',
            stoppedReason:
              this.runTaskExitCode === 0
                ? 'Essential container in task exited'
                : 'Essential container in task exited',
            containers: [{ name: 'app', exitCode: this.runTaskExitCode }],
          },
      ),
    }))
    this.mock.on(RunTaskCommand).resolves({
      tasks: [
        { taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/prod/migrate', lastStatus: 'PROVISIONING' },
      ],
      failures: [],
    })
    this.mock.on(ListTaskDefinitionsCommand).callsFake(() => ({
      taskDefinitionArns: [...this.definitions.keys()].sort().reverse(),
    }))
    this.mock.on(DeregisterTaskDefinitionCommand).resolves({})
  }

  /** Moves a service's newest deployment to its end state as the behaviour says. */
  private progress(name: string): Service {
    const current = this.services.get(name) as Service
    const [newest, ...rest] = current.deployments ?? []
    if (!newest || newest.rolloutState !== 'IN_PROGRESS') return current
    const isRollback =
      rest.some((d) => d.rolloutState === 'FAILED') || newest.taskDefinition === tdArn('web', 42)
    let deployments: Deployment[]
    if (this.behaviour === 'complete' || isRollback) {
      deployments = [{ ...newest, runningCount: newest.desiredCount, rolloutState: 'COMPLETED' }]
    } else if (this.behaviour === 'tasks-fail') {
      this.stopped.push(
        stoppedTask({ startedBy: newest.id, taskDefinitionArn: newest.taskDefinition }),
        stoppedTask({ startedBy: newest.id, taskDefinitionArn: newest.taskDefinition }),
      )
      deployments = [
        {
          ...newest,
          failedTasks: 2,
          rolloutState: 'FAILED',
          rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
        },
        ...rest,
      ]
    } else {
      const back = deployment({
        id: `ecs-svc/rollback-${name}`,
        taskDefinition: rest[0]?.taskDefinition,
        runningCount: 3,
        rolloutState: 'COMPLETED',
      })
      deployments = [
        back,
        {
          ...newest,
          status: 'ACTIVE',
          failedTasks: 2,
          rolloutState: 'FAILED',
          rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
        },
      ]
    }
    const updated = {
      ...current,
      deployments,
      events: [
        {
          id: `e-${deployments.length}`,
          createdAt: new Date('2025-01-02T00:01:00Z'),
          message: `(service ${name}) has started 1 tasks.`,
        },
      ],
    }
    this.services.set(name, updated)
    return updated
  }

  calls(command: Parameters<typeof this.mock.commandCalls>[0]): number {
    return this.mock.commandCalls(command).length
  }

  mutatingCalls(): number {
    return [
      RegisterTaskDefinitionCommand,
      UpdateServiceCommand,
      RunTaskCommand,
      DeregisterTaskDefinitionCommand,
    ].reduce((n, c) => n + this.calls(c), 0)
  }
}

let ecs: FakeEcs
let dir: string

beforeEach(() => {
  ecs = new FakeEcs()
  dir = mkdtempSync(join(tmpdir(), 'ecs-deploy-main-'))
  writeFileSync(join(dir, 'output'), '')
  writeFileSync(join(dir, 'summary'), '')
  Object.assign(process.env, {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_WORKSPACE: dir,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    INPUT_REGION: REGION,
    INPUT_CLUSTER: 'prod',
    INPUT_SERVICES: 'api',
  })
})

afterEach(() => {
  ecs.mock.restore()
  rmSync(dir, { recursive: true, force: true })
})

async function run(): Promise<{
  error?: Error
  outputs: Record<string, string>
  summary: string
  lines: string[]
}> {
  const logger = memoryLogger()
  let error: Error | undefined
  try {
    await main({ name: 'ecs-deploy', signal: new AbortController().signal, logger, state: memoryState() })
  } catch (e) {
    error = e as Error
  }
  return {
    error,
    outputs: parseFileCommand(readFileSync(join(dir, 'output'), 'utf8')),
    summary: readFileSync(join(dir, 'summary'), 'utf8'),
    lines: logger.lines,
  }
}

describe('ecs-deploy main', () => {
  it('rolls a new image out to two services with one new revision', async () => {
    setInputs({ services: 'api\nworker', image: 'acme/web:2.0.0' })
    const { error, outputs, summary, lines } = await run()
    expect(error).toBeUndefined()
    expect(ecs.calls(RegisterTaskDefinitionCommand)).toBe(1)
    expect(ecs.calls(UpdateServiceCommand)).toBe(2)
    expect(outputs).toMatchObject({
      'task-definition-arn': tdArn('web', 43),
      'previous-task-definition-arn': tdArn('web', 42),
      'deployment-id': 'ecs-svc/1',
      'rolled-back': 'false',
    })
    expect(
      JSON.parse(outputs.services).map((s: { service: string; result: string }) => [s.service, s.result]),
    ).toEqual([
      ['api', 'deployed'],
      ['worker', 'deployed'],
    ])
    expect(summary).toContain('web:42 → web:43')
    expect(summary).toContain('app: `acme/web:1.0.0` → `acme/web:2.0.0`')
    expect(lines).toContain('[us-east-1] registered web:43 (from web:42)')
    expect(lines.some((l) => /^\[us-east-1\] api: rollout completed \(3\/3 tasks running\)/.test(l))).toBe(
      true,
    )
  })

  it('forces a new deployment of the current revision', async () => {
    const { error } = await run()
    expect(error).toBeUndefined()
    expect(ecs.calls(RegisterTaskDefinitionCommand)).toBe(0)
    expect(ecs.mock.commandCalls(UpdateServiceCommand)[0].args[0].input).toMatchObject({
      service: 'api',
      taskDefinition: tdArn('web', 42),
      forceNewDeployment: true,
    })
  })

  it('rolls back when tasks fail, naming the reason in one sentence', async () => {
    ecs.behaviour = 'tasks-fail'
    setInputs({ image: 'acme/web:2.0.0' })
    const { error, outputs, summary } = await run()
    expect(error).toBeInstanceOf(UserError)
    expect(error?.message).toBe(
      "Service api: 2 tasks of revision 43 stopped: Essential container in task exited (exit code 1), and ECS's circuit breaker failed the rollout; rolled back to revision 42.",
    )
    expect(ecs.mock.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input.taskDefinition)).toEqual([
      tdArn('web', 43),
      tdArn('web', 42),
    ])
    expect(outputs['rolled-back']).toBe('true')
    expect(summary).toContain('Stopped tasks (2)')
  })

  it('follows a rollback ECS started instead of fighting it', async () => {
    ecs.behaviour = 'ecs-rolls-back'
    const api = ecs.services.get('api') as Service
    ecs.services.set('api', {
      ...api,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    })
    setInputs({ image: 'acme/web:2.0.0' })
    const { error, outputs } = await run()
    expect(error?.message).toMatch(/; ECS's circuit breaker rolled it back to revision 42\.$/)
    expect(ecs.calls(UpdateServiceCommand)).toBe(1)
    expect(outputs['rolled-back']).toBe('true')
  })

  it('runs the one-off task first and stops on a non-zero exit', async () => {
    ecs.runTaskExitCode = 3
    setInputs({ image: 'acme/web:2.0.0', 'run-task': 'bin/migrate up' })
    const { error } = await run()
    expect(error?.message).toBe(
      'The one-off task (bin/migrate up) of web:43 failed with exit code 3 (Essential container in task exited); no service was updated.',
    )
    expect(ecs.mock.commandCalls(RunTaskCommand)[0].args[0].input).toMatchObject({
      taskDefinition: tdArn('web', 43),
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      overrides: { containerOverrides: [{ name: 'app', command: ['bin/migrate', 'up'] }] },
    })
    expect(ecs.calls(UpdateServiceCommand)).toBe(0)
  })

  it('changes nothing in a dry run', async () => {
    setInputs({ image: 'acme/web:2.0.0', 'dry-run': 'true' })
    const { error, lines, outputs } = await run()
    expect(error).toBeUndefined()
    expect(ecs.mutatingCalls()).toBe(0)
    expect(lines).toContain('  register a new revision of web (copied from web:42) for service api')
    expect(JSON.parse(outputs.services)[0].result).toBe('planned')
  })

  it.each([
    [
      { cluster: 'nope' },
      "Cluster nope was not found in us-east-1; check 'cluster' and 'region' (us-east-1).",
    ],
    [{ services: 'api, ghost' }, 'Service ghost was not found in cluster prod (us-east-1).'],
    [
      { image: 'db=postgres:16' },
      "Input 'image' names container db, which task definition web:42 (service api) does not have; its containers are app.",
    ],
    [
      { 'task-definition': 'web:99' },
      "Input 'task-definition' names web:99, which is not a task definition in us-east-1.",
    ],
  ])('refuses %j without a mutating call', async (values, message) => {
    setInputs(values)
    const { error } = await run()
    expect(error?.message).toBe(message)
    expect(ecs.mutatingCalls()).toBe(0)
  })

  it('orders revisions by number itself, for a server that ignores the requested sort', async () => {
    for (const r of [8, 9, 10, 11, 40, 41]) ecs.definitions.set(tdArn('web', r), taskDefinition('web', r))
    // Oldest first, and by text: web:10 before web:8.
    ecs.mock.on(ListTaskDefinitionsCommand).callsFake(() => ({
      taskDefinitionArns: [...ecs.definitions.keys()].sort(),
    }))
    setInputs({ image: 'acme/web:2.0.0', 'keep-revisions': '3' })
    const { error } = await run()
    expect(error).toBeUndefined()
    // Kept: the new revision 43, then 42 (in use before) and 41; the rest goes, highest first.
    expect(
      ecs.mock.commandCalls(DeregisterTaskDefinitionCommand).map((c) => c.args[0].input.taskDefinition),
    ).toEqual([40, 11, 10, 9, 8].map((r) => tdArn('web', r)))
  })

  it('deregisters old revisions beyond keep-revisions, never those in use', async () => {
    for (const r of [39, 40, 41]) ecs.definitions.set(tdArn('web', r), taskDefinition('web', r))
    setInputs({ image: 'acme/web:2.0.0', 'keep-revisions': '2' })
    const { error } = await run()
    expect(error).toBeUndefined()
    expect(
      ecs.mock.commandCalls(DeregisterTaskDefinitionCommand).map((c) => c.args[0].input.taskDefinition),
    ).toEqual([tdArn('web', 41), tdArn('web', 40), tdArn('web', 39)])
  })
})
