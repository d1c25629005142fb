import { basename, relative } from 'node:path'
import { formatDuration } from '../common/log'
import { Input, PACKER_DEFAULT_POLL_DELAY_SECONDS, RUN_TAG_KEY, RUN_VARIABLE } from './constants'
import type { Inputs } from './inputs'
import { matchesBuild } from './template'

/**
 * Planning: pure functions from the inputs and what observation found to what the action does:
 * the Packer command lines and environment, the builds selected, the parameter writes, and which
 * old images are kept, deprecated or deregistered (and why). No I/O.
 */

export interface PackerSetup {
  /** `packer-version` to install, or the packer found on PATH. */
  source: { kind: 'install'; version: string } | { kind: 'path'; path: string; version: string }
}

/** The builds `packer build` will run, given `only` / `except`. */
export function selectedBuilds(inputs: Pick<Inputs, 'info' | 'only' | 'except'>): string[] {
  const { info, only, except } = inputs
  return info.builds.filter(
    (b) =>
      (only.length === 0 || only.some((p) => matchesBuild(p, b, info.format))) &&
      !except.some((p) => matchesBuild(p, b, info.format)),
  )
}

/** Whether a Packer version has `packer init` (added in 1.7.0). */
export function supportsInit(version: string): boolean {
  const [major, minor] = version.split('.').map(Number)
  return major > 1 || (major === 1 && minor >= 7)
}

/** Arguments shared by `packer validate` and `packer build`: build selection and variable files. */
export function commonArgs(inputs: Inputs, generatedVarFile?: string): string[] {
  const args: string[] = []
  if (inputs.only.length > 0) args.push(`-only=${inputs.only.join(',')}`)
  if (inputs.except.length > 0) args.push(`-except=${inputs.except.join(',')}`)
  for (const file of inputs.varFiles) args.push(`-var-file=${relativeTo(inputs.workingDirectory, file)}`)
  if (generatedVarFile) args.push(`-var-file=${generatedVarFile}`)
  return args
}

export function validateArgs(inputs: Inputs, generatedVarFile?: string): string[] {
  return ['validate', ...commonArgs(inputs, generatedVarFile), templateArg(inputs)]
}

export function buildArgs(inputs: Inputs, generatedVarFile?: string): string[] {
  return [
    'build',
    '-machine-readable',
    '-color=false',
    ...commonArgs(inputs, generatedVarFile),
    templateArg(inputs),
  ]
}

export function templateArg(inputs: Pick<Inputs, 'workingDirectory' | 'templatePath'>): string {
  return relativeTo(inputs.workingDirectory, inputs.templatePath)
}

function relativeTo(dir: string, path: string): string {
  const rel = relative(dir, path)
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel
}

export interface PackerEnvironment {
  env: Record<string, string>
  secretEnv: Record<string, string>
  /**
   * For a legacy JSON template, the variables go in a var file (JSON templates read no
   * environment variables); for HCL2 they travel as `PKR_VAR_<name>`.
   */
  varFile?: Record<string, string>
}

/**
 * Packer's environment: variables (sensitive ones as secrets), the run tag variable, the GitHub
 * token for `packer init`, the AMI wait expressed as Packer's waiter attempts
 * (`AWS_MAX_ATTEMPTS` at `AWS_POLL_DELAY_SECONDS`, which the amazon builders read when the
 * template's `aws_polling` does not set them), and no version check with HashiCorp.
 */
