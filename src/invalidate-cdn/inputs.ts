import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { getMaxAttemptsInput, resolveRegion, type AwsSettings } from '../common/aws'
import { UserError } from '../common/errors'
import {
  exclusive,
  getBooleanInput,
  getDurationInput,
  getEnumInput,
  getIntInput,
  getListInput,
  getOptionalInput,
} from '../common/inputs'
import { ACTION, Input } from './constants'
import { checkPath, checkTag, parseSyncLog, splitLines, type CheckedPath, type SyncChanges } from './paths'
import type { RunIdentity } from './plan'

/** Where the paths come from. Sync-log paths need each distribution's origin path, known after observing it. */
export type PathSource =
  | { kind: 'paths'; input: string; paths: CheckedPath[]; requested: number }
  | { kind: 'sync-log'; file: string; changes: SyncChanges }
  | { kind: 'none' }

export type Target = { kind: 'ids'; ids: string[] } | { kind: 'domains'; domains: string[] }

export interface Inputs {
  target: Target
  source: PathSource
  /** Overrides the origin path read from the distribution (sync-log only). */
  originPath?: string
  tags: string[]
  wait: boolean
  timeoutMs: number
  onTimeout: 'fail' | 'warn'
  /** Collapse threshold; 0: never collapse. */
  maxPaths: number
  dryRun: boolean
  aws: AwsSettings
  run: RunIdentity
}

const DISTRIBUTION_ID = /^[A-Z0-9]{1,64}$/
const DOMAIN = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{1,63}$/

