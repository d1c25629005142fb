import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { linkedController } from '../common/cancel'
import { formatDuration } from '../common/log'
import { count } from '../common/plural'
import { ProcessError, type ProcessResult } from '../common/process'
import type { RestoreError } from './classify'
import {
  close,
  connect,
  copyColumns,
  importSnapshot,
  populatedMatviews,
  qualified,
  serverEncoding,
  setSequence,
  type Db,
  type SequenceValue,
} from './db'
import { Progress, type Transfer } from './progress'
import {
  describePostData,
  displayName,
  exactTablePattern,
  tocList,
  type Schedule,
  type TableInfo,
  type TocEntry,
} from './toc'
import { restore, RestoreFailure, startDump, startPsql, type ToolContext } from './tools'
import type { InTransactionCheck } from './check'
import { quoteLiteral } from './sql'
import { restoreInTransaction } from './transaction'
import type { DatabaseUrl } from './url'

/** The result of writing the target: per-table bytes and the warnings met on the way. */
export interface CopyResult {
  tables: Array<{ table: TableInfo; bytes: number; ms: number }>
  bytes: number
  warnings: RestoreError[]
  /** Owners and privileges found not carried while writing (see access.ts). */
  notCarried?: string[]
}

export interface DirectCopy {
  tools: ToolContext
  source: DatabaseUrl
  target: DatabaseUrl
  snapshot: string
  /** The schema-only custom-format dump taken in the snapshot. */
  schemaFile: string
  preData: TocEntry[]
  schedule: Schedule
  jobs: number
  sequences: SequenceValue[]
  workDir: string
}

/**
 * A parallel copy scheduled the way the fastest tools do it: pre-data, then the tables' data
 * largest first across `jobs` workers (each one COPY piped into another, nothing on disk: see
 * `CopyVia`), each table's indexes and constraints as soon as its data has landed,
 * and foreign keys, triggers and the rest of post-data last.
 */
export async function copyDirect(job: DirectCopy): Promise<CopyResult> {
  const warnings: RestoreError[] = []
  const restoreList: RestoreList = async (what, done, entries, extra = []) => {
    if (entries.length === 0) return
    const list = join(mkdtempSync(join(job.workDir, 'list-')), 'toc.list')
    writeFileSync(list, tocList(entries))
    const started = Date.now()
    const outcome = await restore(job.tools, job.target, what, ['--use-list', list, ...extra, job.schemaFile])
    warnings.push(...outcome.warnings)
    job.tools.logger.info(`${done} in ${formatDuration(Date.now() - started)}`)
  }
  const objects = count(job.preData.length, 'object')
  job.tools.logger.info(`Restoring the schema (${objects}) into ${job.target.display}`)
  await restoreList('Restoring the schema', `Restored the schema (${objects})`, job.preData)

  const tables = await copyData(job, restoreList)
  const last = count(job.schedule.last.length, 'object')
  job.tools.logger.info(`Creating foreign keys, triggers and the rest of post-data (${last})`)
  await restoreList(
    'Creating foreign keys, triggers and the rest of post-data',
    `Created foreign keys, triggers and the rest of post-data (${last})`,
    job.schedule.last,
    ['--jobs', String(job.jobs)],
  )
  const finishing = Date.now()
  await finishTarget(job)
  job.tools.logger.info(
    `Set sequences and refreshed materialized views in ${formatDuration(Date.now() - finishing)}`,
  )
  return { tables, bytes: tables.reduce((sum, t) => sum + t.bytes, 0), warnings }
}

/** Restores some entries of the schema dump; `what` names the work in a failure, `done` in the log line after it. */
type RestoreList = (what: string, done: string, entries: TocEntry[], extra?: string[]) => Promise<void>

