import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { runAction, type ActionRun } from '../harness/run-action'

/**
 * ecs-deploy end to end: the committed bundle, run as the runner runs it, against the local AWS
 * stand-in whose deployment controller starts, fails and drains tasks as time passes.
 */

let aws: AwsLocal
const files = mkdtempSync(join(tmpdir(), 'ecs-deploy-e2e-'))

const web = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  containerDefinitions: [
    { name: 'app', image: 'acme/web:1.0.0', essential: true, environment: [{ name: 'MODE', value: 'live' }] },
  ],
}

const arn = (family: string, revision: number): string =>
  `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${revision}`

beforeAll(async () => {
  aws = await startAwsLocal()
})

afterAll(async () => {
  await aws.close()
})

beforeEach(() => {
  aws.reset()
  const ecs = aws.service('ecs')
  ecs.seedCluster('prod')
  ecs.seedService({ cluster: 'prod', name: 'api', taskDefinition: web, desiredCount: 2 })
  ecs.seedService({ cluster: 'prod', name: 'worker', taskDefinition: 'web:1', desiredCount: 1 })
})

function deploy(
  inputs: Record<string, string>,
  options: Parameters<typeof runAction>[1] = {},
): Promise<ActionRun> {
  return runAction('ecs-deploy', {
    inputs: { cluster: 'prod', services: 'api', ...inputs },
    env: aws.env(),
    timeoutMs: 50_000,
    ...options,
  })
}

const operations = (): string[] => aws.mutatingCalls().map((c) => c.operation)
const updates = () =>
  aws
    .callsOf('ecs', 'UpdateService')
    .map((c) => c.input as { service: string; taskDefinition?: string; forceNewDeployment?: boolean })
const services = (run: ActionRun) =>
  JSON.parse(run.outputs.services) as Array<{ service: string; result: string; reason: string | null }>

