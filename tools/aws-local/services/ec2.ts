// EC2: seedable AMIs (with their snapshots) and instances, EC2-style filters, deregistration.
import { randomBytes } from 'node:crypto'
import { AwsError } from '../errors'
import type { Handler, Input, ServiceEnv } from '../types'

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

/** Every filter must match (AND); any of a filter's values may match (OR). */
function matchesFilters(filters: Filters, fieldOf: (name: string) => string[] | undefined): boolean {
  for (const filter of filters ?? []) {
    const name = filter.Name ?? ''
    const values = fieldOf(name)
    if (values === undefined) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`)
    if (!(filter.Values ?? []).some((pattern) => values.some((v) => globMatch(pattern, v)))) return false
  }
  return true
}

function tagField(tags: Tag[], name: string): string[] | undefined {
  if (name.startsWith('tag:')) return tags.filter((t) => t.Key === name.slice(4)).map((t) => t.Value)
  if (name === 'tag-key') return tags.map((t) => t.Key)
  if (name === 'tag-value') return tags.map((t) => t.Value)
  return undefined
}

export class Ec2Service {
  readonly name = 'ec2'
  private readonly images = new Map<string, Image>()
  private readonly snapshots = new Map<string, { SnapshotId: string; VolumeSize: number }>()
  private readonly instances = new Map<string, Instance>()

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.images.clear()
    this.snapshots.clear()
    this.instances.clear()
  }

  /** Scripting: registers an available AMI backed by a new snapshot. */
  seedImage(fields: Partial<Image> & { Name: string }): Image {
    const snapshotId = hexId('snap')
    this.snapshots.set(snapshotId, { SnapshotId: snapshotId, VolumeSize: 8 })
    const image: Image = {
      ImageId: hexId('ami'),
      OwnerId: this.env.accountId,
      State: 'available',
      CreationDate: this.env.clock.now().toISOString(),
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
      if (!this.snapshots.has(mapping.Ebs.SnapshotId))
        this.snapshots.set(mapping.Ebs.SnapshotId, {
          SnapshotId: mapping.Ebs.SnapshotId,
          VolumeSize: mapping.Ebs.VolumeSize,
        })
    this.images.set(image.ImageId, image)
    return image
  }

  /** Scripting: launches an instance (state `running` unless given). */
  seedInstance(
    fields: Partial<Omit<Instance, 'State'>> & { State?: string | Instance['State'] } = {},
  ): Instance {
    const state =
      typeof fields.State === 'string'
        ? { Code: STATE_CODES[fields.State] ?? 16, Name: fields.State }
        : fields.State
    const instance: Instance = {
      InstanceId: hexId('i'),
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 't3.micro',
      LaunchTime: this.env.clock.now(),
      PrivateIpAddress: `10.0.${randomBytes(1)[0]}.${(randomBytes(1)[0] % 250) + 2}`,
      Tags: [],
      ReservationId: hexId('r'),
      ...fields,
      State: state ?? { Code: 16, Name: 'running' },
    }
    this.instances.set(instance.InstanceId, instance)
    return instance
  }

  /** Scripting: whether a snapshot still exists. */
  hasSnapshot(snapshotId: string): boolean {
    return this.snapshots.has(snapshotId)
  }

  /** Scripting: an image as stored. */
  getImage(imageId: string): Image | undefined {
    return this.images.get(imageId)
  }

  readonly handlers: Record<string, Handler> = {
    DescribeImages: (input: Input) => {
      const ids = input.ImageIds as string[] | undefined
      for (const id of ids ?? [])
        if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id))
          throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${id}"`)
      const missing = (ids ?? []).filter((id) => !this.images.has(id))
      if (missing.length)
        throw new AwsError('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`)
      const owners = (input.Owners as string[] | undefined)?.map((o) =>
        o === 'self' ? this.env.accountId : o,
      )
      const images = [...this.images.values()].filter(
        (image) =>
          (!ids || ids.includes(image.ImageId)) &&
          (!owners ||
            owners.includes(image.OwnerId) ||
            (owners.includes('amazon') && image.OwnerId === 'amazon')) &&
          matchesFilters(input.Filters as Filters, (name) => {
            const fields: Record<string, string | undefined> = {
              name: image.Name,
              'image-id': image.ImageId,
              'owner-id': image.OwnerId,
              state: image.State,
              architecture: image.Architecture,
              'image-type': image.ImageType,
              'is-public': String(image.Public),
              description: image.Description,
              'root-device-type': image.RootDeviceType,
              'virtualization-type': image.VirtualizationType,
            }
            if (name === 'block-device-mapping.snapshot-id')
              return image.BlockDeviceMappings.map((m) => m.Ebs.SnapshotId)
            if (name in fields) return fields[name] === undefined ? [] : [fields[name]!]
            return tagField(image.Tags, name)
          }),
      )
      return { Images: images }
    },

    DeregisterImage: (input: Input) => {
      const id = input.ImageId as string
      if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id))
        throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${id}"`)
      if (!this.images.delete(id))
        throw new AwsError('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`)
      return {}
    },

    DeleteSnapshot: (input: Input) => {
      const id = input.SnapshotId as string
      if (!/^snap-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id))
        throw new AwsError('InvalidSnapshotID.Malformed', `The snapshot ID '${id}' is malformed`)
      if (!this.snapshots.has(id))
        throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`)
      const user = [...this.images.values()].find((i) =>
        i.BlockDeviceMappings.some((m) => m.Ebs.SnapshotId === id),
      )
      if (user)
        throw new AwsError(
          'InvalidSnapshot.InUse',
          `The snapshot ${id} is currently in use by ${user.ImageId}`,
        )
      this.snapshots.delete(id)
      return {}
    },

    DescribeInstances: (input: Input) => {
      const ids = input.InstanceIds as string[] | undefined
      for (const id of ids ?? [])
        if (!/^i-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id))
          throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`)
      const missing = (ids ?? []).filter((id) => !this.instances.has(id))
      if (missing.length)
        throw new AwsError(
          'InvalidInstanceID.NotFound',
          `The instance ID${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' ${missing.length > 1 ? 'do' : 'does'} not exist`,
        )
      const instances = [...this.instances.values()].filter(
        (instance) =>
          (!ids || ids.includes(instance.InstanceId)) &&
          matchesFilters(input.Filters as Filters, (name) => {
            const fields: Record<string, string> = {
              'instance-id': instance.InstanceId,
              'image-id': instance.ImageId,
              'instance-type': instance.InstanceType,
              'instance-state-name': instance.State.Name,
              'instance-state-code': String(instance.State.Code),
              'private-ip-address': instance.PrivateIpAddress,
              'reservation-id': instance.ReservationId,
            }
            if (name in fields) return [fields[name]]
            return tagField(instance.Tags, name)
          }),
      )
      const reservations = new Map<string, Instance[]>()
      for (const instance of instances)
        reservations.set(instance.ReservationId, [
          ...(reservations.get(instance.ReservationId) ?? []),
          instance,
        ])
      return {
        Reservations: [...reservations].map(([id, members]) => ({
          ReservationId: id,
          OwnerId: this.env.accountId,
          Groups: [],
          Instances: members.map(({ ReservationId: _r, ...rest }) => rest),
        })),
      }
    },

    DescribeRegions: (input: Input) => {
      const names = input.RegionNames as string[] | undefined
      const unknown = (names ?? []).find((n) => !REGIONS.includes(n))
      if (unknown) throw new AwsError('InvalidParameterValue', `Invalid region names: [${unknown}]`)
      return {
        Regions: REGIONS.filter((r) => !names || names.includes(r))
          .filter((r) =>
            matchesFilters(input.Filters as Filters, (name) =>
              name === 'region-name'
                ? [r]
                : name === 'opt-in-status'
                  ? ['opt-in-not-required']
                  : name === 'endpoint'
                    ? [`ec2.${r}.amazonaws.com`]
                    : undefined,
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
}
