import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { cancelledError } from '../common/cancel'
import { errorMessage, UserError } from '../common/errors'
import { debugLogger, formatDuration } from '../common/log'
import { count } from '../common/plural'
import { describeExit, ProcessError, spawnProcess, type ProcessResult } from '../common/process'
import { verificationBlock, type InTransactionCheck } from './check'
import { classifyErrors, type RestoreError } from './classify'
import { close, connect } from './db'
import { HoldCommit } from './hold-commit'
import { formatBytes } from './plan'
import { ACCESS_PREFIX, MISMATCH_PREFIX, NOT_CARRIED_PREFIX, parsePsqlLine } from './psql-messages'
import { dollarTag, quoteLiteral } from './sql'
import { verificationSentence } from './verify'
import { RestoreFailure, type ToolContext } from './tools'
import { toolSecretEnv, type DatabaseUrl } from './url'

/**
 * The `transaction` strategy: the whole archive in one transaction that commits only after the
 * restored data has been verified inside it.
 *
 * pg_restore writes the restore as a SQL script (`--file=-`, with `--single-transaction`, so the
 * script is one BEGIN ... COMMIT and large objects get no transaction blocks of their own) and
 * psql runs it. The script's final COMMIT is held back: in its place go a verification block
 * (row counts or checksums per table, sequences and object counts, compared with values taken
 * before the restore began, raising an error naming the first mismatching table) and a marker.
 * Only when psql reaches the marker with no failing statement is COMMIT sent. psql never sees a
 * COMMIT otherwise, so a failure anywhere (pg_dump, pg_restore, a statement, verification, a
 * lost connection, cancellation) ends the session with the transaction still open and the
 * server rolls it back.
 *
 * psql runs with ON_ERROR_ROLLBACK, so a statement that fails is rolled back on its own and the
 * error is read from stderr: the errors a managed target raises harmlessly (`must be owner of
 * extension plpgsql`, see classify.ts) become warnings as they do with the other strategies,
 * and any other error stops psql at once and the transaction is rolled back.
 */

export interface TransactionJob {
  tools: ToolContext
  target: DatabaseUrl
  what: string
  clean: boolean
  /** The archive: a file, or a stream of one (pg_dump's stdout). */
  archive: string | Readable
  /** The process producing the stream, whose success is required before the commit. */
  upstream?: Promise<ProcessResult>
  /** Stops the whole pipeline (pg_dump too) when the restore fails; the tools' signal is linked to it. */
  abort: AbortController
  check?: InTransactionCheck
  /** SQL run after the script and before the check: owners and privileges (see access.ts). */
  access?: string
}

export interface TransactionOutcome {
  warnings: RestoreError[]
  /** Bytes of SQL script run. */
  scriptBytes: number
  /** Owners the access block could not carry (its NOT_CARRIED_PREFIX warnings). */
  notCarried: string[]
}

/** Raised when verification inside the transaction finds a mismatch (the transaction was rolled back). */
export class InTransactionMismatch extends Error {
  override name = 'InTransactionMismatch'
}

/** Raised when the connection was lost while committing and the outcome could not be read. */
export class CommitOutcomeUnknown extends Error {
  override name = 'CommitOutcomeUnknown'
}

/** psql from the same client directory as the chosen pg_restore, so the two agree on the script. */
export function psqlOf(tools: ToolContext): string {
  const psql = join(tools.client.dir, 'psql')
  if (!existsSync(psql)) {
    throw new UserError(
      `Strategy 'transaction' runs pg_restore's script through psql, which is missing from ${tools.client.dir}; install postgresql-client-${tools.client.major} (it ships pg_restore and psql together) or use another strategy.`,
    )
  }
  return psql
}

/**
 * A statement whose WARNING tells, on psql's stderr in order with every error before it, that psql
 * got there; inside the transaction it also names the transaction, whose fate can be asked later.
 */
function markerStatement(marker: string, nonce: string, withTxid: boolean): string {
  const txid = withTxid ? ` || ' ' || pg_catalog.txid_current()` : ''
  const body = ` BEGIN RAISE WARNING '%', ${quoteLiteral(marker)}${txid}; END `
  const tag = dollarTag(nonce, body)
  return `DO ${tag}${body}${tag};\n`
}

const COMMON_ENV = { PGCONNECT_TIMEOUT: '15', PGAPPNAME: 'infra-actions db-migrate' }

type Phase = 'script' | 'commit' | 'done'

/**
 * Restores the archive in one transaction, verifies it inside, and commits only then. Resolves
 * once the commit is confirmed; rejects with the transaction rolled back otherwise (or with
 * `CommitOutcomeUnknown` when the connection was lost during the commit and its outcome could
 * not be read back).
 */
