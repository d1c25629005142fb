import { UserError } from './errors'
import { SUITE, VERSION } from './version'

/**
 * One way to build AWS SDK v3 clients. Credentials come from the SDK's standard chain (env,
 * shared config, web identity from configure-aws-credentials, instance metadata). Endpoints
 * likewise: the SDK itself honours `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`, so the
 * same bundle talks to AWS or to any AWS-compatible endpoint; nothing here overrides them.
 *
 * Clients are constructed by the caller from a dynamically imported module
 * (`const { ECSClient } = await import('@aws-sdk/client-ecs')`), so each bundle loads only the
 * clients it needs, and only when it needs them (ncc puts each in its own chunk).
 */

export interface AwsSettings {
  region: string
  /** Total attempts per call, including the first (the SDK's `maxAttempts`). */
  maxAttempts: number
  /** The action's name, for the user agent. */
  action: string
}

export interface AwsClientConfig {
  region: string
  maxAttempts: number
  retryMode: 'adaptive'
  /** `[name, version]` pairs, which the SDK appends to its user agent as `name/version`. */
  customUserAgent: Array<[string, string] | [string]>
}

export const DEFAULT_MAX_ATTEMPTS = 8

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/

/** The region from the input, else `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
export function resolveRegion(
  input: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  name = 'region',
): string {
  const region = input || env.AWS_REGION || env.AWS_DEFAULT_REGION
  if (!region) {
    throw new UserError(
      `Input '${name}' is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is; set '${name}' (for example us-east-1) or run aws-actions/configure-aws-credentials first.`,
    )
  }
  if (!REGION_PATTERN.test(region)) {
    const source = input ? `Input '${name}'` : 'The AWS region from the environment'
    throw new UserError(
      `${source} must be an AWS region such as us-east-1 or eu-west-2; got ${JSON.stringify(region)}.`,
    )
  }
  return region
}

/** The suite's part of the user agent: `infra-actions/<version> <action>`. */
export function userAgent(action: string): Array<[string, string] | [string]> {
  return [[SUITE, VERSION], [action]]
}

export function clientConfig(settings: AwsSettings, region = settings.region): AwsClientConfig {
  return {
    region,
    maxAttempts: settings.maxAttempts,
    retryMode: 'adaptive',
    customUserAgent: userAgent(settings.action),
  }
}

export interface S3ClientConfig extends AwsClientConfig {
  forcePathStyle: boolean
}

/**
 * S3 clients add path-style addressing when an endpoint is set through `AWS_ENDPOINT_URL` or
 * `AWS_ENDPOINT_URL_S3`: S3-compatible endpoints seldom serve virtual-hosted buckets, and the
 * JavaScript SDK, unlike the CLI, has no environment setting for it.
 */
export function s3ClientConfig(settings: AwsSettings, env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  return {
    ...clientConfig(settings),
    forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
  }
}

/** Builds a client of the given SDK class with the suite's settings (optionally for another region). */
export function createClient<C>(
  Client: new (config: AwsClientConfig) => C,
  settings: AwsSettings,
  region?: string,
): C {
  return new Client(clientConfig(settings, region))
}

/**
 * A link into the AWS console for a long operation, e.g.
 * `consoleUrl('us-east-1', 'ecs/v2/clusters/prod/services/api')`.
 */
export function consoleUrl(region: string, path: string): string {
  const host = region.startsWith('cn-') ? 'console.amazonaws.cn' : 'console.aws.amazon.com'
  const separator = path.includes('?') ? '&' : '?'
  return `https://${region}.${host}/${path}${separator}region=${region}`
}
