// Shared by the tests: SDK client settings aimed at a running stand-in, and raw HTTP requests.
import { request } from 'node:http'
import type { AwsLocal } from './server'

export function clientConfig(aws: AwsLocal, region = aws.region) {
  return {
    endpoint: aws.url,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }
}

/** A signed-looking credential scope so the stand-in routes a raw request to `service` in `region`. */
export function authFor(service: string, region = 'us-east-1'): string {
  return `AWS4-HMAC-SHA256 Credential=test/20261125/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`
}

export async function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${options.path}`,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

export type SdkError = Error & { $metadata: { httpStatusCode?: number; attempts?: number } }

/** The error a call fails with; fails the test if it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise
  } catch (error) {
    return error as SdkError
  }
  throw new Error('expected the call to fail, but it succeeded')
}

/** A minimal Fargate task definition for the ECS tests. */
export const sampleTaskDefinition = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'acme/web:1', essential: true }],
}