export async function restoreInTransaction(job: TransactionJob): Promise<TransactionOutcome> {
  const { tools, target, abort } = job
  const psql = psqlOf(tools)
  const nonce = randomBytes(8).toString('hex')
  const ready = `db-migrate ${nonce} ready to commit`
  const committed = `db-migrate ${nonce} committed`
  const check = job.check ? verificationBlock(job.check, nonce) : ''

  const harmless = { managed: tools.noOwner || tools.noPrivileges, ignore: tools.ignore }
  const warnings: RestoreError[] = []
  const failures: RestoreError[] = []
  const notCarried: string[] = []
  const commitErrors: string[] = []
  let phase: Phase = 'script'
  let txid: string | undefined
  let reachedReady!: () => void
  const readyReached = new Promise<void>((resolve) => (reachedReady = resolve))
  let sawCommitted = false
  let stopped = false
  // Assigned once psql and pg_restore run; until then there is nothing to stop.
  let stop: (reason: unknown) => void = () => undefined

  const onStderr = (line: string): void => {
    tools.logger.debug(line)
    const parsed = parsePsqlLine(line)
    if (parsed.kind === 'warning' && parsed.message.startsWith(ready)) {
      txid = parsed.message.slice(ready.length).trim() || undefined
      reachedReady()
      return
    }
    if (parsed.kind === 'warning' && parsed.message.startsWith(committed)) {
      sawCommitted = true
      return
    }
    if (parsed.kind === 'warning' && parsed.message.startsWith(NOT_CARRIED_PREFIX)) {
      notCarried.push(parsed.message.slice(NOT_CARRIED_PREFIX.length).trim())
      return
    }
    if (parsed.kind !== 'error') return
    if (phase !== 'script') {
      commitErrors.push(parsed.message)
      return
    }
    const error: RestoreError = { message: parsed.message }
    const mismatch = parsed.message.startsWith(MISMATCH_PREFIX) || parsed.message.startsWith(ACCESS_PREFIX)
    const sorted = mismatch ? { warnings: [], failures: [error] } : classifyErrors([error], harmless)
    warnings.push(...sorted.warnings)
    if (sorted.failures.length > 0) {
      failures.push(...sorted.failures)
      // Nothing will be committed; stop at once rather than run the rest of the script.
      stop(new RestoreFailure(job.what, sorted.failures))
    }
  }

  const psqlHandle = spawnProcess(
    psql,
    [
      '--no-psqlrc',
      '--quiet',
      '--no-align',
      '--tuples-only',
      '--set=ON_ERROR_STOP=0',
      '--set=ON_ERROR_ROLLBACK=on',
      '--set=VERBOSITY=default',
      `--dbname=${target.conninfo}`,
      '--file=-',
    ],
    {
      env: COMMON_ENV,
      secretEnv: toolSecretEnv(target),
      stdin: 'pipe',
      signal: abort.signal,
      timeoutMs: tools.timeoutMs,
      logger: debugLogger(tools.logger),
      onStdoutLine: () => undefined,
      onStderrLine: onStderr,
    },
  )
  const restoreStderr: string[] = []
  const restoreHandle = spawnProcess(
    tools.client.pgRestore,
    [
      '--file=-',
      '--single-transaction',
      ...(tools.noOwner ? ['--no-owner'] : []),
      ...(tools.noPrivileges ? ['--no-privileges'] : []),
      ...(job.clean ? ['--clean', '--if-exists'] : []),
      ...(typeof job.archive === 'string' ? [job.archive] : []),
    ],
    {
      env: COMMON_ENV,
      stdin: typeof job.archive === 'string' ? undefined : (job.archive as never),
      pipeStdout: true,
      signal: abort.signal,
      timeoutMs: tools.timeoutMs,
      logger: debugLogger(tools.logger),
      onStderrLine: (line) => {
        restoreStderr.push(line)
        tools.logger.debug(line)
      },
    },
  )
  const hold = new HoldCommit()
  const stdin = psqlHandle.stdin as Writable
  const scriptWritten = new Promise<void>((resolve, reject) => {
    hold.once('error', reject)
    hold.once('end', resolve)
  })
  restoreHandle.stdout.pipe(hold).pipe(stdin, { end: false })
  stop = (reason) => {
    if (stopped || phase !== 'script') return
    stopped = true
    // End psql's input without a COMMIT: psql exits at once and the server rolls the transaction
    // back. The interrupt stops a statement psql may still be running, and the producers.
    hold.unpipe(stdin)
    hold.resume()
    stdin.end()
    abort.abort(reason)
  }
  // psql gone (an error, a lost connection): stop the producers, nobody reads their output.
  const psqlDone = psqlHandle.done.then((result) => {
    if (phase === 'script') stop(new ProcessError(result))
    return result
  })

  const rollBack = async (error: unknown): Promise<never> => {
    stop(error)
    await Promise.allSettled([psqlDone, restoreHandle.done, job.upstream])
    if (tools.signal.aborted) throw cancelledError(tools.signal)
    throw error
  }

  // 1. The whole script but its COMMIT, from a pg_restore (and pg_dump) that finished cleanly.
  const [written, restored, upstream] = await Promise.allSettled([
    scriptWritten,
    restoreHandle.done,
    job.upstream ?? Promise.resolve(undefined),
  ])
  if (failures.length > 0) return rollBack(failureError(job.what, failures))
  if (tools.signal.aborted) return rollBack(cancelledError(tools.signal))
  if (abort.signal.aborted) return rollBack(abort.signal.reason)
  if (restored.status === 'fulfilled' && restored.value.exitCode !== 0) {
    return rollBack(
      new RestoreFailure(job.what, [
        { message: restoreStderr.slice(-3).join(' | ') || describeExit(restored.value) },
      ]),
    )
  }
  if (upstream.status === 'fulfilled' && upstream.value && upstream.value.exitCode !== 0) {
    return rollBack(new ProcessError(upstream.value))
  }
  if (written.status === 'rejected') return rollBack(written.reason)

  // 2. Owners and privileges, verification and the marker; wait for psql to get there.
  tools.logger.info(
    `Ran the restore script (${formatBytes(hold.bytes)} of SQL)${
      job.access ? '; carrying owners and privileges' : ''
    }${job.check ? `; verifying ${count(job.check.tables.filter((t) => !t.tree).length, 'table')} inside the transaction` : ''}`,
  )
  stdin.write(`${job.access ?? ''}${check}${markerStatement(ready, nonce, true)}`)
  const outcome = await Promise.race([readyReached.then(() => 'ready' as const), psqlDone])
  if (outcome !== 'ready') return rollBack(failureError(job.what, failures, outcome))
  if (failures.length > 0) return rollBack(failureError(job.what, failures))
  if (tools.signal.aborted) return rollBack(cancelledError(tools.signal))

  // 3. The commit, then a marker saying it went through.
  tools.logger.info(
    job.check
      ? 'Verification inside the transaction passed; committing'
      : 'Committing (nothing to verify inside the transaction)',
  )
  phase = 'commit'
  const committing = Date.now()
  stdin.end(`COMMIT;\n${markerStatement(committed, nonce, false)}${hold.rest}`)
  const result = await psqlDone
  phase = 'done'
  if (commitErrors.length > 0) {
    throw new RestoreFailure(
      `${job.what} (COMMIT)`,
      commitErrors.map((message) => ({ message })),
    )
  }
  if (!sawCommitted) await confirmCommit(job, txid, result)
  tools.logger.info(`Committed in ${formatDuration(Date.now() - committing)}`)
  return { warnings, scriptBytes: hold.bytes, notCarried }
}

