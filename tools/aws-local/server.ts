// The HTTP server: finds the service and operation of each request, decodes and validates it with
// the protocol derived from the model, applies scripted faults and delays, runs the behaviour,
// records the call, and answers in the service's wire format.
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeAwsChunked } from './checksums'
import { Clock } from './clock'
import { AwsError } from './errors'
import { missingOperationNote } from './features'
import { inputShape, isPlainObject, loadModel, modelSource, type ModelSource } from './model'
import { parseForm } from './protocols/ec2-query'
import { SERVICE_FACTORIES, type ServiceMap, type ServiceName } from './services'
import type { AwsService, CallContext, Input, Protocol, RawRequest, RawResponse } from './types'
import { validate } from './validate'

export interface RecordedCall {
  service: string
  operation: string
  /** The region the request was signed for (its SigV4 credential scope); the default region when unsigned. */
  region: string
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
  /** Only calls signed for this region fail (default: calls to any region). */
  region?: string
  /**
   * For `reset` and `http5xx`: the call is carried out first and only its answer is lost, as a
   * network or a load balancer can lose it after the service acted (the SDK then retries a call
   * that already took effect).
   */
  afterApplying?: boolean
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
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const ANY_REGION = '*'

export class AwsLocal {
  readonly clock = new Clock()
  readonly region: string
  readonly accountId: string
  readonly calls: RecordedCall[] = []
  /** The botocore models this stand-in validates against (see `model.ts`, `modelSource`). */
  readonly models: ModelSource = modelSource()
  private readonly faults = new Map<string, Required<Pick<FaultSpec, 'kind' | 'times'>> & FaultSpec>()
  private readonly delays = new Map<string, number>()
  private readonly protocols = new Map<ServiceName, Protocol>()
  /**
   * Service modules: one per global service (`s3`, `cloudfront`), and one per region for the
   * others (`ecs@eu-west-1`), each created the first time its region is used, as AWS keeps
   * separate state in each region.
   */
  private readonly modules = new Map<string, AwsService>()
  private server: Server | undefined
  private baseUrl = ''

  constructor(options: AwsLocalOptions = {}) {
    this.region = options.region ?? 'us-east-1'
    this.accountId = options.accountId ?? '123456789012'
    for (const [name, factory] of Object.entries(SERVICE_FACTORIES) as [
      ServiceName,
      (typeof SERVICE_FACTORIES)[ServiceName],
    ][]) {
      this.protocols.set(name, factory.protocol(loadModel(name)))
      this.module(name, this.region)
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
    for (const module of this.modules.values()) await module.close?.()
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

  /**
   * The service module of a region (default: `region`), for seeding and scripting; created on
   * first use. Global services (s3, cloudfront) have one module whatever the region.
   */
  service<K extends ServiceName>(name: K, region: string = this.region): ServiceMap[K] {
    return this.module(name, region) as ServiceMap[K]
  }

  /** The regions whose state a regional service keeps (the default region, and every region used since). */
  regionsOf(name: ServiceName): string[] {
    if (SERVICE_FACTORIES[name]?.global) return [this.region]
    const prefix = `${name}@`
    return [...this.modules.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length))
  }

  /** Calls of a service, optionally of one operation and one region. */
  callsOf(service: string, operation?: string, region?: string): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        c.service === service &&
        (operation === undefined || c.operation === operation) &&
        (region === undefined || c.region === region),
    )
  }

  isMutating(service: string, operation: string): boolean {
    const module = service in SERVICE_FACTORIES ? this.module(service as ServiceName, this.region) : undefined
    return module?.isMutating ? module.isMutating(operation) : DEFAULT_MUTATING(operation)
  }

  /** Calls of operations that change state (whether or not they succeeded), optionally in one region. */
  mutatingCalls(region?: string): RecordedCall[] {
    return this.calls.filter(
      (c) => this.isMutating(c.service, c.operation) && (region === undefined || c.region === region),
    )
  }

  /** Makes the next `times` calls of an operation (`*` for any) fail, in `spec.region` or any region. */
  fault(service: string, operation: string, spec: FaultSpec): void {
    this.faults.set(faultKey(service, operation, spec.region), { ...spec, times: spec.times ?? 1 })
  }

  /** Adds latency to every call of an operation (`*` for any), in one region or any; 0 removes it. */
  delay(service: string, operation: string, ms: number, region?: string): void {
    const key = faultKey(service, operation, region)
    if (ms > 0) this.delays.set(key, ms)
    else this.delays.delete(key)
  }

  /** Clears calls, faults and delays, and (unless `state: false`) every service's state and the clock. */
  reset(options: { state?: boolean } = {}): void {
    this.calls.length = 0
    this.faults.clear()
    this.delays.clear()
    if (options.state === false) return
    this.clock.reset()
    for (const module of this.modules.values()) module.reset()
  }

  private module(name: ServiceName, region: string): AwsService {
    const factory = SERVICE_FACTORIES[name]
    if (!factory) throw new Error(`aws-local: unknown service '${name}'`)
    const key = factory.global ? name : `${name}@${region}`
    let module = this.modules.get(key)
    if (!module) {
      if (!REGION_NAME.test(region))
        throw new Error(`aws-local: ${JSON.stringify(region)} is not a region name such as us-east-1`)
      module = factory.create({
        clock: this.clock,
        region: factory.global ? this.region : region,
        accountId: this.accountId,
        service: (other, otherRegion = region) => this.module(other as ServiceName, otherRegion),
        url: () => this.baseUrl,
      })
      this.modules.set(key, module)
    }
    return module
  }

