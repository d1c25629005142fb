// The HTTP server: finds the service and operation of each request, decodes and validates it with
// the protocol derived from the model, applies scripted faults and delays, runs the behaviour,
// records the call, and answers in the service's wire format.
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeAwsChunked } from './checksums'
import { Clock } from './clock'
import { AwsError } from './errors'
import { inputShape, isPlainObject, loadModel } from './model'
import { parseForm } from './protocols/ec2-query'
import { SERVICE_FACTORIES, type ServiceMap, type ServiceName } from './services'
import type { AwsService, CallContext, Input, Protocol, RawRequest, RawResponse } from './types'
import { validate } from './validate'

export interface RecordedCall {
  service: string
  operation: string
  input: Input | undefined
  time: Date
  status: number
  error?: { code: string; message: string }
}

export interface FaultSpec {
  kind: 'throttle' | 'http5xx' | 'reset' | 'error'
  /** How many of the next calls fail (default 1). */
  times?: number
  /** For `error`: the AWS error code. */
  code?: string
  /** For `http5xx` (default 500) and `error` (default: the model's, else 400). */
  status?: number
  message?: string
}

export interface AwsLocalOptions {
  /** 0 (default) lets the OS pick a free port. */
  port?: number
  host?: string
  region?: string
  accountId?: string
}

export const CONTROL_PREFIX = '/_aws-local/'
const DEFAULT_MUTATING = (operation: string) => !/^(Describe|Get|List|Head)/.test(operation)

export class AwsLocal {
  readonly clock = new Clock()
  readonly region: string
  readonly accountId: string
  readonly calls: RecordedCall[] = []
  private readonly faults = new Map<string, Required<Pick<FaultSpec, 'kind' | 'times'>> & FaultSpec>()
  private readonly delays = new Map<string, number>()
  private readonly services = new Map<ServiceName, { module: AwsService; protocol: Protocol }>()
  private server: Server | undefined
  private baseUrl = ''

  constructor(options: AwsLocalOptions = {}) {
    this.region = options.region ?? 'us-east-1'
    this.accountId = options.accountId ?? '123456789012'
    for (const [name, factory] of Object.entries(SERVICE_FACTORIES) as [
      ServiceName,
      (typeof SERVICE_FACTORIES)[ServiceName],
    ][]) {
      const env = { clock: this.clock, region: this.region, accountId: this.accountId }
      this.services.set(name, { module: factory.create(env), protocol: factory.protocol(loadModel(name)) })
    }
  }

