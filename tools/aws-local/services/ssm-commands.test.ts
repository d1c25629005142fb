import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  CancelCommandCommand,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
  type GetCommandInvocationCommandOutput,
  type SendCommandCommandInput,
} from '@aws-sdk/client-ssm'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../index'
import { clientConfig, failure, rawRequest } from '../test-helpers'

let aws: AwsLocal
let ssm: SSMClient
let s3: S3Client

beforeAll(async () => {
  aws = await startAwsLocal()
  ssm = new SSMClient({ ...clientConfig(aws), maxAttempts: 1 })
  s3 = new S3Client({ ...clientConfig(aws), forcePathStyle: true, maxAttempts: 1 })
})
afterAll(async () => {
  ssm.destroy()
  s3.destroy()
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.clock.freeze()
})

const module = () => aws.service('ssm')
const shell = (commands: string[], extra: Record<string, string[]> = {}) => ({
  DocumentName: 'AWS-RunShellScript',
  Parameters: { commands, ...extra },
})

/** EC2 instances registered as managed instances, tagged `app=<app>`. */
function fleet(count: number, app = 'web'): string[] {
  const ec2 = aws.service('ec2')
  const ids = Array.from(
    { length: count },
    () => ec2.seedInstance({ Tags: [{ Key: 'app', Value: app }] }).InstanceId,
  )
  module().registerEc2Instances({ InstanceIds: ids })
  return ids
}

async function send(input: Partial<SendCommandCommandInput>): Promise<string> {
  const out = await ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', ...input }))
  return out.Command?.CommandId as string
}

async function invocation(commandId: string, instanceId: string): Promise<GetCommandInvocationCommandOutput> {
  return ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }))
}

/** Polls GetCommandInvocation (waiting real time between polls) until the invocation is terminal. */
async function settled(commandId: string, instanceId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const out = await invocation(commandId, instanceId)
      if (!['Pending', 'InProgress', 'Delayed', 'Cancelling'].includes(out.Status as string)) return out
    } catch (error) {
      if ((error as Error).name !== 'InvocationDoesNotExist') throw error
    }
    if (Date.now() > deadline) throw new Error(`${commandId} on ${instanceId} did not settle`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function allInvocations(commandId: string) {
  const rows = []
  let NextToken: string | undefined
  do {
    const page = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, NextToken }))
    rows.push(...(page.CommandInvocations ?? []))
    NextToken = page.NextToken
  } while (NextToken)
  return rows
}

async function command(commandId: string) {
  return (await ssm.send(new ListCommandsCommand({ CommandId: commandId }))).Commands?.[0]
}

