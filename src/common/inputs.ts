import * as core from '@actions/core'
import { jsonErrorOffset } from './json-position'
import { UserError } from './errors'

/**
 * Typed readers for action inputs. Each reads one input (as the runner passes it, through
 * `INPUT_<NAME>`), validates it and returns a typed value, or throws a `UserError` whose one
 * sentence names the input, what was wrong and what is accepted. The `parse*` functions do the
 * same for a value that did not come from an input, so they are unit-tested without any runner.
 */

const quote = (value: string): string =>
  JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)

function raw(name: string): string {
  return core.getInput(name, { trimWhitespace: true })
}

export function getRequiredInput(name: string): string {
  const value = raw(name)
  if (value === '') throw new UserError(`Input '${name}' is required but was not provided.`)
  return value
}

export function getOptionalInput(name: string): string | undefined {
  const value = raw(name)
  return value === '' ? undefined : value
}

/** Reads a secret input and masks it (and each of its lines) before anything can log it. */
export function getSecretInput(name: string, required = false): string | undefined {
  const value = core.getInput(name, { trimWhitespace: false })
  if (value.trim() === '') {
    if (required) throw new UserError(`Input '${name}' is required but was not provided.`)
    return undefined
  }
  core.setSecret(value)
  for (const line of value.split(/\r?\n/)) if (line.trim() !== '') core.setSecret(line.trim())
  return value.trim()
}

const TRUE_VALUES = ['true', 'True', 'TRUE']
const FALSE_VALUES = ['false', 'False', 'FALSE']

/** GitHub's boolean rules (YAML 1.2 core schema: true/True/TRUE, false/False/FALSE), with a default. */
export function parseBoolean(name: string, value: string | undefined, defaultValue: boolean): boolean {
  if (value === undefined || value === '') return defaultValue
  if (TRUE_VALUES.includes(value)) return true
  if (FALSE_VALUES.includes(value)) return false
  throw new UserError(`Input '${name}' must be a boolean (true or false), got ${quote(value)}.`)
}

export function getBooleanInput(name: string, defaultValue: boolean): boolean {
  return parseBoolean(name, raw(name), defaultValue)
}

export function parseEnum<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate === value)
  if (match === undefined) {
    throw new UserError(`Input '${name}' must be one of ${allowed.join(', ')}; got ${quote(value)}.`)
  }
  return match
}

export function getEnumInput<T extends string>(name: string, allowed: readonly T[], defaultValue: T): T {
  const value = raw(name)
  return value === '' ? defaultValue : parseEnum(name, value, allowed)
}

export interface IntOptions {
  min?: number
  max?: number
}

function rangeText({ min, max }: IntOptions): string {
  if (min !== undefined && max !== undefined) return `a whole number from ${min} to ${max}`
  if (min !== undefined) return `a whole number of at least ${min}`
  if (max !== undefined) return `a whole number of at most ${max}`
  return 'a whole number'
}

/** A whole number in a range. Never falls back silently: `abc`, `1.5` and `10x` are errors. */
export function parseInteger(name: string, value: string, options: IntOptions = {}): number {
  const accepted = rangeText(options)
  if (!/^[+-]?\d+$/.test(value))
    throw new UserError(`Input '${name}' must be ${accepted}, got ${quote(value)}.`)
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed))
    throw new UserError(`Input '${name}' must be ${accepted}, got ${quote(value)}.`)
  if (
    (options.min !== undefined && parsed < options.min) ||
    (options.max !== undefined && parsed > options.max)
  ) {
    throw new UserError(`Input '${name}' must be ${accepted}, got ${parsed}.`)
  }
  return parsed
}

export function getIntInput(name: string, options: IntOptions & { default: number }): number
export function getIntInput(name: string, options?: IntOptions): number | undefined
export function getIntInput(
  name: string,
  options: IntOptions & { default?: number } = {},
): number | undefined {
  const value = raw(name)
  if (value === '') return options.default
  return parseInteger(name, value, options)
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const DURATION_TEXT = 'a duration such as 90s, 15m, 1h30m or 500ms (a bare number means seconds)'

/** Parses `15m`, `90s`, `1h30m`, `500ms`, `2d`, or a bare number of seconds, into milliseconds. */
export function parseDuration(
  name: string,
  value: string,
  options: { min?: number; max?: number } = {},
): number {
  const text = value.trim()
  let ms: number
  if (/^\d+(\.\d+)?$/.test(text)) {
    ms = Number(text) * 1000
  } else {
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)]
    if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
      throw new UserError(`Input '${name}' must be ${DURATION_TEXT}; got ${quote(value)}.`)
    }
    ms = parts.reduce((sum, part) => sum + Number(part[1]) * UNIT_MS[part[2]], 0)
  }
  ms = Math.round(ms)
  const { min, max } = options
  if (min !== undefined && ms < min) {
    throw new UserError(`Input '${name}' must be at least ${describeMs(min)}; got ${quote(value)}.`)
  }
  if (max !== undefined && ms > max) {
    throw new UserError(`Input '${name}' must be at most ${describeMs(max)}; got ${quote(value)}.`)
  }
  return ms
}

function describeMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms % 1000 === 0) return `${ms / 1000}s`
  return `${ms}ms`
}

export function getDurationInput(
  name: string,
  defaultValue: string,
  options: { min?: number; max?: number } = {},
): number {
  const value = raw(name)
  return parseDuration(name, value === '' ? defaultValue : value, options)
}