export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const ids = getListInput(Input.distributionId)
  const domains = getListInput(Input.domain).map((d) => d.toLowerCase())
  exclusive({ [Input.distributionId]: ids, [Input.domain]: domains })
  const paths = getOptionalInput(Input.paths)
  const pathsFile = getOptionalInput(Input.pathsFile)
  const syncLog = getOptionalInput(Input.syncLog)
  exclusive({ [Input.paths]: paths, [Input.pathsFile]: pathsFile, [Input.syncLog]: syncLog })
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd()
  const tags = getListInput(Input.tags).map((t) => checkTag(t, `Input '${Input.tags}'`))
  const originPath = getOptionalInput(Input.originPath)
  if (originPath !== undefined && syncLog === undefined)
    throw new UserError(
      `Input '${Input.originPath}' maps S3 keys of '${Input.syncLog}' to URL paths and is used only with it; set '${Input.syncLog}' or remove '${Input.originPath}'.`,
    )
  if (originPath !== undefined && originPath !== '/' && !/^\/[^*?#]*[^/]$/.test(originPath))
    throw new UserError(
      `Input '${Input.originPath}' must be the origin's path as CloudFront names it, beginning with '/' and not ending with one (e.g. /site); got ${JSON.stringify(originPath)}.`,
    )
  const source = parseSource({ paths, pathsFile, syncLog, workspace, tags })
  return {
    target: parseTarget(ids, domains),
    source,
    originPath: originPath === '/' ? '' : originPath,
    tags: uniqueTags(tags),
    wait: getBooleanInput(Input.wait, true),
    timeoutMs: getDurationInput(Input.timeout, '20m', { min: 10_000, max: 6 * 3_600_000 }),
    onTimeout: getEnumInput(Input.onTimeout, ['fail', 'warn'] as const, 'fail'),
    maxPaths: getIntInput(Input.maxPaths, { min: 0, max: 1_000_000, default: 1000 }) as number,
    dryRun: getBooleanInput(Input.dryRun, false),
    aws: {
      region: resolveRegion(getOptionalInput(Input.region), regionEnv(env), Input.region),
      maxAttempts: getMaxAttemptsInput(Input.maxAttempts),
      action: ACTION,
    },
    run: {
      runId: env.GITHUB_RUN_ID || `local-${Date.now()}`,
      attempt: env.GITHUB_RUN_ATTEMPT || '1',
      nonce: randomBytes(6).toString('hex'),
    },
  }
}

/** CloudFront is a global service signed in us-east-1: without a region setting, that one is used. */
function regionEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { AWS_REGION: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1' }
}

export function parseTarget(ids: string[], domains: string[]): Target {
  if (ids.length === 0 && domains.length === 0)
    throw new UserError(
      `Input '${Input.distributionId}' or '${Input.domain}' is required: give the distribution's id (e.g. E2QWRUHAPOMQZL) or one of its alternate domain names (e.g. www.example.com).`,
    )
  for (const id of ids)
    if (!DISTRIBUTION_ID.test(id))
      throw new UserError(
        `Input '${Input.distributionId}' must list CloudFront distribution ids (upper-case letters and digits, e.g. E2QWRUHAPOMQZL); ${JSON.stringify(id)} is not one.`,
      )
  for (const domain of domains)
    if (!DOMAIN.test(domain))
      throw new UserError(
        `Input '${Input.domain}' must list domain names such as www.example.com; ${JSON.stringify(domain)} is not one.`,
      )
  return ids.length > 0
    ? { kind: 'ids', ids: [...new Set(ids)] }
    : { kind: 'domains', domains: [...new Set(domains)] }
}

export function parseSource(options: {
  paths?: string
  pathsFile?: string
  syncLog?: string
  workspace: string
  tags: string[]
}): PathSource {
  const { paths, pathsFile, syncLog, workspace, tags } = options
  if (syncLog !== undefined) {
    const text = looksLikeLog(syncLog) ? syncLog : readInputFile(Input.syncLog, syncLog, workspace)
    const changes = parseSyncLog(text)
    if (changes.keys.length === 0 && tags.length === 0)
      throw new UserError(
        `Input '${Input.syncLog}' names no uploaded, copied or deleted object (no 'upload:', 'copy:' or 'delete:' line of aws s3 sync); nothing to invalidate.`,
      )
    return { kind: 'sync-log', file: looksLikeLog(syncLog) ? '(inline)' : syncLog, changes }
  }
  if (pathsFile !== undefined) {
    const lines = splitLines(readInputFile(Input.pathsFile, pathsFile, workspace))
    if (lines.length === 0)
      throw new UserError(
        `Input '${Input.pathsFile}' names ${pathsFile}, which lists no path; write one path a line (e.g. /index.html).`,
      )
    return checked(`Input '${Input.pathsFile}' (${pathsFile})`, Input.pathsFile, lines)
  }
  if (paths !== undefined) {
    // A `#` line is a comment in a file; here it is most likely a cache tag, as `aws cloudfront
    // create-invalidation --paths` takes them, so it is refused rather than dropped.
    const hash = paths.split(/\r?\n/).find((line) => line.trim().startsWith('#'))
    if (hash !== undefined)
      throw new UserError(
        `Input '${Input.paths}' has the line ${JSON.stringify(hash.trim())}: a cache tag goes in '${Input.tags}' (e.g. ${hash.trim().slice(1) || 'product-42'}), and only '${Input.pathsFile}' takes # lines, as comments.`,
      )
    const lines = splitLines(paths)
    if (lines.length === 0)
      throw new UserError(
        `Input '${Input.paths}' lists no path; write one path a line (e.g. /index.html), or leave it out to invalidate /*.`,
      )
    return checked(`Input '${Input.paths}'`, Input.paths, lines)
  }
  if (tags.length > 0) return { kind: 'none' }
  return { kind: 'paths', input: `${Input.paths} (default)`, paths: [{ path: '/*' }], requested: 1 }
}

function checked(where: string, input: string, lines: string[]): PathSource {
  return { kind: 'paths', input, paths: lines.map((line) => checkPath(line, where)), requested: lines.length }
}

/** A value that is the log itself (from a step output) rather than the name of a file holding it. */
function looksLikeLog(value: string): boolean {
  return value.includes('\n') || /^(\(dryrun\) )?(upload|copy|move|delete)( failed)?: /.test(value)
}

function readInputFile(input: string, path: string, workspace: string): string {
  const full = isAbsolute(path) ? path : resolve(workspace, path)
  try {
    return readFileSync(full, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`
    throw new UserError(`Input '${input}' names the file ${path}, which ${why} in the workspace.`)
  }
}

/**
 * Each tag once, whatever its case: "Tag values are case-insensitive. For example,
 * #Product:Electronics and #product:electronics refer to the same tag" (CloudFront Developer
 * Guide, "What you need to know when invalidating tags"), and each is billed and counted against
 * the limits as a path. The first spelling is kept.
 */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  return tags.filter((tag) => {
    const key = tag.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