describe('managed instances', () => {
  it('registers EC2 instances with their EC2 tags and state, filters and pages them', async () => {
    const web = fleet(7, 'web')
    const api = fleet(5, 'api')
    const ec2 = aws.service('ec2')
    const stopped = ec2.seedInstance({ State: 'stopped', Tags: [{ Key: 'app', Value: 'batch' }] }).InstanceId
    const gone = ec2.seedInstance({ State: 'terminated' }).InstanceId
    module().registerEc2Instances({ InstanceIds: [stopped, gone] })
    const onPrem = module().seedManagedInstance({ ResourceType: 'ManagedInstance', Tags: [] }).InstanceId

    const first = await ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 5 }))
    expect(first.InstanceInformationList).toHaveLength(5)
    const second = await ssm.send(
      new DescribeInstanceInformationCommand({ MaxResults: 5, NextToken: first.NextToken }),
    )
    const third = await ssm.send(
      new DescribeInstanceInformationCommand({ MaxResults: 5, NextToken: second.NextToken }),
    )
    expect(third.NextToken).toBeUndefined()
    const everything = [first, second, third].flatMap((p) => p.InstanceInformationList ?? [])
    // The terminated instance is not a managed instance any more.
    expect(everything.map((i) => i.InstanceId)).toEqual([...web, ...api, stopped, onPrem])
    expect(everything.find((i) => i.InstanceId === stopped)?.PingStatus).toBe('ConnectionLost')
    expect(everything.find((i) => i.InstanceId === onPrem)).toMatchObject({
      ResourceType: 'ManagedInstance',
      PingStatus: 'Online',
      PlatformType: 'Linux',
    })
    expect(onPrem).toMatch(/^mi-[0-9a-f]{17}$/)
    expect(everything[0]).toMatchObject({
      PingStatus: 'Online',
      ResourceType: 'EC2Instance',
      SourceType: 'AWS::EC2::Instance',
      AgentVersion: '3.3.1142.0',
      IsLatestVersion: true,
    })
    expect(everything[0].ComputerName).toMatch(/^ip-10-0-\d+-\d+\.ec2\.internal$/)

    const byTag = await ssm.send(
      new DescribeInstanceInformationCommand({ Filters: [{ Key: 'tag:app', Values: ['api'] }] }),
    )
    expect(byTag.InstanceInformationList?.map((i) => i.InstanceId)).toEqual(api)
    const byKey = await ssm.send(
      new DescribeInstanceInformationCommand({
        Filters: [{ Key: 'tag-key', Values: ['app'] }],
        MaxResults: 50,
      }),
    )
    expect(byKey.InstanceInformationList).toHaveLength(13)
    const offline = await ssm.send(
      new DescribeInstanceInformationCommand({
        InstanceInformationFilterList: [{ key: 'PingStatus', valueSet: ['ConnectionLost'] }],
      }),
    )
    expect(offline.InstanceInformationList?.map((i) => i.InstanceId)).toEqual([stopped])
    const byId = await ssm.send(
      new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [web[2], gone] }] }),
    )
    expect(byId.InstanceInformationList?.map((i) => i.InstanceId)).toEqual([web[2]])
  })

  it("answers DescribeInstanceInformation's errors", async () => {
    const tooFew = await failure(ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 4 })))
    expect([tooFew.name, tooFew.message]).toEqual([
      'ValidationException',
      "1 validation error detected: Value '4' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 5",
    ])
    const both = await failure(
      ssm.send(
        new DescribeInstanceInformationCommand({
          InstanceInformationFilterList: [{ key: 'PingStatus', valueSet: ['Online'] }],
          Filters: [{ Key: 'PingStatus', Values: ['Online'] }],
        }),
      ),
    )
    expect(both.name).toBe('ValidationException')
    const key = await failure(
      ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'Colour', Values: ['red'] }] })),
    )
    expect(key.name).toBe('InvalidFilterKey')
    const value = await failure(
      ssm.send(
        new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Asleep'] }] }),
      ),
    )
    expect(value.name).toBe('InvalidInstanceInformationFilterValue')
    const token = await failure(ssm.send(new DescribeInstanceInformationCommand({ NextToken: 'nope' })))
    expect(token.name).toBe('InvalidNextToken')
  })
})