/** The worker pool: index and constraint builds take precedence over starting another table's data. */
async function copyData(job: DirectCopy, restoreList: RestoreList): Promise<CopyResult['tables']> {
  const via = await copyVia(job)
  const queue = new TaskQueue()
  const results: CopyResult['tables'] = []
  const total = job.schedule.data.reduce((sum, t) => sum + t.bytes, 0)
  const progress = new Progress(job.tools.logger, total)
  const abort = linkedController(job.tools.signal)
  const tools: ToolContext = { ...job.tools, signal: abort.signal }
  const post = (entry: TocEntry): Task => {
    const table = job.schedule.tableOf.get(entry.id)
    const name = table ? describePostData(entry, table) : `${entry.desc.toLowerCase()} ${entry.rest}`
    return () => restoreList(`Building ${name}`, `Built ${name}`, [entry])
  }
  queue.addPost(job.schedule.immediate.map(post))
  queue.addData(
    job.schedule.data.map((table) => async () => {
      const started = Date.now()
      const bytes = await copyTable({ ...job, tools }, table, progress, via)
      const ms = Date.now() - started
      results.push({ table, bytes, ms })
      job.tools.logger.info(
        `Copied the data of ${displayName(table.schema, table.name)} in ${formatDuration(ms)}`,
      )
      queue.addPost((job.schedule.afterTable.get(table.oid) ?? []).map(post))
    }),
  )
  try {
    await Promise.all(Array.from({ length: job.jobs }, () => queue.work(abort)))
  } finally {
    progress.stop()
    abort.dispose()
  }
  if (queue.error) throw queue.error
  return results
}

/**
 * How table data travels. With psql at hand (it ships with pg_dump and pg_restore), each table is
 * one COPY out of the snapshot piped into one COPY into the target, the way pgcopydb does it:
 * no archive format in between, and the target side truncates the table it has just created and
 * loads it WITH (FREEZE) in the same transaction. That load writes no WAL when the target runs
 * with wal_level=minimal, and its rows need no hint-bit pass later (so the table's index builds
 * that follow read it without writing it back). Truncating is safe: the pre-data restore of this
 * same run created the table, and nothing else writes to it before its data is in. Without psql,
 * pg_dump streams into pg_restore.
 */
interface CopyVia {
  psql: string
  /** The source's encoding, used as client encoding on both sides so bytes pass unconverted (as pg_dump does). */
  encoding: string
  /** Column lists by table OID, read in the snapshot. */
  columns: Map<number, string>
}

/** Session settings for COPY out, as pg_dump sets them: text that reads back the same on any server. */
const COPY_OUT_SETTINGS =
  '-c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=3 -c row_security=off -c statement_timeout=0 -c lock_timeout=0'
const COPY_IN_SETTINGS = '-c DateStyle=ISO -c statement_timeout=0 -c lock_timeout=0'

async function copyVia(job: DirectCopy): Promise<CopyVia | undefined> {
  const psql = join(job.tools.client.dir, 'psql')
  if (!existsSync(psql)) {
    job.tools.logger.info(
      `psql is not in ${job.tools.client.dir}; copying data through pg_dump and pg_restore`,
    )
    return undefined
  }
  const db = await connect(job.source, { logger: job.tools.logger, signal: job.tools.signal })
  try {
    await importSnapshot(db, job.snapshot)
    const columns = await copyColumns(
      db,
      job.schedule.data.map((t) => t.oid),
    )
    return { psql, encoding: await serverEncoding(db), columns }
  } finally {
    await close(db)
  }
}

/** Copies one table's data (in the snapshot) into the target; returns the bytes streamed. */
async function copyTable(
  job: DirectCopy,
  table: TableInfo,
  progress: Progress,
  via: CopyVia | undefined,
): Promise<number> {
  const transfer = progress.begin(displayName(table.schema, table.name), table.bytes)
  try {
    if (via) await copyWithPsql(job, table, via, transfer)
    else await dumpAndRestore(job, table, transfer)
    return transfer.bytes
  } finally {
    progress.end(transfer)
  }
}

/**
 * COPY TO STDOUT in the snapshot, piped into TRUNCATE and COPY FROM STDIN WITH (FREEZE) in one
 * transaction. An extension's configuration table already holds the rows its extension's script
 * inserted (CREATE EXTENSION ran in pre-data): it is neither truncated nor frozen, and only the
 * rows the extension's condition keeps are copied, read the way pg_dump reads them
 * (`COPY (SELECT columns FROM table <condition>) TO STDOUT`).
 */
