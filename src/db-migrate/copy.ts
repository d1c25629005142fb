import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { linkedController } from '../common/cancel'
import { formatDuration } from '../common/log'
import { count } from '../common/plural'
import { ProcessError, type ProcessResult } from '../common/process'
import type { RestoreError } from './classify'
import { BinaryCopyRows } from './copy-rows'
import {
  binaryCopyable,
  close,
  connect,
  constraintUsingIndex,
  copyColumns,
  countRows,
  importSnapshot,
  populatedMatviews,
  qualified,
  setSequence,
  storedColumnCount,
  tableBlocks,
  uniqueIndexesFirst,
  type CopyColumns,
  type Db,
  type SequenceValue,
  type UniqueIndexFirst,
} from './db'
import { formatBytes, indexBuildSettings, type TargetFacts } from './plan'
import { Progress, type Transfer } from './progress'
import { describeRange, rangeCondition, splitTables, type BlockRange } from './split'
import {
  describePostData,
  displayName,
  exactTablePattern,
  heldBack,
  tocList,
  type Schedule,
  type TableInfo,
  type TocEntry,
} from './toc'
import { restore, RestoreFailure, sortRestoreErrors, startDump, startPsql, type ToolContext } from './tools'
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
  /** The tables whose checksum is their COPY stream's (see `StreamChecksums`). */
  streamed?: StreamChecksums
}

/**
 * Checksums taken from the data as it passed, for `verify: checksums`: the SHA-256 of each
 * table's binary COPY stream out of the source, where the target's table holds the rows in the
 * stream's order, so that reading it back the same way gives the same bytes exactly when it
 * holds the same rows (`readBack`, as soon as the table has landed, one table at a time beside
 * the workers, so that it overlaps the index builds that follow). That order holds for a table loaded whole by one
 * COPY into the table its transaction truncated: such a load bypasses the free space map and
 * appends every row to new pages in turn (TABLE_INSERT_SKIP_FSM, src/backend/commands/copyfrom.c),
 * and a sequential scan without synchronized scans reads them back from block 0 in that order.
 * The binary format (same major version and encoding on both sides, see `binaryCopyable`) prints
 * values with no session setting in play. Other tables (split, routed through their partition
 * root, an extension's, or in text) are checksummed by SQL on both sides.
 */
export interface StreamChecksums {
  tables: Array<{
    schema: string
    name: string
    /** The SHA-256 of the stream out of the source. */
    source: string
    /** The SHA-256 of the target's table read back, or why it could not be compared. */
    target: string
    /** The rows of the stream out of the source, and of the target's table (see `BinaryCopyRows`). */
    rows: { source: number; target: number }
  }>
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
  /** Both servers as pre-flight read them. */
  servers: {
    source: { major: number; encoding: string }
    target: Pick<TargetFacts, 'major' | 'encoding' | 'walLevel' | 'maintenanceWorkMem' | 'tempFileLimit'>
  }
  workDir: string
  /** Take `StreamChecksums` where the target will hold the rows in the stream's order. */
  streamChecksums?: boolean
  /** Session settings for the schema restore, foreign keys and the rest (see `buildSettings`); index builds get `indexBuildSettings`. */
  buildSettings?: string
  /**
   * Called once every table's data is in and its indexes and constraints are built, while foreign
   * keys and the rest of post-data may still be building: from then on no table's rows change.
   * `streamed` names the tables whose checksums come from their COPY streams (with `streamChecksums`).
   */
  onTablesComplete?: (streamed: ReadonlySet<string>) => void
}

/**
 * A parallel copy scheduled the way the fastest tools do it: pre-data, then the tables' data
 * largest first across `jobs` workers (each one COPY piped into another, nothing on disk: see
 * `CopyVia`), each table's indexes and constraints as soon as its data has landed,
 * and foreign keys, triggers and the rest of post-data last.
 */
