import type { Service, Task } from '@aws-sdk/client-ecs'
import { CancelledError } from '../common/errors'
import { memoryLogger } from '../common/log'
import type { Ecs } from './ecs'
import { deployment, expectation, service, stoppedTask, tdArn } from './testing'
import { watchServices } from './watch'

/** A scripted Ecs: each DescribeServices answers the next frame of each service, then the last one. */
function scriptedEcs(frames: Record<string, Service[]>, stopped: Task[] = []) {
  const calls = { describeServices: 0, listTasks: 0, describeTasks: 0 }
  const polls = new Map<string, number>()
  const ecs = {
    region: 'us-east-1',
    async describeServices(_cluster: string, names: string[]) {
      calls.describeServices += 1
      return {
        services: names.map((n) => {
          const i = polls.get(n) ?? 0
          polls.set(n, i + 1)
          return frames[n][Math.min(i, frames[n].length - 1)]
        }),
        failures: [],
      }
    },
    async listTasks() {
      calls.listTasks += 1
      return stopped.map((t) => t.taskArn as string)
    },
    async describeTasks(_cluster: string, arns: string[]) {
      calls.describeTasks += 1
      return stopped.filter((t) => arns.includes(t.taskArn as string))
    },
  }
  return { ecs: ecs as unknown as Ecs, calls }
}

const old = deployment({
  id: 'ecs-svc/0000',
  status: 'ACTIVE',
  taskDefinition: tdArn('web', 42),
  runningCount: 3,
  rolloutState: 'COMPLETED',
})
const frame = (d: Parameters<typeof deployment>[0], rest = [old]) =>
  service('api', tdArn('web', 43), { deployments: [deployment(d), ...rest] })

function clock() {
  let t = 0
  const sleeps: number[] = []
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      t += ms
    },
    sleeps,
  }
}

