import { createPrivateKey, createHash } from 'node:crypto'
import {
  AuthorizeSecurityGroupIngressCommand,
  CopyImageCommand,
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DisableImageDeregistrationProtectionCommand,
  EC2Client,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  ModifyImageAttributeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2'
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm'
import { startAwsLocal, type AwsLocal } from '../index'
import { clientConfig, failure } from '../test-helpers'

/**
 * EC2 through the real SDK client: instances and images that change state over polls or scripted
 * time, CopyImage into another region, and what AMI retention and leak cleanup use: snapshots,
 * deprecation, deregistration protection, launch templates, tag and state filters, security
 * groups and key pairs. Plus AMI ids in Parameter Store (`aws:ec2:image`), validated against EC2.
 */

let aws: AwsLocal
let ec2: EC2Client
let eu: EC2Client
let ssm: SSMClient
const EU = 'eu-west-1'

beforeAll(async () => {
  aws = await startAwsLocal()
  ec2 = new EC2Client({ ...clientConfig(aws), maxAttempts: 1 })
  eu = new EC2Client({ ...clientConfig(aws, EU), maxAttempts: 1 })
  ssm = new SSMClient({ ...clientConfig(aws), maxAttempts: 1 })
})
afterAll(async () => {
  for (const client of [ec2, eu, ssm]) client.destroy()
  await aws.close()
})
beforeEach(() => aws.reset())

const store = () => aws.service('ec2')

async function launch(tags: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  const image = store().listImages()[0] ?? store().seedImage({ Name: 'base-1' })
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: image.ImageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: Object.keys(tags).length
        ? [{ ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }]
        : undefined,
      ...extra,
    }),
  )
  return out.Instances![0]
}

async function stateOf(instanceId: string): Promise<string | undefined> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))
  return out.Reservations?.[0].Instances?.[0].State?.Name
}

