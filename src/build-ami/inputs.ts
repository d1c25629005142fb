import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { getMaxAttemptsInput, resolveRegion, type AwsSettings } from '../common/aws'
import { UserError } from '../common/errors'
import {
  exclusive,
  getBooleanInput,
  getDurationInput,
  getIntInput,
  getKeyValueInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  getSecretInput,
  parseDuration,
  parseKeyValues,
} from '../common/inputs'
import { addSecret } from '../common/secrets'
import { ACTION, DEFAULT_PACKER_MIRROR, Input, RUN_VARIABLE } from './constants'
import { derivePrefix, sampleName, selectedBuilds } from './plan'
import {
  analyseTemplate,
  formatOf,
  makesImage,
  matchesBuild,
  TemplateError,
  type TemplateFile,
  type TemplateInfo,
} from './template'

export interface Retention {
  keep: number
  /** The name prefix that groups images; undefined: derived from the built image's name. */
  namePrefix?: string
  /** Deprecate retired images this long from now instead of deregistering them. */
  deprecateAfterMs?: number
}

export interface Inputs {
  /** The workspace (GITHUB_WORKSPACE), against which paths are shown. */
  workspace: string
  /** Where Packer runs: the working directory, absolute. */
  workingDirectory: string
  /** The template as given, relative to the working directory, and its absolute path. */
  template: string
  templatePath: string
  info: TemplateInfo
  /** Both inputs' variables: `variables`, then `sensitive-variables`. */
  variables: Array<[string, string]>
  /** The names given in `sensitive-variables`, whose values are masked wherever they show. */
  sensitiveNames: string[]
  varFiles: string[]
  only: string[]
  except: string[]
  packerVersion?: string
  packerMirror: string
  ssmParameter?: string
  tags: Array<[string, string]>
  retention?: Retention
  githubToken?: string
  amiWaitTimeoutMs: number
  publishTimeoutMs: number
  dryRun: boolean
  aws: AwsSettings
  /** The value of this run's tag on the builder instance. */
  runTag: string
}

const VARIABLE_NAME = /^[A-Za-z_][\w-]*$/
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/
const TEN_YEARS_MS = 10 * 365 * 86_400_000

