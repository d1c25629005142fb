import { formatDuration, type Logger } from '../common/log'
import { count } from '../common/plural'
import { archiveAcl, carryAccess, planAccess, sourceOwners, targetRoles, type AccessPlan } from './access'
import { applyStrategy } from './apply'
import { copyDirect, copyInTransaction, type CopyResult } from './copy'
import { close, databaseProperties, type Db, type DatabaseProperties } from './db'
import type { CopyInputs } from './inputs'
import { countedTables } from './partitions'
import { connectBoth, findClient, observeSource, observeTarget, type SourceState } from './observe'
import { checkRowSecurity } from './selection'
import { buildSettings, type Plan, type TargetFacts } from './plan'
import { logDone, logFacts, recordedRows, recordVerification, recordWrite } from './report'
import { displayName, parseToc } from './toc'
import { listToc, type ToolContext } from './tools'
import { decide } from './decide'
import { toolContext, type Run } from './run'
import type { DatabaseUrl } from './url'
import { checkFrom } from './check'
import { compare, countRows, measure, measureSource, type Measurement } from './verify'

/**
 * Mode copy, top to bottom: pre-flight (both servers, read-only, the source in one exported
 * snapshot), the plan, the write by the plan's strategy (direct, transaction or swap), the
 * verification against the source's snapshot, and the closing line; main.ts reports.
 */
export async function runCopy(run: Run<CopyInputs>): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  const { source, target } = inputs
  let sourceDb: Db | undefined
  let targetDb: Db | undefined
  try {
    const observed = await phases.phase('pre-flight', 'Pre-flight', async () => {
      const dbs = await connectBoth(inputs, logger, signal)
      sourceDb = dbs.source
      targetDb = dbs.target
      const client = await findClient(
        (await sourceDb.query('SHOW server_version_num')).rows[0].server_version_num,
        logger,
      )
      report.clientVersion = client.version
      const tools = toolContext(run, client)
      const sourceState = await observeSource(sourceDb, source, inputs, tools, run.workDir)
      const targetState = await observeTarget(
        targetDb,
        target,
        sourceState.facts.extensions.map((e) => e.name),
      )
      if (inputs.verify !== 'none') await checkRowSecurity(targetDb, sourceState.tables, inputs.noOwner)
      report.source = sourceState.facts
      report.target = targetState.facts
      logFacts(report, logger)
      const toc = parseToc(await listToc(tools, sourceState.schemaFile))
      const access = planAccess({
        owners: await sourceOwners(sourceDb, toc),
        ownersKnown: true,
        acl: await archiveAcl(tools, sourceState.schemaFile, toc, run.workDir),
        roles: await targetRoles(targetDb),
        noOwner: inputs.noOwner,
        noPrivileges: inputs.noPrivileges,
      })
      report.notCarried = access.notCarried
      const database = await databaseProperties(sourceDb, source.database)
      return { tools, sourceState, targetState, access, database }
    })
    await close(targetDb)
    targetDb = undefined
    const decided = await decide(run, {
      mode: 'copy',
      source: observed.sourceState.facts,
      target: observed.targetState.facts,
      clientVersion: observed.tools.client.version,
    })
    if (inputs.dryRun) {
      logSchedule(observed.sourceState, logger)
      logger.info('Dry run: nothing was changed.')
      report.targetState = 'unchanged'
      phases.skip('restore', 'dry run')
      return
    }
    await applyCopy(
      run,
      decided,
      observed.tools,
      observed.sourceState,
      observed.targetState.facts,
      observed.access,
      observed.database,
    )
  } finally {
    await close(targetDb)
    await close(sourceDb)
  }
}

