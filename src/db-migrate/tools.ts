import type { Readable } from 'node:stream'
import { debugLogger, type Logger } from '../common/log'
import {
  ProcessError,
  runProcess,
  spawnProcess,
  type ProcessHandle,
  type ProcessResult,
} from '../common/process'
import type { ClientPair } from './clients'
import { classifyErrors, describeRestoreError, parseRestoreErrors, type RestoreError } from './classify'
import type { Selection } from './inputs'
import { toolSecretEnv, type DatabaseUrl } from './url'

/**
 * Command lines of pg_dump and pg_restore. The password reaches each tool through PGPASSWORD
 * in its own environment; argv holds the URL without it.
 */

export interface ToolContext {
  client: ClientPair
  logger: Logger
  signal: AbortSignal
  timeoutMs: number
  /** no-owner / no-privileges, and the patterns of errors that are only warnings. */
  noOwner: boolean
  noPrivileges: boolean
  ignore: RegExp[]
}

export class RestoreFailure extends Error {
  override name = 'RestoreFailure'
  constructor(
    readonly what: string,
    readonly failures: RestoreError[],
  ) {
    super(`${what} failed: ${failures.slice(0, 3).map(describeRestoreError).join('; ')}`)
  }
}

const COMMON_ENV = { PGCONNECT_TIMEOUT: '15', PGAPPNAME: 'infra-actions db-migrate' }

export function selectionArgs(selection: Selection): string[] {
  return [
    ...selection.schemas.flatMap((s) => ['--schema', s]),
    ...selection.excludeSchemas.flatMap((s) => ['--exclude-schema', s]),
    ...selection.tables.flatMap((t) => ['--table', t]),
    ...selection.excludeTables.flatMap((t) => ['--exclude-table', t]),
    ...selection.excludeTableData.flatMap((t) => ['--exclude-table-data', t]),
  ]
}

function ownershipArgs(ctx: ToolContext): string[] {
  return [...(ctx.noOwner ? ['--no-owner'] : []), ...(ctx.noPrivileges ? ['--no-privileges'] : [])]
}

export function startDump(ctx: ToolContext, source: DatabaseUrl, args: string[]): ProcessHandle {
  return spawnProcess(ctx.client.pgDump, [`--dbname=${source.conninfo}`, ...args], {
    env: COMMON_ENV,
    secretEnv: toolSecretEnv(source),
    pipeStdout: true,
    signal: ctx.signal,
    timeoutMs: ctx.timeoutMs,
    logger: debugLogger(ctx.logger),
    onStderrLine: (line) => ctx.logger.debug(line),
  })
}

/** Runs pg_dump to a file (schema dumps, backups). */
export async function dumpToFile(
  ctx: ToolContext,
  source: DatabaseUrl,
  args: string[],
): Promise<ProcessResult> {
  return runProcess(ctx.client.pgDump, [`--dbname=${source.conninfo}`, ...args], {
    env: COMMON_ENV,
    secretEnv: toolSecretEnv(source),
    signal: ctx.signal,
    timeoutMs: ctx.timeoutMs,
    logger: debugLogger(ctx.logger),
    onStderrLine: (line) => ctx.logger.debug(line),
  })
}

export async function listToc(ctx: ToolContext, file: string, section?: string): Promise<string> {
  const lines: string[] = []
  await runProcess(ctx.client.pgRestore, ['--list', ...(section ? [`--section=${section}`] : []), file], {
    signal: ctx.signal,
    logger: debugLogger(ctx.logger),
    onStdoutLine: (line) => lines.push(line),
  })
  return lines.join('\n')
}

/**
 * Starts psql on one side to run `commands` (each a `--command`), quietly, stopping at the first
 * error. `options` are session settings for PGOPTIONS, added to any the user set; `encoding` is
 * the client encoding.
 */
export function startPsql(
  ctx: ToolContext,
  psql: string,
  url: DatabaseUrl,
  commands: string[],
  io: { options?: string; encoding?: string; stdin?: Readable; pipeStdout?: boolean },
): ProcessHandle {
  return spawnProcess(
    psql,
    [
      '--no-psqlrc',
      '--quiet',
      '--set=ON_ERROR_STOP=1',
      `--dbname=${url.conninfo}`,
      ...commands.flatMap((command) => ['--command', command]),
    ],
    {
      env: {
        ...COMMON_ENV,
        PGOPTIONS: [process.env.PGOPTIONS, io.options].filter(Boolean).join(' ') || undefined,
        PGCLIENTENCODING: io.encoding ?? process.env.PGCLIENTENCODING,
      },
      secretEnv: toolSecretEnv(url),
      stdin: io.stdin,
      pipeStdout: io.pipeStdout,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      logger: debugLogger(ctx.logger),
      onStderrLine: (line) => ctx.logger.debug(line),
    },
  )
}

export interface RestoreOutcome {
  result: ProcessResult
  warnings: RestoreError[]
}

/**
 * Sorts the server's errors met restoring `what` as this run is told to (`no-owner` /
 * `no-privileges` make the known-harmless ones warnings, `ignore-errors` adds patterns): any
 * other error throws a `RestoreFailure`; the warnings are returned.
 */
export function sortRestoreErrors(
  ctx: ToolContext,
  what: string,
  errors: readonly RestoreError[],
): RestoreError[] {
  const { warnings, failures } = classifyErrors(errors, {
    managed: ctx.noOwner || ctx.noPrivileges,
    ignore: ctx.ignore,
  })
  if (failures.length > 0) throw new RestoreFailure(what, failures)
  return warnings
}

/**
 * Runs pg_restore into the target (from a file, or from `stdin`), and sorts its errors: known
 * harmless ones become warnings, any other fails with a `RestoreFailure` naming them.
 */
export async function restore(
  ctx: ToolContext,
  target: DatabaseUrl,
  what: string,
  args: string[],
  io: { stdin?: NodeJS.ReadableStream; options?: string } = {},
): Promise<RestoreOutcome> {
  const stderr: string[] = []
  const handle = spawnProcess(
    ctx.client.pgRestore,
    [`--dbname=${target.conninfo}`, ...ownershipArgs(ctx), ...args],
    {
      // The user's own PGOPTIONS come last, so a setting they chose wins over ours.
      env: {
        ...COMMON_ENV,
        PGOPTIONS: [io.options, process.env.PGOPTIONS].filter(Boolean).join(' ') || undefined,
      },
      secretEnv: toolSecretEnv(target),
      stdin: io.stdin as never,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      logger: debugLogger(ctx.logger),
      onStderrLine: (line) => {
        stderr.push(line)
        ctx.logger.debug(line)
      },
    },
  )
  const result = await handle.done
  if (result.cancelled) throw new ProcessError(result)
  const warnings = sortRestoreErrors(ctx, what, parseRestoreErrors(stderr))
  if (result.exitCode !== 0 && warnings.length === 0) {
    throw new RestoreFailure(what, [
      { message: stderr.slice(-3).join(' | ') || `pg_restore exited with code ${result.exitCode}` },
    ])
  }
  return { result, warnings }
}