  /** `http://127.0.0.1:PORT` */
  get url(): string {
    return this.baseUrl
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<this> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('aws-local: unexpected failure', error)
        if (!res.headersSent) res.writeHead(500).end()
      })
    })
    server.keepAliveTimeout = 5_000
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve())
    })
    this.server = server
    const address = server.address() as AddressInfo
    this.baseUrl = `http://${host}:${address.port}`
    return this
  }

  async close(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Environment for a child process whose SDK clients must talk to this stand-in. */
  env(): Record<string, string> {
    return {
      AWS_ENDPOINT_URL: this.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SESSION_TOKEN: '',
      AWS_REGION: this.region,
      AWS_DEFAULT_REGION: this.region,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PROFILE: '',
    }
  }

  service<K extends ServiceName>(name: K): ServiceMap[K] {
    return this.entry(name).module as ServiceMap[K]
  }

  callsOf(service: string, operation?: string): RecordedCall[] {
    return this.calls.filter(
      (c) => c.service === service && (operation === undefined || c.operation === operation),
    )
  }

  isMutating(service: string, operation: string): boolean {
    const module = this.services.get(service as ServiceName)?.module
    return module?.isMutating ? module.isMutating(operation) : DEFAULT_MUTATING(operation)
  }

  /** Calls of operations that change state (whether or not they succeeded). */
  mutatingCalls(): RecordedCall[] {
    return this.calls.filter((c) => this.isMutating(c.service, c.operation))
  }

  /** Makes the next `times` calls of an operation (`*` for any) fail. */
  fault(service: string, operation: string, spec: FaultSpec): void {
    this.faults.set(`${service}:${operation}`, { ...spec, times: spec.times ?? 1 })
  }

  /** Adds latency to every call of an operation (`*` for any); 0 removes it. */
  delay(service: string, operation: string, ms: number): void {
    if (ms > 0) this.delays.set(`${service}:${operation}`, ms)
    else this.delays.delete(`${service}:${operation}`)
  }

  /** Clears calls, faults and delays, and (unless `state: false`) every service's state and the clock. */
  reset(options: { state?: boolean } = {}): void {
    this.calls.length = 0
    this.faults.clear()
    this.delays.clear()
    if (options.state === false) return
    this.clock.reset()
    for (const { module } of this.services.values()) module.reset()
  }

  private entry(name: ServiceName) {
    const entry = this.services.get(name)
    if (!entry) throw new Error(`aws-local: unknown service '${name}'`)
    return entry
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRequest(req)
    if (raw.path.startsWith(CONTROL_PREFIX)) return this.control(raw, res)
    const name = this.detectService(raw)
    if (!name) {
      const body = JSON.stringify({ message: 'aws-local: cannot tell which service this request is for' })
      res.writeHead(400, { 'content-type': 'application/json' }).end(body)
      return
    }
    const { module, protocol } = this.entry(name)
    const requestId = name === 's3' ? randomBytes(8).toString('hex').toUpperCase() : randomUUID()
    const send = (response: RawResponse) => writeResponse(res, raw.method, response)
    const fail = (error: AwsError, record?: RecordedCall) => {
      const response = protocol.encodeError(error, { requestId })
      if (record) {
        record.status = response.status
        record.error = { code: error.code, message: error.message }
      }
      send(response)
    }
    if (name === 's3') {
      try {
        normaliseS3(raw)
      } catch (error) {
        return fail(
          error instanceof AwsError ? error : new AwsError('IncompleteBody', (error as Error).message),
        )
      }
    }

    const op = protocol.resolve(raw)
    if ('unknown' in op) {
      const error = protocol.unknownOperation(op.unknown)
      this.calls.push({ service: name, operation: op.unknown, input: undefined, time: new Date(), status: 0 })
      return fail(error, this.calls[this.calls.length - 1])
    }
    const record: RecordedCall = {
      service: name,
      operation: op.name,
      input: undefined,
      time: new Date(),
      status: 0,
    }
    this.calls.push(record)
    let input: Input
    try {
      input = protocol.decode(raw, op)
      record.input = input
    } catch (error) {
      return fail(asAwsError(error), record)
    }

    const delay = this.delays.get(`${name}:${op.name}`) ?? this.delays.get(`${name}:*`)
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay))
    const fault = this.takeFault(name, op.name)
    if (fault) {
      if (fault.kind === 'reset') {
        record.status = 0
        record.error = { code: 'ECONNRESET', message: 'connection reset by aws-local' }
        req.socket.destroy()
        return
      }
      const error =
        fault.kind === 'throttle'
          ? protocol.throttling()
          : fault.kind === 'http5xx'
            ? protocol.serverError(fault.status ?? 500)
            : new AwsError(fault.code ?? 'InternalFailure', fault.message ?? '', fault.status)
      return fail(
        fault.message && fault.kind !== 'error'
          ? new AwsError(error.code, fault.message, error.status)
          : error,
        record,
      )
    }

    const shape = inputShape(protocol.model, op)
    const issues = shape ? validate(protocol.model, shape, input) : []
    if (issues.length) return fail(protocol.validationError(issues, op), record)

    const handler = module.handlers[op.name]
    if (!handler)
      return fail(
        new AwsError(
          protocol.unknownOperation(op.name).code,
          `aws-local does not implement ${name}:${op.name} yet; add a handler in tools/aws-local/services/${name}.ts`,
          501,
        ),
        record,
      )
    const ctx: CallContext = {
      service: name,
      operation: op.name,
      requestId,
      region: this.region,
      accountId: this.accountId,
      clock: this.clock,
      request: raw,
      responseHeaders: {},
    }
    try {
      const output = await handler(input, ctx)
      const response = protocol.encode(op, output, ctx)
      record.status = response.status
      send(response)
    } catch (error) {
      if (!(error instanceof AwsError)) console.error(`aws-local: ${name}:${op.name} failed`, error)
      fail(asAwsError(error), record)
    }
  }

  private takeFault(service: string, operation: string): FaultSpec | undefined {
    for (const key of [`${service}:${operation}`, `${service}:*`]) {
      const fault = this.faults.get(key)
      if (!fault) continue
      fault.times -= 1
      if (fault.times <= 0) this.faults.delete(key)
      return fault
    }
    return undefined
  }

  /**
   * The service of a request: the SigV4 credential scope names it; unsigned requests fall back to
   * protocol hints (X-Amz-Target, an `Action=` form, the CloudFront path prefix), else S3.
   */
  private detectService(req: RawRequest): ServiceName | undefined {
    const scope =
      /Credential=[^/,]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '')?.[1] ??
      /^[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request$/.exec(
        req.query.find(([k]) => k === 'X-Amz-Credential')?.[1] ?? '',
      )?.[1]
    if (scope && this.services.has(scope as ServiceName)) return scope as ServiceName
    const target = req.headers['x-amz-target']
    if (target) {
      const prefix = target.slice(0, target.lastIndexOf('.'))
      for (const [name, { protocol }] of this.services)
        if (protocol.model.metadata.targetPrefix === prefix) return name
      return undefined
    }
    if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      if (parseForm(req.body).some(([k]) => k === 'Action')) return 'ec2'
    }
    if (req.path.startsWith('/2020-05-31/')) return 'cloudfront'
    return scope ? undefined : 's3'
  }

  private control(req: RawRequest, res: ServerResponse): void {
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(toJsonSafe(value)))
    }
    const route = `${req.method} ${req.path.slice(CONTROL_PREFIX.length - 1)}`
    let body: Record<string, unknown> = {}
    try {
      const text = req.body.toString('utf8').trim()
      if (text) body = JSON.parse(text) as Record<string, unknown>
    } catch {
      return json(400, { message: 'body is not JSON' })
    }
    const query = new Map(req.query)
    try {
      if (route === 'GET /health') return json(200, { ok: true, url: this.url })
      if (route === 'GET /calls') {
        const service = query.get('service')
        const operation = query.get('operation')
        let calls = service ? this.callsOf(service, operation) : this.calls
        if (query.get('mutating') === 'true')
          calls = calls.filter((c) => this.isMutating(c.service, c.operation))
        return json(200, calls)
      }
      if (route === 'POST /reset') {
        this.reset({ state: body.state !== false })
        return json(200, { ok: true })
      }
      if (route === 'POST /fault') {
        const { service, operation, ...spec } = body as unknown as {
          service: string
          operation: string
        } & FaultSpec
        this.fault(service, operation, spec)
        return json(200, { ok: true })
      }
      if (route === 'POST /delay') {
        this.delay(String(body.service), String(body.operation), Number(body.ms))
        return json(200, { ok: true })
      }
      if (route === 'POST /clock') {
        if (typeof body.advanceMs === 'number') this.clock.advance(body.advanceMs)
        if (body.set !== undefined) this.clock.set(new Date(body.set as string))
        if (body.freeze === true) this.clock.freeze()
        if (body.freeze === false) this.clock.unfreeze()
        return json(200, { now: this.clock.now() })
      }
      const scripted = /^POST \/services\/([a-z0-9]+)\/([A-Za-z0-9]+)$/.exec(route)
      if (scripted) {
        // Calls a scripting method of a service module: the body is its argument list (or its one argument).
        const module = this.services.get(scripted[1] as ServiceName)?.module as unknown as Record<
          string,
          unknown
        >
        const method = module?.[scripted[2]]
        if (typeof method !== 'function' || scripted[2] === 'handlers' || scripted[2].startsWith('_'))
          return json(404, { message: `no scripting method ${scripted[1]}.${scripted[2]}` })
        const args = Array.isArray(body) ? body : [body]
        return json(200, { result: (method as (...a: unknown[]) => unknown).apply(module, args) ?? null })
      }
      return json(404, { message: `unknown control route ${route}` })
    } catch (error) {
      return json(400, { message: (error as Error).message })
    }
  }
}

function asAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error
  return new AwsError('InternalFailure', (error as Error)?.message ?? String(error), 500)
}

async function readRequest(req: IncomingMessage): Promise<RawRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  const query = q < 0 ? [] : parseQuery(url.slice(q + 1))
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
  return {
    method: req.method ?? 'GET',
    path,
    query,
    headers,
    body: Buffer.concat(chunks),
    host: headers.host ?? '',
  }
}

/** Query pairs, keeping valueless keys (`?uploads`) as empty strings. */
function parseQuery(text: string): [string, string][] {
  return text
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=')
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '))
      return eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))]
    })
}

/**
 * S3 specifics before decoding: virtual-hosted buckets (`<bucket>.localhost`) become path-style,
 * and aws-chunked bodies (signed or with trailing checksums) are unframed so the stored bytes are exact.
 */
function normaliseS3(req: RawRequest): void {
  const host = req.host.replace(/:\d+$/, '')
  if (host.endsWith('.localhost')) req.path = `/${host.slice(0, -'.localhost'.length)}${req.path}`
  const encodings = (req.headers['content-encoding'] ?? '').split(',').map((e) => e.trim())
  const sha = req.headers['x-amz-content-sha256'] ?? ''
  if (encodings.includes('aws-chunked') || sha.startsWith('STREAMING-')) {
    const { payload, trailers } = decodeAwsChunked(req.body)
    const declared = req.headers['x-amz-decoded-content-length']
    if (declared !== undefined && Number(declared) !== payload.length)
      throw new AwsError(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header',
      )
    req.body = payload
    Object.assign(req.headers, trailers)
    const rest = encodings.filter((e) => e && e !== 'aws-chunked')
    if (rest.length) req.headers['content-encoding'] = rest.join(',')
    else delete req.headers['content-encoding']
    req.headers['content-length'] = String(payload.length)
  }
}

function writeResponse(res: ServerResponse, method: string, response: RawResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body
  const noBody = method === 'HEAD' || response.status === 204 || response.status === 304
  const headers: Record<string, string> = { ...response.headers, date: new Date().toUTCString() }
  if (!noBody) headers['content-length'] = String(body.length)
  else if (method !== 'HEAD') delete headers['content-length']
  else headers['content-length'] ??= '0'
  res.writeHead(response.status, headers)
  res.end(noBody ? undefined : body)
}

/** Makes recorded calls JSON-friendly: Buffers become their length, Dates ISO strings. */
export function toJsonSafe(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $bytes: value.byteLength }
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toJsonSafe)
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]))
  return value
}

export async function startAwsLocal(options: AwsLocalOptions = {}): Promise<AwsLocal> {
  return new AwsLocal(options).listen(options.port ?? 0, options.host ?? '127.0.0.1')
}
