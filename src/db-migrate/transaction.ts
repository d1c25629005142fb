import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Transform, type Readable, type TransformCallback, type Writable } from 'node:stream'
import { cancelledError } from '../common/cancel'
import { errorMessage, UserError } from '../common/errors'
import { debugLogger } from '../common/log'
import { describeExit, ProcessError, spawnProcess, type ProcessResult } from '../common/process'
import { classifyErrors, type RestoreError } from './classify'
import { close, connect, OBJECT_COUNTS_SQL, type ObjectCounts, type SequenceValue } from './db'
import { RestoreFailure, type ToolContext } from './tools'
import { toolSecretEnv, type DatabaseUrl } from './url'
import { displayName } from './toc'
import type { Measurement, Relation } from './verify'

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

/** The values the restored tables must show inside the transaction, taken before it began. */
export interface InTransactionCheck {
  level: 'counts' | 'checksums'
  /**
   * `filter`: an extension configuration table's condition; `tree`: a partitioned table, counted
   * with all its partitions; `routed`: a partition loaded through its root, not compared on its
   * own (see verify.ts and partitions.ts).
   */
  tables: Array<{
    schema: string
    name: string
    rows: number
    checksum?: string
    filter?: string
    tree?: boolean
    routed?: boolean
  }>
  sequences: SequenceValue[]
  objects?: ObjectCounts
  /** The tables whose indexes, constraints and triggers are counted, and the schemas of views and functions. */
  objectTables?: Array<{ schema: string; name: string }>
  schemas?: string[]
  /** Relations that must exist once restored. */
  relations?: Relation[]
}

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

/** An AbortController that also aborts when `parent` does. */

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

// ---------------------------------------------------------------------------------------------
// The SQL run inside the transaction. Every name is embedded as a string literal and turned into
// an identifier by format('%I') inside the server; every number is checked to be one.
// ---------------------------------------------------------------------------------------------

/** A SQL string literal, read the same way whatever standard_conforming_strings says (as quote_literal does). */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw new Error('A name holds a NUL character, which PostgreSQL does not allow.')
  const doubled = text.replace(/'/g, "''")
  return text.includes('\\') ? `E'${doubled.replace(/\\/g, '\\\\')}'` : `'${doubled}'`
}

function integerLiteral(value: unknown, what: string): string {
  const text = typeof value === 'number' ? String(value) : value
  if (
    typeof text !== 'string' ||
    !/^-?\d{1,40}$/.test(text) ||
    (typeof value === 'number' && !Number.isSafeInteger(value))
  ) {
    throw new UserError(`The expected ${what} is not an integer (${JSON.stringify(value)}).`)
  }
  return text
}

const textArray = (values: readonly string[]): string =>
  values.length === 0 ? `'{}'::text[]` : `ARRAY[${values.map(quoteLiteral).join(', ')}]::text[]`

/** A dollar-quote tag no embedded text contains, so no name can end the block early. */
function dollarTag(nonce: string, body: string): string {
  let tag = `$db_migrate_${nonce}$`
  while (body.includes(tag)) tag = `$db_migrate_${randomBytes(6).toString('hex')}$`
  return tag
}

export const MISMATCH_PREFIX = 'db-migrate verification:'
/** How the owners-and-privileges block (access.ts) fails: never a known-harmless error, whatever the cause. */
export const ACCESS_PREFIX = 'db-migrate access:'
/** How that block reports, as a WARNING, an owner the server refused although pre-flight expected it carried. */
export const NOT_CARRIED_PREFIX = 'db-migrate not carried:'

/**
 * A DO block comparing what the transaction holds with the expected values. It raises one error
 * whose message starts with `MISMATCH_PREFIX` and names the first mismatches.
 */