describe('instances', () => {
  it('launches pending instances that run after a poll, with the image volumes and the TagSpecifications tags', async () => {
    const image = store().seedImage({ Name: 'base-1' })
    const out = await ec2.send(
      new RunInstancesCommand({
        ImageId: image.ImageId,
        InstanceType: 't3.micro',
        MinCount: 2,
        MaxCount: 2,
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'Run', Value: 'r-7' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'Run', Value: 'r-7' }] },
        ],
      }),
    )
    expect(out.Instances).toHaveLength(2)
    const [first] = out.Instances!
    expect(first.State).toEqual({ Code: 0, Name: 'pending' })
    expect(first.Tags).toEqual([{ Key: 'Run', Value: 'r-7' }])
    expect(first.SecurityGroups?.[0].GroupName).toBe('default')
    expect(first.Placement?.AvailabilityZone).toBe('us-east-1a')
    const volumeId = first.BlockDeviceMappings?.[0].Ebs?.VolumeId
    expect(first.BlockDeviceMappings?.[0].DeviceName).toBe('/dev/xvda')

    expect(await stateOf(first.InstanceId!)).toBe('pending')
    expect(await stateOf(first.InstanceId!)).toBe('running')
    const volumes = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId!] }))
    expect(volumes.Volumes?.[0]).toMatchObject({
      State: 'in-use',
      Size: 8,
      SnapshotId: image.BlockDeviceMappings[0].Ebs.SnapshotId,
      Tags: [{ Key: 'Run', Value: 'r-7' }],
      Attachments: [
        { InstanceId: first.InstanceId, Device: '/dev/xvda', State: 'attached', DeleteOnTermination: true },
      ],
    })
  })

  it('follows scripted clock time when the plan says so', async () => {
    store().setTransitionPlan('launch', { afterMs: 30_000 })
    const instance = await launch()
    expect(await stateOf(instance.InstanceId!)).toBe('pending')
    expect(await stateOf(instance.InstanceId!)).toBe('pending')
    aws.clock.advance(30_000)
    expect(await stateOf(instance.InstanceId!)).toBe('running')
  })

  it('stops through stopping, terminates through shutting-down, and deletes the volumes deleted on termination', async () => {
    const instance = await launch()
    const id = instance.InstanceId!
    const volumeId = instance.BlockDeviceMappings![0].Ebs!.VolumeId!
    store().completeTransitions()

    const stopped = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }))
    expect(stopped.StoppingInstances).toEqual([
      {
        InstanceId: id,
        CurrentState: { Code: 64, Name: 'stopping' },
        PreviousState: { Code: 16, Name: 'running' },
      },
    ])
    expect(await stateOf(id)).toBe('stopping')
    expect(await stateOf(id)).toBe('stopped')

    const terminating = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }))
    expect(terminating.TerminatingInstances?.[0]).toMatchObject({
      CurrentState: { Name: 'shutting-down' },
      PreviousState: { Name: 'stopped' },
    })
    expect(await stateOf(id)).toBe('shutting-down')
    expect(await stateOf(id)).toBe('terminated')
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))
    expect(described.Reservations?.[0].Instances?.[0].StateReason?.Code).toBe('Client.UserInitiatedShutdown')
    expect(described.Reservations?.[0].Instances?.[0].StateTransitionReason).toMatch(
      /^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/,
    )

    expect((await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }))).Volumes?.[0].State).toBe(
      'deleting',
    )
    const gone = await failure(ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] })))
    expect(gone.name).toBe('InvalidVolume.NotFound')

    // Terminating again succeeds (the operation is idempotent).
    const again = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }))
    expect(again.TerminatingInstances?.[0]).toMatchObject({
      CurrentState: { Code: 48, Name: 'terminated' },
      PreviousState: { Code: 48, Name: 'terminated' },
    })
  })

  it('refuses to stop a terminated instance and to terminate a protected one', async () => {
    const gone = store().seedInstance({ State: 'terminated' })
    const stop = await failure(ec2.send(new StopInstancesCommand({ InstanceIds: [gone.InstanceId] })))
    expect(stop.name).toBe('IncorrectInstanceState')
    const kept = await launch({}, { DisableApiTermination: true })
    const terminate = await failure(
      ec2.send(new TerminateInstancesCommand({ InstanceIds: [kept.InstanceId!] })),
    )
    expect(terminate.name).toBe('OperationNotPermitted')
    const missing = await failure(
      ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    )
    expect(missing.name).toBe('InvalidInstanceID.NotFound')

    // A launch EC2 refuses leaves nothing behind.
    const before = { instances: store().listInstances().length, volumes: store().listVolumes().length }
    const tooSmall = await failure(
      launch({}, { MaxCount: 2, BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 4 } }] }),
    )
    expect(tooSmall.name).toBe('InvalidBlockDeviceMapping')
    const noKey = await failure(launch({}, { KeyName: 'nobody' }))
    expect(noKey.name).toBe('InvalidKeyPair.NotFound')
    expect({ instances: store().listInstances().length, volumes: store().listVolumes().length }).toEqual(
      before,
    )
  })

  it('filters by tag:<key>, tag-key and state, as a cleanup step looks for what a run left', async () => {
    const a = await launch({ 'infra-actions:run': '42', Name: 'Packer Builder' })
    const b = await launch({ 'infra-actions:run': '43' })
    await launch({ Other: 'x' })
    store().completeTransitions()
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [b.InstanceId!] }))
    store().completeTransitions()

    const ids = async (filters: { Name: string; Values: string[] }[]) =>
      (await ec2.send(new DescribeInstancesCommand({ Filters: filters }))).Reservations?.flatMap((r) =>
        r.Instances!.map((i) => i.InstanceId),
      )
    expect(await ids([{ Name: 'tag:infra-actions:run', Values: ['42'] }])).toEqual([a.InstanceId])
    expect((await ids([{ Name: 'tag-key', Values: ['infra-actions:run'] }]))?.sort()).toEqual(
      [a.InstanceId, b.InstanceId].sort(),
    )
    expect(
      await ids([
        { Name: 'tag-key', Values: ['infra-actions:run'] },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
      ]),
    ).toEqual([a.InstanceId])
    expect(await ids([{ Name: 'tag:Name', Values: ['Packer *'] }])).toEqual([a.InstanceId])
    const invalid = await failure(
      ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
    )
    expect(invalid.name).toBe('InvalidParameterValue')
    // A filter EC2 documents that the stand-in does not implement yet says so, rather than matching nothing.
    const unsupported = await failure(
      ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'affinity', Values: ['host'] }] })),
    )
    expect(unsupported.$metadata.httpStatusCode).toBe(501)
    expect(unsupported.message).toMatch(/does not implement the DescribeInstances filter 'affinity'/)
  })
})

