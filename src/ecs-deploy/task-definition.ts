import type {
  ContainerDefinition,
  RegisterTaskDefinitionCommandInput,
  Tag,
  TaskDefinition,
} from '@aws-sdk/client-ecs'

/**
 * Task definitions: turning a described revision (or a file) into a RegisterTaskDefinition
 * request, replacing images and merging environment variables.
 */

/**
 * The members RegisterTaskDefinition accepts. Everything else DescribeTaskDefinition returns
 * (taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt,
 * registeredBy, deregisteredAt, deleteRequestedAt) is read-only and rejected by the API.
 */
const WRITABLE = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'tags',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const satisfies ReadonlyArray<keyof RegisterTaskDefinitionCommandInput>

export const READ_ONLY = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const

/** A RegisterTaskDefinition request for a copy of `definition`: read-only and empty members dropped. */
export function registrationOf(
  definition: TaskDefinition | Record<string, unknown>,
  tags?: Tag[],
): RegisterTaskDefinitionCommandInput {
  const source = definition as Record<string, unknown>
  const copy: Record<string, unknown> = {}
  for (const key of WRITABLE) {
    const value = source[key]
    if (!isEmpty(value)) copy[key] = structuredClone(value)
  }
  // false is the default and older API models do not know the member.
  if (copy.enableFaultInjection === false) delete copy.enableFaultInjection
  if (tags && tags.length > 0) copy.tags = structuredClone(tags)
  return copy as unknown as RegisterTaskDefinitionCommandInput
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  return typeof value === 'object' && !(value instanceof Date) && Object.keys(value).length === 0
}

export function containerNames(definition: { containerDefinitions?: ContainerDefinition[] }): string[] {
  return (definition.containerDefinitions ?? []).map((c) => c.name ?? '')
}

/** Replaces the image of a container, returning the old one. */
export function setImage(
  definition: RegisterTaskDefinitionCommandInput,
  container: string,
  image: string,
): string | undefined {
  const target = findContainer(definition, container)
  const previous = target.image
  target.image = image
  return previous
}

/** Sets (or adds) environment variables of a container, keeping the others and their order; says what it did. */
export function setEnvironment(
  definition: RegisterTaskDefinitionCommandInput,
  container: string,
  name: string,
  value: string,
): 'added' | 'changed' | 'unchanged' {
  const target = findContainer(definition, container)
  const environment = (target.environment ??= [])
  const existing = environment.find((variable) => variable.name === name)
  if (!existing) {
    environment.push({ name, value })
    return 'added'
  }
  if (existing.value === value) return 'unchanged'
  existing.value = value
  return 'changed'
}

/** Revisions of one family, the highest revision number first (whatever order a server listed them in). */
export function newestFirst(arns: readonly string[]): string[] {
  const revision = (arn: string): number => parseTaskDefinitionId(arn).revision ?? 0
  return [...arns].sort((a, b) => revision(b) - revision(a))
}

function findContainer(
  definition: RegisterTaskDefinitionCommandInput,
  container: string,
): ContainerDefinition {
  const found = (definition.containerDefinitions ?? []).find((c) => c.name === container)
  if (!found) throw new Error(`Container ${container} is not in task definition ${definition.family}.`)
  return found
}

export interface TaskDefinitionId {
  family: string
  revision?: number
}

/** Family and revision of `family:3`, `family` or a task definition ARN. */
export function parseTaskDefinitionId(reference: string): TaskDefinitionId {
  const name = reference.slice(reference.lastIndexOf('/') + 1)
  const colon = name.lastIndexOf(':')
  if (colon < 0) return { family: name }
  return { family: name.slice(0, colon), revision: Number(name.slice(colon + 1)) }
}

/** `web:43` for an ARN or reference; for logs and sentences. */
export function shortName(reference: string | undefined): string {
  if (!reference) return '(none)'
  return reference.slice(reference.lastIndexOf('/') + 1)
}

/** `revision 43` for sentences; the family too when the two differ in family. */
export function revisionText(reference: string | undefined, other?: string): string {
  if (!reference) return 'no revision'
  const id = parseTaskDefinitionId(reference)
  if (id.revision === undefined) return shortName(reference)
  if (other !== undefined && parseTaskDefinitionId(other).family !== id.family) return shortName(reference)
  return `revision ${id.revision}`
}