export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd()
  const workingDirectory = parseWorkingDirectory(getOptionalInput(Input.workingDirectory), workspace)
  const template = getRequiredInput(Input.template)
  const { path: templatePath, info } = readTemplate(template, workingDirectory, workspace)
  const sensitive = getSensitiveVariables()
  const variables = getKeyValueInput(Input.variables, {
    keyPattern: VARIABLE_NAME,
    keyDescription: 'template variable names (letters, digits, _ and -, not starting with a digit)',
  })
  for (const [name] of sensitive)
    if (variables.some(([other]) => other === name))
      throw new UserError(
        `Input '${Input.variables}' and input '${Input.sensitiveVariables}' both set ${JSON.stringify(name)}; set it in one of them.`,
      )
  checkVariables(variables, info, template)
  checkVariables(sensitive, info, template, Input.sensitiveVariables)
  variables.push(...sensitive)
  for (const [name, value] of variables) if (info.sensitive.includes(name)) addSecret(value)
  const only = getListInput(Input.only)
  const except = getListInput(Input.except)
  exclusive({ [Input.only]: only, [Input.except]: except })
  checkBuilds(Input.only, only, info, template)
  checkBuilds(Input.except, except, info, template)
  const packerVersion = parsePackerVersion(getOptionalInput(Input.packerVersion))
  const packerMirror = parseMirror(getOptionalInput(Input.packerMirror))
  const region = resolveRegion(getOptionalInput(Input.region), env, Input.region)
  const inputs: Inputs = {
    workspace,
    workingDirectory,
    template,
    templatePath,
    info,
    variables,
    sensitiveNames: sensitive.map(([name]) => name),
    varFiles: parseVarFiles(getListInput(Input.varFiles), workingDirectory),
    only,
    except,
    packerVersion,
    packerMirror,
    ssmParameter: parseParameterName(getOptionalInput(Input.ssmParameter)),
    tags: parseTags(getKeyValueInput(Input.tags)),
    retention: parseRetention(
      getIntInput(Input.keep, { min: 1, max: 1000 }),
      getOptionalInput(Input.namePrefix),
      getOptionalInput(Input.deprecateAfter),
    ),
    githubToken: getSecretInput(Input.githubToken),
    amiWaitTimeoutMs: getDurationInput(Input.amiWaitTimeout, '1h', { min: 60_000, max: 24 * 3_600_000 }),
    publishTimeoutMs: getDurationInput(Input.publishTimeout, '2m', { min: 1000, max: 30 * 60_000 }),
    dryRun: getBooleanInput(Input.dryRun, false),
    aws: {
      region,
      maxAttempts: getMaxAttemptsInput(Input.maxAttempts),
      action: ACTION,
    },
    runTag: runTagOf(env),
  }
  // Publishing and retention take one image: refused here, not once Packer has built them all.
  // The builds are those Packer runs (a source no build block uses is not one), by builder type.
  const imageBuilds = selectedBuilds(inputs).filter((b) => makesImage(info.builderTypes[b]))
  if (imageBuilds.length > 1 && (inputs.ssmParameter || inputs.retention))
    throw new UserError(
      `${template} selects ${imageBuilds.length} builds that make AMIs (${imageBuilds.join(', ')}), but '${Input.ssmParameter}' and '${Input.keep}' apply to one; select one build with '${Input.only}'.`,
    )
  if (inputs.retention && inputs.retention.namePrefix === undefined)
    checkDerivablePrefix(imageBuilds, info, template)
  if (packerMirror !== DEFAULT_PACKER_MIRROR && !packerVersion)
    throw new UserError(
      `Input '${Input.packerMirror}' is set but '${Input.packerVersion}' is not; set the Packer version to install from the mirror.`,
    )
  return inputs
}

/** One value per run and job: the run id and attempt, and a random part so parallel jobs differ. */
export function runTagOf(env: NodeJS.ProcessEnv): string {
  const run = env.GITHUB_RUN_ID ?? 'local'
  const attempt = env.GITHUB_RUN_ATTEMPT ?? '1'
  return `run-${run}-${attempt}-${randomBytes(4).toString('hex')}`
}

export function parseWorkingDirectory(value: string | undefined, workspace: string): string {
  const dir = value === undefined ? workspace : isAbsolute(value) ? value : resolve(workspace, value)
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UserError(
      `Input '${Input.workingDirectory}' names ${JSON.stringify(value)}, which is not a directory in the workspace.`,
    )
  return dir
}

/** Reads the template (a file, or a directory of `.pkr.hcl` / `.pkr.json` files) and analyses it. */
export function readTemplate(
  template: string,
  workingDirectory: string,
  workspace: string,
): { path: string; info: TemplateInfo } {
  const path = isAbsolute(template) ? template : resolve(workingDirectory, template)
  const shown = (file: string): string => {
    const rel = relative(workspace, file)
    return rel.startsWith('..') ? file : rel
  }
  if (!existsSync(path))
    throw new UserError(
      `Input '${Input.template}' names ${JSON.stringify(template)}, which does not exist in ${shown(workingDirectory) || 'the workspace'}; give a .pkr.hcl or .json template file or a directory of .pkr.hcl files.`,
    )
  let files: TemplateFile[]
  let format: 'hcl' | 'json'
  if (statSync(path).isDirectory()) {
    const names = readdirSync(path)
      .filter((n) => n.endsWith('.pkr.hcl') || n.endsWith('.pkr.json'))
      .sort()
    if (names.length === 0)
      throw new UserError(
        `Input '${Input.template}' names the directory ${JSON.stringify(template)}, which holds no .pkr.hcl or .pkr.json files.`,
      )
    files = names.map((n) => ({ path: shown(join(path, n)), text: readFileSync(join(path, n), 'utf8') }))
    format = 'hcl'
  } else {
    const detected = formatOf(path)
    if (!detected)
      throw new UserError(
        `Input '${Input.template}' must be a .pkr.hcl, .pkr.json or .json template file or a directory; got ${JSON.stringify(template)}.`,
      )
    format = detected
    files = [{ path: shown(path), text: readFileSync(path, 'utf8') }]
  }
  try {
    return { path, info: analyseTemplate(format, files) }
  } catch (error) {
    if (error instanceof TemplateError) throw new UserError(`The template ${error.message}.`)
    throw error
  }
}

