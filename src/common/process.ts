import { spawn, type ChildProcess } from 'node:child_process'
import { basename } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { cancelledError } from './cancel'
import { CancelledError } from './errors'
import type { Logger } from './log'
import { addSecret, redact } from './secrets'

/**
 * Runs external tools (packer, pg_dump, pg_restore, psql). Written on node:child_process rather
 * than @actions/exec because a deploy tool needs what exec does not give: an AbortSignal that
 * forwards cancellation to the child as an interrupt and then waits for the child's own cleanup
 * (Packer deletes its builder instances on SIGINT), a timeout with the same escalation, access
 * to the raw stdout stream for piping one tool into another, and line streaming of both streams.
 *
 * Secrets reach a tool only through its environment (`secretEnv`), never its argv, which other
 * users of the machine can read in /proc.
 */

export interface ProcessOptions {
  cwd?: string
  /** Extra environment, on top of the action's own. */
  env?: Record<string, string | undefined>
  /** Secret environment values: masked, and never printed with the command line. */
  secretEnv?: Record<string, string>
  /** Kill the process after this long (interrupt, then terminate, then kill). */
  timeoutMs?: number
  signal?: AbortSignal
  /** How long the child gets to clean up after an interrupt before SIGTERM, and again before SIGKILL. */
  graceMs?: number
  /** Called with each line of stdout as it comes; when omitted and `pipeStdout` is false, lines are logged. */
  onStdoutLine?: (line: string) => void
  onStderrLine?: (line: string) => void
  /** Leave stdout unread so the caller can pipe it (`handle.stdout`). */
  pipeStdout?: boolean
  /** Data or a stream for stdin; when omitted stdin is closed. */
  stdin?: string | Readable | 'pipe'
  logger?: Logger
  /** Printed instead of the real command line (already quoted for display). */
  display?: string
  /** Lines of stderr kept for the error message (default 20). */
  keepStderrLines?: number
}

export interface ProcessResult {
  command: string
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  cancelled: boolean
  durationMs: number
  /** The last lines of stderr, for error messages. */
  stderrTail: string[]
}

export interface ProcessHandle {
  child: ChildProcess
  stdout: Readable
  stdin: Writable | null
  done: Promise<ProcessResult>
}

export class ProcessError extends Error {
  override name = 'ProcessError'
  constructor(readonly result: ProcessResult) {
    super(describeExit(result))
  }
}

/** Quotes an argument for display the way a POSIX shell would need it. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''"
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

export function describeExit(result: ProcessResult): string {
  const name = basename(result.command.split(' ')[0])
  const tail = result.stderrTail.length > 0 ? `: ${result.stderrTail.slice(-3).join(' | ')}` : ''
  if (result.cancelled) return `${name} was stopped because the run was cancelled`
  if (result.timedOut) return `${name} did not finish within its time limit and was stopped${tail}`
  if (result.signal) return `${name} was killed by ${result.signal}${tail}`
  return `${name} exited with code ${result.exitCode}${tail}`
}

/** The tools still running, so none outlives the action. */
const running = new Set<ChildProcess>()

process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL')
})

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal)
  } catch {
    // The group is gone already, or was never made: signal the process itself.
    child.kill(signal)
  }
}