describe('key pairs and security groups', () => {
  it('creates a real key with the fingerprint EC2 gives it, finds it by name, filter and tag, and deletes it', async () => {
    const created = await ec2.send(
      new CreateKeyPairCommand({
        KeyName: 'packer_1',
        TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'Run', Value: '9' }] }],
      }),
    )
    expect(created.KeyMaterial).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/)
    const der = createPrivateKey(created.KeyMaterial!).export({ type: 'pkcs8', format: 'der' })
    expect(created.KeyFingerprint).toBe(createHash('sha1').update(der).digest('hex').match(/../g)!.join(':'))
    expect(created.KeyPairId).toMatch(/^key-[0-9a-f]{17}$/)

    const duplicate = await failure(ec2.send(new CreateKeyPairCommand({ KeyName: 'packer_1' })))
    expect(duplicate.name).toBe('InvalidKeyPair.Duplicate')
    const byFilter = await ec2.send(
      new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: ['packer_*'] }] }),
    )
    expect(byFilter.KeyPairs?.map((k) => k.KeyName)).toEqual(['packer_1'])
    const byTag = await ec2.send(
      new DescribeKeyPairsCommand({ Filters: [{ Name: 'tag:Run', Values: ['9'] }] }),
    )
    expect(byTag.KeyPairs?.map((k) => k.KeyPairId)).toEqual([created.KeyPairId])
    expect(Object.keys(byTag.KeyPairs![0])).not.toContain('KeyMaterial')

    expect((await ec2.send(new DeleteKeyPairCommand({ KeyName: 'packer_1' }))).KeyPairId).toBe(
      created.KeyPairId,
    )
    const missing = await failure(ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['packer_1'] })))
    expect(missing.name).toBe('InvalidKeyPair.NotFound')
    expect(missing.message).toBe("The key pair 'packer_1' does not exist")
    // Deleting a key name that does not exist succeeds, as in EC2.
    expect((await ec2.send(new DeleteKeyPairCommand({ KeyName: 'packer_1' }))).Return).toBe(true)
  })

  it('refuses to delete a group while an instance that is not terminated uses it (DependencyViolation)', async () => {
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'packer_2',
        Description: 'Temporary group for Packer',
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Run', Value: '2' }] }],
      }),
    )
    const rule = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [rule] }))
    const duplicate = await failure(
      ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [rule] })),
    )
    expect(duplicate.name).toBe('InvalidPermission.Duplicate')
    const found = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:Run', Values: ['2'] }] }),
    )
    expect(found.SecurityGroups?.map((g) => g.GroupId)).toEqual([GroupId])
    expect(found.SecurityGroups?.[0].IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ])

    const instance = await launch({}, { SecurityGroupIds: [GroupId] })
    const inUse = await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId })))
    expect(inUse.name).toBe('DependencyViolation')
    expect(inUse.message).toBe(`resource ${GroupId} has a dependent object`)
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId!] }))
    // Still shutting down: the group is still in use.
    expect((await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId })))).name).toBe(
      'DependencyViolation',
    )
    expect(await stateOf(instance.InstanceId!)).toBe('shutting-down')
    expect(await stateOf(instance.InstanceId!)).toBe('terminated')
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId }))
    const gone = await failure(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId!] })))
    expect(gone.name).toBe('InvalidGroup.NotFound')

    const fallback = store().getSecurityGroup('default')!
    const cannot = await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: fallback.GroupId })))
    expect(cannot.name).toBe('CannotDelete')
  })

  it("holds a terminated instance's groups until its network interface is released (interface-release)", async () => {
    store().setTransitionPlan('interface-release', { afterPolls: 2 })
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'packer_3', Description: 'Temporary group for Packer' }),
    )
    const instance = await launch({}, { SecurityGroupIds: [GroupId!] })
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId!] }))
    expect(await stateOf(instance.InstanceId!)).toBe('shutting-down')
    expect(await stateOf(instance.InstanceId!)).toBe('terminated')
    // Two refusals after termination, then the deletion goes through.
    for (let i = 0; i < 2; i++)
      expect((await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId })))).name).toBe(
        'DependencyViolation',
      )
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId }))
    expect(store().getSecurityGroup(GroupId!)).toBeUndefined()
  })
})

