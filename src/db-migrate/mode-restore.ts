import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { linkedController } from '../common/cancel'
import { errorMessage, UserError } from '../common/errors'
import { formatDuration } from '../common/log'
import { count } from '../common/plural'
import { sha256OfFile } from '../common/s3'
import { archiveAcl, carryAccess, planAccess, targetRoles } from './access'
import { applyStrategy } from './apply'
import type { RestoreError } from './classify'
import type { CopyResult } from './copy'
import { close, connect, largeObjectCount } from './db'
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
import { MANIFEST_FORMAT, manifestLocation, manifestOf, type Manifest } from './manifest'
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
      await checkManifest(run, dump)
      if (dump.manifest) report.source = dump.manifest.source
      else
        logger.warning(
          "The dump has no manifest beside it and 'verify' is none, so the restore is checked only by pg_restore itself.",
        )
      const toc = parseToc(await listToc(tools, dump.file))
      report.dumpTables = toc.filter((e) => e.desc === 'TABLE DATA').length
      // The extensions the dump creates (its EXTENSION entries' tags) do not make the target non-empty.
      const extensions = toc.filter((e) => e.desc === 'EXTENSION').map((e) => e.rest.split(' ')[1])
      const targetState = await observeTarget(db, target, extensions)
      const targetLargeObjects = await largeObjectCount(db)
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
      return { targetState, targetLargeObjects, tools, dump, toc, access }
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
  // The manifest's measurement, with the large objects the dump holds where they can be counted.
  const largeObjects = expectedLargeObjects(run, observed, decided.strategy)
  const expected: Measurement | undefined = manifest?.measurement && {
    ...manifest.measurement,
    objects: {
      ...manifest.measurement.objects,
      ...(largeObjects === undefined ? {} : { largeObjects }),
    },
  }
  // The transaction strategy checks the manifest's values inside the transaction, before its commit.
  const check =
    decided.strategy === 'transaction' && inputs.verify !== 'none' && manifest && expected
      ? checkFrom(level, manifest.tables, expected, {
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
          return { tables: [], bytes, warnings }
        }),
      access: async (into) => {
        const notCarried = await carryAccess(into, access, { logger, signal })
        if (access.sql) logger.info('Carried the owners and privileges the target has roles for')
        return notCarried
      },
      verify: async (into) => {
        if (inputs.verify === 'none' || !manifest || !expected) {
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
            rowHash: expected.rowHash ?? 'md5',
            largeObjects: largeObjects !== undefined,
            jobs: inputs.jobs,
            logger,
            signal,
          })
          recordVerification(report, compare(level, expected, measured), logger)
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
 * The large objects the restored database must hold: as many as the dump holds, which is the
 * source's count in the backup's snapshot (the manifest's `source.largeObjects`) when the dump
 * has large object entries, and none when it has not (pg_dump leaves them out of a dump of
 * selected schemas or tables). Undefined where it cannot be counted: the target held large
 * objects before, and restoring in place (`clean`) unlinks only the dump's own, so those others
 * stay beside them.
 */
function expectedLargeObjects(
  run: Run<RestoreInputs>,
  observed: { toc: TocEntry[]; targetLargeObjects: number; dump: { manifest?: Manifest } },
  strategy: string | undefined,
): number | undefined {
  const { manifest } = observed.dump
  if (!manifest?.measurement) return undefined
  if (observed.targetLargeObjects > 0 && strategy !== 'swap') {
    run.logger.info(
      `The large objects are not verified: ${run.inputs.target.database} held ${count(observed.targetLargeObjects, 'large object')} before the restore, which stay beside the dump's`,
    )
    return undefined
  }
  const inDump = observed.toc.some((e) => LARGE_OBJECT_ENTRIES.has(e.desc))
  return inDump ? manifest.source.largeObjects : 0
}

/** The TOC entries of large objects: BLOB and BLOBS up to PostgreSQL 16's pg_dump, BLOB METADATA from 17. */
const LARGE_OBJECT_ENTRIES = new Set(['BLOB', 'BLOBS', 'BLOB METADATA'])

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

interface FetchedDump {
  file: string
  /** Where the dump was read from, as the user named it: the s3:// URI or the dump-file path. */
  place: string
  manifest?: Manifest
  /** The manifest's local file, read or not. */
  manifestFile: string
  /** The dump's SHA-256 (hex), when the download computed it. */
  sha256?: string
}

/**
 * Before anything is restored: a restore that is to be verified needs a manifest recording what
 * to verify against, and a manifest that records its dump's SHA-256 (format 3) must be that
 * dump's, so that a dump is never verified against another dump's manifest.
 */
async function checkManifest(run: Run<RestoreInputs>, dump: FetchedDump): Promise<void> {
  const { inputs, logger, signal } = run
  const { manifest } = dump
  if (inputs.verify !== 'none' && !manifest)
    throw new UserError(
      `The dump ${dump.place} has no manifest beside it (${basename(dump.manifestFile)}), so the restore could not be verified with verify: ${inputs.verify}; restore it beside the manifest its backup wrote, or set 'verify: none' to restore it unverified.`,
    )
  if (inputs.verify !== 'none' && manifest && !manifest.measurement)
    throw new UserError(
      `The manifest of the dump ${dump.place} records nothing to verify against (its backup ran with verify: none), so the restore could not be verified with verify: ${inputs.verify}; set 'verify: none' to restore it unverified.`,
    )
  if (!manifest) return
  if (manifest.dumpSha256 === undefined) {
    logger.info(
      `The manifest (format ${manifest.format}) records no SHA-256 of its dump, so whether it belongs to this dump was not checked`,
    )
    return
  }
  const sha256 = dump.sha256 ?? (await sha256OfFile(dump.file, signal))
  if (sha256 !== manifest.dumpSha256)
    throw new UserError(
      `The dump ${dump.place} is not the one its manifest describes (the dump's SHA-256 is ${sha256}, the manifest records ${manifest.dumpSha256}); put the dump beside the manifest its own backup wrote, or take the backup again.`,
    )
  logger.info(`The dump's SHA-256 ${sha256} is the one its manifest records`)
}

/** Brings the dump (and its manifest, if any) to a local file; a download is its own phase on the timeline. */
async function fetchDump(run: Run<RestoreInputs>): Promise<FetchedDump> {
  const { inputs, logger, signal } = run
  let file = inputs.dumpFile as string
  let manifestFile = manifestOf(file)
  let sha256: string | undefined
  const place = inputs.s3?.uri ?? file
  if (inputs.s3 && inputs.aws) {
    const s3 = inputs.s3
    const aws = inputs.aws
    file = join(run.workDir, 'restore.dump')
    manifestFile = manifestOf(file)
    await run.phases.untitled('download', async () => {
      logger.info(`Downloading ${s3.uri}`)
      const started = Date.now()
      const got = (await downloadFile(s3, file, aws, signal)) as Downloaded
      sha256 = got.sha256
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
  if (!existsSync(manifestFile)) return { file, place, manifestFile, sha256 }
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest
  } catch (error) {
    throw new UserError(
      `The manifest ${manifestFile} beside the dump is not valid JSON (${errorMessage(error)}); remove it or take the backup again.`,
    )
  }
  if (!Number.isInteger(manifest.format) || manifest.format < 1 || manifest.format > MANIFEST_FORMAT)
    throw new UserError(
      `The manifest ${manifestFile} beside the dump has format ${JSON.stringify(manifest.format)}, which this db-migrate does not read (formats 1 to ${MANIFEST_FORMAT}); restore it with the db-migrate version that took the backup, or a newer one.`,
    )
  const recorded = manifest.measurement ? recordedRows(manifest.measurement) : undefined
  logger.info(
    `The manifest describes ${manifest.source.display} (PostgreSQL ${manifest.source.version}) at ${manifest.createdAt}: ${count(tablesOf(manifest.source), 'table')}${recorded ? `, ${count(recorded.rows, 'row')}, ${manifest.level === 'checksums' ? 'row counts and checksums' : 'row counts'} recorded` : ', nothing recorded to verify against (backup ran with verify: none)'}`,
  )
  return { file, place, manifest, manifestFile, sha256 }
}
