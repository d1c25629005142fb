import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { linkedController } from '../common/cancel'
import { errorMessage, UserError } from '../common/errors'
import { archiveAcl, carryAccess, planAccess, sourceOwners, targetRoles, type OwnedObject } from './access'
import { ApplyFailure, applyStrategy } from './apply'
import type { CopyResult } from './copy'
import { close, connect, databaseProperties, type DatabaseProperties, type Db } from './db'
import type { S3Location } from '../common/inputs'
import { decide, toolContext, type Run } from './run'
import { findClient, freeDisk, observeSource, observeTarget } from './observe'
import { countedTables } from './partitions'
import type { SourceFacts } from './plan'
import { warnNotCarried } from './report'
import { downloadFile, uploadFile } from './s3'
import { parseToc } from './toc'
import { dumpToFile, listToc, restore } from './tools'
import { checkFrom, restoreInTransaction } from './transaction'
import type { DatabaseUrl } from './url'
import { compare, measure, type CountedTable, type Measurement, type Relation } from './verify'

/**
 * Backup writes a custom-format dump taken in one exported snapshot, and beside it a manifest
 * of what the source held in that snapshot (per-table counts or checksums, sequences, object
 * counts); restore replays the dump with the same strategies as copy and verifies the target
 * against that manifest.
 */
export interface Manifest {
  format: 1
  createdAt: string
  source: SourceFacts
  level: Run['inputs']['verify']
  /** The tables counted (see `countedTables`; `tree` and `routed` are absent from older manifests). */
  tables: CountedTable[]
  objectTables: Array<{ schema: string; name: string }>
  schemas?: string[]
  measurement?: Measurement
  /** The relations the dump creates, which verification looks for on the target. */
  relations?: Relation[]
  /** The owners of the dump's objects on the source (the archive's ACL entries hold the grants). */
  owners?: OwnedObject[]
  /** The source database's comment and settings, which a dump without --create leaves out. */
  database?: DatabaseProperties
}

const manifestOf = (path: string): string => `${path}.manifest.json`
const manifestLocation = (s3: S3Location): S3Location => ({
  ...s3,
  key: `${s3.key}.manifest.json`,
  uri: `${s3.uri}.manifest.json`,
})

export async function runBackup(run: Run): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  const source = inputs.source as DatabaseUrl
  let db: Db | undefined
  try {
    const observed = await phases.phase('pre-flight', 'Pre-flight', async () => {
      db = await connect(source, { logger, signal })
      const client = await findClient(
        Number((await db.query('SHOW server_version_num')).rows[0].server_version_num),
        logger,
      )
      report.clientVersion = client.version
      const tools = toolContext(run, client)
      const state = await observeSource(db, source, inputs, tools, run.workDir)
      report.source = state.facts
      return { tools, state }
    })
    const file = inputs.dumpFile ?? join(run.workDir, 'backup.dump')
    await decide(run, {
      mode: 'backup',
      source: observed.state.facts,
      freeDiskBytes: freeDisk(join(file, '..')),
      clientVersion: observed.tools.client.version,
    })
    if (inputs.dryRun) {
      logger.info('Dry run: nothing was written.')
      phases.skip('dump', 'dry run')
      return
    }
    const { state, tools } = observed
    const toc = await phases.phase('dump', 'Dump', async () => {
      await dumpToFile(tools, source, [
        `--snapshot=${state.snapshot}`,
        '--format=custom',
        `--file=${file}`,
        ...state.dumpArgs,
      ])
      const dataEntries = parseToc(await listToc(tools, file)).filter((e) => e.desc === 'TABLE DATA').length
      const withData = state.tables.filter((t) => t.hasData).length
      if (withData > 0 && dataEntries === 0)
        throw new Error(
          `The dump holds no table data although the source has ${withData} tables with data; it is not a usable backup.`,
        )
      report.copy = { tables: [], bytes: readFileSync(file).byteLength, warnings: [] }
      logger.info(`Dumped ${dataEntries} tables' data to ${file}`)
      return parseToc(await listToc(tools, file))
    })
    // Whole tables, as the restore counts them (an extension's condition is not applied).
    const tables = countedTables(state.tables).map(({ schema, name, tree, routed }) => ({
      schema,
      name,
      ...(tree ? { tree } : {}),
      ...(routed ? { routed } : {}),
    }))
    const objectTables = state.tables.map(({ schema, name }) => ({ schema, name }))
    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      source: state.facts,
      level: inputs.verify,
      tables,
      objectTables,
      schemas: state.schemas,
      relations: state.relations,
      owners: await sourceOwners(state.db, toc),
      database: await databaseProperties(state.db, source.database),
    }
    if (inputs.verify !== 'none') {
      manifest.measurement = await phases.phase(
        'measure',
        `Record ${inputs.verify} of the source`,
        async () => {
          const measured = await measure({
            url: source,
            snapshot: state.snapshot,
            tables,
            objectTables,
            schemas: state.schemas,
            relations: state.relations,
            level: inputs.verify,
            jobs: inputs.jobs,
            logger,
            signal,
          })
          return { ...measured, sequences: state.sequences }
        },
      )
    }
    writeFileSync(manifestOf(file), JSON.stringify(manifest, null, 2))
    report.dumpUri = inputs.dumpFile
    if (inputs.s3 && inputs.aws) {
      const s3 = inputs.s3
      const aws = inputs.aws
      await phases.phase('upload', `Upload to ${s3.uri}`, async () => {
        const sha = await uploadFile(file, s3, aws, signal)
        await uploadFile(manifestOf(file), manifestLocation(s3), aws, signal)
        logger.info(`Uploaded ${s3.uri} (SHA-256 ${sha}, checked after upload) and its manifest`)
      })
      report.dumpUri = s3.uri
    }
  } finally {
    await close(db)
  }
}

