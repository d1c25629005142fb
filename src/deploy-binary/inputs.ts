import { RELEASE_VERSION, runUrl } from '../common/version'
import { accessSync, constants, statSync } from 'node:fs'
import { basename, isAbsolute, resolve } from 'node:path'
import * as core from '@actions/core'
import { AWS_LIMITS, getMaxAttemptsInput, resolveRegion, type AwsSettings } from '../common/aws'
import { UserError } from '../common/errors'
import { addUrlSecrets, REDACTED } from '../common/secrets'
import {
  exclusive,
  getBooleanInput,
  getDurationInput,
  getEnumInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  parseBucketName,
} from '../common/inputs'
import { ACTION, Input } from './constants'

export type InstallMode = 'pointer' | 'direct'

/**
 * The health check: a URL fetched on the instance, or a command. A URL's password and secret
 * query values (`token=`, `key=`...) are masked from the first moment: `display` is the form
 * the plan, the log and the summary show; only the script the instance runs gets `url` whole.
 */
export type HealthCheck = { kind: 'url'; url: string; display: string } | { kind: 'command'; command: string }

/** What the log and the summary show of a health check. */
export const healthCheckDisplay = (check: HealthCheck): string =>
  check.kind === 'url' ? check.display : check.command

/** An SSM target (`tag:Role=api`, `tag-key=Role`), handed to SendCommand as it is. */
export interface Target {
  Key: string
  Values: string[]
}

/** Where the restart goes: nowhere (publish only), listed instances, or SSM targets. */
export type Fleet = { kind: 'none' } | { kind: 'ids'; ids: string[] } | { kind: 'targets'; targets: Target[] }

export interface Inputs {
  /** The binary (absolute path); undefined for the rollback entry (an existing release). */
  file?: string
  /** The file's SHA-256 as the caller declared it (hex, lower case): checked while it uploads. */
  sha256?: string
  bucket: string
  /** Key prefix of the releases, without a trailing slash (`releases/app`). */
  prefix: string
  version: string
  /** Whether the version was given as an input (the rollback entry needs that). */
  versionGiven: boolean
  /** The binary's name in the release (`<prefix>/<version>/<binaryName>`). */
  binaryName: string
  pointerKey: string
  fleet: Fleet
  maxConcurrency: string
  maxErrors: string
  service?: string
  /** Replaces the default restart (`systemctl restart <service>`). */
  commands?: string
  healthCheck?: HealthCheck
  healthCheckTimeoutSeconds: number
  workingDirectory?: string
  /** SendCommand's TimeoutSeconds: how long SSM may wait for an instance to pick the command up. */
  deliveryTimeoutSeconds: number
  /** The document's executionTimeout: how long the script may run on an instance. */
  executionTimeoutSeconds: number
  installMode: InstallMode
  wait: boolean
  timeoutMs: number
  rollback: boolean
  /** Whether `rollback` was given, rather than its default (false for the rollback entry). */
  rollbackGiven: boolean
  output?: { bucket: string; prefix?: string }
  dryRun: boolean
  aws: AwsSettings
  /** Who published: recorded in the release's metadata. */
  origin: { commit?: string; runUrl?: string }
}

