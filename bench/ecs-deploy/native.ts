import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { runAction } from '../../tools/harness/run-action'
import { median, type Scenario } from '../lib'

/**
 * ecs-deploy on a native blue/green deployment: how soon the action notices that test traffic
 * reached the new revision (when its smoke test starts) and that the deployment is SUCCESSFUL
 * (its exit), and how many ECS calls a minute of following costs, beside ecspresso's way of
 * waiting measured in the same run against the same simulated deployment.
 *
 * ecspresso (kayac/ecspresso, wait.go, `waitServiceDeployment`): after UpdateService it sleeps
 * `delayForServiceChanged` (3 s), finds the active service deployment, then on every tick of
 * `refreshInterval` calls DescribeServices (events and deployments for its log) and
 * DescribeServiceDeployments, and is done at SUCCESSFUL (`--wait-until deployed`) or once the
 * lifecycle stage reaches the one asked for (`--wait-until ecs:POST_TEST_TRAFFIC_SHIFT`). The
 * tick is taken as 10 s, the interval of its earlier status loop (`time.Tick(10 * time.Second)`);
 * `--peer-interval-ms` sets another. Both moments are measured in one loop, as two ecspresso runs
 * with the two `--wait-until` values would see them.
 *
 * Latency is measured from the moment the stand-in's deployment controller records the stage or
 * status (its history, stamped with the time it was reached, not the time it was observed).
 */

const CLUSTER = 'bench'
const SERVICE = 'api'
/** Stages during which test traffic is on the new revision: the smoke test's moment. */
const TEST_STAGE = 'POST_TEST_TRAFFIC_SHIFT'
const STAGE_ORDER = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
]

interface Sample {
  testLatencyMs: number
  successLatencyMs: number
  calls: number
  waitMs: number
}

export interface NativeOptions {
  runs?: number
  /** How long each stage of the simulated deployment lasts (default 2 s). */
  stageMs?: number
  /** The peer's polling interval (default 10 s). */
  peerIntervalMs?: number
  log?: (line: string) => void
}

/** The service both benchmarks of ecs-deploy roll out: two Fargate tasks of one container. */
export function seedBenchService(aws: AwsLocal, deployment?: Record<string, unknown>): void {
  aws.reset()
  const ecs = aws.service('ecs')
  ecs.seedCluster(CLUSTER)
  ecs.seedService({
    cluster: CLUSTER,
    name: SERVICE,
    desiredCount: 2,
    taskDefinition: {
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'acme/web:1.0.0', essential: true }],
    },
    ...(deployment ? { deployment } : {}),
  })
}

function seed(aws: AwsLocal, stageMs: number): void {
  // A one-"minute" bake time, a minute lasting two stages.
  seedBenchService(aws, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 })
  const ecs = aws.service('ecs')
  ecs.scriptRollout(CLUSTER, SERVICE, { durationMs: stageMs, drainMs: 0, stageMs, minuteMs: 2 * stageMs })
}

/** When the stand-in's record of the service's deployment reached a stage (or a status). */
function reachedAt(aws: AwsLocal, what: { stage?: string; status?: string }): number {
  const record = aws.service('ecs').controller.find(CLUSTER, SERVICE)?.records[0]
  const entry = record?.history.find(
    (h) =>
      (what.stage === undefined || h.stage === what.stage) &&
      (what.status === undefined || h.status === what.status),
  )
  if (!entry) throw new Error(`the deployment never reached ${what.stage ?? what.status}`)
  return entry.atMs
}

const FOLLOW_CALLS = ['DescribeServiceDeployments', 'ListServiceDeployments', 'DescribeServices']
function followCalls(aws: AwsLocal, since: number): number {
  return FOLLOW_CALLS.reduce(
    (n, op) => n + aws.callsOf('ecs', op).filter((c) => c.time.getTime() >= since).length,
    0,
  )
}

