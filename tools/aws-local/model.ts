// Loading AWS's machine-readable service models (botocore's service-2.json) and small helpers
// to walk their shapes. Everything about wire formats and validation is derived from these.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gunzipSync } from 'node:zlib'

export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'boolean'
  | 'timestamp'
  | 'blob'

/** A reference from a structure member, list member or map key/value to a named shape. */
export interface ShapeRef {
  shape: string
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode'
  locationName?: string
  queryName?: string
  flattened?: boolean
  xmlNamespace?: { uri: string; prefix?: string }
  xmlAttribute?: boolean
  streaming?: boolean
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp'
  jsonvalue?: boolean
  idempotencyToken?: boolean
  hostLabel?: boolean
}

export interface Shape {
  type: ShapeType
  members?: Record<string, ShapeRef>
  member?: ShapeRef
  key?: ShapeRef
  value?: ShapeRef
  required?: string[]
  enum?: string[]
  min?: number
  max?: number
  pattern?: string
  payload?: string
  flattened?: boolean
  locationName?: string
  xmlNamespace?: { uri: string; prefix?: string }
  streaming?: boolean
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp'
  exception?: boolean
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean }
}

export interface Operation {
  name: string
  http: { method: string; requestUri: string; responseCode?: number }
  input?: ShapeRef
  output?: ShapeRef
  errors?: ShapeRef[]
}

export interface ServiceModel {
  metadata: {
    apiVersion: string
    protocol: 'json' | 'rest-xml' | 'ec2' | 'query' | 'rest-json'
    targetPrefix?: string
    jsonVersion?: string
    xmlNamespace?: string
    endpointPrefix: string
    signingName?: string
  }
  operations: Record<string, Operation>
  shapes: Record<string, Shape>
}

/** The API version each service is served at (the one the SDK v3 clients speak). */
export const API_VERSIONS: Record<string, string> = {
  ecs: '2014-11-13',
  ssm: '2014-11-06',
  s3: '2006-03-01',
  cloudfront: '2020-05-31',
  ec2: '2016-11-15',
  elbv2: '2015-12-01',
}

/** Debian's python3-botocore (1.29, from 2022): the last resort, older than several APIs the suite uses. */
export const DEBIAN_DATA_DIR = '/usr/lib/python3/dist-packages/botocore/data'
const cache = new Map<string, ServiceModel>()

/** Where the service models come from, and which botocore release they belong to. */
export interface ModelSource {
  /** The botocore `data` directory (`<service>/<api-version>/service-2.json[.gz]` under it). */
  dir: string
  /** botocore's version (`1.43.11`), or `unknown`. */
  version: string
  /** How it was chosen: the environment variable, the `python3` on PATH, or Debian's package. */
  origin: 'AWS_LOCAL_BOTOCORE_DATA' | 'python3' | 'debian'
}

const PYTHON_PROBE =
  'import botocore, os; print(botocore.__version__); print(os.path.join(os.path.dirname(botocore.__file__), "data"))'
let python3Botocore: { dir: string; version: string } | null | undefined

/**
 * The botocore importable by the first `python3` on PATH: its version and data directory, or
 * undefined when there is no python3, no botocore, no data directory, or it takes too long.
 */
