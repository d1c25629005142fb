// Request validation against the model's constraints: required members, types, enums, lengths
// and ranges. Issues are collected with their paths; each protocol words them as its service does.
import { isPlainObject, shapeOf, type ServiceModel, type Shape, type ShapeRef } from './model'

export type PathSegment = { member: string; ref: ShapeRef } | { index: number } | { key: string }

export interface Issue {
  path: PathSegment[]
  kind: 'required' | 'type' | 'enum' | 'length' | 'range'
  value: unknown
  /** Coral's wording of the constraint ("Member must not be null"). */
  constraint: string
  /** The member's own shape, for protocols that word issues per location. */
  ref?: ShapeRef
}

export function validate(model: ServiceModel, shape: Shape, value: unknown): Issue[] {
  const issues: Issue[] = []
  walk(model, shape, value, [], issues, undefined)
  return issues
}

function walk(
  model: ServiceModel,
  shape: Shape,
  value: unknown,
  path: PathSegment[],
  issues: Issue[],
  ref: ShapeRef | undefined,
): void {
  const issue = (kind: Issue['kind'], constraint: string): void => {
    issues.push({ path, kind, value, constraint, ref })
  }
  switch (shape.type) {
    case 'structure': {
      if (!isPlainObject(value)) return issue('type', `Member must be a structure`)
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null) {
          const memberRef = shape.members?.[name] ?? { shape: 'String' }
          issues.push({
            path: [...path, { member: name, ref: memberRef }],
            kind: 'required',
            value: null,
            constraint: 'Member must not be null',
            ref: memberRef,
          })
        }
      }
      for (const [name, memberRef] of Object.entries(shape.members ?? {})) {
        const member = value[name]
        if (member === undefined || member === null) continue
        walk(
          model,
          shapeOf(model, memberRef),
          member,
          [...path, { member: name, ref: memberRef }],
          issues,
          memberRef,
        )
      }
      return
    }
    case 'list': {
      if (!Array.isArray(value)) return issue('type', 'Member must be a list')
      checkLength(shape, value.length, issue)
      const memberShape = shapeOf(model, shape.member!)
      value.forEach((item, index) =>
        walk(model, memberShape, item, [...path, { index }], issues, shape.member),
      )
      return
    }
    case 'map': {
      if (!isPlainObject(value)) return issue('type', 'Member must be a map')
      checkLength(shape, Object.keys(value).length, issue)
      const keyShape = shapeOf(model, shape.key!)
      const valueShape = shapeOf(model, shape.value!)
      for (const [key, item] of Object.entries(value)) {
        walk(model, keyShape, key, [...path, { key }], issues, shape.key)
        walk(model, valueShape, item, [...path, { key }], issues, shape.value)
      }
      return
    }
    case 'string': {
      if (typeof value !== 'string') return issue('type', 'Member must be a string')
      if (shape.enum && !shape.enum.includes(value))
        return issue('enum', `Member must satisfy enum value set: [${shape.enum.join(', ')}]`)
      checkLength(shape, [...value].length, issue)
      return
    }
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return issue('type', 'Member must be an integer')
      return checkRange(shape, value, issue)
    case 'float':
    case 'double':
      if (typeof value !== 'number' || Number.isNaN(value)) return issue('type', 'Member must be a number')
      return checkRange(shape, value, issue)
    case 'boolean':
      if (typeof value !== 'boolean') issue('type', 'Member must be a boolean')
      return
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        issue('type', 'Member must be a timestamp')
      return
    case 'blob': {
      if (!(value instanceof Uint8Array)) return issue('type', 'Member must be a blob')
      checkLength(shape, value.byteLength, issue)
      return
    }
  }
}

function checkLength(
  shape: Shape,
  length: number,
  issue: (kind: Issue['kind'], constraint: string) => void,
): void {
  if (shape.min !== undefined && length < shape.min)
    issue('length', `Member must have length greater than or equal to ${shape.min}`)
  else if (shape.max !== undefined && length > shape.max)
    issue('length', `Member must have length less than or equal to ${shape.max}`)
}

function checkRange(
  shape: Shape,
  value: number,
  issue: (kind: Issue['kind'], constraint: string) => void,
): void {
  if (shape.min !== undefined && value < shape.min)
    issue('range', `Member must have value greater than or equal to ${shape.min}`)
  else if (shape.max !== undefined && value > shape.max)
    issue('range', `Member must have value less than or equal to ${shape.max}`)
}

/** Coral's path of a member: lower-camel member names, list items as `N.member` (1-based). */
export function coralPath(path: PathSegment[]): string {
  return path
    .map((segment) => {
      if ('member' in segment) return segment.member.charAt(0).toLowerCase() + segment.member.slice(1)
      if ('index' in segment) return `${segment.index + 1}.member`
      return segment.key
    })
    .join('.')
}

/** Coral's rendering of a value in a message ("Value null", "Value 'abc'", "Value '[a, b]'"). */
export function coralValue(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `'[${value.map((v) => String(v)).join(', ')}]'`
  if (value instanceof Date) return `'${value.toISOString()}'`
  return `'${String(value)}'`
}

/** "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null" */
export function coralMessage(issues: Issue[]): string {
  const shown = issues.slice(0, 10)
  const count = issues.length
  const details = shown
    .map(
      (i) =>
        `Value ${coralValue(i.value)} at '${coralPath(i.path)}' failed to satisfy constraint: ${i.constraint}`,
    )
    .join('; ')
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${details}`
}
