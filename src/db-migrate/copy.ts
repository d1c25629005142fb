import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { ProcessError } from '../common/process'
import type { RestoreError } from './classify'
import { close, connect, populatedMatviews, qualified, setSequence, type Db, type SequenceValue } from './db'
import type { Selection } from './inputs'
import { Progress } from './progress'
import { exactTablePattern, tocList, type Schedule, type TableInfo, type TocEntry } from './toc'
import { restore, RestoreFailure, selectionArgs, startDump, type ToolContext } from './tools'
import { linkedAbort, restoreInTransaction, type InTransactionCheck } from './transaction'
import type { DatabaseUrl } from './url'

/** The result of writing the target: per-table bytes and the warnings met on the way. */
export interface CopyResult {
  tables: Array<{ table: TableInfo; bytes: number; ms: number }>
  bytes: number
  warnings: RestoreError[]
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
 * largest first across `jobs` workers (each streamed from pg_dump into pg_restore, nothing on
 * disk, no compression), each table's indexes and constraints as soon as its data has landed,
 * and foreign keys, triggers and the rest of post-data last.
 */
export async function copyDirect(job: DirectCopy): Promise<CopyResult> {
  const warnings: RestoreError[] = []
  const restoreList = async (what: string, entries: TocEntry[], extra: string[] = []): Promise<void> => {
    if (entries.length === 0) return
    const list = join(mkdtempSync(join(job.workDir, 'list-')), 'toc.list')
    writeFileSync(list, tocList(entries))
    const outcome = await restore(job.tools, job.target, what, ['--use-list', list, ...extra, job.schemaFile])
    warnings.push(...outcome.warnings)
  }
  job.tools.logger.info(`Restoring the schema (${job.preData.length} objects) into ${job.target.display}`)
  await restoreList('Restoring the schema', job.preData)

  const tables = await copyData(job, restoreList)
  job.tools.logger.info(`Creating foreign keys, triggers and the rest (${job.schedule.last.length} objects)`)
  await restoreList('Creating foreign keys, triggers and the rest of post-data', job.schedule.last, [
    '--jobs',
    String(job.jobs),
  ])
  await finishTarget(job)
  return { tables, bytes: tables.reduce((sum, t) => sum + t.bytes, 0), warnings }
}

type RestoreList = (what: string, entries: TocEntry[]) => Promise<void>

/** The worker pool: index and constraint builds take precedence over starting another table's data. */
async function copyData(job: DirectCopy, restoreList: RestoreList): Promise<CopyResult['tables']> {
  const queue = new TaskQueue()
  const results: CopyResult['tables'] = []
  const total = job.schedule.data.reduce((sum, t) => sum + t.bytes, 0)
  const progress = new Progress(job.tools.logger, total)
  const abort = new AbortController()
  const onCancel = (): void => abort.abort(job.tools.signal.reason)
  job.tools.signal.addEventListener('abort', onCancel, { once: true })
  const tools: ToolContext = { ...job.tools, signal: abort.signal }
  const post =
    (entry: TocEntry): Task =>
    () =>
      restoreList(`Building ${entry.desc.toLowerCase()} ${entry.rest}`, [entry])
  queue.addPost(job.schedule.immediate.map(post))
  queue.addData(
    job.schedule.data.map((table) => async () => {
      const started = Date.now()
      const bytes = await copyTable({ ...job, tools }, table, progress)
      results.push({ table, bytes, ms: Date.now() - started })
      queue.addPost((job.schedule.afterTable.get(table.oid) ?? []).map(post))
    }),
  )
  try {
    await Promise.all(Array.from({ length: job.jobs }, () => queue.work(abort)))
  } finally {
    progress.stop()
    job.tools.signal.removeEventListener('abort', onCancel)
  }
  if (queue.error) throw queue.error
  return results
}

/** Streams one table's data from pg_dump (in the snapshot, uncompressed) into pg_restore. */
async function copyTable(job: DirectCopy, table: TableInfo, progress: Progress): Promise<number> {
  const name = `${table.schema}.${table.name}`
  const dump = startDump(job.tools, job.source, [
    `--snapshot=${job.snapshot}`,
    '--data-only',
    '--format=custom',
    '--compress=0',
    '--table',
    exactTablePattern(table.schema, table.name),
  ])
  const transfer = progress.begin(name, table.bytes)
  dump.stdout.on('data', (chunk: Buffer) => {
    transfer.bytes += chunk.length
  })
  try {
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
    return transfer.bytes
  } finally {
    progress.end(transfer)
  }
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
  selection: Selection,
  clean: boolean,
  estimateBytes: number,
  check?: InTransactionCheck,
): Promise<CopyResult> {
  const progress = new Progress(tools.logger, 0)
  // One signal for the whole pipeline: a failure anywhere stops pg_dump, pg_restore and psql.
  const abort = linkedAbort(tools.signal)
  const dump = startDump({ ...tools, signal: abort.signal }, source, [
    `--snapshot=${snapshot}`,
    '--format=custom',
    '--compress=0',
    ...selectionArgs(selection),
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
      }),
      dump.done,
    ])
    if (dumped.status === 'fulfilled' && dumped.value.exitCode !== 0 && !dumped.value.cancelled) {
      throw new RestoreFailure('Dumping the source', [{ message: new ProcessError(dumped.value).message }])
    }
    if (restored.status === 'rejected') throw restored.reason
    return { tables: [], bytes: transfer.bytes, warnings: restored.value.warnings }
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
