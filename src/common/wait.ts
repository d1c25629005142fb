import { sleep as realSleep, throwIfCancelled, type Sleep } from './cancel'
import type { Logger } from './log'
import { formatDuration } from './log'

/**
 * The suite's poll loop, used for every long wait (ECS rollouts, SSM commands, CloudFront
 * invalidations). Unlike the SDK's generated waiters it starts polling fast, backs off with
 * jitter between a minimum and a maximum delay, logs each change of state once (not every
 * poll), reports why it stopped, and stops at once when the run is cancelled.
 */

export interface Assessment {
  /** A short description of the state, e.g. `IN_PROGRESS: 2/3 tasks running`. Logged when it changes. */
  state: string
  /** The wait is over and the outcome is good. */
  done?: boolean
  /** The wait is over and the outcome is bad: one sentence saying why. */
  failure?: string
}

export interface WaitOptions<T> {
  /** What is being waited for, e.g. `service api`: prefixes every log line. */
  label: string
  poll: () => Promise<T>
  assess: (value: T) => Assessment
  timeoutMs: number
  minDelayMs?: number
  maxDelayMs?: number
  /** How much the delay grows after a poll that saw no change (default 1.5). */
  factor?: number
  signal?: AbortSignal
  logger?: Logger
  sleep?: Sleep
  now?: () => number
  random?: () => number
}

export type WaitOutcome = 'done' | 'failed' | 'timeout'

export interface WaitResult<T> {
  outcome: WaitOutcome
  /** The last polled value (undefined only when the timeout came before the first poll). */
  value: T
  state: string
  /** Set when `outcome` is `failed` or `timeout`. */
  reason?: string
  polls: number
  elapsedMs: number
}

export const DEFAULT_MIN_DELAY_MS = 1000
export const DEFAULT_MAX_DELAY_MS = 10_000

/** The delay before poll number `n + 1` when the state has not changed for `n` polls, with jitter. */
export function nextDelay(
  unchangedPolls: number,
  min: number,
  max: number,
  factor: number,
  random: () => number,
): number {
  const base = Math.min(max, min * Math.pow(factor, unchangedPolls))
  // Equal jitter: half the delay is fixed, half random, so polls of many waiters spread out
  // without ever dropping below the minimum.
  const jittered = base / 2 + (random() * base) / 2
  return Math.max(min, Math.min(max, Math.round(jittered)))
}

export async function waitFor<T>(options: WaitOptions<T>): Promise<WaitResult<T>> {
  const min = options.minDelayMs ?? DEFAULT_MIN_DELAY_MS
  const max = Math.max(min, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS)
  const factor = options.factor ?? 1.5
  const sleep = options.sleep ?? realSleep
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const started = now()
  const deadline = started + options.timeoutMs

  let polls = 0
  let unchanged = 0
  let lastState: string | undefined
  let value: T | undefined
  for (;;) {
    throwIfCancelled(options.signal)
    value = await options.poll()
    polls += 1
    const assessment = options.assess(value)
    const elapsed = now() - started
    if (assessment.state !== lastState) {
      options.logger?.info(`${options.label}: ${assessment.state} (${formatDuration(elapsed)})`)
      lastState = assessment.state
      unchanged = 0
    } else {
      unchanged += 1
    }
    if (assessment.failure !== undefined) {
      return {
        outcome: 'failed',
        value,
        state: assessment.state,
        reason: assessment.failure,
        polls,
        elapsedMs: elapsed,
      }
    }
    if (assessment.done) {
      return { outcome: 'done', value, state: assessment.state, polls, elapsedMs: elapsed }
    }
    const remaining = deadline - now()
    if (remaining <= 0) {
      return {
        outcome: 'timeout',
        value,
        state: assessment.state,
        reason: `${options.label} did not finish within ${formatDuration(options.timeoutMs)}; last state: ${assessment.state}`,
        polls,
        elapsedMs: now() - started,
      }
    }
    const delay = nextDelay(unchanged, min, max, factor, random)
    await sleep(Math.min(delay, remaining), options.signal)
  }
}
