import * as core from '@actions/core'
import type { ActionContext } from '../common/action'
import { AwsCalls, getMaxAttemptsInput, resolveRegion } from '../common/aws'
import { UserError } from '../common/errors'
import {
  getBooleanInput,
  getEnumInput,
  getJsonInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  parseBucketName,
  type S3Location,
} from '../common/inputs'
import { S3Transfer } from '../common/s3'
import { SummaryBuilder } from '../common/summary'
import { RELEASE_VERSION, runUrl } from '../common/version'
import {
  buildRecord,
  ecsRollbacks,
  keepPreviousVersion,
  recordKey,
  recordProblem,
  releaseSummary,
  rollbackGoalProblem,
  type Needs,
  type ReleaseRecord,
} from './record'

/**
 * release-record: the bookkeeping of the release and rollback workflows. `write` stores what a
 * release deployed beside its binary and writes the release summary; `read` finds the release
 * a rollback goes back to (`previous`: the one before the release the pointer names) and hands
 * its facts to the rollback's stages; `summary` writes what each stage of a rollback went back to.
 */

const ACTION = 'release-record'
/** GitHub environment names: at most 255 characters, no line breaks or other control characters. */
const validEnvironment = (name: string): boolean =>
  name.length <= 255 && [...name].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)

interface Where {
  bucket: string
  prefix: string
}

function location(where: Where, key: string): S3Location {
  return { bucket: where.bucket, key, uri: `s3://${where.bucket}/${key}` }
}

function where(): Where {
  return {
    bucket: parseBucketName('bucket', getRequiredInput('bucket')),
    prefix: getRequiredInput('prefix').replace(/^\/+|\/+$/g, ''),
  }
}

function version(name: string, value: string): string {
  if (!RELEASE_VERSION.test(value))
    throw new UserError(
      `Input '${name}' must be a release version of letters, digits and ._+- (at most 128, starting with a letter or digit); got ${JSON.stringify(value)}.`,
    )
  return value
}

function needsInput(): Needs {
  const needs = getJsonInput('needs') ?? {}
  if (typeof needs !== 'object' || Array.isArray(needs))
    throw new UserError(`Input 'needs' must be the JSON object of toJSON(needs); got ${typeof needs}.`)
  return needs as Needs
}

export async function main({ signal, logger }: ActionContext): Promise<void> {
  const mode = getEnumInput('mode', ['write', 'read', 'summary'] as const, 'write')
  const environment = getRequiredInput('environment')
  if (!validEnvironment(environment))
    throw new UserError(
      `Input 'environment' must be a GitHub environment name; got ${JSON.stringify(environment)}.`,
    )
  if (mode === 'summary') return rollbackSummary(environment, needsInput(), logger)
  const place = where()
  const aws = {
    region: resolveRegion(getOptionalInput('region')),
    maxAttempts: getMaxAttemptsInput('max-attempts'),
    action: ACTION,
  }
  const calls = new AwsCalls(aws, signal)
  const s3 = await S3Transfer.connect(calls)
  if (mode === 'write') {
    const built = buildRecord({
      environment,
      version: version('version', getRequiredInput('version')),
      needs: needsInput(),
      releaseInputs: (getJsonInput('release-inputs') ?? {}) as Record<string, unknown>,
      bucket: place.bucket,
      prefix: place.prefix,
      recordedAt: new Date().toISOString(),
      run: runOf(process.env),
    })
    const at = location(place, recordKey(place.prefix, built.version, environment))
    const record = keepPreviousVersion(built, await storedRecord(s3, at, built.version, environment, logger))
    if (record.previousVersion !== built.previousVersion)
      logger.info(
        `deploy-binary saw ${built.previousVersion ?? 'no version'} before ${built.version} (a re-run of this release); the record keeps ${record.previousVersion ?? 'no release'} as the release before it, as ${at.uri} had it.`,
      )
    const text = `${JSON.stringify(record, null, 2)}\n`
    const dryRun = getBooleanInput('dry-run', false)
    if (dryRun) logger.info(`Dry run: the record would be written to ${at.uri}:\n${text}`)
    else {
      await s3.putText(at, text, { contentType: 'application/json' })
      const back = await s3.getText(at)
      if (back?.text !== text)
        throw new Error(`The release record read back from ${at.uri} differs from the one written.`)
      logger.info(`Release record written to ${at.uri} and read back.`)
    }
    core.setOutput('record-uri', at.uri)
    core.setOutput('record', JSON.stringify(record))
    await new SummaryBuilder()
      .heading(`Release ${record.version} to ${environment}`)
      .paragraph(releaseSummary(record, needsInput()))
      .paragraph(
        record.previousVersion
          ? `Before it: ${record.previousVersion}. Roll back with the rollback workflow (target \`previous\`).`
          : 'No release before this one was recorded.',
      )
      .paragraph(dryRun ? `Dry run: the record was not written (${at.uri}).` : `Record: \`${at.uri}\``)
      .write(logger)
    return
  }
  await read(s3, place, environment, aws.region, logger)
}

