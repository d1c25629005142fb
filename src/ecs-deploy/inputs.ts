import { readFileSync, statSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { getMaxAttemptsInput, resolveRegion, type AwsSettings } from '../common/aws'
import { UserError } from '../common/errors'
import {
  getBooleanInput,
  getDurationInput,
  getEnumInput,
  getIntInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  parseEnum,
  describeJsonError,
  parseKeyValues,
} from '../common/inputs'
import { ACTION, Input } from './constants'
import { isImageError, parseImageReference } from './image'

/** What is rolled out. */
export type Source =
  /** A new deployment of the task definition each service runs now. */
  | { kind: 'force' }
  /** A copy of each service's task definition with new images (and environment). */
  | { kind: 'image' }
  /** A task definition read from a file in the repository, registered as a new revision. */
  | { kind: 'file'; path: string; definition: Record<string, unknown> }
  /** An existing task definition: `family:revision`, a family's latest ACTIVE revision, or an ARN. */
  | { kind: 'existing'; reference: string }

/** New images: one for the only container of a task definition, or one per named container. */
export type Images =
  | { kind: 'none' }
  | { kind: 'single'; image: string }
  | { kind: 'per-container'; images: Map<string, string> }

export interface EnvironmentSetting {
  /** Undefined when written without a container (`KEY=VALUE`): the task definition's only container. */
  container?: string
  name: string
  value: string
}

/**
 * When the smoke test runs: once test traffic reaches the new revision (any native strategy),
 * or once the first step of production traffic does (LINEAR and CANARY).
 */
export type TestMoment = 'test-traffic' | 'first-step'

export interface TestSpec {
  command: string
  /** The test listener's URL, given to the command as INFRA_ACTIONS_TEST_URL. */
  url?: string
  at: TestMoment
}

export interface RunTaskSpec {
  command: string[]
  container?: string
}

/**
 * What done means. ROLLING: `stable` is the deployment COMPLETED, `healthy` the new tasks
 * running and passing their container health checks, `traffic-shifted` the same as `stable`.
 * BLUE_GREEN, LINEAR, CANARY: `stable` and `healthy` are the service deployment SUCCESSFUL
 * (after its bake time and clean-up), `traffic-shifted` is all production traffic on the new
 * revision (the bake time and clean-up go on under ECS).
 */
export type WaitFor = 'stable' | 'healthy' | 'traffic-shifted'

export interface Inputs {
  cluster: string
  services: string[]
  source: Source
  images: Images
  environment: EnvironmentSetting[]
  desiredCount?: number
  wait: boolean
  waitFor: WaitFor
  timeoutMs: number
  maxFailedTasks?: number
  rollback: boolean
  runTask?: RunTaskSpec
  /** A smoke test run on the runner once test traffic reaches the new revision of a native deployment. */
  test?: TestSpec
  keepRevisions?: number
  regions: string[]
  dryRun: boolean
  aws: AwsSettings
}

const NAME = /^[A-Za-z0-9_-]{1,255}$/
const SERVICE = /^(?:arn:aws[\w-]*:ecs:[\w-]+:\d{12}:service\/(?:[A-Za-z0-9_-]+\/)?)?[A-Za-z0-9_-]{1,255}$/
const CLUSTER = /^(?:arn:aws[\w-]*:ecs:[\w-]+:\d{12}:cluster\/)?[A-Za-z0-9_-]{1,255}$/
const TASK_DEFINITION_REFERENCE =
  /^(?:arn:aws[\w-]*:ecs:[\w-]+:\d{12}:task-definition\/)?[A-Za-z0-9_-]{1,255}(?::\d+)?$/
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const image = getOptionalInput(Input.image)
  const taskDefinition = getOptionalInput(Input.taskDefinition)
  const environmentText = getOptionalInput(Input.environment)
  const source = parseSource(taskDefinition, image, env.GITHUB_WORKSPACE ?? process.cwd())
  const region = resolveRegion(getOptionalInput(Input.region), env, Input.region)
  const regions = getListInput(Input.regions).map((r) => resolveRegion(r, {}, Input.regions))
  const runTaskCommand = getOptionalInput(Input.runTask)
  const inputs: Inputs = {
    cluster: parseCluster(getRequiredInput(Input.cluster)),
    services: parseServices(getListInput(Input.services)),
    source,
    images: parseImages(image),
    environment: parseEnvironment(environmentText, source),
    desiredCount: getIntInput(Input.desiredCount, { min: 0, max: 100_000 }),
    wait: getBooleanInput(Input.wait, true),
    waitFor: getEnumInput(Input.waitFor, ['stable', 'healthy', 'traffic-shifted'] as const, 'stable'),
    timeoutMs: getDurationInput(Input.timeout, '15m', { min: 10_000, max: 6 * 3_600_000 }),
    maxFailedTasks: getIntInput(Input.maxFailedTasks, { min: 1, max: 1000 }),
    rollback: getBooleanInput(Input.rollback, true),
    runTask: parseRunTask(runTaskCommand, getOptionalInput(Input.runTaskContainer)),
    test: parseTest(
      getOptionalInput(Input.testCommand),
      getOptionalInput(Input.testUrl),
      getOptionalInput(Input.testAt),
    ),
    keepRevisions: getIntInput(Input.keepRevisions, { min: 1, max: 1000 }),
    regions: regions.length > 0 ? unique(regions) : [region],
    dryRun: getBooleanInput(Input.dryRun, false),
    aws: {
      region,
      maxAttempts: getMaxAttemptsInput(Input.maxAttempts),
      action: ACTION,
    },
  }
  checkArnRegions(inputs)
  if (inputs.test && !inputs.wait)
    throw new UserError(
      `Input '${Input.testCommand}' runs while the action waits for the deployment, but '${Input.wait}' is false.`,
    )
  return inputs
}

