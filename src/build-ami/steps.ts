import type { Image, LaunchPermission } from '@aws-sdk/client-ec2'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { StateStore } from '../common/action'
import type { AwsCalls } from '../common/aws'
import { cancelledError } from '../common/cancel'
import { awsErrorCode, CancelledError, errorMessage, UserError } from '../common/errors'
import type { Logger } from '../common/log'
import { describeExit, type ProcessResult } from '../common/process'
import { waitFor } from '../common/wait'
import type { Ec2, ParameterValue, Ssm } from './aws'
import { sweep, sweepSentence, type Announced, type CleanupState, type SweepResult } from './cleanup'
import { Input, POLL_MAX_DELAY_MS, POLL_MIN_DELAY_MS, STATE_CLEANUP } from './constants'
import type { Inputs } from './inputs'
import { installPacker } from './install'
import { manifestAmis, validationAnnotations, type Annotation } from './machine'
import { build, init, packerOnPath, packerVersionOf, validate, writeVarFile, type PackerRun } from './packer'
import {
  buildArgs,
  deprecationTime,
  derivePrefix,
  inSeries,
  packerEnvironment,
  planPublication,
  planRetention,
  selectedBuilds,
  seriesOf,
  supportsInit,
  templateArg,
  validateArgs,
  type ImageFacts,
  type PackerSetup,
  type Publication,
  type RetentionDecision,
  type RunPlan,
} from './plan'
import { pluginDirectory, restorePlugins, savePlugins, type CacheOutcome } from './plugins'
import { cacheDirOf } from './install'

/** The steps of a build-ami run, in the order main.ts runs them, sharing one `Context`. */

export interface RegionClients {
  ec2: Ec2
  ssm: Ssm
}

export interface PublicationResult extends Publication {
  /** The version PutParameter answered, and whether a read showed the new id afterwards. */
  version?: number
  verified: boolean
  error?: string
  /** Put back to `previous` after a later region failed. */
  reverted?: boolean
  /** Written back to `previous`, but Parameter Store did not show it within publish-timeout. */
  revertUnconfirmed?: boolean
}

export interface RetirementResult extends RetentionDecision {
  /** What happened: the decision carried out, or why not. */
  outcome: 'kept' | 'deregistered' | 'deprecated' | 'skipped' | 'failed' | 'planned'
  deprecateAt?: string
  deletedSnapshots?: string[]
  error?: string
}

export interface Context {
  inputs: Inputs
  logger: Logger
  signal: AbortSignal
  calls: AwsCalls
  region: (name: string) => RegionClients
  state: StateStore
  setup?: PackerSetup
  plan?: RunPlan
  binary?: string
  packerVersion?: string
  cache?: CacheOutcome
  annotations: Annotation[]
  /** The parameter in the build region before this run. */
  previous?: ParameterValue
  packer?: ProcessResult
  packerErrors: string[]
  /** Packer's own time, all commands (validate, init, build). */
  packerMs: number
  amis: Record<string, string>
  images: Map<string, Image>
  publications: PublicationResult[]
  retirements: RetirementResult[]
  sweep?: SweepResult
  /** Packer's temporary key pairs and security groups, as its log announced them. */
  announced?: Announced
  notes: string[]
}

/** Where Packer comes from: `packer-version` (tool cache or download), else the packer on PATH. */
export async function observePacker(ctx: Context): Promise<PackerSetup> {
  const { inputs } = ctx
  if (inputs.packerVersion) return { source: { kind: 'install', version: inputs.packerVersion } }
  const path = packerOnPath()
  if (!path)
    throw new UserError(
      `There is no packer on PATH and '${Input.packerVersion}' is not set; set '${Input.packerVersion}' (for example 1.11.2) or install Packer in an earlier step.`,
    )
  const version = await packerVersionOf(path, ctx.signal)
  return { source: { kind: 'path', path, version } }
}

export async function observeParameter(ctx: Context): Promise<void> {
  const name = ctx.inputs.ssmParameter
  if (!name) return
  ctx.previous = await ctx.region(ctx.inputs.aws.region).ssm.get(name)
  ctx.logger.info(
    ctx.previous
      ? `${name} in ${ctx.inputs.aws.region} holds ${ctx.previous.value} (version ${ctx.previous.version}).`
      : `${name} does not exist in ${ctx.inputs.aws.region} yet.`,
  )
}