describe('watching rollouts', () => {
  it('logs each change once and polls between 1 and 3 seconds', async () => {
    const frames = {
      api: [
        frame({}),
        frame({}),
        frame({ runningCount: 1, pendingCount: 2 }),
        frame({ runningCount: 1, pendingCount: 2 }),
        frame({ runningCount: 3 }),
        frame({ runningCount: 3, rolloutState: 'COMPLETED' }, []),
      ],
    }
    const { ecs } = scriptedEcs(frames)
    const logger = memoryLogger()
    const c = clock()
    const [outcome] = await watchServices(ecs, 'prod', [{ service: 'api', expectation: expectation() }], {
      label: '[us-east-1]',
      timeoutMs: 60_000,
      activity: 'rolling out',
      logger,
      sleep: c.sleep,
      now: c.now,
    })
    expect(outcome.status.phase).toBe('done')
    const info = logger.lines.filter((l) => !l.startsWith('debug:')).map((l) => l.replace(/ \([^)]*s\)$/, ''))
    expect(info).toEqual([
      '[us-east-1] api: deployment created, 0/3 tasks running',
      '[us-east-1] api: 1/3 tasks running, 2 pending, 3 old tasks draining',
      '[us-east-1] api: 3/3 tasks running, 3 old tasks draining',
      '[us-east-1] api: rollout completed (3/3 tasks running)',
    ])
    expect(Math.min(...c.sleeps)).toBeGreaterThanOrEqual(1000)
    expect(Math.max(...c.sleeps)).toBeLessThanOrEqual(3000)
  })

  it('looks at stopped tasks only when the deployment changes', async () => {
    const failedTask = stoppedTask()
    const same = frame({ runningCount: 1 })
    const frames = {
      api: [
        same,
        same,
        same,
        same,
        frame({ runningCount: 1, failedTasks: 1 }),
        frame({ runningCount: 1, failedTasks: 1 }),
      ],
    }
    const { ecs, calls } = scriptedEcs(frames, [failedTask])
    const c = clock()
    const [outcome] = await watchServices(
      ecs,
      'prod',
      [{ service: 'api', expectation: expectation({ maxFailedTasks: 1 }) }],
      {
        label: '[us-east-1]',
        timeoutMs: 60_000,
        activity: 'rolling out',
        logger: memoryLogger(),
        sleep: c.sleep,
        now: c.now,
      },
    )
    expect(outcome.status).toMatchObject({
      phase: 'failed',
      failure: { reason: '1 task of revision 43 stopped: Essential container in task exited (exit code 1)' },
    })
    expect(calls.describeServices).toBe(5)
    expect(calls.listTasks).toBe(1)
  })

  it('batches services into one DescribeServices per poll and times out with the last state', async () => {
    const stuck = frame({ runningCount: 1, pendingCount: 2 })
    const frames = { api: [stuck], worker: [{ ...stuck, serviceName: 'worker' }] }
    const { ecs, calls } = scriptedEcs(frames)
    const c = clock()
    const outcomes = await watchServices(
      ecs,
      'prod',
      ['api', 'worker'].map((s) => ({ service: s, expectation: expectation() })),
      {
        label: '[us-east-1]',
        timeoutMs: 30_000,
        activity: 'rolling out',
        logger: memoryLogger(),
        sleep: c.sleep,
        now: c.now,
      },
    )
    expect(outcomes.map((o) => o.status.phase)).toEqual(['failed', 'failed'])
    expect(outcomes[0].status).toMatchObject({
      failure: {
        reason:
          'revision 43 did not finish rolling out within 30.0s (1/3 tasks running, 2 pending, 3 old tasks draining)',
      },
    })
    expect(calls.describeServices).toBeLessThanOrEqual(31)
    expect(calls.describeServices).toBeGreaterThanOrEqual(10)
  })

  describe('across regions', () => {
    const options = (
      c: ReturnType<typeof clock>,
      extra: Partial<Parameters<typeof watchServices>[3]> = {},
    ) => ({
      label: '[us-east-1]',
      timeoutMs: 60_000,
      activity: 'rolling out',
      logger: memoryLogger(),
      sleep: c.sleep,
      now: c.now,
      ...extra,
    })

    it('stops at once, without failing, when a rollout failed elsewhere', async () => {
      const slow = frame({ runningCount: 1, pendingCount: 2 })
      const { ecs, calls } = scriptedEcs({ api: [slow], worker: [{ ...slow, serviceName: 'worker' }] })
      const c = clock()
      const stop = new AbortController()
      const logger = memoryLogger()
      const sleep = async (ms: number) => {
        await c.sleep(ms)
        if (c.sleeps.length === 2) stop.abort(new Error('service api failed in eu-west-1'))
      }
      const outcomes = await watchServices(
        ecs,
        'prod',
        ['api', 'worker'].map((s) => ({ service: s, expectation: expectation() })),
        options(c, { stop: stop.signal, sleep, logger }),
      )
      expect(outcomes.map((o) => [o.service, o.status.phase])).toEqual([
        ['api', 'waiting'],
        ['worker', 'waiting'],
      ])
      expect(calls.describeServices).toBe(2)
      expect(logger.lines).toContain(
        '[us-east-1] stopped waiting for api, worker: service api failed in eu-west-1',
      )
    })

    it('reports services it never looked at as waiting when stopped before the first poll', async () => {
      const { ecs, calls } = scriptedEcs({ api: [frame({})] })
      const stop = new AbortController()
      stop.abort(new Error('a rollout failed in eu-west-1'))
      const [outcome] = await watchServices(
        ecs,
        'prod',
        [{ service: 'api', expectation: expectation() }],
        options(clock(), { stop: stop.signal }),
      )
      expect(outcome).toMatchObject({
        service: 'api',
        status: { phase: 'waiting', state: 'not observed yet' },
      })
      expect(calls.describeServices).toBe(0)
    })

    it('still fails with the cancellation when the run is cancelled', async () => {
      const { ecs } = scriptedEcs({ api: [frame({})] })
      const run = new AbortController()
      run.abort(new CancelledError('The run was cancelled (SIGINT).'))
      const stop = new AbortController()
      stop.abort(new Error('a rollout failed in eu-west-1'))
      await expect(
        watchServices(
          ecs,
          'prod',
          [{ service: 'api', expectation: expectation() }],
          options(clock(), { signal: run.signal, stop: stop.signal }),
        ),
      ).rejects.toThrow('The run was cancelled (SIGINT).')
    })

    it("until 'all': waits for every service to end even after one failed (rollbacks)", async () => {
      const failed = frame({ rolloutState: 'FAILED', rolloutStateReason: 'tasks failed to start.' })
      const worker = (d: Parameters<typeof deployment>[0], rest = [old]) => ({
        ...frame(d, rest),
        serviceName: 'worker',
      })
      const { ecs } = scriptedEcs({
        api: [failed],
        worker: [
          worker({ runningCount: 1 }),
          worker({ runningCount: 3 }),
          worker({ runningCount: 3, rolloutState: 'COMPLETED' }, []),
        ],
      })
      const outcomes = await watchServices(
        ecs,
        'prod',
        ['api', 'worker'].map((s) => ({ service: s, expectation: expectation() })),
        options(clock(), { until: 'all' }),
      )
      expect(outcomes.map((o) => [o.service, o.status.phase])).toEqual([
        ['api', 'failed'],
        ['worker', 'done'],
      ])
    })
  })
})