export async function copyDirect(job: DirectCopy): Promise<CopyResult> {
  const warnings: RestoreError[] = []
  const restoreList: RestoreList = async (what, done, entries, extra = [], options = job.buildSettings) => {
    if (entries.length === 0) return
    const list = join(mkdtempSync(join(job.workDir, 'list-')), 'toc.list')
    writeFileSync(list, tocList(entries))
    const started = Date.now()
    const outcome = await restore(
      job.tools,
      job.target,
      what,
      ['--use-list', list, ...extra, job.schemaFile],
      { options },
    )
    warnings.push(...outcome.warnings)
    job.tools.logger.info(`${done} in ${formatDuration(Date.now() - started)}`)
  }
  const objects = count(job.preData.length, 'object')
  job.tools.logger.info(`Restoring the schema (${objects}) into ${job.target.display}`)
  await restoreList('Restoring the schema', `Restored the schema (${objects})`, job.preData)

  const { tables, foreignKeysLeft } = await copyData(job, restoreList, warnings)
  const rest = [...foreignKeysLeft, ...job.schedule.last]
  if (rest.length > 0) {
    const last = count(rest.length, 'object')
    job.tools.logger.info(`Creating foreign keys, triggers and the rest of post-data (${last})`)
    await restoreList(
      'Creating foreign keys, triggers and the rest of post-data',
      `Created foreign keys, triggers and the rest of post-data (${last})`,
      rest,
      ['--jobs', String(job.jobs)],
    )
  }
  const finishing = Date.now()
  await finishTarget(job)
  job.tools.logger.info(
    `Set sequences and refreshed materialized views in ${formatDuration(Date.now() - finishing)}`,
  )
  const streamed = tables.flatMap(({ table, stream }) =>
    stream
      ? [
          {
            schema: table.schema,
            name: table.name,
            source: stream.checksum,
            target: stream.readBack.checksum,
            rows: { source: stream.rows, target: stream.readBack.rows },
          },
        ]
      : [],
  )
  return {
    tables: tables.map(({ table, bytes, ms }) => ({ table, bytes, ms })),
    bytes: tables.reduce((sum, t) => sum + t.bytes, 0),
    warnings,
    ...(streamed.length > 0 ? { streamed: { tables: streamed } } : {}),
  }
}

/** What one table's copy gives back: bytes streamed and, where taken, its stream's checksum and rows. */
interface Copied {
  bytes: number
  stream?: { checksum: string; rows: number; columns: CopyColumns }
}

type Landed = CopyResult['tables'][number] & {
  stream?: { checksum: string; rows: number; readBack: ReadBack }
}

/**
 * Restores some entries of the schema dump; `what` names the work in a failure, `done` in the log
 * line after it; `options` are its session settings (default: the job's `buildSettings`).
 */
type RestoreList = (
  what: string,
  done: string,
  entries: TocEntry[],
  extra?: string[],
  options?: string,
) => Promise<void>

/**
 * The worker pool: index and constraint builds take precedence over starting another table's
 * data. A foreign key between two tables with data is created as soon as both are complete
 * (data in, every index and constraint built), and keys that share a table one at a time: two
 * such at once could deadlock, each holding a lock on one table that the other waits for (ADD
 * FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables). The smallest tables may wait for the
 * largest to be complete (see `heldBack`). Returns the tables copied and any keys left for the last step.
 */