export function makePlan(ctx: Context, setup: PackerSetup): RunPlan {
  const version = setup.source.version
  return {
    packer: setup,
    init: ctx.inputs.info.requiredPlugins !== undefined && supportsInit(version),
    builds: selectedBuilds(ctx.inputs),
    variables: ctx.inputs.variables.map(([name]) => name),
  }
}

function packerRun(ctx: Context): PackerRun {
  return {
    binary: ctx.binary as string,
    cwd: ctx.inputs.workingDirectory,
    environment: packerEnvironment(ctx.inputs, process.env, pluginDirectory()),
    logger: ctx.logger,
    signal: ctx.signal,
  }
}

/** Installs Packer if asked, restores plugins and runs `packer init` when the template needs it, then `packer validate`. */
export async function prepare(ctx: Context): Promise<void> {
  const { inputs, logger } = ctx
  const setup = ctx.setup as PackerSetup
  if (setup.source.kind === 'install') {
    ctx.binary = await installPacker({
      version: setup.source.version,
      mirror: inputs.packerMirror,
      logger,
      signal: ctx.signal,
    })
    ctx.packerVersion = await packerVersionOf(ctx.binary, ctx.signal)
    if (ctx.packerVersion !== setup.source.version)
      throw new Error(
        `The packer installed in ${cacheDirOf(setup.source.version)} reports version ${ctx.packerVersion}, not ${setup.source.version}.`,
      )
  } else {
    ctx.binary = setup.source.path
    ctx.packerVersion = setup.source.version
  }
  const run = packerRun(ctx)
  if (inputs.info.requiredPlugins !== undefined) {
    if (ctx.plan?.init) {
      const dir = pluginDirectory()
      ctx.cache = await restorePlugins(dir, inputs.info.requiredPlugins, logger)
      const result = await init(run, templateArg(inputs))
      ctx.packerMs += result.durationMs
      await savePlugins(dir, ctx.cache, logger)
    } else {
      logger.warning(
        `Packer ${ctx.packerVersion} has no packer init (it came in 1.7.0), so the plugins the template requires must already be installed.`,
      )
    }
  }
  const varFile = writeVarFile(run.environment.varFile)
  try {
    const checked = await validate(run, validateArgs(inputs, varFile.file))
    ctx.packerMs += checked.result.durationMs
    if (!checked.ok) {
      ctx.annotations = validationAnnotations(checked.errors, inputs.info)
      const first = ctx.annotations[0]
      const where = first?.file ? ` (${first.file}${first.line ? ` line ${first.line}` : ''})` : ''
      const count = ctx.annotations.length
      throw new UserError(
        count > 0
          ? `packer validate found ${count === 1 ? 'an error' : `${count} errors`} in ${inputs.template}: ${first.message}${where}.`
          : `packer validate failed on ${inputs.template}: ${describeExit(checked.result)}.`,
      )
    }
    logger.info(`packer validate: ${inputs.template} is valid.`)
  } finally {
    varFile.dispose()
  }
}

/**
 * Runs `packer build`. The post step's state is saved first, so a run killed from here on is
 * still cleaned up. Whatever the outcome, the run's tag is swept afterwards: normally Packer
 * has removed its builder and the sweep finds nothing; after a killed Packer it removes what
 * was left.
 */
