// EC2, per region: AMIs with the snapshots behind their block device mappings, instances with
// their volumes, key pairs, security groups and launch templates. Instances and images change
// state over polls or scripted time (`setTransitionPlan`), so a real Packer amazon-ebs build runs
// against it end to end: RunInstances, StopInstances, CreateImage, CopyImage into another region,
// CreateTags, TerminateInstances, and the cleanup of what a build leaves behind.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto'
import { Progress, type ProgressPlan } from '../clock'
import { AwsError } from '../errors'
import { loadModel, shapeOf } from '../model'
import type { AwsService, CallContext, Handler, Input, ServiceEnv } from '../types'

type Tag = { Key: string; Value: string }

export interface Image {
  ImageId: string
  Name: string
  OwnerId: string
  State: string
  CreationDate: string
  Architecture: string
  ImageType: string
  Public: boolean
  RootDeviceName: string
  RootDeviceType: string
  VirtualizationType: string
  Description?: string
  Tags: Tag[]
  BlockDeviceMappings: {
    DeviceName: string
    Ebs: {
      SnapshotId: string
      VolumeSize: number
      VolumeType: string
      DeleteOnTermination: boolean
      Encrypted: boolean
    }
  }[]
  [member: string]: unknown
}

export interface Instance {
  InstanceId: string
  ImageId: string
  InstanceType: string
  State: { Code: number; Name: string }
  LaunchTime: Date
  PrivateIpAddress: string
  Tags: Tag[]
  ReservationId: string
  [member: string]: unknown
}

export interface Snapshot {
  SnapshotId: string
  VolumeId: string
  VolumeSize: number
  State: 'pending' | 'completed' | 'error'
  Progress: string
  StartTime: Date
  OwnerId: string
  Description: string
  Encrypted: boolean
  StorageTier: string
  Tags: Tag[]
}

export interface Volume {
  VolumeId: string
  Size: number
  SnapshotId: string
  AvailabilityZone: string
  State: 'creating' | 'available' | 'in-use' | 'deleting'
  CreateTime: Date
  VolumeType: string
  Iops?: number
  Encrypted: boolean
  MultiAttachEnabled: boolean
  Attachments: {
    AttachTime: Date
    Device: string
    InstanceId: string
    State: string
    VolumeId: string
    DeleteOnTermination: boolean
  }[]
  Tags: Tag[]
}

export interface KeyPair {
  KeyPairId: string
  KeyName: string
  KeyFingerprint: string
  KeyType: 'rsa' | 'ed25519'
  PublicKey: string
  CreateTime: Date
  Tags: Tag[]
}

interface IpPermission {
  IpProtocol: string
  FromPort?: number
  ToPort?: number
  IpRanges: { CidrIp: string; Description?: string }[]
  Ipv6Ranges: { CidrIpv6: string; Description?: string }[]
  UserIdGroupPairs: { GroupId?: string; UserId?: string; Description?: string }[]
  PrefixListIds: { PrefixListId: string }[]
}

export interface SecurityGroup {
  GroupId: string
  GroupName: string
  Description: string
  VpcId: string
  OwnerId: string
  SecurityGroupArn: string
  IpPermissions: IpPermission[]
  IpPermissionsEgress: IpPermission[]
  Tags: Tag[]
}

/**
 * One entry of an AMI's launch permissions (botocore shape LaunchPermission): an account, `all`
 * (the image is public), an organization or an organizational unit.
 */
export interface LaunchPermission {
  UserId?: string
  Group?: 'all'
  OrganizationArn?: string
  OrganizationalUnitArn?: string
}

/** What `shareImage` adds: accounts, organizations, OUs, and `public` (true adds Group all, false removes it). */
export interface ImageShare {
  userIds?: string[]
  public?: boolean
  organizationArns?: string[]
  organizationalUnitArns?: string[]
}

/** The data of a launch template version as DescribeLaunchTemplateVersions shows it (`ResponseLaunchTemplateData`). */
export type LaunchTemplateData = { ImageId?: string; InstanceType?: string; [member: string]: unknown }

interface LaunchTemplate {
  LaunchTemplateId: string
  LaunchTemplateName: string
  CreateTime: Date
  CreatedBy: string
  DefaultVersionNumber: number
  Tags: Tag[]
  versions: {
    VersionNumber: number
    VersionDescription?: string
    CreateTime: Date
    data: LaunchTemplateData
  }[]
}

/**
 * What changes state over time. Each resource takes the plan in effect when its change starts;
 * the default lets the first poll see the change under way and the next one see it done.
 */
export type TransitionKind =
  /** pending -> running (RunInstances, StartInstances) */
  | 'launch'
  /** stopping -> stopped */
  | 'stop'
  /** shutting-down -> terminated */
  | 'terminate'
  /** image pending -> available, its snapshots pending -> completed (CreateImage, CopyImage) */
  | 'image'
  /** volume deleting -> gone (after its instance terminates) */
  | 'volume-delete'
  /**
   * A terminated instance's network interface released, and with it the instance's security
   * groups: until then DeleteSecurityGroup answers DependencyViolation, as EC2 can for a while
   * after termination (Packer's own cleanup tries the deletion 5 times, 5 s apart, for this:
   * packer-plugin-amazon, builder/common/step_security_group.go). Default: at once.
   */
  | 'interface-release'

type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped'

const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
}
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
]
const COOLDOWN_MS = 24 * 60 * 60 * 1000
const TEN_YEARS_MS = 10 * 365.25 * 24 * 60 * 60 * 1000

const ID = {
  image: /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/,
  instance: /^i-([0-9a-f]{8}|[0-9a-f]{17})$/,
  snapshot: /^snap-([0-9a-f]{8}|[0-9a-f]{17})$/,
  volume: /^vol-([0-9a-f]{8}|[0-9a-f]{17})$/,
  group: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
  launchTemplate: /^lt-([0-9a-f]{8}|[0-9a-f]{17})$/,
}

// AWS Organizations ARNs (botocore organizations model, shapes OrganizationArn and OrganizationalUnitArn).
const ORGANIZATION_ARN = /^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/
const OU_ARN = /^arn:aws:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/

/**
 * A launch permission entry checked: an account id of 12 digits, `all` (botocore enum
 * PermissionGroup), or an organization or OU ARN. Anything else is InvalidAMIAttributeItemValue,
 * EC2's code for an item added to or removed from an image attribute that is not valid, such as a
 * userId that is not an account ID without hyphens (EC2 API Reference, Error codes).
 */
function checkLaunchPermission(p: LaunchPermission): LaunchPermission {
  const given = (['UserId', 'Group', 'OrganizationArn', 'OrganizationalUnitArn'] as const).filter(
    (k) => p[k] !== undefined,
  )
  if (given.length !== 1)
    throw new AwsError(
      'InvalidAMIAttributeItemValue',
      'A launch permission names exactly one of UserId, Group, OrganizationArn or OrganizationalUnitArn',
    )
  const [kind] = given
  const value = String(p[kind])
  const valid = {
    UserId: /^\d{12}$/,
    Group: /^all$/,
    OrganizationArn: ORGANIZATION_ARN,
    OrganizationalUnitArn: OU_ARN,
  }[kind].test(value)
  const itemType = {
    UserId: 'userId',
    Group: 'group',
    OrganizationArn: 'organizationArn',
    OrganizationalUnitArn: 'organizationalUnitArn',
  }[kind]
  if (!valid)
    throw new AwsError(
      'InvalidAMIAttributeItemValue',
      `Invalid attribute item value "${value}" for ${itemType} item type.`,
    )
  return { [kind]: value }
}

function samePermission(a: LaunchPermission, b: LaunchPermission): boolean {
  return (
    a.UserId === b.UserId &&
    a.Group === b.Group &&
    a.OrganizationArn === b.OrganizationArn &&
    a.OrganizationalUnitArn === b.OrganizationalUnitArn
  )
}

function hexId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`
}

/** EC2 filter values accept `*` and `?` wildcards. */
function globMatch(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${source}$`, 's').test(value)
}

type Filters = { Name?: string; Values?: string[] }[] | undefined
/** Filter name -> the value(s) it matches; numbers and booleans match their text. */
type Fields = Record<string, unknown>

const documented = new Map<string, Set<string>>()

/**
 * The filter names the model documents for an operation's `Filters` member (its documentation
 * lists them as `<li> <p> <code>name</code> - ...`).
 */
function documentedFilters(operation: string): Set<string> {
  let names = documented.get(operation)
  if (!names) {
    const model = loadModel('ec2')
    const input = model.operations[operation]?.input
    const doc = (input && (shapeOf(model, input).members?.Filters as { documentation?: string } | undefined))
      ?.documentation
    names = new Set([...(doc ?? '').matchAll(/<li>\s*<p>\s*<code>([^<]+)<\/code>\s*-/g)].map((m) => m[1]))
    documented.set(operation, names)
  }
  return names
}

/**
 * Every filter must match (AND); any of a filter's values may match (OR). A name EC2 does not
 * know is `InvalidParameterValue`; one the model documents that the stand-in does not implement
 * yet answers 501 naming the file to extend.
 */
