import { accessSync, constants, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { UserError } from '../common/errors'
import { sha256OfFile } from '../common/s3'
import { formatDuration } from '../common/log'
import { count } from '../common/plural'
import { sourceOwners } from './access'
import { close, connect, databaseProperties, type Db } from './db'
import type { BackupInputs } from './inputs'
import { decide } from './decide'
import { toolContext, type Run } from './run'
import { findClient, freeDisk, observeSource } from './observe'
import { countedTables } from './partitions'
import { formatBytes, tablesOf } from './plan'
import { logDone, logFacts, recordedRows } from './report'
import { checkWritable, uploadFile } from './s3'
import { parseToc } from './toc'
import { dumpToFile, listToc } from './tools'
import { measureSource } from './verify'
import { MANIFEST_FORMAT, manifestLocation, manifestOf, type Manifest } from './manifest'

/**
 * Mode backup, top to bottom: pre-flight (where the dump goes, then the source, read-only, in one
 * exported snapshot), the plan, the dump, the manifest of what the source held in that snapshot,
 * the upload, and the closing line; main.ts reports.
 */
export async function runBackup(run: Run<BackupInputs>): Promise<void> {
  const { inputs, report, phases, logger, signal } = run
  const { source } = inputs
  let db: Db | undefined
  try {
    const observed = await phases.phase('pre-flight', 'Pre-flight', async () => {
      db = await connect(source, { logger, signal })
      const client = await findClient(
        Number((await db.query('SHOW server_version_num')).rows[0].server_version_num),
        logger,
      )
      report.clientVersion = client.version
      await checkDestination(run)
      const tools = toolContext(run, client)
      const state = await observeSource(db, source, inputs, tools, run.workDir)
      report.source = state.facts
      logFacts(report, logger)
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
    const dumped = await phases.phase('dump', 'Dump', async () => {
      const started = Date.now()
      logger.info(
        `Dumping the data of ${count(tablesOf(state.facts), 'table')} (${formatBytes(state.facts.dataBytes)}) in snapshot ${state.snapshot} to ${file}`,
      )
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
      const bytes = statSync(file).size
      report.copy = { tables: [], bytes, warnings: [] }
      logger.info(
        `Dumped the data of ${count(dataEntries, 'table')} in ${formatDuration(Date.now() - started)}: ${formatBytes(bytes)} written`,
      )
      return { toc: parseToc(await listToc(tools, file)), sha256: await sha256OfFile(file, signal) }
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
      format: MANIFEST_FORMAT,
      createdAt: new Date().toISOString(),
      dumpSha256: dumped.sha256,
      source: state.facts,
      level: inputs.verify,
      tables,
      objectTables,
      schemas: state.schemas,
      relations: state.relations,
      owners: await sourceOwners(state.db, dumped.toc),
      database: await databaseProperties(state.db, source.database),
    }
    if (inputs.verify !== 'none') {
      manifest.measurement = await phases.phase(
        'measure',
        `Record ${inputs.verify} of the source`,
        async () => {
          const recorded = await measureSource(source, state, {
            tables,
            level: inputs.verify,
            jobs: inputs.jobs,
            logger,
            signal,
          })
          const rows = recordedRows(recorded)
          logger.info(
            `Recorded ${inputs.verify === 'checksums' ? 'the row counts and checksums' : 'the row counts'} of ${count(rows.tables, 'table')} (${count(rows.rows, 'row')}), the values of ${count(recorded.sequences.length, 'sequence')} and the object counts`,
          )
          return recorded
        },
      )
      report.recorded = manifest.measurement
    } else {
      phases.skip('measure', 'verify: none')
    }
    writeFileSync(manifestOf(file), JSON.stringify(manifest, null, 2))
    logger.info(`Wrote the manifest ${manifestOf(file)}`)
    report.dumpUri = inputs.dumpFile
    if (inputs.s3 && inputs.aws) {
      const s3 = inputs.s3
      const aws = inputs.aws
      await phases.phase('upload', `Upload to ${s3.uri}`, async () => {
        const started = Date.now()
        const sha = await uploadFile(file, s3, aws, signal)
        await uploadFile(manifestOf(file), manifestLocation(s3), aws, signal)
        logger.info(
          `Uploaded ${s3.uri} (${formatBytes(report.copy?.bytes ?? 0)} in ${formatDuration(Date.now() - started)}; SHA-256 ${sha}, checked after the upload) and its manifest ${manifestLocation(s3).uri}`,
        )
      })
      report.dumpUri = s3.uri
    }
    logDone(report, logger, `backed up to ${report.dumpUri}`)
  } finally {
    await close(db)
  }
}

/**
 * Where the dump goes, checked before anything is dumped: a large database must not fail at the
 * upload hours later. The folder of `dump-file` must exist and be writable; the S3 bucket must
 * exist and take the dump and its manifest (see `checkWritable`, which writes nothing).
 */
async function checkDestination(run: Run<BackupInputs>): Promise<void> {
  const { inputs, logger, signal } = run
  if (inputs.dumpFile) {
    const folder = dirname(inputs.dumpFile)
    try {
      accessSync(folder, constants.W_OK)
    } catch {
      throw new UserError(
        `The folder ${folder} of input 'dump-file' does not exist or is not writable; create it or correct 'dump-file'.`,
      )
    }
  }
  if (inputs.s3 && inputs.aws) {
    await checkWritable([inputs.s3, manifestLocation(inputs.s3)], inputs.aws, signal)
    logger.info(
      `Bucket ${inputs.s3.bucket} takes the dump and its manifest (checked by starting and aborting a multipart upload: nothing was written)`,
    )
  }
}
