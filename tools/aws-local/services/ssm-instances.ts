// SSM managed instances (nodes): seeded directly, or registered from the instances the stand-in's
// EC2 already knows in the same region, whose tags and state are then read from EC2 at each use
// (SSM targets EC2 instances by their EC2 tags). DescribeInstanceInformation with its filters and
// paging. Sources: API_DescribeInstanceInformation (AWS Systems Manager API Reference) and the
// model's documentation of InstanceInformationStringFilter.
import { randomBytes } from 'node:crypto'
import { AwsError } from '../errors'
import type { CallContext, Input, ServiceEnv } from '../types'
import type { Ec2Service, Instance as Ec2Instance } from './ec2'

type Tag = { Key: string; Value: string }

export type PingStatus = 'Online' | 'ConnectionLost' | 'Inactive'

/** A managed instance as DescribeInstanceInformation shows it, plus the tags SSM targets it by. */
export interface ManagedInstance {
  InstanceId: string
  PingStatus: PingStatus
  LastPingDateTime: Date
  AgentVersion: string
  IsLatestVersion: boolean
  PlatformType: 'Linux' | 'Windows' | 'MacOS'
  PlatformName: string
  PlatformVersion: string
  ResourceType: 'EC2Instance' | 'ManagedInstance'
  IPAddress: string
  ComputerName: string
  IamRole?: string
  RegistrationDate?: Date
  ActivationId?: string
  Name?: string
  Tags: Tag[]
}

/** What a test gives to seed one; everything but the id has a default. */
export type ManagedInstanceSeed = Partial<Omit<ManagedInstance, 'LastPingDateTime' | 'RegistrationDate'>>

interface Record_ {
  seed: ManagedInstance
  /** Registered from the stand-in's EC2: tags, address and state come from there. */
  fromEc2: boolean
  /** A ping status the test set; otherwise an EC2 instance's state decides. */
  pingSet: boolean
}

/** String filter keys of `Filters`, besides `tag:<key>` and `tag-key` (model documentation). */
const STRING_FILTER_KEYS = [
  'ActivationIds',
  'AgentVersion',
  'AssociationStatus',
  'IamRole',
  'InstanceIds',
  'PingStatus',
  'PlatformTypes',
  'ResourceType',
  'SourceIds',
  'SourceTypes',
]
const PING_STATUSES = ['Online', 'ConnectionLost', 'Inactive']
const PLATFORM_TYPES = ['Windows', 'Linux', 'MacOS']
const RESOURCE_TYPES = ['EC2Instance', 'ManagedInstance']
const SOURCE_TYPES = ['AWS::EC2::Instance', 'AWS::SSM::ManagedInstance', 'AWS::IoT::Thing']