function matchesFilters(
  operation: string,
  filters: Filters,
  fieldOf: (name: string) => string[] | undefined,
): boolean {
  for (const filter of filters ?? []) {
    const name = filter.Name ?? ''
    const values = fieldOf(name)
    if (values === undefined && documentedFilters(operation).has(name))
      throw new AwsError(
        'Unsupported',
        `aws-local does not implement the ${operation} filter '${name}' yet; add it in tools/aws-local/services/ec2.ts`,
        501,
      )
    if (values === undefined) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`)
    if (!(filter.Values ?? []).some((pattern) => values.some((v) => globMatch(pattern, v)))) return false
  }
  return true
}

/** A filter field lookup over named fields, then the tag filters (`tag:<key>`, `tag-key`, `tag-value`). */
function fieldsOf(fields: Fields, tags: Tag[]): (name: string) => string[] | undefined {
  return (name) => {
    if (name in fields) {
      const value = fields[name]
      return (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map(String)
    }
    if (name.startsWith('tag:')) return tags.filter((t) => t.Key === name.slice(4)).map((t) => t.Value)
    if (name === 'tag-key') return tags.map((t) => t.Key)
    if (name === 'tag-value') return tags.map((t) => t.Value)
    return undefined
  }
}

/** `NextToken` paging over a result list (the token is the offset). */
function page<T>(items: T[], input: Input): { items: T[]; NextToken?: string } {
  const max = input.MaxResults as number | undefined
  let start = 0
  if (input.NextToken !== undefined) {
    start = Number(Buffer.from(String(input.NextToken), 'base64url').toString('utf8'))
    if (!Number.isInteger(start) || start < 0 || start > items.length)
      throw new AwsError('InvalidPaginationToken', `The specified pagination token is not valid`)
  }
  if (max === undefined) return { items: items.slice(start) }
  const end = start + max
  return {
    items: items.slice(start, end),
    NextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  }
}

type TagSpecifications = { ResourceType?: string; Tags?: Tag[] }[] | undefined

/** Tags of `TagSpecifications` for one resource type; `allowed` lists the types the operation accepts. */
function specTags(specs: TagSpecifications, resourceType: string, allowed: string[]): Tag[] {
  for (const spec of specs ?? [])
    if (!allowed.includes(spec.ResourceType ?? ''))
      throw new AwsError(
        'InvalidParameterValue',
        `'${spec.ResourceType ?? ''}' is not a valid taggable resource type for this operation.`,
      )
  const tags = (specs ?? []).filter((s) => s.ResourceType === resourceType).flatMap((s) => s.Tags ?? [])
  checkTagKeys(tags)
  return tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }))
}

function checkTagKeys(tags: Tag[]): void {
  // "Tag keys are case-sensitive and accept a maximum of 127 Unicode characters. May not begin with
  // aws:" (EC2 API Reference, Tag data type).
  const reserved = tags.find((t) => t.Key.toLowerCase().startsWith('aws:'))
  if (reserved)
    throw new AwsError('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use")
}

function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const out = [...existing]
  for (const tag of added) {
    const at = out.findIndex((t) => t.Key === tag.Key)
    if (at >= 0) out[at] = { Key: tag.Key, Value: tag.Value ?? '' }
    else out.push({ Key: tag.Key, Value: tag.Value ?? '' })
  }
  return out
}

/** The OpenSSH wire form of an ed25519 public key (RFC 8709): string "ssh-ed25519", string key. */
function openSshEd25519(spki: Buffer): Buffer {
  const part = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes])
  return Buffer.concat([part(Buffer.from('ssh-ed25519')), part(spki.subarray(-32))])
}

function state(name: string): { Code: number; Name: string } {
  return { Code: STATE_CODES[name] ?? 16, Name: name }
}

/** Removes the members that are the stand-in's own bookkeeping, not EC2's. */
function withoutReservation({ ReservationId: _r, ...rest }: Instance): Record<string, unknown> {
  return rest
}

/**
 * AMI names: "3-128 alphanumeric characters, parentheses (()), square brackets ([]), spaces ( ),
 * periods (.), slashes (/), dashes (-), single quotes ('), at-signs (@), or underscores(_)"
 * (EC2 API Reference, CreateImage `Name`).
 */
function checkImageName(name: string): void {
  if (name.length < 3 || name.length > 128 || !/^[a-zA-Z0-9()[\] ./\-'@_]+$/.test(name))
    throw new AwsError(
      'InvalidAMIName.Malformed',
      "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'",
    )
}

/** `User initiated (2016-05-25 21:02:37 GMT)`, the StateTransitionReason of a stop or terminate. */
function userInitiated(now: Date): string {
  return `User initiated (${now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' GMT')})`
}

export class Ec2Service implements AwsService {
  readonly name = 'ec2'
  private readonly images = new Map<string, Image>()
  private readonly snapshots = new Map<string, Snapshot>()
  private readonly instances = new Map<string, Instance>()
  private readonly volumes = new Map<string, Volume>()
  private readonly keyPairs = new Map<string, KeyPair>()
  private readonly groups = new Map<string, SecurityGroup>()
  private readonly launchTemplates = new Map<string, LaunchTemplate>()
  /** Instances on their way to another state, and what takes them there. */
  private readonly instanceTransitions = new Map<string, { to: InstanceStateName; progress: Progress }>()
  private readonly imageProgress = new Map<string, Progress>()
  private readonly volumeDeletions = new Map<string, Progress>()
  /** Terminated instances whose network interface still holds their security groups. */
  private readonly interfaceReleases = new Map<string, Progress>()
  /** Deregistration protection per image; `cooldownUntil` once protection with cooldown is disabled. */
  private readonly protection = new Map<
    string,
    { withCooldown: boolean; enabled: boolean; cooldownUntil?: number }
  >()
  private readonly deprecations = new Map<string, string>()
  /**
   * Each image's explicit launch permissions (accounts, organizations, OUs); `Group: all` is the
   * image's `Public` flag, so a seeded `Public: true` image is shared with everyone.
   */
  private readonly launchPermissions = new Map<string, LaunchPermission[]>()
  private readonly clientTokens = new Map<string, string>()
  private plans: Record<TransitionKind, ProgressPlan> = Ec2Service.defaultPlans()
  readonly vpcId = hexId('vpc')
  readonly subnetId = hexId('subnet')
  private defaultGroupId = ''

  constructor(private readonly env: ServiceEnv) {
    this.seedDefaults()
  }

  private static defaultPlans(): Record<TransitionKind, ProgressPlan> {
    return {
      launch: { afterPolls: 1 },
      stop: { afterPolls: 1 },
      terminate: { afterPolls: 1 },
      image: { afterPolls: 1 },
      'volume-delete': { afterPolls: 1 },
      'interface-release': {},
    }
  }

  /** Every region's default VPC comes with its `default` security group. */
  private seedDefaults(): void {
    const group = this.newGroup('default', 'default VPC security group', this.vpcId)
    group.IpPermissions.push({
      IpProtocol: '-1',
      IpRanges: [],
      Ipv6Ranges: [],
      UserIdGroupPairs: [{ GroupId: group.GroupId, UserId: this.env.accountId }],
      PrefixListIds: [],
    })
    this.defaultGroupId = group.GroupId
  }

  reset(): void {
    for (const map of [
      this.images,
      this.snapshots,
      this.instances,
      this.volumes,
      this.keyPairs,
      this.groups,
      this.launchTemplates,
      this.instanceTransitions,
      this.imageProgress,
      this.volumeDeletions,
      this.interfaceReleases,
      this.protection,
      this.deprecations,
      this.launchPermissions,
      this.clientTokens,
    ])
      map.clear()
    this.plans = Ec2Service.defaultPlans()
    this.seedDefaults()
  }

  private get availabilityZone(): string {
    return `${this.env.region}a`
  }

  private now(): Date {
    return this.env.clock.now()
  }

  private peerEc2(region: string): Ec2Service {
    return this.env.service('ec2', region) as Ec2Service
  }

  // ---- scripting ----

  /**
   * Scripting: how long instances and images take to change state from now on, per kind:
   * `{ afterPolls }` Describe calls that see the change under way, or `{ afterMs }` of clock time
   * (default `{ afterPolls: 1 }`; `{}` finishes at once).
   */
  setTransitionPlan(kind: TransitionKind, plan: ProgressPlan): void {
    if (!(kind in this.plans)) throw new Error(`aws-local: unknown EC2 transition '${kind}'`)
    this.plans[kind] = plan
  }

  /** Scripting: finishes every state change under way (instances, images, volume deletions). */
  completeTransitions(): void {
    for (const progress of [
      ...[...this.instanceTransitions.values()].map((t) => t.progress),
      ...this.imageProgress.values(),
      ...this.volumeDeletions.values(),
      ...this.interfaceReleases.values(),
    ])
      progress.force(true)
    this.settleAll(false)
  }

  /** Scripting: registers an available AMI backed by a new snapshot. */
  seedImage(fields: Partial<Image> & { Name: string }): Image {
    const snapshotId = hexId('snap')
    const image: Image = {
      ImageId: hexId('ami'),
      OwnerId: this.env.accountId,
      State: 'available',
      CreationDate: this.now().toISOString(),
      Architecture: 'x86_64',
      ImageType: 'machine',
      Public: false,
      RootDeviceName: '/dev/xvda',
      RootDeviceType: 'ebs',
      VirtualizationType: 'hvm',
      Tags: [],
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: {
            SnapshotId: snapshotId,
            VolumeSize: 8,
            VolumeType: 'gp3',
            DeleteOnTermination: true,
            Encrypted: false,
          },
        },
      ],
      ...fields,
    }
    for (const mapping of image.BlockDeviceMappings)
      if (mapping.Ebs?.SnapshotId && !this.snapshots.has(mapping.Ebs.SnapshotId))
        this.snapshots.set(
          mapping.Ebs.SnapshotId,
          this.newSnapshot({
            SnapshotId: mapping.Ebs.SnapshotId,
            VolumeSize: mapping.Ebs.VolumeSize,
            OwnerId: image.OwnerId,
            Description: `Created by CreateImage for ${image.ImageId}`,
            State: 'completed',
          }),
        )
    this.images.set(image.ImageId, image)
    return image
  }

  /** Scripting: launches an instance (state `running` unless given; a seeded state does not change by itself). */
  seedInstance(
    fields: Partial<Omit<Instance, 'State'>> & { State?: string | Instance['State'] } = {},
  ): Instance {
    const given = typeof fields.State === 'string' ? state(fields.State) : fields.State
    const instance: Instance = {
      InstanceId: hexId('i'),
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 't3.micro',
      LaunchTime: this.now(),
      PrivateIpAddress: `10.0.${randomBytes(1)[0]}.${(randomBytes(1)[0] % 250) + 2}`,
      Tags: [],
      ReservationId: hexId('r'),
      SubnetId: this.subnetId,
      VpcId: this.vpcId,
      Placement: { AvailabilityZone: this.availabilityZone, Tenancy: 'default' },
      ...fields,
      State: given ?? state('running'),
    }
    this.instances.set(instance.InstanceId, instance)
    return instance
  }

  /**
   * Scripting: a launch template whose versions (1, 2, ...) carry the given data, e.g. an `ImageId`
   * that is an AMI id or `resolve:ssm:<parameter>`; the default version is 1 unless given.
   */
  seedLaunchTemplate(input: {
    LaunchTemplateName: string
    versions: LaunchTemplateData[]
    DefaultVersionNumber?: number
    Tags?: Tag[]
  }): { LaunchTemplateId: string; LaunchTemplateName: string } {
    const template: LaunchTemplate = {
      LaunchTemplateId: hexId('lt'),
      LaunchTemplateName: input.LaunchTemplateName,
      CreateTime: this.now(),
      CreatedBy: `arn:aws:iam::${this.env.accountId}:user/test`,
      DefaultVersionNumber: input.DefaultVersionNumber ?? 1,
      Tags: input.Tags ?? [],
      versions: input.versions.map((data, i) => ({ VersionNumber: i + 1, CreateTime: this.now(), data })),
    }
    this.launchTemplates.set(template.LaunchTemplateId, template)
    return { LaunchTemplateId: template.LaunchTemplateId, LaunchTemplateName: template.LaunchTemplateName }
  }

  /** Scripting: makes an image that is still pending fail (state `failed`), as EC2 does when a snapshot fails. */
  failImage(imageId: string, message = 'Snapshot creation failed'): void {
    const image = this.images.get(imageId)
    if (!image) throw new Error(`aws-local: no image ${imageId}`)
    this.imageProgress.delete(imageId)
    image.State = 'failed'
    image.StateReason = { Code: 'Server.InternalError', Message: `Server.InternalError: ${message}` }
    for (const m of image.BlockDeviceMappings) {
      const snapshot = m.Ebs?.SnapshotId ? this.snapshots.get(m.Ebs.SnapshotId) : undefined
      if (snapshot && snapshot.State === 'pending') snapshot.State = 'error'
    }
  }

  /** Scripting: whether a snapshot still exists. */
  hasSnapshot(snapshotId: string): boolean {
    return this.snapshots.has(snapshotId)
  }

  /** Scripting: an image as stored. */
  getImage(imageId: string): Image | undefined {
    return this.images.get(imageId)
  }

  /** Scripting: every image of this region (any owner). */
  listImages(): Image[] {
    return [...this.images.values()]
  }

  /**
   * Scripting: shares an image (of any owner, e.g. one of another account shared with this one)
   * as ModifyImageAttribute's `LaunchPermission.Add` would: with accounts, organizations, OUs, and
   * with everyone for `public: true` (`public: false` makes it private again). Returns the image's
   * launch permissions as DescribeImageAttribute lists them (`shareImage(id, {})` only reads them).
   */
  shareImage(imageId: string, share: ImageShare): LaunchPermission[] {
    const image = this.images.get(imageId)
    if (!image) throw new Error(`aws-local: no image ${imageId}`)
    const add: LaunchPermission[] = [
      ...(share.userIds ?? []).map((UserId) => ({ UserId })),
      ...(share.organizationArns ?? []).map((OrganizationArn) => ({ OrganizationArn })),
      ...(share.organizationalUnitArns ?? []).map((OrganizationalUnitArn) => ({ OrganizationalUnitArn })),
      ...(share.public === true ? [{ Group: 'all' as const }] : []),
    ]
    this.changeLaunchPermissions(image, add, share.public === false ? [{ Group: 'all' }] : [])
    return this.launchPermissionsOf(image)
  }

  /** Scripting: an instance as stored, its state settled by clock time (no poll counted). */
  getInstance(instanceId: string): Instance | undefined {
    this.settleAll(false)
    return this.instances.get(instanceId)
  }

  /** Scripting: every instance of this region, including terminated ones, settled by clock time. */
  listInstances(): Instance[] {
    this.settleAll(false)
    return [...this.instances.values()]
  }

  getSnapshot(snapshotId: string): Snapshot | undefined {
    return this.snapshots.get(snapshotId)
  }

  getVolume(volumeId: string): Volume | undefined {
    return this.volumes.get(volumeId)
  }

  listVolumes(): Volume[] {
    return [...this.volumes.values()]
  }

  getKeyPair(keyName: string): KeyPair | undefined {
    return this.keyPairs.get(keyName)
  }

  listKeyPairs(): KeyPair[] {
    return [...this.keyPairs.values()]
  }

  /** Scripting: a security group by id or name. */
  getSecurityGroup(idOrName: string): SecurityGroup | undefined {
    return this.groups.get(idOrName) ?? [...this.groups.values()].find((g) => g.GroupName === idOrName)
  }

  listSecurityGroups(): SecurityGroup[] {
    return [...this.groups.values()]
  }

  // ---- state changes ----

  private startTransition(
    instance: Instance,
    from: InstanceStateName,
    to: InstanceStateName,
    kind: TransitionKind,
  ) {
    this.setInstanceState(instance, from)
    this.instanceTransitions.set(instance.InstanceId, {
      to,
      progress: new Progress(this.env.clock, this.plans[kind]),
    })
  }

  private setInstanceState(instance: Instance, name: InstanceStateName): void {
    instance.State = state(name)
    if (name === 'running' && !instance.PublicIpAddress) {
      instance.PublicIpAddress = `203.0.113.${(randomBytes(1)[0] % 250) + 2}`
      instance.PublicDnsName = `ec2-${String(instance.PublicIpAddress).replace(/\./g, '-')}.compute-1.amazonaws.com`
    }
    if (name === 'stopped' || name === 'terminated' || name === 'shutting-down') {
      delete instance.PublicIpAddress
      instance.PublicDnsName = ''
    }
    if (name === 'terminated') this.onTerminated(instance)
  }

  /** Volumes that are deleted on termination go (after their own plan); the others are detached. */
  private onTerminated(instance: Instance): void {
    for (const volume of this.volumes.values()) {
      const attachment = volume.Attachments.find((a) => a.InstanceId === instance.InstanceId)
      if (!attachment) continue
      volume.Attachments = volume.Attachments.filter((a) => a !== attachment)
      if (attachment.DeleteOnTermination) {
        volume.State = 'deleting'
        this.volumeDeletions.set(volume.VolumeId, new Progress(this.env.clock, this.plans['volume-delete']))
      } else volume.State = 'available'
    }
    instance.BlockDeviceMappings = []
    this.interfaceReleases.set(
      instance.InstanceId,
      new Progress(this.env.clock, this.plans['interface-release']),
    )
  }

  /** Moves an instance on if its change is finished; `poll` counts this as an observation. */
  private settleInstance(id: string, poll: boolean): void {
    const transition = this.instanceTransitions.get(id)
    const instance = this.instances.get(id)
    if (!transition || !instance) return
    if (!(poll ? transition.progress.poll() : transition.progress.done)) return
    this.instanceTransitions.delete(id)
    this.setInstanceState(instance, transition.to)
  }

  private settleImage(id: string, poll: boolean): void {
    const progress = this.imageProgress.get(id)
    const image = this.images.get(id)
    if (!progress || !image) return
    if (!(poll ? progress.poll() : progress.done)) return
    this.imageProgress.delete(id)
    image.State = 'available'
    for (const m of image.BlockDeviceMappings) {
      const snapshot = m.Ebs?.SnapshotId ? this.snapshots.get(m.Ebs.SnapshotId) : undefined
      if (snapshot && snapshot.State === 'pending') {
        snapshot.State = 'completed'
        snapshot.Progress = '100%'
      }
    }
  }

  private settleVolume(id: string, poll: boolean): void {
    const progress = this.volumeDeletions.get(id)
    if (!progress) return
    if (!(poll ? progress.poll() : progress.done)) return
    this.volumeDeletions.delete(id)
    this.volumes.delete(id)
  }

  /** Settles everything by clock time (and forced completions) without counting polls. */
  private settleAll(poll: boolean): void {
    for (const id of [...this.instanceTransitions.keys()]) this.settleInstance(id, poll)
    for (const id of [...this.imageProgress.keys()]) this.settleImage(id, poll)
    for (const id of [...this.volumeDeletions.keys()]) this.settleVolume(id, poll)
  }

  // ---- helpers ----

  private newSnapshot(fields: Partial<Snapshot> & { VolumeSize: number }): Snapshot {
    return {
      SnapshotId: hexId('snap'),
      // Snapshots copied or registered without a volume show this placeholder (EC2 User Guide, "Copy an AMI").
      VolumeId: 'vol-ffffffff',
      State: 'pending',
      Progress: fields.State === 'completed' ? '100%' : '0%',
      StartTime: this.now(),
      OwnerId: this.env.accountId,
      Description: '',
      Encrypted: false,
      StorageTier: 'standard',
      Tags: [],
      ...fields,
    }
  }

  private newGroup(name: string, description: string, vpcId: string, tags: Tag[] = []): SecurityGroup {
    const id = hexId('sg')
    const group: SecurityGroup = {
      GroupId: id,
      GroupName: name,
      Description: description,
      VpcId: vpcId,
      OwnerId: this.env.accountId,
      SecurityGroupArn: `arn:aws:ec2:${this.env.region}:${this.env.accountId}:security-group/${id}`,
      IpPermissions: [],
      // A new group allows all outbound traffic (EC2 User Guide, "Security group rules").
      IpPermissionsEgress: [
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          UserIdGroupPairs: [],
          PrefixListIds: [],
        },
      ],
      Tags: tags,
    }
    this.groups.set(id, group)
    return group
  }

  private image(id: string): Image {
    if (!ID.image.test(id)) throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${id}"`)
    const image = this.images.get(id)
    if (!image) throw new AwsError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`)
    return image
  }

  private instancesById(ids: string[]): Instance[] {
    for (const id of ids)
      if (!ID.instance.test(id)) throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`)
    const missing = ids.filter((id) => !this.instances.has(id))
    if (missing.length)
      throw new AwsError(
        'InvalidInstanceID.NotFound',
        `The instance ID${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' ${missing.length > 1 ? 'do' : 'does'} not exist`,
      )
    return ids.map((id) => this.instances.get(id)!)
  }

  private group(id: string): SecurityGroup {
    if (!ID.group.test(id))
      throw new AwsError('InvalidGroupId.Malformed', `Invalid id: "${id}" (expecting "sg-...")`)
    const group = this.groups.get(id)
    if (!group) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`)
    return group
  }

  private groupByName(name: string): SecurityGroup {
    const group = [...this.groups.values()].find((g) => g.GroupName === name && g.VpcId === this.vpcId)
    if (!group)
      throw new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in default VPC '${this.vpcId}'`,
      )
    return group
  }

  private volume(id: string): Volume {
    if (!ID.volume.test(id))
      throw new AwsError('InvalidVolumeID.Malformed', `Invalid id: "${id}" (expecting "vol-...")`)
    const volume = this.volumes.get(id)
    if (!volume) throw new AwsError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`)
    return volume
  }

  private snapshot(id: string): Snapshot {
    if (!ID.snapshot.test(id))
      throw new AwsError('InvalidSnapshotID.Malformed', `The snapshot ID '${id}' is malformed`)
    const snapshot = this.snapshots.get(id)
    if (!snapshot) throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`)
    return snapshot
  }

  private keyPairById(id: string): KeyPair {
    const key = [...this.keyPairs.values()].find((k) => k.KeyPairId === id)
    if (!key) throw new AwsError('InvalidKeyPair.NotFound', `The key pair ID '${id}' does not exist`)
    return key
  }

  private launchTemplate(input: Input): LaunchTemplate | undefined {
    const id = input.LaunchTemplateId as string | undefined
    const name = input.LaunchTemplateName as string | undefined
    if (id !== undefined && name !== undefined)
      throw new AwsError(
        'InvalidParameterCombination',
        'Specify either the launch template ID or the launch template name, but not both.',
      )
    if (id !== undefined) {
      if (!ID.launchTemplate.test(id))
        throw new AwsError(
          'InvalidLaunchTemplateId.Malformed',
          `The specified launch template ID ${id} is malformed.`,
        )
      const template = this.launchTemplates.get(id)
      if (!template)
        throw new AwsError(
          'InvalidLaunchTemplateId.NotFound',
          `The specified launch template, with template ID ${id}, does not exist.`,
        )
      return template
    }
    if (name !== undefined) {
      const template = [...this.launchTemplates.values()].find((t) => t.LaunchTemplateName === name)
      if (!template)
        throw new AwsError(
          'InvalidLaunchTemplateName.NotFoundException',
          `The specified launch template, with template name ${name}, does not exist.`,
        )
      return template
    }
    return undefined
  }

  /** Whether an image can be deregistered now; the protection a describe shows. */
  private protectionOf(imageId: string): string {
    const p = this.protection.get(imageId)
    if (!p) return 'disabled'
    if (p.enabled) return p.withCooldown ? 'enabled-with-cooldown' : 'enabled-without-cooldown'
    if (p.cooldownUntil !== undefined && this.env.clock.nowMs() < p.cooldownUntil)
      // While the 24-hour cooldown runs, EC2 shows `disabled after <time>` (as tools that read it,
      // such as aws-nuke's EC2Image resource, parse it); deregistration is still refused.
      return `disabled after ${new Date(p.cooldownUntil).toISOString()}`
    return 'disabled'
  }

  private isDeprecated(imageId: string): boolean {
    const at = this.deprecations.get(imageId)
    return at !== undefined && Date.parse(at) <= this.env.clock.nowMs()
  }

  /** An image's launch permissions as DescribeImageAttribute lists them: `Group: all` first when public. */
  private launchPermissionsOf(image: Image): LaunchPermission[] {
    return [
      ...(image.Public ? [{ Group: 'all' as const }] : []),
      ...(this.launchPermissions.get(image.ImageId) ?? []).map((p) => ({ ...p })),
    ]
  }

  /**
   * Adds and removes launch permission entries. `LaunchPermission.Add.1.Group=all` "makes the AMI
   * public (i.e., so any AWS account can launch it)", `LaunchPermission.Remove.1.Group=all` "makes
   * the AMI private (i.e., so only you as the owner can launch it)" (EC2 API Reference,
   * ModifyImageAttribute, examples); DescribeImages shows it as `Public` and `is-public`.
   */
  private changeLaunchPermissions(image: Image, add: LaunchPermission[], remove: LaunchPermission[]): void {
    const adding = add.map(checkLaunchPermission)
    const removing = remove.map(checkLaunchPermission)
    const explicit = this.launchPermissions.get(image.ImageId) ?? []
    for (const p of adding)
      if (p.Group === 'all') image.Public = true
      else if (!explicit.some((e) => samePermission(e, p))) explicit.push(p)
    for (const p of removing)
      if (p.Group === 'all') image.Public = false
      else explicit.splice(0, explicit.length, ...explicit.filter((e) => !samePermission(e, p)))
    if (explicit.length) this.launchPermissions.set(image.ImageId, explicit)
    else this.launchPermissions.delete(image.ImageId)
  }

  /**
   * Only the owner modifies an AMI's attributes and reads its launch permissions; for another
   * account's AMI EC2 answers its
   * common AuthFailure, "You might not be authorized to carry out the request; for example ...
   * trying to use an AMI for which you do not have permissions" (EC2 API Reference, Error codes).
   */
  private ownImage(image: Image): Image {
    if (image.OwnerId !== this.env.accountId)
      throw new AwsError('AuthFailure', `Not authorized for image:${image.ImageId}`)
    return image
  }

  private imageView(image: Image): Record<string, unknown> {
    return {
      ...image,
      DeprecationTime: this.deprecations.get(image.ImageId),
      DeregistrationProtection: this.protectionOf(image.ImageId),
    }
  }

  /** Resolves `resolve:ssm:<parameter>[:version|:label]` with the same region's Parameter Store. */
  private async resolveSsm(imageId: string, ctx: CallContext): Promise<string> {
    const selector = imageId.slice('resolve:ssm:'.length)
    const ssm = this.env.service('ssm')
    try {
      const out = (await ssm.handlers.GetParameter({ Name: selector }, ctx)) as {
        Parameter: { Value: string }
      }
      return out.Parameter.Value
    } catch (error) {
      if (
        error instanceof AwsError &&
        (error.code === 'ParameterNotFound' || error.code === 'ParameterVersionNotFound')
      )
        throw new AwsError(
          'InvalidParameterValue',
          `Unable to resolve the Systems Manager parameter ${selector}`,
        )
      throw error
    }
  }

  private volumeFor(
    instanceId: string,
    device: string,
    ebs: {
      SnapshotId?: string
      VolumeSize?: number
      VolumeType?: string
      DeleteOnTermination?: boolean
      Encrypted?: boolean
      Iops?: number
    },
    tags: Tag[],
  ): Volume {
    const snapshot = ebs.SnapshotId ? this.snapshots.get(ebs.SnapshotId) : undefined
    if (ebs.SnapshotId && !snapshot)
      throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${ebs.SnapshotId}' does not exist.`)
    const size = ebs.VolumeSize ?? snapshot?.VolumeSize
    if (size === undefined)
      throw new AwsError(
        'InvalidParameterValue',
        `The request must contain the parameter size or snapshotId for device ${device}`,
      )
    if (snapshot && size < snapshot.VolumeSize)
      throw new AwsError(
        'InvalidBlockDeviceMapping',
        `Volume of size ${size}GB is smaller than snapshot '${snapshot.SnapshotId}', expect size >= ${snapshot.VolumeSize}GB`,
      )
    const volumeId = hexId('vol')
    const volume: Volume = {
      VolumeId: volumeId,
      Size: size,
      SnapshotId: ebs.SnapshotId ?? '',
      AvailabilityZone: this.availabilityZone,
      State: 'in-use',
      CreateTime: this.now(),
      VolumeType: ebs.VolumeType ?? 'gp2',
      Iops: ebs.Iops ?? (ebs.VolumeType === 'gp3' ? 3000 : Math.max(100, size * 3)),
      Encrypted: ebs.Encrypted ?? snapshot?.Encrypted ?? false,
      MultiAttachEnabled: false,
      Attachments: [
        {
          AttachTime: this.now(),
          Device: device,
          InstanceId: instanceId,
          State: 'attached',
          VolumeId: volumeId,
          DeleteOnTermination: ebs.DeleteOnTermination ?? true,
        },
      ],
      Tags: tags,
    }
    this.volumes.set(volumeId, volume)
    return volume
  }

  private stateChange(instance: Instance, previous: { Code: number; Name: string }) {
    return { InstanceId: instance.InstanceId, CurrentState: { ...instance.State }, PreviousState: previous }
  }

  private instanceFields(instance: Instance): Fields {
    const groups = (instance.SecurityGroups as { GroupId: string; GroupName: string }[] | undefined) ?? []
    const mappings =
      (instance.BlockDeviceMappings as { DeviceName: string; Ebs: { VolumeId: string; Status: string } }[]) ??
      []
    return {
      'instance-id': instance.InstanceId,
      'image-id': instance.ImageId,
      'instance-type': instance.InstanceType,
      'instance-state-name': instance.State.Name,
      'instance-state-code': instance.State.Code,
      'private-ip-address': instance.PrivateIpAddress,
      'ip-address': instance.PublicIpAddress as string | undefined,
      'reservation-id': instance.ReservationId,
      'key-name': instance.KeyName as string | undefined,
      'vpc-id': instance.VpcId as string | undefined,
      'subnet-id': instance.SubnetId as string | undefined,
      'availability-zone': (instance.Placement as { AvailabilityZone?: string } | undefined)
        ?.AvailabilityZone,
      'owner-id': this.env.accountId,
      'launch-time': instance.LaunchTime.toISOString(),
      'client-token': instance.ClientToken as string | undefined,
      architecture: instance.Architecture as string | undefined,
      'root-device-type': instance.RootDeviceType as string | undefined,
      'instance.group-id': groups.map((g) => g.GroupId),
      'instance.group-name': groups.map((g) => g.GroupName),
      'group-id': groups.map((g) => g.GroupId),
      'group-name': groups.map((g) => g.GroupName),
      'block-device-mapping.volume-id': mappings.map((m) => m.Ebs.VolumeId),
      'block-device-mapping.device-name': mappings.map((m) => m.DeviceName),
      'block-device-mapping.status': mappings.map((m) => m.Ebs.Status),
    }
  }

  private permission(input: Record<string, unknown>): IpPermission {
    return {
      IpProtocol: String(input.IpProtocol ?? '-1').toLowerCase(),
      FromPort: input.FromPort as number | undefined,
      ToPort: input.ToPort as number | undefined,
      IpRanges: ((input.IpRanges as IpPermission['IpRanges']) ?? []).map((r) => ({ ...r })),
      Ipv6Ranges: ((input.Ipv6Ranges as IpPermission['Ipv6Ranges']) ?? []).map((r) => ({ ...r })),
      UserIdGroupPairs: ((input.UserIdGroupPairs as IpPermission['UserIdGroupPairs']) ?? []).map((p) => ({
        ...p,
        UserId: p.UserId ?? this.env.accountId,
      })),
      PrefixListIds: ((input.PrefixListIds as IpPermission['PrefixListIds']) ?? []).map((p) => ({ ...p })),
    }
  }

  /**
   * Which instances use a security group: those not terminated, and terminated ones whose network
   * interface is not released yet (each call counts as a poll of that release).
   */
  private groupUsers(groupId: string): Instance[] {
    this.settleAll(false)
    return [...this.instances.values()].filter(
      (i) =>
        ((i.SecurityGroups as { GroupId: string }[] | undefined) ?? []).some((g) => g.GroupId === groupId) &&
        (i.State.Name !== 'terminated' || this.interfaceReleases.get(i.InstanceId)?.poll() === false),
    )
  }

  readonly handlers: Record<string, Handler> = {
    // ---- images ----

    DescribeImages: (input: Input) => {
      const ids = input.ImageIds as string[] | undefined
      for (const id of ids ?? [])
        if (!ID.image.test(id)) throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${id}"`)
      const missing = (ids ?? []).filter((id) => !this.images.has(id))
      if (missing.length)
        throw new AwsError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`)
      const owners = (input.Owners as string[] | undefined)?.map((o) =>
        o === 'self' ? this.env.accountId : o,
      )
      // ExecutableUsers: "Specify an Amazon Web Services account ID, self (the sender of the
      // request), or all (public AMIs)"; an account ID "that is not your own" returns "only AMIs
      // shared with that specific Amazon Web Services account ID", self also those shared with
      // one's organization or OU (EC2 API Reference, DescribeImages). The stand-in's account
      // belongs to no organization.
      const executable = input.ExecutableUsers as string[] | undefined
      for (const user of executable ?? [])
        if (user !== 'self' && user !== 'all' && !/^\d{12}$/.test(user))
          // "InvalidUserID.Malformed: The user ID is neither in the form of an AWS account ID or
          // one of the special values accepted by the owner or executableBy flags in the
          // DescribeImages call" (EC2 API Reference, Error codes).
          throw new AwsError('InvalidUserID.Malformed', `Invalid user id: "${user}"`)
      const executableBy = (image: Image) =>
        !executable ||
        executable.some((user) =>
          user === 'all'
            ? image.Public
            : (this.launchPermissions.get(image.ImageId) ?? []).some(
                (p) => p.UserId === (user === 'self' ? this.env.accountId : user),
              ),
        )
      const candidates = [...this.images.values()].filter((image) => !ids || ids.includes(image.ImageId))
      for (const image of candidates) this.settleImage(image.ImageId, true)
      const images = candidates.filter(
        (image) =>
          (!owners ||
            owners.includes(image.OwnerId) ||
            (owners.includes('amazon') && image.OwnerId === 'amazon')) &&
          executableBy(image) &&
          // "If you are the AMI owner, all deprecated AMIs appear in the response regardless of
          // what you specify" for IncludeDeprecated (EC2 API Reference, DescribeImages); for other
          // users "the deprecated AMI does not appear in DescribeImages API calls unless you
          // specify its ID or specify that deprecated AMIs must appear" (EC2 User Guide,
          // "Deprecate an Amazon EC2 AMI").
          (image.OwnerId === this.env.accountId ||
            input.IncludeDeprecated === true ||
            !this.isDeprecated(image.ImageId) ||
            ids?.includes(image.ImageId)) &&
          matchesFilters(
            'DescribeImages',
            input.Filters as Filters,
            fieldsOf(
              {
                name: image.Name,
                'image-id': image.ImageId,
                'owner-id': image.OwnerId,
                state: image.State,
                architecture: image.Architecture,
                'image-type': image.ImageType,
                'is-public': image.Public,
                description: image.Description,
                'root-device-type': image.RootDeviceType,
                'root-device-name': image.RootDeviceName,
                'virtualization-type': image.VirtualizationType,
                'creation-date': image.CreationDate,
                hypervisor: image.Hypervisor as string | undefined,
                'ena-support': image.EnaSupport as boolean | undefined,
                'source-instance-id': image.SourceInstanceId as string | undefined,
                'source-image-id': image.SourceImageId as string | undefined,
                'source-image-region': image.SourceImageRegion as string | undefined,
                'block-device-mapping.snapshot-id': image.BlockDeviceMappings.map((m) => m.Ebs?.SnapshotId),
                'block-device-mapping.device-name': image.BlockDeviceMappings.map((m) => m.DeviceName),
                'block-device-mapping.volume-size': image.BlockDeviceMappings.map((m) => m.Ebs?.VolumeSize),
                'block-device-mapping.volume-type': image.BlockDeviceMappings.map((m) => m.Ebs?.VolumeType),
                'block-device-mapping.delete-on-termination': image.BlockDeviceMappings.map(
                  (m) => m.Ebs?.DeleteOnTermination,
                ),
                'block-device-mapping.encrypted': image.BlockDeviceMappings.map((m) => m.Ebs?.Encrypted),
              },
              image.Tags,
            ),
          ),
      )
      const { items, NextToken } = page(images, input)
      return { Images: items.map((image) => this.imageView(image)), NextToken }
    },

    CreateImage: (input: Input) => {
      const [instance] = this.instancesById([input.InstanceId as string])
      this.settleInstance(instance.InstanceId, false)
      // "Creates an Amazon EBS-backed AMI from an Amazon EBS-backed instance that is either running
      // or stopped" (EC2 API Reference, CreateImage).
      if (instance.State.Name !== 'running' && instance.State.Name !== 'stopped')
        throw new AwsError(
          'IncorrectInstanceState',
          `The instance '${instance.InstanceId}' is not in a state from which it can be imaged.`,
        )
      const name = input.Name as string
      checkImageName(name)
      const duplicate = [...this.images.values()].find(
        (i) => i.Name === name && i.OwnerId === this.env.accountId,
      )
      if (duplicate)
        throw new AwsError(
          'InvalidAMIName.Duplicate',
          `AMI name ${name} is already in use by AMI ${duplicate.ImageId}`,
        )
      const specs = input.TagSpecifications as TagSpecifications
      const imageTags = specTags(specs, 'image', ['image', 'snapshot'])
      const snapshotTags = specTags(specs, 'snapshot', ['image', 'snapshot'])
      const imageId = hexId('ami')
      const requested = (input.BlockDeviceMappings as Record<string, unknown>[] | undefined) ?? []
      const attached =
        (instance.BlockDeviceMappings as {
          DeviceName: string
          Ebs: { VolumeId: string; DeleteOnTermination: boolean }
        }[]) ?? []
      const mappings: Image['BlockDeviceMappings'] = []
      for (const m of attached) {
        const override = requested.find((r) => r.DeviceName === m.DeviceName)
        if (override?.NoDevice !== undefined) continue
        const volume = this.volumes.get(m.Ebs.VolumeId)
        if (!volume) continue
        const ebs = (override?.Ebs as Record<string, unknown> | undefined) ?? {}
        const snapshot = this.newSnapshot({
          VolumeId: volume.VolumeId,
          VolumeSize: volume.Size,
          Encrypted: volume.Encrypted,
          // The description EC2 gives the snapshots of CreateImage (EC2 User Guide, "Create an Amazon EBS-backed AMI").
          Description: `Created by CreateImage(${instance.InstanceId}) for ${imageId}`,
          Tags: snapshotTags,
        })
        this.snapshots.set(snapshot.SnapshotId, snapshot)
        mappings.push({
          DeviceName: m.DeviceName,
          Ebs: {
            SnapshotId: snapshot.SnapshotId,
            VolumeSize: (ebs.VolumeSize as number | undefined) ?? volume.Size,
            VolumeType: (ebs.VolumeType as string | undefined) ?? volume.VolumeType,
            DeleteOnTermination:
              (ebs.DeleteOnTermination as boolean | undefined) ?? m.Ebs.DeleteOnTermination,
            Encrypted: volume.Encrypted,
          },
        })
      }
      for (const r of requested)
        if (r.Ebs && !attached.some((m) => m.DeviceName === r.DeviceName))
          mappings.push({
            DeviceName: r.DeviceName as string,
            Ebs: { ...(r.Ebs as Image['BlockDeviceMappings'][0]['Ebs']) },
          })
      const image: Image = {
        ImageId: imageId,
        Name: name,
        Description: input.Description as string | undefined,
        OwnerId: this.env.accountId,
        State: 'pending',
        CreationDate: this.now().toISOString(),
        Architecture: (instance.Architecture as string | undefined) ?? 'x86_64',
        ImageType: 'machine',
        ImageLocation: `${this.env.accountId}/${name}`,
        Public: false,
        RootDeviceName: (instance.RootDeviceName as string | undefined) ?? '/dev/xvda',
        RootDeviceType: 'ebs',
        VirtualizationType: 'hvm',
        Hypervisor: 'xen',
        EnaSupport: true,
        PlatformDetails: 'Linux/UNIX',
        UsageOperation: 'RunInstances',
        SourceInstanceId: instance.InstanceId,
        Tags: imageTags,
        BlockDeviceMappings: mappings,
      }
      this.images.set(imageId, image)
      this.imageProgress.set(imageId, new Progress(this.env.clock, this.plans.image))
      return { ImageId: imageId }
    },

    CopyImage: (input: Input, ctx: CallContext) => {
      // "The copy operation must be initiated in the destination Region" (EC2 API Reference,
      // CopyImage): this module is the destination; the source is the module of SourceRegion.
      const sourceRegion = input.SourceRegion as string
      if (!REGIONS.includes(sourceRegion))
        throw new AwsError('InvalidParameterValue', `Invalid source region: ${sourceRegion}`)
      const source = sourceRegion === ctx.region ? this : this.peerEc2(sourceRegion)
      const sourceId = input.SourceImageId as string
      source.settleAll(false)
      const original = source.image(sourceId)
      if (original.State !== 'available')
        // "InvalidAMIID.Unavailable: The specified AMI has been deregistered or is in a transitional
        // state" (EC2 API Reference, Error codes).
        throw new AwsError('InvalidAMIID.Unavailable', `The AMI '${sourceId}' is in a transitional state`)
      const name = input.Name as string
      checkImageName(name)
      const duplicate = [...this.images.values()].find(
        (i) => i.Name === name && i.OwnerId === this.env.accountId,
      )
      if (duplicate)
        throw new AwsError(
          'InvalidAMIName.Duplicate',
          `AMI name ${name} is already in use by AMI ${duplicate.ImageId}`,
        )
      const specs = input.TagSpecifications as TagSpecifications
      const copied =
        input.CopyImageTags === true
          ? original.Tags.filter((t) => !t.Key.toLowerCase().startsWith('aws:'))
          : []
      const imageTags = mergeTags(copied, specTags(specs, 'image', ['image', 'snapshot']))
      const snapshotTags = specTags(specs, 'snapshot', ['image', 'snapshot'])
      const imageId = hexId('ami')
      const mappings = original.BlockDeviceMappings.map((m) => {
        if (!m.Ebs?.SnapshotId) return { ...m }
        const from = source.snapshots.get(m.Ebs.SnapshotId)
        const snapshot = this.newSnapshot({
          VolumeSize: from?.VolumeSize ?? m.Ebs.VolumeSize,
          Encrypted: input.Encrypted === true || m.Ebs.Encrypted,
          Description: `Copied for DestinationAmi ${imageId} from SourceAmi ${sourceId} for SourceSnapshot ${m.Ebs.SnapshotId}`,
          Tags: snapshotTags,
        })
        this.snapshots.set(snapshot.SnapshotId, snapshot)
        return {
          DeviceName: m.DeviceName,
          Ebs: { ...m.Ebs, SnapshotId: snapshot.SnapshotId, Encrypted: snapshot.Encrypted },
        }
      })
      const image: Image = {
        ...original,
        ImageId: imageId,
        Name: name,
        Description: input.Description as string | undefined,
        OwnerId: this.env.accountId,
        State: 'pending',
        CreationDate: this.now().toISOString(),
        ImageLocation: `${this.env.accountId}/${name}`,
        // "AWS does not copy launch permissions or Amazon S3 bucket permissions from the source AMI
        // to the new AMI" (EC2 User Guide, "Copy an AMI", Considerations): the copy is private and
        // shared with nobody (no entry under its new id in `launchPermissions`).
        Public: false,
        SourceImageId: sourceId,
        SourceImageRegion: sourceRegion,
        SourceInstanceId: undefined,
        StateReason: undefined,
        Tags: imageTags,
        BlockDeviceMappings: mappings,
      }
      this.images.set(imageId, image)
      this.imageProgress.set(imageId, new Progress(this.env.clock, this.plans.image))
      return { ImageId: imageId }
    },

    DeregisterImage: (input: Input) => {
      const id = input.ImageId as string
      const image = this.image(id)
      const protection = this.protectionOf(id)
      if (protection !== 'disabled')
        // EC2 refuses to deregister a protected AMI (EC2 User Guide, "Protect an Amazon EC2 AMI from
        // deregistration"); the code is EC2's common OperationNotPermitted (EC2 API Reference,
        // Error codes), the one a protected instance's TerminateInstances answers.
        throw new AwsError(
          'OperationNotPermitted',
          `The image ${id} can't be deregistered because deregistration protection is enabled (${protection}).`,
        )
      this.images.delete(id)
      this.imageProgress.delete(id)
      this.protection.delete(id)
      this.deprecations.delete(id)
      this.launchPermissions.delete(id)
      if (input.DeleteAssociatedSnapshots !== true) return { Return: true }
      // "If a snapshot is associated with multiple AMIs, it won't be deleted even if specified for
      // deletion, although the AMI will still be deregistered" (EC2 API Reference, DeregisterImage).
      const results = image.BlockDeviceMappings.filter((m) => m.Ebs?.SnapshotId).map((m) => {
        const snapshotId = m.Ebs.SnapshotId
        const shared = [...this.images.values()].some((i) =>
          i.BlockDeviceMappings.some((b) => b.Ebs?.SnapshotId === snapshotId),
        )
        if (shared || !this.snapshots.has(snapshotId))
          return { SnapshotId: snapshotId, ReturnCode: 'skipped' }
        this.snapshots.delete(snapshotId)
        return { SnapshotId: snapshotId, ReturnCode: 'success' }
      })
      return { Return: true, DeleteSnapshotResults: results }
    },

    EnableImageDeprecation: (input: Input) => {
      const image = this.image(input.ImageId as string)
      const at = input.DeprecateAt as Date
      // "If you specify a value for seconds, Amazon EC2 rounds the seconds to the nearest minute.
      // You can't specify a date in the past. The upper limit for DeprecateAt is 10 years from now"
      // (EC2 API Reference, EnableImageDeprecation).
      const rounded = Math.round(at.getTime() / 60_000) * 60_000
      const now = this.env.clock.nowMs()
      if (rounded < now)
        throw new AwsError('InvalidParameterValue', 'The deprecation time cannot be in the past.')
      if (rounded > now + TEN_YEARS_MS)
        throw new AwsError(
          'InvalidParameterValue',
          'The deprecation time cannot be more than 10 years from now.',
        )
      this.deprecations.set(image.ImageId, new Date(rounded).toISOString())
      return { Return: true }
    },

    DisableImageDeprecation: (input: Input) => {
      this.deprecations.delete(this.image(input.ImageId as string).ImageId)
      return { Return: true }
    },

    EnableImageDeregistrationProtection: (input: Input) => {
      const image = this.image(input.ImageId as string)
      this.protection.set(image.ImageId, { enabled: true, withCooldown: input.WithCooldown === true })
      // The answer names the new state (AWS CLI examples, enable-image-deregistration-protection:
      // "Return": "enabled-without-cooldown").
      return { Return: this.protectionOf(image.ImageId) }
    },

    DisableImageDeregistrationProtection: (input: Input) => {
      const image = this.image(input.ImageId as string)
      const p = this.protection.get(image.ImageId)
      // "If you chose to include a 24-hour cooldown period when you enabled deregistration
      // protection for the AMI, then, when you disable deregistration protection, you won't
      // immediately be able to deregister the AMI" (EC2 API Reference, DisableImageDeregistrationProtection).
      if (p?.enabled && p.withCooldown)
        this.protection.set(image.ImageId, {
          enabled: false,
          withCooldown: true,
          cooldownUntil: this.env.clock.nowMs() + COOLDOWN_MS,
        })
      else if (p?.enabled) this.protection.delete(image.ImageId)
      return { Return: this.protectionOf(image.ImageId) }
    },

    ModifyImageAttribute: (input: Input) => {
      const image = this.ownImage(this.image(input.ImageId as string))
      // "To specify the attribute, you can use the Attribute parameter, or one of the following
      // parameters: Description, ImdsSupport, or LaunchPermission"; Attribute's "Valid values:
      // description | imdsSupport | launchPermission" (EC2 API Reference, ModifyImageAttribute).
      const flat = {
        UserId: input.UserIds as string[] | undefined,
        Group: input.UserGroups as string[] | undefined,
        OrganizationArn: input.OrganizationArns as string[] | undefined,
        OrganizationalUnitArn: input.OrganizationalUnitArns as string[] | undefined,
      }
      const flatGiven = Object.values(flat).some((v) => v !== undefined) || input.OperationType !== undefined
      const attribute =
        (input.Attribute as string | undefined) ??
        (input.LaunchPermission !== undefined || flatGiven
          ? 'launchPermission'
          : input.Description !== undefined
            ? 'description'
            : input.ImdsSupport !== undefined
              ? 'imdsSupport'
              : undefined)
      if (attribute === undefined)
        throw new AwsError('MissingParameter', 'The request must contain the parameter Attribute')
      if (attribute !== 'launchPermission' && flatGiven)
        // OperationType, UserIds, UserGroups, OrganizationArns and OrganizationalUnitArns: "This
        // parameter can be used only when the Attribute parameter is launchPermission" (same page).
        throw new AwsError(
          'InvalidParameterCombination',
          `OperationType, UserId, UserGroup, OrganizationArn and OrganizationalUnitArn can be used only with the launchPermission attribute, not ${attribute}`,
        )
      switch (attribute) {
        case 'launchPermission': {
          const modifications = (input.LaunchPermission as
            { Add?: LaunchPermission[]; Remove?: LaunchPermission[] } | undefined) ?? { Add: [], Remove: [] }
          const listed: LaunchPermission[] = (
            Object.entries(flat) as [keyof LaunchPermission, string[] | undefined][]
          ).flatMap(([kind, values]) => (values ?? []).map((value) => ({ [kind]: value })))
          if (listed.length && input.OperationType === undefined)
            throw new AwsError('MissingParameter', 'The request must contain the parameter OperationType')
          const add = [...(modifications.Add ?? []), ...(input.OperationType === 'add' ? listed : [])]
          const remove = [
            ...(modifications.Remove ?? []),
            ...(input.OperationType === 'remove' ? listed : []),
          ]
          this.changeLaunchPermissions(image, add, remove)
          return {}
        }
        case 'description': {
          const value =
            (input.Description as { Value?: string } | undefined)?.Value ??
            (input.Value as string | undefined)
          image.Description = value
          return {}
        }
        case 'imdsSupport': {
          const value =
            (input.ImdsSupport as { Value?: string } | undefined)?.Value ??
            (input.Value as string | undefined)
          // "Set to v2.0 to indicate that IMDSv2 is specified in the AMI ... After you set the
          // value to v2.0, you can't undo it" (EC2 API Reference, ModifyImageAttribute ImdsSupport).
          if (value !== 'v2.0')
            throw new AwsError(
              'InvalidParameterValue',
              `Value (${value ?? ''}) for parameter imdsSupport is invalid. The only valid value is v2.0.`,
            )
          image.ImdsSupport = 'v2.0'
          return {}
        }
        default:
          throw new AwsError(
            'InvalidParameterValue',
            `Value (${attribute}) for parameter attribute is invalid. Valid values: description | imdsSupport | launchPermission`,
          )
      }
    },

    DescribeImageAttribute: (input: Input) => {
      const image = this.image(input.ImageId as string)
      const attribute = input.Attribute as string
      const value = (v: unknown) => (v === undefined || v === null ? {} : { Value: String(v) })
      switch (attribute) {
        case 'launchPermission':
          return { ImageId: image.ImageId, LaunchPermissions: this.launchPermissionsOf(this.ownImage(image)) }
        case 'description':
          return { ImageId: image.ImageId, Description: value(image.Description) }
        case 'kernel':
          return { ImageId: image.ImageId, KernelId: value(image.KernelId) }
        case 'ramdisk':
          return { ImageId: image.ImageId, RamdiskId: value(image.RamdiskId) }
        case 'sriovNetSupport':
          return { ImageId: image.ImageId, SriovNetSupport: value(image.SriovNetSupport) }
        case 'bootMode':
          return { ImageId: image.ImageId, BootMode: value(image.BootMode) }
        case 'tpmSupport':
          return { ImageId: image.ImageId, TpmSupport: value(image.TpmSupport) }
        case 'imdsSupport':
          return { ImageId: image.ImageId, ImdsSupport: value(image.ImdsSupport) }
        case 'deregistrationProtection':
          return { ImageId: image.ImageId, DeregistrationProtection: value(this.protectionOf(image.ImageId)) }
        case 'productCodes':
          return { ImageId: image.ImageId, ProductCodes: (image.ProductCodes as unknown[] | undefined) ?? [] }
        case 'blockDeviceMapping':
          // "The blockDeviceMapping attribute is deprecated. Using this attribute returns the
          // Client.AuthFailure error. To get information about the block device mappings for an
          // AMI, describe the image instead" (EC2 API Reference, DescribeImageAttribute Attribute).
          throw new AwsError(
            'AuthFailure',
            'Unauthorized attempt to access restricted resource; describe the image for its block device mappings',
          )
        default:
          // uefiData, lastLaunchedTime, and any attribute a newer model adds.
          throw new AwsError(
            'Unsupported',
            `aws-local does not simulate the image attribute '${attribute}' yet; add it in tools/aws-local/services/ec2.ts`,
            501,
          )
      }
    },

    // ---- snapshots and volumes ----

    DescribeSnapshots: (input: Input) => {
      const ids = input.SnapshotIds as string[] | undefined
      for (const id of ids ?? []) this.snapshot(id)
      // A snapshot of CreateImage or CopyImage completes with its image: looking at it polls the image.
      for (const imageId of [...this.imageProgress.keys()])
        if (
          this.images.get(imageId)?.BlockDeviceMappings.some((m) => !ids || ids.includes(m.Ebs?.SnapshotId))
        )
          this.settleImage(imageId, true)
      const owners = (input.OwnerIds as string[] | undefined)?.map((o) =>
        o === 'self' ? this.env.accountId : o,
      )
      const snapshots = [...this.snapshots.values()].filter(
        (s) =>
          (!ids || ids.includes(s.SnapshotId)) &&
          (!owners || owners.includes(s.OwnerId)) &&
          matchesFilters(
            'DescribeSnapshots',
            input.Filters as Filters,
            fieldsOf(
              {
                'snapshot-id': s.SnapshotId,
                'volume-id': s.VolumeId,
                'volume-size': s.VolumeSize,
                status: s.State,
                'owner-id': s.OwnerId,
                description: s.Description,
                encrypted: s.Encrypted,
                progress: s.Progress,
                'start-time': s.StartTime.toISOString(),
                'storage-tier': s.StorageTier,
              },
              s.Tags,
            ),
          ),
      )
      const { items, NextToken } = page(snapshots, input)
      return { Snapshots: items, NextToken }
    },

    DeleteSnapshot: (input: Input) => {
      const snapshot = this.snapshot(input.SnapshotId as string)
      // "You cannot delete a snapshot of the root device of an EBS volume used by a registered AMI.
      // You must first deregister the AMI" (EC2 API Reference, DeleteSnapshot).
      const user = [...this.images.values()].find((i) =>
        i.BlockDeviceMappings.some((m) => m.Ebs?.SnapshotId === snapshot.SnapshotId),
      )
      if (user)
        throw new AwsError(
          'InvalidSnapshot.InUse',
          `The snapshot ${snapshot.SnapshotId} is currently in use by ${user.ImageId}`,
        )
      this.snapshots.delete(snapshot.SnapshotId)
      return {}
    },

    DescribeVolumes: (input: Input) => {
      const ids = input.VolumeIds as string[] | undefined
      // A look at a volume being deleted counts as a poll of it; once gone, its id is not found.
      for (const id of [...this.volumeDeletions.keys()])
        if (!ids || ids.includes(id)) this.settleVolume(id, true)
      for (const id of ids ?? []) this.volume(id)
      const volumes = [...this.volumes.values()].filter(
        (v) =>
          (!ids || ids.includes(v.VolumeId)) &&
          matchesFilters(
            'DescribeVolumes',
            input.Filters as Filters,
            fieldsOf(
              {
                'volume-id': v.VolumeId,
                size: v.Size,
                'snapshot-id': v.SnapshotId,
                status: v.State,
                'availability-zone': v.AvailabilityZone,
                'volume-type': v.VolumeType,
                encrypted: v.Encrypted,
                'create-time': v.CreateTime.toISOString(),
                'multi-attach-enabled': v.MultiAttachEnabled,
                'attachment.instance-id': v.Attachments.map((a) => a.InstanceId),
                'attachment.device': v.Attachments.map((a) => a.Device),
                'attachment.status': v.Attachments.map((a) => a.State),
                'attachment.delete-on-termination': v.Attachments.map((a) => a.DeleteOnTermination),
                'attachment.attach-time': v.Attachments.map((a) => a.AttachTime.toISOString()),
              },
              v.Tags,
            ),
          ),
      )
      const { items, NextToken } = page(volumes, input)
      return { Volumes: items, NextToken }
    },

    DeleteVolume: (input: Input) => {
      const volume = this.volume(input.VolumeId as string)
      const attachment = volume.Attachments[0]
      if (attachment)
        throw new AwsError(
          'VolumeInUse',
          `Volume ${volume.VolumeId} is currently attached to ${attachment.InstanceId}`,
        )
      this.volumes.delete(volume.VolumeId)
      this.volumeDeletions.delete(volume.VolumeId)
      return {}
    },

    // ---- instances ----

    RunInstances: async (input: Input, ctx: CallContext) => {
      const token = input.ClientToken as string | undefined
      if (token && this.clientTokens.has(token)) {
        // Idempotency: the same token answers the same reservation (EC2 Developer Guide, "Ensuring idempotency").
        const reservationId = this.clientTokens.get(token)!
        const members = [...this.instances.values()].filter((i) => i.ReservationId === reservationId)
        return {
          ReservationId: reservationId,
          OwnerId: this.env.accountId,
          Groups: [],
          Instances: members.map(withoutReservation),
        }
      }
      const min = input.MinCount as number
      const max = input.MaxCount as number
      if (min < 1 || max < 1 || min > max)
        throw new AwsError(
          'InvalidParameterValue',
          min > max ? 'MinCount must not exceed MaxCount.' : 'MinCount and MaxCount must be at least 1.',
        )
      let template: LaunchTemplateData = {}
      const spec = input.LaunchTemplate as
        { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string } | undefined
      if (spec) {
        const lt = this.launchTemplate(spec)!
        const wanted = spec.Version ?? '$Default'
        const number =
          wanted === '$Latest'
            ? lt.versions.length
            : wanted === '$Default'
              ? lt.DefaultVersionNumber
              : Number(wanted)
        const version = lt.versions.find((v) => v.VersionNumber === number)
        if (!version)
          throw new AwsError(
            'InvalidLaunchTemplateId.VersionNotFound',
            `The specified launch template version ${wanted} for launch template ${lt.LaunchTemplateId} does not exist.`,
          )
        template = version.data
      }
      let imageId = (input.ImageId as string | undefined) ?? template.ImageId
      if (!imageId) throw new AwsError('MissingParameter', 'The request must contain the parameter ImageId')
      if (imageId.startsWith('resolve:ssm:')) imageId = await this.resolveSsm(imageId, ctx)
      const image = this.image(imageId)
      this.settleImage(image.ImageId, false)
      if (image.State !== 'available')
        throw new AwsError(
          'InvalidAMIID.Unavailable',
          `The AMI '${image.ImageId}' is in a transitional state`,
        )
      const keyName = (input.KeyName as string | undefined) ?? (template.KeyName as string | undefined)
      if (keyName !== undefined && !this.keyPairs.has(keyName))
        throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`)
      // Empty strings are parameters not given, as EC2 reads them (Packer sends `SubnetId=`,
      // `Placement.AvailabilityZone=` and `IamInstanceProfile.Name=` when it has none).
      const subnetId = (input.SubnetId as string | undefined) || undefined
      const zone =
        (input.Placement as { AvailabilityZone?: string } | undefined)?.AvailabilityZone || undefined
      if (zone !== undefined && zone !== this.availabilityZone)
        throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${zone}]`)
      const profile = input.IamInstanceProfile as { Arn?: string; Name?: string } | undefined
      const profileArn =
        profile?.Arn ||
        (profile?.Name ? `arn:aws:iam::${this.env.accountId}:instance-profile/${profile.Name}` : undefined)
      if (subnetId !== undefined && subnetId !== this.subnetId)
        throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`)
      const groupIds =
        (input.SecurityGroupIds as string[] | undefined) ??
        (template.SecurityGroupIds as string[] | undefined)
      const groupNames =
        (input.SecurityGroups as string[] | undefined) ?? (template.SecurityGroups as string[] | undefined)
      const groups = [
        ...(groupIds ?? []).map((id) => this.group(id)),
        ...(groupNames ?? []).map((name) => this.groupByName(name)),
      ]
      if (groups.length === 0) groups.push(this.groups.get(this.defaultGroupId)!)
      const specs = input.TagSpecifications as TagSpecifications
      const allowed = ['instance', 'volume', 'network-interface', 'spot-instances-request', 'elastic-gpu']
      const instanceTags = specTags(specs, 'instance', allowed)
      const volumeTags = specTags(specs, 'volume', allowed)
      const requested = (input.BlockDeviceMappings as Record<string, unknown>[] | undefined) ?? []
      const reservationId = hexId('r')
      const launched: Instance[] = []
      const volumesBefore = new Set(this.volumes.keys())
      try {
        for (let index = 0; index < max; index++) {
          const instanceId = hexId('i')
          const mappings: { DeviceName: string; Ebs: Record<string, unknown> }[] = []
          const devices = [
            ...image.BlockDeviceMappings.map((m) => ({
              DeviceName: m.DeviceName,
              Ebs: {
                ...m.Ebs,
                ...((requested.find((r) => r.DeviceName === m.DeviceName)?.Ebs as object) ?? {}),
              },
              NoDevice: requested.find((r) => r.DeviceName === m.DeviceName)?.NoDevice,
            })),
            ...requested
              .filter((r) => r.Ebs && !image.BlockDeviceMappings.some((m) => m.DeviceName === r.DeviceName))
              .map((r) => ({
                DeviceName: r.DeviceName as string,
                Ebs: r.Ebs as Record<string, unknown>,
                NoDevice: undefined,
              })),
          ]
          for (const device of devices) {
            if (device.NoDevice !== undefined || !device.Ebs) continue
            const volume = this.volumeFor(instanceId, device.DeviceName, device.Ebs, volumeTags)
            mappings.push({
              DeviceName: device.DeviceName,
              Ebs: {
                AttachTime: volume.Attachments[0].AttachTime,
                DeleteOnTermination: volume.Attachments[0].DeleteOnTermination,
                Status: 'attached',
                VolumeId: volume.VolumeId,
              },
            })
          }
          const ip = `10.0.${randomBytes(1)[0]}.${(randomBytes(1)[0] % 250) + 2}`
          const instance: Instance = {
            InstanceId: instanceId,
            ImageId: image.ImageId,
            InstanceType: (input.InstanceType as string | undefined) ?? template.InstanceType ?? 'm1.small',
            State: state('pending'),
            LaunchTime: this.now(),
            PrivateIpAddress: ip,
            PrivateDnsName: `ip-${ip.replace(/\./g, '-')}.${this.env.region === 'us-east-1' ? 'ec2.internal' : `${this.env.region}.compute.internal`}`,
            PublicDnsName: '',
            StateTransitionReason: '',
            AmiLaunchIndex: index,
            KeyName: keyName,
            Tags: instanceTags,
            ReservationId: reservationId,
            ClientToken: token,
            Placement: { AvailabilityZone: this.availabilityZone, GroupName: '', Tenancy: 'default' },
            Monitoring: { State: 'disabled' },
            SubnetId: this.subnetId,
            VpcId: this.vpcId,
            Architecture: image.Architecture,
            RootDeviceType: 'ebs',
            RootDeviceName: image.RootDeviceName,
            BlockDeviceMappings: mappings,
            VirtualizationType: image.VirtualizationType,
            Hypervisor: 'xen',
            EbsOptimized: input.EbsOptimized === true,
            EnaSupport: true,
            SourceDestCheck: true,
            SecurityGroups: groups.map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName })),
            IamInstanceProfile: profileArn
              ? { Arn: profileArn, Id: `AIPA${randomBytes(8).toString('hex').toUpperCase()}` }
              : undefined,
            DisableApiTermination: input.DisableApiTermination === true,
            InstanceInitiatedShutdownBehavior:
              (input.InstanceInitiatedShutdownBehavior as string | undefined) ?? 'stop',
            PlatformDetails: 'Linux/UNIX',
            UsageOperation: 'RunInstances',
          }
          launched.push(instance)
        }
      } catch (error) {
        // A request EC2 refuses launches nothing: drop the volumes made for it so far.
        for (const id of [...this.volumes.keys()]) if (!volumesBefore.has(id)) this.volumes.delete(id)
        throw error
      }
      for (const instance of launched) {
        this.instances.set(instance.InstanceId, instance)
        this.startTransition(instance, 'pending', 'running', 'launch')
      }
      if (token) this.clientTokens.set(token, reservationId)
      return {
        ReservationId: reservationId,
        OwnerId: this.env.accountId,
        Groups: [],
        Instances: launched.map(withoutReservation),
      }
    },

    DescribeInstances: (input: Input) => {
      const ids = input.InstanceIds as string[] | undefined
      if (ids) this.instancesById(ids)
      const candidates = [...this.instances.values()].filter((i) => !ids || ids.includes(i.InstanceId))
      for (const instance of candidates) this.settleInstance(instance.InstanceId, true)
      const instances = candidates.filter((instance) =>
        matchesFilters(
          'DescribeInstances',
          input.Filters as Filters,
          fieldsOf(this.instanceFields(instance), instance.Tags),
        ),
      )
      const reservations = new Map<string, Instance[]>()
      for (const instance of instances)
        reservations.set(instance.ReservationId, [
          ...(reservations.get(instance.ReservationId) ?? []),
          instance,
        ])
      const { items, NextToken } = page([...reservations], input)
      return {
        Reservations: items.map(([id, members]) => ({
          ReservationId: id,
          OwnerId: this.env.accountId,
          Groups: [],
          Instances: members.map(withoutReservation),
        })),
        NextToken,
      }
    },

    StopInstances: (input: Input) => {
      const instances = this.instancesById(input.InstanceIds as string[])
      for (const i of instances) this.settleInstance(i.InstanceId, false)
      const refused = instances.find((i) => !['running', 'stopping', 'stopped'].includes(i.State.Name))
      if (refused)
        throw new AwsError(
          'IncorrectInstanceState',
          `This instance '${refused.InstanceId}' is not in a state from which it can be stopped.`,
        )
      return {
        StoppingInstances: instances.map((instance) => {
          const previous = { ...instance.State }
          if (instance.State.Name === 'running') {
            this.startTransition(instance, 'stopping', 'stopped', 'stop')
            instance.StateTransitionReason = userInitiated(this.now())
            instance.StateReason = {
              Code: 'Client.UserInitiatedShutdown',
              Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
            }
          }
          return this.stateChange(instance, previous)
        }),
      }
    },

    StartInstances: (input: Input) => {
      const instances = this.instancesById(input.InstanceIds as string[])
      for (const i of instances) this.settleInstance(i.InstanceId, false)
      const refused = instances.find((i) => !['pending', 'running', 'stopped'].includes(i.State.Name))
      if (refused)
        throw new AwsError(
          'IncorrectInstanceState',
          `The instance '${refused.InstanceId}' is not in a state from which it can be started.`,
        )
      return {
        StartingInstances: instances.map((instance) => {
          const previous = { ...instance.State }
          if (instance.State.Name === 'stopped') {
            this.startTransition(instance, 'pending', 'running', 'launch')
            instance.StateTransitionReason = ''
            delete instance.StateReason
          }
          return this.stateChange(instance, previous)
        }),
      }
    },

    TerminateInstances: (input: Input) => {
      const instances = this.instancesById(input.InstanceIds as string[])
      for (const i of instances) this.settleInstance(i.InstanceId, false)
      const protectedOne = instances.find(
        (i) => i.DisableApiTermination === true && i.State.Name !== 'terminated',
      )
      if (protectedOne)
        throw new AwsError(
          'OperationNotPermitted',
          `The instance '${protectedOne.InstanceId}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
        )
      // "This operation is idempotent; if you terminate an instance more than once, each call
      // succeeds" (EC2 API Reference, TerminateInstances).
      return {
        TerminatingInstances: instances.map((instance) => {
          const previous = { ...instance.State }
          if (instance.State.Name !== 'terminated' && instance.State.Name !== 'shutting-down') {
            this.startTransition(instance, 'shutting-down', 'terminated', 'terminate')
            instance.StateTransitionReason = userInitiated(this.now())
            instance.StateReason = {
              Code: 'Client.UserInitiatedShutdown',
              Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
            }
          }
          return this.stateChange(instance, previous)
        }),
      }
    },

    // ---- key pairs ----

    CreateKeyPair: (input: Input) => {
      const name = input.KeyName as string
      if (this.keyPairs.has(name))
        throw new AwsError('InvalidKeyPair.Duplicate', `The keypair '${name}' already exists.`)
      const tags = specTags(input.TagSpecifications as TagSpecifications, 'key-pair', ['key-pair'])
      const type = (input.KeyType as 'rsa' | 'ed25519' | undefined) ?? 'rsa'
      // A real key, so a client that parses the material (an SSH library) works. `KeyFormat: ppk`
      // (PuTTY) is answered in PEM: no library here writes PuTTY files.
      const generated =
        type === 'ed25519'
          ? generateKeyPairSync('ed25519', {
              privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
              publicKeyEncoding: { type: 'spki', format: 'der' },
            })
          : generateKeyPairSync('rsa', {
              modulusLength: 2048,
              privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
              publicKeyEncoding: { type: 'spki', format: 'der' },
            })
      // Fingerprints of keys EC2 creates: RSA, the SHA-1 digest of the private key as PKCS#8 DER
      // (`openssl pkcs8 ... -topk8 -nocrypt | openssl sha1 -c`); ED25519, the base64 SHA-256
      // digest of the OpenSSH public key, as `ssh-keygen -l` computes it (EC2 User Guide, "Verify
      // the fingerprint of your key pair").
      const fingerprint =
        type === 'ed25519'
          ? createHash('sha256').update(openSshEd25519(generated.publicKey)).digest('base64')
          : (
              createHash('sha1')
                .update(createPrivateKey(generated.privateKey).export({ type: 'pkcs8', format: 'der' }))
                .digest('hex')
                .match(/../g) ?? []
            ).join(':')
      const key: KeyPair = {
        KeyPairId: hexId('key'),
        KeyName: name,
        KeyFingerprint: fingerprint,
        KeyType: type,
        PublicKey: generated.publicKey.toString('base64'),
        CreateTime: this.now(),
        Tags: tags,
      }
      this.keyPairs.set(name, key)
      return {
        KeyName: name,
        KeyFingerprint: fingerprint,
        KeyMaterial: generated.privateKey,
        KeyPairId: key.KeyPairId,
        Tags: tags,
      }
    },

    DescribeKeyPairs: (input: Input) => {
      const names = input.KeyNames as string[] | undefined
      const ids = input.KeyPairIds as string[] | undefined
      const missing = (names ?? []).find((n) => !this.keyPairs.has(n))
      if (missing) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${missing}' does not exist`)
      for (const id of ids ?? []) this.keyPairById(id)
      const keys = [...this.keyPairs.values()].filter(
        (k) =>
          (!names || names.includes(k.KeyName)) &&
          (!ids || ids.includes(k.KeyPairId)) &&
          matchesFilters(
            'DescribeKeyPairs',
            input.Filters as Filters,
            fieldsOf(
              {
                'key-name': k.KeyName,
                'key-pair-id': k.KeyPairId,
                fingerprint: k.KeyFingerprint,
                'key-type': k.KeyType,
              },
              k.Tags,
            ),
          ),
      )
      return {
        KeyPairs: keys.map(({ PublicKey, ...key }) =>
          input.IncludePublicKey === true ? { ...key, PublicKey } : key,
        ),
      }
    },

    DeleteKeyPair: (input: Input) => {
      const name = input.KeyName as string | undefined
      const id = input.KeyPairId as string | undefined
      if (name === undefined && id === undefined)
        throw new AwsError('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId')
      const key = id !== undefined ? this.keyPairById(id) : this.keyPairs.get(name!)
      // Deleting a key name that does not exist succeeds (boto/boto3 issue #865: a 200 with no error).
      if (key) this.keyPairs.delete(key.KeyName)
      return { Return: true, KeyPairId: key?.KeyPairId }
    },

    // ---- security groups ----

    CreateSecurityGroup: (input: Input) => {
      const name = input.GroupName as string
      // An empty VpcId is the default VPC's, as EC2 takes it (Packer sends `VpcId=` when it has none).
      const vpcId = (input.VpcId as string | undefined) || this.vpcId
      if (vpcId !== this.vpcId)
        throw new AwsError('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`)
      if (name.toLowerCase().startsWith('sg-'))
        throw new AwsError('InvalidParameterValue', 'Group names may not be in the format sg-*.')
      if ([...this.groups.values()].some((g) => g.GroupName === name && g.VpcId === vpcId))
        throw new AwsError(
          'InvalidGroup.Duplicate',
          `The security group '${name}' already exists for VPC '${vpcId}'`,
        )
      const tags = specTags(input.TagSpecifications as TagSpecifications, 'security-group', [
        'security-group',
      ])
      const group = this.newGroup(name, input.Description as string, vpcId, tags)
      return { GroupId: group.GroupId, Tags: tags, SecurityGroupArn: group.SecurityGroupArn }
    },

    DescribeSecurityGroups: (input: Input) => {
      const ids = input.GroupIds as string[] | undefined
      const names = input.GroupNames as string[] | undefined
      for (const id of ids ?? []) this.group(id)
      for (const name of names ?? []) this.groupByName(name)
      const groups = [...this.groups.values()].filter(
        (g) =>
          (!ids || ids.includes(g.GroupId)) &&
          (!names || names.includes(g.GroupName)) &&
          matchesFilters(
            'DescribeSecurityGroups',
            input.Filters as Filters,
            fieldsOf(
              {
                'group-id': g.GroupId,
                'group-name': g.GroupName,
                description: g.Description,
                'vpc-id': g.VpcId,
                'owner-id': g.OwnerId,
                'ip-permission.protocol': g.IpPermissions.map((p) => p.IpProtocol),
                'ip-permission.from-port': g.IpPermissions.map((p) => p.FromPort),
                'ip-permission.to-port': g.IpPermissions.map((p) => p.ToPort),
                'ip-permission.cidr': g.IpPermissions.flatMap((p) => p.IpRanges.map((r) => r.CidrIp)),
                'ip-permission.group-id': g.IpPermissions.flatMap((p) =>
                  p.UserIdGroupPairs.map((u) => u.GroupId),
                ),
                'egress.ip-permission.protocol': g.IpPermissionsEgress.map((p) => p.IpProtocol),
                'egress.ip-permission.cidr': g.IpPermissionsEgress.flatMap((p) =>
                  p.IpRanges.map((r) => r.CidrIp),
                ),
              },
              g.Tags,
            ),
          ),
      )
      const { items, NextToken } = page(groups, input)
      return { SecurityGroups: items, NextToken }
    },

    AuthorizeSecurityGroupIngress: (input: Input) => {
      const group =
        input.GroupId !== undefined
          ? this.group(input.GroupId as string)
          : this.groupByName(input.GroupName as string)
      const permissions = (input.IpPermissions as Record<string, unknown>[] | undefined)?.map((p) =>
        this.permission(p),
      ) ?? [
        this.permission({
          IpProtocol: input.IpProtocol,
          FromPort: input.FromPort,
          ToPort: input.ToPort,
          IpRanges: input.CidrIp !== undefined ? [{ CidrIp: input.CidrIp }] : [],
        }),
      ]
      const rules: Record<string, unknown>[] = []
      for (const permission of permissions) {
        const same = group.IpPermissions.find(
          (p) =>
            p.IpProtocol === permission.IpProtocol &&
            p.FromPort === permission.FromPort &&
            p.ToPort === permission.ToPort,
        )
        for (const range of permission.IpRanges) {
          if (same?.IpRanges.some((r) => r.CidrIp === range.CidrIp))
            throw new AwsError(
              'InvalidPermission.Duplicate',
              `the specified rule "peer: ${range.CidrIp}, ${permission.IpProtocol.toUpperCase()}, from port: ${permission.FromPort}, to port: ${permission.ToPort}, ALLOW" already exists`,
            )
          rules.push({
            SecurityGroupRuleId: hexId('sgr'),
            GroupId: group.GroupId,
            GroupOwnerId: this.env.accountId,
            IsEgress: false,
            IpProtocol: permission.IpProtocol,
            FromPort: permission.FromPort,
            ToPort: permission.ToPort,
            CidrIpv4: range.CidrIp,
            Description: range.Description,
          })
        }
        if (same) {
          same.IpRanges.push(...permission.IpRanges)
          same.Ipv6Ranges.push(...permission.Ipv6Ranges)
          same.UserIdGroupPairs.push(...permission.UserIdGroupPairs)
          same.PrefixListIds.push(...permission.PrefixListIds)
        } else group.IpPermissions.push(permission)
      }
      return { Return: true, SecurityGroupRules: rules }
    },

    DeleteSecurityGroup: (input: Input) => {
      const group =
        input.GroupId !== undefined
          ? this.group(input.GroupId as string)
          : input.GroupName !== undefined
            ? this.groupByName(input.GroupName as string)
            : undefined
      if (!group)
        throw new AwsError('MissingParameter', 'The request must contain the parameter GroupName or GroupId')
      if (group.GroupName === 'default')
        throw new AwsError(
          'CannotDelete',
          `the specified group: "${group.GroupId}" name: "default" cannot be deleted by a user`,
        )
      // "If you attempt to delete a security group that is associated with an instance ... the
      // operation fails with DependencyViolation" (EC2 API Reference, DeleteSecurityGroup); an
      // instance uses its groups until it is terminated.
      if (this.groupUsers(group.GroupId).length)
        throw new AwsError('DependencyViolation', `resource ${group.GroupId} has a dependent object`)
      const referencing = [...this.groups.values()].find(
        (g) =>
          g !== group &&
          g.IpPermissions.some((p) => p.UserIdGroupPairs.some((u) => u.GroupId === group.GroupId)),
      )
      if (referencing)
        throw new AwsError('DependencyViolation', `resource ${group.GroupId} has a dependent object`)
      this.groups.delete(group.GroupId)
      return { Return: true, GroupId: group.GroupId }
    },

    // ---- launch templates ----

    DescribeLaunchTemplates: (input: Input) => {
      const ids = input.LaunchTemplateIds as string[] | undefined
      const names = input.LaunchTemplateNames as string[] | undefined
      for (const id of ids ?? []) this.launchTemplate({ LaunchTemplateId: id })
      for (const name of names ?? []) this.launchTemplate({ LaunchTemplateName: name })
      const templates = [...this.launchTemplates.values()].filter(
        (t) =>
          (!ids || ids.includes(t.LaunchTemplateId)) &&
          (!names || names.includes(t.LaunchTemplateName)) &&
          matchesFilters(
            'DescribeLaunchTemplates',
            input.Filters as Filters,
            fieldsOf(
              { 'launch-template-name': t.LaunchTemplateName, 'create-time': t.CreateTime.toISOString() },
              t.Tags,
            ),
          ),
      )
      const { items, NextToken } = page(templates, input)
      return {
        LaunchTemplates: items.map(({ versions, ...t }) => ({ ...t, LatestVersionNumber: versions.length })),
        NextToken,
      }
    },

    DescribeLaunchTemplateVersions: async (input: Input, ctx: CallContext) => {
      const template = this.launchTemplate(input)
      const wanted = (input.Versions as string[] | undefined) ?? []
      // "To describe all launch templates in your account that are defined as the latest version,
      // the valid value is $Latest ... the default version, $Default ... You cannot specify numbers"
      // (EC2 API Reference, DescribeLaunchTemplateVersions, Versions).
      if (!template) {
        const number = wanted.find((v) => v !== '$Latest' && v !== '$Default')
        if (number !== undefined)
          throw new AwsError(
            'InvalidParameterValue',
            `Version ${number} is not valid without a launch template ID or name; use $Latest or $Default`,
          )
      }
      const templates = template ? [template] : [...this.launchTemplates.values()]
      const min = input.MinVersion !== undefined ? Number(input.MinVersion) : undefined
      const max = input.MaxVersion !== undefined ? Number(input.MaxVersion) : undefined
      const rows: { template: LaunchTemplate; version: LaunchTemplate['versions'][0] }[] = []
      for (const t of templates) {
        const latest = t.versions.length
        for (const v of wanted) {
          if (v === '$Latest' || v === '$Default' || !template) continue
          if (!/^\d+$/.test(v) || !t.versions.some((x) => x.VersionNumber === Number(v)))
            throw new AwsError(
              'InvalidLaunchTemplateId.VersionNotFound',
              `Could not find launch template version ${v} for launch template ${t.LaunchTemplateId}.`,
            )
        }
        for (const version of [...t.versions].reverse()) {
          const n = version.VersionNumber
          const selected = wanted.length
            ? (wanted.includes('$Latest') && n === latest) ||
              (wanted.includes('$Default') && n === t.DefaultVersionNumber) ||
              wanted.includes(String(n))
            : true
          // MinVersion is "the version number after which", MaxVersion "the version number up to
          // which" to describe (EC2 API Reference, DescribeLaunchTemplateVersions).
          const inRange = (min === undefined || n > min) && (max === undefined || n <= max)
          if (selected && inRange) rows.push({ template: t, version })
        }
      }
      const shown = []
      for (const { template: t, version } of rows) {
        const data = { ...version.data }
        if (
          input.ResolveAlias === true &&
          typeof data.ImageId === 'string' &&
          data.ImageId.startsWith('resolve:ssm:')
        )
          data.ImageId = await this.resolveSsm(data.ImageId, ctx)
        const matches = matchesFilters(
          'DescribeLaunchTemplateVersions',
          input.Filters as Filters,
          fieldsOf(
            {
              'image-id': data.ImageId,
              'instance-type': data.InstanceType,
              'is-default-version': version.VersionNumber === t.DefaultVersionNumber,
              'create-time': version.CreateTime.toISOString(),
              'ebs-optimized': data.EbsOptimized as boolean | undefined,
              'kernel-id': data.KernelId as string | undefined,
              'ram-disk-id': data.RamDiskId as string | undefined,
              'iam-instance-profile': (data.IamInstanceProfile as { Arn?: string } | undefined)?.Arn,
            },
            [],
          ),
        )
        if (matches)
          shown.push({
            LaunchTemplateId: t.LaunchTemplateId,
            LaunchTemplateName: t.LaunchTemplateName,
            VersionNumber: version.VersionNumber,
            VersionDescription: version.VersionDescription,
            CreateTime: version.CreateTime,
            CreatedBy: t.CreatedBy,
            DefaultVersion: version.VersionNumber === t.DefaultVersionNumber,
            LaunchTemplateData: data,
          })
      }
      const { items, NextToken } = page(shown, input)
      return { LaunchTemplateVersions: items, NextToken }
    },

    // ---- tags and regions ----

    CreateTags: (input: Input) => {
      const tags = (input.Tags as Tag[]).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }))
      checkTagKeys(tags)
      const holders = (input.Resources as string[]).map((id) => this.taggable(id))
      for (const holder of holders) holder.Tags = mergeTags(holder.Tags, tags)
      return {}
    },

    DeleteTags: (input: Input) => {
      const tags = input.Tags as { Key: string; Value?: string }[] | undefined
      const holders = (input.Resources as string[]).map((id) => this.taggable(id))
      for (const holder of holders)
        holder.Tags = tags
          ? holder.Tags.filter(
              (t) => !tags.some((d) => d.Key === t.Key && (d.Value === undefined || d.Value === t.Value)),
            )
          : []
      return {}
    },

    DescribeRegions: (input: Input) => {
      const names = input.RegionNames as string[] | undefined
      const unknown = (names ?? []).find((n) => !REGIONS.includes(n))
      if (unknown) throw new AwsError('InvalidParameterValue', `Invalid region names: [${unknown}]`)
      return {
        Regions: REGIONS.filter((r) => !names || names.includes(r))
          .filter((r) =>
            matchesFilters(
              'DescribeRegions',
              input.Filters as Filters,
              fieldsOf(
                {
                  'region-name': r,
                  'opt-in-status': 'opt-in-not-required',
                  endpoint: `ec2.${r}.amazonaws.com`,
                },
                [],
              ),
            ),
          )
          .map((r) => ({
            RegionName: r,
            Endpoint: `ec2.${r}.amazonaws.com`,
            OptInStatus: 'opt-in-not-required',
          })),
      }
    },
  }

  /** The resource a CreateTags/DeleteTags id names, by its prefix. */
  private taggable(id: string): { Tags: Tag[] } {
    const prefix = id.slice(0, id.indexOf('-') + 1)
    switch (prefix) {
      case 'ami-':
        return this.image(id)
      case 'i-':
        return this.instancesById([id])[0]
      case 'snap-':
        return this.snapshot(id)
      case 'vol-':
        return this.volume(id)
      case 'sg-':
        return this.group(id)
      case 'key-':
        return this.keyPairById(id)
      case 'lt-':
        return this.launchTemplate({ LaunchTemplateId: id })!
      default:
        throw new AwsError('InvalidID', `The ID '${id}' is not valid`)
    }
  }
}