describe('images', () => {
  it('creates an image from a stopped instance: pending until polled, one snapshot per volume, tags on both', async () => {
    const instance = await launch()
    store().completeTransitions()
    await ec2.send(new StopInstancesCommand({ InstanceIds: [instance.InstanceId!] }))
    store().completeTransitions()
    const { ImageId } = await ec2.send(
      new CreateImageCommand({
        InstanceId: instance.InstanceId!,
        Name: 'app-2026-12-01',
        TagSpecifications: [
          { ResourceType: 'image', Tags: [{ Key: 'Release', Value: 'v7' }] },
          { ResourceType: 'snapshot', Tags: [{ Key: 'Release', Value: 'v7' }] },
        ],
      }),
    )
    expect(store().getImage(ImageId!)).toMatchObject({
      State: 'pending',
      Name: 'app-2026-12-01',
      SourceInstanceId: instance.InstanceId,
    })
    const snapshotId = store().getImage(ImageId!)!.BlockDeviceMappings[0].Ebs.SnapshotId
    // The snapshot completes with the image: the first look (at either) sees both pending.
    const snapshot = (await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] })))
      .Snapshots![0]
    expect(snapshot).toMatchObject({
      State: 'pending',
      Progress: '0%',
      VolumeId: instance.BlockDeviceMappings![0].Ebs!.VolumeId,
      VolumeSize: 8,
      Description: `Created by CreateImage(${instance.InstanceId}) for ${ImageId}`,
      Tags: [{ Key: 'Release', Value: 'v7' }],
    })
    const ready = (await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0]
    expect(ready).toMatchObject({ State: 'available', Tags: [{ Key: 'Release', Value: 'v7' }] })
    expect(ready.BlockDeviceMappings?.[0].Ebs?.SnapshotId).toBe(snapshotId)
    expect(
      (await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }))).Snapshots![0],
    ).toMatchObject({ State: 'completed', Progress: '100%' })

    const duplicate = await failure(
      ec2.send(new CreateImageCommand({ InstanceId: instance.InstanceId!, Name: 'app-2026-12-01' })),
    )
    expect(duplicate.name).toBe('InvalidAMIName.Duplicate')
    await ec2.send(
      new CreateTagsCommand({ Resources: [ImageId!, snapshotId], Tags: [{ Key: 'Keep', Value: 'yes' }] }),
    )
    expect(store().getImage(ImageId!)?.Tags).toEqual([
      { Key: 'Release', Value: 'v7' },
      { Key: 'Keep', Value: 'yes' },
    ])
    expect(store().getSnapshot(snapshotId)?.Tags).toContainEqual({ Key: 'Keep', Value: 'yes' })
  })

  it('copies an image into the region the request is signed for, from the source region', async () => {
    const source = store().seedImage({ Name: 'app-v1', Tags: [{ Key: 'Release', Value: 'v1' }] })
    const { ImageId } = await eu.send(
      new CopyImageCommand({
        Name: 'app-v1',
        SourceImageId: source.ImageId,
        SourceRegion: 'us-east-1',
        CopyImageTags: true,
      }),
    )
    expect(store().getImage(ImageId!)).toBeUndefined()
    const copy = aws.service('ec2', EU).getImage(ImageId!)!
    expect(copy).toMatchObject({
      State: 'pending',
      SourceImageId: source.ImageId,
      SourceImageRegion: 'us-east-1',
    })
    const copySnapshot = copy.BlockDeviceMappings[0].Ebs.SnapshotId
    expect(copySnapshot).not.toBe(source.BlockDeviceMappings[0].Ebs.SnapshotId)
    expect(aws.service('ec2', EU).hasSnapshot(copySnapshot)).toBe(true)

    const missingHere = await failure(ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId!] })))
    expect(missingHere.name).toBe('InvalidAMIID.NotFound')
    expect((await eu.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0].State).toBe(
      'pending',
    )
    const ready = (await eu.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0]
    expect(ready).toMatchObject({ State: 'available', Tags: [{ Key: 'Release', Value: 'v1' }] })

    // A copy of a copy that is still pending is refused; an image that is not there is not found.
    const { ImageId: second } = await eu.send(
      new CopyImageCommand({ Name: 'app-v1-b', SourceImageId: source.ImageId, SourceRegion: 'us-east-1' }),
    )
    const transitional = await failure(
      ec2.send(new CopyImageCommand({ Name: 'app-v1', SourceImageId: second!, SourceRegion: EU })),
    )
    expect(transitional.name).toBe('InvalidAMIID.Unavailable')
    const missing = await failure(
      eu.send(
        new CopyImageCommand({
          Name: 'x-1',
          SourceImageId: 'ami-0123456789abcdef0',
          SourceRegion: 'us-east-1',
        }),
      ),
    )
    expect(missing.name).toBe('InvalidAMIID.NotFound')
  })

  it('deregisters with DeleteAssociatedSnapshots, keeping a snapshot another image still uses', async () => {
    const old = store().seedImage({ Name: 'app-v1' })
    const shared = old.BlockDeviceMappings[0].Ebs.SnapshotId
    const other = store().seedImage({
      Name: 'app-v1-again',
      BlockDeviceMappings: [{ ...old.BlockDeviceMappings[0] }],
    })
    const own = store().seedImage({ Name: 'app-v2' })
    const ownSnapshot = own.BlockDeviceMappings[0].Ebs.SnapshotId

    const inUse = await failure(ec2.send(new DeleteSnapshotCommand({ SnapshotId: ownSnapshot })))
    expect(inUse.name).toBe('InvalidSnapshot.InUse')
    const out = await ec2.send(
      new DeregisterImageCommand({ ImageId: own.ImageId, DeleteAssociatedSnapshots: true }),
    )
    expect(out.DeleteSnapshotResults).toEqual([{ SnapshotId: ownSnapshot, ReturnCode: 'success' }])
    expect(store().hasSnapshot(ownSnapshot)).toBe(false)

    const kept = await ec2.send(
      new DeregisterImageCommand({ ImageId: old.ImageId, DeleteAssociatedSnapshots: true }),
    )
    expect(kept.DeleteSnapshotResults).toEqual([{ SnapshotId: shared, ReturnCode: 'skipped' }])
    expect(store().hasSnapshot(shared)).toBe(true)
    await ec2.send(new DeregisterImageCommand({ ImageId: other.ImageId }))
    expect(store().hasSnapshot(shared)).toBe(true)

    const self = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
    expect(self.Snapshots?.map((s) => s.SnapshotId)).toEqual([shared])
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: shared }))
    const notFound = await failure(ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [shared] })))
    expect(notFound.name).toBe('InvalidSnapshot.NotFound')
  })

  it('deprecates an image at a time rounded to the minute, shown by DescribeImages', async () => {
    aws.clock.set(new Date('2026-12-01T10:00:00Z'))
    const mine = store().seedImage({ Name: 'app-v1' })
    const theirs = store().seedImage({ Name: 'shared-v1', OwnerId: '999999999999', Public: true })
    for (const image of [mine, theirs])
      await ec2.send(
        new EnableImageDeprecationCommand({
          ImageId: image.ImageId,
          DeprecateAt: new Date('2026-12-08T10:00:31Z'),
        }),
      )
    const shown = (await ec2.send(new DescribeImagesCommand({ ImageIds: [mine.ImageId] }))).Images![0]
    expect(shown.DeprecationTime).toBe('2026-12-08T10:01:00.000Z')
    const past = await failure(
      ec2.send(
        new EnableImageDeprecationCommand({
          ImageId: mine.ImageId,
          DeprecateAt: new Date('2026-11-01T00:00:00Z'),
        }),
      ),
    )
    expect(past.name).toBe('InvalidParameterValue')

    aws.clock.advance(8 * 24 * 60 * 60 * 1000)
    const names = async (includeDeprecated?: boolean) =>
      (await ec2.send(new DescribeImagesCommand({ IncludeDeprecated: includeDeprecated }))).Images?.map(
        (i) => i.Name,
      ).sort()
    // The owner's deprecated images are always listed; other owners' ones only with IncludeDeprecated.
    expect(await names()).toEqual(['app-v1'])
    expect(await names(true)).toEqual(['app-v1', 'shared-v1'])
  })

  it('refuses to deregister a protected image, also during the 24-hour cooldown after protection is disabled', async () => {
    aws.clock.freeze()
    const image = store().seedImage({ Name: 'app-v1' })
    const protection = async () =>
      (await ec2.send(new DescribeImagesCommand({ ImageIds: [image.ImageId] }))).Images![0]
        .DeregistrationProtection
    expect(await protection()).toBe('disabled')
    const enabled = await ec2.send(
      new EnableImageDeregistrationProtectionCommand({ ImageId: image.ImageId, WithCooldown: true }),
    )
    expect(enabled.Return).toBe('enabled-with-cooldown')
    expect(await protection()).toBe('enabled-with-cooldown')
    const refused = await failure(ec2.send(new DeregisterImageCommand({ ImageId: image.ImageId })))
    expect(refused.name).toBe('OperationNotPermitted')

    await ec2.send(new DisableImageDeregistrationProtectionCommand({ ImageId: image.ImageId }))
    const until = new Date(aws.clock.nowMs() + 24 * 60 * 60 * 1000).toISOString()
    expect(await protection()).toBe(`disabled after ${until}`)
    expect((await failure(ec2.send(new DeregisterImageCommand({ ImageId: image.ImageId })))).name).toBe(
      'OperationNotPermitted',
    )
    aws.clock.advance(24 * 60 * 60 * 1000)
    expect(await protection()).toBe('disabled')
    await ec2.send(new DeregisterImageCommand({ ImageId: image.ImageId }))
    expect(store().getImage(image.ImageId)).toBeUndefined()

    const plain = store().seedImage({ Name: 'app-v2' })
    expect(
      (await ec2.send(new EnableImageDeregistrationProtectionCommand({ ImageId: plain.ImageId }))).Return,
    ).toBe('enabled-without-cooldown')
    expect(
      (await ec2.send(new DisableImageDeregistrationProtectionCommand({ ImageId: plain.ImageId }))).Return,
    ).toBe('disabled')
    await ec2.send(new DeregisterImageCommand({ ImageId: plain.ImageId }))
  })
})