async function copyData(
  job: DirectCopy,
  restoreList: RestoreList,
  warnings: RestoreError[],
): Promise<{ tables: Landed[]; foreignKeysLeft: TocEntry[] }> {
  const via = await copyVia(job)
  const queue = new TaskQueue()
  const results: Landed[] = []
  const total = job.schedule.data.reduce((sum, t) => sum + t.bytes, 0)
  const progress = new Progress(job.tools.logger, total)
  const abort = linkedController(job.tools.signal)
  const tools: ToolContext = { ...job.tools, signal: abort.signal }
  const keys = [...job.schedule.foreignKeys]
  const unbuilt = new Map<number, number>()
  const complete = new Set<number>()
  // The tables of the keys being created: a key waits while another holds one of its tables.
  const keyed = new Set<number>()
  const nextKey = (): void => {
    for (let at = 0; at < keys.length && queue.error === undefined;) {
      const { entry, from, to } = keys[at]
      const ready = complete.has(from.oid) && complete.has(to.oid)
      if (!ready || keyed.has(from.oid) || keyed.has(to.oid)) {
        at++
        continue
      }
      keys.splice(at, 1)
      keyed.add(from.oid).add(to.oid)
      const name = describePostData(entry, from)
      const create: Task = async () => {
        try {
          await restoreList(`Creating ${name}`, `Created ${name}`, [entry])
        } finally {
          keyed.delete(from.oid)
          keyed.delete(to.oid)
        }
        nextKey()
      }
      // Before the builds waiting: the keys of a table are checked one after another, and a key
      // that waits makes every key after it later.
      queue.addPost([create], true)
    }
  }
  const completed = (oid: number): void => {
    if (!complete.has(oid) && complete.add(oid).size === job.schedule.data.length)
      job.onTablesComplete?.(streaming)
    if (oid === largest?.oid && held.size > 0)
      queue.addData(job.schedule.data.filter((t) => held.has(t.oid)).flatMap(copying))
    nextKey()
  }
  // Constraints built as unique indexes, by table, waiting to be made constraints (see uniqueIndexesFirst).
  const usingIndex = new Map<number, UniqueIndexFirst[]>()
  // The tables (display names) whose checksums are taken from their COPY streams.
  const streaming = new Set<string>()
  // Each table's read-back for its checksum, by table OID, once started (see `landed`).
  const readingBack = new Map<number, Promise<void>>()
  // Constraints made after their table's read-back, and the first failure among them.
  let deferred = Promise.resolve()
  let deferredError: unknown
  const makeConstraints = async (psql: string, pending: UniqueIndexFirst[]): Promise<void> => {
    for (const found of pending) {
      const made = `the unique index ${found.index} ${found.primaryKey ? 'the primary key' : `the unique constraint ${found.constraint}`} of ${displayName(found.schema, found.table)}`
      const started = Date.now()
      const sql = constraintUsingIndex(found)
      if (await runSql({ ...job, tools }, psql, `Making ${made}`, sql, job.buildSettings, warnings))
        job.tools.logger.info(`Made ${made} in ${formatDuration(Date.now() - started)}`)
    }
  }
  const built = (oid: number): void => {
    const remaining = (unbuilt.get(oid) ?? 1) - 1
    unbuilt.set(oid, remaining)
    if (remaining > 0) return
    const pending = usingIndex.get(oid) ?? []
    usingIndex.delete(oid)
    if (pending.length === 0 || !via) return completed(oid)
    // Making a constraint of its index takes ACCESS EXCLUSIVE, briefly (the index is there and
    // its columns are already NOT NULL, as pg_dump creates them), once no other build of the table
    // runs. While the table is read back for its checksum, it would wait for the read-back's
    // ACCESS SHARE, and every lock asked for after it would queue behind it: then the table counts
    // as complete at once (a foreign key can reference columns of "a non-partial unique index",
    // https://www.postgresql.org/docs/current/sql-createtable.html, and its check shares the
    // table with the read-back), and the constraints are made once the read-back is done.
    const reading = readingBack.get(oid)
    if (reading) {
      completed(oid)
      deferred = deferred
        .then(() => reading)
        .then(async () => {
          if (queue.error === undefined && readBackError === undefined && deferredError === undefined)
            await makeConstraints(via.psql, pending)
        })
        .catch((error: unknown) => {
          deferredError ??= error
          abort.abort(error)
        })
      return
    }
    queue.addPost([
      async () => {
        await makeConstraints(via.psql, pending)
        completed(oid)
      },
    ])
  }
  const post = (entry: TocEntry): Task => {
    const table = job.schedule.tableOf.get(entry.id)
    const name = table ? describePostData(entry, table) : `${entry.desc.toLowerCase()} ${entry.rest}`
    const first = entry.desc === 'CONSTRAINT' && table?.hasData ? via?.uniqueFirst.get(entry.oid) : undefined
    return async () => {
      // An index (or a constraint's) sorts in memory sized to its table; see indexBuildSettings.
      const options = table ? indexBuildSettings(table.bytes, job.servers.target) : job.buildSettings
      if (first && table && via) {
        const started = Date.now()
        if (
          await runSql({ ...job, tools }, via.psql, `Building ${name}`, first.createIndex, options, warnings)
        ) {
          job.tools.logger.info(`Built ${name} as a unique index in ${formatDuration(Date.now() - started)}`)
          usingIndex.set(table.oid, [...(usingIndex.get(table.oid) ?? []), first])
        }
      } else await restoreList(`Building ${name}`, `Built ${name}`, [entry], [], options)
      if (table?.hasData) built(table.oid)
    }
  }
  queue.addPost(job.schedule.immediate.map(post))
  const [largest] = job.schedule.data
  const holding = heldBack(job.schedule, job.jobs)
  const held = new Set(holding.map((t) => t.oid))
  if (largest && holding.length > 0)
    job.tools.logger.info(
      `Holding back ${count(holding.length, 'table')} (${formatBytes(holding.reduce((sum, t) => sum + t.bytes, 0))}) until ${displayName(largest.schema, largest.name)} is complete, to copy them while its foreign keys are checked`,
    )
  // Read-backs one at a time, beside the workers; the first failure stops the copy.
  let readBacks = Promise.resolve()
  let readBackError: unknown
  let targetDb: Db | undefined
  const landed = (table: TableInfo, copied: Copied, ms: number, parts?: number): void => {
    const result: Landed = { table, bytes: copied.bytes, ms }
    results.push(result)
    const stream = copied.stream
    if (stream && via) {
      streaming.add(displayName(table.schema, table.name))
      readBacks = readBacks
        .then(async () => {
          if (queue.error !== undefined || readBackError !== undefined) return
          targetDb ??= await connect(job.target, { logger: job.tools.logger, signal: abort.signal })
          result.stream = {
            checksum: stream.checksum,
            rows: stream.rows,
            readBack: await readBack({ ...job, tools }, via, targetDb, table, stream),
          }
        })
        .catch((error: unknown) => {
          readBackError ??= error
          abort.abort(error)
        })
      readingBack.set(table.oid, readBacks)
    }
    job.tools.logger.info(
      `Copied the data of ${displayName(table.schema, table.name)} in ${formatDuration(ms)}${parts ? ` (${count(parts, 'block range')})` : ''}`,
    )
    const entries = job.schedule.afterTable.get(table.oid) ?? []
    unbuilt.set(table.oid, entries.length)
    queue.addPost(entries.map(post))
    if (entries.length === 0) completed(table.oid)
  }
  const copying = (table: TableInfo): Task[] => {
    const ranges = via?.split.get(table.oid)
    if (!via || !ranges) {
      return [
        async () => {
          const started = Date.now()
          landed(table, await copyTable({ ...job, tools }, table, progress, via), Date.now() - started)
        },
      ]
    }
    // The parts of a split table: its indexes wait for the last one.
    let started: number | undefined
    let bytes = 0
    let left = ranges.length
    return ranges.map((range, i) => async () => {
      started ??= Date.now()
      const part = { range, index: i + 1, of: ranges.length }
      bytes += (await copyTable({ ...job, tools }, table, progress, via, part)).bytes
      if (--left === 0) landed(table, { bytes }, Date.now() - started, ranges.length)
    })
  }
  queue.addData(job.schedule.data.filter((t) => !held.has(t.oid)).flatMap(copying))
  try {
    await Promise.all(Array.from({ length: job.jobs }, () => queue.work(abort)))
    await readBacks
    await deferred
  } finally {
    progress.stop()
    if (targetDb) await close(targetDb)
    abort.dispose()
  }
  if (readBackError !== undefined) throw readBackError
  if (queue.error) throw queue.error
  if (deferredError !== undefined) throw deferredError
  return { tables: results, foreignKeysLeft: keys.map((k) => k.entry) }
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
  columns: Map<number, CopyColumns>
  /** Tables copied in COPY's binary format (see `binaryCopyable`); the others in text. */
  binary: Set<number>
  /** The block ranges of the tables split across jobs (see split.ts). */
  split: Map<number, BlockRange[]>
  /** Primary key and unique constraints built as unique indexes first, by constraint OID (see `uniqueIndexesFirst`). */
  uniqueFirst: Map<number, UniqueIndexFirst>
}