export async function runBuild(ctx: Context): Promise<void> {
  const { inputs, logger } = ctx
  const record: CleanupState = {
    runTag: inputs.runTag,
    region: inputs.aws.region,
    maxAttempts: inputs.aws.maxAttempts,
  }
  ctx.state.save(STATE_CLEANUP, record)
  ctx.announced = record
  const run = packerRun(ctx)
  const varFile = writeVarFile(run.environment.varFile)
  let outcome
  try {
    // Packer's temporaries as it announces them, saved again each time for the post step.
    outcome = await build(run, buildArgs(inputs, varFile.file), ({ kind, name }) => {
      const list = kind === 'keyPair' ? (record.keyPairs ??= []) : (record.groups ??= [])
      if (list.includes(name)) return
      list.push(name)
      ctx.state.save(STATE_CLEANUP, record)
    })
  } finally {
    varFile.dispose()
  }
  ctx.packer = outcome.result
  ctx.packerMs += outcome.result.durationMs
  ctx.packerErrors = outcome.errors
  const failed = outcome.result.exitCode !== 0 || outcome.result.cancelled
  ctx.sweep = await sweepRun(ctx, failed)
  if (outcome.result.cancelled) throw cancelledError(ctx.signal)
  if (outcome.result.exitCode !== 0) {
    const why = outcome.errors.length > 0 ? outcome.errors.join(' ') : describeExit(outcome.result)
    throw new Error(`packer build failed: ${oneLine(why)}`)
  }
  const amiArtifacts = outcome.artifacts.amis()
  let amis = amiArtifacts.map((a) => ({ build: a.build, amis: a.amis as Record<string, string> }))
  if (amis.length === 0 && inputs.info.manifest) {
    const file = resolve(inputs.workingDirectory, inputs.info.manifest)
    if (existsSync(file)) amis = manifestAmis(readFileSync(file, 'utf8'))
  }
  if (amis.length > 1 && (inputs.ssmParameter || inputs.retention))
    throw new UserError(
      `Packer built ${amis.length} AMIs (${amis.map((a) => a.build).join(', ')}), but '${Input.ssmParameter}' and '${Input.keep}' apply to one; select one build with '${Input.only}'.`,
    )
  if (amis.length === 0) {
    if (inputs.ssmParameter || inputs.retention)
      throw new Error(
        `packer build finished without an AMI among its artifacts, so there is nothing to publish or to keep.`,
      )
    logger.warning('packer build finished without an AMI among its artifacts.')
    return
  }
  ctx.amis = amis[0].amis
  for (const [region, id] of Object.entries(ctx.amis)) logger.info(`AMI in ${region}: ${id}`)
}