describe('ecs-deploy rolls out', () => {
  it('forces a new deployment of the current revision and waits for it', async () => {
    const run = await deploy({})
    expect(run.exitCode).toBe(0)
    expect(updates()).toEqual([
      expect.objectContaining({ service: 'api', taskDefinition: arn('web', 1), forceNewDeployment: true }),
    ])
    expect(run.outputs['task-definition-arn']).toBe(arn('web', 1))
    expect(run.outputs['deployment-id']).toMatch(/^ecs-svc\/\d+$/)
    expect(run.outputs['rolled-back']).toBe('false')
    expect(run.stdout.filter((l) => /api: rollout completed \(2\/2 tasks running\)/.test(l))).toHaveLength(1)
  })

  it('notices completion within 3 seconds of ECS marking the rollout COMPLETED', async () => {
    const run = await deploy({})
    const exited = Date.now()
    expect(run.exitCode).toBe(0)
    const completed = aws.service('ecs').controller.settledAt('prod', 'api', run.outputs['deployment-id'])
    expect(completed).toBeDefined()
    // 3 s of polling at most, plus the time the process takes to report and exit.
    expect(exited - (completed as number)).toBeLessThan(3_500)
  })

  it('waits for healthy tasks only, sets the desired count, and deregisters old revisions', async () => {
    const ecs = aws.service('ecs')
    for (let i = 0; i < 3; i++) ecs.seedTaskDefinition(web)
    const run = await deploy({
      image: 'acme/web:2.0.0',
      'wait-for': 'healthy',
      'desired-count': '3',
      'keep-revisions': '2',
    })
    expect(run.exitCode).toBe(0)
    expect(run.stdout.some((l) => /api: healthy \(3\/3 tasks running/.test(l))).toBe(true)
    expect(updates()[0]).toMatchObject({ desiredCount: 3 })
    const deregistered = aws
      .callsOf('ecs', 'DeregisterTaskDefinition')
      .map((c) => (c.input as { taskDefinition: string }).taskDefinition)
    expect(deregistered).toEqual([arn('web', 3), arn('web', 2)])
  })

  it('rolls a new image out to two services with one new revision, logging each change once', async () => {
    const run = await deploy({ services: 'api\nworker', image: 'acme/web:2.0.0' })
    expect(run.exitCode).toBe(0)
    expect(operations()).toEqual(['RegisterTaskDefinition', 'UpdateService', 'UpdateService'])
    expect(updates().map((u) => u.taskDefinition)).toEqual([arn('web', 2), arn('web', 2)])
    expect(services(run).map((s) => [s.service, s.result])).toEqual([
      ['api', 'deployed'],
      ['worker', 'deployed'],
    ])
    const registered = aws.callsOf('ecs', 'RegisterTaskDefinition')[0].input as {
      containerDefinitions: Array<{ image: string }>
    }
    expect(registered.containerDefinitions[0].image).toBe('acme/web:2.0.0')
    const progress = run.stdout.filter((l) => l.startsWith('[us-east-1] api: '))
    expect(new Set(progress.map((l) => l.replace(/ \([^)]*\)$/, ''))).size).toBe(progress.length)
    expect(run.summary).toContain('web:1 → web:2')
    expect(run.summary).toContain('app: `acme/web:1.0.0` → `acme/web:2.0.0`')
  })

  it('registers a task definition file with the image substituted', async () => {
    const file = join(files, 'td.json')
    writeFileSync(
      file,
      JSON.stringify(
        {
          ...web,
          taskDefinitionArn: 'ignored',
          revision: 7,
          status: 'ACTIVE',
          containerDefinitions: [{ name: 'app', image: 'placeholder', essential: true }],
        },
        null,
        2,
      ),
    )
    const run = await deploy({ 'task-definition': file, image: 'acme/web:3.0.0' })
    expect(run.exitCode).toBe(0)
    const registered = aws.callsOf('ecs', 'RegisterTaskDefinition')[0].input as Record<string, unknown>
    expect(registered).not.toHaveProperty('revision')
    expect(registered).not.toHaveProperty('taskDefinitionArn')
    expect(run.outputs['task-definition-arn']).toBe(arn('web', 2))
  })

  it('runs the one-off task to completion before touching a service', async () => {
    aws.service('ecs').scriptRunTask({ durationMs: 800, exitCode: 0 })
    const run = await deploy({ image: 'acme/web:2.0.0', 'run-task': 'bin/migrate up' })
    expect(run.exitCode).toBe(0)
    expect(operations()).toEqual(['RegisterTaskDefinition', 'RunTask', 'UpdateService'])
    const runTask = aws.callsOf('ecs', 'RunTask')[0].input as Record<string, unknown>
    expect(runTask).toMatchObject({
      taskDefinition: arn('web', 2),
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } },
      overrides: { containerOverrides: [{ name: 'app', command: ['bin/migrate', 'up'] }] },
    })
  })

  it('stops when the one-off task fails, with its exit code, and updates no service', async () => {
    aws.service('ecs').scriptRunTask({ durationMs: 300, exitCode: 3 })
    const run = await deploy({ image: 'acme/web:2.0.0', 'run-task': 'bin/migrate up' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'The one-off task (bin/migrate up) of web:2 failed with exit code 3 (Essential container in task exited); no service was updated.',
    ])
    expect(updates()).toEqual([])
  })
})