describe('SendCommand validation', () => {
  let id: string
  beforeEach(() => {
    id = fleet(1)[0]
  })

  it.each<[string, Partial<SendCommandCommandInput>, string, string | RegExp]>([
    [
      'both InstanceIds and Targets',
      {
        InstanceIds: ['i-0123456789abcdef0'],
        Targets: [{ Key: 'tag:app', Values: ['web'] }],
        ...shell(['true']),
      },
      'ValidationException',
      'InstanceIds and Targets cannot be specified together.',
    ],
    [
      'neither InstanceIds nor Targets',
      shell(['true']),
      'ValidationException',
      'Either InstanceIds or Targets must be specified.',
    ],
    [
      'an unknown document',
      { InstanceIds: ['ID'], DocumentName: 'AWS-RunNothing', Parameters: { commands: ['true'] } },
      'InvalidDocument',
      'Document with name AWS-RunNothing does not exist.',
    ],
    [
      'a parameter the document does not take',
      { InstanceIds: ['ID'], ...shell(['true'], { timeout: ['5'] }) },
      'InvalidParameters',
      'Parameters provided in document are invalid or not supported.',
    ],
    [
      'no commands',
      { InstanceIds: ['ID'], DocumentName: 'AWS-RunShellScript', Parameters: { workingDirectory: ['/tmp'] } },
      'InvalidParameters',
      'Parameters provided in document are invalid or not supported.',
    ],
    [
      'an executionTimeout the document does not allow',
      { InstanceIds: ['ID'], ...shell(['true'], { executionTimeout: ['172801'] }) },
      'InvalidParameters',
      'Parameters provided in document are invalid or not supported.',
    ],
    [
      'a MaxConcurrency of 0',
      { InstanceIds: ['ID'], MaxConcurrency: '0', ...shell(['true']) },
      'ValidationException',
      "1 validation error detected: Value '0' at 'maxConcurrency' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$",
    ],
    [
      'a MaxErrors of 101%',
      { InstanceIds: ['ID'], MaxErrors: '101%', ...shell(['true']) },
      'ValidationException',
      "1 validation error detected: Value '101%' at 'maxErrors' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$",
    ],
    [
      'a malformed instance id',
      { InstanceIds: ['web-1'], ...shell(['true']) },
      'ValidationException',
      "1 validation error detected: Value '[web-1]' at 'instanceIds' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)]",
    ],
    [
      'an instance that is not a managed instance',
      { InstanceIds: ['i-0123456789abcdef0'], ...shell(['true']) },
      'InvalidInstanceId',
      'Instances [[i-0123456789abcdef0]] not in a valid state for account 123456789012',
    ],
    // An error shape without a Message member: the SDK's message is 'UnknownError', as with AWS.
    [
      'the same instance twice',
      { InstanceIds: ['ID', 'ID'], ...shell(['true']) },
      'DuplicateInstanceId',
      'UnknownError',
    ],
    [
      'a target key that is neither a tag nor InstanceIds',
      { Targets: [{ Key: 'app', Values: ['web'] }], ...shell(['true']) },
      'ValidationException',
      /^Targets must be specified in one of the following formats/,
    ],
    [
      'an InstanceIds target beside a tag target',
      {
        Targets: [
          { Key: 'InstanceIds', Values: ['ID'] },
          { Key: 'tag:app', Values: ['web'] },
        ],
        ...shell(['true']),
      },
      'ValidationException',
      /^Targets must be specified in one of the following formats/,
    ],
    [
      'more than 50 instance ids',
      {
        InstanceIds: Array.from({ length: 51 }, (_, i) => `i-${String(i).padStart(17, '0')}`),
        ...shell(['true']),
      },
      'ValidationException',
      /at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50$/,
    ],
    [
      'more than 5 targets',
      {
        Targets: Array.from({ length: 6 }, (_, i) => ({ Key: `tag:k${i}`, Values: ['v'] })),
        ...shell(['true']),
      },
      'ValidationException',
      /at 'targets' failed to satisfy constraint: Member must have length less than or equal to 5$/,
    ],
  ])('refuses %s', async (_what, input, code, message) => {
    const concrete = JSON.parse(JSON.stringify(input).replace(/"ID"/g, JSON.stringify(id))) as typeof input
    const error = await failure(send(concrete))
    expect(error.name).toBe(code)
    if (typeof message === 'string') expect(error.message).toBe(message)
    else expect(error.message).toMatch(message)
    expect((await ssm.send(new ListCommandsCommand({}))).Commands).toEqual([])
  })

  it('records SendCommand and CancelCommand as mutating, reads as not', async () => {
    const commandId = await send({ InstanceIds: [id], ...shell(['true']) })
    await ssm.send(new ListCommandsCommand({}))
    await ssm.send(new CancelCommandCommand({ CommandId: commandId }))
    await failure(send({ ...shell(['true']) }))
    expect(aws.mutatingCalls().map((c) => [c.operation, c.status])).toEqual([
      ['SendCommand', 200],
      ['CancelCommand', 200],
      ['SendCommand', 400],
    ])
  })
})

