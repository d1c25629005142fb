import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { clientConfig, consoleUrl, createClient, resolveRegion, s3ClientConfig, userAgent } from './aws'
import { UserError } from './errors'
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
})
