// The AWS query protocol (awsQuery: Elastic Load Balancing v2, IAM, SNS, ...): form-encoded
// `Action=...&Version=...` requests (structure members as `Name.Member`, lists as
// `Name.member.N`, maps as `Name.entry.N.key` / `.value`, flattened where the model says),
// XML responses `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>` with
// `<member>` lists, and `<ErrorResponse>` errors. The wire names follow botocore's
// QuerySerializer (botocore/serialize.py) and its query response parser.
import { AwsError } from '../errors'
import { errorShape, shapeOf, type Operation, type ServiceModel, type ShapeRef } from '../model'
import type { CallContext, Input, Output, Protocol, RawRequest, RawResponse } from '../types'
import { coralMessage, type Issue } from '../validate'
import { formParams } from './form'
import { element, escapeXml, scalarFromText, toXmlContent, XML_DECLARATION } from './xml'

export class QueryProtocol implements Protocol {
  private readonly namespace: string

  constructor(readonly model: ServiceModel) {
    this.namespace =
      model.metadata.xmlNamespace ??
      `https://${model.metadata.endpointPrefix}.amazonaws.com/doc/${model.metadata.apiVersion}/`
  }

  resolve(req: RawRequest): Operation | { unknown: string } {
    const action = formParams(req).get('Action') ?? ''
    return this.model.operations[action] ?? { unknown: action }
  }

  decode(req: RawRequest, op: Operation): Input {
    const params = formParams(req)
    // Parameters the operation does not define are ignored, as botocore-era query services do
    // (assumed: the API references document no error for them).
    return op.input ? ((this.read(op.input, '', params) ?? {}) as Input) : {}
  }

  private read(ref: ShapeRef, prefix: string, params: Map<string, string>): unknown {
    const shape = shapeOf(this.model, ref)
    const join = (name: string) => (prefix ? `${prefix}.${name}` : name)
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, unknown> = {}
        for (const [name, memberRef] of Object.entries(shape.members ?? {})) {
          const value = this.read(memberRef, join(memberRef.locationName ?? name), params)
          if (value !== undefined) out[name] = value
        }
        return prefix === '' || Object.keys(out).length ? out : undefined
      }
      case 'list': {
        // botocore: `Name.member.N`, or `Name.N` when flattened (then named by the member's locationName).
        const flattened = ref.flattened || shape.flattened
        const base = flattened
          ? shape.member?.locationName
            ? `${prefix.slice(0, prefix.lastIndexOf('.') + 1)}${shape.member.locationName}`
            : prefix
          : `${prefix}.${shape.member?.locationName ?? 'member'}`
        const items: unknown[] = []
        for (let i = 1; ; i++) {
          const item = this.read(shape.member!, `${base}.${i}`, params)
          if (item === undefined) break
          items.push(item)
        }
        // An empty list is sent as the bare name with an empty value.
        if (items.length === 0 && params.get(prefix) === '') return []
        return items.length ? items : undefined
      }
      case 'map': {
        const flattened = ref.flattened || shape.flattened
        const base = flattened ? prefix : `${prefix}.entry`
        const keyName = shape.key?.locationName ?? 'key'
        const valueName = shape.value?.locationName ?? 'value'
        const out: Record<string, unknown> = {}
        for (let i = 1; params.has(`${base}.${i}.${keyName}`); i++)
          out[params.get(`${base}.${i}.${keyName}`)!] = this.read(
            shape.value!,
            `${base}.${i}.${valueName}`,
            params,
          )
        return Object.keys(out).length ? out : undefined
      }
      default: {
        const text = params.get(prefix)
        return text === undefined ? undefined : scalarFromText(shape, text)
      }
    }
  }

  encode(op: Operation, output: Output, ctx: CallContext): RawResponse {
    const wrapper = (op.output as (ShapeRef & { resultWrapper?: string }) | undefined)?.resultWrapper
    const result = op.output
      ? element(wrapper ?? `${op.name}Result`, toXmlContent(this.model, op.output, output ?? {}))
      : ''
    const body =
      XML_DECLARATION +
      element(
        `${op.name}Response`,
        result + element('ResponseMetadata', element('RequestId', ctx.requestId)),
        this.namespace,
      )
    return {
      status: ctx.status ?? 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId, ...ctx.responseHeaders },
      body,
    }
  }

  encodeError(error: AwsError, ctx: { requestId: string }): RawResponse {
    // The error's type is the model's `senderFault` (Sender unless the model says otherwise).
    const shape = errorShape(this.model, error.code)
    const type = shape?.error?.senderFault === false || (error.status ?? 400) >= 500 ? 'Receiver' : 'Sender'
    const body =
      XML_DECLARATION +
      element(
        'ErrorResponse',
        element(
          'Error',
          element('Type', type) +
            element('Code', escapeXml(error.code)) +
            element('Message', escapeXml(error.message)),
        ) + element('RequestId', ctx.requestId),
        this.namespace,
      )
    return {
      status: error.status ?? shape?.error?.httpStatusCode ?? 400,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId },
      body,
    }
  }

  unknownOperation(name: string): AwsError {
    return new AwsError('InvalidAction', `The action ${name} is not valid for this web service.`)
  }

  throttling(): AwsError {
    return new AwsError('Throttling', 'Rate exceeded', 400)
  }

  serverError(status: number): AwsError {
    return status === 503
      ? new AwsError('ServiceUnavailable', 'Service is unavailable.', 503)
      : new AwsError(
          'InternalFailure',
          'The request processing has failed because of an unknown error.',
          status,
        )
  }

  validationError(issues: Issue[]): AwsError {
    // Query services answer constraint violations with ValidationError in Coral's wording
    // (e.g. "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy
    // constraint: Member must not be null"); assumed for missing members too.
    return new AwsError('ValidationError', coralMessage(issues))
  }
}