describe('command progress', () => {
  it('goes Pending, InProgress, Success over observations, with the fields SSM fills', async () => {
    const [id] = fleet(1)
    module().scriptInvocation(id, { stdout: 'deployed\n', responseCode: 0 })
    const sent = await ssm.send(
      new SendCommandCommand({
        InstanceIds: [id],
        Comment: 'deploy',
        TimeoutSeconds: 600,
        ...shell(['echo hi']),
      }),
    )
    const commandId = sent.Command?.CommandId as string
    expect(commandId).toMatch(/^[0-9a-f-]{36}$/)
    expect(sent.Command).toMatchObject({
      Status: 'Pending',
      StatusDetails: 'Pending',
      DocumentVersion: '$DEFAULT',
      InstanceIds: [id],
      Targets: [],
      TargetCount: 1,
      CompletedCount: 0,
      MaxConcurrency: '50',
      MaxErrors: '0',
      TimeoutSeconds: 600,
      OutputS3BucketName: '',
      ServiceRole: '',
      CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
    })
    // Total timeout: TimeoutSeconds plus the document's executionTimeout (3600 by default).
    expect(sent.Command!.ExpiresAfter!.getTime() - sent.Command!.RequestedDateTime!.getTime()).toBe(4_200_000)

    // Eventually consistent, as the API reference warns: the first read does not see the invocation yet.
    const early = await failure(invocation(commandId, id))
    expect([early.name, early.$metadata.httpStatusCode]).toEqual(['InvocationDoesNotExist', 400])
    expect((await invocation(commandId, id)).Status).toBe('Pending')
    const running = await invocation(commandId, id)
    expect([
      running.Status,
      running.StatusDetails,
      running.ResponseCode,
      running.StandardOutputContent,
    ]).toEqual(['InProgress', 'InProgress', -1, ''])
    // Every List/Get call is an observation that moves the command on; describeCommand is not one.
    expect(module().describeCommand(commandId)?.Status).toBe('InProgress')
    const done = await invocation(commandId, id)
    expect(done).toMatchObject({
      Status: 'Success',
      StatusDetails: 'Success',
      ResponseCode: 0,
      PluginName: 'aws:runShellScript',
      StandardOutputContent: 'deployed\n',
      StandardErrorContent: '',
      StandardOutputUrl: '',
      Comment: 'deploy',
    })
    expect(done.ExecutionElapsedTime).toBe('PT0S')
    expect(await command(commandId)).toMatchObject({
      Status: 'Success',
      StatusDetails: 'Success',
      CompletedCount: 1,
      ErrorCount: 0,
    })
  })

  it('runs 120 instances by tag and pages ListCommandInvocations 50 at a time', async () => {
    const web = fleet(120, 'web')
    fleet(3, 'api')
    module().setRunCommandTiming({ visible: {}, delivery: {}, run: {} })
    const sent = await ssm.send(
      new SendCommandCommand({
        Targets: [{ Key: 'tag:app', Values: ['web'] }],
        MaxConcurrency: '100%',
        ...shell(['true']),
      }),
    )
    // Targets are resolved after SendCommand answers.
    expect(sent.Command?.TargetCount).toBe(0)
    const commandId = sent.Command?.CommandId as string
    const pages = []
    let NextToken: string | undefined
    do {
      const page = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, NextToken }))
      pages.push(page.CommandInvocations ?? [])
      NextToken = page.NextToken
    } while (NextToken)
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20])
    expect(pages.flat().map((i) => i.InstanceId)).toEqual(web)
    expect(new Set(pages.flat().map((i) => i.Status))).toEqual(new Set(['Success']))
    expect(await command(commandId)).toMatchObject({
      TargetCount: 120,
      CompletedCount: 120,
      Status: 'Success',
    })
    const small = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, MaxResults: 7 }))
    expect(small.CommandInvocations).toHaveLength(7)
    const tooMany = await failure(
      ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, MaxResults: 51 })),
    )
    expect(tooMany.name).toBe('ValidationException')
    const none = await ssm.send(
      new SendCommandCommand({ Targets: [{ Key: 'tag:app', Values: ['db'] }], ...shell(['true']) }),
    )
    expect(await command(none.Command?.CommandId as string)).toMatchObject({
      Status: 'Success',
      StatusDetails: 'NoInstancesInTag',
      TargetCount: 0,
    })
  })

  it('with MaxConcurrency 10% and MaxErrors 0 stops after the first failure; the rest are Terminated', async () => {
    const ids = fleet(20)
    module().scriptInvocation(ids[2], { status: 'Failed', responseCode: 3, stderr: 'boom\n' })
    const commandId = await send({
      Targets: [{ Key: 'tag:app', Values: ['web'] }],
      MaxConcurrency: '10%',
      MaxErrors: '0',
      ...shell(['deploy']),
    })
    let maxInFlight = 0
    for (let polls = 0; polls < 40; polls++) {
      // One observation per poll; describeCommand reads without counting as one.
      const rows = await allInvocations(commandId)
      maxInFlight = Math.max(maxInFlight, rows.filter((r) => r.Status === 'InProgress').length)
      if (
        ['Success', 'Failed', 'Cancelled', 'TimedOut'].includes(
          module().describeCommand(commandId)?.Status as string,
        )
      )
        break
    }
    // 10% of 20: two at a time, after the first one alone.
    expect(maxInFlight).toBe(2)
    const rows = await allInvocations(commandId)
    expect(rows.map((r) => [r.InstanceId, r.Status, r.StatusDetails])).toEqual([
      [ids[0], 'Success', 'Success'],
      [ids[1], 'Success', 'Success'],
      [ids[2], 'Failed', 'Failed'],
      ...ids.slice(3).map((id) => [id, 'Cancelled', 'Terminated']),
    ])
    expect(await command(commandId)).toMatchObject({
      Status: 'Failed',
      StatusDetails: 'Failed',
      TargetCount: 20,
      CompletedCount: 20,
      ErrorCount: 1,
    })
    const failed = await invocation(commandId, ids[2])
    expect([failed.ResponseCode, failed.StandardErrorContent]).toEqual([3, 'boom\n'])
    const skipped = await invocation(commandId, ids[10])
    expect([skipped.ResponseCode, skipped.ExecutionStartDateTime]).toEqual([-1, ''])
    const terminated = await ssm.send(
      new ListCommandInvocationsCommand({
        CommandId: commandId,
        Filters: [{ key: 'Status', value: 'Terminated' }],
      }),
    )
    expect(terminated.CommandInvocations).toHaveLength(17)
    const stage = await failure(
      ssm.send(
        new ListCommandInvocationsCommand({
          CommandId: commandId,
          Filters: [{ key: 'ExecutionStage', value: 'Complete' }],
        }),
      ),
    )
    expect(stage.name).toBe('InvalidFilterKey')
    const complete = await ssm.send(
      new ListCommandsCommand({ Filters: [{ key: 'ExecutionStage', value: 'Complete' }] }),
    )
    expect(complete.Commands?.map((c) => c.CommandId)).toEqual([commandId])
  })

  it('rounds a MaxErrors percentage down: one failure in 15 at 10% is Incomplete, two are Failed', async () => {
    const ids = fleet(15)
    module().setRunCommandTiming({ visible: {}, delivery: {}, run: {}, rampUp: false })
    module().scriptInvocation(ids[4], { status: 'Failed' }, { once: true })
    const one = await send({
      Targets: [{ Key: 'tag:app', Values: ['web'] }],
      MaxErrors: '10%',
      ...shell(['x']),
    })
    expect(await command(one)).toMatchObject({ Status: 'Failed', StatusDetails: 'Incomplete', ErrorCount: 1 })
    module().scriptInvocation(ids[4], { status: 'Failed' }, { once: true })
    module().scriptInvocation(ids[9], { status: 'TimedOut' }, { once: true })
    const two = await send({
      Targets: [{ Key: 'tag:app', Values: ['web'] }],
      MaxErrors: '10%',
      ...shell(['x']),
    })
    expect(await command(two)).toMatchObject({ Status: 'Failed', StatusDetails: 'Failed', ErrorCount: 2 })
    const timedOut = await invocation(two, ids[9])
    expect([timedOut.Status, timedOut.StatusDetails, timedOut.ResponseCode]).toEqual([
      'TimedOut',
      'ExecutionTimedOut',
      137,
    ])
  })

  it('truncates output as SSM does and writes all of it to S3 under the agent layout', async () => {
    const [id] = fleet(1)
    aws.service('s3').createBucket('ssm-output')
    const stdout = 'o'.repeat(30_000)
    const stderr = 'e'.repeat(9_000)
    module().scriptInvocation(id, { status: 'Failed', stdout, stderr, responseCode: 2 })
    module().setRunCommandTiming({ visible: {}, delivery: {}, run: {} })
    const commandId = await send({
      InstanceIds: [id],
      OutputS3BucketName: 'ssm-output',
      OutputS3KeyPrefix: 'deploys/',
      ...shell(['x']),
    })
    const out = await invocation(commandId, id)
    expect(out.StandardOutputContent).toHaveLength(24_000)
    expect(out.StandardErrorContent).toHaveLength(8_000)
    const key = `deploys/${commandId}/${id}/awsrunShellScript/0.awsrunShellScript`
    expect(out.StandardOutputUrl).toBe(`https://s3.us-east-1.amazonaws.com/ssm-output/${key}/stdout`)
    expect(out.StandardErrorUrl).toBe(`https://s3.us-east-1.amazonaws.com/ssm-output/${key}/stderr`)
    const detailed = await ssm.send(
      new ListCommandInvocationsCommand({ CommandId: commandId, Details: true }),
    )
    const plugin = detailed.CommandInvocations?.[0].CommandPlugins?.[0]
    expect(plugin).toMatchObject({
      Name: 'aws:runShellScript',
      Status: 'Failed',
      ResponseCode: 2,
      OutputS3BucketName: 'ssm-output',
      OutputS3KeyPrefix: `deploys/${commandId}/${id}/awsrunShellScript`,
    })
    expect(plugin?.Output).toBe('o'.repeat(2_500))
    const plain = await ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId }))
    expect(plain.CommandInvocations?.[0].CommandPlugins).toEqual([])
    const object = await s3.send(new GetObjectCommand({ Bucket: 'ssm-output', Key: `${key}/stdout` }))
    expect(await object.Body?.transformToString()).toBe(stdout)
    const errors = await s3.send(new GetObjectCommand({ Bucket: 'ssm-output', Key: `${key}/stderr` }))
    expect(await errors.Body?.transformToString()).toBe(stderr)
  })

  it('cancels what still runs and leaves finished invocations as they are', async () => {
    const ids = fleet(3)
    module().scriptInvocation('*', { stuck: true })
    module().scriptInvocation(ids[0], { durationMs: 0 })
    module().setRunCommandTiming({ visible: {}, delivery: {}, rampUp: false })
    const commandId = await send({ InstanceIds: ids, ...shell(['sleep 600']) })
    expect((await allInvocations(commandId)).map((i) => i.Status)).toEqual([
      'Success',
      'InProgress',
      'InProgress',
    ])
    const tooMany = await failure(
      ssm.send(
        new CancelCommandCommand({
          CommandId: commandId,
          InstanceIds: Array.from({ length: 51 }, (_, i) => `i-${String(i).padStart(17, '0')}`),
        }),
      ),
    )
    expect(tooMany.name).toBe('ValidationException')
    const unknown = await failure(
      ssm.send(new CancelCommandCommand({ CommandId: '0f5e3c2a-9b1d-4c6e-8f7a-1b2c3d4e5f60' })),
    )
    expect(unknown.name).toBe('InvalidCommandId')
    await ssm.send(new CancelCommandCommand({ CommandId: commandId }))
    expect((await allInvocations(commandId)).map((i) => [i.Status, i.StatusDetails])).toEqual([
      ['Success', 'Success'],
      ['Cancelled', 'Cancelled'],
      ['Cancelled', 'Cancelled'],
    ])
    expect(await command(commandId)).toMatchObject({
      Status: 'Cancelled',
      StatusDetails: 'Cancelled',
      CompletedCount: 3,
    })
  })

  it('keeps an offline instance Delayed, then Undeliverable once the delivery timeout passes', async () => {
    const [online, offline, returning] = fleet(3)
    module().setPingStatus(offline, 'ConnectionLost')
    module().setPingStatus(returning, 'ConnectionLost')
    module().setRunCommandTiming({ visible: {}, delivery: {}, run: {}, rampUp: false })
    const commandId = await send({
      InstanceIds: [online, offline, returning],
      TimeoutSeconds: 60,
      ...shell(['true']),
    })
    const delayed = await invocation(commandId, offline)
    expect([delayed.Status, delayed.StatusDetails]).toEqual(['Delayed', 'Delayed'])
    expect((await command(commandId))?.Status).toBe('InProgress')
    module().setPingStatus(returning, 'Online')
    aws.clock.advance(30_000)
    expect((await invocation(commandId, returning)).Status).toBe('Success')
    aws.clock.advance(30_001)
    const lost = await invocation(commandId, offline)
    expect([lost.Status, lost.StatusDetails, lost.ResponseCode]).toEqual(['Failed', 'Undeliverable', -1])
    // Undeliverable invocations don't decide between Success and Incomplete.
    expect(await command(commandId)).toMatchObject({ Status: 'Success', CompletedCount: 3, ErrorCount: 0 })
  })

  it('times out an invocation the agent never answers as DeliveryTimedOut at ExpiresAfter', async () => {
    const [id] = fleet(1)
    module().scriptInvocation(id, { stuck: true })
    const commandId = await send({
      InstanceIds: [id],
      TimeoutSeconds: 30,
      ...shell(['true'], { executionTimeout: ['30'] }),
    })
    await failure(invocation(commandId, id))
    aws.clock.advance(59_999)
    expect((await invocation(commandId, id)).Status).toBe('InProgress')
    aws.clock.advance(1)
    const out = await invocation(commandId, id)
    expect([out.Status, out.StatusDetails]).toEqual(['TimedOut', 'DeliveryTimedOut'])
    expect(await command(commandId)).toMatchObject({
      Status: 'TimedOut',
      StatusDetails: 'DeliveryTimedOut',
      DeliveryTimedOutCount: 1,
      ErrorCount: 0,
    })
  })
})