/** Splits a list written one item per line, or comma separated, or both; blank items are dropped. */
export function parseList(value: string): string[] {
  return value
    .split(/\r?\n|,/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

export function getListInput(name: string): string[] {
  return parseList(raw(name))
}

/** An S3 object, or with `kind: 'prefix'` a folder-like prefix (its key may be empty or end in `/`). */
export interface S3Location {
  uri: string
  bucket: string
  key: string
}

/** S3's bucket naming rules (general purpose buckets): 3-63 lower-case letters, digits, dots and hyphens. */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** A bucket name by S3's naming rules. */
export function parseBucketName(name: string, value: string): string {
  if (!BUCKET_NAME.test(value) || value.includes('..')) {
    throw new UserError(
      `Input '${name}' must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens), got ${quote(value)}.`,
    )
  }
  return value
}

/**
 * `s3://bucket/key`. An object URI needs a key that does not end in `/`; a prefix URI may stop
 * at the bucket or end in `/`.
 */
export function parseS3Uri(
  name: string,
  value: string,
  options: { kind?: 'object' | 'prefix'; example?: string } = {},
): S3Location {
  const kind = options.kind ?? 'object'
  const example = options.example ?? (kind === 'object' ? 's3://my-bucket/path/file' : 's3://my-bucket/path/')
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(value)
  const bucket = match?.[1] ?? ''
  const key = match?.[2] ?? ''
  const badKey = kind === 'object' ? key === '' || key.endsWith('/') : false
  if (!match || !BUCKET_NAME.test(bucket) || bucket.includes('..') || badKey) {
    throw new UserError(
      `Input '${name}' must be an ${kind === 'object' ? 'object' : 'S3 prefix'} URI such as ${example}, got ${quote(value)}.`,
    )
  }
  return { uri: value, bucket, key }
}

/** An optional `s3://` input (see parseS3Uri). */
export function getS3UriInput(
  name: string,
  options: { kind?: 'object' | 'prefix'; example?: string } = {},
): S3Location | undefined {
  const value = raw(name)
  return value === '' ? undefined : parseS3Uri(name, value, options)
}

export interface KeyValueOptions {
  /** The pattern a key must match, and the words that describe it in an error. */
  keyPattern?: RegExp
  keyDescription?: string
}

/**
 * `KEY=VALUE` pairs, one per line (or comma separated when no value holds a comma; a value
 * may contain `=`). Duplicate keys, missing `=` and empty keys are errors.
 */
export function parseKeyValues(
  name: string,
  value: string,
  options: KeyValueOptions = {},
): Array<[string, string]> {
  const lines = value.includes('\n') ? value.split(/\r?\n/) : value.split(',')
  const seen = new Set<string>()
  const pairs: Array<[string, string]> = []
  for (const line of lines) {
    const text = line.trim()
    if (text === '' || text.startsWith('#')) continue
    const at = text.indexOf('=')
    if (at <= 0) {
      throw new UserError(`Input '${name}' must hold KEY=VALUE lines; ${quote(text)} has no key before '='.`)
    }
    const key = text.slice(0, at).trim()
    const val = text.slice(at + 1).trim()
    if (options.keyPattern && !options.keyPattern.test(key)) {
      throw new UserError(
        `Input '${name}' has an invalid key ${quote(key)}; keys must be ${options.keyDescription ?? `like ${options.keyPattern}`}.`,
      )
    }
    if (seen.has(key)) throw new UserError(`Input '${name}' sets ${quote(key)} more than once.`)
    seen.add(key)
    pairs.push([key, val])
  }
  return pairs
}

export function getKeyValueInput(name: string, options: KeyValueOptions = {}): Array<[string, string]> {
  return parseKeyValues(name, raw(name), options)
}

/** Parses JSON, naming line and column on a syntax error. */
export function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UserError(`Input '${name}' is not valid JSON: ${describeJsonError(text, error)}.`)
  }
}

/**
 * Turns V8's JSON.parse error into `line L, column C: <reason>`. V8 gives the position for most
 * errors, but for an unexpected token it gives only a snippet with encoded newlines
 * (`Unexpected token ']', ..."x" },\n  ]\n}" is not valid JSON`); then a scan of the text finds
 * the place (json-position.ts), and the sentence quotes the offending line.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const lineCol = /line (\d+) column (\d+)/.exec(message)
  const position = /position (\d+)/.exec(message)
  const at = (offset: number): string => {
    const before = text.slice(0, offset).split('\n')
    return `line ${before.length}, column ${before[before.length - 1].length + 1}`
  }
  let where = ''
  let near = ''
  if (lineCol) {
    where = `line ${lineCol[1]}, column ${lineCol[2]}`
  } else if (position) {
    where = at(Number(position[1]))
  } else if (/end of JSON input/i.test(message)) {
    const lines = text.split('\n')
    where = `line ${lines.length}, column ${lines[lines.length - 1].length + 1} (unexpected end)`
  } else {
    const offset = jsonErrorOffset(text)
    if (offset !== undefined) {
      where = at(offset)
      const line = text
        .slice(text.lastIndexOf('\n', offset - 1) + 1)
        .split('\n')[0]
        .trim()
      near = ` in ${JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line)}`
    }
  }
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/, (?:"|\.\.\.").*" is not valid JSON$/s, '')
    .replace(/^JSON\.parse: /, '')
  return where ? `${where}: ${reason}${near}` : reason
}

export function getJsonInput(name: string): unknown {
  const value = raw(name)
  return value === '' ? undefined : parseJson(name, value)
}

/** Throws when more than one of the given inputs is set: `Inputs 'image' and 'task-definition' cannot be used together`. */
export function exclusive(inputs: Record<string, unknown>): void {
  const set = Object.entries(inputs)
    .filter(
      ([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
    )
    .map(([name]) => `'${name}'`)
  if (set.length > 1) {
    throw new UserError(`Inputs ${set.join(' and ')} cannot be used together; set at most one of them.`)
  }
}
