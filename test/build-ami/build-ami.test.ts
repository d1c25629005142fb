import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DescribeImagesCommand,
  EC2Client,
  EnableImageDeregistrationProtectionCommand,
} from '@aws-sdk/client-ec2'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import {
  amazonEbsHclTemplate,
  amazonEbsTemplate,
  packerBinary,
  type AmazonEbsHclOptions,
} from '../../tools/harness/packer'
import { runAction, type ActionRun, type RunOptions } from '../../tools/harness/run-action'

/**
 * build-ami end to end: the committed bundle, run as the runner runs it, driving Debian's real
 * Packer (1.6.6) whose amazon-ebs builder builds against the local AWS stand-in's EC2. Every
 * result is checked in the stand-in itself: images per region and their tags, parameter values
 * in each region's Parameter Store, and the instances, security groups and key pairs left.
 */

let aws: AwsLocal
const dirs: string[] = []
const EU = 'eu-west-1'
const PARAMETER = '/app/prod/ami-id'
const SECRET = 'db-pass-5521-hunter'
const TOKEN = 'ghp_buildAmiToken0123456789abcdef'

beforeAll(async () => {
  packerBinary()
  aws = await startAwsLocal()
})
afterAll(async () => {
  await aws.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  aws.reset()
  aws.service('ec2').seedImage({ Name: 'base-2026-11' })
})

function templateDir(options: AmazonEbsHclOptions = {}, extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'build-ami-e2e-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'app.pkr.hcl'), amazonEbsHclTemplate(options) + extra)
  return dir
}

function bake(
  dir: string,
  inputs: Record<string, string> = {},
  options: RunOptions = {},
): Promise<ActionRun> {
  return runAction('build-ami', {
    ...options,
    inputs: {
      template: 'app.pkr.hcl',
      'working-directory': dir,
      variables: `endpoint=${aws.url}`,
      ...inputs,
    },
    env: { ...aws.env(), ...options.env },
    timeoutMs: options.timeoutMs ?? 90_000,
  })
}

const NOT_TERMINATED = ['pending', 'running', 'stopping', 'stopped', 'shutting-down']

/** What a build may leave in a region: instances not terminated, Packer's key pairs and groups. */
function leftovers(region = 'us-east-1') {
  const ec2 = aws.service('ec2', region)
  return {
    instances: ec2
      .listInstances()
      .filter((i) => NOT_TERMINATED.includes(i.State.Name))
      .map((i) => i.InstanceId),
    keyPairs: ec2.listKeyPairs().map((k) => k.KeyName),
    groups: ec2
      .listSecurityGroups()
      .map((g) => g.GroupName)
      .filter((name) => name !== 'default'),
  }
}

const CLEAN = { instances: [], keyPairs: [], groups: [] }

/** SIGKILLs the process group of the packer running in `dir` (its plugins included), as a crash would. */
function killPackerIn(dir: string): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) !== dir) continue
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'packer') continue
      process.kill(-Number(pid), 'SIGKILL')
      return
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  throw new Error(`No packer runs in ${dir}.`)
}
const appImages = (region = 'us-east-1') =>
  aws
    .service('ec2', region)
    .listImages()
    .filter((i) => i.Name.startsWith('app-'))

