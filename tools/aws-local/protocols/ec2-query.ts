// The EC2 query protocol: form-encoded `Action=...&Version=...` requests (lists as `Name.N`,
// structures as `Name.Member`), XML responses wrapped in `<ActionResponse>` with `<item>` lists.
import { AwsError } from '../errors'
import { shapeOf, type Operation, type ServiceModel, type ShapeRef } from '../model'
import type { CallContext, Input, Output, Protocol, RawRequest, RawResponse } from '../types'
import type { Issue, PathSegment } from '../validate'
import { formParams } from './form'
import { element, escapeXml, scalarFromText, toXmlContent, XML_DECLARATION } from './xml'

export { parseForm } from './form'

/** botocore's EC2 serializer: `queryName`, else `locationName` with a capital first letter, else the member name. */
export function ec2WireName(ref: ShapeRef, memberName: string): string {
  if (ref.queryName) return ref.queryName
  if (ref.locationName) return ref.locationName.charAt(0).toUpperCase() + ref.locationName.slice(1)
  return memberName
}

export class Ec2QueryProtocol implements Protocol {
  private readonly namespace: string

  constructor(readonly model: ServiceModel) {
    this.namespace = `${(model.metadata.xmlNamespace ?? 'http://ec2.amazonaws.com/doc/2016-11-15').replace(/\/$/, '')}/`
  }

  private params(req: RawRequest): Map<string, string> {
    return formParams(req)
  }

  resolve(req: RawRequest): Operation | { unknown: string } {
    const action = this.params(req).get('Action') ?? ''
    return this.model.operations[action] ?? { unknown: action }
  }

  decode(req: RawRequest, op: Operation): Input {
    const params = this.params(req)
    const used = new Set(['Action', 'Version'])
    const input = op.input ? ((this.read(op.input, '', params, used) ?? {}) as Input) : {}
    // EC2 rejects parameters it does not know.
    const unknown = [...params.keys()].find((k) => !used.has(k))
    if (unknown) throw new AwsError('UnknownParameter', `The parameter ${unknown} is not recognized`)
    return input
  }

  private read(ref: ShapeRef, prefix: string, params: Map<string, string>, used: Set<string>): unknown {
    const shape = shapeOf(this.model, ref)
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, unknown> = {}
        for (const [name, memberRef] of Object.entries(shape.members ?? {})) {
          const key = prefix ? `${prefix}.${ec2WireName(memberRef, name)}` : ec2WireName(memberRef, name)
          const value = this.read(memberRef, key, params, used)
          if (value !== undefined) out[name] = value
        }
        return prefix === '' || Object.keys(out).length ? out : undefined
      }
      case 'list': {
        const items: unknown[] = []
        for (let i = 1; ; i++) {
          const item = this.read(shape.member!, `${prefix}.${i}`, params, used)
          if (item === undefined) break
          items.push(item)
        }
        // An empty list is sent as the bare name with an empty value.
        if (items.length === 0 && params.has(prefix)) {
          used.add(prefix)
          return []
        }
        return items.length ? items : undefined
      }
      case 'map': {
        const out: Record<string, unknown> = {}
        for (let i = 1; params.has(`${prefix}.${i}.Key`); i++) {
          used.add(`${prefix}.${i}.Key`)
          out[params.get(`${prefix}.${i}.Key`)!] = this.read(
            shape.value!,
            `${prefix}.${i}.Value`,
            params,
            used,
          )
        }
        return Object.keys(out).length ? out : undefined
      }
      default: {
        const text = params.get(prefix)
        if (text === undefined) return undefined
        used.add(prefix)
        return scalarFromText(shape, text)
      }
    }
  }

  encode(op: Operation, output: Output, ctx: CallContext): RawResponse {
    const content = op.output ? toXmlContent(this.model, op.output, output ?? {}, { ec2: true }) : ''
    const body =
      XML_DECLARATION +
      element(
        `${op.name}Response`,
        element('requestId', ctx.requestId) + (op.output ? content : element('return', 'true')),
        this.namespace,
      )
    return {
      status: ctx.status ?? 200,
      headers: { 'content-type': 'text/xml;charset=UTF-8', server: 'AmazonEC2', ...ctx.responseHeaders },
      body,
    }
  }

  encodeError(error: AwsError, ctx: { requestId: string }): RawResponse {
    const body =
      XML_DECLARATION +
      element(
        'Response',
        element(
          'Errors',
          element(
            'Error',
            element('Code', escapeXml(error.code)) + element('Message', escapeXml(error.message)),
          ),
        ) + element('RequestID', ctx.requestId),
      )
    return {
      status: error.status ?? 400,
      headers: { 'content-type': 'text/xml;charset=UTF-8', server: 'AmazonEC2' },
      body,
    }
  }

  unknownOperation(name: string): AwsError {
    return new AwsError('InvalidAction', `The action ${name} is not valid for this web service.`)
  }

  throttling(): AwsError {
    return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503)
  }

  serverError(status: number): AwsError {
    return status === 503
      ? new AwsError('Unavailable', 'The server is overloaded and can\u2019t handle the request.', 503)
      : new AwsError('InternalError', 'An internal error has occurred.', status)
  }

  validationError(issues: Issue[]): AwsError {
    const issue = issues[0]
    const name = this.wirePath(issue.path)
    if (issue.kind === 'required')
      return new AwsError('MissingParameter', `The request must contain the parameter ${name}`)
    return new AwsError(
      'InvalidParameterValue',
      `Value (${issue.value === null ? '' : String(issue.value)}) for parameter ${name} is invalid. ${issue.constraint}`,
    )
  }

  private wirePath(path: PathSegment[]): string {
    return path
      .map((s) => ('member' in s ? ec2WireName(s.ref, s.member) : 'index' in s ? String(s.index + 1) : s.key))
      .join('.')
  }
}