/**
 * Session settings for COPY out, as pg_dump sets them: text that reads back the same on any
 * server (an empty search_path, so that a `reg*` value prints its object's schema-qualified
 * name, whatever the source database's own search_path; `money` in one fixed locale). COPY in
 * reads it under the same search_path and locale.
 */
const COPY_OUT_SETTINGS =
  '-c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=3 -c row_security=off -c statement_timeout=0 -c lock_timeout=0 -c search_path= -c lc_monetary=C'
const COPY_IN_SETTINGS =
  '-c DateStyle=ISO -c statement_timeout=0 -c lock_timeout=0 -c search_path= -c lc_monetary=C'

async function copyVia(job: DirectCopy): Promise<CopyVia | undefined> {
  const psql = join(job.tools.client.dir, 'psql')
  if (!existsSync(psql)) {
    job.tools.logger.info(
      `psql is not in ${job.tools.client.dir}; copying data through pg_dump and pg_restore`,
    )
    return undefined
  }
  const oids = job.schedule.data.map((t) => t.oid)
  const db = await connect(job.source, { logger: job.tools.logger, signal: job.tools.signal })
  try {
    await importSnapshot(db, job.snapshot)
    const { source, target: into } = job.servers
    const columns = await copyColumns(db, oids)
    // Binary between servers of one major version and one encoding: no text to print and parse
    // for numbers, timestamps and the like (text in binary is sent in the server's encoding).
    const sameKind = source.major === into.major && source.encoding === into.encoding
    const binary = sameKind ? await binaryCopyable(db, oids) : new Set<number>()
    // Splitting costs the parts COPY FREEZE, and on a target with wal_level=minimal FREEZE's
    // loads also skip the WAL: there one load per table is faster (measured on the benchmark's
    // 0.9 GiB table, 2 cores: medians 14.8 s whole, 19.8 s split), elsewhere the split is
    // (wal_level=replica: 19.3 s whole, 16.5 s split). Block ranges need the source's TID range scans.
    const blocks =
      source.major >= 14 && into.walLevel !== 'minimal'
        ? await tableBlocks(db, oids)
        : new Map<number, number>()
    const split = splitTables(
      job.schedule.data
        .filter((t) => blocks.has(t.oid) && !t.filter && !t.extension)
        .map((t) => ({ oid: t.oid, bytes: t.bytes, blocks: blocks.get(t.oid) ?? 0 })),
      job.jobs,
    )
    const text = oids.length - binary.size
    job.tools.logger.info(
      !sameKind
        ? `Copying data in COPY's text format (source PostgreSQL ${source.major} ${source.encoding}, target PostgreSQL ${into.major} ${into.encoding})`
        : text === 0
          ? `Copying data in COPY's binary format (both servers PostgreSQL ${source.major}, ${source.encoding})`
          : `Copying data in COPY's binary format, ${count(text, 'table')} in text (a column type without a portable binary form)`,
    )
    for (const table of job.schedule.data) {
      const ranges = split.get(table.oid)
      if (ranges)
        job.tools.logger.info(
          `Splitting ${displayName(table.schema, table.name)} (${formatBytes(table.bytes)}) into ${ranges.length} block ranges copied in parallel`,
        )
    }
    const constraints = [...job.schedule.afterTable.values()].flat().filter((e) => e.desc === 'CONSTRAINT')
    // Last: it leaves the session's search_path empty.
    const uniqueFirst = await uniqueIndexesFirst(
      db,
      constraints.map((e) => e.oid),
    )
    if (uniqueFirst.size > 0)
      job.tools.logger.info(
        `Building ${count(uniqueFirst.size, 'primary key or unique constraint', 'primary key or unique constraints')} as unique indexes beside the other index builds of their tables, each made the constraint once its table's builds are done (ALTER TABLE ... ADD CONSTRAINT ... USING INDEX)`,
      )
    return { psql, encoding: source.encoding, columns, binary, split, uniqueFirst }
  } finally {
    await close(db)
  }
}

