import * as core from '@actions/core'
import { installCancellation } from './cancel'
import { CancelledError, errorMessage, UserError } from './errors'
import { coreLogger, type Logger } from './log'
import { redact } from './secrets'

/**
 * State handed from an action's main step to its post step: saved through the runner's
 * `GITHUB_STATE` file in main, read back from the `STATE_<name>` variables the runner sets for
 * post (as actions/cache's state provider does). Values are strings; objects go as JSON.
 * Never save a secret here.
 */
export interface StateStore {
  save(name: string, value: string | object): void
  get(name: string): string | undefined
  /** A value saved as JSON, parsed; undefined when absent or not JSON. */
  getJson<T>(name: string): T | undefined
}

export const runnerState: StateStore = {
  save: (name, value) => core.saveState(name, typeof value === 'string' ? value : JSON.stringify(value)),
  get: (name) => core.getState(name) || undefined,
  getJson<T>(name: string): T | undefined {
    const text = core.getState(name)
    if (!text) return undefined
    try {
      return JSON.parse(text) as T
    } catch {
      return undefined
    }
  },
}

/** What every action's `main` (and `post`) receives. */
export interface ActionContext {
  /** The action's name, e.g. `ecs-deploy`. */
  name: string
  /** Aborted when the run is cancelled: pass it to every wait, SDK call and child process. */
  signal: AbortSignal
  logger: Logger
  state: StateStore
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
  const unfinished = failIfUnfinished(() =>
    core.setFailed(
      `${name} stopped before it finished: it was waiting for something that can no longer happen (nothing was left running), so its outcome is unknown; this is a fault in the action, please report it with this log.`,
    ),
  )
  try {
    await main({ name, signal: cancellation.signal, logger: coreLogger, state: runnerState })
  } catch (error) {
    fail(error)
  } finally {
    unfinished.dispose()
    cancellation.dispose()
  }
}

/**
 * Node exits, with code 0, when nothing is left to run, even while a promise is still pending:
 * an await that can never settle (a stream whose end never comes, a callback never called)
 * would otherwise end the step green without its result. 'beforeExit' fires exactly then, and
 * never on an explicit exit or a signal.
 */
function failIfUnfinished(report: () => void): { dispose(): void } {
  const onBeforeExit = () => {
    process.off('beforeExit', onBeforeExit)
    report()
  }
  process.on('beforeExit', onBeforeExit)
  return { dispose: () => process.off('beforeExit', onBeforeExit) }
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

/**
 * Runs an action's post step (`runs.post`, after the job's other steps, also when main failed
 * or was cancelled where `post-if: always()`): cleanup that must survive main. A post step only
 * warns: whatever goes wrong, it never fails a job.
 */
export async function runPost(name: string, post: ActionMain): Promise<void> {
  const cancellation = installCancellation()
  const unfinished = failIfUnfinished(() =>
    core.warning(
      `${name} post step stopped before it finished: it was waiting for something that can no longer happen, so its cleanup may be incomplete.`,
    ),
  )
  try {
    await post({ name, signal: cancellation.signal, logger: coreLogger, state: runnerState })
  } catch (error) {
    if (error instanceof Error && error.stack) core.debug(redact(error.stack))
    core.warning(`${name} post step: ${redact(errorMessage(error))}`)
  } finally {
    unfinished.dispose()
    cancellation.dispose()
  }
}

/** The entry point of a post bundle (`src/<name>/post.ts`). */
export function startPost(name: string, post: ActionMain): void {
  runPost(name, post).catch((error: unknown) => {
    core.warning(`${name} post step: ${redact(errorMessage(error))}`)
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
