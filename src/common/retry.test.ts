import { UserError } from './errors'
import { memoryLogger } from './log'
import { retry } from './retry'

describe('retry', () => {
  it('retries until success, one labelled line per failed attempt', async () => {
    const logger = memoryLogger()
    const sleeps: number[] = []
    let calls = 0
    const value = await retry(
      async (attempt) => {
        calls += 1
        if (attempt < 3) throw new Error('connection reset')
        return 'ok'
      },
      {
        label: 'connect to the source',
        attempts: 5,
        minDelayMs: 100,
        sleep: async (ms) => void sleeps.push(ms),
        random: () => 1,
        logger,
      },
    )
    expect(value).toBe('ok')
    expect(calls).toBe(3)
    expect(sleeps).toEqual([100, 200])
    expect(logger.lines).toEqual([
      'connect to the source: attempt 1 of 5 failed (connection reset); retrying in 100ms',
      'connect to the source: attempt 2 of 5 failed (connection reset); retrying in 200ms',
    ])
  })

  it('gives up after the last attempt with the last error', async () => {
    await expect(
      retry(async () => Promise.reject(new Error('still down')), {
        label: 'x',
        attempts: 2,
        sleep: async () => undefined,
      }),
    ).rejects.toThrow('still down')
  })

  it('does not retry a user error', async () => {
    let calls = 0
    await expect(
      retry(
        async () => {
          calls += 1
          throw new UserError('bad input')
        },
        { label: 'x', attempts: 5, sleep: async () => undefined },
      ),
    ).rejects.toThrow('bad input')
    expect(calls).toBe(1)
  })
})