/** The record already stored at `at`, when there is a usable one (a re-run of the release overwrites it). */
async function storedRecord(
  s3: S3Transfer,
  at: S3Location,
  v: string,
  environment: string,
  logger: ActionContext['logger'],
): Promise<ReleaseRecord | undefined> {
  const found = await s3.getText(at)
  if (!found) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(found.text)
  } catch {
    parsed = undefined
  }
  const problem = recordProblem(parsed, v, environment)
  if (problem) {
    logger.info(`The record already at ${at.uri} is replaced without reading it: ${problem}.`)
    return undefined
  }
  return parsed as ReleaseRecord
}

async function readRecord(
  s3: S3Transfer,
  place: Where,
  v: string,
  environment: string,
): Promise<{ record: ReleaseRecord; uri: string }> {
  const at = location(place, recordKey(place.prefix, v, environment))
  const found = await s3.getText(at)
  if (!found)
    throw new UserError(
      `No release of ${v} to ${environment} is recorded (${at.uri} does not exist); input 'target' must name a version the release workflow deployed to this environment.`,
    )
  let parsed: unknown
  try {
    parsed = JSON.parse(found.text)
  } catch {
    throw new UserError(`The release record ${at.uri} is not JSON; it cannot be rolled back to.`)
  }
  const problem = recordProblem(parsed, v, environment)
  if (problem) throw new UserError(`The release record ${at.uri} cannot be used: ${problem}.`)
  return { record: parsed as ReleaseRecord, uri: at.uri }
}