export function spawnProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions = {},
): ProcessHandle {
  const logger = options.logger
  for (const value of Object.values(options.secretEnv ?? {})) addSecret(value)
  const display = options.display ?? [command, ...args].map(shellQuote).join(' ')
  logger?.info(`$ ${redact(display)}`)

  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const [key, value] of Object.entries({ ...options.env, ...options.secretEnv })) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  const stdinMode = options.stdin === undefined ? 'ignore' : 'pipe'
  // Each tool runs in a process group of its own, and signals go to the whole group, as a
  // terminal's Ctrl-C does: a tool's own children (Packer's provisioner scripts) are interrupted
  // too, and the tool sees the interrupt it was written to handle.
  const child = spawn(command, args, {
    cwd: options.cwd,
    env,
    stdio: [stdinMode, 'pipe', 'pipe'],
    detached: true,
  })
  running.add(child)
  const stdout = child.stdout as Readable
  const stderr = child.stderr as Readable

  const started = Date.now()
  const keep = options.keepStderrLines ?? 20
  const stderrTail: string[] = []
  let timedOut = false
  let cancelled = false
  const grace = options.graceMs ?? 10_000
  const timers: NodeJS.Timeout[] = []

  // Interrupt first, so the tool can clean up; then terminate; then kill.
  const stop = (): void => {
    if (child.exitCode !== null || child.signalCode !== null) return
    signalGroup(child, 'SIGINT')
    timers.push(
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) signalGroup(child, 'SIGTERM')
        timers.push(
          setTimeout(() => {
            if (child.exitCode === null && child.signalCode === null) signalGroup(child, 'SIGKILL')
          }, grace),
        )
      }, grace),
    )
  }
  const onAbort = (): void => {
    cancelled = true
    logger?.info(`Cancelling ${command}: sent an interrupt and waiting for it to clean up.`)
    stop()
  }
  if (options.signal?.aborted) onAbort()
  else options.signal?.addEventListener('abort', onAbort, { once: true })
  if (options.timeoutMs !== undefined) {
    timers.push(
      setTimeout(() => {
        timedOut = true
        logger?.warning(`${command} ran longer than its time limit; stopping it.`)
        stop()
      }, options.timeoutMs),
    )
  }

  const input = options.stdin
  if (input === undefined || input === 'pipe') {
    // Closed, or left for the caller to write to.
  } else if (typeof input === 'string') {
    child.stdin?.end(input)
  } else {
    const stdin = child.stdin as Writable
    // When this child stops reading (it exited, or closed its stdin, as pg_restore --list does
    // once it has the table of contents), pipe() unpipes and pauses the input: the rest of it is
    // then discarded, so that the tool writing it does not block on a full pipe, and its stream
    // still ends and its process still closes. Nothing else reads an input handed to a child.
    stdin.once('unpipe', () => input.resume())
    input.pipe(stdin)
  }
  // A child that exits before reading all of its stdin makes the pipe emit EPIPE; that is
  // reported through the exit code, not as an unhandled error.
  child.stdin?.on('error', () => undefined)

  const readers: Promise<void>[] = []
  const readLines = (stream: Readable, onLine: (line: string) => void): void => {
    const rl = createInterface({ input: stream, crlfDelay: Infinity })
    rl.on('line', onLine)
    readers.push(new Promise((resolve) => rl.once('close', resolve)))
  }
  if (!options.pipeStdout) {
    readLines(stdout, options.onStdoutLine ?? ((line) => logger?.info(redact(line))))
  }
  readLines(stderr, (line) => {
    stderrTail.push(redact(line))
    if (stderrTail.length > keep) stderrTail.shift()
    if (options.onStderrLine) options.onStderrLine(line)
    else logger?.info(redact(line))
  })

  const done = new Promise<ProcessResult>((resolve) => {
    let spawnError: Error | undefined
    child.once('error', (error) => {
      spawnError = error
    })
    child.once('close', (exitCode, signal) => {
      running.delete(child)
      void Promise.all(readers).then(() => {
        for (const timer of timers) clearTimeout(timer)
        options.signal?.removeEventListener('abort', onAbort)
        if (spawnError) stderrTail.push(spawnError.message)
        resolve({
          command: display,
          exitCode: spawnError ? null : exitCode,
          signal,
          timedOut,
          cancelled,
          durationMs: Date.now() - started,
          stderrTail,
        })
      })
    })
  })
  return { child, stdout, stdin: child.stdin, done }
}

/**
 * Runs a tool to completion. Resolves with the result when it exits 0; otherwise rejects with a
 * `ProcessError` (or `CancelledError` when the run was cancelled) naming the exit and the last
 * lines of stderr.
 */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<ProcessResult> {
  const result = await spawnProcess(command, args, options).done
  if (result.cancelled && options.signal) throw cancelledError(options.signal)
  if (result.cancelled) throw new CancelledError(describeExit(result))
  if (result.exitCode !== 0) throw new ProcessError(result)
  return result
}