async function applyCopy(
  run: Run<CopyInputs>,
  decided: Plan,
  tools: ToolContext,
  state: SourceState,
  /** The target server, read in pre-flight. */
  target: TargetFacts,
  access: AccessPlan,
  database: DatabaseProperties | undefined,
): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  const { source } = inputs
  // The transaction strategy verifies before its commit, so the source is measured before it starts.
  const expected =
    decided.strategy === 'transaction' && inputs.verify !== 'none'
      ? await phases.phase('measure', `Measure the source (${inputs.verify})`, async () => {
          const measured = await measureSourceOf(run, state)
          const { tables, rows } = recordedRows(measured)
          logger.info(
            `Measured ${count(tables, 'table')} (${count(rows, 'row')}) and ${count(measured.sequences.length, 'sequence')} in the snapshot, to check inside the transaction`,
          )
          return measured
        })
      : undefined
  const check = expected
    ? checkFrom(
        inputs.verify === 'checksums' ? 'checksums' : 'counts',
        countedTables(state.tables),
        expected,
        { objectTables: state.tables, schemas: state.schemas, relations: state.relations },
      )
    : undefined
  let early: Promise<CountedRows> | undefined
  const outcome = await applyStrategy(
    decided,
    inputs.target,
    {
      write: (into) =>
        phases.phase('restore', `Restore (${decided.strategy})`, async () => {
          try {
            return await write(into)
          } catch (error) {
            // No count left running on a target about to be undone.
            await early?.catch(() => undefined)
            throw error
          }
        }),
      verify: (into, written) => verifyCopy(run, state, into, written, expected, early),
      access: (into) => carryAccess(into, access, { logger, signal }),
      database,
    },
    logger,
    signal,
  )
  recordWrite(report, outcome, access.notCarried, logger)
  logDone(report, logger, `copied into ${inputs.target.database}, target ${outcome.state}`)

  function write(into: DatabaseUrl): Promise<CopyResult> {
    return decided.strategy === 'transaction'
      ? copyInTransaction(
          tools,
          source,
          into,
          state.snapshot,
          state.dumpArgs,
          inputs.clean,
          state.facts.dataBytes,
          check,
          access.sql,
        )
      : copyDirect({
          tools,
          source,
          target: into,
          snapshot: state.snapshot,
          schemaFile: state.schemaFile,
          preData: state.preData,
          schedule: state.schedule,
          jobs: inputs.jobs,
          sequences: state.sequences,
          servers: { source: { major: state.facts.major, encoding: state.encoding }, target },
          workDir: run.workDir,
          streamChecksums: inputs.verify === 'checksums',
          buildSettings: buildSettings(target),
          onTablesComplete:
            inputs.verify !== 'none'
              ? (streamed) => {
                  early = countBothSides(run, state, into, streamed)
                  early.catch(() => undefined)
                }
              : undefined,
        })
  }
}

/** Both sides' rows, counted before the rest of the verification. */
interface CountedRows {
  source: Measurement['tables']
  target: Measurement['tables']
}

/**
 * Verification of a direct or swap copy: once every table is complete (its data in, its indexes
 * and constraints built) its rows no longer change, so both sides are counted then, beside the
 * foreign keys and the rest of post-data (which check the keys of a table one at a time and
 * leave cores idle) rather than after them; verification then reads only objects and sequences.
 * With `verify: checksums`, only the tables without checksums from their COPY streams, counted
 * and hashed by SQL: the others' rows were counted in the same streams (`StreamChecksums`).
 * Half the jobs on each side, so that the builds keep their share.
 */