/**
 * `sensitive-variables`: KEY=VALUE lines whose values are secrets (a reusable workflow's inputs
 * are printed with the step's inputs before an action can mask them; a secret is not). Every
 * value, and every line, is masked before the lines are read, so that no sentence shows one;
 * one line per variable, never split at commas.
 */
function getSensitiveVariables(): Array<[string, string]> {
  const text = getOptionalInput(Input.sensitiveVariables) ?? ''
  for (const line of text.split(/\r?\n/)) {
    addSecret(line)
    const at = line.indexOf('=')
    if (at > 0) addSecret(line.slice(at + 1))
  }
  return parseKeyValues(Input.sensitiveVariables, `${text}\n`, {
    keyPattern: VARIABLE_NAME,
    keyDescription: 'template variable names (letters, digits, _ and -, not starting with a digit)',
  })
}

/** Every variable set must be one the template declares (Packer ignores unknown ones given through the environment). */
export function checkVariables(
  variables: Array<[string, string]>,
  info: TemplateInfo,
  template: string,
  input: string = Input.variables,
): void {
  // The run's own variable is the action's to set, so it is not offered as one to set.
  const declared = info.variables.filter((name) => name !== RUN_VARIABLE)
  for (const [name] of variables) {
    if (name === RUN_VARIABLE)
      throw new UserError(
        `Input '${input}' sets ${RUN_VARIABLE}, which the action sets itself (the run's tag); remove it.`,
      )
    if (!info.variables.includes(name))
      throw new UserError(
        `Input '${input}' sets ${JSON.stringify(name)}, which ${template} does not declare${declared.length > 0 ? ` (it declares ${declared.join(', ')})` : ' (it declares no variables)'}.`,
      )
  }
}

/** Each `only` / `except` name must match a build of the template, or Packer silently builds nothing. */
export function checkBuilds(input: string, names: string[], info: TemplateInfo, template: string): void {
  if (info.builds.length === 0) return
  for (const name of names) {
    if (!info.builds.some((b) => matchesBuild(name, b, info.format)))
      throw new UserError(
        `Input '${input}' names the build ${JSON.stringify(name)}, which ${template} does not have; its builds are ${info.builds.join(', ')}.`,
      )
  }
}

/**
 * Without 'name-prefix', 'keep' groups images by the prefix of the new image's name (see
 * derivePrefix). A name the template gives so that no build could have one (no separator and a
 * version or timestamp after it) is refused before Packer runs, not after the build; a name
 * whose parts come from variables or functions other than {{timestamp}} is not known until then.
 */
export function checkDerivablePrefix(builds: string[], info: TemplateInfo, template: string): void {
  for (const build of builds) {
    const amiName = info.amiNames[build]
    const sample = amiName === undefined ? undefined : sampleName(amiName)
    if (sample !== undefined && derivePrefix(sample) === undefined)
      throw new UserError(
        `${template} names the image of ${build} ${JSON.stringify(amiName)}, which has no version or timestamp after a separator to group old images by, so set '${Input.namePrefix}' for '${Input.keep}'.`,
      )
  }
}

export function parseVarFiles(files: string[], workingDirectory: string): string[] {
  return files.map((file) => {
    const path = isAbsolute(file) ? file : resolve(workingDirectory, file)
    if (!existsSync(path) || !statSync(path).isFile())
      throw new UserError(
        `Input '${Input.varFiles}' names ${JSON.stringify(file)}, which is not a file in the working directory.`,
      )
    return path
  })
}