/** Brings the dump (and its manifest, if any) to a local file. */
async function fetchDump(run: Run): Promise<{ file: string; manifest?: Manifest }> {
  const { inputs, signal } = run
  let file = inputs.dumpFile as string
  let manifestFile = manifestOf(file)
  if (inputs.s3 && inputs.aws) {
    file = join(run.workDir, 'restore.dump')
    manifestFile = manifestOf(file)
    await downloadFile(inputs.s3, file, inputs.aws, signal)
    await downloadFile(manifestLocation(inputs.s3), manifestFile, inputs.aws, signal, true)
  } else if (!existsSync(file)) {
    throw new UserError(`The dump file ${file} does not exist; check 'dump-file'.`)
  }
  if (!existsSync(manifestFile)) return { file }
  try {
    return { file, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest }
  } catch (error) {
    throw new UserError(
      `The manifest ${manifestFile} beside the dump is not valid JSON (${errorMessage(error)}); remove it or take the backup again.`,
    )
  }
}

export async function runRestore(run: Run): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  const target = inputs.target as DatabaseUrl
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
      // The extensions the dump creates (its EXTENSION entries' tags) do not make the target non-empty.
      const extensions = toc.filter((e) => e.desc === 'EXTENSION').map((e) => e.rest.split(' ')[1])
      const targetState = await observeTarget(db, target, extensions)
      report.target = targetState.facts
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
          const result = await restore(tools, into, 'Restoring the dump', [
            '--jobs',
            String(inputs.jobs),
            dump.file,
          ])
          const notCarried = await carryAccess(into, access, { logger, signal })
          return { tables: [], bytes, warnings: result.warnings, notCarried }
        }),
      verify: async (into) => {
        if (inputs.verify === 'none' || !manifest?.measurement) {
          phases.skip('verify', manifest ? 'verify: none' : 'no manifest')
          return
        }
        await phases.phase('verify', `Verify against the manifest (${manifest.level})`, async () => {
          const measured = await measure({
            url: into,
            tables: manifest.tables,
            objectTables: manifest.objectTables,
            schemas: manifest.schemas,
            relations: manifest.relations,
            level,
            jobs: inputs.jobs,
            logger,
            signal,
          })
          const verification = compare(level, manifest.measurement as Measurement, measured)
          report.verification = verification
          if (verification.failures.length > 0)
            throw new Error(`Verification failed: ${verification.failures.slice(0, 3).join(' ')}`)
        })
      },
      database: manifest?.database,
    },
    logger,
    signal,
  ).catch((error: unknown) => {
    if (error instanceof ApplyFailure) report.targetState = error.state
    throw error
  })
  report.copy = outcome.result
  report.warnings = outcome.result.warnings
  report.targetState = outcome.state
  report.properties = outcome.properties
  report.notCarried = [...access.notCarried, ...(outcome.result.notCarried ?? [])]
  if (!manifest?.database)
    report.properties.notCarried.push(
      "comment and settings: the dump has no manifest, and a dump taken without pg_dump's --create holds neither",
    )
  report.dumpUri = inputs.s3?.uri ?? inputs.dumpFile
  warnNotCarried(report, logger)
}