/** 'test-command', 'test-url' and 'test-at'; the URL must be http or https. */
export function parseTest(
  command: string | undefined,
  url: string | undefined,
  at?: string,
): TestSpec | undefined {
  if (command === undefined) {
    for (const [name, value] of [
      [Input.testUrl, url],
      [Input.testAt, at],
    ] as const)
      if (value !== undefined)
        throw new UserError(
          `Input '${name}' is set but '${Input.testCommand}' is not; set the command to run.`,
        )
    return undefined
  }
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url))
    throw new UserError(`Input '${Input.testUrl}' must be an http or https URL; got ${JSON.stringify(url)}.`)
  return {
    command,
    url,
    at: parseEnum(Input.testAt, at ?? 'test-traffic', ['test-traffic', 'first-step'] as const),
  }
}

/**
 * An ARN names a resource of one region, which no other region has: a cluster, service or task
 * definition given as an ARN must be in the one region rolled out. Names are resolved by each
 * region on its own.
 */
export function checkArnRegions(inputs: Pick<Inputs, 'cluster' | 'services' | 'source' | 'regions'>): void {
  const references: Array<[string, string]> = [
    [Input.cluster, inputs.cluster],
    ...inputs.services.map((s): [string, string] => [Input.services, s]),
  ]
  if (inputs.source.kind === 'existing') references.push([Input.taskDefinition, inputs.source.reference])
  for (const [name, value] of references) {
    if (!value.startsWith('arn:')) continue
    const region = value.split(':')[3]
    const others = inputs.regions.filter((r) => r !== region)
    if (others.length === 0) continue
    throw new UserError(
      `Input '${name}' gives ${value}, an ARN in ${region}, which names nothing in ${others.join(' or ')}; give the name instead, which each region resolves on its own.`,
    )
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

export function parseCluster(value: string): string {
  if (!CLUSTER.test(value)) {
    throw new UserError(
      `Input '${Input.cluster}' must be a cluster name (letters, digits, '-' and '_') or a cluster ARN; got ${JSON.stringify(value)}.`,
    )
  }
  return value
}

export function parseServices(names: string[]): string[] {
  if (names.length === 0) throw new UserError(`Input '${Input.services}' is required but was not provided.`)
  for (const name of names) {
    if (!SERVICE.test(name)) {
      throw new UserError(
        `Input '${Input.services}' must list service names or ARNs; ${JSON.stringify(name)} is neither.`,
      )
    }
  }
  const names_ = names.map(serviceName)
  const duplicate = names_.find((name, i) => names_.indexOf(name) !== i)
  if (duplicate)
    throw new UserError(
      `Input '${Input.services}' names service ${JSON.stringify(duplicate)} more than once.`,
    )
  return names
}

/** The service name of a name or ARN (`arn:...:service/prod/api` -> `api`). */
export function serviceName(nameOrArn: string): string {
  return nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1)
}

/** Decides what is rolled out from 'task-definition' and 'image'; reads and parses a file. */
export function parseSource(
  taskDefinition: string | undefined,
  image: string | undefined,
  workspace: string,
): Source {
  if (taskDefinition === undefined) return image === undefined ? { kind: 'force' } : { kind: 'image' }
  if (isDirectory(taskDefinition, workspace)) {
    throw new UserError(
      `Input '${Input.taskDefinition}' names the directory ${taskDefinition} in the workspace; give the task definition JSON file in it (for example ${taskDefinition.replace(/\/$/, '')}/task-definition.json), a family[:revision] or a task definition ARN.`,
    )
  }
  if (looksLikeFile(taskDefinition)) {
    return {
      kind: 'file',
      path: taskDefinition,
      definition: readTaskDefinitionFile(taskDefinition, workspace),
    }
  }
  if (!TASK_DEFINITION_REFERENCE.test(taskDefinition)) {
    throw new UserError(
      `Input '${Input.taskDefinition}' must be a JSON file in the repository, a family[:revision] or a task definition ARN; got ${JSON.stringify(taskDefinition)}.`,
    )
  }
  if (image !== undefined) {
    throw new UserError(
      `Inputs '${Input.image}' and '${Input.taskDefinition}' cannot be used together when '${Input.taskDefinition}' names an existing revision (${taskDefinition}); give a task definition file, or 'image' alone to copy each service's current revision.`,
    )
  }
  return { kind: 'existing', reference: taskDefinition }
}

function isDirectory(path: string, workspace: string): boolean {
  try {
    return statSync(isAbsolute(path) ? path : resolve(workspace, path)).isDirectory()
  } catch {
    return false
  }
}

function looksLikeFile(value: string): boolean {
  return value.endsWith('.json') || (value.includes('/') && !value.startsWith('arn:'))
}

export function readTaskDefinitionFile(path: string, workspace: string): Record<string, unknown> {
  const full = isAbsolute(path) ? path : resolve(workspace, path)
  let text: string
  try {
    text = readFileSync(full, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`
    throw new UserError(
      `Input '${Input.taskDefinition}' names the file ${path}, which ${why} in the workspace.`,
    )
  }
  return parseTaskDefinitionJson(path, text)
}

/** Parses a task definition file: a task definition, or the output of `aws ecs describe-task-definition`. */
export function parseTaskDefinitionJson(path: string, text: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new UserError(
      `The task definition file ${path} is not valid JSON: ${describeJsonError(text, error)}.`,
    )
  }
  const root = isObject(parsed) && isObject(parsed.taskDefinition) ? parsed.taskDefinition : parsed
  if (!isObject(root)) throw new UserError(`The task definition file ${path} must hold a JSON object.`)
  if (typeof root.family !== 'string' || !NAME.test(root.family)) {
    throw new UserError(
      `The task definition file ${path} must set "family" to a name of letters, digits, '-' and '_'.`,
    )
  }
  const containers = root.containerDefinitions
  if (
    !Array.isArray(containers) ||
    containers.length === 0 ||
    !containers.every((c) => isObject(c) && typeof c.name === 'string')
  ) {
    throw new UserError(
      `The task definition file ${path} must list "containerDefinitions", each with a "name".`,
    )
  }
  return root
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `image`: one image reference, or `container=image` lines. Every reference must be well-formed. */
export function parseImages(text: string | undefined): Images {
  if (text === undefined) return { kind: 'none' }
  const lines = text
    .split(/\r?\n|,/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
  if (lines.length === 1 && !lines[0].includes('=')) return { kind: 'single', image: checkImage(lines[0]) }
  const pairs = parseKeyValues(Input.image, lines.join('\n'), {
    keyPattern: NAME,
    keyDescription: 'container names',
  })
  return {
    kind: 'per-container',
    images: new Map(pairs.map(([container, image]) => [container, checkImage(image, container)])),
  }
}

export function checkImage(image: string, container?: string): string {
  const parsed = parseImageReference(image)
  if (isImageError(parsed)) {
    const forWhom = container ? ` for container ${container}` : ''
    throw new UserError(
      `Input '${Input.image}' has a malformed image reference ${JSON.stringify(image)}${forWhom}: ${parsed.error}.`,
    )
  }
  return image
}

/** `environment`: `container.KEY=VALUE` lines (or `KEY=VALUE` for a task definition's only container). */
export function parseEnvironment(text: string | undefined, source: Source): EnvironmentSetting[] {
  if (text === undefined) return []
  if (source.kind === 'force' || source.kind === 'existing') {
    throw new UserError(
      `Input '${Input.environment}' needs a new revision to change: set 'image' or a task definition file in '${Input.taskDefinition}' with it.`,
    )
  }
  return parseKeyValues(Input.environment, text).map(([key, value]) => {
    const dot = key.indexOf('.')
    const container = dot > 0 ? key.slice(0, dot) : undefined
    const name = dot > 0 ? key.slice(dot + 1) : key
    if ((container !== undefined && !NAME.test(container)) || !ENV_NAME.test(name)) {
      throw new UserError(
        `Input '${Input.environment}' has an invalid key ${JSON.stringify(key)}; write container.NAME=value with NAME made of letters, digits and '_'.`,
      )
    }
    return { container, name, value }
  })
}

/** `run-task`: a command as a JSON array of strings, or words separated by spaces (quotes group words). */
export function parseRunTask(
  text: string | undefined,
  container: string | undefined,
): RunTaskSpec | undefined {
  if (text === undefined) {
    if (container !== undefined)
      throw new UserError(
        `Input '${Input.runTaskContainer}' is set but '${Input.runTask}' is not; set the command to run.`,
      )
    return undefined
  }
  if (container !== undefined && !NAME.test(container)) {
    throw new UserError(
      `Input '${Input.runTaskContainer}' must be a container name; got ${JSON.stringify(container)}.`,
    )
  }
  return { command: parseCommand(text), container }
}

export function parseCommand(text: string): string[] {
  if (text.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new UserError(
        `Input '${Input.runTask}' is not a valid JSON array: ${describeJsonError(text, error)}.`,
      )
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((w) => typeof w === 'string')) {
      throw new UserError(
        `Input '${Input.runTask}' must be a non-empty JSON array of strings when it starts with '['.`,
      )
    }
    return parsed as string[]
  }
  return splitWords(text)
}

/** Splits a command line on whitespace; single or double quotes group words. No other shell syntax. */
export function splitWords(text: string): string[] {
  if (unbalanced(text))
    throw new UserError(`Input '${Input.runTask}' has an unterminated quote: ${JSON.stringify(text)}.`)
  const words: string[] = []
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g
  let current = ''
  let last = -1
  for (const match of text.matchAll(pattern)) {
    const piece = match[1] ?? match[2] ?? match[3]
    const index = match.index as number
    if (last === index) current += piece
    else {
      if (last >= 0) words.push(current)
      current = piece
    }
    last = index + match[0].length
  }
  if (last >= 0) words.push(current)
  return words
}

function unbalanced(text: string): boolean {
  let quote: string | undefined
  for (const ch of text) {
    if (quote === undefined && (ch === '"' || ch === "'")) quote = ch
    else if (ch === quote) quote = undefined
  }
  return quote !== undefined
}