export function verificationBlock(check: InTransactionCheck, nonce: string): string {
  const rows = check.tables.map((t) => {
    const name = displayName(t.schema, t.name)
    return `(${quoteLiteral(t.schema)}, ${quoteLiteral(t.name)}, ${quoteLiteral(name)}, ${integerLiteral(t.rows, `row count of ${name}`)}::numeric, ${
      check.level === 'checksums'
        ? `${integerLiteral(t.checksum, `checksum of ${name}`)}::numeric`
        : 'NULL::numeric'
    }, ${t.filter ? quoteLiteral(t.filter) : 'NULL::text'}, ${t.tree === true}, ${t.routed === true})`
  })
  const sequences = check.sequences.map((s) => {
    const name = displayName(s.schema, s.name)
    return `(${quoteLiteral(s.schema)}, ${quoteLiteral(s.name)}, ${quoteLiteral(name)}, ${integerLiteral(s.lastValue, `value of sequence ${name}`)}::numeric - ${s.isCalled === true ? 0 : 1})`
  })
  const counted = new Set([
    ...check.tables.map((t) => displayName(t.schema, t.name)),
    ...check.sequences.map((s) => displayName(s.schema, s.name)),
  ])
  const relations = (check.relations ?? [])
    .filter((r) => !counted.has(displayName(r.schema, r.name)))
    .map((r) => {
      const kind = r.kind.charAt(0).toUpperCase() + r.kind.slice(1)
      return `(${quoteLiteral(r.schema)}, ${quoteLiteral(r.name)}, ${quoteLiteral(displayName(r.schema, r.name))}, ${quoteLiteral(kind)})`
    })
  const hash =
    check.level === 'checksums'
      ? `coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)::numeric`
      : 'NULL::numeric'
  const select = `SELECT count(*)::numeric, ${hash} FROM`.replace(/'/g, "''")
  const objects = check.objects ? objectChecks(check, check.objects) : ''
  const body = `
DECLARE
  expected record;
  got_rows numeric;
  got_hash numeric;
  seq_at numeric;
  counts record;
  bypass boolean;
  lift boolean;
  failures text[] := '{}';
BEGIN
  -- The row text hashed must print the same on every server.
  PERFORM pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  PERFORM pg_catalog.set_config('IntervalStyle', 'postgres', true);
  PERFORM pg_catalog.set_config('TimeZone', 'UTC', true);
  PERFORM pg_catalog.set_config('extra_float_digits', '1', true);
  PERFORM pg_catalog.set_config('bytea_output', 'hex', true);
  -- A count that a row-level security policy would filter fails instead (see verify.ts); FORCE
  -- ROW LEVEL SECURITY on a table the current user owns is lifted for its count and set again.
  PERFORM pg_catalog.set_config('row_security', 'off', true);
  SELECT r.rolsuper OR r.rolbypassrls INTO bypass FROM pg_catalog.pg_roles r WHERE r.rolname = current_user;
  FOR expected IN SELECT * FROM (VALUES ${rows.length > 0 ? rows.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::numeric, NULL::numeric, NULL::text, false, false)`}) AS v (schema_name, table_name, display_name, row_count, checksum, filter, tree, routed)
                   WHERE schema_name IS NOT NULL LOOP
    IF pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.table_name)) IS NULL THEN
      failures := failures || pg_catalog.format('Table %s is missing on the target.', expected.display_name);
      CONTINUE;
    END IF;
    SELECT c.relrowsecurity AND c.relforcerowsecurity AND pg_catalog.pg_has_role(c.relowner, 'USAGE') AND NOT coalesce(bypass, false)
      INTO lift FROM pg_catalog.pg_class c
     WHERE c.oid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.table_name));
    IF lift THEN
      EXECUTE pg_catalog.format('ALTER TABLE ONLY %I.%I NO FORCE ROW LEVEL SECURITY', expected.schema_name, expected.table_name);
    END IF;
    IF expected.tree THEN
      -- A partitioned table: the rows of all its partitions.
      EXECUTE pg_catalog.format('${select} %I.%I t', expected.schema_name, expected.table_name)
        INTO got_rows, got_hash;
    ELSIF expected.filter IS NULL THEN
      EXECUTE pg_catalog.format('${select} ONLY %I.%I t', expected.schema_name, expected.table_name)
        INTO got_rows, got_hash;
    ELSE
      -- An extension's configuration table: the rows its condition keeps, read as pg_dump reads them.
      EXECUTE pg_catalog.format('${select} (SELECT * FROM %I.%I ', expected.schema_name, expected.table_name) || expected.filter || ') t'
        INTO got_rows, got_hash;
    END IF;
    IF lift THEN
      EXECUTE pg_catalog.format('ALTER TABLE ONLY %I.%I FORCE ROW LEVEL SECURITY', expected.schema_name, expected.table_name);
    END IF;
    IF expected.routed THEN
      -- Loaded through its root: the target's routing placed its rows; its tree is compared.
      CONTINUE;
    ELSIF got_rows <> expected.row_count THEN
      failures := failures || pg_catalog.format('Table %s has %s rows on the target but %s on the source.',
        expected.display_name, got_rows, expected.row_count);
    ELSIF expected.checksum IS NOT NULL AND got_hash IS DISTINCT FROM expected.checksum THEN
      failures := failures || pg_catalog.format('Table %s has the same %s rows count on both sides but different contents (checksum).',
        expected.display_name, got_rows);
    END IF;
  END LOOP;
  FOR expected IN SELECT * FROM (VALUES ${relations.length > 0 ? relations.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::text)`}) AS v (schema_name, relation_name, display_name, kind_name)
                   WHERE schema_name IS NOT NULL LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = expected.schema_name AND c.relname = expected.relation_name) THEN
      failures := failures || pg_catalog.format('%s %s is missing on the target.', expected.kind_name, expected.display_name);
    END IF;
  END LOOP;
  FOR expected IN SELECT * FROM (VALUES ${sequences.length > 0 ? sequences.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::numeric)`}) AS v (schema_name, sequence_name, display_name, position)
                   WHERE schema_name IS NOT NULL LOOP
    IF pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.sequence_name)) IS NULL THEN
      failures := failures || pg_catalog.format('Sequence %s is missing on the target.', expected.display_name);
      CONTINUE;
    END IF;
    EXECUTE pg_catalog.format('SELECT last_value::numeric - CASE WHEN is_called THEN 0 ELSE 1 END FROM %I.%I', expected.schema_name, expected.sequence_name)
      INTO seq_at;
    IF seq_at < expected.position THEN
      failures := failures || pg_catalog.format('Sequence %s is behind the source on the target.', expected.display_name);
    END IF;
  END LOOP;${objects}
  IF pg_catalog.cardinality(failures) > 0 THEN
    RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(`${MISMATCH_PREFIX} `)} || pg_catalog.array_to_string(failures[1:3], ' ')
      || CASE WHEN pg_catalog.cardinality(failures) > 3 THEN pg_catalog.format(' (and %s more)', pg_catalog.cardinality(failures) - 3) ELSE '' END;
  END IF;