export function packerEnvironment(
  inputs: Pick<Inputs, 'info' | 'variables' | 'runTag' | 'githubToken' | 'amiWaitTimeoutMs'>,
  env: NodeJS.ProcessEnv,
  pluginPath: string,
): PackerEnvironment {
  const out: PackerEnvironment = {
    env: { CHECKPOINT_DISABLE: '1', PACKER_PLUGIN_PATH: pluginPath },
    secretEnv: {},
  }
  const delay =
    Number(env.AWS_POLL_DELAY_SECONDS) > 0
      ? Number(env.AWS_POLL_DELAY_SECONDS)
      : PACKER_DEFAULT_POLL_DELAY_SECONDS
  out.env.AWS_POLL_DELAY_SECONDS = String(delay)
  out.env.AWS_MAX_ATTEMPTS = String(Math.max(1, Math.ceil(inputs.amiWaitTimeoutMs / 1000 / delay)))
  if (inputs.githubToken) out.secretEnv.PACKER_GITHUB_API_TOKEN = inputs.githubToken
  const all: Array<[string, string]> = [...inputs.variables, [RUN_VARIABLE, inputs.runTag]]
  if (inputs.info.format === 'json') {
    out.varFile = Object.fromEntries(all)
    return out
  }
  for (const [name, value] of all) {
    if (inputs.info.sensitive.includes(name)) out.secretEnv[`PKR_VAR_${name}`] = value
    else out.env[`PKR_VAR_${name}`] = value
  }
  return out
}

export interface Publication {
  region: string
  parameter: string
  previous?: string
  next: string
}

/** One parameter write per region the image exists in, each with that region's id. */
export function planPublication(
  parameter: string,
  amis: Record<string, string>,
  previous: Record<string, string | undefined>,
): Publication[] {
  return Object.keys(amis)
    .sort()
    .map((region) => ({ region, parameter, previous: previous[region], next: amis[region] }))
}

/** An image as retention sees it. */
export interface ImageFacts {
  imageId: string
  name: string
  creationDate: string
  snapshots: string[]
  deprecationTime?: string
  /** EC2's `DeregistrationProtection` text: `disabled`, `enabled`, `enabled-with-cooldown`, `disabled after ...`. */
  protection?: string
  /** EC2's ImageState: `available`, or `pending` while another build still creates it, `failed`... */
  state?: string
}

export type RetentionAction = 'keep' | 'deregister' | 'deprecate' | 'skip'

export interface RetentionDecision {
  region: string
  imageId: string
  name: string
  snapshots: string[]
  action: RetentionAction
  reason: string
}

export interface RetentionInput {
  region: string
  images: ImageFacts[]
  newImageId: string
  keep: number
  /** Images that must stay whatever their age, with why (parameter values, launch templates). */
  protectedBy: Map<string, string>
  /** When set, retired images are deprecated at this time instead of deregistered. */
  deprecateAt?: Date
}

/**
 * Which images of one region stay: the newest `keep` of the name prefix (the one just built
 * among them), then every older one that is protected (held by the parameter now or before
 * this run, used by a launch template version, or under deregistration protection) is skipped
 * with its reason; the rest are deregistered, or deprecated with `deprecate-after`.
 */
export function planRetention(input: RetentionInput): RetentionDecision[] {
  // An image that is not available (pending while a concurrent build still creates it, failed)
  // is left alone and takes no place among the newest: it may never become one.
  const unsettled = (image: ImageFacts): boolean =>
    image.imageId !== input.newImageId && image.state !== undefined && image.state !== 'available'
  const newest = input.images
    .filter((image) => !unsettled(image))
    .sort(
      (a, b) =>
        (a.imageId === input.newImageId ? -1 : 0) - (b.imageId === input.newImageId ? -1 : 0) ||
        b.creationDate.localeCompare(a.creationDate) ||
        a.imageId.localeCompare(b.imageId),
    )
  const baseOf = (image: ImageFacts) => ({
    region: input.region,
    imageId: image.imageId,
    name: image.name,
    snapshots: image.snapshots,
  })
  const ranked = newest.map((image, index): RetentionDecision => {
    const base = baseOf(image)
    if (image.imageId === input.newImageId) return { ...base, action: 'keep', reason: 'built by this run' }
    if (index < input.keep) return { ...base, action: 'keep', reason: `among the newest ${input.keep}` }
    const held = input.protectedBy.get(image.imageId)
    if (held) return { ...base, action: 'skip', reason: held }
    if (image.protection?.startsWith('enabled'))
      return { ...base, action: 'skip', reason: `deregistration protection is ${image.protection}` }
    if (input.deprecateAt) {
      if (image.deprecationTime && new Date(image.deprecationTime) <= input.deprecateAt)
        return { ...base, action: 'keep', reason: `already deprecated from ${image.deprecationTime}` }
      return { ...base, action: 'deprecate', reason: `older than the newest ${input.keep}` }
    }
    return { ...base, action: 'deregister', reason: `older than the newest ${input.keep}` }
  })
  const left = input.images.filter(unsettled).map((image): RetentionDecision => ({
    ...baseOf(image),
    action: 'skip',
    reason: `its state is ${image.state}`,
  }))
  return [...ranked, ...left]
}

