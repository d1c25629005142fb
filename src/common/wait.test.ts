import { CancelledError } from './errors'
import { memoryLogger } from './log'
import { nextDelay, waitFor } from './wait'

/** A fake clock: sleeping advances time instantly, and every sleep is recorded. */
function fakeTime() {
  let now = 0
  const sleeps: number[] = []
  return {
    now: () => now,
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason
      sleeps.push(ms)
      now += ms
    },
    advance: (ms: number) => {
      now += ms
    },
  }
}

describe('nextDelay', () => {
  it('stays between the minimum and the maximum whatever the jitter', () => {
    for (const random of [0, 0.5, 0.999]) {
      for (let n = 0; n < 20; n++) {
        const delay = nextDelay(n, 1000, 3000, 1.5, () => random)
        expect(delay).toBeGreaterThanOrEqual(1000)
        expect(delay).toBeLessThanOrEqual(3000)
      }
    }
  })

  it('grows while nothing changes', () => {
    const mid = () => 0.5
    expect(nextDelay(0, 1000, 60_000, 2, mid)).toBe(1000)
    expect(nextDelay(3, 1000, 60_000, 2, mid)).toBe(6000)
    expect(nextDelay(10, 1000, 60_000, 2, mid)).toBe(45_000)
  })
})

describe('waitFor', () => {
  it('returns done on the terminal state and logs each state once', async () => {
    const time = fakeTime()
    const logger = memoryLogger()
    const states = [
      'PENDING',
      'PENDING',
      'IN_PROGRESS 1/3',
      'IN_PROGRESS 1/3',
      'IN_PROGRESS 2/3',
      'COMPLETED',
    ]
    let i = 0
    const result = await waitFor({
      label: 'service api',
      poll: async () => states[i++],
      assess: (s) => ({ state: s, done: s === 'COMPLETED' }),
      timeoutMs: 60_000,
      minDelayMs: 1000,
      maxDelayMs: 3000,
      sleep: time.sleep,
      now: time.now,
      random: () => 0.5,
      logger,
    })
    expect(result.outcome).toBe('done')
    expect(result.polls).toBe(6)
    expect(logger.lines.map((l) => l.replace(/ \(.*\)$/, ''))).toEqual([
      'service api: PENDING',
      'service api: IN_PROGRESS 1/3',
      'service api: IN_PROGRESS 2/3',
      'service api: COMPLETED',
    ])
    expect(Math.max(...time.sleeps)).toBeLessThanOrEqual(3000)
  })

  it('returns the failure reason on a failed state', async () => {
    const time = fakeTime()
    const result = await waitFor({
      label: 'x',
      poll: async () => 'FAILED',
      assess: () => ({ state: 'FAILED', failure: 'the circuit breaker tripped' }),
      timeoutMs: 10_000,
      sleep: time.sleep,
      now: time.now,
    })
    expect(result).toMatchObject({ outcome: 'failed', reason: 'the circuit breaker tripped', polls: 1 })
  })

  it('times out with the last state and never sleeps past the deadline', async () => {
    const time = fakeTime()
    const result = await waitFor({
      label: 'invalidation I1',
      poll: async () => 'InProgress',
      assess: (s) => ({ state: s }),
      timeoutMs: 10_000,
      minDelayMs: 1000,
      maxDelayMs: 4000,
      sleep: time.sleep,
      now: time.now,
    })
    expect(result.outcome).toBe('timeout')
    expect(result.reason).toBe('invalidation I1 did not finish within 10.0s; last state: InProgress')
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000)
  })

  it('stops with CancelledError when the signal aborts during a sleep', async () => {
    const controller = new AbortController()
    let polls = 0
    const promise = waitFor({
      label: 'x',
      poll: async () => {
        polls += 1
        if (polls === 2)
          setTimeout(() => controller.abort(new CancelledError('The run was cancelled (SIGTERM).')), 5)
        return 'waiting'
      },
      assess: (s) => ({ state: s }),
      timeoutMs: 60_000,
      minDelayMs: 10,
      maxDelayMs: 10_000,
      signal: controller.signal,
    })
    await expect(promise).rejects.toThrow('The run was cancelled (SIGTERM).')
    expect(polls).toBe(2)
  })
})
