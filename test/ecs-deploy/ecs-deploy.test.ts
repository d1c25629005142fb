import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireModel, requireModelShape, startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { runAction, type ActionRun } from '../../tools/harness/run-action'

/**
 * ecs-deploy end to end: the committed bundle, run as the runner runs it, against the local AWS
 * stand-in whose deployment controller starts, fails and drains tasks as time passes.
 */

let aws: AwsLocal
const files = mkdtempSync(join(tmpdir(), 'ecs-deploy-e2e-'))
afterAll(() => rmSync(files, { recursive: true, force: true }))

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

  it("follows a rolling rollout's service deployment to SUCCESSFUL, with its statuses on the timeline", async () => {
    const run = await deploy({})
    expect(run.exitCode).toBe(0)
    const record = aws.service('ecs').controller.find('prod', 'api')?.records[0]
    // The stand-in's own record: ECS called the rollout's service deployment SUCCESSFUL.
    expect(record?.status).toBe('SUCCESSFUL')
    expect(aws.callsOf('ecs', 'DescribeServiceDeployments').map((c) => c.input)).toContainEqual({
      serviceDeploymentArns: [record?.serviceDeploymentArn],
    })
    const statuses = run.stdout
      .filter((l) => l.startsWith('[us-east-1] api: service deployment '))
      .map((l) => l.replace(/^\[us-east-1\] api: service deployment (\S+) .*$/, '$1'))
    expect(statuses.at(-1)).toBe('SUCCESSFUL')
    expect(new Set(statuses).size).toBe(statuses.length)
    expect(run.summary).toMatch(/\| SUCCESSFUL \| \+[\d.]+m?s \| — \|/)
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
      "Cluster staging was not found in us-east-1; check 'cluster' and 'region' (us-east-1).",
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

describe('ecs-deploy in several regions', () => {
  const EU = 'eu-west-1'
  const euArn = (family: string, revision: number): string =>
    `arn:aws:ecs:${EU}:123456789012:task-definition/${family}:${revision}`
  const regions = 'us-east-1, eu-west-1'
  const updatesIn = (region: string) =>
    aws
      .callsOf('ecs', 'UpdateService', region)
      .map((c) => (c.input as { taskDefinition?: string }).taskDefinition)
  const byRegion = (run: ActionRun) =>
    (
      JSON.parse(run.outputs.services) as Array<{
        region: string
        service: string
        result: string
        taskDefinitionArn: string | null
      }>
    ).map((s) => [s.region, s.service, s.result, s.taskDefinitionArn])

  beforeEach(() => {
    // eu-west-1 keeps its own state: one more revision of web than us-east-1, and no worker.
    const eu = aws.service('ecs', EU)
    eu.seedTaskDefinition(web)
    eu.seedService({ cluster: 'prod', name: 'api', taskDefinition: web, desiredCount: 2 })
  })

  it('rolls out in both regions at once and reports each', async () => {
    const run = await deploy({ regions, image: 'acme/web:2.0.0' })
    expect(run.exitCode).toBe(0)
    expect(byRegion(run)).toEqual([
      ['us-east-1', 'api', 'deployed', arn('web', 2)],
      [EU, 'api', 'deployed', euArn('web', 3)],
    ])
    for (const region of ['us-east-1', EU])
      expect(aws.mutatingCalls(region).map((c) => c.operation)).toEqual([
        'RegisterTaskDefinition',
        'UpdateService',
      ])
    expect(updatesIn('us-east-1')).toEqual([arn('web', 2)])
    expect(updatesIn(EU)).toEqual([euArn('web', 3)])
    expect(run.stdout.some((l) => l.startsWith('[us-east-1] api: rollout completed'))).toBe(true)
    expect(run.stdout.some((l) => l.startsWith('[eu-west-1] api: rollout completed'))).toBe(true)
    expect(run.summary).toContain('### api (us-east-1)')
    expect(run.summary).toContain('### api (eu-west-1)')
    expect(run.summary).toContain('web:2 → web:3')
    expect(run.summary).toContain('region=eu-west-1')
    expect(aws.service('ecs', EU).controller.find('prod', 'api')?.taskDefinition).toBe(euArn('web', 3))
    expect(aws.service('ecs').controller.find('prod', 'api')?.taskDefinition).toBe(arn('web', 2))
  })

  it('stops waiting everywhere when one region fails, then rolls back every region and waits for it', async () => {
    // us-east-1 would never finish: only stopping its wait lets the rollback start in time.
    aws.service('ecs').scriptRollout('prod', 'api', { stuck: true })
    aws.service('ecs', EU).scriptRollout('prod', 'api', { fail: { exitCode: 1, everyMs: 300 } })
    const started = Date.now()
    const run = await deploy({ regions, image: 'acme/web:2.0.0', 'max-failed-tasks': '2', timeout: '10m' })
    expect(run.exitCode).toBe(1)
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^Service api \(eu-west-1\): [2-9] tasks of revision 3 stopped: Essential container in task exited \(exit code 1\); rolled back to revision 2\. Service api \(us-east-1\) was rolled back with it\.$/,
    )
    expect(run.stdout).toContain('[us-east-1] stopped waiting for api: service api failed in eu-west-1')
    expect(updatesIn('us-east-1')).toEqual([arn('web', 2), arn('web', 1)])
    expect(updatesIn(EU)).toEqual([euArn('web', 3), euArn('web', 2)])
    // Both rollbacks start together, as soon as the failure is seen.
    const [usBack, euBack] = ['us-east-1', EU].map((r) => aws.callsOf('ecs', 'UpdateService', r)[1].time)
    expect(Math.abs(usBack.getTime() - euBack.getTime())).toBeLessThan(2_000)
    // Each rollback is waited for until ECS completes it.
    for (const region of ['us-east-1', EU]) {
      expect(run.stdout.some((l) => l.startsWith(`[${region}] rollback api: rollout completed`))).toBe(true)
      const service = aws.service('ecs', region).controller.find('prod', 'api')
      expect(service?.deployments.map((d) => [d.taskDefinition, d.rolloutState])).toEqual([
        [region === EU ? euArn('web', 2) : arn('web', 1), 'COMPLETED'],
      ])
    }
    expect(byRegion(run).map(([region, , result]) => [region, result])).toEqual([
      ['us-east-1', 'rolled-back'],
      [EU, 'rolled-back'],
    ])
    expect(run.outputs['rolled-back']).toBe('true')
    expect(run.summary).toContain('❌ Service api (eu-west-1):')
  })

  it("with 'rollback: false', stops waiting everywhere and leaves the other regions' rollouts to ECS", async () => {
    aws.service('ecs').scriptRollout('prod', 'api', { stuck: true })
    aws.service('ecs', EU).scriptRollout('prod', 'api', { fail: { exitCode: 1, everyMs: 300 } })
    const run = await deploy({
      regions,
      image: 'acme/web:2.0.0',
      'max-failed-tasks': '2',
      timeout: '10m',
      rollback: 'false',
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      /^Service api \(eu-west-1\): [2-9] tasks of revision 3 stopped: .*; it was not rolled back \('rollback' is false\)\.$/,
    )
    expect(byRegion(run).map(([region, , result]) => [region, result])).toEqual([
      ['us-east-1', 'updated'],
      [EU, 'failed'],
    ])
    expect(updatesIn('us-east-1')).toEqual([arn('web', 2)])
    expect(updatesIn(EU)).toEqual([euArn('web', 3)])
    expect(run.summary).toContain('no longer waited for once another rollout failed')
  })

  it('stops waiting for the one-off task in the other regions when it fails in one, and updates nothing', async () => {
    aws.service('ecs').scriptRunTask({ durationMs: 600_000, exitCode: 0 })
    aws.service('ecs', EU).scriptRunTask({ durationMs: 300, exitCode: 3 })
    const started = Date.now()
    const run = await deploy({ regions, image: 'acme/web:2.0.0', 'run-task': 'bin/migrate up' })
    expect(run.exitCode).toBe(1)
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(run.errors).toEqual([
      'The one-off task (bin/migrate up) of web:3 in eu-west-1 failed with exit code 3 (Essential container in task exited); no service was updated.',
    ])
    expect(run.stdout).toContain(
      '[us-east-1] stopped waiting for the one-off task (it runs on under ECS): the one-off task failed in eu-west-1',
    )
    expect(aws.callsOf('ecs', 'UpdateService')).toEqual([])
  })

  it.each([
    [{ services: 'api, worker' }, 'Service worker was not found in cluster prod (eu-west-1).'],
    [
      { 'task-definition': 'web:2' },
      "Input 'task-definition' names web:2, which is not a task definition in us-east-1.",
    ],
  ])('refuses input that does not fit one region, changing no region: %j', async (inputs, message) => {
    const run = await deploy({ regions, ...inputs })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([message])
    expect(aws.mutatingCalls()).toEqual([])
    expect(aws.callsOf('ecs', 'DescribeServices', EU).length).toBeGreaterThan(0)
  })
})

describe('ecs-deploy says exactly what happened', () => {
  it('places a JSON error V8 gives no position for, quoting the offending line', async () => {
    const trailing = join(files, 'trailing-comma.json')
    writeFileSync(
      trailing,
      '{\n  "family": "web",\n  "containerDefinitions": [\n    { "name": "app" },\n  ]\n}\n',
    )
    const run = await deploy({ 'task-definition': trailing })
    expect(run.errors).toEqual([
      `The task definition file ${trailing} is not valid JSON: line 5, column 3: Unexpected token ']' in "]".`,
    ])
    expect(aws.mutatingCalls()).toEqual([])
  })

  it('refuses a directory named as the task definition, rather than taking it for a family', async () => {
    const run = await deploy({ 'task-definition': files })
    expect(run.errors).toEqual([
      `Input 'task-definition' names the directory ${files} in the workspace; give the task definition JSON file in it (for example ${files}/task-definition.json), a family[:revision] or a task definition ARN.`,
    ])
    expect(aws.calls).toEqual([])
  })

  it("blames 'regions' for a cluster missing in one of its regions", async () => {
    const run = await deploy({ regions: 'us-east-1, eu-wset-1' })
    expect(run.errors).toEqual([
      "Cluster prod was not found in eu-wset-1; check 'cluster' and the region eu-wset-1 in 'regions'.",
    ])
    expect(aws.mutatingCalls()).toEqual([])
  })

  it('accepts blank lines and trailing commas in services, never as a service named ""', async () => {
    const run = await deploy({ services: 'api,\n\nworker,\n', 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(services(run).map((s) => s.service)).toEqual(['api', 'worker'])
  })

  it('shows what a dry run plans: a new revision, not web:1 → web:1', async () => {
    const run = await deploy({ image: 'acme/web:2.0.0', 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain('| Revision | new revision of web, from web:1 |')
    expect(run.summary).not.toContain('web:1 → web:1')
  })

  it('shows environment changes in the plan, the summary and its inputs, by name only', async () => {
    const run = await deploy({ image: 'acme/web:2.0.0', environment: 'app.MODE=canary\napp.FEATURE_X=on' })
    expect(run.exitCode).toBe(0)
    const registered = aws.callsOf('ecs', 'RegisterTaskDefinition')[0].input as {
      containerDefinitions: Array<{ environment: Array<{ name: string; value: string }> }>
    }
    expect(registered.containerDefinitions[0].environment).toEqual([
      { name: 'MODE', value: 'canary' },
      { name: 'FEATURE_X', value: 'on' },
    ])
    expect(run.stdout).toContain('    environment: app.MODE (changed), app.FEATURE_X (added)')
    expect(run.summary).toContain('| Environment | app.MODE (changed)<br>app.FEATURE_X (added) |')
    expect(run.summary).toContain('| `environment` | app.MODE, app.FEATURE_X |')
    expect(run.summary).not.toContain('canary')
    for (const input of ['`region`', '`max-attempts`']) expect(run.summary).toContain(`| ${input} |`)
  })

  it('reports a failed update in one annotation and one sentence, with no empty rollback', async () => {
    aws.fault('ecs', 'UpdateService', {
      kind: 'error',
      code: 'InvalidParameterException',
      status: 400,
      message: 'The container app does not have a port mapping.',
    })
    const run = await deploy({ image: 'acme/web:2.0.0', 'max-attempts': '1' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'Service api: could not be updated to web:2 (InvalidParameterException: The container app does not have a port mapping.).',
    ])
    expect(run.stdout).not.toContain('::group::Roll back')
    expect(run.summary).toMatch(/\| roll back \| .* \| ⏭️ no service was changed \|/)
  })

  it('says a rollback once: "rolled back to revision 1"', async () => {
    aws.service('ecs').scriptRollout('prod', 'api', { fail: { exitCode: 1, everyMs: 300 } })
    const run = await deploy({ image: 'acme/web:2.0.0', 'max-failed-tasks': '2' })
    expect(run.exitCode).toBe(1)
    expect(run.summary).toContain('| Result | ↩️ rolled back to revision 1 |')
    expect(run.summary).not.toContain('rolled back: rolled back')
  })
})

describe('ecs-deploy follows native deployments stage by stage', () => {
  // Each stage, traffic step and rollback status lasts one DescribeServiceDeployments
  // observation, so every one of them is seen; the new tasks start within 300 ms.
  const stepwise = { durationMs: 300, drainMs: 0, stagePolls: 1 }
  const native = (deployment: Record<string, unknown>, script: Record<string, unknown> = {}): void => {
    const ecs = aws.service('ecs')
    ecs.seedService({ cluster: 'prod', name: 'api', taskDefinition: 'web:1', desiredCount: 2, deployment })
    ecs.scriptRollout('prod', 'api', { ...stepwise, ...script })
  }
  /** The `api:` progress lines of the wait (or of the rollback), without their elapsed times. */
  const progress = (run: ActionRun, label = '[us-east-1] api: '): string[] =>
    run.stdout.filter((l) => l.startsWith(label)).map((l) => l.slice(label.length).replace(/ \([^)]*\)$/, ''))
  const stops = () => aws.callsOf('ecs', 'StopServiceDeployment').map((c) => c.input)
  // These need models with ECS service deployments, strategies and PAUSE hooks (a clear sentence otherwise).
  beforeAll(() => {
    requireModel('ecs', [
      'ListServiceDeployments',
      'DescribeServiceDeployments',
      'StopServiceDeployment',
      'ContinueServiceDeployment',
    ])
    requireModelShape('ecs', 'DeploymentConfiguration.strategy')
  })
  const recordOf = () => aws.service('ecs').controller.find('prod', 'api')?.records[0]

  it('follows a blue/green deployment through every stage to SUCCESSFUL, with the stages in the summary', async () => {
    native({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 })
    const run = await deploy({ image: 'acme/web:2.0.0' })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(
      '  update service api: web:1 -> the new revision of web (blue/green: test traffic, then all production traffic at once, bake time 5 min)',
    )
    expect(progress(run)).toEqual([
      'IN_PROGRESS, PRE_SCALE_UP',
      'IN_PROGRESS, SCALE_UP',
      'IN_PROGRESS, POST_SCALE_UP',
      'IN_PROGRESS, TEST_TRAFFIC_SHIFT',
      'IN_PROGRESS, POST_TEST_TRAFFIC_SHIFT',
      'IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT',
      'IN_PROGRESS, POST_PRODUCTION_TRAFFIC_SHIFT',
      'IN_PROGRESS, BAKE_TIME',
      'IN_PROGRESS, CLEAN_UP',
      'SUCCESSFUL, CLEAN_UP',
    ])
    const arn = recordOf()?.serviceDeploymentArn as string
    expect(services(run)[0]).toMatchObject({
      result: 'deployed',
      strategy: 'BLUE_GREEN',
      serviceDeploymentArn: arn,
    })
    expect(run.summary).toContain(
      '| Strategy | blue/green: test traffic, then all production traffic at once, bake time 5 min |',
    )
    expect(run.summary).toContain(`| Service deployment | ${arn} |`)
    expect(run.summary).toMatch(/\| Stage \| Reached \| Lasted \|/)
    for (const stage of [
      'SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ])
      expect(run.summary).toMatch(new RegExp(`\\| ${stage} \\| \\+[\\d.]+m?s \\| [\\d.]+m?s \\|`))
    expect(run.summary).toMatch(/\| SUCCESSFUL \| \+[\d.]+m?s \| — \|/)
    expect(aws.callsOf('ecs', 'ListServiceDeployments')).toHaveLength(1)
    expect(stops()).toEqual([])
  })

  it("with 'wait-for: traffic-shifted', is done once production traffic has moved, leaving the bake time to ECS", async () => {
    native({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 60 })
    const run = await deploy({ image: 'acme/web:2.0.0', 'wait-for': 'traffic-shifted' })
    expect(run.exitCode).toBe(0)
    expect(progress(run).slice(-2)).toEqual([
      'IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT',
      'production traffic shifted (IN_PROGRESS, POST_PRODUCTION_TRAFFIC_SHIFT)',
    ])
    expect(recordOf()).toMatchObject({
      status: 'IN_PROGRESS',
      lifecycleStage: 'POST_PRODUCTION_TRAFFIC_SHIFT',
    })
    expect(services(run)[0].result).toBe('deployed')
  })

  it.each([
    [
      'CANARY',
      { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 } },
      'canary: 10% of production traffic for 5 min, then the rest, bake time 0 min',
      ['10%', '100%'],
    ],
    [
      'LINEAR',
      { strategy: 'LINEAR', linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 2 } },
      'linear: 50% more production traffic every 2 min, bake time 0 min',
      ['50%', '100%'],
    ],
  ])('logs each %s step with its share of production traffic', async (_name, deployment, text, shares) => {
    native(deployment)
    const run = await deploy({ image: 'acme/web:2.0.0' })
    expect(run.exitCode).toBe(0)
    expect(run.stdout.some((l) => l.endsWith(`(${text})`))).toBe(true)
    const shifts = progress(run).filter((l) => l.includes('PRODUCTION_TRAFFIC_SHIFT'))
    expect(shifts).toEqual([
      'IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT, 0% of production traffic',
      ...shares.map((s) => `IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT, ${s} of production traffic`),
      'IN_PROGRESS, POST_PRODUCTION_TRAFFIC_SHIFT',
    ])
    expect(progress(run).at(-1)).toBe('SUCCESSFUL, CLEAN_UP')
  })

  it('recognises a rollback ECS starts itself (an alarm in the bake time) and follows it, never fighting it', async () => {
    native({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 }, { alarmAt: 'BAKE_TIME' })
    const run = await deploy({ image: 'acme/web:2.0.0' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'Service api: ECS started rolling revision 2 back at BAKE_TIME (CloudWatch alarm HighErrorRate went into ALARM state); ECS rolled it back to revision 1.',
    ])
    expect(progress(run).slice(-2)).toEqual(['IN_PROGRESS, BAKE_TIME', 'ROLLBACK_REQUESTED, BAKE_TIME'])
    expect(progress(run, '[us-east-1] rollback api: ')).toEqual([
      'ROLLBACK_IN_PROGRESS, BAKE_TIME',
      'ROLLBACK_SUCCESSFUL, BAKE_TIME',
    ])
    expect(stops()).toEqual([])
    expect(updates()).toHaveLength(1)
    expect(run.outputs['rolled-back']).toBe('true')
    expect(run.summary).toMatch(/\| rollback: ROLLBACK_SUCCESSFUL \|/)
    expect(aws.service('ecs').controller.find('prod', 'api')?.taskDefinition).toBe(arn('web', 1))
  })

  it('rolls back through StopServiceDeployment (ROLLBACK) and follows it to ROLLBACK_SUCCESSFUL', async () => {
    native({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 }, { stuck: true })
    const run = await deploy({ image: 'acme/web:2.0.0', timeout: '10s' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'Service api: revision 2 did not finish rolling out within 10.0s (IN_PROGRESS, SCALE_UP); rolled back to revision 1.',
    ])
    expect(stops()).toEqual([
      { serviceDeploymentArn: recordOf()?.serviceDeploymentArn, stopType: 'ROLLBACK' },
    ])
    expect(updates()).toHaveLength(1)
    expect(progress(run, '[us-east-1] rollback api: ').at(-1)).toBe('ROLLBACK_SUCCESSFUL, SCALE_UP')
    expect(recordOf()?.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(run.outputs['rolled-back']).toBe('true')
  })

  it('reports a rollback that ends ROLLBACK_FAILED as such', async () => {
    native({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 }, { stuck: true, rollbackFails: true })
    const run = await deploy({ image: 'acme/web:2.0.0', timeout: '10s' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^Service api: revision 2 did not finish rolling out within 10\.0s \(IN_PROGRESS, SCALE_UP\); rolling back to revision 1 did not complete: ECS's rollback of revision 2 ended ROLLBACK_FAILED: The rollback of arn:aws:ecs:us-east-1:123456789012:service-deployment\/prod\/api\/\S+ failed\.$/,
    )
    expect(run.outputs['rolled-back']).toBe('false')
  })

  it('reports a PAUSE hook it was not told about, once, with its stage, id and timeout', async () => {
    native(
      {
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 1,
        lifecycleHooks: [
          {
            targetType: 'PAUSE',
            lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
            timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' },
          },
        ],
      },
      // The hook times out after 3 s of the stand-in's clock, then the deployment goes on.
      { minuteMs: 3000 },
    )
    const run = await deploy({ image: 'acme/web:2.0.0' })
    expect(run.exitCode).toBe(0)
    const hook = recordOf()?.hooks[0]
    expect(run.warnings).toEqual([
      `Service api: ECS paused the deployment at POST_TEST_TRAFFIC_SHIFT for PAUSE hook ${hook?.hookId}; it waits for ContinueServiceDeployment until ${hook?.expiresAt?.toISOString()}, then ECS does CONTINUE.`,
    ])
    expect(run.stdout).toContain(
      '  note: Service api has a PAUSE hook at POST_TEST_TRAFFIC_SHIFT: ECS waits there for ContinueServiceDeployment (up to 1 minutes, then CONTINUE).',
    )
    expect(progress(run)).toContain(`IN_PROGRESS, POST_TEST_TRAFFIC_SHIFT, paused by hook ${hook?.hookId}`)
    expect(progress(run).at(-1)).toBe('SUCCESSFUL, CLEAN_UP')
  })

  describe('with a smoke test', () => {
    const pauseAt = (stage: string) => ({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 5,
      lifecycleHooks: [
        {
          targetType: 'PAUSE',
          lifecycleStages: [stage],
          timeoutConfiguration: { timeoutInMinutes: 30, action: 'ROLLBACK' },
        },
      ],
    })
    const continues = () => aws.callsOf('ecs', 'ContinueServiceDeployment').map((c) => c.input)
    const failing = 'echo checking; echo "expected 200, got 503" >&2; exit 3'
    const sentence =
      'Service api: the test command failed with exit code 3 (output ends: "checking" / "expected 200, got 503"); rolled back to revision 1.'

    it('runs at the PAUSE hook with the ids in its environment, never in its text, and continues when it passes', async () => {
      native(pauseAt('POST_TEST_TRAFFIC_SHIFT'))
      const seen = join(files, 'seen.txt')
      const url = 'https://test.example.com/$(touch pwned)'
      const run = await deploy({
        image: 'acme/web:2.0.0',
        'test-url': url,
        'test-command': `echo "$INFRA_ACTIONS_TEST_URL $INFRA_ACTIONS_SERVICE $INFRA_ACTIONS_SERVICE_DEPLOYMENT_ARN $INFRA_ACTIONS_TASK_DEFINITION_ARN" > ${seen}`,
      })
      expect(run.exitCode).toBe(0)
      const record = recordOf()
      expect(readFileSync(seen, 'utf8').trim()).toBe(
        `${url} api ${record?.serviceDeploymentArn} ${arn('web', 2)}`,
      )
      expect(existsSync(join(files, 'pwned'))).toBe(false)
      expect(continues()).toEqual([
        {
          serviceDeploymentArn: record?.serviceDeploymentArn,
          hookId: record?.hooks[0].hookId,
          action: 'CONTINUE',
        },
      ])
      expect(run.warnings).toEqual([])
      expect(record?.status).toBe('SUCCESSFUL')
      expect(run.stdout).toContain(
        '    run the test command at the PAUSE hook of its test traffic stage: CONTINUE when it passes, ROLLBACK when it fails',
      )
      expect(run.summary).toMatch(/\| Test \| ✅ passed \(exit code 0, [\d.]+m?s\) \|/)
      rmSync(seen)
    })

    it('answers the PAUSE hook with ROLLBACK when it fails, follows the rollback and quotes the exit code', async () => {
      native(pauseAt('TEST_TRAFFIC_SHIFT'))
      const run = await deploy({ image: 'acme/web:2.0.0', 'test-command': failing })
      expect(run.exitCode).toBe(1)
      expect(run.errors).toEqual([sentence])
      expect(continues()).toEqual([expect.objectContaining({ action: 'ROLLBACK' })])
      expect(stops()).toEqual([])
      expect(recordOf()?.status).toBe('ROLLBACK_SUCCESSFUL')
      expect(run.outputs['rolled-back']).toBe('true')
      expect(run.stdout).toContain('[us-east-1] api test | expected 200, got 503')
    })

    it('stops the deployment with ROLLBACK when it fails and no PAUSE hook holds it', async () => {
      native({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 })
      const run = await deploy({ image: 'acme/web:2.0.0', 'test-command': failing })
      expect(run.exitCode).toBe(1)
      expect(run.errors).toEqual([sentence])
      expect(stops()).toEqual([
        { serviceDeploymentArn: recordOf()?.serviceDeploymentArn, stopType: 'ROLLBACK' },
      ])
      expect(continues()).toEqual([])
      expect(recordOf()?.status).toBe('ROLLBACK_SUCCESSFUL')
    })

    describe("with 'test-at: first-step'", () => {
      const canary = {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
      }
      const linear = {
        strategy: 'LINEAR',
        linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 },
      }

      it('runs once the canary has its share of production traffic, and lets ECS go on when it passes', async () => {
        native(canary)
        const marker = join(files, 'canary-test-ran')
        // While the command runs, the stand-in's own record says where the deployment stands.
        let seen: { stage?: string; weight?: number } | undefined
        const watch = setInterval(() => {
          if (seen || !existsSync(marker)) return
          const record = recordOf()
          seen = { stage: record?.lifecycleStage, weight: record?.productionWeight }
        }, 20)
        const run = await deploy({
          image: 'acme/web:2.0.0',
          'test-at': 'first-step',
          'test-command': `echo "$INFRA_ACTIONS_PRODUCTION_TRAFFIC_PERCENT" > ${marker}; sleep 0.5`,
        }).finally(() => clearInterval(watch))
        expect(run.exitCode).toBe(0)
        expect(readFileSync(marker, 'utf8').trim()).toBe('10')
        expect(seen).toEqual({ stage: 'PRODUCTION_TRAFFIC_SHIFT', weight: 10 })
        expect(run.stdout).toContain(
          '    run the test command once the first step of production traffic reaches the new revision: a failure stops the deployment with ROLLBACK',
        )
        expect(run.stdout).toContain(
          '[us-east-1] api: the new revision has 10% of production traffic; running the test command',
        )
        expect(stops()).toEqual([])
        expect(continues()).toEqual([])
        expect(recordOf()?.status).toBe('SUCCESSFUL')
        expect(run.summary).toMatch(/\| Test \| ✅ passed \(exit code 0, [\d.]+m?s\) \|/)
        rmSync(marker)
      })

      it('stops a linear deployment with ROLLBACK at its first step when the test fails', async () => {
        native(linear)
        const run = await deploy({
          image: 'acme/web:2.0.0',
          'test-at': 'first-step',
          'test-command': failing,
        })
        expect(run.exitCode).toBe(1)
        expect(run.errors).toEqual([sentence])
        expect(stops()).toEqual([
          { serviceDeploymentArn: recordOf()?.serviceDeploymentArn, stopType: 'ROLLBACK' },
        ])
        const record = recordOf()
        expect(record?.status).toBe('ROLLBACK_SUCCESSFUL')
        // The stand-in's own history: the rollback began during the production traffic shift.
        expect(record?.history.find((h) => h.status.startsWith('ROLLBACK'))?.stage).toBe(
          'PRODUCTION_TRAFFIC_SHIFT',
        )
        expect(run.outputs['rolled-back']).toBe('true')
        expect(aws.service('ecs').controller.find('prod', 'api')?.taskDefinition).toBe(arn('web', 1))
      })

      it('is refused, changing nothing, for a blue/green service', async () => {
        native({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 })
        const run = await deploy({ image: 'acme/web:2.0.0', 'test-at': 'first-step', 'test-command': 'true' })
        expect(run.exitCode).toBe(1)
        expect(run.errors).toEqual([
          "Input 'test-at: first-step' runs the test at the first step of production traffic of a LINEAR or CANARY deployment, but service api uses the BLUE_GREEN strategy; use 'test-traffic'.",
        ])
        expect(aws.mutatingCalls()).toEqual([])
      })
    })

    it('is refused, changing nothing, for a rolling service', async () => {
      const run = await deploy({ image: 'acme/web:2.0.0', 'test-command': 'true' })
      expect(run.errors).toEqual([
        "Input 'test-command' runs against the test traffic of a BLUE_GREEN, LINEAR or CANARY deployment, but service api uses the ROLLING strategy.",
      ])
      expect(aws.mutatingCalls()).toEqual([])
    })
  })
})

describe('ELB target health', () => {
  const lb = (targetGroupArn: string) => ({ targetGroupArn, containerName: 'app', containerPort: 8080 })
  /** The api service behind target group web-tg (ip targets, as for awsvpc tasks). */
  function behindTargetGroup(): string {
    const group = aws.service('elbv2').seedTargetGroup({ name: 'web-tg', port: 8080 })
    aws.service('ecs').seedService({
      cluster: 'prod',
      name: 'api',
      taskDefinition: 'web:1',
      desiredCount: 2,
      loadBalancers: [lb(group.TargetGroupArn)],
    })
    return group.TargetGroupArn
  }
  const ipOf = (taskArn: string): string | undefined =>
    aws
      .service('ecs')
      .controller.task(taskArn)
      ?.attachments?.[0]?.details.find((d) => d.name === 'privateIPv4Address')?.value

  it('waits until the new tasks are healthy in their target group, not only running', async () => {
    const targetGroupArn = behindTargetGroup()
    aws.service('elbv2').scriptTargetHealth('web-tg', { taskDefinition: 'web:2', afterMs: 3_000 })
    const run = await deploy({ image: 'acme/web:2.0.0', 'wait-for': 'healthy' })
    const exited = Date.now()
    expect(run.exitCode).toBe(0)
    // Progress per target group, each count once, before the service is healthy.
    const counts = run.stdout.filter((l) => /api: \d of 2 targets healthy in target group web-tg$/.test(l))
    expect(counts[0]).toBe('[us-east-1] api: 0 of 2 targets healthy in target group web-tg')
    // The service's state says what ELB reports of the targets that are not healthy yet.
    expect(
      run.stdout.some((l) =>
        /api: 2\/2 tasks running, 2\/2 healthy, 0 of 2 targets healthy in target group web-tg \(10\.0\.\d+\.\d+:8080 \(task \w+\) initial: Elb\.RegistrationInProgress/.test(
          l,
        ),
      ),
    ).toBe(true)
    expect(counts.at(-1)).toMatch(/api: 2 of 2 targets healthy in target group web-tg$/)
    expect(new Set(counts).size).toBe(counts.length)
    const healthyAt = run.stdout.findIndex((l) => /api: healthy \(2\/2 tasks running/.test(l))
    expect(healthyAt).toBeGreaterThan(run.stdout.indexOf(counts.at(-1) as string))
    // The targets needed 3 s after registration: the run cannot have ended sooner after UpdateService.
    const updated = aws.callsOf('ecs', 'UpdateService')[0].time.getTime()
    expect(exited - updated).toBeGreaterThanOrEqual(3_000)
    // Independently, through the SDK: the new tasks' own addresses are the healthy targets.
    const { ElasticLoadBalancingV2Client, DescribeTargetHealthCommand } =
      await import('@aws-sdk/client-elastic-load-balancing-v2')
    const elb = new ElasticLoadBalancingV2Client({
      endpoint: aws.url,
      region: aws.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    const out = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }))
    elb.destroy()
    const controller = aws.service('ecs').controller
    const newTasks = controller
      .listTasks('prod', { serviceName: 'api', startedBy: run.outputs['deployment-id'] })
      .map((t) => ipOf(t))
    const healthy = (out.TargetHealthDescriptions ?? [])
      .filter((d) => d.TargetHealth?.State === 'healthy')
      .map((d) => d.Target?.Id)
    expect(newTasks).toHaveLength(2)
    expect(healthy.sort()).toEqual([...newTasks].sort())
    // The stand-in saw the action ask for exactly those targets (the last call is the test's own).
    const asked = aws.callsOf('elbv2', 'DescribeTargetHealth').at(-2)?.input as {
      Targets: Array<{ Id: string; Port: number }>
    }
    expect(asked.Targets.map((t) => `${t.Id}:${t.Port}`).sort()).toEqual(
      newTasks.map((ip) => `${ip}:8080`).sort(),
    )
  })

  it('fails targets that never become healthy, naming them with ELB\u2019s reason, and rolls back', async () => {
    behindTargetGroup()
    aws.service('elbv2').scriptTargetHealth('web-tg', {
      taskDefinition: 'web:2',
      state: 'unhealthy',
      reason: 'Target.ResponseCodeMismatch',
      description: 'Health checks failed with these codes: [503]',
    })
    const run = await deploy({ image: 'acme/web:2.0.0', 'wait-for': 'healthy', timeout: '10s' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    const target =
      /(10\.0\.\d+\.\d+):8080 \(task (\w+)\) unhealthy: Target\.ResponseCodeMismatch, Health checks failed with these codes: \[503\]/
    expect(run.errors[0]).toMatch(
      /^Service api: revision 2 did not finish rolling out within 10\.0s \(.*0 of 2 targets healthy in target group web-tg \(.*\)\); rolled back to revision 1\.$/,
    )
    const [, ip, taskId] = target.exec(run.errors[0]) ?? []
    expect(ip).toBeDefined()
    // The named target is one of revision 2's tasks, by the stand-in's own record.
    const controller = aws.service('ecs').controller
    const named = [
      ...controller.listTasks('prod', { serviceName: 'api', desiredStatus: 'STOPPED' }),
      ...controller.listTasks('prod', { serviceName: 'api' }),
    ].find((t) => t.endsWith(`/${taskId}`)) as string
    expect(controller.task(named)?.taskDefinitionArn).toBe(arn('web', 2))
    expect(ipOf(named)).toBe(ip)
    // Rolled back: revision 1 is the service's only deployment again, and its targets are healthy.
    expect(updates().map((u) => u.taskDefinition)).toEqual([arn('web', 2), arn('web', 1)])
    expect(controller.deploymentsOf('prod', 'api').map((d) => d.taskDefinition)).toEqual([arn('web', 1)])
    expect(run.outputs['rolled-back']).toBe('true')
  })

  it('makes no ELB call for a service without load balancers', async () => {
    const run = await deploy({ image: 'acme/web:2.0.0', 'wait-for': 'healthy' })
    expect(run.exitCode).toBe(0)
    expect(run.stdout.some((l) => /api: healthy \(2\/2 tasks running/.test(l))).toBe(true)
    expect(aws.callsOf('elbv2')).toEqual([])
    expect(run.stdout.some((l) => /target group/.test(l))).toBe(false)
  })
})
