// AWS JSON 1.1 (ECS, SSM): POST / with `X-Amz-Target: <targetPrefix>.<Operation>`.
import { AwsError } from '../errors'
import {
  errorShape,
  isPlainObject,
  shapeOf,
  toBuffer,
  toDate,
  type Operation,
  type ServiceModel,
  type ShapeRef,
} from '../model'
import type { CallContext, Input, Output, Protocol, RawRequest, RawResponse } from '../types'
import { coralMessage, type Issue } from '../validate'

export interface JsonDialect {
  /** The error code of model validation failures (SSM `ValidationException`, ECS `InvalidParameterException`). */
  validationCode: string
}

export class JsonProtocol implements Protocol {
  constructor(
    readonly model: ServiceModel,
    private readonly dialect: JsonDialect,
  ) {}

  resolve(req: RawRequest): Operation | { unknown: string } {
    const target = req.headers['x-amz-target'] ?? ''
    const dot = target.lastIndexOf('.')
    const prefix = target.slice(0, dot)
    const name = target.slice(dot + 1)
    if (req.method !== 'POST' || prefix !== this.model.metadata.targetPrefix) return { unknown: target }
    return this.model.operations[name] ?? { unknown: name }
  }

  decode(req: RawRequest, op: Operation): Input {
    if (!op.input) return {}
    const text = req.body.toString('utf8').trim()
    let parsed: unknown = {}
    if (text !== '') {
      try {
        parsed = JSON.parse(text)
      } catch {
        throw new AwsError('SerializationException', 'Start of structure or map found where not expected.')
      }
    }
    return (this.fromJson(op.input, parsed) ?? {}) as Input
  }

  /** JSON to model values: timestamps (epoch seconds) to Date, base64 blobs to Buffer. */
  private fromJson(ref: ShapeRef, value: unknown): unknown {
    if (value === null || value === undefined) return undefined
    const shape = shapeOf(this.model, ref)
    switch (shape.type) {
      case 'structure': {
        if (!isPlainObject(value)) return value
        const out: Record<string, unknown> = {}
        for (const [name, memberRef] of Object.entries(shape.members ?? {})) {
          const member = this.fromJson(memberRef, value[name])
          if (member !== undefined) out[name] = member
        }
        return out
      }
      case 'list':
        return Array.isArray(value) ? value.map((item) => this.fromJson(shape.member!, item)) : value
      case 'map':
        return isPlainObject(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.fromJson(shape.value!, v)]))
          : value
      case 'timestamp':
        return typeof value === 'number' ? new Date(value * 1000) : value
      case 'blob':
        return typeof value === 'string' ? Buffer.from(value, 'base64') : value
      default:
        return value
    }
  }

  private toJson(ref: ShapeRef, value: unknown): unknown {
    if (value === null || value === undefined) return undefined
    const shape = shapeOf(this.model, ref)
    switch (shape.type) {
      case 'structure': {
        if (!isPlainObject(value)) return undefined
        const out: Record<string, unknown> = {}
        for (const [name, memberRef] of Object.entries(shape.members ?? {})) {
          const member = this.toJson(memberRef, value[name])
          if (member !== undefined) out[name] = member
        }
        return out
      }
      case 'list':
        return (value as unknown[]).map((item) => this.toJson(shape.member!, item))
      case 'map':
        return Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.toJson(shape.value!, v)]),
        )
      case 'timestamp':
        return toDate(value).getTime() / 1000
      case 'blob':
        return toBuffer(value).toString('base64')
      default:
        return value
    }
  }

  encode(op: Operation, output: Output, ctx: CallContext): RawResponse {
    const body = op.output ? (this.toJson(op.output, output ?? {}) ?? {}) : {}
    return {
      status: ctx.status ?? 200,
      headers: { ...this.headers(ctx.requestId), ...ctx.responseHeaders },
      body: JSON.stringify(body),
    }
  }

  encodeError(error: AwsError, ctx: { requestId: string }): RawResponse {
    const status = error.status ?? errorShape(this.model, error.code)?.error?.httpStatusCode ?? 400
    return {
      status,
      headers: { ...this.headers(ctx.requestId), 'x-amzn-errortype': error.code },
      body: JSON.stringify({ __type: error.code, message: error.message, ...error.fields }),
    }
  }

  private headers(requestId: string): Record<string, string> {
    return { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId }
  }

  unknownOperation(name: string): AwsError {
    return new AwsError('UnknownOperationException', `Unknown operation ${name}`)
  }

  throttling(): AwsError {
    return new AwsError('ThrottlingException', 'Rate exceeded')
  }

  serverError(status: number): AwsError {
    return status === 503
      ? new AwsError('ServiceUnavailableException', 'Service Unavailable', 503)
      : new AwsError('InternalServerError', 'Internal Server Error', status)
  }

  validationError(issues: Issue[]): AwsError {
    // Coral rejects a value of the wrong JSON type before it checks constraints.
    if (issues.some((i) => i.kind === 'type' && i.value !== null))
      return new AwsError('SerializationException', 'Start of structure or map found where not expected.')
    return new AwsError(this.dialect.validationCode, coralMessage(issues))
  }
}
