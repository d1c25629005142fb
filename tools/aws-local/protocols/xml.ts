// Model-driven XML (de)serialisation shared by the rest-xml and ec2 protocols.
// fast-xml-parser reads the document into a neutral tree; the model decides what each element is.
import { XMLParser } from 'fast-xml-parser'
import { AwsError } from '../errors'
import {
  formatTimestamp,
  isPlainObject,
  parseTimestamp,
  shapeOf,
  toBuffer,
  type ServiceModel,
  type Shape,
  type ShapeRef,
} from '../model'

/** Every element is an array (repetition is the model's business); text stays text. */
type XmlNode = Record<string, unknown[]> | string

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: () => true,
  ignoreDeclaration: true,
})

/** Parses a document; returns the root element's name and content. */
export function parseXml(text: string): { root: string; node: XmlNode } {
  let doc: Record<string, unknown[]>
  try {
    doc = parser.parse(text, true) as Record<string, unknown[]>
  } catch (error) {
    throw new AwsError(
      'MalformedXML',
      `The XML you provided was not well-formed: ${(error as Error).message}`,
    )
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?'))
  if (!root) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed')
  return { root, node: (doc[root]?.[0] ?? '') as XmlNode }
}

export interface XmlStyle {
  /** ec2: members are named by locationName only and lists are never flattened. */
  ec2?: boolean
}

/** The element name of a structure member (botocore `_member_key_name`). */
export function memberElementName(model: ServiceModel, ref: ShapeRef, memberName: string): string {
  const shape = shapeOf(model, ref)
  if (shape.type === 'list' && (ref.flattened || shape.flattened) && shape.member?.locationName)
    return shape.member.locationName
  return ref.locationName ?? memberName
}

function isFlattened(ref: ShapeRef, shape: Shape, style: XmlStyle): boolean {
  return !style.ec2 && Boolean(ref.flattened || shape.flattened)
}

/** Converts the text of a scalar; a text that is not of the type stays a string for validation to reject. */
export function scalarFromText(shape: Shape, text: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(text.trim()) ? Number(text) : text
    case 'float':
    case 'double':
      return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text
    case 'timestamp':
      return parseTimestamp(text) ?? text
    case 'blob':
      return Buffer.from(text, 'base64')
    default:
      return text
  }
}

/** Reads a value of `ref`'s shape out of element content. */
export function fromXml(model: ServiceModel, ref: ShapeRef, node: unknown, style: XmlStyle = {}): unknown {
  const shape = shapeOf(model, ref)
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {}
      if (!isPlainObject(node)) return out
      for (const [name, memberRef] of Object.entries(shape.members ?? {})) {
        if (memberRef.location) continue
        const memberShape = shapeOf(model, memberRef)
        if (memberShape.type === 'list' && isFlattened(memberRef, memberShape, style)) {
          const items = node[memberElementName(model, memberRef, name)]
          if (Array.isArray(items))
            out[name] = items.map((item) => fromXml(model, memberShape.member!, item, style))
          continue
        }
        const elements = node[memberRef.locationName ?? name]
        if (Array.isArray(elements) && elements.length > 0)
          out[name] = fromXml(model, memberRef, elements[0], style)
      }
      return out
    }
    case 'list': {
      const itemName = shape.member?.locationName ?? (style.ec2 ? 'item' : 'member')
      const items = isPlainObject(node) ? node[itemName] : undefined
      return Array.isArray(items) ? items.map((item) => fromXml(model, shape.member!, item, style)) : []
    }
    case 'map': {
      const out: Record<string, unknown> = {}
      const entries = isPlainObject(node) ? node.entry : undefined
      const keyName = shape.key?.locationName ?? 'key'
      const valueName = shape.value?.locationName ?? 'value'
      for (const entry of Array.isArray(entries) ? entries : []) {
        if (!isPlainObject(entry)) continue
        const key = (entry[keyName] as unknown[] | undefined)?.[0]
        const value = (entry[valueName] as unknown[] | undefined)?.[0]
        if (typeof key === 'string') out[key] = fromXml(model, shape.value!, value ?? '', style)
      }
      return out
    }
    default:
      return scalarFromText(shape, typeof node === 'string' ? node : '')
  }
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
}

function scalarToText(shape: Shape, ref: ShapeRef, value: unknown): string {
  switch (shape.type) {
    case 'timestamp':
      return String(formatTimestamp(value, ref.timestampFormat ?? shape.timestampFormat ?? 'iso8601'))
    case 'blob':
      return toBuffer(value).toString('base64')
    case 'boolean':
      return value ? 'true' : 'false'
    default:
      return String(value)
  }
}

/** Writes the content (not the element itself) of a value of `ref`'s shape. */
export function toXmlContent(
  model: ServiceModel,
  ref: ShapeRef,
  value: unknown,
  style: XmlStyle = {},
): string {
  const shape = shapeOf(model, ref)
  switch (shape.type) {
    case 'structure': {
      if (!isPlainObject(value)) return ''
      let xml = ''
      for (const [name, memberRef] of Object.entries(shape.members ?? {})) {
        const member = value[name]
        if (member === undefined || member === null || memberRef.location) continue
        xml += toXmlMember(model, memberRef, name, member, style)
      }
      return xml
    }
    case 'list': {
      const itemName = shape.member?.locationName ?? (style.ec2 ? 'item' : 'member')
      return (Array.isArray(value) ? value : [])
        .map((item) => element(itemName, toXmlContent(model, shape.member!, item, style)))
        .join('')
    }
    case 'map': {
      const keyName = shape.key?.locationName ?? 'key'
      const valueName = shape.value?.locationName ?? 'value'
      return Object.entries(isPlainObject(value) ? value : {})
        .map(
          ([k, v]) =>
            `<entry>${element(keyName, escapeXml(k))}${element(valueName, toXmlContent(model, shape.value!, v, style))}</entry>`,
        )
        .join('')
    }
    default:
      return escapeXml(scalarToText(shape, ref, value))
  }
}

/** Writes one structure member, element included (flattened lists repeat their element). */
export function toXmlMember(
  model: ServiceModel,
  ref: ShapeRef,
  memberName: string,
  value: unknown,
  style: XmlStyle = {},
): string {
  const shape = shapeOf(model, ref)
  if (shape.type === 'list' && isFlattened(ref, shape, style)) {
    const name = memberElementName(model, ref, memberName)
    return (Array.isArray(value) ? value : [])
      .map((item) => element(name, toXmlContent(model, shape.member!, item, style)))
      .join('')
  }
  return element(ref.locationName ?? memberName, toXmlContent(model, ref, value, style))
}

export function element(name: string, content: string, xmlns?: string): string {
  const ns = xmlns ? ` xmlns="${xmlns}"` : ''
  return `<${name}${ns}>${content}</${name}>`
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
