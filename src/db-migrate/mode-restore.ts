import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { linkedController } from '../common/cancel'
import { errorMessage, UserError } from '../common/errors'
import { formatDuration } from '../common/log'
import { count } from '../common/plural'
import { archiveAcl, carryAccess, planAccess, targetRoles } from './access'
import { applyStrategy } from './apply'
import type { RestoreError } from './classify'
import type { CopyResult } from './copy'
import { close, connect } from './db'
import type { RestoreInputs } from './inputs'
import { decide } from './decide'
import { toolContext, type Run } from './run'
import { findClient, observeTarget } from './observe'
import {
  buildSettings,
  formatBytes,
  restoreMemory,
  tablesOf,
  type SourceFacts,
  type TargetFacts,
} from './plan'
import { logDone, logFacts, recordedRows, recordVerification, recordWrite } from './report'
import { downloadFile, type Downloaded } from './s3'
import { parseToc, tocList, type TocEntry } from './toc'
import { listToc, restore, type ToolContext } from './tools'
import { checkFrom } from './check'
import { restoreInTransaction } from './transaction'
import { compare, measure, type Measurement } from './verify'
import { manifestLocation, manifestOf, type Manifest } from './manifest'
import type { DatabaseUrl } from './url'

/**
 * Mode restore, top to bottom: pre-flight (the target, the dump brought to a local file and its
 * manifest read), the plan, the restore by the plan's strategy, the verification against the
 * manifest, and the closing line; main.ts reports.
 */
export async function runRestore(run: Run<RestoreInputs>): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  const { target } = inputs
  const observed = await phases.phase('pre-flight', 'Pre-flight', async () => {
    const db = await connect(target, { logger, signal })
    try {
      const client = await findClient(undefined, logger)
      report.clientVersion = client.version
      const tools = toolContext(run, client)
      const dump = await fetchDump(run)
      if (dump.manifest) report.source = dump.manifest.source
      else
        logger.warning(
          'The dump has no manifest beside it, so the restore can be checked only by pg_restore itself.',
        )
      const toc = parseToc(await listToc(tools, dump.file))
      report.dumpTables = toc.filter((e) => e.desc === 'TABLE DATA').length
      // The extensions the dump creates (its EXTENSION entries' tags) do not make the target non-empty.
      const extensions = toc.filter((e) => e.desc === 'EXTENSION').map((e) => e.rest.split(' ')[1])
      const targetState = await observeTarget(db, target, extensions)
      report.target = targetState.facts
      logFacts(report, logger)
      const access = planAccess({
        owners: dump.manifest?.owners ?? [],
        ownersKnown: dump.manifest?.owners !== undefined,
        acl: await archiveAcl(tools, dump.file, toc, run.workDir),
        roles: await targetRoles(db),
        noOwner: inputs.noOwner,
        noPrivileges: inputs.noPrivileges,
      })
      report.notCarried = access.notCarried
      return { targetState, tools, dump, toc, access }
    } finally {
      await close(db)
    }
  })
  const manifest = observed.dump.manifest
  const decided = await decide(run, {
    mode: 'restore',
    source: manifest?.source,
    manifestLevel: manifest?.level,
    target: observed.targetState.facts,
    clientVersion: observed.tools.client.version,
  })
  if (inputs.dryRun) {
    logger.info('Dry run: nothing was changed.')
    report.targetState = 'unchanged'
    phases.skip('restore', 'dry run')
    return
  }
  const { tools, dump, access } = observed
  const level = manifest?.level === 'checksums' && inputs.verify === 'checksums' ? 'checksums' : 'counts'
  // The transaction strategy checks the manifest's values inside the transaction, before its commit.
  const check =
    decided.strategy === 'transaction' && inputs.verify !== 'none' && manifest?.measurement
      ? checkFrom(level, manifest.tables, manifest.measurement, {
          objectTables: manifest.objectTables,
          schemas: manifest.schemas,
          relations: manifest.relations,
        })
      : undefined
  const outcome = await applyStrategy(
    decided,
    target,
    {
      write: (into): Promise<CopyResult> =>
        phases.phase('restore', `Restore (${decided.strategy})`, async () => {
          const bytes = statSync(dump.file).size
          if (decided.strategy === 'transaction') {
            logger.info(
              `Restoring the dump (${formatBytes(bytes)}) into ${into.display} in a single transaction${check ? ', verified against the manifest before the commit' : ''}`,
            )
            const result = await restoreInTransaction({
              tools,
              target: into,
              what: 'Restoring the dump in a single transaction',
              clean: inputs.clean,
              archive: dump.file,
              abort: linkedController(signal),
              check,
              access: access.sql,
            })
            return { tables: [], bytes, warnings: result.warnings, notCarried: result.notCarried }
          }
          logger.info(
            `Restoring the dump (${formatBytes(bytes)}) into ${into.display} with pg_restore, ${count(inputs.jobs, 'job')}`,
          )
          const warnings = await restoreDirect(run, tools, into, dump.file, observed.toc, {
            source: manifest?.source,
            target: observed.targetState.facts,
          })
          const notCarried = await carryAccess(into, access, { logger, signal })
          if (access.sql) logger.info('Carried the owners and privileges the target has roles for')
          return { tables: [], bytes, warnings, notCarried }
        }),
      verify: async (into) => {
        if (inputs.verify === 'none' || !manifest?.measurement) {
          phases.skip('verify', manifest ? 'verify: none' : 'no manifest')
          return
        }
        await phases.phase('verify', `Verify against the manifest (${level})`, async () => {
          const measured = await measure({
            url: into,
            tables: manifest.tables,
            objectTables: manifest.objectTables,
            schemas: manifest.schemas,
            relations: manifest.relations,
            level,
            // The checksum the manifest holds: format 1 manifests hold MD5-based ones.
            rowHash: manifest.measurement?.rowHash ?? 'md5',
            jobs: inputs.jobs,
            logger,
            signal,
          })
          recordVerification(report, compare(level, manifest.measurement as Measurement, measured), logger)
        })
      },
      database: manifest?.database,
    },
    logger,
    signal,
  )
  report.dumpUri = inputs.s3?.uri ?? inputs.dumpFile
  recordWrite(
    report,
    outcome,
    access.notCarried,
    logger,
    manifest?.database
      ? []
      : [
          "comment and settings: the dump has no manifest, and a dump taken without pg_dump's --create holds neither",
        ],
  )
  logDone(report, logger, `restored from ${report.dumpUri} into ${target.database}, target ${outcome.state}`)
}

