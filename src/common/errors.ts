/**
 * One error model for the whole suite.
 *
 * A `UserError` is something the user must fix: a bad input, or a state of their
 * infrastructure the action refuses to change. It fails the step with one actionable
 * sentence and no stack trace. Anything else is a failure of the action itself (or of AWS):
 * its message is shown and its stack goes to the debug log.
 */
export class UserError extends Error {
  override name = 'UserError'
}

/** Raised when the run is cancelled (SIGINT / SIGTERM) while the action was waiting or running a tool. */
export class CancelledError extends Error {
  override name = 'CancelledError'
}

/** Raised by the waiter when a wait runs out of time; carries the last observed state. */
export class TimeoutError extends Error {
  override name = 'TimeoutError'
  constructor(
    message: string,
    readonly lastState?: string,
  ) {
    super(message)
  }
}

/** The message of anything thrown, never `[object Object]`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}

/**
 * AWS's error code of an SDK exception (`ThrottlingException`, `NoSuchKey`, ...), if it is one;
 * also through the wrapping of the call layer, which keeps the SDK's error as `cause`.
 */
export function awsErrorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object') {
    const e = error as {
      name?: unknown
      Code?: unknown
      code?: unknown
      $metadata?: unknown
      cause?: unknown
    }
    if (typeof e.Code === 'string') return e.Code
    if (e.$metadata !== undefined && typeof e.name === 'string') return e.name
    if (typeof e.code === 'string') return e.code
    if (e.cause !== undefined && e.cause !== error) return awsErrorCode(e.cause)
  }
  return undefined
}

/**
 * Wraps a failed AWS call with what was being attempted, keeping the original as `cause`:
 * `Failed to register task definition in ECS: ClientException: Container.image should not be null`.
 */
export function describeAwsFailure(attempt: string, error: unknown): Error {
  const code = awsErrorCode(error)
  const message = errorMessage(error)
  const text = code && !message.startsWith(code) ? `${code}: ${message}` : message
  const wrapped = new Error(`Failed to ${attempt}: ${text}`, { cause: error })
  return wrapped
}

/** Runs an AWS call, wrapping its failure with what was being attempted. */
export async function attempt<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof UserError || error instanceof CancelledError) throw error
    throw describeAwsFailure(what, error)
  }
}