export function findPythonBotocore(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 5_000,
): { dir: string; version: string } | undefined {
  try {
    const out = execFileSync('python3', ['-c', PYTHON_PROBE], {
      env,
      encoding: 'utf8',
      timeout: timeoutMs,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const [version, dir] = out.trim().split(/\r?\n/)
    if (version && dir && existsSync(dir)) return { dir, version: version.trim() }
  } catch {
    // No python3, no botocore, a broken interpreter or a timeout: fall back to the next source.
  }
  return undefined
}

/** botocore's `__version__` from the package's `__init__.py` one level above a data directory. */
export function botocoreVersionAt(dir: string): string {
  try {
    const init = readFileSync(join(dirname(dir), '__init__.py'), 'utf8')
    return /^__version__\s*=\s*['"]([^'"]+)['"]/m.exec(init)?.[1] ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/**
 * The models to use, in this order: `AWS_LOCAL_BOTOCORE_DATA`; the botocore of the first
 * `python3` on PATH (asked once per process); Debian's python3-botocore.
 */
export function modelSource(): ModelSource {
  const explicit = process.env.AWS_LOCAL_BOTOCORE_DATA
  if (explicit)
    return { dir: explicit, version: botocoreVersionAt(explicit), origin: 'AWS_LOCAL_BOTOCORE_DATA' }
  if (python3Botocore === undefined) python3Botocore = findPythonBotocore() ?? null
  if (python3Botocore) return { ...python3Botocore, origin: 'python3' }
  return { dir: DEBIAN_DATA_DIR, version: botocoreVersionAt(DEBIAN_DATA_DIR), origin: 'debian' }
}

/** `botocore 1.43.11 (/path/to/botocore/data, from the python3 on PATH)` */
export function describeModelSource(source: ModelSource = modelSource()): string {
  const how = {
    AWS_LOCAL_BOTOCORE_DATA: 'set by AWS_LOCAL_BOTOCORE_DATA',
    python3: 'from the python3 on PATH',
    debian: "Debian's python3-botocore",
  }[source.origin]
  return `botocore ${source.version} (${source.dir}, ${how})`
}

export function botocoreDataDir(): string {
  return modelSource().dir
}

/** Loads (once per process) the model of a service; models may be stored plain or gzipped. */
export function loadModel(service: string, apiVersion = API_VERSIONS[service]): ServiceModel {
  const key = `${botocoreDataDir()}/${service}/${apiVersion}`
  const cached = cache.get(key)
  if (cached) return cached
  if (!apiVersion) throw new Error(`aws-local: no API version known for service '${service}'`)
  const base = join(botocoreDataDir(), service, apiVersion, 'service-2.json')
  let text: string
  if (existsSync(base)) text = readFileSync(base, 'utf8')
  else if (existsSync(`${base}.gz`)) text = gunzipSync(readFileSync(`${base}.gz`)).toString('utf8')
  else
    throw new Error(
      `aws-local: service model not found at ${base}[.gz] (${describeModelSource()}); install a current botocore for python3, or set AWS_LOCAL_BOTOCORE_DATA`,
    )
  const model = JSON.parse(text) as ServiceModel
  // The key is the public operation name; `name` may carry a version suffix (CloudFront `GetDistribution2020_05_31`).
  for (const [name, op] of Object.entries(model.operations)) op.name = name
  cache.set(key, model)
  return model
}

export function shapeOf(model: ServiceModel, ref: ShapeRef | string): Shape {
  const name = typeof ref === 'string' ? ref : ref.shape
  const shape = model.shapes[name]
  if (!shape)
    throw new Error(`aws-local: shape '${name}' missing from the ${model.metadata.endpointPrefix} model`)
  return shape
}

export function inputShape(model: ServiceModel, op: Operation): Shape | undefined {
  return op.input ? shapeOf(model, op.input) : undefined
}

export function outputShape(model: ServiceModel, op: Operation): Shape | undefined {
  return op.output ? shapeOf(model, op.output) : undefined
}

/** The error shape of a code (AWS error codes are the shape names, or `error.code` when it differs). */
export function errorShape(model: ServiceModel, code: string): Shape | undefined {
  const direct = model.shapes[code]
  if (direct?.exception) return direct
  return Object.values(model.shapes).find((s) => s.exception && s.error?.code === code)
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  )
}

/** Timestamps arrive as Date, ISO strings or epoch seconds from scripts; normalise to Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value
  if (typeof value === 'number') return new Date(value * 1000)
  return new Date(String(value))
}

export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  return Buffer.from(String(value), 'utf8')
}

/** Formats a timestamp the way AWS does for the given wire format. */
export function formatTimestamp(
  value: unknown,
  format: 'iso8601' | 'rfc822' | 'unixTimestamp',
): string | number {
  const date = toDate(value)
  if (format === 'unixTimestamp') return date.getTime() / 1000
  if (format === 'rfc822') return date.toUTCString()
  return date.toISOString()
}

export function parseTimestamp(text: string): Date | undefined {
  const trimmed = text.trim()
  const date = /^\d+(\.\d+)?$/.test(trimmed) ? new Date(Number(trimmed) * 1000) : new Date(trimmed)
  return Number.isNaN(date.getTime()) ? undefined : date
}