export class ManagedInstances {
  private readonly records = new Map<string, Record_>()

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.records.clear()
  }

  private ec2(): Ec2Service | undefined {
    return this.env.service('ec2', this.env.region) as Ec2Service | undefined
  }

  /** The stand-in's EC2 instances of this region, by id (read through EC2's own DescribeInstances). */
  private ec2Instances(filter: Input = {}): Map<string, Ec2Instance> {
    const ec2 = this.ec2()
    const out = new Map<string, Ec2Instance>()
    if (!ec2) return out
    const described = ec2.handlers.DescribeInstances(filter, {} as CallContext) as {
      Reservations: { Instances: Ec2Instance[] }[]
    }
    for (const reservation of described.Reservations)
      for (const instance of reservation.Instances) out.set(instance.InstanceId, instance)
    return out
  }

  /** Scripting: seeds a managed instance directly (an EC2 instance by default, or `mi-...` on premises). */
  seed(fields: ManagedInstanceSeed = {}): ManagedInstance {
    const onPremises = fields.ResourceType === 'ManagedInstance' || fields.InstanceId?.startsWith('mi-')
    const id = fields.InstanceId ?? (onPremises ? hexId('mi') : hexId('i'))
    const ip = fields.IPAddress ?? `10.0.${randomBytes(1)[0]}.${(randomBytes(1)[0] % 250) + 2}`
    const instance: ManagedInstance = {
      PingStatus: 'Online',
      AgentVersion: '3.3.1142.0',
      IsLatestVersion: true,
      PlatformType: 'Linux',
      PlatformName: 'Amazon Linux',
      PlatformVersion: '2023',
      ResourceType: onPremises ? 'ManagedInstance' : 'EC2Instance',
      ComputerName: computerName(ip, this.env.region),
      Tags: [],
      ...fields,
      InstanceId: id,
      IPAddress: ip,
      LastPingDateTime: this.env.clock.now(),
      RegistrationDate: onPremises ? this.env.clock.now() : undefined,
    }
    this.records.set(id, { seed: instance, fromEc2: false, pingSet: true })
    return this.view(this.records.get(id)!, new Map()) as ManagedInstance
  }

  /**
   * Scripting: registers the stand-in's EC2 instances of this region as managed instances (all,
   * or those the DescribeInstances-style `InstanceIds`/`Filters` select). Their tags, address and
   * state stay EC2's: a stopped instance's agent shows `ConnectionLost`, a terminated one is gone.
   * Returns the ids registered.
   */
  registerEc2(
    options: {
      InstanceIds?: string[]
      Filters?: { Name: string; Values: string[] }[]
    } & ManagedInstanceSeed = {},
  ): string[] {
    const { InstanceIds, Filters, ...fields } = options
    if (!this.ec2()) throw new Error('aws-local: no EC2 module to register instances from')
    const found = this.ec2Instances({ InstanceIds, Filters })
    for (const ec2 of found.values()) {
      const ip = ec2.PrivateIpAddress
      const seed: ManagedInstance = {
        PingStatus: 'Online',
        AgentVersion: '3.3.1142.0',
        IsLatestVersion: true,
        PlatformType: 'Linux',
        PlatformName: 'Amazon Linux',
        PlatformVersion: '2023',
        ResourceType: 'EC2Instance',
        IPAddress: ip,
        ComputerName: computerName(ip, this.env.region),
        Tags: [],
        ...fields,
        InstanceId: ec2.InstanceId,
        LastPingDateTime: this.env.clock.now(),
      }
      this.records.set(ec2.InstanceId, { seed, fromEc2: true, pingSet: fields.PingStatus !== undefined })
    }
    return [...found.keys()]
  }

  /** Scripting: the agent's ping status from now on (`ConnectionLost` when its agent stops answering). */
  setPingStatus(instanceId: string, status: PingStatus): void {
    const record = this.records.get(instanceId)
    if (!record) throw new Error(`aws-local: ${instanceId} is not a managed instance`)
    if (!PING_STATUSES.includes(status)) throw new Error(`aws-local: ${status} is not a ping status`)
    record.seed.PingStatus = status
    record.pingSet = true
    if (status === 'Online') record.seed.LastPingDateTime = this.env.clock.now()
  }

  /** Every managed instance as SSM sees it now, in registration order. */
  list(): ManagedInstance[] {
    const ec2 = [...this.records.values()].some((r) => r.fromEc2) ? this.ec2Instances() : new Map()
    return [...this.records.values()]
      .map((record) => this.view(record, ec2))
      .filter((m): m is ManagedInstance => m !== undefined)
  }

  get(instanceId: string): ManagedInstance | undefined {
    const record = this.records.get(instanceId)
    if (!record) return undefined
    return this.view(record, record.fromEc2 ? this.ec2Instances({ InstanceIds: undefined }) : new Map())
  }

  /** A record merged with its EC2 instance's live tags and state; undefined once EC2 no longer has it. */
  private view(record: Record_, ec2: Map<string, Ec2Instance>): ManagedInstance | undefined {
    const seed = record.seed
    if (!record.fromEc2) return { ...seed, Tags: [...seed.Tags] }
    const instance = ec2.get(seed.InstanceId)
    if (!instance || ['shutting-down', 'terminated'].includes(instance.State.Name)) return undefined
    const running = instance.State.Name === 'running' || instance.State.Name === 'pending'
    const ping: PingStatus = record.pingSet ? seed.PingStatus : running ? 'Online' : 'ConnectionLost'
    return {
      ...seed,
      PingStatus: ping,
      LastPingDateTime: ping === 'Online' ? this.env.clock.now() : seed.LastPingDateTime,
      IPAddress: instance.PrivateIpAddress,
      Tags: instance.Tags.map((t) => ({ ...t })),
      Name: instance.Tags.find((t) => t.Key === 'Name')?.Value ?? seed.Name,
    }
  }

  /** DescribeInstanceInformation. */
  describe(input: Input): { InstanceInformationList: Record<string, unknown>[]; NextToken?: string } {
    const legacy = input.InstanceInformationFilterList as { key: string; valueSet: string[] }[] | undefined
    const filters = input.Filters as { Key: string; Values: string[] }[] | undefined
    // "Attempting to use InstanceInformationFilterList and Filters leads to an exception error."
    if (legacy?.length && filters?.length)
      throw new AwsError(
        'ValidationException',
        'InstanceInformationFilterList and Filters cannot be used together. Use Filters.',
      )
    const conditions: { key: string; values: string[] }[] = [
      ...(legacy ?? []).map((f) => ({ key: f.key, values: f.valueSet })),
      ...(filters ?? []).map((f) => ({ key: f.Key, values: f.Values })),
    ]
    for (const { key } of conditions)
      if (!STRING_FILTER_KEYS.includes(key) && key !== 'tag-key' && !/^tag:.+/.test(key))
        throw new AwsError('InvalidFilterKey', '')
    // "Tag filters can't be combined with other filter types."
    const tagFilters = conditions.filter((c) => c.key === 'tag-key' || c.key.startsWith('tag:'))
    if (tagFilters.length && tagFilters.length !== conditions.length)
      throw new AwsError('ValidationException', "Tag filters can't be combined with other filter types.")
    for (const { key, values } of conditions) {
      const allowed: Record<string, string[]> = {
        PingStatus: PING_STATUSES,
        PlatformTypes: PLATFORM_TYPES,
        ResourceType: RESOURCE_TYPES,
        SourceTypes: SOURCE_TYPES,
      }
      const bad = allowed[key] && values.find((v) => !allowed[key].includes(v))
      if (bad)
        throw new AwsError(
          'InvalidInstanceInformationFilterValue',
          `The filter value ${bad} is not valid for the filter key ${key}.`,
        )
    }
    const matches = (m: ManagedInstance) =>
      conditions.every(({ key, values }) => {
        if (key === 'tag-key') return m.Tags.some((t) => values.includes(t.Key))
        if (key.startsWith('tag:'))
          return m.Tags.some((t) => t.Key === key.slice(4) && values.includes(t.Value))
        const field: Record<string, string | undefined> = {
          InstanceIds: m.InstanceId,
          SourceIds: m.InstanceId,
          AgentVersion: m.AgentVersion,
          PingStatus: m.PingStatus,
          PlatformTypes: m.PlatformType,
          ResourceType: m.ResourceType,
          SourceTypes: m.ResourceType === 'EC2Instance' ? 'AWS::EC2::Instance' : 'AWS::SSM::ManagedInstance',
          IamRole: m.IamRole,
          ActivationIds: m.ActivationId,
          AssociationStatus: undefined,
        }
        return field[key] !== undefined && values.includes(field[key]!)
      })
    const all = this.list().filter(matches)
    // MaxResults: 5 to 50 (model), 10 when absent (API reference).
    const max = (input.MaxResults as number | undefined) ?? 10
    const start = decodeToken(input.NextToken as string | undefined, all.length)
    const page = all.slice(start, start + max)
    return {
      InstanceInformationList: page.map((m) => ({
        InstanceId: m.InstanceId,
        PingStatus: m.PingStatus,
        LastPingDateTime: m.LastPingDateTime,
        AgentVersion: m.AgentVersion,
        IsLatestVersion: m.IsLatestVersion,
        PlatformType: m.PlatformType,
        PlatformName: m.PlatformName,
        PlatformVersion: m.PlatformVersion,
        ActivationId: m.ActivationId,
        IamRole: m.IamRole,
        RegistrationDate: m.RegistrationDate,
        ResourceType: m.ResourceType,
        Name: m.Name,
        IPAddress: m.IPAddress,
        ComputerName: m.ComputerName,
        SourceId: m.InstanceId,
        SourceType: m.ResourceType === 'EC2Instance' ? 'AWS::EC2::Instance' : 'AWS::SSM::ManagedInstance',
      })),
      NextToken: start + max < all.length ? encodeToken(start + max) : undefined,
    }
  }
}

/** `ip-10-0-1-2.ec2.internal` in us-east-1, `ip-10-0-1-2.eu-west-1.compute.internal` elsewhere. */
function computerName(ip: string, region: string): string {
  const host = `ip-${ip.replace(/\./g, '-')}`
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`
}

function hexId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`
}

/** Paging tokens: opaque to clients, an offset to us. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64')
}

export function decodeToken(token: string | undefined, length: number): number {
  if (token === undefined) return 0
  let offset: unknown
  try {
    offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset
  } catch {
    offset = undefined
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > length)
    throw new AwsError('InvalidNextToken', 'The specified token is not valid.')
  return offset
}
