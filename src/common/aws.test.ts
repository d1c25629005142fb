import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  paginateGetParametersByPath,
  SSMClient,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type SSMClientResolvedConfig,
} from '@aws-sdk/client-ssm'
import { mockClient, type AwsStub } from 'aws-sdk-client-mock'
import {
  AWS_LIMITS,
  AwsCalls,
  chunks,
  clientConfig,
  consoleUrl,
  createClient,
  resolveRegion,
  s3ClientConfig,
  userAgent,
} from './aws'
import { CancelledError, UserError } from './errors'
import { VERSION } from './version'

describe('resolveRegion', () => {
  it('prefers the input, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(resolveRegion('eu-west-2', { AWS_REGION: 'us-east-1' })).toBe('eu-west-2')
    expect(resolveRegion(undefined, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'eu-west-1' })).toBe(
      'us-east-1',
    )
    expect(resolveRegion(undefined, { AWS_DEFAULT_REGION: 'eu-west-1' })).toBe('eu-west-1')
    expect(resolveRegion('us-gov-west-1', {})).toBe('us-gov-west-1')
  })

  it('explains a missing or malformed region', () => {
    expect(() => resolveRegion(undefined, {})).toThrow(UserError)
    expect(() => resolveRegion('Virginia', {})).toThrow(
      `Input 'region' must be an AWS region such as us-east-1 or eu-west-2; got "Virginia".`,
    )
  })
})