/** The sweep of this run's builder resources; its own failure is reported, never hides the build's. */
export async function sweepRun(ctx: Context, afterFailure: boolean): Promise<SweepResult | undefined> {
  try {
    const result = await sweep(
      ctx.region(ctx.inputs.aws.region).ec2,
      ctx.inputs.runTag,
      ctx.logger,
      ctx.announced,
    )
    if (afterFailure && sweepSentence(result) === undefined)
      ctx.logger.info(`Nothing of this run's builder is left in ${ctx.inputs.aws.region}: Packer cleaned up.`)
    return result
  } catch (error) {
    ctx.logger.warning(`Could not check for a leftover builder instance: ${errorMessage(error)}`)
    return { terminated: [], groups: [], keyPairs: [], problems: [errorMessage(error)] }
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** Reads the new images in every region (checking each is available) and applies `tags` to them and their snapshots. */
export async function inspectAndTag(ctx: Context): Promise<void> {
  for (const [region, id] of Object.entries(ctx.amis)) {
    const { ec2 } = ctx.region(region)
    const [image] = await ec2.imagesByIds([id])
    if (!image) throw new Error(`Packer reported ${id} in ${region}, but EC2 does not know that image.`)
    if (image.State !== 'available')
      throw new Error(`Packer reported ${id} in ${region}, but the image is ${image.State}, not available.`)
    ctx.images.set(region, image)
    if (ctx.inputs.tags.length > 0) {
      const snapshots = snapshotsOf(image)
      await ec2.createTags([id, ...snapshots], ctx.inputs.tags)
      ctx.logger.info(
        `Tagged ${id}${snapshots.length > 0 ? ` and ${snapshots.join(', ')}` : ''} in ${region}: ${ctx.inputs.tags.map(([k, v]) => `${k}=${v}`).join(', ')}.`,
      )
    }
  }
}

function snapshotsOf(image: Image): string[] {
  return (image.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId).filter((s): s is string => !!s)
}

/**
 * Writes the parameter in every region the image exists in, then reads it back until it holds the
 * new id. Each region's value is read again first: a build takes long, and the value held just
 * before the write is the one to report and to keep from retirement. Regions go one at a time;
 * at the first that fails, the rest are not written and the ones written are put back to their
 * previous values (a parameter that did not exist before is deleted), so that no fleet launches
 * the new image while another keeps the old one.
 */
export async function publish(ctx: Context): Promise<void> {
  const name = ctx.inputs.ssmParameter as string
  const home = ctx.inputs.aws.region
  const previous: Record<string, string | undefined> = {}
  for (const region of Object.keys(ctx.amis)) {
    const now = await ctx.region(region).ssm.get(name)
    if (region === home) {
      if (now?.value !== ctx.previous?.value)
        ctx.logger.info(
          `${name} in ${region} changed during the build: it held ${ctx.previous?.value ?? 'nothing'} then and holds ${now?.value ?? 'nothing'} now, which is the previous value from here on.`,
        )
      ctx.previous = now
    }
    previous[region] = now?.value
  }
  for (const publication of planPublication(name, ctx.amis, previous)) {
    const result: PublicationResult = { ...publication, verified: false }
    ctx.publications.push(result)
    try {
      await writeParameter(ctx, result)
    } catch (error) {
      if (error instanceof CancelledError) await revertPublications(ctx)
      throw error
    }
    if (result.error) {
      const reverted = await revertPublications(ctx, result)
      throw new Error(`${[result.error, ...reverted].join('; ')}.`)
    }
  }
}

/** One region's write and its read-back; a failure is kept in `result.error`. */
async function writeParameter(ctx: Context, result: PublicationResult): Promise<void> {
  const { ssm } = ctx.region(result.region)
  try {
    result.version = await ssm.putImageId(result.parameter, result.next)
  } catch (error) {
    if (error instanceof CancelledError) throw error
    result.error = errorMessage(error).replace(/\.$/, '')
    return
  }
  ctx.logger.info(
    `Wrote ${result.next} to ${result.parameter} in ${result.region} (version ${result.version}, was ${result.previous ?? 'absent'}).`,
  )
  const wait = await untilHolds(
    ctx,
    result,
    result.next,
    `${result.parameter} in ${result.region}`,
    ctx.signal,
  )
  result.verified = wait.outcome === 'done'
  if (!result.verified)
    result.error = `Parameter Store did not take ${result.next} for ${result.parameter} in ${result.region} within ${ctx.inputs.publishTimeoutMs / 1000}s: it ${wait.state} (its aws:ec2:image validation failed or has not finished)`
}

/**
 * Reads a region's parameter until it holds `value` (undefined: until it is absent), up to
 * publish-timeout; with `version`, until it holds it at that version or a later one. Without
 * `signal` (a put-back) it reads on after a cancellation too.
 */
function untilHolds(
  ctx: Context,
  publication: Publication,
  value: string | undefined,
  label: string,
  signal?: AbortSignal,
  version?: number,
): ReturnType<typeof waitFor<ParameterValue | undefined>> {
  const { ssm } = ctx.region(publication.region)
  return waitFor<ParameterValue | undefined>({
    label,
    poll: () => ssm.get(publication.parameter, signal === undefined),
    assess: (p) => ({
      state: p ? `holds ${p.value} (version ${p.version})` : 'absent',
      done: p?.value === value && (version === undefined || (p !== undefined && p.version >= version)),
    }),
    timeoutMs: ctx.inputs.publishTimeoutMs,
    minDelayMs: POLL_MIN_DELAY_MS,
    maxDelayMs: POLL_MAX_DELAY_MS,
    signal,
    logger: ctx.logger,
  })
}

/**
 * Puts the regions written before `failed` (all written ones after a cancellation) back to what
 * they held, and says in clauses what became of every region but `failed`. Runs without the
 * run's signal: a cancelled run must not leave regions apart either.
 */
async function revertPublications(ctx: Context, failed?: PublicationResult): Promise<string[]> {
  const clauses: string[] = []
  for (const done of ctx.publications.filter((p) => p !== failed && p.version !== undefined)) {
    const { ssm } = ctx.region(done.region)
    try {
      let version: number | undefined
      if (done.previous === undefined) await ssm.delete(done.parameter)
      else version = await ssm.putImageId(done.parameter, done.previous)
      // Read back like the write itself: a put-back is an aws:ec2:image value too, validated
      // after Parameter Store answers (and refused if that image is gone meanwhile). Until then
      // reads show the version before it, which may hold the previous value already (when the
      // new id is still being validated too): only the put-back's own version, or a later one,
      // shows that it landed.
      const back = await untilHolds(
        ctx,
        done,
        done.previous,
        `${done.parameter} in ${done.region}, put back`,
        undefined,
        version,
      )
      if (back.outcome !== 'done') {
        done.revertUnconfirmed = true
        clauses.push(
          `${done.region} had taken ${done.next} and was written back to ${done.previous ?? 'absent'}${version === undefined ? '' : ` (version ${version})`}, but Parameter Store did not show it within ${ctx.inputs.publishTimeoutMs / 1000}s: it ${back.state}`,
        )
        continue
      }
      done.reverted = true
      clauses.push(
        done.previous === undefined
          ? `${done.region} had taken ${done.next} and its parameter, new in this run, was deleted`
          : `${done.region} had taken ${done.next} and was put back to ${done.previous}`,
      )
      ctx.logger.info(`Put ${done.parameter} in ${done.region} back to ${done.previous ?? 'absent'}.`)
    } catch (error) {
      clauses.push(
        `${done.region} holds ${done.next} and could not be put back: ${errorMessage(error).replace(/\.$/, '')}`,
      )
    }
  }
  const unwritten = Object.keys(ctx.amis)
    .sort()
    .filter((region) => !ctx.publications.some((p) => p.region === region))
  if (unwritten.length > 0)
    clauses.push(`${unwritten.join(', ')} ${unwritten.length === 1 ? 'was' : 'were'} not written`)
  return clauses
}

const RESOLVE_SSM = 'resolve:ssm:'

/** Keeps the newest images of the name prefix in every region of the new image; retires the rest as planned. */
export async function retire(ctx: Context): Promise<void> {
  const retention = ctx.inputs.retention
  if (!retention) return
  const deprecateAt = deprecateAtOf(retention)
  for (const [region, id] of Object.entries(ctx.amis)) {
    const image = ctx.images.get(region)
    const name = image?.Name ?? ''
    const prefix = retention.namePrefix ?? derivePrefix(name)
    if (!prefix)
      throw new UserError(
        `The new image's name ${JSON.stringify(name)} has no version or timestamp part to group images by; set '${Input.namePrefix}' for '${Input.keep}'.`,
      )
    if (!name.startsWith(prefix))
      throw new UserError(
        `Input '${Input.namePrefix}' is ${JSON.stringify(prefix)}, but the new image is named ${JSON.stringify(name)}; give the prefix of the new image's name.`,
      )
    const { ec2 } = ctx.region(region)
    const derivedFrom = retention.namePrefix === undefined ? name : undefined
    const images = await seriesImages(ctx, region, prefix, derivedFrom)
    const suffix = derivedFrom === undefined ? '' : (seriesOf(derivedFrom)?.suffix ?? '')
    const publication = ctx.publications.find((p) => p.region === region)
    const held: Array<[string | undefined, string]> = publication
      ? [
          [publication.next, `held by ${publication.parameter} now`],
          [publication.previous, `held by ${publication.parameter} before this run`],
        ]
      : []
    const protectedBy = await protections(ctx, region, held)
    const decisions = await planUnshared(ctx, region, images, {
      region,
      images: images.map(factsOf),
      newImageId: id,
      keep: retention.keep,
      protectedBy,
      deprecateAt,
    })
    ctx.logger.info(
      `${region}: ${images.length} image${images.length === 1 ? '' : 's'} named ${prefix}*${suffix}; keeping the newest ${retention.keep}.`,
    )
    for (const decision of decisions) ctx.retirements.push(await carryOut(ctx, ec2, decision, deprecateAt))
  }
  const failed = ctx.retirements.filter((r) => r.outcome === 'failed')
  if (failed.length > 0)
    throw new Error(
      `Retiring old images failed: ${failed.map((r) => `${r.imageId} (${r.region}): ${r.error}`).join('; ')}.`,
    )
}

/**
 * The images launch template versions use, by id, a `resolve:ssm:<parameter>[:version|:label]`
 * alias resolved through the region's Parameter Store as EC2 resolves it at launch (GetParameter
 * takes the same selectors). One that cannot be read stops retirement in the region: any image
 * could be the one the template launches. A parameter that does not exist references no image.
 */
async function launchTemplateImages(ctx: Context, region: string): Promise<Map<string, string>> {
  const { ec2, ssm } = ctx.region(region)
  const out = new Map<string, string>()
  const resolved = new Map<string, ParameterValue | undefined>()
  for (const [imageId, why] of await ec2.launchTemplateImages()) {
    if (!imageId.startsWith(RESOLVE_SSM)) {
      if (!out.has(imageId)) out.set(imageId, why)
      continue
    }
    const parameter = imageId.slice(RESOLVE_SSM.length)
    let value: ParameterValue | undefined
    try {
      if (!resolved.has(parameter)) resolved.set(parameter, await ssm.get(parameter))
      value = resolved.get(parameter)
    } catch (error) {
      if (error instanceof CancelledError) throw error
      throw new Error(
        `The image of launch template ${why.replace(/^used by launch template /, '')} comes from ${imageId}, which could not be read (${errorMessage(error).replace(/\.$/, '')}); no image was retired in ${region}, since any could be the one it launches.`,
        { cause: error },
      )
    }
    if (value === undefined)
      ctx.logger.info(
        `${region}: launch template ${why.replace(/^used by launch template /, '')} takes its image from ${imageId}, ${/^resolve:ssm:.+:[^:/]+$/.test(imageId) ? 'a version of a parameter' : 'a parameter'} that does not exist, so it references no image.`,
      )
    else if (!out.has(value.value)) out.set(value.value, `${why} (through ${parameter})`)
  }
  return out
}

/** When images retired now are deprecated from, with 'deprecate-after'. */
function deprecateAtOf(retention: NonNullable<Inputs['retention']>): Date | undefined {
  return retention.deprecateAfterMs !== undefined
    ? deprecationTime(new Date(), retention.deprecateAfterMs)
    : undefined
}

/**
 * Your images of the series of `prefix` in a region, deregistered ones left out; `derivedFrom`:
 * the name the prefix was derived from, whose series they must share (see inSeries).
 */
async function seriesImages(
  ctx: Context,
  region: string,
  prefix: string,
  derivedFrom: string | undefined,
): Promise<Image[]> {
  return (await ctx.region(region).ec2.ownImagesNamed(prefix)).filter(
    (i) => i.State !== 'deregistered' && inSeries(i.Name ?? '', prefix, derivedFrom),
  )
}

/** Why images may not be retired: the parameter's values given (first reason wins), then the launch templates'. */
async function protections(
  ctx: Context,
  region: string,
  held: Array<[string | undefined, string]>,
): Promise<Map<string, string>> {
  const protectedBy = new Map<string, string>()
  for (const [imageId, why] of [...held, ...(await launchTemplateImages(ctx, region))])
    if (imageId && !protectedBy.has(imageId)) protectedBy.set(imageId, why)
  return protectedBy
}

/** What stands in for the image a dry run does not build, in the preview of the retirement. */
export const NEW_IMAGE = '(the new image)'

/**
 * A dry run's view of the retirement in the build region: with 'name-prefix' the series is known
 * before the build, so its images are read and the rule applied as if the new image were there
 * (the newest); each decision is recorded as planned. Reads only. Without 'name-prefix' the
 * series comes from the new image's name, so nothing can be listed before it exists.
 */
export async function previewRetirement(ctx: Context): Promise<void> {
  const retention = ctx.inputs.retention
  if (!retention) return
  const region = ctx.inputs.aws.region
  const prefix = retention.namePrefix
  if (!prefix) {
    ctx.logger.info(
      `Retire: the images the rule would retire are known once the new image is named (its name sets the prefix); set '${Input.namePrefix}' to have them listed in a dry run.`,
    )
    return
  }
  const images = await seriesImages(ctx, region, prefix, undefined)
  const protectedBy = await protections(ctx, region, [
    [ctx.inputs.ssmParameter && ctx.previous?.value, `held by ${ctx.inputs.ssmParameter} before this run`],
  ])
  const deprecateAt = deprecateAtOf(retention)
  const decisions = (
    await planUnshared(ctx, region, images, {
      region,
      images: [
        ...images.map(factsOf),
        { imageId: NEW_IMAGE, name: `${prefix}…`, creationDate: new Date().toISOString(), snapshots: [] },
      ],
      newImageId: NEW_IMAGE,
      keep: retention.keep,
      protectedBy,
      deprecateAt,
    })
  ).filter((d) => d.imageId !== NEW_IMAGE)
  ctx.logger.info(
    `${region}: ${images.length} image${images.length === 1 ? '' : 's'} named ${prefix}* now; with the new one, the newest ${retention.keep} would stay.`,
  )
  const verb = {
    keep: 'would stay',
    skip: 'would stay',
    deregister: 'would be deregistered',
    deprecate: 'would be deprecated',
  }
  for (const decision of decisions) {
    ctx.logger.info(`  ${decision.imageId} ${decision.name}: ${verb[decision.action]} (${decision.reason})`)
    if (decision.action === 'deregister' || decision.action === 'deprecate')
      ctx.retirements.push({ ...decision, outcome: 'planned' })
  }
}

/**
 * The retention plan, with the images it would retire that others may launch kept: a public
 * image, or one shared with other accounts, organizations or organizational units (Packer's
 * `ami_users`, `ami_org_arns`, `ami_ou_arns`), may be what their launch templates use, which this
 * account cannot see. Launch permissions are read only for those images; one whose permissions
 * cannot be read is kept too.
 */
async function planUnshared(
  ctx: Context,
  region: string,
  images: Image[],
  input: Parameters<typeof planRetention>[0],
): Promise<RetentionDecision[]> {
  const planned = planRetention(input)
  const retiring = planned.filter((d) => d.action === 'deregister' || d.action === 'deprecate')
  const shared = new Map<string, string>()
  for (const decision of retiring) {
    const image = images.find((i) => i.ImageId === decision.imageId)
    if (image?.Public) {
      shared.set(decision.imageId, 'public: any account may launch it')
      continue
    }
    try {
      const others = (await ctx.region(region).ec2.launchPermissions(decision.imageId)).map(permissionText)
      if (others.length > 0)
        shared.set(decision.imageId, `shared with ${others.join(', ')}, who may launch it`)
    } catch (error) {
      if (error instanceof CancelledError) throw error
      shared.set(
        decision.imageId,
        `its launch permissions could not be read (${errorMessage(error).replace(/\.$/, '')}), so it may be shared`,
      )
    }
  }
  if (shared.size === 0) return planned
  const protectedBy = new Map(input.protectedBy)
  for (const [imageId, why] of shared) if (!protectedBy.has(imageId)) protectedBy.set(imageId, why)
  return planRetention({ ...input, protectedBy })
}

function permissionText(p: LaunchPermission): string {
  if (p.Group === 'all') return 'every account (public)'
  if (p.UserId) return `account ${p.UserId}`
  if (p.OrganizationArn) return `organization ${p.OrganizationArn}`
  if (p.OrganizationalUnitArn) return `organizational unit ${p.OrganizationalUnitArn}`
  return JSON.stringify(p)
}

function factsOf(image: Image): ImageFacts {
  return {
    imageId: image.ImageId ?? '',
    name: image.Name ?? '',
    creationDate: image.CreationDate ?? '',
    snapshots: snapshotsOf(image),
    deprecationTime: image.DeprecationTime,
    protection: image.DeregistrationProtection,
    state: image.State,
  }
}

async function carryOut(
  ctx: Context,
  ec2: Ec2,
  decision: RetentionDecision,
  deprecateAt: Date | undefined,
): Promise<RetirementResult> {
  const line = (text: string): void => ctx.logger.info(`  ${decision.imageId} ${decision.name}: ${text}`)
  switch (decision.action) {
    case 'keep':
      line(`kept (${decision.reason})`)
      return { ...decision, outcome: 'kept' }
    case 'skip':
      line(`kept (${decision.reason})`)
      return { ...decision, outcome: 'skipped' }
    case 'deprecate':
      try {
        await ec2.deprecateImage(decision.imageId, deprecateAt as Date)
        line(`deprecated from ${(deprecateAt as Date).toISOString()} (${decision.reason})`)
        return { ...decision, outcome: 'deprecated', deprecateAt: (deprecateAt as Date).toISOString() }
      } catch (error) {
        return failedRetirement(decision, error)
      }
    case 'deregister':
      try {
        const snapshots = await ec2.deregisterImage(decision.imageId)
        const deleted = snapshots.filter((s) => s.deleted).map((s) => s.snapshotId)
        const kept = snapshots.filter((s) => !s.deleted)
        line(
          `deregistered${deleted.length > 0 ? `, snapshots ${deleted.join(', ')} deleted` : ''}${kept.length > 0 ? `; snapshots ${kept.map((s) => `${s.snapshotId} (${s.note})`).join(', ')} kept` : ''} (${decision.reason})`,
        )
        return { ...decision, outcome: 'deregistered', deletedSnapshots: deleted }
      } catch (error) {
        // Protection switched on since it was read: reported, not fought.
        if (awsErrorCode((error as Error).cause) === 'OperationNotPermitted') {
          line(`kept (EC2 refused to deregister it: ${errorMessage((error as Error).cause)})`)
          return {
            ...decision,
            action: 'skip',
            outcome: 'skipped',
            reason: 'deregistration protection is on',
          }
        }
        return failedRetirement(decision, error)
      }
  }
}

function failedRetirement(decision: RetentionDecision, error: unknown): RetirementResult {
  if (error instanceof CancelledError) throw error
  return { ...decision, outcome: 'failed', error: errorMessage(error) }
}