  private protocol(name: ServiceName): Protocol {
    return this.protocols.get(name) as Protocol
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRequest(req)
    if (raw.path.startsWith(CONTROL_PREFIX)) return this.control(raw, res)
    const name = this.detectService(raw)
    const region = signingRegion(raw) ?? this.region
    if (!name || !REGION_NAME.test(region)) {
      const message = name
        ? `aws-local: the request is signed for ${JSON.stringify(region)}, which is not a region name`
        : 'aws-local: cannot tell which service this request is for'
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message }))
      return
    }
    const module = this.module(name, region)
    const protocol = this.protocol(name)
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
      // The answer AWS gives, with a note naming the botocore models in use (an operation newer
      // than them is unknown here, not at AWS).
      const unknown = protocol.unknownOperation(op.unknown)
      const error = new AwsError(
        unknown.code,
        `${unknown.message} (${missingOperationNote(name, op.unknown, this.models)})`,
        unknown.status,
        unknown.fields,
      )
      this.calls.push({
        service: name,
        operation: op.unknown,
        region,
        input: undefined,
        time: new Date(),
        status: 0,
      })
      return fail(error, this.calls[this.calls.length - 1])
    }
    const record: RecordedCall = {
      service: name,
      operation: op.name,
      region,
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

    const delay = faultKeys(name, op.name, region)
      .map((key) => this.delays.get(key))
      .find((ms) => ms !== undefined)
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay))
    const fault = this.takeFault(name, op.name, region)
    const applyFault = (spec: FaultSpec): void => {
      if (spec.kind === 'reset') {
        record.status = 0
        record.error = { code: 'ECONNRESET', message: 'connection reset by aws-local' }
        req.socket.destroy()
        return
      }
      const error =
        spec.kind === 'throttle'
          ? protocol.throttling()
          : spec.kind === 'http5xx'
            ? protocol.serverError(spec.status ?? 500)
            : new AwsError(spec.code ?? 'InternalFailure', spec.message ?? '', spec.status)
      fail(
        spec.message && spec.kind !== 'error' ? new AwsError(error.code, spec.message, error.status) : error,
        record,
      )
    }
    if (fault && !(fault.afterApplying && (fault.kind === 'reset' || fault.kind === 'http5xx')))
      return applyFault(fault)
    const lost = fault

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
      region,
      accountId: this.accountId,
      clock: this.clock,
      request: raw,
      responseHeaders: {},
    }
    try {
      const output = await handler(input, ctx)
      if (lost) return applyFault(lost)
      const response = protocol.encode(op, output, ctx)
      record.status = response.status
      send(response)
    } catch (error) {
      if (!(error instanceof AwsError)) console.error(`aws-local: ${name}:${op.name} failed`, error)
      fail(asAwsError(error), record)
    }
  }

  private takeFault(service: string, operation: string, region: string): FaultSpec | undefined {
    for (const key of faultKeys(service, operation, region)) {
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
    const scope = credentialScope(req)?.service
    if (scope && this.protocols.has(scope as ServiceName)) return scope as ServiceName
    // A service whose signing name is not its model's name (elbv2 signs as elasticloadbalancing).
    for (const [name, protocol] of this.protocols)
      if (scope && (protocol.model.metadata.signingName ?? protocol.model.metadata.endpointPrefix) === scope)
        return name
    const target = req.headers['x-amz-target']
    if (target) {
      const prefix = target.slice(0, target.lastIndexOf('.'))
      for (const [name, protocol] of this.protocols)
        if (protocol.model.metadata.targetPrefix === prefix) return name
      return undefined
    }
    if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      const form = new Map(parseForm(req.body))
      if (form.has('Action')) {
        // The query services tell themselves apart by their API version.
        for (const [name, protocol] of this.protocols)
          if (
            protocol.model.metadata.protocol === 'query' &&
            protocol.model.metadata.apiVersion === form.get('Version')
          )
            return name
        return 'ec2'
      }
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
      if (route === 'GET /health')
        return json(200, {
          ok: true,
          url: this.url,
          models: { botocore: this.models.version, dir: this.models.dir, origin: this.models.origin },
        })
      if (route === 'GET /calls') {
        const service = query.get('service')
        const operation = query.get('operation')
        const region = query.get('region')
        let calls = service ? this.callsOf(service, operation) : this.calls
        if (region) calls = calls.filter((c) => c.region === region)
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
        this.delay(
          String(body.service),
          String(body.operation),
          Number(body.ms),
          typeof body.region === 'string' ? body.region : undefined,
        )
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
        // Calls a scripting method of a service module (of `?region=`, default the stand-in's
        // region): the body is its argument list (or its one argument).
        const name = scripted[1] as ServiceName
        const module = (name in SERVICE_FACTORIES
          ? this.module(name, query.get('region') || this.region)
          : undefined) as unknown as Record<string, unknown> | undefined
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

/** `service:operation@region`, the key of a fault or delay; `*` for any operation or region. */
function faultKey(service: string, operation: string, region = ANY_REGION): string {
  return `${service}:${operation}@${region}`
}

/** The keys that apply to a call, most specific first. */
function faultKeys(service: string, operation: string, region: string): string[] {
  return [
    faultKey(service, operation, region),
    faultKey(service, operation),
    faultKey(service, '*', region),
    faultKey(service, '*'),
  ]
}

/** `Credential=AKID/date/<region>/<service>/aws4_request`, from the Authorization header or a presigned URL. */
function credentialScope(req: RawRequest): { region: string; service: string } | undefined {
  const match =
    /Credential=[^/,]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '') ??
    /^[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request$/.exec(
      req.query.find(([k]) => k === 'X-Amz-Credential')?.[1] ?? '',
    )
  return match ? { region: match[1], service: match[2] } : undefined
}

/** The region a request is signed for, if it is signed. */
function signingRegion(req: RawRequest): string | undefined {
  return credentialScope(req)?.region
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