/**
 * Whether an image named `name` belongs to the series of `prefix`. A prefix derived from the new
 * image's name `newName` (see seriesOf) takes only names of the same series, so that `api-` from
 * `api-v1.2.3` leaves `api-worker-v7` alone and `web-` from `web-20240101-prod` leaves
 * `web-20240101-staging` alone; a given `name-prefix` takes every name that starts with it, as
 * the input says.
 */
export function inSeries(name: string, prefix: string, newName?: string): boolean {
  if (newName === undefined) return name.startsWith(prefix)
  const mine = seriesOf(name)
  const theirs = seriesOf(newName)
  return (
    mine !== undefined &&
    theirs !== undefined &&
    mine.prefix === prefix &&
    theirs.prefix === prefix &&
    mine.suffix === theirs.suffix
  )
}

/** The series of an image name: the prefix before its version or timestamp, and the words after it. */
export interface Series {
  prefix: string
  /** What follows the version when words do (`-prod` of `web-20240101-prod`), else empty. */
  suffix: string
}

/**
 * The series of an image, from its name. The prefix is everything before the version or
 * timestamp the name ends with (`api-v1.2.3-20261201` and `api-1796161284` give `api-`,
 * `al2023-api-1796161284` gives `al2023-api-`). That ending starts after a separator with a digit
 * (or `v` and a digit) and holds no word (`rc1` and `10T12Z` are not words, `api` is), so that
 * `ubuntu-22.04-api-1796161284` gives `ubuntu-22.04-api-` and leaves the `ubuntu-22.04-worker-`
 * series alone. A name whose every version is followed by a word (`web-20240101-prod`,
 * `api-1.2.3-linux`, `app-1.0-SNAPSHOT`) has the prefix before its first version, and the
 * words after that version as its suffix (`-prod`), which the series' names share. Undefined
 * when the name has no version after a separator, or too short a prefix (under 3 characters);
 * then `name-prefix` must be given.
 */
export function seriesOf(name: string): Series | undefined {
  const cuts = [...name.matchAll(/[-_. ](?=v?\d)/g)].map((m) => m.index + 1)
  for (const cut of cuts) {
    const ending = name.slice(cut)
    if (/^v?\d[\w.:+-]*$/.test(ending) && !ending.split(/[-_.:+]/).some(isWord))
      return cut >= 3 ? { prefix: name.slice(0, cut), suffix: '' } : undefined
  }
  const cut = cuts[0]
  if (cut === undefined || cut < 3) return undefined
  // The version runs up to the first part that is a word (or holds more than letters and digits).
  const parts = name.slice(cut).split(/(?=[-_.:+ ])/)
  const words = parts.findIndex(
    (part, i) => i > 0 && (isWord(part.slice(1)) || !/^[0-9A-Za-z]*$/.test(part.slice(1))),
  )
  return { prefix: name.slice(0, cut), suffix: words < 0 ? '' : parts.slice(words).join('') }
}

function isWord(part: string): boolean {
  return /^[A-Za-z]{2,}$/.test(part)
}

/** The name prefix that groups a series of images, from the name of one of them (see seriesOf). */
export function derivePrefix(name: string): string | undefined {
  return seriesOf(name)?.prefix
}

