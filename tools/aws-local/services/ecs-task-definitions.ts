// ECS task definitions: families of numbered revisions, registered, described, listed and
// deregistered with the rules (and error messages) ECS applies. Pure behaviour.
import type { Clock } from '../clock'
import { AwsError } from '../errors'

export type TaskDefinitionRecord = Record<string, unknown> & {
  taskDefinitionArn: string
  family: string
  revision: number
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS'
  containerDefinitions: Array<Record<string, unknown> & { name: string; image?: string }>
}

export interface Registered {
  definition: TaskDefinitionRecord
  tags: Array<{ key: string; value: string }>
}

const NOT_FOUND = 'Unable to describe task definition.'

export class TaskDefinitions {
  private readonly families = new Map<string, Registered[]>()

  constructor(private readonly env: { clock: Clock; region: string; accountId: string }) {}

  reset(): void {
    this.families.clear()
  }

  arn(family: string, revision: number): string {
    return `arn:aws:ecs:${this.env.region}:${this.env.accountId}:task-definition/${family}:${revision}`
  }

  /** RegisterTaskDefinition (and seeding): the next revision of the family. */
  register(input: Record<string, unknown>): Registered {
    const family = input.family as string
    const containers = (input.containerDefinitions ?? []) as TaskDefinitionRecord['containerDefinitions']
    checkContainers(containers)
    checkFargate(input)
    const revisions = this.families.get(family) ?? []
    const revision = (revisions[revisions.length - 1]?.definition.revision ?? 0) + 1
    const { tags, ...fields } = input
    const requires = (input.requiresCompatibilities as string[] | undefined) ?? []
    const definition: TaskDefinitionRecord = {
      ...structuredClone(fields),
      taskDefinitionArn: this.arn(family, revision),
      family,
      revision,
      status: 'ACTIVE',
      containerDefinitions: structuredClone(containers),
      compatibilities: requires.includes('FARGATE') ? ['EC2', 'FARGATE'] : ['EC2'],
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }],
      registeredAt: this.env.clock.now(),
      registeredBy: `arn:aws:iam::${this.env.accountId}:user/test`,
      volumes: (fields.volumes as unknown[] | undefined) ?? [],
      placementConstraints: (fields.placementConstraints as unknown[] | undefined) ?? [],
    }
    const registered = { definition, tags: structuredClone((tags as Registered['tags'] | undefined) ?? []) }
    revisions.push(registered)
    this.families.set(family, revisions)
    return registered
  }

  /** A revision by ARN, `family:revision`, or `family` (its latest ACTIVE revision); ClientException when absent. */
  describe(reference: string): Registered {
    const found = this.find(reference)
    if (!found) throw new AwsError('ClientException', NOT_FOUND)
    return found
  }

  find(reference: string): Registered | undefined {
    // A revision of another region is not here: each region numbers its own.
    if (reference.startsWith('arn:') && reference.split(':')[3] !== this.env.region) return undefined
    const name = reference.startsWith('arn:') ? reference.slice(reference.lastIndexOf('/') + 1) : reference
    const colon = name.lastIndexOf(':')
    const family = colon < 0 ? name : name.slice(0, colon)
    const revisions = this.families.get(family) ?? []
    if (colon < 0) return [...revisions].reverse().find((r) => r.definition.status === 'ACTIVE')
    const revision = Number(name.slice(colon + 1))
    return revisions.find((r) => r.definition.revision === revision)
  }

  deregister(reference: string): Registered {
    const found = this.find(reference)
    if (!found || !reference.includes(':'))
      throw new AwsError('ClientException', 'The specified task definition does not exist.')
    found.definition.status = 'INACTIVE'
    found.definition.deregisteredAt = this.env.clock.now()
    return found
  }

  /** ListTaskDefinitions: ARNs, oldest first unless `sort` is DESC. */
  list(filter: { familyPrefix?: string; status?: string; sort?: string }): string[] {
    const status = filter.status ?? 'ACTIVE'
    const arns = [...this.families.entries()]
      .filter(([family]) => !filter.familyPrefix || family.startsWith(filter.familyPrefix))
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([, revisions]) =>
        revisions.filter((r) => r.definition.status === status).map((r) => r.definition.taskDefinitionArn),
      )
    return filter.sort === 'DESC' ? arns.reverse() : arns
  }
}

function checkContainers(containers: TaskDefinitionRecord['containerDefinitions']): void {
  const names = new Set<string>()
  for (const container of containers) {
    if (!container.image)
      throw new AwsError('ClientException', 'Container.image should not be null or empty.')
    if (!container.name) throw new AwsError('ClientException', 'Container.name should not be null or empty.')
    if (names.has(container.name))
      throw new AwsError('ClientException', 'Duplicate container names are not allowed.')
    names.add(container.name)
  }
}

function checkFargate(input: Record<string, unknown>): void {
  const requires = (input.requiresCompatibilities as string[] | undefined) ?? []
  if (!requires.includes('FARGATE')) return
  if (input.networkMode !== 'awsvpc')
    throw new AwsError('ClientException', "Fargate only supports network mode 'awsvpc'.")
  if (!input.cpu || !input.memory)
    throw new AwsError(
      'ClientException',
      'Fargate requires that cpu and memory be defined at the task level.',
    )
}