END
`
  const tag = dollarTag(nonce, body)
  return `DO ${tag}${body}${tag};\n`
}

/** The kinds of objects counted, a fixed list: they become column names in the block. */
const OBJECT_KINDS = ['tables', 'indexes', 'constraints', 'triggers', 'views', 'functions'] as const

/** The object counts of verify.ts (db.ts's query, run with the same arguments), compared in the block. */
function objectChecks(check: InTransactionCheck, expected: ObjectCounts): string {
  const tables = check.objectTables ?? check.tables
  const kinds = OBJECT_KINDS.filter((k) => expected[k] !== undefined && expected[k] !== null)
  const compares = kinds
    .map(
      (kind) => `
  IF counts.${kind} <> ${integerLiteral(expected[kind], `number of ${kind}`)} THEN
    failures := failures || pg_catalog.format('The target has %s ${kind} where the source has %s.', counts.${kind}, ${integerLiteral(expected[kind], `number of ${kind}`)});
  END IF;`,
    )
    .join('')
  return `
  EXECUTE ${quoteLiteral(OBJECT_COUNTS_SQL)} INTO counts
    USING ${textArray(tables.map((t) => t.schema))}, ${check.schemas ? textArray(check.schemas) : 'NULL::text[]'}, ${textArray(tables.map((t) => t.name))};${compares}`
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

// ---------------------------------------------------------------------------------------------
// Holding back the script's COMMIT.
// ---------------------------------------------------------------------------------------------

const COMMIT_LINE = Buffer.from('\nCOMMIT;\n')
/** How much of the script's end is held back while looking for its COMMIT; only comments follow it. */
const TAIL_BYTES = 64 * 1024

/**
 * Passes pg_restore's script through, except its final `COMMIT;` and what follows it (the closing
 * comment and psql's `\unrestrict` line), kept in `rest`. A script not ending that way (pg_restore
 * stopped early, or was run without --single-transaction) is an error, so it never reaches a commit.
 * Written by hand: the split point must be found in a stream too large to hold.
 */
export class HoldCommit extends Transform {
  private held: Buffer = Buffer.alloc(0)
  /** Everything after the held-back COMMIT, once the stream has ended. */
  rest = ''
  bytes = 0

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length
    this.held = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk])
    if (this.held.length > 2 * TAIL_BYTES) {
      const cut = this.held.length - TAIL_BYTES
      this.push(this.held.subarray(0, cut))
      this.held = this.held.subarray(cut)
    }
    done()
  }

  override _flush(done: TransformCallback): void {
    const at = this.held.lastIndexOf(COMMIT_LINE)
    const after = at < 0 ? '' : this.held.subarray(at + COMMIT_LINE.length).toString('utf8')
    const onlyTrailer = after
      .split('\n')
      .every((line) => line.trim() === '' || line.startsWith('--') || line.startsWith('\\unrestrict '))
    if (at < 0 || !onlyTrailer) {
      done(
        new Error("pg_restore's script does not end with the transaction's COMMIT; nothing was committed."),
      )
      return
    }
    this.push(this.held.subarray(0, at + 1))
    this.rest = after
    this.held = Buffer.alloc(0)
    done()
  }
}

// ---------------------------------------------------------------------------------------------
// psql's stderr.
// ---------------------------------------------------------------------------------------------

export type PsqlMessage =
  { kind: 'error'; message: string; line?: number } | { kind: 'warning'; message: string } | { kind: 'other' }

/** One line of psql's stderr: `psql:<stdin>:12: ERROR:  ...`, `psql: error: ...`, or a continuation. */
export function parsePsqlLine(line: string): PsqlMessage {
  const server = /^psql:.*?:(\d+): (ERROR|FATAL|PANIC|WARNING):\s+(.*)$/.exec(line)
  if (server) {
    return server[2] === 'WARNING'
      ? { kind: 'warning', message: server[3].trim() }
      : { kind: 'error', message: server[3].trim(), line: Number(server[1]) }
  }
  const client = /^psql:(?:.*?:(\d+):)? error: (.*)$/.exec(line)
  if (client)
    return { kind: 'error', message: client[2].trim(), line: client[1] ? Number(client[1]) : undefined }
  return { kind: 'other' }
}

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------

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
  stdin.write(`${job.access ?? ''}${check}${markerStatement(ready, nonce, true)}`)
  const outcome = await Promise.race([readyReached.then(() => 'ready' as const), psqlDone])
  if (outcome !== 'ready') return rollBack(failureError(job.what, failures, outcome))
  if (failures.length > 0) return rollBack(failureError(job.what, failures))
  if (tools.signal.aborted) return rollBack(cancelledError(tools.signal))

  // 3. The commit, then a marker saying it went through.
  phase = 'commit'
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
  return { warnings, scriptBytes: hold.bytes, notCarried }
}

function failureError(what: string, failures: RestoreError[], exit?: ProcessResult): Error {
  const mismatch = failures.find((f) => f.message.startsWith(MISMATCH_PREFIX))
  if (mismatch) {
    return new InTransactionMismatch(
      `Verification inside the transaction failed: ${mismatch.message.slice(MISMATCH_PREFIX.length).trim()}`,
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

/**
 * The check for the given tables from one side's measurement (the source in its snapshot, or a
 * backup's manifest); a table the measurement lacks is refused before anything is written.
 */
export function checkFrom(
  level: InTransactionCheck['level'],
  tables: ReadonlyArray<{ schema: string; name: string; filter?: string; tree?: boolean; routed?: boolean }>,
  measured: Measurement,
  scope: {
    objectTables?: Array<{ schema: string; name: string }>
    schemas?: string[]
    relations?: Relation[]
  },
): InTransactionCheck {
  return {
    level,
    tables: tables.map(({ schema, name, filter, tree, routed }) => {
      const values = measured.tables[displayName(schema, name)]
      if (!values)
        throw new UserError(`The expected values hold nothing for table ${displayName(schema, name)}.`)
      return {
        schema,
        name,
        rows: values.rows,
        checksum: values.checksum,
        ...(filter ? { filter } : {}),
        ...(tree ? { tree } : {}),
        ...(routed ? { routed } : {}),
      }
    }),
    sequences: measured.sequences,
    objects: measured.objects,
    objectTables: scope.objectTables,
    schemas: scope.schemas,
    relations: scope.relations,
  }
}