async function copyWithPsql(
  job: DirectCopy,
  table: TableInfo,
  via: CopyVia,
  transfer: Transfer,
): Promise<void> {
  const name = displayName(table.schema, table.name)
  const relation = qualified(table.schema, table.name)
  const columns = via.columns.get(table.oid)
  const copy = `COPY ${relation}${columns === undefined ? '' : ` (${columns})`}`
  const copyOut = table.filter
    ? `COPY (SELECT ${columns ?? '*'} FROM ${relation} ${table.filter}) TO STDOUT`
    : `${copy} TO STDOUT`
  const copyIn = table.viaRoot
    ? // Through the root of its tree (see partitions.ts), which routes each row to the partition
      // it belongs in on the target: no TRUNCATE (other partitions' loads may have put rows in
      // this one already) and no FREEZE (which a partitioned table does not take).
      [
        'BEGIN',
        `COPY ${qualified(table.viaRoot.schema, table.viaRoot.name)}${columns === undefined ? '' : ` (${columns})`} FROM STDIN`,
        'COMMIT',
      ]
    : table.extension
      ? ['BEGIN', `${copy} FROM STDIN`, 'COMMIT']
      : ['BEGIN', `TRUNCATE ONLY ${relation}`, `${copy} FROM STDIN WITH (FREEZE)`, 'COMMIT']
  // A failure on either side stops the other (the target's transaction is then rolled back).
  const abort = linkedController(job.tools.signal)
  const stopOnFailure = (result: ProcessResult): ProcessResult => {
    if (result.exitCode !== 0) abort.abort(new ProcessError(result))
    return result
  }
  const tools: ToolContext = { ...job.tools, signal: abort.signal }
  let dumped: ProcessResult
  let restored: ProcessResult
  try {
    const out = startPsql(
      tools,
      via.psql,
      job.source,
      [
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
        `SET TRANSACTION SNAPSHOT ${quoteLiteral(job.snapshot)}`,
        copyOut,
      ],
      { options: COPY_OUT_SETTINGS, encoding: via.encoding, pipeStdout: true },
    )
    out.stdout.on('data', (chunk: Buffer) => {
      transfer.bytes += chunk.length
    })
    const into = startPsql(tools, via.psql, job.target, copyIn, {
      options: COPY_IN_SETTINGS,
      encoding: via.encoding,
      stdin: out.stdout,
    })
    ;[dumped, restored] = await Promise.all([out.done.then(stopOnFailure), into.done.then(stopOnFailure)])
  } finally {
    abort.dispose()
  }
  if (job.tools.signal.aborted && (dumped.cancelled || restored.cancelled))
    throw new ProcessError(restored.cancelled ? restored : dumped)
  // The side that failed on its own is the cause; the other was stopped because of it.
  if (!dumped.cancelled && dumped.exitCode !== 0)
    throw new RestoreFailure(`Dumping the data of ${name}`, psqlErrors(dumped))
  if (restored.exitCode !== 0) throw new RestoreFailure(`Copying the data of ${name}`, psqlErrors(restored))
}

/** The server's messages from psql's stderr (`psql:...: ERROR:  ...`), or how psql exited. */
function psqlErrors(result: ProcessResult): RestoreError[] {
  const errors = result.stderrTail
    .filter((line) => /\bERROR:\s/.test(line))
    .map((line) => ({ message: line.replace(/^.*?\bERROR:\s+/, '') }))
  return errors.length > 0 ? errors : [{ message: new ProcessError(result).message }]
}

/** Streams one table's data from pg_dump (in the snapshot, uncompressed) into pg_restore. */
async function dumpAndRestore(job: DirectCopy, table: TableInfo, transfer: Transfer): Promise<void> {
  const name = displayName(table.schema, table.name)
  const dump = startDump(job.tools, job.source, [
    `--snapshot=${job.snapshot}`,
    '--data-only',
    '--format=custom',
    '--compress=0',
    ...(table.viaRoot ? ['--load-via-partition-root'] : []),
    '--table',
    exactTablePattern(table.schema, table.name),
  ])
  dump.stdout.on('data', (chunk: Buffer) => {
    transfer.bytes += chunk.length
  })
  const [restored, dumped] = await Promise.allSettled([
    restore(
      job.tools,
      job.target,
      `Copying the data of ${name}`,
      ['--data-only', '--exit-on-error'],
      dump.stdout as Readable,
    ),
    dump.done,
  ])
  if (dumped.status === 'fulfilled' && dumped.value.exitCode !== 0 && !dumped.value.cancelled) {
    throw new RestoreFailure(`Dumping the data of ${name}`, [
      { message: new ProcessError(dumped.value).message },
    ])
  }
  if (restored.status === 'rejected') throw restored.reason
}

