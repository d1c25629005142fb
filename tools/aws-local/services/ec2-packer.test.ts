import { spawnSync } from 'node:child_process'
import {
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2'
import { amazonEbsTemplate, artifactAmis, startPackerBuild, type PackerBuild } from '../../harness/packer'
import { startAwsLocal, type AwsLocal } from '../index'
import { clientConfig, failure } from '../test-helpers'

/**
 * Real Packer (Debian's 1.6.6) amazon-ebs builds against the stand-in's EC2, with the instance and
 * image states progressing over Packer's own polls: a build copied to a second region, a build
 * whose provisioner fails, and a Packer killed mid-build, which leaves its builder behind for a
 * cleanup step to find.
 */

let aws: AwsLocal
let ec2: EC2Client
let eu: EC2Client
const builds: PackerBuild[] = []
const EU = 'eu-west-1'

beforeAll(async () => {
  aws = await startAwsLocal()
  ec2 = new EC2Client({ ...clientConfig(aws), maxAttempts: 1 })
  eu = new EC2Client({ ...clientConfig(aws, EU), maxAttempts: 1 })
})
afterAll(async () => {
  ec2.destroy()
  eu.destroy()
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.service('ec2').seedImage({ Name: 'base-2026-11' })
})
afterEach(async () => {
  // No Packer outlives its test.
  for (const build of builds.splice(0)) {
    build.kill('SIGKILL')
    await build.done
  }
})

function build(template: string, onLine?: (line: string, build: PackerBuild) => void): PackerBuild {
  const started: PackerBuild = startPackerBuild(template, {
    endpoint: aws.url,
    timeoutMs: 60_000,
    onLine: (line) => onLine?.(line, started),
  })
  builds.push(started)
  return started
}

async function instancesTagged(client: EC2Client, key: string, value: string, states?: string[]) {
  const out = await client.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: `tag:${key}`, Values: [value] },
        ...(states ? [{ Name: 'instance-state-name', Values: states }] : []),
      ],
    }),
  )
  return out.Reservations?.flatMap((r) => r.Instances ?? []) ?? []
}

const NOT_TERMINATED = ['pending', 'running', 'shutting-down', 'stopping', 'stopped']

it('builds an AMI, copies it to a second region, tags both, and removes its builder instance, key pair and group', async () => {
  const packer = build(
    amazonEbsTemplate({
      amiName: 'app-v1',
      amiRegions: [EU],
      runTags: { 'infra-actions:run': 'run-1' },
      tags: { Release: 'v1', Project: 'api' },
    }),
  )
  expect(await packer.done).toEqual({ exitCode: 0, signal: null, timedOut: false })

  const amis = artifactAmis(packer.lines)
  expect(Object.keys(amis).sort()).toEqual([EU, 'us-east-1'])
  for (const [region, client] of [
    ['us-east-1', ec2],
    [EU, eu],
  ] as const) {
    const [image] = (await client.send(new DescribeImagesCommand({ ImageIds: [amis[region]] }))).Images!
    expect(image).toMatchObject({ Name: 'app-v1', State: 'available', OwnerId: aws.accountId })
    expect(image.Tags?.sort((a, b) => a.Key!.localeCompare(b.Key!))).toEqual([
      { Key: 'Project', Value: 'api' },
      { Key: 'Release', Value: 'v1' },
    ])
    const snapshot = aws.service('ec2', region).getSnapshot(image.BlockDeviceMappings![0].Ebs!.SnapshotId!)
    expect(snapshot).toMatchObject({
      State: 'completed',
      Tags: expect.arrayContaining([{ Key: 'Release', Value: 'v1' }]),
    })
  }
  expect(aws.service('ec2', EU).getImage(amis[EU])).toMatchObject({
    SourceImageId: amis['us-east-1'],
    SourceImageRegion: 'us-east-1',
  })

  const [builder] = await instancesTagged(ec2, 'infra-actions:run', 'run-1')
  expect(builder.State?.Name).toBe('terminated')
  expect(builder.Tags).toContainEqual({ Key: 'Name', Value: 'Packer Builder' })
  expect(aws.service('ec2').getImage(amis['us-east-1'])?.SourceInstanceId).toBe(builder.InstanceId)
  expect(aws.service('ec2').listKeyPairs()).toEqual([])
  expect(
    aws
      .service('ec2')
      .listSecurityGroups()
      .map((g) => g.GroupName),
  ).toEqual(['default'])
  expect(
    aws
      .service('ec2')
      .listVolumes()
      .filter((v) => v.State !== 'deleting'),
  ).toEqual([])

  // The calls Packer made that change something, region by region, in order.
  expect(aws.mutatingCalls('us-east-1').map((c) => `${c.operation}:${c.status}`)).toEqual([
    'CreateKeyPair:200',
    'CreateSecurityGroup:200',
    'AuthorizeSecurityGroupIngress:200',
    'RunInstances:200',
    'StopInstances:200',
    'CreateImage:200',
    'CreateTags:200',
    'TerminateInstances:200',
    'DeleteSecurityGroup:200',
    'DeleteKeyPair:200',
  ])
  expect(aws.mutatingCalls(EU).map((c) => c.operation)).toEqual(['CopyImage', 'CreateTags'])
  // Packer waited on states that progressed: it saw the instance pending before running, and so on.
  expect(aws.callsOf('ec2', 'DescribeInstances').length).toBeGreaterThanOrEqual(4)
  expect(aws.callsOf('ec2', 'DescribeImages', EU).length).toBeGreaterThanOrEqual(2)
}, 90_000)

