// REST-XML (S3, CloudFront): operations are found by method, URI template and query literals;
// members are bound to the URI, query string, headers or the XML/blob payload by the model.
import { AwsError } from '../errors'
import {
  errorShape,
  formatTimestamp,
  inputShape,
  isPlainObject,
  outputShape,
  shapeOf,
  toBuffer,
  type Operation,
  type ServiceModel,
  type Shape,
  type ShapeRef,
} from '../model'
import type { CallContext, Input, Output, Protocol, RawRequest, RawResponse } from '../types'
import type { Issue } from '../validate'
import { element, escapeXml, fromXml, parseXml, scalarFromText, toXmlContent, XML_DECLARATION } from './xml'

export interface RestXmlDialect {
  errorStyle: 's3' | 'cloudfront'
  /** The namespace of response documents. */
  xmlNamespace: string
  /** Root element names of output documents the model does not name (S3 `ListBucketResult`). */
  outputRoots?: Record<string, string>
  throttling: () => AwsError
}

interface Route {
  op: Operation
  pattern: RegExp
  labels: { name: string; greedy: boolean }[]
  /** Query literals of the URI template (`?uploads`, `?list-type=2`). */
  literals: [string, string | undefined][]
  /** Members that must be present for this operation (required query and header members). */
  requiredBindings: { location: 'querystring' | 'header'; name: string }[]
}

export class RestXmlProtocol implements Protocol {
  private readonly routes: Route[]

  constructor(
    readonly model: ServiceModel,
    private readonly dialect: RestXmlDialect,
  ) {
    this.routes = Object.values(model.operations).map((op) => this.route(op))
  }

