import { formatDuration } from '../common/log'
import { markdownTable, type Cell } from '../common/summary'

/**
 * The release record: what one release deployed to one environment, stored beside the binary
 * at `<prefix>/<version>/release-<environment>.json` so that the rollback workflow knows, for
 * every stage, what "the previous release" was. Everything here is pure.
 */

export const FORMAT = 1

/** The job ids of release.yml, each a stage of the record. */
export const STAGES = ['ami', 'database', 'binary', 'ecs', 'cdn'] as const
export type Stage = (typeof STAGES)[number]

/** `toJSON(needs)` of a job: each needed job's result and outputs. */
export type Needs = Record<string, { result?: string; outputs?: Record<string, string> }>

/** One ECS service as ecs-deploy's `services` output lists it. */
export interface EcsService {
  region?: string
  cluster: string
  service: string
  result?: string
  taskDefinitionArn?: string
  previousTaskDefinitionArn?: string
}

/** How deploy-binary restarted the fleet, so that a rollback restarts it the same way. */
export interface Restart {
  targets?: string
  instanceIds?: string
  service?: string
  commands?: string
  healthCheck?: string
  installMode?: string
  workingDirectory?: string
  healthCheckTimeout?: string
  deliveryTimeout?: string
  executionTimeout?: string
  maxConcurrency?: string
  maxErrors?: string
}

export interface StageTimes {
  result: string
  startedAt?: string
  finishedAt?: string
}

export interface ReleaseRecord {
  format: number
  environment: string
  version: string
  previousVersion?: string
  recordedAt: string
  run?: { url?: string; commit?: string }
  stages: {
    ami?: StageTimes & { amiId?: string; amiIds?: Record<string, string>; previousAmiId?: string }
    database?: StageTimes & { dumpUri?: string; verification?: string; rows?: string }
    binary?: StageTimes & {
      bucket: string
      prefix: string
      pointerKey?: string
      objectKey?: string
      binaryName?: string
      sha256?: string
      restart: Restart
    }
    ecs?: StageTimes & { services: EcsService[] }
    cdn?: StageTimes & {
      distributionId?: string
      domain?: string
      invalidationIds?: Record<string, string[]>
      pathsSubmitted?: string
    }
  }
}

