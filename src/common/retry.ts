import { sleep as realSleep, throwIfCancelled, type Sleep } from './cancel'
import { CancelledError, errorMessage, UserError } from './errors'
import type { Logger } from './log'

/**
 * Retries for calls the SDK does not retry itself (a database connection, a tool's first
 * contact): jittered exponential backoff, one labelled log line per failed attempt, and a
 * sleep that tests replace. AWS SDK calls are retried by the SDK's adaptive mode instead.
 */
export interface RetryOptions {
  label: string
  attempts: number
  minDelayMs?: number
  maxDelayMs?: number
  /** Whether an error is worth another attempt (default: anything but a UserError or cancellation). */
  retryable?: (error: unknown) => boolean
  logger?: Logger
  signal?: AbortSignal
  sleep?: Sleep
  random?: () => number
}

export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const min = options.minDelayMs ?? 500
  const max = options.maxDelayMs ?? 10_000
  const sleep = options.sleep ?? realSleep
  const random = options.random ?? Math.random
  const retryable = options.retryable ?? ((e) => !(e instanceof UserError) && !(e instanceof CancelledError))
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(options.signal)
    try {
      return await fn(attempt)
    } catch (error) {
      if (attempt >= options.attempts || !retryable(error)) throw error
      const base = Math.min(max, min * 2 ** (attempt - 1))
      const delay = Math.round(base / 2 + (random() * base) / 2)
      options.logger?.info(
        `${options.label}: attempt ${attempt}${Number.isSafeInteger(options.attempts) && options.attempts < Number.MAX_SAFE_INTEGER ? ` of ${options.attempts}` : ''} failed (${errorMessage(error)}); retrying in ${delay}ms`,
      )
      await sleep(delay, options.signal)
    }
  }
}