const SHA256 = /^[0-9a-f]{64}$/
const BINARY_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/
/** S3 key segments the suite writes: letters, digits and `._+-`, separated by `/`, no `.` or `..` segment. */
const KEY_SEGMENT = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$|^\.[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/
/** systemd unit names: letters, digits, `:-_.@` (systemd.unit(5)), optionally with a `.service` suffix. */
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9:_.@-]{0,255}$/
const INSTANCE_ID = /^(?:i-[0-9a-f]{8}(?:[0-9a-f]{9})?|mi-[0-9a-f]{17})$/
/** SendCommand's MaxConcurrency and MaxErrors patterns (botocore ssm service-2.json). */
// SendCommand's MaxConcurrency and MaxErrors, as the SSM service model gives them (patterns, at
// most 7 characters): refused here, before anything is published, not by SendCommand afterwards.
const MAX_CONCURRENCY = /^(?:[1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/
const MAX_ERRORS = /^(?:[1-9][0-9]*|0|[1-9][0-9]%|[0-9]%|100%)$/
const MAX_RATE_LENGTH = 7
/** Absolute paths on the instance: letters, digits and `._@+-` between slashes, no `..`. */
const PATH = /^(?:\/[A-Za-z0-9._@+-]+)+\/?$/
/** SSM target keys (`TargetKey` in the model, as the user guide's "tag:<key>" and "tag-key"). */
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u

export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd()
  const fileText = getOptionalInput(Input.file)
  const file = fileText === undefined ? undefined : checkFile(fileText, workspace)
  const versionText = getOptionalInput(Input.version)
  if (file === undefined && versionText === undefined)
    throw new UserError(
      `Input '${Input.file}' is required to publish a release; to roll back to an existing release instead, set '${Input.version}' to its version and leave '${Input.file}' out.`,
    )
  const region = resolveRegion(getOptionalInput(Input.region), env, Input.region)
  const prefix = parseKey(Input.prefix, getRequiredInput(Input.prefix).replace(/\/+$/, ''))
  const service = parseService(getOptionalInput(Input.service))
  const fleet = parseFleet(getListInput(Input.instanceIds), getOptionalInput(Input.targets))
  const installMode = getEnumInput(Input.installMode, ['pointer', 'direct'] as const, 'pointer')
  const healthCheck = parseHealthCheck(getOptionalInput(Input.healthCheck))
  const healthCheckTimeoutSeconds =
    getDurationInput(Input.healthCheckTimeout, '60s', { min: 1000, max: 3_600_000 }) / 1000
  const executionTimeoutSeconds = Math.ceil(
    getDurationInput(Input.executionTimeout, '10m', { min: 1000, max: 172_800_000 }) / 1000,
  )
  const outputBucketText = getOptionalInput(Input.outputBucket)
  const outputPrefixText = getOptionalInput(Input.outputPrefix)
  const inputs: Inputs = {
    file,
    sha256: parseSha256(getOptionalInput(Input.sha256), file),
    bucket: parseBucketName(Input.bucket, getRequiredInput(Input.bucket)),
    prefix,
    version: parseVersion(versionText ?? defaultVersion(env)),
    versionGiven: versionText !== undefined,
    binaryName: parseBinaryName(getOptionalInput(Input.binaryName), file, service),
    pointerKey: parseKey(Input.pointerKey, getOptionalInput(Input.pointerKey) ?? `${prefix}/latest.txt`),
    fleet,
    maxConcurrency: parseRate(
      Input.maxConcurrency,
      getOptionalInput(Input.maxConcurrency) ?? '25%',
      MAX_CONCURRENCY,
    ),
    maxErrors: parseRate(Input.maxErrors, getOptionalInput(Input.maxErrors) ?? '0', MAX_ERRORS),
    service,
    commands: getOptionalInput(Input.commands),
    healthCheck,
    healthCheckTimeoutSeconds,
    workingDirectory: parsePath(Input.workingDirectory, getOptionalInput(Input.workingDirectory)),
    deliveryTimeoutSeconds: Math.ceil(
      getDurationInput(Input.deliveryTimeout, '10m', { min: 30_000, max: 2_592_000_000 }) / 1000,
    ),
    executionTimeoutSeconds,
    installMode,
    wait: getBooleanInput(Input.wait, true),
    timeoutMs: getDurationInput(Input.timeout, '30m', { min: 10_000, max: 6 * 3_600_000 }),
    // Not for the rollback entry by default: its "previous version" is the release being left.
    rollback: getBooleanInput(Input.rollback, file !== undefined),
    rollbackGiven: getOptionalInput(Input.rollback) !== undefined,
    output:
      outputBucketText === undefined
        ? undefined
        : {
            bucket: parseBucketName(Input.outputBucket, outputBucketText),
            prefix:
              outputPrefixText === undefined
                ? undefined
                : parseKey(Input.outputPrefix, outputPrefixText.replace(/\/+$/, '')),
          },
    dryRun: getBooleanInput(Input.dryRun, false),
    aws: {
      region,
      maxAttempts: getMaxAttemptsInput(Input.maxAttempts),
      action: ACTION,
    },
    origin: {
      commit: env.GITHUB_SHA,
      runUrl: runUrl(env),
    },
  }
  if (outputPrefixText !== undefined && outputBucketText === undefined)
    throw new UserError(
      `Input '${Input.outputPrefix}' is set but '${Input.outputBucket}' is not; set the bucket the command output goes to.`,
    )
  checkCombination(inputs)
  return inputs
}

/** The `sha256` input: 64 hex digits (as `sha256sum` prints them), for a file being published. */
function parseSha256(value: string | undefined, file: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (file === undefined)
    throw new UserError(
      `Input '${Input.sha256}' is the SHA-256 of the file to publish, but '${Input.file}' is not set; leave '${Input.sha256}' out for the rollback entry.`,
    )
  const hex = value.toLowerCase()
  if (!SHA256.test(hex))
    throw new UserError(
      `Input '${Input.sha256}' must be a SHA-256 in hex (64 digits 0-9 and a-f, in either case, as sha256sum prints it), got ${JSON.stringify(value)}.`,
    )
  return hex
}

/** The rules between inputs, once each is valid on its own. */
export function checkCombination(inputs: Inputs): void {
  const restarting = inputs.fleet.kind !== 'none'
  if (restarting && inputs.service === undefined && inputs.commands === undefined)
    throw new UserError(
      `Inputs '${Input.instanceIds}' and '${Input.targets}' need '${Input.service}' (the systemd unit to restart) or '${Input.commands}' (what to run instead).`,
    )
  if (inputs.installMode === 'direct' && !restarting)
    throw new UserError(
      `Input '${Input.installMode}' is direct, which installs the release on instances; set '${Input.instanceIds}' or '${Input.targets}', or use the default pointer mode to publish only.`,
    )
  if (inputs.installMode === 'direct' && inputs.workingDirectory === undefined)
    throw new UserError(
      `Input '${Input.installMode}' is direct, which installs under releases/<version> and switches the symlink 'current' in '${Input.workingDirectory}'; set '${Input.workingDirectory}' (for example /opt/app).`,
    )
  if (restarting && inputs.healthCheck && inputs.healthCheckTimeoutSeconds >= inputs.executionTimeoutSeconds)
    throw new UserError(
      `Input '${Input.healthCheckTimeout}' (${inputs.healthCheckTimeoutSeconds}s) must be shorter than '${Input.executionTimeout}' (${inputs.executionTimeoutSeconds}s), or SSM stops the script before its health check gives up.`,
    )
  if (!restarting) {
    const ignored = [
      inputs.service && Input.service,
      inputs.commands && Input.commands,
      inputs.healthCheck && Input.healthCheck,
      inputs.workingDirectory && Input.workingDirectory,
      inputs.output && Input.outputBucket,
    ].filter(Boolean)
    if (ignored.length)
      core.warning(
        `Inputs ${ignored.map((n) => `'${n}'`).join(', ')} are ignored: no '${Input.instanceIds}' or '${Input.targets}' is set, so nothing is restarted.`,
      )
  } else if (!inputs.wait && inputs.rollback) {
    core.warning(
      `Input '${Input.rollback}' has no effect while '${Input.wait}' is false: the action does not learn whether the restart worked.`,
    )
  }
}

export function checkFile(path: string, workspace: string): string {
  const full = isAbsolute(path) ? path : resolve(workspace, path)
  let why: string | undefined
  try {
    const stat = statSync(full)
    if (!stat.isFile()) why = 'is not a regular file'
    else accessSync(full, constants.R_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`
  }
  if (why)
    throw new UserError(
      `Input '${Input.file}' names ${path}, which ${why}; build the binary before this step, or give its path relative to the workspace.`,
    )
  return full
}

/** The tag name on a tag push, else the short commit sha. */
export function defaultVersion(env: NodeJS.ProcessEnv): string {
  if (env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME) return env.GITHUB_REF_NAME
  if (env.GITHUB_SHA) return env.GITHUB_SHA.slice(0, 7)
  throw new UserError(
    `Input '${Input.version}' is not set and there is neither a tag nor a commit sha to default to; set '${Input.version}' (for example v1.4.2).`,
  )
}

export function parseVersion(value: string): string {
  if (!RELEASE_VERSION.test(value))
    throw new UserError(
      `Input '${Input.version}' must be 1 to 128 letters, digits, '.', '_', '+' and '-', starting with a letter or digit (for example v1.4.2); got ${JSON.stringify(value)}.`,
    )
  return value
}

export function parseBinaryName(
  value: string | undefined,
  file: string | undefined,
  service: string | undefined,
): string {
  const name = value ?? (file !== undefined ? basename(file) : service?.replace(/\.service$/, ''))
  if (name === undefined)
    throw new UserError(
      `Input '${Input.binaryName}' is needed to find the release when no '${Input.file}' is given; set it to the binary's name in the release (for example app).`,
    )
  if (!BINARY_NAME.test(name)) {
    const from =
      value !== undefined ? `Input '${Input.binaryName}'` : `The binary's name (from '${Input.file}')`
    throw new UserError(
      `${from} must be letters, digits, '.', '_', '+' and '-', starting with a letter or digit; got ${JSON.stringify(name)}${value === undefined ? `; set '${Input.binaryName}'` : ''}.`,
    )
  }
  return name
}

/** An S3 key or key prefix of segments of letters, digits and `._+-` (no `.` or `..` segments). */
export function parseKey(name: string, value: string): string {
  const segments = value.split('/')
  if (value.length > 900 || !segments.every((s) => KEY_SEGMENT.test(s)))
    throw new UserError(
      `Input '${name}' must be an S3 key of segments made of letters, digits, '.', '_', '+' and '-', separated by '/' (for example releases/app); got ${JSON.stringify(value)}.`,
    )
  return value
}

export function parseService(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (!SERVICE.test(value))
    throw new UserError(
      `Input '${Input.service}' must be a systemd unit name (letters, digits, ':', '-', '_', '.' and '@'); got ${JSON.stringify(value)}.`,
    )
  return value
}

export function parsePath(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (!PATH.test(value) || value.split('/').some((s) => s === '.' || s === '..'))
    throw new UserError(
      `Input '${name}' must be an absolute path of letters, digits, '.', '_', '@', '+' and '-' without '..' (for example /opt/app); got ${JSON.stringify(value)}.`,
    )
  return value.length > 1 ? value.replace(/\/$/, '') : value
}

export function parseRate(name: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value) || value.length > MAX_RATE_LENGTH)
    throw new UserError(
      `Input '${name}' must be a number of instances (such as 1, at most 7 digits, no leading zero) or a percentage of them (such as 25%); got ${JSON.stringify(value)}.`,
    )
  return value
}

