import { availableParallelism } from 'node:os'
import { getMaxAttemptsInput, resolveRegion, type AwsSettings } from '../common/aws'
import { UserError } from '../common/errors'
import {
  getBooleanInput,
  getDurationInput,
  getEnumInput,
  getIntInput,
  getListInput,
  getOptionalInput,
  getS3UriInput,
  getSecretInput,
  type S3Location,
} from '../common/inputs'
import { parseDatabaseUrl, type DatabaseUrl } from './url'

/** Input and output names, defined once. */
export const INPUT = {
  sourceUrl: 'source-url',
  targetUrl: 'target-url',
  mode: 'mode',
  jobs: 'jobs',
  schemas: 'schemas',
  excludeSchemas: 'exclude-schemas',
  tables: 'tables',
  excludeTables: 'exclude-tables',
  excludeTableData: 'exclude-table-data',
  noOwner: 'no-owner',
  noPrivileges: 'no-privileges',
  clean: 'clean',
  strategy: 'strategy',
  verify: 'verify',
  dumpFile: 'dump-file',
  s3Uri: 's3-uri',
  region: 'region',
  maxAttempts: 'max-attempts',
  ignoreErrors: 'ignore-errors',
  timeout: 'timeout',
  dryRun: 'dry-run',
} as const

export const OUTPUT = {
  tables: 'tables',
  rows: 'rows',
  bytes: 'bytes',
  duration: 'duration',
  verification: 'verification',
  dumpUri: 'dump-uri',
  targetState: 'target-state',
} as const

export const MODES = ['copy', 'backup', 'restore'] as const
export const STRATEGIES = ['auto', 'direct', 'transaction', 'swap'] as const
export const VERIFY_LEVELS = ['counts', 'checksums', 'none'] as const

export type Mode = (typeof MODES)[number]
export type Strategy = (typeof STRATEGIES)[number]
export type VerifyLevel = (typeof VERIFY_LEVELS)[number]

/** What pg_dump selects: its -n / -N / -t / -T / --exclude-table-data patterns. */
export interface Selection {
  schemas: string[]
  excludeSchemas: string[]
  tables: string[]
  excludeTables: string[]
  excludeTableData: string[]
}

/** What every mode reads. */
interface CommonInputs {
  jobs: number
  selection: Selection
  noOwner: boolean
  noPrivileges: boolean
  clean: boolean
  strategy: Strategy
  verify: VerifyLevel
  ignoreErrors: RegExp[]
  timeoutMs: number
  dryRun: boolean
}

/** Where a backup goes, or the dump a restore reads: a file, an S3 object (with the AWS settings to reach it), or both for a backup. */
interface DumpPlace {
  dumpFile?: string
  s3?: S3Location
  aws?: AwsSettings
}

export interface CopyInputs extends CommonInputs {
  mode: 'copy'
  source: DatabaseUrl
  target: DatabaseUrl
}

export interface BackupInputs extends CommonInputs, DumpPlace {
  mode: 'backup'
  source: DatabaseUrl
}

export interface RestoreInputs extends CommonInputs, DumpPlace {
  mode: 'restore'
  target: DatabaseUrl
}

/** The inputs, typed per mode: each mode has exactly the databases and dump places it uses. */
export type Inputs = CopyInputs | BackupInputs | RestoreInputs