describe('build-ami builds', () => {
  it('bakes an AMI copied to a second region, publishes each region its id, and outputs the previous one', async () => {
    const base = aws.service('ec2').listImages()[0].ImageId
    aws.service('ssm').putParameter({ Name: PARAMETER, Value: base, DataType: 'aws:ec2:image' })
    const dir = templateDir({
      amiRegions: [EU],
      variables: { db_password: { sensitive: true } },
      shellLocal: ['echo "installing postgresql, redis, api"', 'echo "password ${var.db_password}"'],
    })
    const run = await bake(dir, {
      variables: `endpoint=${aws.url}\ndb_password=${SECRET}`,
      'ssm-parameter': PARAMETER,
      tags: 'Release=v1.2.3\nTeam=api',
      'github-token': TOKEN,
    })
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })

    // The ids the action parsed are the images the stand-in holds, one per region.
    const [home] = appImages('us-east-1')
    const [copy] = appImages(EU)
    expect(JSON.parse(run.outputs['ami-ids'])).toEqual({ 'us-east-1': home.ImageId, [EU]: copy.ImageId })
    expect(run.outputs['ami-id']).toBe(home.ImageId)
    expect(run.outputs['previous-ami-id']).toBe(base)
    expect(aws.service('ec2', EU).getImage(copy.ImageId)?.SourceImageId).toBe(home.ImageId)
    // Tagged, with their snapshots, in both regions.
    for (const [region, image] of [
      ['us-east-1', home],
      [EU, copy],
    ] as const) {
      expect(image.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'Release', Value: 'v1.2.3' },
          { Key: 'Team', Value: 'api' },
        ]),
      )
      const snapshot = aws.service('ec2', region).getSnapshot(image.BlockDeviceMappings[0].Ebs!.SnapshotId!)
      expect(snapshot?.Tags).toContainEqual({ Key: 'Release', Value: 'v1.2.3' })
    }
    // Each region's Parameter Store holds that region's id, as an aws:ec2:image parameter.
    expect(aws.service('ssm').getParameter(PARAMETER)).toMatchObject({
      Value: home.ImageId,
      DataType: 'aws:ec2:image',
      Version: 2,
    })
    expect(aws.service('ssm', EU).getParameter(PARAMETER)).toMatchObject({
      Value: copy.ImageId,
      DataType: 'aws:ec2:image',
    })
    // Nothing of the builder is left, and the builder carried this run's tag.
    expect(leftovers()).toEqual(CLEAN)
    const [builder] = aws.service('ec2').listInstances()
    expect(builder.Tags.find((t) => t.Key === 'infra-actions:run')?.Value).toMatch(/^run-4242-1-[0-9a-f]{8}$/)
    // Packer's log came through readable: commas and the sensitive value restored, then masked.
    expect(run.stdout).toContain('    amazon-ebs.app: installing postgresql, redis, api')
    expect(run.stdout).toContain('==> amazon-ebs.app: Launching a source AWS instance...')
    expect(run.leaksOf(SECRET)).toEqual([])
    expect(run.leaksOf(TOKEN)).toEqual([])
    expect(run.masks).toEqual(expect.arrayContaining([SECRET, TOKEN]))
    expect(run.summary).toContain(`| us-east-1 | ${base} | ${home.ImageId} | 2 | ✅ |`)
    expect(run.summary).toMatch(/\| build \| \+[\d.]+m?s \| [\d.]+s \| ✅ \|/)
  }, 120_000)

  it('masks every value of sensitive-variables, which the template need not mark sensitive', async () => {
    const secret = 'p4ss,with-a-comma-9931'
    const dir = templateDir({
      variables: { db_password: {} },
      shellLocal: ['echo "password ${var.db_password}"'],
    })
    const run = await bake(dir, { 'sensitive-variables': `db_password=${secret}` })
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
    // Packer got the whole value, commas and all: the provisioner printed it, masked.
    expect(run.masks).toContain(secret)
    expect(run.leaksOf(secret)).toEqual([])
    expect(run.stdout).toContain('    amazon-ebs.app: password ***')
    expect(run.summary).toContain('db_password=***')

    const both = await bake(dir, {
      variables: `endpoint=${aws.url}\ndb_password=x`,
      'sensitive-variables': `db_password=${secret}`,
    })
    expect(both.exitCode).toBe(1)
    expect(both.errors).toEqual([
      `Input 'variables' and input 'sensitive-variables' both set "db_password"; set it in one of them.`,
    ])
    expect(both.leaksOf(secret)).toEqual([])
  }, 120_000)

  it('fails a build whose provisioner exits 1, publishing nothing and leaving nothing', async () => {
    const dir = templateDir({ shellLocal: ['echo provisioning', 'exit 1'] })
    const run = await bake(dir, { 'ssm-parameter': PARAMETER, keep: '1' }, { post: true })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(/^packer build failed: .*Script exited with non-zero exit status: 1/)
    expect(aws.callsOf('ssm', 'PutParameter')).toEqual([])
    expect(aws.service('ssm').getParameter(PARAMETER)).toBeUndefined()
    expect(appImages()).toEqual([])
    expect(leftovers()).toEqual(CLEAN)
    expect(run.outputs['ami-id']).toBe('')
    expect(run.post?.exitCode).toBe(0)
    expect(run.post?.warnings).toEqual([])
    expect(run.post?.stdout).toContain("Post: nothing of this run's builder is left in us-east-1.")
  }, 120_000)

  it('refuses, before Packer runs, to publish or keep when two builds would each make an AMI', async () => {
    const extra = `\nsource "amazon-ebs" "worker" {\n  region = "us-east-1"\n}\n\nbuild {\n  sources = ["source.amazon-ebs.worker"]\n}\n`
    const run = await bake(templateDir({}, extra), { 'ssm-parameter': PARAMETER, keep: '2' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "app.pkr.hcl selects 2 builds that make AMIs (amazon-ebs.app, amazon-ebs.worker), but 'ssm-parameter' and 'keep' apply to one; select one build with 'only'.",
    ])
    expect(aws.callsOf('ec2').concat(aws.callsOf('ssm'))).toEqual([])
  })

  it('counts the sources build blocks use: a second amazon-ebs source no build uses is no second AMI', async () => {
    const extra = `\nsource "amazon-ebs" "worker" {\n  region = "us-east-1"\n}\n`
    const run = await bake(templateDir({}, extra), { 'ssm-parameter': PARAMETER, keep: '2' })
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
    expect(run.stdout).toContain('Builds: amazon-ebs.app.')
    const [image] = appImages()
    expect(aws.service('ssm').getParameter(PARAMETER)?.Value).toBe(image.ImageId)
  }, 120_000)

  it("refuses, before Packer runs, a JSON template's two amazon-ebs builders when publishing", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'build-ami-e2e-'))
    dirs.push(dir)
    const template = JSON.parse(amazonEbsTemplate()) as { builders: Array<Record<string, unknown>> }
    const [builder] = template.builders
    template.builders = [
      { ...builder, name: 'app' },
      { ...builder, name: 'worker', ami_name: 'worker-{{timestamp}}' },
    ]
    writeFileSync(join(dir, 'app.json'), JSON.stringify(template, null, 2))
    const run = await bake(dir, { template: 'app.json', 'ssm-parameter': PARAMETER })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "app.json selects 2 builds that make AMIs (app, worker), but 'ssm-parameter' and 'keep' apply to one; select one build with 'only'.",
    ])
    expect(run.stdout.some((l) => l.includes('packer build'))).toBe(false)
    expect(aws.callsOf('ec2').concat(aws.callsOf('ssm'))).toEqual([])
  })

  it('refuses keep, before Packer runs, when the image name the template gives has no prefix to group by', async () => {
    const run = await bake(templateDir({ amiName: 'golden{{timestamp}}' }), { keep: '2' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      `app.pkr.hcl names the image of amazon-ebs.app "golden{{timestamp}}", which has no version or timestamp after a separator to group old images by, so set 'name-prefix' for 'keep'.`,
    ])
    expect(run.stdout.some((l) => l.includes('packer build'))).toBe(false)
    expect(aws.callsOf('ec2').concat(aws.callsOf('ssm'))).toEqual([])
    // With the prefix given, the same template builds.
    const named = await bake(templateDir({ amiName: 'golden{{timestamp}}' }), {
      keep: '2',
      'name-prefix': 'golden',
    })
    expect({ exit: named.exitCode, errors: named.errors }).toEqual({ exit: 0, errors: [] })
  }, 120_000)

  it('turns validation errors into annotations on the template file and line, and builds nothing', async () => {
    const dir = templateDir({ shellLocal: ['echo ${var.nope}'] })
    const run = await bake(dir, { 'ssm-parameter': PARAMETER })
    expect(run.exitCode).toBe(1)
    const line =
      readFileSync(join(dir, 'app.pkr.hcl'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('var.nope')) + 1
    const annotation = run.stdout.find((l) => l.startsWith('::error title=packer validate'))
    expect(annotation).toMatch(new RegExp(`file=.*app\\.pkr\\.hcl,line=${line},col=\\d+::`))
    expect(annotation).toContain('Unsupported attribute')
    expect(run.errors[1]).toMatch(/^packer validate found an error in app\.pkr\.hcl: .*nope.*line \d+\)\.$/)
    expect(run.stdout.some((l) => l.includes('packer build'))).toBe(false)
    expect(aws.mutatingCalls()).toEqual([])
  }, 60_000)
})

