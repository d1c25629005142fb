import { UserError } from '../common/errors'
import type { S3Location } from '../common/inputs'
import {
  S3Transfer,
  SHA256_METADATA,
  type DeclaredDigest,
  type FileDigest,
  type ObjectInfo,
} from '../common/s3'
import { RELEASE_VERSION } from '../common/version'
import { DOCUMENT, Input } from './constants'
import { healthCheckDisplay, type Inputs, type Target } from './inputs'
import { buildScript } from './script'

/**
 * The plan: every change the run makes, decided from the inputs and what observe read, by a
 * pure function (no I/O), so that every refusal and every decision is unit-tested. A refusal is
 * a UserError thrown here, before the first mutating call.
 */

/** What observe read, read-only. */
export interface ObservedState {
  /** The file's size and checksums (publishing only). */
  digest?: FileDigest | DeclaredDigest
  /** HeadObject of `<prefix>/<version>/<name>`. */
  object?: ObjectInfo
  /** The body of `<object>.sha256`, when the object exists already. */
  checksumText?: string
  /** The pointer's body and ETag before this run; undefined when there is none yet. */
  pointer?: { text: string; etag: string }
  /** HeadObject of the previous version's release (direct mode, for its SHA-256). */
  previousObject?: ObjectInfo
  /** The managed instances that were checked (ids given, or matched by the targets). */
  instances: Array<{ InstanceId?: string; PingStatus?: string }>
}

export type CommandTargets =
  /** One SendCommand per batch of at most 50 ids, sent one after the other. */
  | { kind: 'ids'; batches: string[][] }
  /** One SendCommand with Targets: SSM does the fan-out. */
  | { kind: 'targets'; targets: Target[] }

export interface RestartPlan {
  targets: CommandTargets
  /** Instance ids known when planning (the ids, or what the targets matched then). */
  instances: string[]
  /** Instances the targets matched that were not Online when planning. */
  offline: string[]
  script: string
  /** The same restart for the previous version; undefined when there is none to go back to. */
  rollbackScript?: string
}

export interface Plan {
  version: string
  /** What the pointer named before this run (trimmed), undefined when there was no pointer. */
  previousVersion?: string
  /** The pointer's exact body before this run, written back on rollback. */
  previousPointerText?: string
  object: S3Location
  checksumObject: S3Location
  pointer: S3Location
  sha256: string
  size?: number
  /** No file given: the pointer moves to an existing release and the instances restart. */
  rollbackEntry: boolean
  upload: boolean
  /** Why nothing is uploaded, when it is not. */
  uploadNote?: string
  writeChecksum: boolean
  /** The `sha256sum`-format body of the checksum object. */
  checksumBody: string
  movePointer: boolean
  /** The pointer is written only while it still has this ETag; undefined: only while absent. */
  pointerEtag?: string
  restart?: RestartPlan
  metadata: Record<string, string>
}

export function locationOf(bucket: string, key: string): S3Location {
  return { uri: `s3://${bucket}/${key}`, bucket, key }
}

export function objectKey(inputs: Pick<Inputs, 'prefix' | 'binaryName'>, version: string): string {
  return `${inputs.prefix}/${version}/${inputs.binaryName}`
}

export function plan(inputs: Inputs, state: ObservedState): Plan {
  const object = locationOf(inputs.bucket, objectKey(inputs, inputs.version))
  const checksumObject = locationOf(inputs.bucket, `${object.key}.sha256`)
  const pointer = locationOf(inputs.bucket, inputs.pointerKey)
  const rollbackEntry = inputs.file === undefined
  const previousVersion = state.pointer?.text.trim() || undefined

  let sha256: string
  let upload = false
  let uploadNote: string | undefined
  if (rollbackEntry) {
    if (!state.object)
      throw new UserError(
        `Input '${Input.version}' names ${inputs.version}, but there is no release at ${object.uri}; give the version of a release published before (the pointer names ${previousVersion ?? 'nothing yet'}).`,
      )
    sha256 = state.object.metadata[SHA256_METADATA] ?? ''
    uploadNote = `the release ${inputs.version} exists already (rollback to it)`
  } else {
    const digest = state.digest
    if (!digest) throw new Error('The file was not read before planning.')
    sha256 = digest.sha256
    const same = S3Transfer.compare(state.object, digest)
    if (same === 'different')
      throw new UserError(
        `${object.uri} already holds a different binary for ${inputs.version} (SHA-256 ${state.object?.metadata[SHA256_METADATA] ?? 'unknown'}, ${state.object?.size} bytes; the file's is ${digest.sha256}, ${digest.size} bytes); a release is immutable: publish under a new '${Input.version}'.`,
      )
    upload = same === 'absent'
    if (!upload) uploadNote = `${object.uri} holds this very file already`
  }
  const checksumBody = sha256 ? `${sha256}  ${inputs.binaryName}\n` : ''
  const writeChecksum = !rollbackEntry && state.checksumText !== checksumBody

  if (inputs.installMode === 'direct' && !sha256)
    throw new UserError(
      `The release ${object.uri} has no SHA-256 in its metadata, which '${Input.installMode}: direct' checks on each instance; publish it again under a new version with this action.`,
    )

  const movePointer = previousVersion !== inputs.version
  const restart =
    inputs.fleet.kind === 'none' ? undefined : planRestart(inputs, state, object, sha256, previousVersion)

  return {
    version: inputs.version,
    previousVersion,
    previousPointerText: state.pointer?.text,
    object,
    checksumObject,
    pointer,
    sha256,
    size: state.digest?.size ?? state.object?.size,
    rollbackEntry,
    upload,
    uploadNote,
    writeChecksum,
    checksumBody,
    movePointer,
    pointerEtag: state.pointer?.etag,
    restart,
    metadata: metadataOf(inputs),
  }
}