function failureError(what: string, failures: RestoreError[], exit?: ProcessResult): Error {
  const mismatch = failures.find((f) => f.message.startsWith(MISMATCH_PREFIX))
  if (mismatch) {
    const mismatches = mismatch.message.slice(MISMATCH_PREFIX.length).trim().split('\x1f')
    return new InTransactionMismatch(
      verificationSentence(mismatches).replace(
        /^Verification failed:/,
        'Verification inside the transaction failed:',
      ),
    )
  }
  if (failures.length > 0) return new RestoreFailure(what, failures)
  return new RestoreFailure(what, [
    { message: exit ? describeExit(exit) : 'psql stopped before the transaction could be verified' },
  ])
}

/**
 * psql ended after COMMIT was sent without confirming it (the connection dropped): ask the
 * server what became of the transaction.
 */
async function confirmCommit(
  job: TransactionJob,
  txid: string | undefined,
  exit: ProcessResult,
): Promise<void> {
  const lost = `psql ended while committing (${describeExit(exit)})`
  if (txid === undefined) throw new CommitOutcomeUnknown(`${lost} and the transaction's id is unknown.`)
  let status: string | undefined
  try {
    const db = await connect(job.target, { logger: job.tools.logger, signal: new AbortController().signal })
    try {
      const { rows } = await db.query<{ status: string | null }>(
        'SELECT pg_catalog.txid_status($1::bigint) AS status',
        [txid],
      )
      status = rows[0]?.status ?? undefined
    } finally {
      await close(db)
    }
  } catch (error) {
    throw new CommitOutcomeUnknown(`${lost}, and its outcome could not be read: ${errorMessage(error)}.`)
  }
  if (status === 'committed') return
  if (status === 'aborted') throw new RestoreFailure(`${job.what} (COMMIT)`, [{ message: lost }])
  throw new CommitOutcomeUnknown(`${lost}; the server reports the transaction as ${status ?? 'unknown'}.`)
}