it('a build whose shell-local provisioner exits 1 leaves nothing running', async () => {
  const packer = build(
    amazonEbsTemplate({
      runTags: { 'infra-actions:run': 'run-2' },
      shellLocal: ['echo provisioning', 'exit 1'],
    }),
  )
  const result = await packer.done
  expect(result.exitCode).toBe(1)
  expect(packer.lines.some((l) => l.includes('Script exited with non-zero exit status: 1'))).toBe(true)
  expect(artifactAmis(packer.lines)).toEqual({})

  const [builder] = await instancesTagged(ec2, 'infra-actions:run', 'run-2')
  expect(builder.State?.Name).toBe('terminated')
  expect(await instancesTagged(ec2, 'infra-actions:run', 'run-2', NOT_TERMINATED)).toEqual([])
  expect(aws.service('ec2').listKeyPairs()).toEqual([])
  expect(
    aws
      .service('ec2')
      .listSecurityGroups()
      .map((g) => g.GroupName),
  ).toEqual(['default'])
  expect(
    aws
      .service('ec2')
      .listImages()
      .map((i) => i.Name),
  ).toEqual(['base-2026-11'])
  expect(aws.callsOf('ec2', 'CreateImage')).toEqual([])
}, 90_000)

it('a SIGKILLed Packer leaves its instance, key pair and group behind, found by tag and name filters', async () => {
  const packer = build(
    amazonEbsTemplate({
      runTags: { 'infra-actions:run': 'run-3' },
      shellLocal: ['echo provisioning', 'sleep 61.75'],
    }),
    (line, self) => {
      // Killed without a chance to clean up, as a runner's hard timeout kills a job.
      if (line.endsWith('amazon-ebs: provisioning')) self.kill('SIGKILL')
    },
  )
  const result = await packer.done
  expect(result.signal).toBe('SIGKILL')
  expect(spawnSync('pgrep', ['-f', 'sleep 61.75']).status).toBe(1)

  // What a cleanup step finds: the builder by its run tag, still running ...
  const [builder, ...others] = await instancesTagged(ec2, 'infra-actions:run', 'run-3', NOT_TERMINATED)
  expect(others).toEqual([])
  expect(builder.State?.Name).toBe('running')
  expect(builder.KeyName).toMatch(/^packer_/)
  const groupId = builder.SecurityGroups![0].GroupId!
  // ... and its key pair and group, which Packer 1.6.6 does not tag: by the instance, or by name.
  const keys = await ec2.send(
    new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: ['packer_*'] }] }),
  )
  expect(keys.KeyPairs?.map((k) => k.KeyName)).toEqual([builder.KeyName])
  const groups = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['packer_*'] }] }),
  )
  expect(groups.SecurityGroups?.map((g) => g.GroupId)).toEqual([groupId])
  const tagged = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag-key', Values: ['infra-actions:run'] }] }),
  )
  expect(tagged.SecurityGroups).toEqual([])

  // The cleanup, in the order EC2 allows it: the group only once the instance is terminated.
  expect((await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })))).name).toBe(
    'DependencyViolation',
  )
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [builder.InstanceId!] }))
  const state = async () =>
    (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [builder.InstanceId!] }))).Reservations![0]
      .Instances![0].State?.Name
  expect(await state()).toBe('shutting-down')
  expect(await state()).toBe('terminated')
  await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }))
  await ec2.send(new DeleteKeyPairCommand({ KeyName: builder.KeyName }))
  expect(aws.service('ec2').listKeyPairs()).toEqual([])
  expect(await instancesTagged(ec2, 'infra-actions:run', 'run-3', NOT_TERMINATED)).toEqual([])
}, 90_000)
