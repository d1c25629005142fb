import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { startAwsLocal, type AwsLocal } from './index'
import { clientConfig, failure, rawRequest } from './test-helpers'

let aws: AwsLocal
let ssm: SSMClient

beforeAll(async () => {
  aws = await startAwsLocal()
  ssm = new SSMClient(clientConfig(aws))
})
afterAll(async () => {
  ssm.destroy()
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.service('ssm').putParameter({ Name: 'p', Value: 'v' })
})

describe('faults', () => {
  it('throttles twice, then the SDK retry succeeds on the third call', async () => {
    aws.fault('ssm', 'GetParameter', { kind: 'throttle', times: 2 })
    const out = await ssm.send(new GetParameterCommand({ Name: 'p' }))
    expect(out.Parameter?.Value).toBe('v')
    expect(aws.callsOf('ssm', 'GetParameter').map((c) => [c.status, c.error?.code])).toEqual([
      [400, 'ThrottlingException'],
      [400, 'ThrottlingException'],
      [200, undefined],
    ])
    expect(out.$metadata.attempts).toBe(3)
  })

  it('gives up after the SDK attempts when throttling persists', async () => {
    aws.fault('ssm', 'GetParameter', { kind: 'throttle', times: 5 })
    const client = new SSMClient({ ...clientConfig(aws), maxAttempts: 2 })
    const error = await failure(client.send(new GetParameterCommand({ Name: 'p' })))
    client.destroy()
    expect(error.name).toBe('ThrottlingException')
    expect(aws.callsOf('ssm', 'GetParameter')).toHaveLength(2)
  })

  it('throttles each protocol with its own code', async () => {
    const s3 = new S3Client({ ...clientConfig(aws), forcePathStyle: true, maxAttempts: 1 })
    const ec2 = new EC2Client({ ...clientConfig(aws), maxAttempts: 1 })
    aws.fault('s3', 'GetObject', { kind: 'throttle' })
    aws.fault('ec2', '*', { kind: 'throttle' })
    const s3Error = await failure(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })))
    const ec2Error = await failure(ec2.send(new DescribeImagesCommand({})))
    s3.destroy()
    ec2.destroy()
    expect([s3Error.name, s3Error.$metadata.httpStatusCode]).toEqual(['SlowDown', 503])
    expect(ec2Error.name).toBe('RequestLimitExceeded')
  })

  it('answers 5xx once, which the SDK retries', async () => {
    aws.fault('ssm', 'GetParameter', { kind: 'http5xx', status: 503 })
    const out = await ssm.send(new GetParameterCommand({ Name: 'p' }))
    expect(out.Parameter?.Value).toBe('v')
    expect(aws.callsOf('ssm', 'GetParameter').map((c) => c.status)).toEqual([503, 200])
  })

  it('resets the connection, which the SDK retries', async () => {
    aws.fault('ssm', 'GetParameter', { kind: 'reset', times: 1 })
    const out = await ssm.send(new GetParameterCommand({ Name: 'p' }))
    expect(out.Parameter?.Value).toBe('v')
    expect(aws.callsOf('ssm', 'GetParameter').map((c) => c.error?.code ?? c.status)).toEqual([
      'ECONNRESET',
      200,
    ])
  })

  it('carries a call out and loses only its answer with afterApplying', async () => {
    aws.fault('ssm', 'PutParameter', { kind: 'http5xx', afterApplying: true })
    const out = await ssm.send(
      new PutParameterCommand({ Name: 'p', Value: 'w', Type: 'String', Overwrite: true }),
    )
    // The first attempt took effect; the SDK's retry wrote again.
    expect(out.Version).toBe(3)
    expect(aws.callsOf('ssm', 'PutParameter').map((c) => c.status)).toEqual([500, 200])
    expect(aws.service('ssm').getParameter('p')?.Value).toBe('w')
  })

  it('adds latency to an operation', async () => {
    aws.delay('ssm', 'GetParameter', 300)
    const started = Date.now()
    await ssm.send(new GetParameterCommand({ Name: 'p' }))
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })
})

describe('recorder', () => {
  it('tells mutating calls from reads, and reset clears calls, faults and state', async () => {
    await ssm.send(new GetParameterCommand({ Name: 'p' }))
    await ssm.send(new PutParameterCommand({ Name: 'q', Value: '1', Type: 'String' }))
    expect(aws.calls.map((c) => c.operation)).toEqual(['GetParameter', 'PutParameter'])
    expect(aws.mutatingCalls().map((c) => c.operation)).toEqual(['PutParameter'])
    expect(aws.calls[0].time).toBeInstanceOf(Date)
    aws.fault('ssm', 'GetParameter', { kind: 'throttle', times: 9 })
    aws.reset()
    expect(aws.calls).toEqual([])
    expect(aws.service('ssm').getParameter('q')).toBeUndefined()
    aws.service('ssm').putParameter({ Name: 'p', Value: 'v' })
    await expect(ssm.send(new GetParameterCommand({ Name: 'p' }))).resolves.toBeDefined()
  })

  it('env() points a child process at the stand-in', () => {
    expect(aws.env()).toMatchObject({
      AWS_ENDPOINT_URL: aws.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    })
    expect(aws.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})

describe('HTTP control API', () => {
  const post = (path: string, body: unknown) =>
    rawRequest(aws.url, {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('scripts faults, seeds state, lists calls and resets from another process', async () => {
    expect(
      (await post('/_aws-local/services/ssm/putParameter', [{ Name: 'seeded', Value: 'yes' }])).status,
    ).toBe(200)
    expect(
      (
        await post('/_aws-local/fault', {
          service: 'ssm',
          operation: 'GetParameter',
          kind: 'error',
          code: 'InternalServerError',
          status: 500,
          times: 1,
        })
      ).status,
    ).toBe(200)
    const out = await ssm.send(new GetParameterCommand({ Name: 'seeded' }))
    expect(out.Parameter?.Value).toBe('yes')

    const calls = JSON.parse((await rawRequest(aws.url, { path: '/_aws-local/calls?service=ssm' })).body) as {
      operation: string
      status: number
      input: unknown
    }[]
    expect(calls.map((c) => [c.operation, c.status])).toEqual([
      ['GetParameter', 500],
      ['GetParameter', 200],
    ])
    expect(calls[1].input).toEqual({ Name: 'seeded' })
    const mutating = JSON.parse(
      (await rawRequest(aws.url, { path: '/_aws-local/calls?mutating=true' })).body,
    ) as unknown[]
    expect(mutating).toEqual([])

    const clock = JSON.parse((await post('/_aws-local/clock', { advanceMs: 3_600_000 })).body) as {
      now: string
    }
    expect(new Date(clock.now).getTime() - Date.now()).toBeGreaterThan(3_500_000)

    expect((await post('/_aws-local/reset', {})).status).toBe(200)
    expect(aws.calls).toEqual([])
    expect(aws.service('ssm').getParameter('seeded')).toBeUndefined()
    expect((await post('/_aws-local/services/ssm/nope', [])).status).toBe(404)
  })
})