  private route(op: Operation): Route {
    const [pathPart, queryPart = ''] = op.http.requestUri.split('?')
    const labels: Route['labels'] = []
    const source = pathPart
      .split('/')
      .map((segment) =>
        segment.replace(/\{([^}]+)\}|[^{}]+/g, (token, label: string | undefined) => {
          if (!label) return token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          const greedy = label.endsWith('+')
          labels.push({ name: greedy ? label.slice(0, -1) : label, greedy })
          return greedy ? '(.+)' : '([^/]+)'
        }),
      )
      .join('/')
      .replace(/\/$/, '')
    const literals = queryPart
      .split('&')
      .filter(Boolean)
      .map((pair): [string, string | undefined] => {
        const [k, v] = pair.split('=')
        return [k, v]
      })
    const shape = inputShape(this.model, op)
    const requiredBindings: Route['requiredBindings'] = []
    for (const name of shape?.required ?? []) {
      const ref = shape?.members?.[name]
      if (ref?.location === 'querystring' || ref?.location === 'header')
        requiredBindings.push({ location: ref.location, name: (ref.locationName ?? name).toLowerCase() })
    }
    return { op, pattern: new RegExp(`^${source}/?$`), labels, literals, requiredBindings }
  }

  resolve(req: RawRequest): Operation | { unknown: string } {
    const query = new Map(req.query.map(([k, v]) => [k.toLowerCase(), v]))
    // Recent SDKs name the operation in `x-id`; honour it when it names a candidate.
    const hinted = query.get('x-id')
    let best: { route: Route; score: number } | undefined
    for (const route of this.routes) {
      if (route.op.http.method !== req.method || !route.pattern.test(req.path)) continue
      const literalsMatch = route.literals.every(([k, v]) => {
        if (k === 'x-id') return true
        const actual = query.get(k.toLowerCase())
        return actual !== undefined && (v === undefined || actual === v)
      })
      if (!literalsMatch) continue
      const bindingsPresent = route.requiredBindings.every((b) =>
        b.location === 'header' ? req.headers[b.name] !== undefined : query.has(b.name),
      )
      if (!bindingsPresent) continue
      const score =
        (hinted === route.op.name ? 1000 : 0) + route.literals.length * 10 + route.requiredBindings.length
      if (!best || score > best.score) best = { route, score }
    }
    return best?.route.op ?? { unknown: `${req.method} ${req.path}` }
  }

  decode(req: RawRequest, op: Operation): Input {
    const shape = inputShape(this.model, op)
    if (!shape) return {}
    const route = this.routes.find((r) => r.op === op)!
    const match = route.pattern.exec(req.path)
    const labels = new Map<string, string>()
    route.labels.forEach((label, i) => labels.set(label.name, decodeURIComponent(match?.[i + 1] ?? '')))
    const out: Input = {}
    const claimed = new Set<string>()
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      if (ref.location === 'querystring') claimed.add(ref.locationName ?? name)
    }
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      const memberShape = shapeOf(this.model, ref)
      const wireName = ref.locationName ?? name
      let value: unknown
      switch (ref.location) {
        case 'uri':
          value = labels.get(wireName)
          break
        case 'querystring':
          if (memberShape.type === 'map') {
            const entries = req.query.filter(([k]) => !claimed.has(k))
            value = entries.length ? Object.fromEntries(entries) : undefined
          } else {
            const values = req.query.filter(([k]) => k === wireName).map(([, v]) => v)
            if (values.length === 0) break
            value =
              memberShape.type === 'list'
                ? values.map((v) => scalarFromText(shapeOf(this.model, memberShape.member!), v))
                : this.headerOrQueryScalar(memberShape, ref, values[0])
          }
          break
        case 'header': {
          const text = req.headers[wireName.toLowerCase()]
          if (text === undefined) break
          value =
            memberShape.type === 'list'
              ? text.split(',').map((v) => scalarFromText(shapeOf(this.model, memberShape.member!), v.trim()))
              : this.headerOrQueryScalar(memberShape, ref, text)
          break
        }
        case 'headers': {
          const prefix = wireName.toLowerCase()
          const entries = Object.entries(req.headers).filter(([k]) => k.startsWith(prefix))
          if (entries.length) value = Object.fromEntries(entries.map(([k, v]) => [k.slice(prefix.length), v]))
          break
        }
        default:
          continue
      }
      if (value !== undefined) out[name] = value
    }
    if (shape.payload) {
      const ref = shape.members![shape.payload]
      const payloadShape = shapeOf(this.model, ref)
      if (payloadShape.type === 'blob') out[shape.payload] = req.body
      else if (payloadShape.type === 'string') out[shape.payload] = req.body.toString('utf8')
      else if (req.body.length > 0)
        out[shape.payload] = fromXml(this.model, ref, parseXml(req.body.toString('utf8')).node)
    } else if (req.body.length > 0 && Object.values(shape.members ?? {}).some((r) => !r.location)) {
      Object.assign(out, fromXml(this.model, op.input!, parseXml(req.body.toString('utf8')).node))
    }
    return out
  }

  /** Header and query timestamps may be RFC 822, ISO 8601 or epoch seconds (scalarFromText reads all three). */
  private headerOrQueryScalar(shape: Shape, ref: ShapeRef, text: string): unknown {
    if (ref.jsonvalue) return Buffer.from(text, 'base64').toString('utf8')
    return scalarFromText(shape, text)
  }

  encode(op: Operation, output: Output, ctx: CallContext): RawResponse {
    const headers: Record<string, string> = { ...this.baseHeaders(ctx.requestId) }
    let status = op.http.responseCode ?? 200
    let body: Buffer | string = ''
    const shape = outputShape(this.model, op)
    const value = output ?? {}
    if (shape) {
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const member = value[name]
        if (member === undefined || member === null) continue
        const memberShape = shapeOf(this.model, ref)
        const wireName = ref.locationName ?? name
        if (ref.location === 'header')
          headers[wireName.toLowerCase()] = this.headerText(memberShape, ref, member)
        else if (ref.location === 'headers' && isPlainObject(member))
          for (const [k, v] of Object.entries(member)) headers[`${wireName}${k}`.toLowerCase()] = String(v)
        else if (ref.location === 'statusCode') status = Number(member)
      }
      if (shape.payload) {
        const ref = shape.members![shape.payload]
        const payload = value[shape.payload]
        const payloadShape = shapeOf(this.model, ref)
        if (payload !== undefined && payload !== null) {
          if (payloadShape.type === 'blob' || payloadShape.type === 'string') body = toBuffer(payload)
          else {
            const root = ref.locationName ?? ref.shape
            body =
              XML_DECLARATION +
              element(root, toXmlContent(this.model, ref, payload), this.dialect.xmlNamespace)
            headers['content-type'] = 'application/xml'
          }
        }
      } else if (
        Object.entries(shape.members ?? {}).some(([n, r]) => !r.location && value[n] !== undefined)
      ) {
        const root = shape.locationName ?? this.dialect.outputRoots?.[op.name] ?? `${op.name}Result`
        body =
          XML_DECLARATION +
          element(root, toXmlContent(this.model, op.output!, value), this.dialect.xmlNamespace)
        headers['content-type'] = 'application/xml'
      }
    }
    return { status: ctx.status ?? status, headers: { ...headers, ...ctx.responseHeaders }, body }
  }

  private headerText(shape: Shape, ref: ShapeRef, value: unknown): string {
    if (ref.jsonvalue) return Buffer.from(JSON.stringify(value)).toString('base64')
    if (shape.type === 'timestamp')
      return String(formatTimestamp(value, ref.timestampFormat ?? shape.timestampFormat ?? 'rfc822'))
    if (Array.isArray(value)) return value.join(', ')
    return String(value)
  }

  private baseHeaders(requestId: string): Record<string, string> {
    return this.dialect.errorStyle === 's3'
      ? {
          'x-amz-request-id': requestId,
          'x-amz-id-2': Buffer.from(requestId).toString('base64'),
          server: 'AmazonS3',
        }
      : { 'x-amzn-requestid': requestId }
  }

  encodeError(error: AwsError, ctx: { requestId: string }): RawResponse {
    const status = error.status ?? errorShape(this.model, error.code)?.error?.httpStatusCode ?? 400
    const fields = Object.entries(error.fields)
      .map(([k, v]) => element(k, escapeXml(String(v))))
      .join('')
    const code = element('Code', escapeXml(error.code))
    const message = element('Message', escapeXml(error.message))
    const body =
      this.dialect.errorStyle === 's3'
        ? XML_DECLARATION + element('Error', code + message + fields + element('RequestId', ctx.requestId))
        : XML_DECLARATION +
          element(
            'ErrorResponse',
            element(
              'Error',
              element('Type', status >= 500 ? 'Receiver' : 'Sender') + code + message + fields,
            ) + element('RequestId', ctx.requestId),
            this.dialect.xmlNamespace,
          )
    return {
      status,
      headers: { ...this.baseHeaders(ctx.requestId), 'content-type': 'application/xml' },
      body,
    }
  }

  unknownOperation(name: string): AwsError {
    return this.dialect.errorStyle === 's3'
      ? new AwsError(
          'MethodNotAllowed',
          `The specified method is not allowed against this resource: ${name}`,
          405,
        )
      : new AwsError('InvalidAction', `The action ${name} is not valid for this web service.`, 400)
  }

  throttling(): AwsError {
    return this.dialect.throttling()
  }

  serverError(status: number): AwsError {
    if (this.dialect.errorStyle === 's3')
      return status === 503
        ? new AwsError('ServiceUnavailable', 'Please reduce your request rate.', 503)
        : new AwsError('InternalError', 'We encountered an internal error. Please try again.', status)
    return status === 503
      ? new AwsError('ServiceUnavailable', 'CloudFront is unavailable.', 503)
      : new AwsError('InternalError', 'We encountered an internal error. Please try again.', status)
  }

  /** S3 and CloudFront word validation failures per member location, not the Coral way. */
  validationError(issues: Issue[]): AwsError {
    const issue = issues[0]
    const last = [...issue.path].reverse().find((s) => 'member' in s)
    const ref = issue.ref ?? (last && 'member' in last ? last.ref : undefined)
    const memberName = last && 'member' in last ? last.member : ''
    const argumentName = ref?.locationName ?? memberName
    const inBody = !ref?.location
    if (this.dialect.errorStyle === 's3') {
      if (inBody)
        return new AwsError(
          'MalformedXML',
          'The XML you provided was not well-formed or did not validate against our published schema',
        )
      if (memberName === 'StorageClass' && issue.kind === 'enum')
        return new AwsError('InvalidStorageClass', 'The storage class you specified is not valid')
      if (memberName === 'Key' && issue.kind === 'length')
        return new AwsError('KeyTooLongError', 'Your key is too long')
      const value = issue.value === null ? '' : String(issue.value)
      const message =
        issue.kind === 'required'
          ? `Missing required parameter ${argumentName}`
          : issue.kind === 'type'
            ? `Provided ${argumentName} not an integer or within integer range`
            : `Invalid value for ${argumentName}: ${value}`
      return new AwsError('InvalidArgument', message, 400, {
        ArgumentName: argumentName,
        ArgumentValue: value,
      })
    }
    if (issue.kind === 'required' || issue.kind === 'type')
      return new AwsError(
        'MalformedInput',
        `The XML document you provided was not well-formed or did not validate against our published schema: ${memberName} ${issue.constraint.toLowerCase()}`,
      )
    return new AwsError('InvalidArgument', `Invalid value for ${argumentName}: ${issue.constraint}`)
  }
}
