import * as core from '@actions/core'
import { installCancellation } from './cancel'
import { CancelledError, errorMessage, UserError } from './errors'
import { coreLogger, type Logger } from './log'
import { redact } from './secrets'

/** What every action's `main` receives. */
export interface ActionContext {
  /** The action's name, e.g. `ecs-deploy`. */
  name: string
  /** Aborted when the run is cancelled: pass it to every wait, SDK call and child process. */
  signal: AbortSignal
  logger: Logger
}

export type ActionMain = (context: ActionContext) => Promise<void>

/**
 * Runs an action's main function with the suite's error model:
 * - a `UserError` fails the step with its one sentence, as an error annotation, no stack;
 * - a cancellation fails the step saying the run was cancelled (the action says what state it left);
 * - anything else fails the step with its message, and its stack goes to the debug log.
 */
export async function runAction(name: string, main: ActionMain): Promise<void> {
  const cancellation = installCancellation()
  try {
    await main({ name, signal: cancellation.signal, logger: coreLogger })
  } catch (error) {
    fail(error)
  } finally {
    cancellation.dispose()
  }
}

function fail(error: unknown): void {
  const message = redact(errorMessage(error))
  if (error instanceof UserError || error instanceof CancelledError) {
    core.setFailed(message)
    return
  }
  if (error instanceof Error && error.stack) core.debug(redact(error.stack))
  const cause = error instanceof Error ? error.cause : undefined
  if (cause instanceof Error && cause.stack) core.debug(`Caused by: ${redact(cause.stack)}`)
  core.setFailed(message)
}

/**
 * The entry point of every bundle: runs the action, and as a last resort (an error thrown
 * outside the error model, e.g. while reporting) fails the step with the action's name.
 */
export function start(name: string, main: ActionMain): void {
  runAction(name, main).catch((error: unknown) => {
    core.setFailed(`${name} action failed: ${redact(errorMessage(error))}`)
  })
}

/** The `main` of an action whose implementation has not been released yet. */
export function notAvailable(name: string): ActionMain {
  return async () => {
    throw new UserError(
      `The ${name} action is not available yet in infra-actions; see the suite's README for the actions you can use today.`,
    )
  }
}