describe('build-ami never leaks a builder', () => {
  it('stops Packer on SIGTERM so that Packer terminates its instance and deletes its key pair and group', async () => {
    const dir = templateDir({ shellLocal: ['echo provisioning', 'sleep 30'] })
    const run = await bake(
      dir,
      { 'ssm-parameter': PARAMETER },
      { sendSignal: { signal: 'SIGTERM', line: /amazon-ebs\.app: provisioning$/ }, post: true },
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('Cleanly cancelled builds after being interrupted.')
    expect(run.errors[0]).toMatch(/^The run was cancelled \(SIGTERM\) during build: Packer was interrupted/)
    // Packer's own cleanup, seen in the stand-in: the calls it made after the signal.
    const ops = aws.mutatingCalls('us-east-1').map((c) => c.operation)
    expect(ops.slice(ops.indexOf('RunInstances'))).toEqual([
      'RunInstances',
      'TerminateInstances',
      'DeleteSecurityGroup',
      'DeleteKeyPair',
    ])
    expect(
      aws
        .service('ec2')
        .listInstances()
        .map((i) => i.State.Name),
    ).toEqual(['terminated'])
    expect(leftovers()).toEqual(CLEAN)
    expect(aws.callsOf('ssm', 'PutParameter')).toEqual([])
    expect(run.post?.stdout).toContain("Post: nothing of this run's builder is left in us-east-1.")
  }, 120_000)

  it('terminates what a SIGKILLed Packer left, then deletes its group and key pair', async () => {
    // The provisioner kills Packer's whole process group: no chance to clean up. And once the
    // builder is terminated, EC2 refuses to delete its group twice more, as it can while the
    // instance's network interface is being released.
    aws.service('ec2').setTransitionPlan('interface-release', { afterPolls: 2 })
    const dir = templateDir({ shellLocal: ['echo provisioning', 'kill -KILL 0'] })
    const run = await bake(dir, { 'ssm-parameter': PARAMETER }, { post: true })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(/^packer build failed: packer was killed by SIGKILL/)
    const builder = aws.service('ec2').listInstances()[0]
    expect(run.stdout).toContain(
      `Builder instance ${builder.InstanceId} of this run (infra-actions:run=${builder.Tags.find((t) => t.Key === 'infra-actions:run')?.Value}) is still alive in us-east-1: terminating.`,
    )
    expect(run.summary).toMatch(
      /Builder cleanup \| terminated builder instance i-\w+, deleted security group sg-\w+ \(packer_[\w-]+\), deleted key pair packer_/,
    )
    expect(leftovers()).toEqual(CLEAN)
    expect(aws.callsOf('ec2', 'DeleteSecurityGroup').map((c) => c.error?.code ?? 'ok')).toEqual([
      'DependencyViolation',
      'DependencyViolation',
      'ok',
    ])
    expect(aws.callsOf('ssm', 'PutParameter')).toEqual([])
    expect(run.post?.stdout).toContain("Post: nothing of this run's builder is left in us-east-1.")
  }, 120_000)

  it('deletes the key pair and group of a Packer SIGKILLed before it launched the builder', async () => {
    // Packer has made its key pair and group and waits on the group's rule when it is killed:
    // no instance carries them, so only Packer's log names them.
    aws.delay('ec2', 'AuthorizeSecurityGroupIngress', 4_000)
    const dir = templateDir()
    const killer = (async () => {
      while (aws.callsOf('ec2', 'CreateSecurityGroup').length === 0)
        await new Promise((r) => setTimeout(r, 20))
      await new Promise((r) => setTimeout(r, 300))
      killPackerIn(dir)
    })()
    const run = await bake(dir, { 'ssm-parameter': PARAMETER }, { post: true })
    await killer
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(/^packer build failed: packer was killed by SIGKILL/)
    expect(aws.callsOf('ec2', 'RunInstances')).toEqual([])
    expect(run.summary).toMatch(
      /Builder cleanup \| deleted security group sg-\w+ \(packer_[\w-]+\), deleted key pair packer_[\w-]+ \|/,
    )
    expect(leftovers()).toEqual(CLEAN)
    expect(run.post?.stdout).toContain("Post: nothing of this run's builder is left in us-east-1.")
  }, 120_000)

  it('cleans up in the post step after the action itself was SIGKILLed mid-build', async () => {
    const dir = templateDir({ shellLocal: ['echo provisioning', 'sleep 1', 'kill -KILL 0'] })
    const run = await bake(
      dir,
      { 'ssm-parameter': PARAMETER },
      { sendSignal: { signal: 'SIGKILL', line: /amazon-ebs\.app: provisioning$/ }, post: true },
    )
    expect(run.signal).toBe('SIGKILL')
    expect(run.post?.exitCode).toBe(0)
    const builder = aws.service('ec2').listInstances()[0]
    expect(run.post?.stdout.find((l) => l.startsWith('Post: '))).toMatch(
      new RegExp(
        `^Post: terminated builder instance ${builder.InstanceId}, deleted security group sg-\\w+ \\(packer_[\\w-]+\\), deleted key pair packer_[\\w-]+\\.$`,
      ),
    )
    expect(run.post?.warnings).toEqual([])
    expect(leftovers()).toEqual(CLEAN)
    expect(
      aws
        .service('ec2')
        .listInstances()
        .map((i) => i.State.Name),
    ).toEqual(['terminated'])
  }, 120_000)
})

describe('build-ami retires old images', () => {
  it('keeps the newest 2 across five builds, and never an image held, referenced or protected', async () => {
    const ec2 = aws.service('ec2')
    const old = ec2.seedImage({ Name: 'app-1000000000', CreationDate: '2025-01-01T00:00:00.000Z' })
    const oldSnapshot = old.BlockDeviceMappings[0].Ebs!.SnapshotId!
    // Another series under the same first word, and an image a concurrent build still creates:
    // neither is this series' to retire.
    const worker = ec2.seedImage({ Name: 'app-worker-1000000000', CreationDate: '2025-01-01T00:00:00.000Z' })
    const pending = ec2.seedImage({
      Name: 'app-1000000001',
      CreationDate: '2025-01-02T00:00:00.000Z',
      State: 'pending',
    })
    const client = new EC2Client({
      endpoint: aws.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    const dir = templateDir({ amiName: 'app-{{timestamp}}' })
    const built: string[] = []
    const retired: Array<Array<{ imageId: string; action: string; reason: string }>> = []
    try {
      for (let i = 1; i <= 5; i++) {
        const run = await bake(dir, { 'ssm-parameter': PARAMETER, keep: '2' })
        expect({ i, exit: run.exitCode, errors: run.errors }).toEqual({ i, exit: 0, errors: [] })
        built.push(run.outputs['ami-id'])
        retired.push(JSON.parse(run.outputs.retired))
        if (i === 1) ec2.seedLaunchTemplate({ LaunchTemplateName: 'web', versions: [{ ImageId: built[0] }] })
        if (i === 2)
          await client.send(
            new EnableImageDeregistrationProtectionCommand({ ImageId: built[1], WithCooldown: false }),
          )
        // A rollback between releases: the parameter goes back to build 3.
        if (i === 4)
          aws.service('ssm').putParameter({ Name: PARAMETER, Value: built[2], DataType: 'aws:ec2:image' })
        // Packer's {{timestamp}} has a resolution of a second: names must differ.
        await new Promise((r) => setTimeout(r, 1100))
      }
    } finally {
      client.destroy()
    }
    // What the test expects, worked out by itself.
    const [b1, b2, b3, b4, b5] = built
    expect(retired[1]).toEqual([
      expect.objectContaining({ imageId: old.ImageId, action: 'deregistered', snapshots: [oldSnapshot] }),
      expect.objectContaining({
        imageId: pending.ImageId,
        action: 'skipped',
        reason: 'its state is pending',
      }),
    ])
    expect(retired[4].map((r) => [r.imageId, r.action, r.reason])).toEqual([
      [b3, 'skipped', `held by ${PARAMETER} before this run`],
      [b2, 'skipped', 'deregistration protection is enabled-without-cooldown'],
      [b1, 'skipped', 'used by launch template web version 1'],
      [pending.ImageId, 'skipped', 'its state is pending'],
    ])
    expect(
      appImages()
        .map((i) => i.ImageId)
        .sort(),
    ).toEqual([b1, b2, b3, b4, b5, worker.ImageId, pending.ImageId].sort())
    expect(aws.callsOf('ec2', 'DeregisterImage').map((c) => c.input?.ImageId)).not.toContain(worker.ImageId)
    expect(ec2.getImage(old.ImageId)).toBeUndefined()
    expect(ec2.hasSnapshot(oldSnapshot)).toBe(false)
    expect(aws.service('ssm').getParameter(PARAMETER)?.Value).toBe(b5)
  }, 240_000)
})

describe('build-ami retires a series named with words after the version', () => {
  it('groups app-<time>-prod by app- and its -prod ending, leaving the -staging series alone', async () => {
    const ec2 = aws.service('ec2')
    const old = ec2.seedImage({ Name: 'app-1000000000-prod', CreationDate: '2025-01-01T00:00:00.000Z' })
    const staging = ec2.seedImage({
      Name: 'app-1000000000-staging',
      CreationDate: '2025-01-01T00:00:00.000Z',
    })
    const run = await bake(templateDir({ amiName: 'app-{{timestamp}}-prod' }), { keep: '1' })
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
    expect(run.stdout).toContain('us-east-1: 2 images named app-*-prod; keeping the newest 1.')
    expect(JSON.parse(run.outputs.retired)).toEqual([
      expect.objectContaining({ imageId: old.ImageId, action: 'deregistered' }),
    ])
    // Read from the stand-in: the old prod image is gone, the staging one is not.
    expect(ec2.getImage(old.ImageId)).toBeUndefined()
    expect(ec2.getImage(staging.ImageId)).toBeDefined()
  }, 90_000)
})

describe('build-ami never retires an image others may launch', () => {
  it('keeps a public image and one shared with another account or an organization, and retires the private one', async () => {
    const ec2 = aws.service('ec2')
    const seed = (name: string, day: string) =>
      ec2.seedImage({ Name: name, CreationDate: `2025-01-${day}T00:00:00.000Z` })
    const open = seed('app-1000000001', '01')
    const toAccount = seed('app-1000000002', '02')
    const toOrg = seed('app-1000000003', '03')
    const private_ = seed('app-1000000004', '04')
    ec2.shareImage(open.ImageId, { public: true })
    ec2.shareImage(toAccount.ImageId, { userIds: ['210987654321'] })
    ec2.shareImage(toOrg.ImageId, {
      organizationArns: ['arn:aws:organizations::123456789012:organization/o-abc123def4'],
    })
    const run = await bake(templateDir({ amiName: 'app-{{timestamp}}' }), { keep: '1' })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const retired = JSON.parse(run.outputs.retired) as Array<{
      imageId: string
      action: string
      reason: string
    }>
    expect(retired.map((r) => [r.imageId, r.action, r.reason])).toEqual([
      [private_.ImageId, 'deregistered', 'older than the newest 1'],
      [
        toOrg.ImageId,
        'skipped',
        'shared with organization arn:aws:organizations::123456789012:organization/o-abc123def4, who may launch it',
      ],
      [toAccount.ImageId, 'skipped', 'shared with account 210987654321, who may launch it'],
      [open.ImageId, 'skipped', 'public: any account may launch it'],
    ])
    // Read from the stand-in: only the private image is gone.
    expect(ec2.getImage(private_.ImageId)).toBeUndefined()
    for (const kept of [open, toAccount, toOrg]) expect(ec2.getImage(kept.ImageId)).toBeDefined()
  }, 90_000)
})

describe('build-ami follows resolve:ssm: in launch templates', () => {
  it('keeps the image a launch template reaches through a parameter, and retires nothing when one cannot be read', async () => {
    const ec2 = aws.service('ec2')
    const viaAlias = ec2.seedImage({ Name: 'app-1000000000', CreationDate: '2025-01-01T00:00:00.000Z' })
    const other = ec2.seedImage({ Name: 'app-1000000001', CreationDate: '2025-01-02T00:00:00.000Z' })
    aws.service('ssm').putParameter({ Name: '/web/ami', Value: viaAlias.ImageId, DataType: 'aws:ec2:image' })
    ec2.seedLaunchTemplate({
      LaunchTemplateName: 'web',
      versions: [
        { ImageId: 'resolve:ssm:/web/ami' },
        { ImageId: 'resolve:ssm:/gone/ami' },
        // A version of the parameter it never had: Parameter Store answers ParameterVersionNotFound.
        { ImageId: 'resolve:ssm:/web/ami:7' },
      ],
    })
    const dir = templateDir({ amiName: 'app-{{timestamp}}' })
    const run = await bake(dir, { keep: '1' })
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
    expect(
      JSON.parse(run.outputs.retired).map((r: { imageId: string; action: string; reason: string }) => [
        r.imageId,
        r.action,
        r.reason,
      ]),
    ).toEqual([
      [other.ImageId, 'deregistered', 'older than the newest 1'],
      [viaAlias.ImageId, 'skipped', 'used by launch template web version 1 (through /web/ami)'],
    ])
    expect(run.stdout).toContain(
      'us-east-1: launch template web version 2 takes its image from resolve:ssm:/gone/ami, a parameter that does not exist, so it references no image.',
    )
    expect(run.stdout).toContain(
      'us-east-1: launch template web version 3 takes its image from resolve:ssm:/web/ami:7, a version of a parameter that does not exist, so it references no image.',
    )
    expect(ec2.getImage(viaAlias.ImageId)).toBeDefined()
    expect(ec2.getImage(other.ImageId)).toBeUndefined()

    // A parameter the role may not read: no image is retired, whichever it might be.
    aws.fault('ssm', 'GetParameter', {
      kind: 'error',
      code: 'AccessDeniedException',
      message: 'not authorized',
      times: 10,
    })
    const before = appImages().map((i) => i.ImageId)
    await new Promise((r) => setTimeout(r, 1100))
    const denied = await bake(dir, { keep: '1' })
    expect(denied.exitCode).toBe(1)
    expect(denied.errors).toHaveLength(1)
    expect(denied.errors[0]).toMatch(
      /^The image of launch template web version [123] comes from resolve:ssm:(\/\w+\/ami(?::7)?), which could not be read \(Failed to read parameter \1 in us-east-1: AccessDeniedException: not authorized\); no image was retired in us-east-1, since any could be the one it launches\.$/,
    )
    expect(aws.callsOf('ec2', 'DeregisterImage')).toHaveLength(1)
    expect(appImages().map((i) => i.ImageId)).toEqual(expect.arrayContaining(before))
  }, 120_000)
})

describe('build-ami retires by deprecation and verifies publication', () => {
  it('deprecates older images with deprecate-after instead of deregistering them', async () => {
    const ec2 = aws.service('ec2')
    const old = ec2.seedImage({ Name: 'app-1000000000', CreationDate: '2025-01-01T00:00:00.000Z' })
    const started = Date.now()
    const run = await bake(templateDir(), { keep: '1', 'deprecate-after': '30d' })
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
    const client = new EC2Client({
      endpoint: aws.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    const described = await client.send(
      new DescribeImagesCommand({ ImageIds: [old.ImageId], IncludeDeprecated: true }),
    )
    client.destroy()
    const deprecation = new Date(described.Images![0].DeprecationTime!).getTime()
    expect(deprecation).toBeGreaterThanOrEqual(started + 30 * 86_400_000)
    expect(deprecation).toBeLessThan(started + 30 * 86_400_000 + 5 * 60_000)
    expect(JSON.parse(run.outputs.retired)).toEqual([
      expect.objectContaining({
        imageId: old.ImageId,
        action: 'deprecated',
        reason: 'older than the newest 1',
      }),
    ])
    expect(aws.callsOf('ec2', 'DeregisterImage')).toEqual([])
  }, 60_000)

  it('fails, saying so, when Parameter Store does not take the new id in time', async () => {
    const base = aws.service('ec2').listImages()[0].ImageId
    aws.service('ssm').putParameter({ Name: PARAMETER, Value: base, DataType: 'aws:ec2:image' })
    aws.service('ssm').setImageValidationPlan({ afterMs: 3_600_000 })
    const run = await bake(templateDir(), { 'ssm-parameter': PARAMETER, 'publish-timeout': '2s' })
    expect(run.exitCode).toBe(1)
    const [image] = appImages()
    expect(run.errors).toEqual([
      `Parameter Store did not take ${image.ImageId} for ${PARAMETER} in us-east-1 within 2s: it holds ${base} (version 1) (its aws:ec2:image validation failed or has not finished).`,
    ])
    expect(aws.service('ssm').getParameter(PARAMETER)?.Value).toBe(base)
    expect(run.outputs['previous-ami-id']).toBe(base)
  }, 60_000)
})

describe('build-ami publishes every region or none', () => {
  it('puts the regions already written back when a later one refuses the write', async () => {
    const home = aws.service('ec2').listImages()[0].ImageId
    const away = aws.service('ec2', EU).seedImage({ Name: 'base-2026-11' }).ImageId
    aws.service('ssm').putParameter({ Name: PARAMETER, Value: home, DataType: 'aws:ec2:image' })
    aws.service('ssm', EU).putParameter({ Name: PARAMETER, Value: away, DataType: 'aws:ec2:image' })
    // Regions are written in order: eu-west-1 takes the new id, then us-east-1 refuses it.
    aws.fault('ssm', 'PutParameter', {
      kind: 'error',
      code: 'AccessDeniedException',
      message: 'not authorized to perform ssm:PutParameter',
      region: 'us-east-1',
    })
    const run = await bake(templateDir({ amiRegions: [EU] }), { 'ssm-parameter': PARAMETER, keep: '1' })
    expect(run.exitCode).toBe(1)
    const [copy] = appImages(EU)
    expect(run.errors).toEqual([
      `Failed to write parameter ${PARAMETER} in us-east-1: AccessDeniedException: not authorized to perform ssm:PutParameter; ${EU} had taken ${copy.ImageId} and was put back to ${away}.`,
    ])
    // Both regions hold what they held before, read from the stand-in's Parameter Store.
    expect(aws.service('ssm').getParameter(PARAMETER)).toMatchObject({ Value: home, Version: 1 })
    expect(aws.service('ssm', EU).getParameter(PARAMETER)).toMatchObject({ Value: away, Version: 3 })
    expect(run.summary).toContain(`| ${EU} | ${away} | ${copy.ImageId} | 2 | ↩️ put back to ${away} |`)
    // Nothing was retired after the failure.
    expect(aws.callsOf('ec2', 'DeregisterImage')).toEqual([])
    expect(aws.service('ec2').getImage(home)).toBeDefined()
  }, 90_000)

  it('puts every region written back when the run is cancelled while one is being validated, and says so', async () => {
    const home = aws.service('ec2').listImages()[0].ImageId
    const away = aws.service('ec2', EU).seedImage({ Name: 'base-2026-11' }).ImageId
    aws.service('ssm').putParameter({ Name: PARAMETER, Value: home, DataType: 'aws:ec2:image' })
    aws.service('ssm', EU).putParameter({ Name: PARAMETER, Value: away, DataType: 'aws:ec2:image' })
    // eu-west-1 takes the new id at once; us-east-1 is still validating it when the run is
    // cancelled, and validates the put-back as slowly: until both are done, its reads show
    // version 1, which holds the old id already.
    aws.service('ssm').setImageValidationPlan({ afterMs: 4_000 })
    const run = await bake(
      templateDir({ amiRegions: [EU] }),
      { 'ssm-parameter': PARAMETER },
      {
        sendSignal: { signal: 'SIGTERM', line: new RegExp(`^Wrote ami-\\w+ to ${PARAMETER} in us-east-1 `) },
      },
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      new RegExp(
        `^The run was cancelled \\(SIGTERM\\) during publish: the AMI .+ exists; the parameter was put back to its previous value in ${EU}, us-east-1\\.$`,
      ),
    )
    // Read from the stand-in: eu-west-1 holds its old id again, and us-east-1's newest write is
    // its old id too, after the new one still being validated.
    expect(aws.service('ssm', EU).getParameter(PARAMETER)?.Value).toBe(away)
    const writes = aws
      .callsOf('ssm', 'PutParameter', 'us-east-1')
      .map((c) => (c.input as { Value: string }).Value)
    expect(writes.at(-1)).toBe(home)
    expect(writes).toHaveLength(2)
    // The action said so only once the put-back had landed: when it ended, us-east-1 holds the
    // old id at the put-back's own version, both validations done (the new id's first).
    const [image] = appImages()
    expect(aws.service('ssm').getParameter(PARAMETER)).toMatchObject({ Value: home, Version: 3 })
    expect(aws.service('ssm').imageValueValidations()).toEqual([
      { Name: PARAMETER, Value: image.ImageId, status: 'created' },
      { Name: PARAMETER, Value: home, status: 'created' },
    ])
  }, 90_000)

  it('deletes a parameter this run created when a later region refuses the write', async () => {
    aws.fault('ssm', 'PutParameter', { kind: 'error', code: 'AccessDeniedException', region: 'us-east-1' })
    const run = await bake(templateDir({ amiRegions: [EU] }), { 'ssm-parameter': PARAMETER })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      new RegExp(`; ${EU} had taken ami-[0-9a-f]+ and its parameter, new in this run, was deleted\\.$`),
    )
    expect(aws.service('ssm', EU).getParameter(PARAMETER)).toBeUndefined()
    expect(aws.service('ssm').getParameter(PARAMETER)).toBeUndefined()
  }, 90_000)

  it('reports and keeps the value the parameter held just before the write, not at the start', async () => {
    const ec2 = aws.service('ec2')
    const first = ec2.listImages()[0].ImageId
    const rollback = ec2.seedImage({
      Name: 'app-1000000000',
      CreationDate: '2025-01-01T00:00:00.000Z',
    }).ImageId
    aws.service('ssm').putParameter({ Name: PARAMETER, Value: first, DataType: 'aws:ec2:image' })
    // Someone rolls the fleet back while the image builds.
    const during = (async () => {
      while (aws.callsOf('ec2', 'RunInstances').length === 0) await new Promise((r) => setTimeout(r, 50))
      aws.service('ssm').putParameter({ Name: PARAMETER, Value: rollback, DataType: 'aws:ec2:image' })
    })()
    const run = await bake(templateDir({ amiName: 'app-{{timestamp}}' }), {
      'ssm-parameter': PARAMETER,
      keep: '1',
    })
    await during
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
    expect(run.outputs['previous-ami-id']).toBe(rollback)
    expect(run.stdout).toContain(
      `${PARAMETER} in us-east-1 changed during the build: it held ${first} then and holds ${rollback} now, which is the previous value from here on.`,
    )
    // The image the parameter held just before is the one kept from retirement.
    expect(ec2.getImage(rollback)).toBeDefined()
    expect(JSON.parse(run.outputs.retired)).toEqual([
      expect.objectContaining({
        imageId: rollback,
        action: 'skipped',
        reason: `held by ${PARAMETER} before this run`,
      }),
    ])
  }, 90_000)
})

describe('build-ami dry run and bad inputs', () => {
  it('dry-run validates and shows the plan, building and writing nothing', async () => {
    const dir = templateDir({ amiRegions: [EU] })
    const run = await bake(dir, { 'ssm-parameter': PARAMETER, keep: '3', 'dry-run': 'true' })
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
    expect(run.stdout).toContain('packer validate: app.pkr.hcl is valid.')
    expect(run.stdout).toContain(
      `Publish: ${PARAMETER} (data type aws:ec2:image) in every region the image exists in, each with that region's id.`,
    )
    expect(run.stdout.some((l) => l.startsWith('Retire: keep the newest 3 images'))).toBe(true)
    expect(run.stdout).toContain('Dry run: the template is valid; nothing was built, published or retired.')
    expect(aws.mutatingCalls()).toEqual([])
    expect(aws.callsOf('ec2')).toEqual([])
    expect(run.outputs['ami-id']).toBe('')
  }, 60_000)

  it('dry-run with name-prefix lists what a build would retire, reading only', async () => {
    const ec2 = aws.service('ec2')
    const held = ec2.seedImage({ Name: 'app-1000000000', CreationDate: '2025-01-01T00:00:00.000Z' })
    const older = ec2.seedImage({ Name: 'app-1000000001', CreationDate: '2025-01-02T00:00:00.000Z' })
    const newer = ec2.seedImage({ Name: 'app-1000000002', CreationDate: '2025-01-03T00:00:00.000Z' })
    aws.service('ssm').putParameter({ Name: PARAMETER, Value: held.ImageId, DataType: 'aws:ec2:image' })
    const run = await bake(templateDir({ amiName: 'app-{{timestamp}}' }), {
      'ssm-parameter': PARAMETER,
      keep: '2',
      'name-prefix': 'app-',
      'dry-run': 'true',
    })
    expect({ exit: run.exitCode, errors: run.errors }).toEqual({ exit: 0, errors: [] })
    // With the new image the newest two are it and app-…2; app-…0 is what the parameter holds now.
    expect(run.stdout).toEqual(
      expect.arrayContaining([
        `  ${newer.ImageId} app-1000000002: would stay (among the newest 2)`,
        `  ${older.ImageId} app-1000000001: would be deregistered (older than the newest 2)`,
        `  ${held.ImageId} app-1000000000: would stay (held by ${PARAMETER} before this run)`,
      ]),
    )
    expect(run.summary).toContain(`| us-east-1 | ${older.ImageId} | app-1000000001 | 📝 planned |`)
    expect(run.outputs.retired).toBe('[]')
    expect(aws.mutatingCalls()).toEqual([])
    expect(ec2.getImage(older.ImageId)).toBeDefined()
  }, 60_000)

  const emptyPath = mkdtempSync(join(tmpdir(), 'build-ami-nopath-'))
  dirs.push(emptyPath)
  it.each([
    [
      'a missing template',
      { template: 'missing.pkr.hcl' },
      {},
      /^Input 'template' names "missing\.pkr\.hcl", which does not exist in .*; give a \.pkr\.hcl or \.json template file or a directory of \.pkr\.hcl files\.$/,
    ],
    [
      'no packer and no packer-version',
      {},
      { PATH: emptyPath },
      /^There is no packer on PATH and 'packer-version' is not set; set 'packer-version' \(for example 1\.11\.2\) or install Packer in an earlier step\.$/,
    ],
    [
      'a variable line without =',
      { variables: 'endpoint' },
      {},
      /^Input 'variables' must hold KEY=VALUE lines; "endpoint" has no key before '='\.$/,
    ],
    [
      'a variable the template does not declare',
      { variables: 'endpoint=x\nregion=eu-west-1' },
      {},
      /^Input 'variables' sets "region", which app\.pkr\.hcl does not declare \(it declares endpoint\)\.$/,
    ],
    [
      'an unknown only build',
      { only: 'amazon-ebs.nope' },
      {},
      /^Input 'only' names the build "amazon-ebs\.nope", which app\.pkr\.hcl does not have; its builds are amazon-ebs\.app\.$/,
    ],
    [
      'a parameter name not starting with /',
      { 'ssm-parameter': 'app/prod/ami-id' },
      {},
      /^Input 'ssm-parameter' must be a Parameter Store path such as \/app\/prod\/ami-id; "app\/prod\/ami-id" does not start with '\/'\.$/,
    ],
  ])(
    'refuses %s with one sentence, building and writing nothing',
    async (_, inputs, env, message) => {
      const dir = templateDir()
      const run = await bake(dir, inputs as Record<string, string>, { env })
      expect(run.exitCode).toBe(1)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toMatch(message)
      expect(aws.mutatingCalls()).toEqual([])
      expect(run.stdout.some((l) => l.includes('packer build'))).toBe(false)
      expect(run.log).not.toMatch(/\n\s+at /)
    },
    60_000,
  )
})

describe('build-ami installs packer-version', () => {
  let server: Server
  let mirror: string
  const files = new Map<string, Buffer>()

  beforeAll(async () => {
    // A release as HashiCorp lays it out: a zip holding `packer`, and the SHA256SUMS that names it.
    // The packer inside reports the release's version and runs Debian's Packer for the rest.
    const work = mkdtempSync(join(tmpdir(), 'packer-release-'))
    dirs.push(work)
    const real = packerBinary()
    for (const [version, tamper] of [
      ['1.6.6', false],
      ['1.6.7', true],
    ] as const) {
      const stage = join(work, version)
      mkdirSync(stage)
      writeFileSync(
        join(stage, 'packer'),
        `#!/bin/sh\nif [ "$1" = version ]; then echo "Packer v${version}"; exit 0; fi\nexec ${real} "$@"\n`,
      )
      chmodSync(join(stage, 'packer'), 0o755)
      const zipName = `packer_${version}_linux_amd64.zip`
      expect(spawnSync('zip', ['-q', '-j', join(stage, zipName), join(stage, 'packer')]).status).toBe(0)
      const zip = readFileSync(join(stage, zipName))
      const sum = createHash('sha256').update(zip).digest('hex')
      files.set(`/packer/${version}/${zipName}`, tamper ? Buffer.concat([zip, Buffer.from('tampered')]) : zip)
      files.set(
        `/packer/${version}/packer_${version}_SHA256SUMS`,
        Buffer.from(`${'0'.repeat(64)}  packer_${version}_darwin_arm64.zip\n${sum}  ${zipName}\n`),
      )
    }
    server = createServer((req, res) => {
      const body = files.get(req.url ?? '')
      res.writeHead(body ? 200 : 404).end(body ?? 'not found')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/packer`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('downloads, verifies and caches the release, then builds with it', async () => {
    const toolCache = mkdtempSync(join(tmpdir(), 'tool-cache-'))
    dirs.push(toolCache)
    const dir = templateDir()
    const env = { RUNNER_TOOL_CACHE: toolCache }
    const first = await bake(dir, { 'packer-version': '1.6.6', 'packer-mirror': mirror }, { env })
    expect({ exit: first.exitCode, errors: first.errors }).toEqual({ exit: 0, errors: [] })
    expect(
      first.stdout.some((l) =>
        /^Verified packer_1\.6\.6_linux_amd64\.zip against packer_1\.6\.6_SHA256SUMS/.test(l),
      ),
    ).toBe(true)
    const installed = join(toolCache, 'packer', '1.6.6', 'x64', 'packer')
    expect(first.stdout).toContain(`$ ${installed} build -machine-readable -color=false app.pkr.hcl`)
    expect(appImages()).toHaveLength(1)
    const second = await bake(
      dir,
      { 'packer-version': '1.6.6', 'packer-mirror': mirror, 'dry-run': 'true' },
      { env },
    )
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toContain(`Packer 1.6.6 is in the tool cache: ${installed}`)
  }, 120_000)

  it('refuses a zip that does not match its SHA256SUMS', async () => {
    const toolCache = mkdtempSync(join(tmpdir(), 'tool-cache-'))
    dirs.push(toolCache)
    const run = await bake(
      templateDir(),
      { 'packer-version': '1.6.7', 'packer-mirror': mirror },
      {
        env: { RUNNER_TOOL_CACHE: toolCache },
      },
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^The download of packer_1\.6\.7_linux_amd64\.zip from http:\/\/127\.0\.0\.1:\d+\/packer\/1\.6\.7 does not match its SHA256SUMS \(expected [0-9a-f]{64}, got [0-9a-f]{64}\); it was not installed\.$/,
      ),
    ])
    expect(existsSync(join(toolCache, 'packer', '1.6.7', 'x64.complete'))).toBe(false)
    expect(existsSync(join(toolCache, 'packer', '1.6.7', 'x64', 'packer'))).toBe(false)
    expect(aws.mutatingCalls()).toEqual([])
  }, 60_000)
})
