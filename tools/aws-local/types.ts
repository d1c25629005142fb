import type { Clock } from './clock'
import type { AwsError } from './errors'
import type { Operation, ServiceModel } from './model'
import type { Issue } from './validate'

/** A member-name keyed value as the model describes it (Date for timestamps, Buffer for blobs). */
export type Input = Record<string, unknown>
export type Output = Record<string, unknown> | undefined | void

/** An HTTP request once read (and, for S3, once its aws-chunked framing is removed). */
export interface RawRequest {
  method: string
  /** Path as sent, still percent-encoded, without the query. */
  path: string
  query: [string, string][]
  /** Lower-case names; trailers of aws-chunked bodies are merged in. */
  headers: Record<string, string>
  body: Buffer
  host: string
}

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: Buffer | string
}

/** What a handler sees besides its input. */
export interface CallContext {
  service: string
  operation: string
  requestId: string
  /** The region the request is signed for (the default region when unsigned). */
  region: string
  accountId: string
  clock: Clock
  request: RawRequest
  /** A handler may change the status (S3 206 for a range) ... */
  status?: number
  /** ... and add headers the model does not describe. */
  responseHeaders: Record<string, string>
}

export type Handler = (input: Input, ctx: CallContext) => Output | Promise<Output>

/**
 * A service: its state, the scripting methods tests use to seed it, and one handler per
 * implemented operation (named as in the model). Wire formats and validation are not its business.
 */
export interface AwsService {
  /** The signing name (`ssm`, `s3`, ...). */
  readonly name: string
  readonly handlers: Record<string, Handler>
  /** Back to the empty state. */
  reset(): void
  /** Releases what the module holds outside memory (processes, temporary files) when the stand-in closes. */
  close?(): void | Promise<void>
  /** Whether an operation changes state; default: not Describe*, Get*, List*, Head*. */
  isMutating?(operation: string): boolean
}

/** A protocol codec bound to one service's model. */
export interface Protocol {
  readonly model: ServiceModel
  /** The operation a request calls, or an AwsError saying it is unknown. */
  resolve(req: RawRequest): Operation | { unknown: string }
  decode(req: RawRequest, op: Operation): Input
  encode(op: Operation, output: Output, ctx: CallContext): RawResponse
  encodeError(error: AwsError, ctx: { requestId: string; operation?: string }): RawResponse
  unknownOperation(name: string): AwsError
  throttling(): AwsError
  serverError(status: number): AwsError
  validationError(issues: Issue[], op: Operation): AwsError
}

/** What a service module gets when it is created. */
export interface ServiceEnv {
  clock: Clock
  /** The module's region: each regional service has one module per region; global ones get the default region. */
  region: string
  accountId: string
  /**
   * Another module of the same stand-in, created on first use: a regional service's module of
   * `region` (default: this module's region), or a global service's one module. For behaviour
   * that spans services or regions: SSM validating an `aws:ec2:image` value against EC2, EC2's
   * CopyImage reading the image in the source region.
   */
  service(name: string, region?: string): AwsService
  /** The stand-in's base URL once it listens (`http://127.0.0.1:PORT`), for processes that call back into it. */
  url?(): string
}