/** One block range of a split table: part `index` of `of`. */
interface Part {
  range: BlockRange
  index: number
  of: number
}

/** Copies one table's data, or one part of it (in the snapshot), into the target; returns the bytes streamed. */
async function copyTable(
  job: DirectCopy,
  table: TableInfo,
  progress: Progress,
  via: CopyVia | undefined,
  part?: Part,
): Promise<Copied> {
  const name = displayName(table.schema, table.name)
  const transfer = progress.begin(
    part ? `${name} (${describeRange(part.range)})` : name,
    part ? table.bytes / part.of : table.bytes,
  )
  try {
    const stream = via ? await copyWithPsql(job, table, via, transfer, part) : undefined
    if (!via) await dumpAndRestore(job, table, transfer)
    if (part)
      job.tools.logger.info(
        `Copied part ${part.index} of ${part.of} of ${name} (${describeRange(part.range)})`,
      )
    return { bytes: transfer.bytes, stream }
  } finally {
    progress.end(transfer)
  }
}

/**
 * COPY TO STDOUT in the snapshot, piped into TRUNCATE and COPY FROM STDIN WITH (FREEZE) in one
 * transaction. An extension's configuration table already holds the rows its extension's script
 * inserted (CREATE EXTENSION ran in pre-data): it is neither truncated nor frozen, and only the
 * rows the extension's condition keeps are copied, read the way pg_dump reads them
 * (`COPY (SELECT columns FROM table <condition>) TO STDOUT`). A part of a split table reads its
 * block range the same way and is loaded beside the other parts, so it neither truncates nor
 * freezes (FREEZE needs the table created or truncated in the loading transaction, and only one
 * transaction can do that; https://www.postgresql.org/docs/current/sql-copy.html).
 */