describe('clients', () => {
  it('use adaptive retries, the attempt count and a user agent naming suite, version and action', () => {
    const settings = { region: 'us-east-1', maxAttempts: 5, action: 'ecs-deploy' }
    expect(clientConfig(settings)).toEqual({
      region: 'us-east-1',
      maxAttempts: 5,
      retryMode: 'adaptive',
      customUserAgent: [['infra-actions', VERSION], ['ecs-deploy']],
    })
    expect(userAgent('db-migrate')).toEqual([['infra-actions', VERSION], ['db-migrate']])
    class FakeClient {
      constructor(readonly config: unknown) {}
    }
    expect(createClient(FakeClient, settings, 'eu-west-1').config).toMatchObject({ region: 'eu-west-1' })
  })

  it.each(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SSM'])(
    'reach the endpoint named by %s, with the user agent',
    async (variable) => {
      const seen: Array<{ target?: string; agent?: string }> = []
      const server = createServer((req, res) => {
        seen.push({ target: req.headers['x-amz-target'] as string, agent: req.headers['user-agent'] })
        req.resume().on('end', () => {
          res.setHeader('content-type', 'application/x-amz-json-1.1')
          res.end(JSON.stringify({ Parameter: { Name: '/app/version', Value: '42' } }))
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const { port } = server.address() as AddressInfo
      process.env[variable] = `http://127.0.0.1:${port}`
      process.env.AWS_ACCESS_KEY_ID = 'test'
      process.env.AWS_SECRET_ACCESS_KEY = 'test'
      try {
        const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm')
        const client = createClient(SSMClient, { region: 'us-east-1', maxAttempts: 1, action: 'fixture' })
        const out = await client.send(new GetParameterCommand({ Name: '/app/version' }))
        client.destroy()
        expect(out.Parameter?.Value).toBe('42')
        expect(seen).toHaveLength(1)
        expect(seen[0].target).toBe('AmazonSSM.GetParameter')
        expect(seen[0].agent).toContain(`infra-actions/${VERSION} fixture`)
      } finally {
        server.close()
      }
    },
  )
})

describe('consoleUrl', () => {
  it('links into the region of the resource', () => {
    expect(consoleUrl('eu-west-1', 'ecs/v2/clusters/prod/services/api')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/api?region=eu-west-1',
    )
  })
})

describe('s3ClientConfig', () => {
  const settings = { region: 'us-east-1', maxAttempts: 3, action: 'db-migrate' }
  it('uses path-style addressing only when an endpoint is configured', () => {
    expect(s3ClientConfig(settings, {}).forcePathStyle).toBe(false)
    expect(s3ClientConfig(settings, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).forcePathStyle).toBe(true)
    expect(s3ClientConfig(settings, { AWS_ENDPOINT_URL_S3: 'http://minio:9000' }).forcePathStyle).toBe(true)
  })
  it('sends no Expect: 100-continue, so that large bodies reuse kept-alive connections', () => {
    expect(s3ClientConfig(settings, {}).expectContinueHeader).toBe(false)
  })
})

describe('AwsCalls', () => {
  const settings = { region: 'us-east-1', maxAttempts: 1, action: 'test' }
  let ssmMock: AwsStub<ServiceInputTypes, ServiceOutputTypes, SSMClientResolvedConfig>
  beforeEach(() => {
    ssmMock = mockClient(SSMClient)
  })
  afterEach(() => ssmMock.restore())

  it('labels a failure with what it attempted and keeps the SDK error as the cause', async () => {
    const calls = new AwsCalls(settings)
    const ssm = calls.client(SSMClient)
    const denied = Object.assign(new Error('User is not authorized'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    })
    ssmMock.on(GetParameterCommand).rejects(denied)
    const failure = calls.send('read parameter /app/version in us-east-1', (o) =>
      ssm.send(new GetParameterCommand({ Name: '/app/version' }), o),
    )
    await expect(failure).rejects.toThrow(
      'Failed to read parameter /app/version in us-east-1: AccessDeniedException: User is not authorized',
    )
    await failure.catch((error: Error) => expect(error.cause).toBe(denied))
  })

  it('turns any failure after the run was cancelled into the cancellation, and sends nothing once it is', async () => {
    const controller = new AbortController()
    const calls = new AwsCalls(settings, controller.signal)
    const ssm = calls.client(SSMClient)
    ssmMock.on(GetParameterCommand).callsFake(() => {
      controller.abort(new CancelledError('The run was cancelled (SIGINT).'))
      throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
    })
    const read = () => calls.send('read', (o) => ssm.send(new GetParameterCommand({ Name: '/a' }), o))
    await expect(read()).rejects.toThrow(new CancelledError('The run was cancelled (SIGINT).'))
    await expect(read()).rejects.toBeInstanceOf(CancelledError)
    expect(ssmMock.commandCalls(GetParameterCommand)).toHaveLength(1)
    // A cleanup call may still go out with the signal set aside.
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: 'v' } })
    const out = await calls.send(
      'clean up',
      (o) => ssm.send(new GetParameterCommand({ Name: '/a' }), o),
      null,
    )
    expect(out.Parameter?.Value).toBe('v')
  })

  it('walks every page of an SDK paginator', async () => {
    const calls = new AwsCalls(settings)
    const ssm = calls.client(SSMClient)
    ssmMock
      .on(GetParametersByPathCommand)
      .resolvesOnce({ Parameters: [{ Name: '/a/1' }, { Name: '/a/2' }], NextToken: 't1' })
      .resolvesOnce({ Parameters: [{ Name: '/a/3' }], NextToken: 't2' })
      .resolvesOnce({ Parameters: [] })
    const names = await calls.all(
      'list /a',
      (o) => paginateGetParametersByPath({ client: ssm }, { Path: '/a' }, o),
      (page) => page.Parameters?.map((p) => p.Name as string),
    )
    expect(names).toEqual(['/a/1', '/a/2', '/a/3'])
    expect(ssmMock.commandCalls(GetParametersByPathCommand)).toHaveLength(3)
  })

  it('counts every call a client makes by operation, pages and retries included once per call', async () => {
    ssmMock.restore()
    let requests = 0
    const server = createServer((req, res) => {
      requests += 1
      req.resume().on('end', () => {
        res.setHeader('content-type', 'application/x-amz-json-1.1')
        if (requests === 1) {
          res.statusCode = 500
          res.end(JSON.stringify({ __type: 'InternalServerError', message: 'boom' }))
        } else res.end(JSON.stringify({ Parameter: { Name: '/a', Value: '1' } }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    process.env.AWS_ACCESS_KEY_ID = 'test'
    process.env.AWS_SECRET_ACCESS_KEY = 'test'
    try {
      const calls = new AwsCalls({ ...settings, maxAttempts: 3 })
      const ssm = calls.client(SSMClient, 'eu-west-1')
      await calls.send('read', (o) => ssm.send(new GetParameterCommand({ Name: '/a' }), o))
      await calls.send('read', (o) => ssm.send(new GetParameterCommand({ Name: '/a' }), o))
      ssm.destroy()
      expect(requests).toBe(3)
      expect(calls.callCounts()).toEqual([['GetParameter', 2]])
      expect(calls.totalCalls()).toBe(2)
      expect(calls.callsOf('PutParameter')).toBe(0)
    } finally {
      server.close()
    }
  })
})

describe('chunks', () => {
  it('splits a list at a per-call limit', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `i-${i}`)
    const batches = chunks(ids, AWS_LIMITS.ssmInstanceIds)
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20])
    expect(batches.flat()).toEqual(ids)
    expect(chunks([], 10)).toEqual([])
    expect(() => chunks(ids, 0)).toThrow(RangeError)
  })
})

describe('consoleUrl of a single-page console', () => {
  it('puts the region before the route', () => {
    expect(consoleUrl('us-east-1', 'cloudfront/v4/home#/distributions/E1/invalidations')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudfront/v4/home?region=us-east-1#/distributions/E1/invalidations',
    )
  })
})

describe('AwsCalls pages for a cleanup', () => {
  it('still list after the run was cancelled, when the signal is set aside', async () => {
    const ssmMock = mockClient(SSMClient)
    try {
      const controller = new AbortController()
      controller.abort(new CancelledError('The run was cancelled (SIGTERM).'))
      const calls = new AwsCalls({ region: 'us-east-1', maxAttempts: 1, action: 'test' }, controller.signal)
      const ssm = calls.client(SSMClient)
      ssmMock.on(GetParametersByPathCommand).resolves({ Parameters: [{ Name: '/a/1' }] })
      const paginate = (o: { abortSignal?: AbortSignal }) =>
        paginateGetParametersByPath({ client: ssm }, { Path: '/a' }, o)
      await expect(calls.all('list /a', paginate, (p) => p.Parameters)).rejects.toBeInstanceOf(CancelledError)
      expect(await calls.all('list /a', paginate, (p) => p.Parameters?.map((x) => x.Name), null)).toEqual([
        '/a/1',
      ])
    } finally {
      ssmMock.restore()
    }
  })
})