async function countBothSides(
  run: Run<CopyInputs>,
  state: SourceState,
  into: DatabaseUrl,
  streamed: ReadonlySet<string>,
): Promise<CountedRows> {
  const { inputs, logger, signal } = run
  const started = Date.now()
  const level = inputs.verify === 'checksums' ? 'checksums' : 'counts'
  const tables = countedTables(state.tables).filter((t) => !streamed.has(displayName(t.schema, t.name)))
  if (tables.length === 0) return { source: {}, target: {} }
  const common = { tables, level, jobs: Math.max(1, Math.floor(inputs.jobs / 2)), logger, signal } as const
  const [source, target] = await Promise.all([
    countRows({ ...common, url: inputs.source, snapshot: state.snapshot }),
    countRows({ ...common, url: into }),
  ])
  const took = `in ${formatDuration(Date.now() - started)}, beside the foreign keys and the rest of post-data`
  logger.info(
    level === 'counts'
      ? `Counted the rows of ${count(tables.length, 'table')} on both sides ${took}`
      : `Counted and hashed ${count(tables.length, 'table')} by SQL on both sides ${took}; ${count(streamed.size, 'table')} from ${streamed.size === 1 ? 'its' : 'their'} COPY stream${streamed.size === 1 ? '' : 's'}`,
  )
  return { source, target }
}

/** The source's counts (or checksums, except of `streamed` tables), object counts and sequences, read in the snapshot. */
function measureSourceOf(
  run: Run<CopyInputs>,
  state: SourceState,
  streamed?: ReadonlySet<string>,
  counted?: Measurement['tables'],
): Promise<Measurement> {
  const { inputs, logger, signal } = run
  return measureSource(inputs.source, state, {
    streamed,
    counted,
    level: inputs.verify,
    jobs: inputs.jobs,
    logger,
    signal,
  })
}

/**
 * Compares the target with the source; `expected` is the source measured before the write, if
 * it was. The checksums of tables the write took from their COPY streams (see `StreamChecksums`)
 * are compared with the target's tables read back the same way; every other table's on both
 * sides by SQL.
 */
async function verifyCopy(
  run: Run<CopyInputs>,
  state: SourceState,
  into: DatabaseUrl,
  written: CopyResult,
  expected?: Measurement,
  early?: Promise<CountedRows>,
): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  if (inputs.verify === 'none') {
    phases.skip('verify', 'verify: none')
    return
  }
  await phases.phase('verify', `Verify (${inputs.verify})`, async () => {
    const tables = countedTables(state.tables)
    const streamed = expected ? undefined : written.streamed
    const names = new Set(streamed?.tables.map((t) => displayName(t.schema, t.name)))
    const common = {
      tables,
      streamed: names,
      objectTables: state.tables,
      schemas: state.schemas,
      relations: state.relations,
      level: inputs.verify,
      jobs: inputs.jobs,
      logger,
      signal,
    }
    const counted = await early
    // Rows counted in the COPY streams, beside their checksums (see countBothSides).
    if (counted && streamed)
      for (const table of streamed.tables) {
        const name = displayName(table.schema, table.name)
        counted.source[name] = { rows: table.rows.source }
        counted.target[name] = { rows: table.rows.target }
      }
    const [sourceSide, targetSide] = await Promise.all([
      expected ?? measureSourceOf(run, state, names, counted?.source),
      measure({ ...common, url: into, counted: counted?.target }),
    ])
    for (const table of streamed?.tables ?? []) {
      const name = displayName(table.schema, table.name)
      const [s, t] = [sourceSide.tables[name], targetSide.tables[name]]
      if (s) s.checksum = table.source
      if (t) t.checksum = table.target
    }
    if (streamed)
      logger.info(
        `Checksums of ${count(streamed.tables.length, 'table')} from their COPY streams (SHA-256), each read back from the target the same way once it had landed; of the others by SQL on both sides`,
      )
    recordVerification(report, compare(inputs.verify, sourceSide, targetSide), logger)
  })
}

function logSchedule(state: SourceState, logger: Logger): void {
  for (const table of state.schedule.data) {
    const after = state.schedule.afterTable.get(table.oid)?.length ?? 0
    logger.info(
      `  data of ${displayName(table.schema, table.name)} (~${count(table.estimatedRows, 'row')}), then ${count(after, 'index or constraint', 'indexes and constraints')}`,
    )
  }
  logger.info(
    `  last: ${count(state.schedule.last.length, 'foreign key, trigger or other object', 'foreign keys, triggers and other objects')}`,
  )
}