async function copyWithPsql(
  job: DirectCopy,
  table: TableInfo,
  via: CopyVia,
  transfer: Transfer,
  part?: Part,
): Promise<Copied['stream']> {
  const name = displayName(table.schema, table.name)
  const relation = qualified(table.schema, table.name)
  const stored = via.columns.get(table.oid)
  const columns = stored?.list
  const list = columns === undefined ? '' : ` (${columns})`
  const binary = via.binary.has(table.oid)
  const copy = `COPY ${relation}${list}`
  const condition = part ? rangeCondition(part.range) : table.filter
  const copyOut = `${
    condition ? `COPY (SELECT ${columns ?? '*'} FROM ${part ? 'ONLY ' : ''}${relation} ${condition})` : copy
  } TO STDOUT${binary ? ' (FORMAT binary)' : ''}`
  const into = table.viaRoot
    ? // Through the root of its tree (see partitions.ts), which routes each row to the partition
      // it belongs in on the target: no TRUNCATE (other partitions' loads may have put rows in
      // this one already) and no FREEZE (which a partitioned table does not take).
      `COPY ${qualified(table.viaRoot.schema, table.viaRoot.name)}${list}`
    : copy
  const freeze = !table.viaRoot && !table.extension && !part
  const options = [...(binary ? ['FORMAT binary'] : []), ...(freeze ? ['FREEZE'] : [])]
  const copyIn = [
    'BEGIN',
    ...(freeze ? [`TRUNCATE ONLY ${relation}`] : []),
    `${into} FROM STDIN${options.length > 0 ? ` WITH (${options.join(', ')})` : ''}`,
    'COMMIT',
  ]
  // Row-level security is left to the SQL checksums, which know how to count under FORCE (verify.ts).
  const hash =
    job.streamChecksums && binary && freeze && stored && !table.rowSecurity ? createHash('sha256') : undefined
  const rows = hash && new BinaryCopyRows()
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
      hash?.update(chunk)
      rows?.update(chunk)
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
  return hash && rows && stored
    ? { checksum: `sha256:${hash.digest('hex')}`, rows: streamRows(rows, name), columns: stored }
    : undefined
}

