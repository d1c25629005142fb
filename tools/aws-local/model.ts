// Loading AWS's machine-readable service models (botocore's service-2.json) and small helpers
// to walk their shapes. Everything about wire formats and validation is derived from these.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
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
}

const DEFAULT_DATA_DIR = '/usr/lib/python3/dist-packages/botocore/data'
const cache = new Map<string, ServiceModel>()

export function botocoreDataDir(): string {
  return process.env.AWS_LOCAL_BOTOCORE_DATA || DEFAULT_DATA_DIR
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
      `aws-local: service model not found at ${base}[.gz]; install python3-botocore or set AWS_LOCAL_BOTOCORE_DATA`,
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