describe('image launch permissions', () => {
  const ORG = 'arn:aws:organizations::111122223333:organization/o-abcde12345'
  const OU = 'arn:aws:organizations::111122223333:ou/o-abcde12345/ou-ab12-cdef3456'
  const permissions = async (ImageId: string) =>
    (await ec2.send(new DescribeImageAttributeCommand({ ImageId, Attribute: 'launchPermission' })))
      .LaunchPermissions
  const described = async (ImageId: string) =>
    (await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId] }))).Images![0]
  const publicNames = async () =>
    (
      await ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'is-public', Values: ['true'] }] }))
    ).Images?.map((i) => i.Name)

  it('shares with accounts, organizations and OUs, and makes the image public with Group all and private again', async () => {
    const image = store().seedImage({ Name: 'app-v1' })
    expect(
      await ec2.send(
        new DescribeImageAttributeCommand({ ImageId: image.ImageId, Attribute: 'launchPermission' }),
      ),
    ).toMatchObject({
      ImageId: image.ImageId,
      LaunchPermissions: [],
    })

    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: image.ImageId,
        LaunchPermission: {
          Add: [{ UserId: '444455556666' }, { OrganizationArn: ORG }, { OrganizationalUnitArn: OU }],
        },
      }),
    )
    expect(await permissions(image.ImageId)).toEqual([
      { UserId: '444455556666' },
      { OrganizationArn: ORG },
      { OrganizationalUnitArn: OU },
    ])
    // Shared with other accounts, but not public.
    expect((await described(image.ImageId)).Public).toBe(false)
    expect(await publicNames()).toEqual([])

    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: image.ImageId,
        LaunchPermission: { Add: [{ Group: 'all' }], Remove: [{ OrganizationArn: ORG }] },
      }),
    )
    expect((await described(image.ImageId)).Public).toBe(true)
    expect(await publicNames()).toEqual(['app-v1'])
    expect(await permissions(image.ImageId)).toEqual([
      { Group: 'all' },
      { UserId: '444455556666' },
      { OrganizationalUnitArn: OU },
    ])

    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: image.ImageId,
        LaunchPermission: { Remove: [{ Group: 'all' }, { UserId: '444455556666' }] },
      }),
    )
    expect((await described(image.ImageId)).Public).toBe(false)
    expect(await publicNames()).toEqual([])
    expect(await permissions(image.ImageId)).toEqual([{ OrganizationalUnitArn: OU }])
  })

  it('takes the flat form too: Attribute launchPermission, OperationType, UserIds and UserGroups', async () => {
    const image = store().seedImage({ Name: 'app-v1' })
    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: image.ImageId,
        Attribute: 'launchPermission',
        OperationType: 'add',
        UserIds: ['444455556666', '777788889999'],
        UserGroups: ['all'],
      }),
    )
    expect(aws.callsOf('ec2', 'ModifyImageAttribute')[0].input).toMatchObject({
      UserIds: ['444455556666', '777788889999'],
      UserGroups: ['all'],
    })
    expect(await permissions(image.ImageId)).toEqual([
      { Group: 'all' },
      { UserId: '444455556666' },
      { UserId: '777788889999' },
    ])
    expect((await described(image.ImageId)).Public).toBe(true)
    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: image.ImageId,
        Attribute: 'launchPermission',
        OperationType: 'remove',
        UserIds: ['777788889999'],
        UserGroups: ['all'],
      }),
    )
    expect(await permissions(image.ImageId)).toEqual([{ UserId: '444455556666' }])
    expect((await described(image.ImageId)).Public).toBe(false)
  })

  it("answers the errors EC2 gives: unknown and malformed ids, invalid items, another account's image", async () => {
    const image = store().seedImage({ Name: 'app-v1' })
    const missing = await failure(
      ec2.send(
        new DescribeImageAttributeCommand({
          ImageId: 'ami-0123456789abcdef0',
          Attribute: 'launchPermission',
        }),
      ),
    )
    expect(missing.name).toBe('InvalidAMIID.NotFound')
    expect(missing.message).toBe("The image id '[ami-0123456789abcdef0]' does not exist")
    const malformed = await failure(
      ec2.send(
        new ModifyImageAttributeCommand({
          ImageId: 'ami-nope',
          LaunchPermission: { Add: [{ Group: 'all' }] },
        }),
      ),
    )
    expect(malformed.name).toBe('InvalidAMIID.Malformed')

    const badUser = await failure(
      ec2.send(
        new ModifyImageAttributeCommand({
          ImageId: image.ImageId,
          LaunchPermission: { Add: [{ UserId: '4444-5555-6666' }] },
        }),
      ),
    )
    expect(badUser.name).toBe('InvalidAMIAttributeItemValue')
    const badGroup = await failure(
      ec2.send(
        new ModifyImageAttributeCommand({
          ImageId: image.ImageId,
          Attribute: 'launchPermission',
          OperationType: 'add',
          UserGroups: ['everyone'],
        }),
      ),
    )
    expect(badGroup.name).toBe('InvalidAMIAttributeItemValue')
    const badOrg = await failure(
      ec2.send(
        new ModifyImageAttributeCommand({
          ImageId: image.ImageId,
          LaunchPermission: { Add: [{ OrganizationArn: 'o-abc' }] },
        }),
      ),
    )
    expect(badOrg.name).toBe('InvalidAMIAttributeItemValue')
    expect(await permissions(image.ImageId)).toEqual([])

    const theirs = store().seedImage({ Name: 'vendor-v1', OwnerId: '999999999999', Public: true })
    const notMine = await failure(
      ec2.send(
        new ModifyImageAttributeCommand({
          ImageId: theirs.ImageId,
          LaunchPermission: { Remove: [{ Group: 'all' }] },
        }),
      ),
    )
    expect(notMine.name).toBe('AuthFailure')
    expect((await failure(permissions(theirs.ImageId))).name).toBe('AuthFailure')
    expect((await described(theirs.ImageId)).Public).toBe(true)
  })

  it('describes the other attributes it knows, and says which it does not simulate', async () => {
    const image = store().seedImage({ Name: 'app-v1', Description: 'base', BootMode: 'uefi' })
    const attribute = (Attribute: string) =>
      ec2.send(
        new DescribeImageAttributeCommand({ ImageId: image.ImageId, Attribute: Attribute as 'description' }),
      )
    expect((await attribute('description')).Description).toEqual({ Value: 'base' })
    expect((await attribute('bootMode')).BootMode).toEqual({ Value: 'uefi' })
    expect((await attribute('deregistrationProtection')).DeregistrationProtection).toEqual({
      Value: 'disabled',
    })
    await ec2.send(
      new ModifyImageAttributeCommand({ ImageId: image.ImageId, Description: { Value: 'base, patched' } }),
    )
    expect((await attribute('description')).Description).toEqual({ Value: 'base, patched' })
    expect((await described(image.ImageId)).Description).toBe('base, patched')
    // "Using this attribute returns the Client.AuthFailure error" (DescribeImageAttribute, Attribute).
    expect((await failure(attribute('blockDeviceMapping'))).name).toBe('AuthFailure')
    const unsimulated = await failure(attribute('uefiData'))
    expect(unsimulated.$metadata.httpStatusCode).toBe(501)
    expect(unsimulated.message).toContain('tools/aws-local/services/ec2.ts')
  })

  it('does not copy launch permissions with CopyImage', async () => {
    const source = store().seedImage({ Name: 'app-v1' })
    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: source.ImageId,
        LaunchPermission: { Add: [{ Group: 'all' }, { UserId: '444455556666' }] },
      }),
    )
    const { ImageId } = await eu.send(
      new CopyImageCommand({ Name: 'app-v1', SourceImageId: source.ImageId, SourceRegion: 'us-east-1' }),
    )
    const copy = (await eu.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0]
    expect(copy.Public).toBe(false)
    const copied = await eu.send(
      new DescribeImageAttributeCommand({ ImageId, Attribute: 'launchPermission' }),
    )
    expect(copied.LaunchPermissions).toEqual([])
    expect(await permissions(source.ImageId)).toEqual([{ Group: 'all' }, { UserId: '444455556666' }])
  })

  it('scripts sharing with shareImage, which DescribeImages ExecutableUsers sees', async () => {
    const mine = store().seedImage({ Name: 'app-v1' })
    const vendor = store().seedImage({ Name: 'vendor-v1', OwnerId: '999999999999' })
    const executable = async (...ExecutableUsers: string[]) =>
      (await ec2.send(new DescribeImagesCommand({ ExecutableUsers }))).Images?.map((i) => i.Name).sort()

    expect(store().shareImage(vendor.ImageId, { userIds: [aws.accountId] })).toEqual([
      { UserId: aws.accountId },
    ])
    expect(store().shareImage(mine.ImageId, { userIds: ['444455556666'], public: true })).toEqual([
      { Group: 'all' },
      { UserId: '444455556666' },
    ])
    expect(await executable('self')).toEqual(['vendor-v1'])
    expect(await executable('444455556666')).toEqual(['app-v1'])
    expect(await executable('all')).toEqual(['app-v1'])
    expect((await failure(executable('someone'))).name).toBe('InvalidUserID.Malformed')

    expect(store().shareImage(mine.ImageId, { public: false })).toEqual([{ UserId: '444455556666' }])
    expect((await described(mine.ImageId)).Public).toBe(false)
    expect(store().shareImage(mine.ImageId, {})).toEqual([{ UserId: '444455556666' }])
    expect(() => store().shareImage(mine.ImageId, { userIds: ['x'] })).toThrow('Invalid attribute item value')
  })
})

