import { CancelledError } from './errors'

/**
 * Cancellation: GitHub's runner sends SIGINT when a run is cancelled, then SIGTERM 7.5 s later,
 * then kills the process. Both signals abort one process-wide AbortSignal that reaches every
 * wait, SDK call and child process, so the action stops cleanly and says what it left behind.
 */
export function installCancellation(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController()
  let count = 0
  const onSignal = (name: NodeJS.Signals): void => {
    count += 1
    if (count === 1) {
      controller.abort(new CancelledError(`The run was cancelled (${name}).`))
    } else if (count >= 3) {
      // The third signal means whoever sends them has lost patience: stop at once.
      process.exit(name === 'SIGINT' ? 130 : 143)
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

export function cancelledError(signal: AbortSignal): CancelledError {
  return signal.reason instanceof CancelledError
    ? signal.reason
    : new CancelledError('The run was cancelled.')
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError(signal)
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** Sleeps, or rejects with `CancelledError` as soon as the signal aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(signal))
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(cancelledError(signal as AbortSignal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/** Whether an error is the run's cancellation (by class: an error merely named so does not count). */
export function isCancellation(error: unknown): error is CancelledError {
  return error instanceof CancelledError
}

/**
 * One signal that aborts when any of the given ones does (with that one's reason); undefined
 * entries are ignored, and a single signal is returned as it is.
 */
export function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined)
  if (present.length <= 1) return present[0]
  return AbortSignal.any(present)
}

/**
 * An AbortController of one's own that also aborts when `parent` does, with its reason: to stop
 * one part of the work (the other side of a pipe, the rest of a queue) without cancelling the run.
 */
export function linkedController(parent: AbortSignal | undefined): AbortController & { dispose(): void } {
  const controller = new AbortController()
  const onAbort = (): void => controller.abort(parent?.reason)
  if (parent?.aborted) onAbort()
  else parent?.addEventListener('abort', onAbort, { once: true })
  /** Stops listening to the parent, once the part is done. */
  const dispose = (): void => parent?.removeEventListener('abort', onAbort)
  return Object.assign(controller, { dispose })
}