/** Reads and validates every input once; any problem is one sentence, before any connection. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const mode = getEnumInput(INPUT.mode, MODES, 'copy')
  const source = readUrl(INPUT.sourceUrl, 'source', mode !== 'restore')
  const target = readUrl(INPUT.targetUrl, 'target', mode !== 'backup')
  const dumpFile = getOptionalInput(INPUT.dumpFile)
  const s3 = getS3UriInput(INPUT.s3Uri, { example: 's3://my-backups/prod/app.dump' })
  checkModeInputs(mode, { source, target, dumpFile, s3 })
  if (source && target && sameDatabase(source, target)) {
    throw new UserError(
      `Inputs 'source-url' and 'target-url' name the same database (${source.display}); point 'target-url' at another database.`,
    )
  }
  const common: CommonInputs = {
    jobs: getIntInput(INPUT.jobs, { min: 1, max: 64, default: Math.min(64, availableParallelism()) }),
    selection: {
      schemas: getListInput(INPUT.schemas),
      excludeSchemas: getListInput(INPUT.excludeSchemas),
      tables: getListInput(INPUT.tables),
      excludeTables: getListInput(INPUT.excludeTables),
      excludeTableData: getListInput(INPUT.excludeTableData),
    },
    noOwner: getBooleanInput(INPUT.noOwner, false),
    noPrivileges: getBooleanInput(INPUT.noPrivileges, false),
    clean: getBooleanInput(INPUT.clean, false),
    strategy: getEnumInput(INPUT.strategy, STRATEGIES, 'auto'),
    verify: getEnumInput(INPUT.verify, VERIFY_LEVELS, 'counts'),
    ignoreErrors: getListInput(INPUT.ignoreErrors).map(parsePattern),
    timeoutMs: getDurationInput(INPUT.timeout, '6h', { min: 10_000 }),
    dryRun: getBooleanInput(INPUT.dryRun, false),
  }
  if (mode === 'restore') checkNoSelection(common.selection)
  const place: DumpPlace = { dumpFile, s3, aws: s3 ? readAws(env) : undefined }
  // checkModeInputs and readUrl have made sure each mode has the databases it needs.
  if (mode === 'copy') return { mode, source: source!, target: target!, ...common }
  if (mode === 'backup') return { mode, source: source!, ...common, ...place }
  return { mode, target: target!, ...common, ...place }
}

function readUrl(name: string, side: 'source' | 'target', needed: boolean): DatabaseUrl | undefined {
  const text = getSecretInput(name)
  if (text === undefined) {
    if (needed) throw new UserError(`Input '${name}' is required in this mode but was not provided.`)
    return undefined
  }
  return parseDatabaseUrl(name, side, text)
}

interface ModeInputs {
  source?: DatabaseUrl
  target?: DatabaseUrl
  dumpFile?: string
  s3?: S3Location
}

function checkModeInputs(mode: Mode, given: ModeInputs): void {
  const unused = (name: string, why: string): UserError =>
    new UserError(`Input '${name}' is not used with mode '${mode}'; ${why}.`)
  if (mode === 'copy') {
    if (given.dumpFile)
      throw unused(INPUT.dumpFile, 'copy streams from server to server; use mode backup to keep a dump')
    if (given.s3)
      throw unused(INPUT.s3Uri, 'copy streams from server to server; use mode backup to keep a dump')
  }
  if (mode === 'backup' && given.target) throw unused(INPUT.targetUrl, 'backup only reads the source')
  if (mode === 'restore' && given.source)
    throw unused(INPUT.sourceUrl, 'restore reads the dump, not a server')
  if (mode === 'backup' && !given.dumpFile && !given.s3) {
    throw new UserError(`Mode 'backup' needs 'dump-file', 's3-uri' or both, to say where the dump goes.`)
  }
  if (mode === 'restore' && (given.dumpFile ? 1 : 0) + (given.s3 ? 1 : 0) !== 1) {
    throw new UserError(
      `Mode 'restore' needs exactly one of 'dump-file' and 's3-uri', to say which dump to restore.`,
    )
  }
}

/**
 * Restore replays the whole dump (mode-restore.ts never narrows pg_restore): a selection given to
 * it would be ignored, and with `clean` the objects outside it would be overwritten all the same.
 */
function checkNoSelection(selection: Selection): void {
  const given: Array<[string, string[]]> = [
    [INPUT.schemas, selection.schemas],
    [INPUT.excludeSchemas, selection.excludeSchemas],
    [INPUT.tables, selection.tables],
    [INPUT.excludeTables, selection.excludeTables],
    [INPUT.excludeTableData, selection.excludeTableData],
  ]
  const name = given.find(([, values]) => values.length > 0)?.[0]
  if (name)
    throw new UserError(
      `Input '${name}' is not used with mode 'restore', which restores the whole dump; to restore only a part, back up only that part (set '${name}' on the backup) and restore that dump.`,
    )
}

function sameDatabase(a: DatabaseUrl, b: DatabaseUrl): boolean {
  return a.host === b.host && a.port === b.port && a.database === b.database
}

/** A regular expression for `ignore-errors`, matched case-insensitively against pg_restore's error text. */
export function parsePattern(text: string): RegExp {
  try {
    return new RegExp(text, 'i')
  } catch (error) {
    throw new UserError(
      `Input 'ignore-errors' holds an invalid regular expression ${JSON.stringify(text)}: ${(error as Error).message}.`,
    )
  }
}

function readAws(env: NodeJS.ProcessEnv): AwsSettings {
  return {
    region: resolveRegion(getOptionalInput(INPUT.region), env),
    maxAttempts: getMaxAttemptsInput(INPUT.maxAttempts),
    action: 'db-migrate',
  }
}