describe('scripts run in the sandbox', () => {
  beforeEach(() => {
    aws.clock.unfreeze()
    module().setRunCommandTiming({ visible: {}, delivery: {} })
  })

  it('runs the commands; the fake systemctl and curl decide the outcome', async () => {
    const [ok, badRestart, unhealthy] = fleet(3)
    module().runScripts(true)
    module().setSandboxFakes(badRestart, { systemctl: { 'restart app': 1 } })
    module().setSandboxFakes(unhealthy, { curl: { 'http://127.0.0.1:8080/health': { status: 503 } } })
    const commandId = await send({
      InstanceIds: [ok, badRestart, unhealthy],
      ...shell([
        'set -e',
        'echo "restarting on $(hostname -s 2>/dev/null || echo host)" >/dev/null',
        'systemctl restart app',
        'curl -fsS http://127.0.0.1:8080/health',
        'echo healthy',
      ]),
    })
    const good = await settled(commandId, ok)
    expect([good.Status, good.ResponseCode, good.StandardOutputContent]).toEqual(['Success', 0, 'healthy\n'])
    const restart = await settled(commandId, badRestart)
    expect([restart.Status, restart.ResponseCode]).toEqual(['Failed', 1])
    expect(restart.StandardErrorContent).toBe(
      'Job for app.service failed because the control process exited with error code.\nSee "systemctl status app.service" and "journalctl -xeu app.service" for details.\nfailed to run commands: exit status 1\n',
    )
    const health = await settled(commandId, unhealthy)
    expect([health.Status, health.ResponseCode, health.StandardErrorContent]).toEqual([
      'Failed',
      22,
      'curl: (22) The requested URL returned error: 503\nfailed to run commands: exit status 22\n',
    ])
    expect(
      module()
        .fakeCalls(badRestart)
        .map((c) => [c.command, c.args]),
    ).toEqual([['systemctl', ['restart', 'app']]])
    expect(
      module()
        .fakeCalls(unhealthy)
        .map((c) => c.command),
    ).toEqual(['systemctl', 'curl'])
    expect(await command(commandId)).toMatchObject({ Status: 'Failed', ErrorCount: 2 })
  })

  it('downloads from the stand-in S3, checks the checksum and switches a symlink inside the sandbox', async () => {
    const [id] = fleet(1)
    const binary = Buffer.from('#!/bin/sh\necho v2\n')
    const sha = createHash('sha256').update(binary).digest('hex')
    aws.service('s3').createBucket('artifacts')
    aws.service('s3').putObject('artifacts', 'app/v2/app', binary)
    module().runScripts(true, id)
    module().writeSandboxFile(id, '/opt/app/releases/v1/app', 'v1')
    const commandId = await send({
      InstanceIds: [id],
      ...shell(
        [
          'set -euo pipefail',
          'mkdir -p releases/v2',
          'aws s3 cp s3://artifacts/app/v2/app releases/v2/app --quiet',
          `echo "${sha}  releases/v2/app" | sha256sum -c -`,
          'ln -sfn releases/v2 current.tmp && mv -T current.tmp current',
          'readlink current',
        ],
        { workingDirectory: ['/opt/app'] },
      ),
    })
    const out = await settled(commandId, id)
    expect([out.Status, out.StandardOutputContent, out.StandardErrorContent]).toEqual([
      'Success',
      'releases/v2/app: OK\nreleases/v2\n',
      '',
    ])
    const sandbox = module().sandboxOf(id)
    expect(readlinkSync(join(sandbox, 'opt/app/current'))).toBe('releases/v2')
    expect(readFileSync(join(sandbox, 'opt/app/releases/v2/app'))).toEqual(binary)
    // The instance really read the object from S3.
    expect(aws.callsOf('s3', 'GetObject').map((c) => c.input?.Key)).toEqual(['app/v2/app'])
    expect(module().fakeCalls(id, 'aws')[0]).toEqual({
      command: 'aws',
      args: ['s3', 'cp', 's3://artifacts/app/v2/app', 'releases/v2/app', '--quiet'],
      cwd: 'opt/app',
    })
  })

  it('kills a script at its executionTimeout: TimedOut, ExecutionTimedOut', async () => {
    const [id] = fleet(1)
    module().runScripts(true, id)
    const started = Date.now()
    const commandId = await send({
      InstanceIds: [id],
      ...shell(['echo before', 'sleep 20', 'echo after'], { executionTimeout: ['1'] }),
    })
    const out = await settled(commandId, id)
    expect(Date.now() - started).toBeLessThan(8_000)
    expect([out.Status, out.StatusDetails, out.ResponseCode, out.StandardOutputContent]).toEqual([
      'TimedOut',
      'ExecutionTimedOut',
      137,
      'before\n',
    ])
    expect(out.ExecutionElapsedTime).toMatch(/^PT1(\.\d+)?S$/)
    expect(await command(commandId)).toMatchObject({ Status: 'TimedOut', StatusDetails: 'ExecutionTimedOut' })
  })

  it('CancelCommand kills a running script', async () => {
    const [id] = fleet(1)
    module().runScripts(true, id)
    const commandId = await send({ InstanceIds: [id], ...shell(['echo started', 'sleep 30', 'echo never']) })
    for (let i = 0; i < 100 && (await invocation(commandId, id)).Status !== 'InProgress'; i++)
      await new Promise((resolve) => setTimeout(resolve, 20))
    await new Promise((resolve) => setTimeout(resolve, 200))
    await ssm.send(new CancelCommandCommand({ CommandId: commandId }))
    const out = await settled(commandId, id)
    expect([out.Status, out.StatusDetails, out.StandardOutputContent]).toEqual([
      'Cancelled',
      'Cancelled',
      'started\n',
    ])
    expect((await command(commandId))?.Status).toBe('Cancelled')
  })

  it('fails the plugin when the working directory does not exist, and removes sandboxes on reset and close', async () => {
    const [id] = fleet(1)
    module().runScripts(true)
    const commandId = await send({
      InstanceIds: [id],
      ...shell(['pwd'], { workingDirectory: ['/srv/missing'] }),
    })
    const out = await settled(commandId, id)
    expect([out.Status, out.ResponseCode, out.StandardErrorContent]).toEqual([
      'Failed',
      1,
      'failed to run commands: chdir /srv/missing: no such file or directory\n',
    ])
    const sandbox = module().sandboxOf(id)
    mkdirSync(join(sandbox, 'srv'), { recursive: true })
    expect(existsSync(sandbox)).toBe(true)
    aws.reset()
    expect(existsSync(sandbox)).toBe(false)

    const other = await startAwsLocal()
    const elsewhere = other.service('ssm').sandboxOf('i-0123456789abcdef0')
    expect(existsSync(elsewhere)).toBe(true)
    await other.close()
    expect(existsSync(elsewhere)).toBe(false)
  })
})

describe('scripting over HTTP', () => {
  it('seeds managed instances and scripts invocations through the control API', async () => {
    const post = (method: string, args: unknown[]) =>
      rawRequest(aws.url, {
        method: 'POST',
        path: `/_aws-local/services/ssm/${method}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      })
    const seeded = await post('seedManagedInstance', [{ Tags: [{ Key: 'app', Value: 'web' }] }])
    const id = (JSON.parse(seeded.body) as { result: { InstanceId: string } }).result.InstanceId
    await post('scriptInvocation', [id, { status: 'Failed', stdout: 'over http' }])
    await post('setRunCommandTiming', [{ visible: {}, delivery: {}, run: {} }])
    const commandId = await send({ Targets: [{ Key: 'tag-key', Values: ['app'] }], ...shell(['x']) })
    const out = await invocation(commandId, id)
    expect([out.Status, out.StandardOutputContent]).toEqual(['Failed', 'over http'])
  })
})