function metadataOf(inputs: Inputs): Record<string, string> {
  const metadata: Record<string, string> = { version: inputs.version }
  if (inputs.origin.commit) metadata.commit = inputs.origin.commit
  if (inputs.origin.runUrl) metadata['run-url'] = inputs.origin.runUrl
  return metadata
}

function planRestart(
  inputs: Inputs,
  state: ObservedState,
  object: { uri: string },
  sha256: string,
  previousVersion: string | undefined,
): RestartPlan {
  const fleet = inputs.fleet
  const described = new Map(state.instances.map((i) => [i.InstanceId ?? '', i.PingStatus ?? 'unknown']))
  let targets: CommandTargets
  let instances: string[]
  let offline: string[] = []
  if (fleet.kind === 'ids') {
    const missing = fleet.ids.filter((id) => !described.has(id))
    if (missing.length)
      throw new UserError(
        `${listText(missing)} ${missing.length === 1 ? 'is' : 'are'} not registered with SSM in ${inputs.aws.region} (no SSM Agent, or no instance profile allowing it); nothing was changed.`,
      )
    const notOnline = fleet.ids.filter((id) => described.get(id) !== 'Online')
    if (notOnline.length)
      throw new UserError(
        `${listText(notOnline.map((id) => `${id} (${described.get(id)})`))} ${notOnline.length === 1 ? 'is' : 'are'} not Online in SSM, so ${notOnline.length === 1 ? 'it' : 'they'} would miss the restart; nothing was changed.`,
      )
    targets = { kind: 'ids', batches: chunkIds(fleet.ids) }
    instances = fleet.ids
  } else {
    if (fleet.kind !== 'targets') throw new Error('unreachable')
    instances = [...described.keys()]
    const online = instances.filter((id) => described.get(id) === 'Online')
    const what = fleet.targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' and ')
    if (instances.length === 0)
      throw new UserError(
        `No SSM managed instance in ${inputs.aws.region} matches ${what}; nothing was changed.`,
      )
    if (online.length === 0)
      throw new UserError(
        `None of the ${instances.length} instances matching ${what} is Online in SSM (${listText(instances.map((id) => `${id} ${described.get(id)}`))}); nothing was changed.`,
      )
    offline = instances.filter((id) => described.get(id) !== 'Online')
    targets = { kind: 'targets', targets: fleet.targets }
  }
  const common = {
    mode: inputs.installMode,
    binaryName: inputs.binaryName,
    region: inputs.aws.region,
    service: inputs.service,
    commands: inputs.commands,
    healthCheck: inputs.healthCheck,
    healthCheckTimeoutSeconds: inputs.healthCheckTimeoutSeconds,
  }
  const script = buildScript({ ...common, version: inputs.version, objectUri: object.uri, sha256 })
  const canRollBack =
    previousVersion !== undefined &&
    previousVersion !== inputs.version &&
    RELEASE_VERSION.test(previousVersion)
  const rollbackScript = canRollBack
    ? buildScript({
        ...common,
        version: previousVersion,
        objectUri: `s3://${inputs.bucket}/${objectKey(inputs, previousVersion)}`,
        sha256: state.previousObject?.metadata[SHA256_METADATA] ?? '',
      })
    : undefined
  return { targets, instances, offline, script, rollbackScript }
}

function chunkIds(ids: string[]): string[][] {
  const out: string[][] = []
  for (let i = 0; i < ids.length; i += 50) out.push(ids.slice(i, i + 50))
  return out
}

