import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { linkedController } from '../common/cancel'
import { errorMessage, UserError } from '../common/errors'
import { ApplyFailure, applyStrategy } from './apply'
import type { CopyResult } from './copy'
import { close, connect, type Db } from './db'
import type { S3Location } from '../common/inputs'
import { decide, toolContext, type Run } from './run'
import { findClient, freeDisk, observeSource, observeTarget } from './observe'
import type { SourceFacts } from './plan'
import { downloadFile, uploadFile } from './s3'
import { parseToc } from './toc'
import { dumpToFile, listToc, restore, selectionArgs } from './tools'
import { checkFrom, restoreInTransaction } from './transaction'
import type { DatabaseUrl } from './url'
import { compare, measure, type Measurement } from './verify'

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
  tables: Array<{ schema: string; name: string }>
  objectTables: Array<{ schema: string; name: string }>
  schemas?: string[]
  measurement?: Measurement
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
    await phases.phase('dump', 'Dump', async () => {
      await dumpToFile(tools, source, [
        `--snapshot=${state.snapshot}`,
        '--format=custom',
        `--file=${file}`,
        ...selectionArgs(inputs.selection),
      ])
      const dataEntries = parseToc(await listToc(tools, file)).filter((e) => e.desc === 'TABLE DATA').length
      const withData = state.tables.filter((t) => t.hasData).length
      if (withData > 0 && dataEntries === 0)
        throw new Error(
          `The dump holds no table data although the source has ${withData} tables with data; it is not a usable backup.`,
        )
      report.copy = { tables: [], bytes: readFileSync(file).byteLength, warnings: [] }
      logger.info(`Dumped ${dataEntries} tables' data to ${file}`)
    })
    const tables = state.tables.filter((t) => t.hasData).map(({ schema, name }) => ({ schema, name }))
    const objectTables = state.tables.map(({ schema, name }) => ({ schema, name }))
    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      source: state.facts,
      level: inputs.verify,
      tables,
      objectTables,
      schemas: state.schemas,
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
      const targetState = await observeTarget(db, target)
      report.target = targetState.facts
      const client = await findClient(undefined, logger)
      report.clientVersion = client.version
      const dump = await fetchDump(run)
      if (dump.manifest) report.source = dump.manifest.source
      else
        logger.warning(
          'The dump has no manifest beside it, so the restore can be checked only by pg_restore itself.',
        )
      const toc = parseToc(await listToc(toolContext(run, client), dump.file))
      return { targetState, tools: toolContext(run, client), dump, toc }
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
  const { tools, dump } = observed
  const level = manifest?.level === 'checksums' && inputs.verify === 'checksums' ? 'checksums' : 'counts'
  // The transaction strategy checks the manifest's values inside the transaction, before its commit.
  const check =
    decided.strategy === 'transaction' && inputs.verify !== 'none' && manifest?.measurement
      ? checkFrom(level, manifest.tables, manifest.measurement, {
          objectTables: manifest.objectTables,
          schemas: manifest.schemas,
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
            })
            return { tables: [], bytes, warnings: result.warnings }
          }
          const result = await restore(tools, into, 'Restoring the dump', [
            '--jobs',
            String(inputs.jobs),
            dump.file,
          ])
          return { tables: [], bytes, warnings: result.warnings }
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
  report.dumpUri = inputs.s3?.uri ?? inputs.dumpFile
}