/** The rows `counter` found in the COPY stream of `name`; an error if the stream was not well formed. */
function streamRows(counter: BinaryCopyRows, name: string): number {
  try {
    return counter.end()
  } catch (error) {
    throw new Error(`Counting the rows of ${name} in its COPY stream: ${(error as Error).message}.`, {
      cause: error,
    })
  }
}

/** The target's side of a stream checksum: the checksum, or why there is none, and the rows. */
interface ReadBack {
  checksum: string
  rows: number
}

/** Session settings for reading a table back in the order its load wrote it: from block 0, whatever else scans it. */
const READ_BACK_SETTINGS =
  '-c synchronize_seqscans=off -c row_security=off -c statement_timeout=0 -c lock_timeout=0'

/**
 * The target's side of `StreamChecksums`: the table read back with the source's column list in
 * the binary format, hashed and its rows counted. A table with more stored columns than the
 * source's gets no match (the extra column would not show in the stream), its rows counted by
 * SQL; one missing a column fails the read.
 */
async function readBack(
  job: DirectCopy,
  via: CopyVia,
  db: Db,
  table: TableInfo,
  stream: NonNullable<Copied['stream']>,
): Promise<ReadBack> {
  const name = displayName(table.schema, table.name)
  if ((await storedColumnCount(db, table.schema, table.name)) !== stream.columns.count)
    return { checksum: 'other columns on the target', rows: await countRows(db, table.schema, table.name) }
  const started = Date.now()
  const hash = createHash('sha256')
  const rows = new BinaryCopyRows()
  const out = startPsql(
    job.tools,
    via.psql,
    job.target,
    [
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      `COPY ${qualified(table.schema, table.name)} (${stream.columns.list}) TO STDOUT (FORMAT binary)`,
    ],
    { options: READ_BACK_SETTINGS, encoding: via.encoding, pipeStdout: true },
  )
  out.stdout.on('data', (chunk: Buffer) => {
    hash.update(chunk)
    rows.update(chunk)
  })
  const result = await out.done
  if (result.exitCode !== 0) throw new RestoreFailure(`Reading back the data of ${name}`, psqlErrors(result))
  job.tools.logger.info(`Read back ${name} for its checksum in ${formatDuration(Date.now() - started)}`)
  return { checksum: `sha256:${hash.digest('hex')}`, rows: streamRows(rows, name) }
}

/**
 * Runs one statement of db-migrate's own on the target through psql, in the session pg_restore
 * gives the statements of a dump (no timeouts, an empty search_path, the default tablespace: its
 * _doSetFixedOutputState and _selectTablespace, src/bin/pg_dump/pg_backup_archiver.c). The
 * server's error is sorted as pg_restore's are (classify.ts): a failure throws, an error the
 * user chose to ignore is a warning and returns false. `options` are session settings that the
 * user's own PGOPTIONS override, as for pg_restore.
 */
async function runSql(
  job: DirectCopy,
  psql: string,
  what: string,
  statement: string,
  options: string | undefined,
  warnings: RestoreError[],
): Promise<boolean> {
  const settings = [
    "SET search_path = ''",
    "SET default_tablespace = ''",
    'SET statement_timeout = 0',
    'SET lock_timeout = 0',
    'SET client_min_messages = warning',
  ]
  // startPsql puts the user's PGOPTIONS first: repeated after ours, theirs win.
  const ordered = [options, process.env.PGOPTIONS].filter(Boolean).join(' ') || undefined
  const result = await startPsql(job.tools, psql, job.target, [...settings, statement], { options: ordered })
    .done
  if (result.cancelled) throw new ProcessError(result)
  if (result.exitCode === 0) return true
  const errors = psqlErrors(result).map((error) => ({ ...error, command: statement }))
  warnings.push(...sortRestoreErrors(job.tools, what, errors))
  return false
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
    restore(job.tools, job.target, `Copying the data of ${name}`, ['--data-only', '--exit-on-error'], {
      stdin: dump.stdout as Readable,
    }),
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

  /** Post-data tasks, after those waiting, or with `first` before them. */
  addPost(tasks: Task[], first = false): void {
    if (first) this.post.unshift(...tasks)
    else this.post.push(...tasks)
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