async function measureEcsDeploy(aws: AwsLocal, stageMs: number): Promise<Sample> {
  seed(aws, stageMs)
  const dir = mkdtempSync(join(tmpdir(), 'bench-ecs-native-'))
  try {
    const marker = join(dir, 'test-started')
    const result = await runAction('ecs-deploy', {
      inputs: {
        cluster: CLUSTER,
        services: SERVICE,
        timeout: '10m',
        // The smoke test notes when it started, by the wall clock, and passes.
        'test-command': `node -e 'process.stdout.write(String(Date.now()))' > ${marker}`,
      },
      env: aws.env(),
      timeoutMs: 30 * stageMs + 120_000,
    })
    const exited = Date.now()
    if (result.exitCode !== 0) throw new Error(`ecs-deploy failed:\n${result.log}`)
    const testStarted = Number(readFileSync(marker, 'utf8'))
    const waitStarted = aws.callsOf('ecs', 'UpdateService')[0].time.getTime()
    return {
      testLatencyMs: testStarted - reachedAt(aws, { stage: TEST_STAGE }),
      successLatencyMs: exited - reachedAt(aws, { status: 'SUCCESSFUL' }),
      calls: followCalls(aws, waitStarted),
      waitMs: exited - waitStarted,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** ecspresso's loop, as wait.go writes it, through the same SDK against the same stand-in. */
async function measureEcspressoLoop(aws: AwsLocal, stageMs: number, intervalMs: number): Promise<Sample> {
  seed(aws, stageMs)
  const client = new ECSClient({
    endpoint: aws.url,
    region: aws.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  try {
    const waitStarted = Date.now()
    await client.send(
      new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, forceNewDeployment: true }),
    )
    await sleep(3000)
    const listed = await client.send(
      new ListServiceDeploymentsCommand({
        cluster: CLUSTER,
        service: SERVICE,
        status: ['PENDING', 'IN_PROGRESS'],
      }),
    )
    const arn = listed.serviceDeployments?.[0]?.serviceDeploymentArn
    if (!arn) throw new Error('no active service deployment')
    let testSeen: number | undefined
    for (;;) {
      await sleep(intervalMs)
      await client.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }))
      const out = await client.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))
      const d = out.serviceDeployments?.[0]
      const now = Date.now()
      if (
        testSeen === undefined &&
        d?.status === 'IN_PROGRESS' &&
        STAGE_ORDER.indexOf(d.lifecycleStage ?? '') >= STAGE_ORDER.indexOf(TEST_STAGE)
      )
        testSeen = now
      if (d?.status === 'SUCCESSFUL') {
        testSeen ??= now
        return {
          testLatencyMs: testSeen - reachedAt(aws, { stage: TEST_STAGE }),
          successLatencyMs: now - reachedAt(aws, { status: 'SUCCESSFUL' }),
          calls: followCalls(aws, waitStarted),
          waitMs: now - waitStarted,
        }
      }
      if (d?.status !== 'PENDING' && d?.status !== 'IN_PROGRESS')
        throw new Error(`deployment ended ${d?.status}`)
    }
  } finally {
    client.destroy()
  }
}

const perMinute = (samples: Sample[]): number =>
  samples.reduce((n, s) => n + s.calls, 0) / (samples.reduce((n, s) => n + s.waitMs, 0) / 60_000)

export async function runNative(options: NativeOptions = {}) {
  const runs = options.runs ?? 3
  const stageMs = options.stageMs ?? 2000
  const intervalMs = options.peerIntervalMs ?? 10_000
  const log = options.log ?? (() => undefined)
  const aws = await startAwsLocal()
  try {
    const ours: Sample[] = []
    const peer: Sample[] = []
    for (let i = 0; i < runs; i++) {
      ours.push(await measureEcsDeploy(aws, stageMs))
      log(`ecs-deploy run ${i + 1}: ${JSON.stringify(ours[i])}`)
      peer.push(await measureEcspressoLoop(aws, stageMs, intervalMs))
      log(`ecspresso loop run ${i + 1}: ${JSON.stringify(peer[i])}`)
    }
    return { runs, stageMs, intervalMs, ours, peer }
  } finally {
    await aws.close()
  }
}

/** `npm run bench -- --only ecs-deploy-native [--runs N] [--stage-ms MS] [--peer-interval-ms MS]`. */
export const nativeScenario: Scenario = {
  id: 'ecs-deploy-native',
  title: 'ecs-deploy: a blue/green deployment followed stage by stage, beside ecspresso’s polling',
  async run(context) {
    const number = (key: string): number | undefined =>
      context.options[key] ? Number(context.options[key]) : undefined
    const r = await runNative({
      runs: number('runs'),
      stageMs: number('stage-ms'),
      peerIntervalMs: number('peer-interval-ms'),
      log: context.log,
    })
    const peerName = `ecspresso's loop (${r.intervalMs / 1000} s tick)`
    const row = (metric: string, pick: (s: Sample) => number) => [
      metric,
      `${median(r.ours.map(pick)).toFixed(0)} ms`,
      `${median(r.peer.map(pick)).toFixed(0)} ms`,
      `${Math.max(...r.ours.map(pick)).toFixed(0)} / ${Math.max(...r.peer.map(pick)).toFixed(0)} ms`,
    ]
    return {
      tables: [
        {
          title: `A blue/green deployment of ${r.stageMs / 1000} s stages and a 1-minute bake time of ${(2 * r.stageMs) / 1000} s, ${r.runs} runs per tool (medians)`,
          headers: ['Figure', 'ecs-deploy', peerName, 'Worst (ours / peer)'],
          rows: [
            row('test traffic on the new revision noticed after', (s) => s.testLatencyMs),
            row('SUCCESSFUL noticed after', (s) => s.successLatencyMs),
            [
              'ECS calls per minute of following',
              `${perMinute(r.ours).toFixed(1)}`,
              `${perMinute(r.peer).toFixed(1)}`,
              '',
            ],
          ],
          notes: [
            'ecs-deploy polls DescribeServiceDeployments every 1 to 3 s (one call for up to 20 deployments of a region); for ecs-deploy "noticed" is when its smoke test started and when its process exited.',
          ],
        },
      ],
      data: r,
    }
  },
}