describe('ecs-deploy rolls back', () => {
  it('rolls a failed rollout back, naming the stopped tasks and exit code', async () => {
    aws.service('ecs').scriptRollout('prod', 'api', { fail: { exitCode: 1, everyMs: 300 } })
    const run = await deploy({ image: 'acme/web:2.0.0', 'max-failed-tasks': '2' })
    expect(run.exitCode).toBe(1)
    // Tasks keep failing between two polls, so at least the two of max-failed-tasks are named.
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^Service api: [2-9] tasks of revision 2 stopped: Essential container in task exited \(exit code 1\); rolled back to revision 1\.$/,
    )
    expect(updates().map((u) => u.taskDefinition)).toEqual([arn('web', 2), arn('web', 1)])
    expect(run.outputs['rolled-back']).toBe('true')
    expect(run.summary).toMatch(/Stopped tasks \([2-9]\)/)
    expect(run.summary).toContain('Last service events')
  })

  it("recognises ECS's circuit breaker rollback instead of fighting it", async () => {
    const ecs = aws.service('ecs')
    ecs.seedService({
      cluster: 'prod',
      name: 'api',
      taskDefinition: 'web:1',
      desiredCount: 2,
      circuitBreaker: { enable: true, rollback: true },
    })
    ecs.scriptRollout('prod', 'api', {
      fail: { exitCode: 137, stoppedReason: 'Essential container in task exited', everyMs: 200 },
    })
    const run = await deploy({ image: 'acme/web:2.0.0' })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      /^Service api: 3 tasks of revision 2 stopped: Essential container in task exited \(exit code 137\), and ECS's circuit breaker failed the rollout; ECS's circuit breaker rolled it back to revision 1\.$/,
    )
    expect(updates()).toHaveLength(1)
    expect(run.outputs['rolled-back']).toBe('true')
  })

  it('rolls back a rollout that does not finish in time', async () => {
    aws.service('ecs').scriptRollout('prod', 'api', { stuck: true })
    const run = await deploy({ image: 'acme/web:2.0.0', timeout: '10s' })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      /^Service api: revision 2 did not finish rolling out within 10\.0s \(.*\); rolled back to revision 1\.$/,
    )
    expect(updates().map((u) => u.taskDefinition)).toEqual([arn('web', 2), arn('web', 1)])
  })

  it('leaves the rollout to ECS when the run is cancelled mid-wait', async () => {
    aws.service('ecs').scriptRollout('prod', 'api', { stuck: true })
    const run = await deploy(
      { image: 'acme/web:2.0.0' },
      { sendSignal: { signal: 'SIGINT', line: /api: .*tasks running/ } },
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toBe(
      "The run was cancelled (SIGINT) during wait: the rollout of api (web:2) continues under ECS's control and was not rolled back.",
    )
    expect(updates()).toHaveLength(1)
  })
})

describe('ecs-deploy survives', () => {
  it('a throttling storm', async () => {
    aws.fault('ecs', 'DescribeServices', { kind: 'throttle', times: 4 })
    aws.fault('ecs', 'RegisterTaskDefinition', { kind: 'throttle', times: 2 })
    const run = await deploy({ image: 'acme/web:2.0.0' })
    expect(run.exitCode).toBe(0)
    expect(aws.callsOf('ecs', 'RegisterTaskDefinition').filter((c) => c.status === 200)).toHaveLength(1)
  })

  it('a dry run without a single mutating call', async () => {
    const run = await deploy({ services: 'api, worker', image: 'acme/web:2.0.0', 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(aws.mutatingCalls()).toEqual([])
    expect(services(run).map((s) => s.result)).toEqual(['planned', 'planned'])
  })
})

describe('ecs-deploy refuses bad input with one sentence and no change', () => {
  const broken = join(files, 'broken.json')
  writeFileSync(
    broken,
    '{\n  "family": "web",\n  "containerDefinitions": [\n    { "name": "app" }\n  ]\n  "cpu": "256"\n}\n',
  )

  it.each([
    [
      { cluster: 'staging' },
      "Cluster staging was not found in us-east-1; check 'cluster' and 'region' (MISSING).",
    ],
    [{ services: 'api, ghost' }, 'Service ghost was not found in cluster prod (us-east-1).'],
    [
      { image: 'sidecar=acme/envoy:1.30' },
      "Input 'image' names container sidecar, which task definition web:1 (service api) does not have; its containers are app.",
    ],
    [
      { image: 'acme/Web:2.0.0' },
      `Input 'image' has a malformed image reference "acme/Web:2.0.0": repository names must be lowercase.`,
    ],
    [
      { 'task-definition': broken },
      `The task definition file ${broken} is not valid JSON: line 6, column 3: Expected ',' or '}' after property value.`,
    ],
    [
      { 'task-definition': 'web:1', image: 'acme/web:2.0.0' },
      "Inputs 'image' and 'task-definition' cannot be used together when 'task-definition' names an existing revision (web:1); give a task definition file, or 'image' alone to copy each service's current revision.",
    ],
    [
      { 'task-definition': 'web:9' },
      "Input 'task-definition' names web:9, which is not a task definition in us-east-1.",
    ],
  ])('%j', async (inputs, message) => {
    const run = await deploy(inputs)
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([message])
    expect(aws.mutatingCalls()).toEqual([])
  })
})
