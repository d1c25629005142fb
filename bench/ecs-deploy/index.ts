import { ECSClient, UpdateServiceCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { runAction } from '../../tools/harness/run-action'
import type { Scenario } from '../lib'
import { nativeScenario, seedBenchService } from './native'

/**
 * ecs-deploy benchmark: how soon a finished rollout is noticed, and how many DescribeServices
 * calls a minute of waiting costs, beside the AWS SDK's own `waitUntilServicesStable` with its
 * default settings (what aws-actions/amazon-ecs-deploy-task-definition uses), measured in the
 * same run against the same simulated rollout.
 *
 * Completion latency is the time from the moment the stand-in's deployment controller marks the
 * rollout COMPLETED (and drops the old deployment, which is what the SDK waiter looks for) to the
 * moment the waiter returns: for ecs-deploy, the bundle's process exit.
 */

export interface BenchFigure {
  metric: string
  unit: string
  ours: number
  peer: number
  peerName: string
  /** Which way is better. */
  better: 'lower' | 'higher'
}

export interface BenchResult {
  scenario: string
  description: string
  figures: BenchFigure[]
  /** Every sample, by series, for the JSON report. */
  samples: Record<string, number[]>
}

export interface BenchOptions {
  /** Rollouts measured per tool (default 3). */
  runs?: number
  /** How long each simulated rollout takes, start to COMPLETED (default 20 s). */
  rolloutMs?: number
  log?: (line: string) => void
}

interface Sample {
  latencyMs: number
  describeCalls: number
  waitMs: number
}

const CLUSTER = 'bench'
const SERVICE = 'api'
const PEER = 'AWS SDK waitUntilServicesStable (defaults)'

export async function run(options: BenchOptions = {}): Promise<BenchResult> {
  const runs = options.runs ?? 3
  const rolloutMs = options.rolloutMs ?? 20_000
  const log = options.log ?? (() => undefined)
  const aws = await startAwsLocal()
  try {
    const ours: Sample[] = []
    const peer: Sample[] = []
    for (let i = 0; i < runs; i++) {
      ours.push(await measureEcsDeploy(aws, rolloutMs))
      log(
        `ecs-deploy run ${i + 1}: noticed completion after ${ours[i].latencyMs} ms, ${ours[i].describeCalls} DescribeServices calls`,
      )
      peer.push(await measureSdkWaiter(aws, rolloutMs))
      log(
        `SDK waiter run ${i + 1}: noticed completion after ${peer[i].latencyMs} ms, ${peer[i].describeCalls} DescribeServices calls`,
      )
    }
    return {
      scenario: 'ecs-deploy',
      description: `A ${rolloutMs / 1000}s rolling deployment of one service, ${runs} runs per tool.`,
      figures: [
        figure(
          'completion detection latency (median)',
          'ms',
          median(ours.map((s) => s.latencyMs)),
          median(peer.map((s) => s.latencyMs)),
        ),
        figure(
          'completion detection latency (worst)',
          'ms',
          Math.max(...ours.map((s) => s.latencyMs)),
          Math.max(...peer.map((s) => s.latencyMs)),
        ),
        figure('DescribeServices calls per minute of waiting', 'calls/min', perMinute(ours), perMinute(peer)),
      ],
      samples: {
        'ecs-deploy latency ms': ours.map((s) => s.latencyMs),
        'sdk-waiter latency ms': peer.map((s) => s.latencyMs),
        'ecs-deploy DescribeServices': ours.map((s) => s.describeCalls),
        'sdk-waiter DescribeServices': peer.map((s) => s.describeCalls),
      },
    }
  } finally {
    await aws.close()
  }
}

function figure(metric: string, unit: string, ours: number, peer: number): BenchFigure {
  return {
    metric,
    unit,
    ours: Math.round(ours * 10) / 10,
    peer: Math.round(peer * 10) / 10,
    peerName: PEER,
    better: 'lower',
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function perMinute(samples: Sample[]): number {
  const calls = samples.reduce((n, s) => n + s.describeCalls, 0)
  const minutes = samples.reduce((n, s) => n + s.waitMs, 0) / 60_000
  return calls / minutes
}

function seed(aws: AwsLocal, rolloutMs: number): void {
  seedBenchService(aws)
  const ecs = aws.service('ecs')
  ecs.scriptRollout(CLUSTER, SERVICE, { durationMs: rolloutMs - 1000, drainMs: 1000 })
}

/** The moment (wall clock ms) the deployment was marked COMPLETED. */
function settledAt(aws: AwsLocal, deploymentId: string): number {
  const at = aws.service('ecs').controller.settledAt(CLUSTER, SERVICE, deploymentId)
  if (at === undefined) throw new Error(`deployment ${deploymentId} never completed`)
  return at
}

function describeCalls(aws: AwsLocal, since: number): { count: number } {
  return { count: aws.callsOf('ecs', 'DescribeServices').filter((c) => c.time.getTime() >= since).length }
}

async function measureEcsDeploy(aws: AwsLocal, rolloutMs: number): Promise<Sample> {
  seed(aws, rolloutMs)
  const started = Date.now()
  const result = await runAction('ecs-deploy', {
    inputs: { cluster: CLUSTER, services: SERVICE, timeout: '10m' },
    env: aws.env(),
    timeoutMs: rolloutMs + 120_000,
  })
  const exited = Date.now()
  if (result.exitCode !== 0) throw new Error(`ecs-deploy failed:\n${result.log}`)
  const waitStarted = aws.callsOf('ecs', 'UpdateService')[0].time.getTime()
  return {
    latencyMs: exited - settledAt(aws, result.outputs['deployment-id']),
    describeCalls: describeCalls(aws, waitStarted).count,
    waitMs: exited - Math.max(waitStarted, started),
  }
}

async function measureSdkWaiter(aws: AwsLocal, rolloutMs: number): Promise<Sample> {
  seed(aws, rolloutMs)
  const client = new ECSClient({
    endpoint: aws.url,
    region: aws.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  })
  try {
    const out = await client.send(
      new UpdateServiceCommand({ cluster: CLUSTER, service: SERVICE, forceNewDeployment: true }),
    )
    const deploymentId = out.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id as string
    const waitStarted = Date.now()
    // The defaults amazon-ecs-deploy-task-definition relies on: minDelay 15 s, maxDelay 120 s.
    await waitUntilServicesStable({ client, maxWaitTime: 900 }, { cluster: CLUSTER, services: [SERVICE] })
    const done = Date.now()
    return {
      latencyMs: done - settledAt(aws, deploymentId),
      describeCalls: describeCalls(aws, waitStarted).count,
      waitMs: done - waitStarted,
    }
  } finally {
    client.destroy()
  }
}

/** The scenario as the shared runner (`npm run bench`) calls it; `--runs N`, `--rollout-ms MS`. */
export const scenario: Scenario = {
  id: 'ecs-deploy',
  title: 'ecs-deploy: rollout completion detection beside the SDK waiter',
  async run(context) {
    const result = await run({
      runs: context.options.runs ? Number(context.options.runs) : undefined,
      rolloutMs: context.options['rollout-ms'] ? Number(context.options['rollout-ms']) : undefined,
      log: context.log,
    })
    return {
      tables: [
        {
          title: result.description,
          headers: ['Figure', 'ecs-deploy', 'Peer', 'Peer figure', 'Better'],
          rows: result.figures.map((f) => [
            f.metric,
            `${f.ours.toFixed(f.unit === 'ms' ? 0 : 1)} ${f.unit}`,
            f.peerName,
            `${f.peer.toFixed(f.unit === 'ms' ? 0 : 1)} ${f.unit}`,
            f.better,
          ]),
        },
      ],
      data: result,
    }
  },
}

/** Further scenarios of this action, run after `scenario`. */
export const scenarios: Scenario[] = [nativeScenario]