describe('launch templates', () => {
  it('describes the versions that reference an image, across templates with $Latest and $Default', async () => {
    const old = store().seedImage({ Name: 'app-v1' })
    const current = store().seedImage({ Name: 'app-v2' })
    await ssm.send(
      new PutParameterCommand({
        Name: '/app/ami',
        Value: current.ImageId,
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    )
    const web = store().seedLaunchTemplate({
      LaunchTemplateName: 'web',
      versions: [{ ImageId: old.ImageId }, { ImageId: current.ImageId, InstanceType: 't3.small' }],
    })
    store().seedLaunchTemplate({
      LaunchTemplateName: 'worker',
      versions: [{ ImageId: 'resolve:ssm:/app/ami' }],
    })

    const all = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ Versions: ['$Latest', '$Default'] }),
    )
    expect(
      all.LaunchTemplateVersions?.map((v) => [
        v.LaunchTemplateName,
        v.VersionNumber,
        v.DefaultVersion,
        v.LaunchTemplateData?.ImageId,
      ]),
    ).toEqual([
      ['web', 2, false, current.ImageId],
      ['web', 1, true, old.ImageId],
      ['worker', 1, true, 'resolve:ssm:/app/ami'],
    ])
    const resolved = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'worker', ResolveAlias: true }),
    )
    expect(resolved.LaunchTemplateVersions?.[0].LaunchTemplateData?.ImageId).toBe(current.ImageId)
    const usingOld = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: web.LaunchTemplateId,
        Filters: [{ Name: 'image-id', Values: [old.ImageId] }],
      }),
    )
    expect(usingOld.LaunchTemplateVersions?.map((v) => v.VersionNumber)).toEqual([1])

    const missing = await failure(
      ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'api' })),
    )
    expect(missing.name).toBe('InvalidLaunchTemplateName.NotFoundException')
    const noVersion = await failure(
      ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: web.LaunchTemplateId,
          Versions: ['9'],
        }),
      ),
    )
    expect(noVersion.name).toBe('InvalidLaunchTemplateId.VersionNotFound')

    // RunInstances resolves `resolve:ssm:` too.
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'resolve:ssm:/app/ami',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
      }),
    )
    expect(run.Instances?.[0].ImageId).toBe(current.ImageId)
    // A version the parameter lacks (ParameterVersionNotFound in SSM) resolves to nothing.
    const noSuchVersion = await failure(
      ec2.send(
        new RunInstancesCommand({
          ImageId: 'resolve:ssm:/app/ami:9',
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
        }),
      ),
    )
    expect(noSuchVersion.name).toBe('InvalidParameterValue')
  })
})