/**
 * A name a template's `ami_name` gives, to check before the build: `{{timestamp}}` as a Unix
 * time. Undefined when it holds any other interpolation or directive, whose value is not known
 * before Packer runs.
 */
export function sampleName(amiName: string): string | undefined {
  const sample = amiName.replace(/\{\{\s*timestamp\s*\}\}/g, '1796161284')
  return /\{\{|\$\{|%\{/.test(sample) ? undefined : sample
}

/** The deprecation time for `deprecate-after`: EC2 rounds it to the minute, so round up. */
export function deprecationTime(now: Date, afterMs: number): Date {
  const at = new Date(now.getTime() + afterMs)
  if (at.getUTCSeconds() !== 0 || at.getUTCMilliseconds() !== 0) {
    at.setUTCSeconds(0, 0)
    at.setUTCMinutes(at.getUTCMinutes() + 1)
  }
  return at
}

export interface RunPlan {
  packer: PackerSetup
  init: boolean
  builds: string[]
  variables: string[]
}

/** The plan in readable lines, for the log (and the dry run). */
export function describePlan(inputs: Inputs, plan: RunPlan): string[] {
  const lines: string[] = []
  const packer =
    plan.packer.source.kind === 'install'
      ? `Packer ${plan.packer.source.version}, installed from ${inputs.packerMirror}`
      : `Packer ${plan.packer.source.version} at ${plan.packer.source.path}`
  lines.push(
    `Template: ${inputs.template} (${inputs.info.format === 'hcl' ? 'HCL2' : 'JSON'}), with ${packer}.`,
  )
  lines.push(
    plan.builds.length > 0
      ? `Builds: ${plan.builds.join(', ')}.`
      : `Builds: as the template declares them (none could be listed before Packer runs).`,
  )
  if (plan.init) lines.push('Plugins: packer init installs the plugins the template requires.')
  if (plan.variables.length > 0)
    lines.push(
      `Variables: ${plan.variables
        .map((v) => (inputs.info.sensitive.includes(v) ? `${v} (sensitive)` : v))
        .join(', ')}.`,
    )
  lines.push(
    inputs.info.usesRunVariable
      ? `Builder instance: tagged ${RUN_TAG_KEY}=${inputs.runTag} through var.${RUN_VARIABLE}, so a cleanup finds it if the run is killed.`
      : `Builder instance: the template does not use var.${RUN_VARIABLE} in run_tags, so a killed run's builder cannot be found by its tag.`,
  )
  if (inputs.tags.length > 0)
    lines.push(`Tags for the images and snapshots: ${inputs.tags.map(([k, v]) => `${k}=${v}`).join(', ')}.`)
  lines.push(
    inputs.ssmParameter
      ? `Publish: ${inputs.ssmParameter} (data type aws:ec2:image) in every region the image exists in, each with that region's id.`
      : `Publish: nothing ('${Input.ssmParameter}' is not set).`,
  )
  const r = inputs.retention
  if (r) {
    const prefix = r.namePrefix ? `named ${r.namePrefix}*` : 'of the same name prefix as the new image'
    const how =
      r.deprecateAfterMs !== undefined
        ? `deprecate the older ones ${formatDuration(r.deprecateAfterMs)} from now`
        : 'deregister the older ones with their snapshots'
    lines.push(
      `Retire: keep the newest ${r.keep} images ${prefix} in each region and ${how}; never the new image, the parameter's values, images a launch template uses, or protected ones.`,
    )
  } else lines.push(`Retire: nothing ('${Input.keep}' is not set).`)
  lines.push(`AMI waits: up to ${formatDuration(inputs.amiWaitTimeoutMs)} (Packer's waiter attempts).`)
  return lines
}

/** The file name of a template for messages. */
export function templateName(inputs: Pick<Inputs, 'templatePath'>): string {
  return basename(inputs.templatePath)
}