export function parseHealthCheck(value: string | undefined): HealthCheck | undefined {
  if (value === undefined) return undefined
  if (!/^https?:\/\//i.test(value)) return { kind: 'command', command: value }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    url = undefined as unknown as URL
  }
  // Only what a URL may hold: a value with spaces, quotes or control characters is refused, not escaped.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!url || /[\s"'`\\<>]/.test(value) || /[\u0000-\u001f\u007f]/.test(value))
    throw new UserError(
      `Input '${Input.healthCheck}' looks like a URL but is not a valid http(s) URL; got ${JSON.stringify(withoutUserinfo(value))}.`,
    )
  const shown = addUrlSecrets(value)
  return { kind: 'url', url: value, display: shown.includes(REDACTED) ? shown : value }
}

/**
 * A value shown in a refusal without what may be a `user:password@` before its host, nor the
 * values of query parameters whose names say they are secret (as addUrlSecrets masks them in a
 * URL it can take apart: `token=`, `api_key=`, `password=`, ...).
 */
function withoutUserinfo(value: string): string {
  return value
    .replace(/^(https?:\/\/)[^/?#]*@/i, `$1${REDACTED}@`)
    .replace(/([?&][^=&#]*(?:pass|secret|token|key)[^=&#]*=)[^&#]*/gi, `$1${REDACTED}`)
}

/** `instance-ids` or `targets` (one `Key=Value[,Value]` per line), never both. */
export function parseFleet(ids: string[], targetsText: string | undefined): Fleet {
  exclusive({ [Input.instanceIds]: ids, [Input.targets]: targetsText })
  if (targetsText !== undefined) return { kind: 'targets', targets: parseTargets(targetsText) }
  if (ids.length === 0) return { kind: 'none' }
  for (const id of ids)
    if (!INSTANCE_ID.test(id))
      throw new UserError(
        `Input '${Input.instanceIds}' must list instance ids such as i-0123456789abcdef0 (or mi-... for managed nodes); ${JSON.stringify(id)} is not one.`,
      )
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i)
  if (duplicate) throw new UserError(`Input '${Input.instanceIds}' lists ${duplicate} more than once.`)
  return { kind: 'ids', ids }
}

export function parseTargets(text: string): Target[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
  if (lines.length > AWS_LIMITS.ssmTargets)
    throw new UserError(
      `Input '${Input.targets}' has ${lines.length} targets; SSM takes at most ${AWS_LIMITS.ssmTargets}, which must all match.`,
    )
  return lines.map((line) => {
    const at = line.indexOf('=')
    const key = at > 0 ? line.slice(0, at).trim() : ''
    const values =
      at > 0
        ? line
            .slice(at + 1)
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
        : []
    const tagKey = key.startsWith('tag:') ? key.slice(4) : key === 'tag-key' ? 'x' : ''
    if (
      !TAG_KEY.test(tagKey) ||
      values.length === 0 ||
      values.length > 50 ||
      values.some((v) => v.length > 256)
    )
      throw new UserError(
        `Input '${Input.targets}' must hold one target per line, tag:<key>=<value>[,<value>] or tag-key=<key> (for example tag:Role=api); ${JSON.stringify(line)} is not one.`,
      )
    return { Key: key, Values: values }
  })
}