async function read(
  s3: S3Transfer,
  place: Where,
  environment: string,
  region: string,
  logger: ActionContext['logger'],
): Promise<void> {
  const target = getOptionalInput('target') ?? 'previous'
  const pointerKey = getOptionalInput('pointer-key') ?? `${place.prefix}/latest.txt`
  const pointer = await s3.getText(location(place, pointerKey))
  const current = pointer?.text.trim() || undefined
  logger.info(
    current
      ? `s3://${place.bucket}/${pointerKey} names ${current}.`
      : `s3://${place.bucket}/${pointerKey} does not exist: nothing is released yet.`,
  )
  // The record of the release live now: what a rollback undoes (it says where the CDN is).
  let live: ReleaseRecord | undefined
  let goal: string
  if (target === 'previous') {
    if (!current)
      throw new UserError(
        `Input 'target' is previous, but s3://${place.bucket}/${pointerKey} does not exist, so there is no current release to go back from; name a version instead.`,
      )
    live = (await readRecord(s3, place, current, environment)).record
    if (!live.previousVersion)
      throw new UserError(
        `The release record of ${current} in ${environment} names no release before it; input 'target' must name the version to go back to.`,
      )
    goal = live.previousVersion
  } else {
    goal = version('target', target)
    if (current && current !== goal)
      live = await readRecord(s3, place, current, environment).then(
        (found) => found.record,
        () => undefined,
      )
  }
  const problem = rollbackGoalProblem(goal, current, target)
  if (problem) throw new UserError(problem)
  const { record, uri } = await readRecord(s3, place, goal, environment)
  // The distribution the live release invalidated has the content that goes back; else the target's.
  const cdn = live?.stages.cdn ?? record.stages.cdn
  const ecs = ecsRollbacks(record, region, getListInput('services'))
  const binary = record.stages.binary
  const outputs: Array<[string, string]> = [
    ['version', goal],
    ['current-version', current ?? ''],
    ['record-uri', uri],
    ['record', JSON.stringify(record)],
    ['ecs-rollbacks', JSON.stringify(ecs)],
    ['binary-name', binary?.binaryName ?? ''],
    ['targets', binary?.restart.targets ?? ''],
    ['instance-ids', binary?.restart.instanceIds ?? ''],
    ['service', binary?.restart.service ?? ''],
    ['commands', binary?.restart.commands ?? ''],
    ['health-check', binary?.restart.healthCheck ?? ''],
    ['install-mode', binary?.restart.installMode ?? ''],
    ['working-directory', binary?.restart.workingDirectory ?? ''],
    ['health-check-timeout', binary?.restart.healthCheckTimeout ?? ''],
    ['delivery-timeout', binary?.restart.deliveryTimeout ?? ''],
    ['execution-timeout', binary?.restart.executionTimeout ?? ''],
    ['max-concurrency', binary?.restart.maxConcurrency ?? ''],
    ['max-errors', binary?.restart.maxErrors ?? ''],
    ['cdn-distribution-id', cdn?.distributionId ?? ''],
    ['cdn-domain', cdn?.domain ?? ''],
  ]
  for (const [name, value] of outputs) core.setOutput(name, value)
  logger.info(
    `Going back from ${current ?? 'nothing'} to ${goal}: ${ecs.length === 0 ? 'no ECS service' : ecs.map((e) => `${e.services} on ${e['task-definition']}`).join('; ')}.`,
  )
  await new SummaryBuilder()
    .heading(`Rollback of ${environment} to ${goal}`)
    .facts([
      ['Live now', current ?? 'nothing'],
      ['Going back to', goal],
      ['Record', uri],
    ])
    .write(logger)
}

/** What each stage of a rollback went back to, from its jobs' results and outputs. */
async function rollbackSummary(
  environment: string,
  needs: Needs,
  logger: ActionContext['logger'],
): Promise<void> {
  const resolved = needs.resolve?.outputs ?? {}
  const ecs = JSON.parse(resolved['ecs-rollbacks'] || '[]') as Array<{
    services: string
    'task-definition': string
  }>
  const result = (job: string): string => needs[job]?.result ?? 'not run'
  const rows = [
    ['resolve', result('resolve'), resolved.version ? `found ${resolved.version}` : 'no release found'],
    [
      'binary',
      result('binary'),
      `pointer back to ${resolved.version || '?'} (was ${resolved['current-version'] || 'nothing'})`,
    ],
    [
      'ecs',
      result('ecs'),
      ecs.map((e) => `${e.services}: ${e['task-definition']}`).join(', ') || 'no service recorded',
    ],
    ['cdn', result('cdn'), needs.cdn?.outputs?.['invalidation-ids'] ?? ''],
  ]
  const failed = rows.filter(([, r]) => r === 'failure' || r === 'cancelled').map(([s]) => s)
  await new SummaryBuilder()
    .heading(`Rollback of ${environment} to ${resolved.version || '?'}`)
    .table(['Stage', 'Result', 'Went back to'], rows)
    .paragraph(
      failed.length === 0
        ? 'Every stage that ran went back.'
        : `Stages that did not go back: ${failed.join(', ')}; re-run the failed jobs.`,
    )
    .write(logger)
  if (failed.length > 0)
    throw new UserError(`The rollback of ${environment} did not complete: ${failed.join(', ')} failed.`)
}

function runOf(env: NodeJS.ProcessEnv): { url?: string; commit?: string } {
  return { commit: env.GITHUB_SHA, url: runUrl(env) }
}