describe('AMI ids in Parameter Store (aws:ec2:image)', () => {
  const put = (Value: string, Overwrite?: boolean) =>
    ssm.send(
      new PutParameterCommand({
        Name: '/app/ami',
        Value,
        Type: 'String',
        DataType: 'aws:ec2:image',
        Overwrite,
      }),
    )
  const current = async () => (await ssm.send(new GetParameterCommand({ Name: '/app/ami' }))).Parameter

  it('answers PutParameter at once and creates the parameter only when the AMI exists in that region', async () => {
    const image = store().seedImage({ Name: 'app-v1' })
    const elsewhere = aws.service('ec2', EU).seedImage({ Name: 'app-v1' })

    // Invalid values still succeed; the asynchronous validation then fails and nothing is created.
    expect((await put('ami-0123456789abcdef0')).Version).toBe(1)
    expect(await failure(ssm.send(new GetParameterCommand({ Name: '/app/ami' })))).toBeInstanceOf(
      ParameterNotFound,
    )
    expect((await put('not-an-ami')).Version).toBe(1)
    expect((await put(elsewhere.ImageId)).Version).toBe(1)
    expect(await failure(ssm.send(new GetParameterCommand({ Name: '/app/ami' })))).toBeInstanceOf(
      ParameterNotFound,
    )

    expect((await put(image.ImageId)).Version).toBe(1)
    expect(await current()).toMatchObject({ Value: image.ImageId, Version: 1, DataType: 'aws:ec2:image' })
    expect(
      aws
        .service('ssm')
        .imageValueValidations()
        .map((v) => [v.Value, v.status]),
    ).toEqual([
      ['ami-0123456789abcdef0', 'failed'],
      ['not-an-ami', 'failed'],
      [elsewhere.ImageId, 'failed'],
      [image.ImageId, 'created'],
    ])

    // Without Overwrite an existing parameter is refused at once; an invalid overwrite leaves it as it was.
    expect(await failure(put(image.ImageId))).toBeInstanceOf(ParameterAlreadyExists)
    expect((await put('ami-0123456789abcdef0', true)).Version).toBe(2)
    expect(await current()).toMatchObject({ Value: image.ImageId, Version: 1 })
  })

  it('shows the previous version until a scripted validation time has passed, then the new one in the history', async () => {
    const v1 = store().seedImage({ Name: 'app-v1' })
    const v2 = store().seedImage({ Name: 'app-v2' })
    await put(v1.ImageId)
    aws.service('ssm').setImageValidationPlan({ afterMs: 5_000 })
    expect((await put(v2.ImageId, true)).Version).toBe(2)
    expect(await current()).toMatchObject({ Value: v1.ImageId, Version: 1 })
    aws.clock.advance(5_000)
    expect(await current()).toMatchObject({ Value: v2.ImageId, Version: 2 })
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/app/ami' }))
    expect(history.Parameters?.map((p) => [p.Version, p.Value])).toEqual([
      [1, v1.ImageId],
      [2, v2.ImageId],
    ])
  })
})