/** Where the record of `version` in `environment` lives. */
export function recordKey(prefix: string, version: string, environment: string): string {
  return `${prefix}/${version}/release-${encodeURIComponent(environment)}.json`
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value

function parseJsonOr<T>(text: string | undefined, fallback: T): T {
  if (!nonEmpty(text)) return fallback
  try {
    return JSON.parse(text!) as T
  } catch {
    return fallback
  }
}

function times(job: Needs[string]): StageTimes {
  return {
    result: job.result ?? 'unknown',
    startedAt: nonEmpty(job.outputs?.['started-at']),
    finishedAt: nonEmpty(job.outputs?.['finished-at']),
  }
}

export interface RecordFacts {
  environment: string
  version: string
  needs: Needs
  /** The release workflow's inputs (`toJSON(inputs)`): the restart settings are taken from it. */
  releaseInputs: Record<string, unknown>
  bucket: string
  prefix: string
  recordedAt: string
  run?: { url?: string; commit?: string }
}

/** The record of a release from its jobs' results and outputs; stages that were skipped are left out. */
export function buildRecord(facts: RecordFacts): ReleaseRecord {
  const { needs } = facts
  const ran = (stage: Stage): Needs[string] | undefined => {
    const job = needs[stage]
    return job && job.result !== 'skipped' ? job : undefined
  }
  const input = (name: string): string | undefined => {
    const value = facts.releaseInputs[name]
    return value === undefined || value === null || value === '' ? undefined : String(value)
  }
  const record: ReleaseRecord = {
    format: FORMAT,
    environment: facts.environment,
    version: facts.version,
    recordedAt: facts.recordedAt,
    run: facts.run,
    stages: {},
  }
  const ami = ran('ami')
  if (ami)
    record.stages.ami = {
      ...times(ami),
      amiId: nonEmpty(ami.outputs?.['ami-id']),
      amiIds: parseJsonOr(ami.outputs?.['ami-ids'], undefined),
      previousAmiId: nonEmpty(ami.outputs?.['previous-ami-id']),
    }
  const database = ran('database')
  if (database)
    record.stages.database = {
      ...times(database),
      dumpUri: nonEmpty(database.outputs?.['dump-uri']),
      verification: nonEmpty(database.outputs?.verification),
      rows: nonEmpty(database.outputs?.rows),
    }
  const binary = ran('binary')
  if (binary) {
    const objectKey = nonEmpty(binary.outputs?.['object-key'])
    record.previousVersion = nonEmpty(binary.outputs?.['previous-version'])
    record.stages.binary = {
      ...times(binary),
      bucket: facts.bucket,
      prefix: facts.prefix,
      pointerKey: input('binary-pointer-key'),
      objectKey,
      binaryName: objectKey?.split('/').pop(),
      sha256: nonEmpty(binary.outputs?.sha256),
      restart: {
        targets: input('binary-targets'),
        instanceIds: input('binary-instance-ids'),
        service: input('binary-service'),
        commands: input('binary-commands'),
        healthCheck: input('binary-health-check'),
        installMode: input('binary-install-mode'),
        workingDirectory: input('binary-working-directory'),
        healthCheckTimeout: input('binary-health-check-timeout'),
        deliveryTimeout: input('binary-delivery-timeout'),
        executionTimeout: input('binary-execution-timeout'),
        maxConcurrency: input('binary-max-concurrency'),
        maxErrors: input('binary-max-errors'),
      },
    }
  }
  const ecs = ran('ecs')
  if (ecs)
    record.stages.ecs = { ...times(ecs), services: parseJsonOr<EcsService[]>(ecs.outputs?.services, []) }
  const cdn = ran('cdn')
  if (cdn)
    record.stages.cdn = {
      ...times(cdn),
      distributionId: input('cdn-distribution-id'),
      domain: input('cdn-domain'),
      invalidationIds: parseJsonOr(cdn.outputs?.['invalidation-ids'], undefined),
      pathsSubmitted: nonEmpty(cdn.outputs?.['paths-submitted']),
    }
  return record
}

/**
 * The record to store when `stored` (the record of the same version and environment already in
 * S3, if any) may know the release before better than this run did. A re-run of a release (its
 * "Re-run all jobs", or a run cancelled before deploy-binary read the pointer) finds the pointer
 * already naming its own version, or learns nothing: its previous-version is the version itself
 * or empty, and writing that would leave a rollback to `previous` nowhere to go. Then the stored
 * record's release before is kept.
 */
export function keepPreviousVersion(record: ReleaseRecord, stored: ReleaseRecord | undefined): ReleaseRecord {
  const learned = record.previousVersion !== undefined && record.previousVersion !== record.version
  if (learned) return record
  const before = stored?.previousVersion
  return { ...record, previousVersion: before !== record.version ? before : undefined }
}

/**
 * Why a rollback cannot go to `goal` while `current` is live, or undefined when it can: going to
 * the version live now would change nothing (a record naming its own version as the one before
 * it is what a re-run of a release wrote before keepPreviousVersion).
 */
export function rollbackGoalProblem(
  goal: string,
  current: string | undefined,
  target: string,
): string | undefined {
  if (current === undefined || goal !== current) return undefined
  return target === 'previous'
    ? `The release record of ${current} names ${current} itself as the release before it (a re-run of that release recorded it), so there is no earlier release to go back to; input 'target' must name the version to go back to.`
    : `Input 'target' is ${goal}, the version live now, so a rollback to it would change nothing; name an earlier version.`
}

/** Why a record read back from S3 cannot be used, or undefined when it can. */
export function recordProblem(record: unknown, version: string, environment: string): string | undefined {
  if (typeof record !== 'object' || record === null) return 'it is not a JSON object'
  const r = record as Partial<ReleaseRecord>
  if (r.format !== FORMAT) return `its format is ${String(r.format)}, and this version reads format ${FORMAT}`
  if (r.version !== version) return `it records version ${String(r.version)}`
  if (r.environment !== environment) return `it records environment ${String(r.environment)}`
  if (typeof r.stages !== 'object' || r.stages === null) return 'it has no stages'
  return undefined
}

/**
 * The revision a service ran when the release ended: the new one when ecs-deploy deployed (or,
 * with wait false, updated) it, the one before when it rolled back or never updated it; none
 * when the outcome is unknown (failed without a rollback, cancelled, only planned).
 */
export function liveRevision(s: EcsService): string | undefined {
  if (s.result === 'deployed' || s.result === 'updated') return s.taskDefinitionArn
  if (s.result === 'rolled-back' || s.result === 'not-updated') return s.previousTaskDefinitionArn
  return undefined
}

/** One ecs-deploy run of a rollback: the services of one cluster and region that go back to one revision. */
export interface EcsRollback {
  cluster: string
  region: string
  services: string
  'task-definition': string
}

/**
 * The ecs-deploy runs that put `record`'s services back on its task definitions, one per
 * cluster, region and revision (ecs-deploy deploys one revision to every service it is given),
 * restricted to `only` when given. Services whose live revision is unknown are left out.
 */
export function ecsRollbacks(
  record: ReleaseRecord,
  defaultRegion: string,
  only: string[] = [],
): EcsRollback[] {
  const groups = new Map<string, EcsRollback>()
  for (const s of record.stages.ecs?.services ?? []) {
    const live = liveRevision(s)
    if (!live) continue
    if (only.length > 0 && !only.includes(s.service)) continue
    const region = s.region ?? defaultRegion
    const key = `${s.cluster}\n${region}\n${live}`
    const group = groups.get(key)
    if (group) group.services = `${group.services},${s.service}`
    else
      groups.set(key, {
        cluster: s.cluster,
        region,
        services: s.service,
        'task-definition': live,
      })
  }
  return [...groups.values()]
}

function took(stage: StageTimes | undefined): string | undefined {
  if (!stage?.startedAt || !stage.finishedAt) return undefined
  const ms = Date.parse(stage.finishedAt) - Date.parse(stage.startedAt)
  return Number.isFinite(ms) && ms >= 0 ? formatDuration(ms) : undefined
}

/** The release summary: one row per stage with what it deployed and how long it took. */
export function releaseSummary(record: ReleaseRecord, needs: Needs): string {
  const { stages } = record
  const rows: Cell[][] = []
  const skipped = (stage: Stage): string => (needs[stage]?.result === 'skipped' ? 'skipped' : 'not run')
  const row = (name: Stage, stage: StageTimes | undefined, what: string | undefined): void => {
    rows.push([name, stage ? stage.result : skipped(name), what ?? '', took(stage) ?? ''])
  }
  row(
    'ami',
    stages.ami,
    stages.ami &&
      Object.entries(stages.ami.amiIds ?? (stages.ami.amiId ? { '': stages.ami.amiId } : {}))
        .map(([region, id]) => (region ? `${region}: ${id}` : id))
        .join(', '),
  )
  row(
    'database',
    stages.database,
    stages.database && [stages.database.dumpUri, stages.database.verification].filter(Boolean).join(', '),
  )
  row(
    'binary',
    stages.binary,
    stages.binary &&
      `s3://${stages.binary.bucket}/${stages.binary.objectKey ?? ''} (SHA-256 ${stages.binary.sha256 ?? '?'})`,
  )
  row(
    'ecs',
    stages.ecs,
    stages.ecs?.services.map((s) => `${s.service}: ${s.taskDefinitionArn ?? '?'}`).join(', '),
  )
  row(
    'cdn',
    stages.cdn,
    stages.cdn &&
      Object.entries(stages.cdn.invalidationIds ?? {})
        .map(([id, ids]) => `${id}: ${ids.join(', ')}`)
        .join('; '),
  )
  return markdownTable(['Stage', 'Result', 'Deployed', 'Took'], rows)
}