/**
 * pg_restore with `jobs` into the target: in one run, or where `restoreMemory` sizes the index
 * builds, everything but the foreign keys first and then the foreign keys, each run with its
 * own maintenance_work_mem. Returns the warnings met.
 */
async function restoreDirect(
  run: Run<RestoreInputs>,
  tools: ToolContext,
  into: DatabaseUrl,
  file: string,
  toc: TocEntry[],
  facts: { source: SourceFacts | undefined; target: TargetFacts },
): Promise<RestoreError[]> {
  const { inputs, logger } = run
  const jobs = ['--jobs', String(inputs.jobs)]
  const started = Date.now()
  const memory = restoreMemory(facts.source, facts.target)
  if (!memory) {
    const result = await restore(tools, into, 'Restoring the dump', [...jobs, file], {
      options: buildSettings(facts.target),
    })
    logger.info(`Restored the dump in ${formatDuration(Date.now() - started)}`)
    return result.warnings
  }
  const dir = mkdtempSync(join(run.workDir, 'list-'))
  const list = (name: string, entries: TocEntry[]): string => {
    const path = join(dir, name)
    writeFileSync(path, tocList(entries))
    return path
  }
  const keys = toc.filter((e) => e.desc === 'FK CONSTRAINT')
  const rest = toc.filter((e) => e.desc !== 'FK CONSTRAINT')
  const first = await restore(
    tools,
    into,
    'Restoring the dump',
    [...jobs, '--use-list', list('rest.list', rest), file],
    { options: memory.builds },
  )
  if (keys.length === 0) {
    logger.info(`Restored the dump in ${formatDuration(Date.now() - started)}`)
    return first.warnings
  }
  logger.info(
    `Restored all of the dump but its foreign keys in ${formatDuration(Date.now() - started)}; creating ${count(keys.length, 'foreign key')}`,
  )
  const creating = Date.now()
  const second = await restore(
    tools,
    into,
    'Creating the foreign keys',
    [...jobs, '--use-list', list('keys.list', keys), file],
    { options: memory.keys },
  )
  logger.info(`Created ${count(keys.length, 'foreign key')} in ${formatDuration(Date.now() - creating)}`)
  logger.info(`Restored the dump in ${formatDuration(Date.now() - started)}`)
  return [...first.warnings, ...second.warnings]
}

/** Brings the dump (and its manifest, if any) to a local file; a download is its own phase on the timeline. */
async function fetchDump(run: Run<RestoreInputs>): Promise<{ file: string; manifest?: Manifest }> {
  const { inputs, logger, signal } = run
  let file = inputs.dumpFile as string
  let manifestFile = manifestOf(file)
  if (inputs.s3 && inputs.aws) {
    const s3 = inputs.s3
    const aws = inputs.aws
    file = join(run.workDir, 'restore.dump')
    manifestFile = manifestOf(file)
    await run.phases.untitled('download', async () => {
      logger.info(`Downloading ${s3.uri}`)
      const started = Date.now()
      const got = (await downloadFile(s3, file, aws, signal)) as Downloaded
      logger.info(
        `Downloaded ${s3.uri} (${formatBytes(statSync(file).size)} in ${formatDuration(Date.now() - started)}); ${got.checked ? `SHA-256 checked: ${got.sha256}, as recorded at the upload` : `SHA-256 ${got.sha256}, not checked: the object records none (it was not uploaded by db-migrate)`}`,
      )
      const manifest = manifestLocation(s3)
      if (await downloadFile(manifest, manifestFile, aws, signal, true))
        logger.info(`Downloaded its manifest ${manifest.uri}`)
    })
  } else if (!existsSync(file)) {
    throw new UserError(`The dump file ${file} does not exist; check 'dump-file'.`)
  } else {
    logger.info(`Reading the dump ${file} (${formatBytes(statSync(file).size)})`)
  }
  if (!existsSync(manifestFile)) return { file }
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest
  } catch (error) {
    throw new UserError(
      `The manifest ${manifestFile} beside the dump is not valid JSON (${errorMessage(error)}); remove it or take the backup again.`,
    )
  }
  const recorded = manifest.measurement ? recordedRows(manifest.measurement) : undefined
  logger.info(
    `The manifest describes ${manifest.source.display} (PostgreSQL ${manifest.source.version}) at ${manifest.createdAt}: ${count(tablesOf(manifest.source), 'table')}${recorded ? `, ${count(recorded.rows, 'row')}, ${manifest.level === 'checksums' ? 'row counts and checksums' : 'row counts'} recorded` : ', nothing recorded to verify against (backup ran with verify: none)'}`,
  )
  return { file, manifest }
}