/** Sequences take the values read in the snapshot; materialized views populated on the source are refreshed. */
async function finishTarget(job: DirectCopy): Promise<void> {
  const db: Db = await connect(job.target, { logger: job.tools.logger, signal: job.tools.signal })
  try {
    for (const seq of job.sequences) await setSequence(db, seq)
    for (const view of await populatedMatviewsOf(job)) {
      await db.query(`REFRESH MATERIALIZED VIEW ${qualified(view.schema, view.name)}`)
    }
  } finally {
    await close(db)
  }
}

async function populatedMatviewsOf(job: DirectCopy): Promise<Array<{ schema: string; name: string }>> {
  const wanted = new Set(job.preData.filter((e) => e.desc === 'MATERIALIZED VIEW').map((e) => e.oid))
  if (wanted.size === 0) return []
  const db = await connect(job.source, { logger: job.tools.logger, signal: job.tools.signal })
  try {
    return (await populatedMatviews(db)).filter((view) => wanted.has(view.oid))
  } finally {
    await close(db)
  }
}

/**
 * The whole dump streamed into one transaction, verified inside it against `check` before the
 * commit: all or nothing (see transaction.ts).
 */
export async function copyInTransaction(
  tools: ToolContext,
  source: DatabaseUrl,
  target: DatabaseUrl,
  snapshot: string,
  /** pg_dump's selection arguments, resolved in pre-flight. */
  dumpArgs: string[],
  clean: boolean,
  estimateBytes: number,
  check?: InTransactionCheck,
  /** Owners and privileges, carried inside the transaction before verification (see access.ts). */
  access?: string,
): Promise<CopyResult> {
  tools.logger.info(
    `Streaming ${source.display} into ${target.display} in a single transaction${check ? ', verified before the commit' : ''}`,
  )
  const progress = new Progress(tools.logger, 0)
  // One signal for the whole pipeline: a failure anywhere stops pg_dump, pg_restore and psql.
  const abort = linkedController(tools.signal)
  const dump = startDump({ ...tools, signal: abort.signal }, source, [
    `--snapshot=${snapshot}`,
    '--format=custom',
    '--compress=0',
    ...dumpArgs,
  ])
  const transfer = progress.begin('single transaction', estimateBytes)
  dump.stdout.on('data', (chunk: Buffer) => {
    transfer.bytes += chunk.length
  })
  try {
    const [restored, dumped] = await Promise.allSettled([
      restoreInTransaction({
        tools,
        target,
        what: 'Restoring in a single transaction',
        clean,
        archive: dump.stdout as Readable,
        upstream: dump.done,
        abort,
        check,
        access,
      }),
      dump.done,
    ])
    if (dumped.status === 'fulfilled' && dumped.value.exitCode !== 0 && !dumped.value.cancelled) {
      throw new RestoreFailure('Dumping the source', [{ message: new ProcessError(dumped.value).message }])
    }
    if (restored.status === 'rejected') throw restored.reason
    return {
      tables: [],
      bytes: transfer.bytes,
      warnings: restored.value.warnings,
      notCarried: restored.value.notCarried,
    }
  } finally {
    progress.end(transfer)
    progress.stop()
  }
}

type Task = () => Promise<void>

/**
 * Two queues and a pool of workers: post-data tasks first, then data. A worker finding both
 * empty waits while others still run (their tables will add index builds); the first failure
 * stops every worker and interrupts the tools still running.
 */
class TaskQueue {
  private readonly post: Task[] = []
  private readonly data: Task[] = []
  private running = 0
  private waiters: Array<() => void> = []
  error: unknown

  addPost(tasks: Task[]): void {
    this.post.push(...tasks)
    this.wake()
  }

  addData(tasks: Task[]): void {
    this.data.push(...tasks)
    this.wake()
  }

  async work(abort: AbortController): Promise<void> {
    for (;;) {
      const task = await this.take()
      if (!task) return
      try {
        await task()
      } catch (error) {
        if (this.error === undefined) {
          this.error =
            abort.signal.aborted && !(error instanceof RestoreFailure)
              ? (abort.signal.reason ?? error)
              : error
          abort.abort(error)
        }
      } finally {
        this.running--
        this.wake()
      }
    }
  }

  private async take(): Promise<Task | undefined> {
    for (;;) {
      if (this.error !== undefined) return undefined
      const task = this.post.shift() ?? this.data.shift()
      if (task) {
        this.running++
        return task
      }
      if (this.running === 0) return undefined
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve()
  }
}