/** `a`, `a and b`, `a, b and c`; at most 5 named, then `and N more`. */
export function listText(items: string[], max = 5): string {
  if (items.length <= 1) return items.join('')
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** SendCommand's parameters for one batch (or the targets), with the script to run. */
export function commandInput(
  inputs: Inputs,
  script: string,
  to: { InstanceIds: string[] } | { Targets: Target[] },
  comment: string,
  rates: { maxConcurrency: string; maxErrors: string } = inputs,
): Record<string, unknown> & { DocumentName: string } {
  return {
    DocumentName: DOCUMENT,
    ...to,
    Comment: comment.slice(0, 100),
    Parameters: {
      commands: [script],
      ...(inputs.workingDirectory ? { workingDirectory: [inputs.workingDirectory] } : {}),
      executionTimeout: [String(inputs.executionTimeoutSeconds)],
    },
    TimeoutSeconds: inputs.deliveryTimeoutSeconds,
    MaxConcurrency: rates.maxConcurrency,
    MaxErrors: rates.maxErrors,
    ...(inputs.output
      ? {
          OutputS3BucketName: inputs.output.bucket,
          ...(inputs.output.prefix ? { OutputS3KeyPrefix: inputs.output.prefix } : {}),
        }
      : {}),
  }
}

/**
 * The rates of a rollback's restart: every changed instance gets it whatever the others do
 * (MaxErrors 100%: the instance that failed the deploy is among them and may fail again, and
 * SSM would otherwise stop the rollback and leave the rest on the new version, "Terminated"),
 * as many at once as the deploy restarted (a percentage of the deploy's instances, turned into
 * their number, since the rollback goes to fewer).
 */
export function rollbackRates(
  inputs: Pick<Inputs, 'maxConcurrency'>,
  deployed: number,
): { maxConcurrency: string; maxErrors: string } {
  const percent = /^(\d+)%$/.exec(inputs.maxConcurrency)
  const maxConcurrency = percent
    ? String(Math.max(1, Math.ceil((Number(percent[1]) * Math.max(1, deployed)) / 100)))
    : inputs.maxConcurrency
  return { maxConcurrency, maxErrors: '100%' }
}

/** The plan in readable lines, for the log. */
export function describePlan(inputs: Inputs, p: Plan): string[] {
  const lines: string[] = []
  const size = p.size === undefined ? '' : ` (${p.size} bytes)`
  lines.push(`Release ${p.version}: ${p.object.uri}${size}, SHA-256 ${p.sha256 || 'unknown'}`)
  lines.push(
    p.upload
      ? `- upload ${inputs.file} to ${p.object.uri}, then ${p.checksumObject.uri}`
      : `- upload nothing: ${p.uploadNote}`,
  )
  if (!p.upload && p.writeChecksum) lines.push(`- write ${p.checksumObject.uri}`)
  lines.push(
    p.movePointer
      ? `- move ${p.pointer.uri} from ${p.previousVersion ?? '(none)'} to ${p.version} (only if nobody moved it since it was read)`
      : `- leave ${p.pointer.uri}: it names ${p.version} already`,
  )
  const r = p.restart
  if (!r) {
    lines.push('- restart nothing (no instance-ids or targets)')
    return lines
  }
  const to =
    r.targets.kind === 'ids'
      ? `${r.instances.length} instance${r.instances.length === 1 ? '' : 's'} (${listText(r.instances)})${r.targets.batches.length > 1 ? ` in ${r.targets.batches.length} commands of at most 50, one after the other` : ''}`
      : `the instances matching ${r.targets.targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' and ')} (${r.instances.length} now)`
  const what = inputs.commands !== undefined ? 'the given commands' : `systemctl restart ${inputs.service}`
  lines.push(
    `- ${inputs.installMode === 'direct' ? `install under ${inputs.workingDirectory}/releases/${p.version}, switch ${inputs.workingDirectory}/current, ` : ''}run ${what} on ${to} through SSM ${DOCUMENT}, max-concurrency ${inputs.maxConcurrency}, max-errors ${inputs.maxErrors}`,
  )
  if (inputs.healthCheck)
    lines.push(
      `- health check on each instance: ${healthCheckDisplay(inputs.healthCheck)} (retried for ${inputs.healthCheckTimeoutSeconds}s)`,
    )
  if (r.offline.length) lines.push(`- not Online now, SSM may not reach them: ${listText(r.offline)}`)
  lines.push(
    !inputs.wait
      ? '- do not wait for the command'
      : !inputs.rollback
        ? '- wait for every instance; no rollback on failure'
        : r.rollbackScript
          ? `- on failure: move the pointer back to ${p.previousVersion} and restart the changed instances on it`
          : `- on failure: no previous version to roll back to`,
  )
  return lines
}