export function parsePackerVersion(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const version = value.replace(/^v/, '')
  if (!VERSION.test(version))
    throw new UserError(
      `Input '${Input.packerVersion}' must be a Packer release such as 1.11.2; got ${JSON.stringify(value)}.`,
    )
  return version
}

export function parseMirror(value: string | undefined): string {
  if (value === undefined) return DEFAULT_PACKER_MIRROR
  let url: URL
  try {
    url = new URL(value)
  } catch {
    url = new URL('invalid:')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UserError(
      `Input '${Input.packerMirror}' must be an http(s) URL laid out like ${DEFAULT_PACKER_MIRROR}; got ${JSON.stringify(value)}.`,
    )
  return value.replace(/\/+$/, '')
}

/**
 * A Parameter Store name for the AMI id: a full path (`/app/prod/ami-id`), by SSM's rules
 * (SSM User Guide, "Requirements and constraints for parameter names"): letters, digits and
 * `_.-/`, at most 15 levels, not under the reserved `/aws` or `/ssm` prefixes, at most 1011
 * characters.
 */
export function parseParameterName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const fail = (why: string): never => {
    throw new UserError(
      `Input '${Input.ssmParameter}' must be a Parameter Store path such as /app/prod/ami-id; ${JSON.stringify(value)} ${why}.`,
    )
  }
  if (!value.startsWith('/')) fail("does not start with '/'")
  if (!/^[A-Za-z0-9_.\-/]+$/.test(value)) fail('holds characters other than letters, digits and _.-/')
  if (value.endsWith('/') || value.includes('//')) fail('has an empty level')
  // "Parameter names can't be prefixed with "aws" or "ssm" (case-insensitive)" (PutParameter, Name).
  if (/^\/(aws|ssm)/i.test(value)) fail('starts with aws or ssm, which AWS reserves (in any case)')
  if (value.split('/').length - 1 > 15) fail('is more than 15 levels deep')
  if (value.length > 1011) fail('is longer than 1011 characters')
  return value
}

/** EC2 tags (EC2 User Guide, "Tag restrictions"): at most 50, keys up to 128 characters and not `aws:`, values up to 256. */
export function parseTags(tags: Array<[string, string]>): Array<[string, string]> {
  if (tags.length > 50)
    throw new UserError(
      `Input '${Input.tags}' has ${tags.length} tags; EC2 allows at most 50 per resource, the tags the template gives the image included.`,
    )
  for (const [key, value] of tags) {
    if (key.toLowerCase().startsWith('aws:'))
      throw new UserError(
        `Input '${Input.tags}' has the key ${JSON.stringify(key)}; keys starting with aws: are reserved.`,
      )
    if (key.length > 128 || value.length > 256)
      throw new UserError(
        `Input '${Input.tags}' has the tag ${JSON.stringify(key)}, longer than EC2 allows (keys 128, values 256 characters).`,
      )
  }
  return tags
}

export function parseRetention(
  keep: number | undefined,
  namePrefix: string | undefined,
  deprecateAfter: string | undefined,
): Retention | undefined {
  if (keep === undefined) {
    const set =
      namePrefix !== undefined
        ? Input.namePrefix
        : deprecateAfter !== undefined
          ? Input.deprecateAfter
          : undefined
    if (set)
      throw new UserError(
        `Input '${set}' is set but '${Input.keep}' is not; set how many of the newest images to keep.`,
      )
    return undefined
  }
  if (namePrefix !== undefined && !/^[\w ()./\-'@[\]{}]{3,}$/.test(namePrefix))
    throw new UserError(
      `Input '${Input.namePrefix}' must be the start of an AMI name, at least 3 of the characters AMI names allow; got ${JSON.stringify(namePrefix)}.`,
    )
  const deprecateAfterMs =
    deprecateAfter === undefined
      ? undefined
      : parseDuration(Input.deprecateAfter, deprecateAfter, { min: 60_000, max: TEN_YEARS_MS })
  return { keep, namePrefix, deprecateAfterMs }
}
