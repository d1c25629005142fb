import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ActionContext } from '../common/action'
import { errorMessage } from '../common/errors'
import type { Logger } from '../common/log'
import { redact } from '../common/secrets'
import { Phases } from '../common/phases'
import { archiveAcl, carryAccess, planAccess, sourceOwners, targetRoles, type AccessPlan } from './access'
import { ApplyFailure, applyStrategy, copyDirect, copyInTransaction } from './apply'
import { runBackup, runRestore } from './backup'
import { close, databaseProperties, type Db, type DatabaseProperties } from './db'
import { getInputs } from './inputs'
import { countedTables } from './partitions'
import { connectBoth, findClient, observeSource, observeTarget, type SourceState } from './observe'
import { checkRowSecurity } from './selection'
import type { Plan } from './plan'
import { setOutputs, warnNotCarried, writeSummary, type Report } from './report'
import { parseToc } from './toc'
import { listToc, type ToolContext } from './tools'
import { decide, toolContext, type Run } from './run'
import type { DatabaseUrl } from './url'
import { checkFrom } from './transaction'
import { compare, measure, type Measurement } from './verify'

/**
 * db-migrate: inputs -> observe (pre-flight, read-only) -> plan (pure) -> apply (strategy)
 * -> verify -> report. Copy is written here; backup and restore share the same steps in backup.ts.
 */
export async function main({ signal, logger }: ActionContext): Promise<void> {
  const phases = new Phases()
  const inputs = getInputs()
  const report: Report = { inputs, warnings: [], startedAt: Date.now() }
  const workDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'db-migrate-'))
  try {
    const run = { inputs, report, phases, workDir, logger, signal }
    if (inputs.mode === 'copy') await runCopy(run)
    else if (inputs.mode === 'backup') await runBackup(run)
    else await runRestore(run)
  } catch (error) {
    if (error instanceof ApplyFailure) report.targetState = error.state
    // Anything else ended the run before the write began (pre-flight, plan): the target was not touched.
    else if (inputs.mode !== 'backup' && report.targetState === undefined) report.targetState = 'unchanged'
    report.failure = redact(errorMessage(error))
    throw error
  } finally {
    setOutputs(report)
    await writeSummary(report, phases.timeline, logger)
    rmSync(workDir, { recursive: true, force: true })
  }
}

async function runCopy(run: Run): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  const source = inputs.source as DatabaseUrl
  const target = inputs.target as DatabaseUrl
  let sourceDb: Db | undefined
  let targetDb: Db | undefined
  try {
    const observed = await phases.phase('pre-flight', 'Pre-flight', async () => {
      const dbs = await connectBoth(inputs, logger, signal)
      sourceDb = dbs.source as Db
      targetDb = dbs.target as Db
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
    await applyCopy(run, decided, observed.tools, observed.sourceState, observed.access, observed.database)
  } finally {
    await close(targetDb)
    await close(sourceDb)
  }
}

async function applyCopy(
  run: Run,
  decided: Plan,
  tools: ToolContext,
  state: SourceState,
  access: AccessPlan,
  database: DatabaseProperties | undefined,
): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  const source = inputs.source as DatabaseUrl
  // The transaction strategy verifies before its commit, so the source is measured before it starts.
  const expected =
    decided.strategy === 'transaction' && inputs.verify !== 'none'
      ? await phases.phase('measure', `Measure the source (${inputs.verify})`, () =>
          measureSource(run, state),
        )
      : undefined
  const check = expected
    ? checkFrom(
        inputs.verify === 'checksums' ? 'checksums' : 'counts',
        countedTables(state.tables),
        expected,
        { objectTables: state.tables, schemas: state.schemas, relations: state.relations },
      )
    : undefined
  const outcome = await applyStrategy(
    decided,
    inputs.target as DatabaseUrl,
    {
      write: (into) =>
        phases.phase('restore', `Restore (${decided.strategy})`, () =>
          decided.strategy === 'transaction'
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
                workDir: run.workDir,
              }).then(async (result) => ({
                ...result,
                notCarried: await carryAccess(into, access, { logger, signal }),
              })),
        ),
      verify: (into) => verifyCopy(run, state, into, expected),
      database,
    },
    logger,
    signal,
  )
  report.copy = outcome.result
  report.warnings = outcome.result.warnings
  report.targetState = outcome.state
  report.properties = outcome.properties
  report.notCarried = [...access.notCarried, ...(outcome.result.notCarried ?? [])]
  for (const warning of outcome.result.warnings) logger.warning(`Ignored on this target: ${warning.message}`)
  warnNotCarried(report, logger)
  logger.info(`Done: ${report.source?.selectedTables} tables, target ${outcome.state}.`)
}

/** The source's counts (or checksums), object counts and sequences, read in the snapshot. */
async function measureSource(run: Run, state: SourceState): Promise<Measurement> {
  const { inputs, logger, signal } = run
  const measured = await measure({
    url: inputs.source as DatabaseUrl,
    snapshot: state.snapshot,
    tables: countedTables(state.tables),
    objectTables: state.tables,
    schemas: state.schemas,
    relations: state.relations,
    level: inputs.verify,
    jobs: inputs.jobs,
    logger,
    signal,
  })
  return { ...measured, sequences: state.sequences }
}

/** Compares the target with the source; `expected` is the source measured before the write, if it was. */
async function verifyCopy(
  run: Run,
  state: SourceState,
  into: DatabaseUrl,
  expected?: Measurement,
): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  if (inputs.verify === 'none') {
    phases.skip('verify', 'verify: none')
    return
  }
  await phases.phase('verify', `Verify (${inputs.verify})`, async () => {
    const tables = countedTables(state.tables)
    const common = {
      tables,
      objectTables: state.tables,
      schemas: state.schemas,
      relations: state.relations,
      level: inputs.verify,
      jobs: inputs.jobs,
      logger,
      signal,
    }
    const [sourceSide, targetSide] = await Promise.all([
      expected ?? measureSource(run, state),
      measure({ ...common, url: into }),
    ])
    const verification = compare(inputs.verify, sourceSide, targetSide)
    report.verification = verification
    const ok = Object.values(verification.tables).filter((t) => t.ok).length
    logger.info(
      `${ok} of ${tables.length} tables match; ${verification.objects.map((o) => `${o.kind} ${o.target}/${o.source}`).join(', ')}`,
    )
    if (verification.failures.length > 0) {
      throw new Error(`Verification failed: ${verification.failures.slice(0, 3).join(' ')}`)
    }
  })
}

function logFacts(report: Report, logger: Logger): void {
  const s = report.source
  const t = report.target
  if (s) {
    logger.info(
      `Source ${s.display}: PostgreSQL ${s.version}, ${s.selectedTables} of ${s.allTables} tables selected, extensions: ${s.extensions.map((e) => e.name).join(', ') || 'none'}`,
    )
  }
  if (t)
    logger.info(
      `Target ${t.display}: PostgreSQL ${t.version}, ${t.objectCount === 0 ? 'empty' : `${t.objectCount} objects`}`,
    )
}

function logSchedule(state: SourceState, logger: Logger): void {
  for (const table of state.schedule.data) {
    const after = state.schedule.afterTable.get(table.oid)?.length ?? 0
    logger.info(
      `  data ${table.schema}.${table.name} (~${table.estimatedRows} rows), then ${after} indexes and constraints`,
    )
  }
  logger.info(`  last: ${state.schedule.last.length} foreign keys, triggers and other objects`)
}
