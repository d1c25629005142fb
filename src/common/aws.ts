import { throwIfCancelled } from './cancel'
import { attempt, UserError } from './errors'
import { getIntInput } from './inputs'
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

/** The `max-attempts` input every action has: total attempts per AWS call, 1 to 20. */
export function getMaxAttemptsInput(name = 'max-attempts'): number {
  return getIntInput(name, { min: 1, max: 20, default: DEFAULT_MAX_ATTEMPTS })
}

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

export interface S3ClientConfig extends AwsClientConfig, S3Extras {}

/** What S3 clients add to the common settings (see s3ClientConfig). */
export interface S3Extras {
  forcePathStyle: boolean
  expectContinueHeader: false
}

/**
 * S3 clients add path-style addressing when an endpoint is set through `AWS_ENDPOINT_URL` or
 * `AWS_ENDPOINT_URL_S3`: S3-compatible endpoints seldom serve virtual-hosted buckets, and the
 * JavaScript SDK, unlike the CLI, has no environment setting for it.
 *
 * They also send no `Expect: 100-continue`. The SDK adds it to every body of 2 MiB or more, and its
 * HTTP handler sends such a request on a new connection of its own, closed afterwards
 * (smithy-lang/smithy-typescript#1754): each part of an upload then paid a TCP and TLS handshake
 * and a round trip for the 100 Continue. Without it the parts reuse the client's kept-alive
 * connections. What that costs: a request S3 refuses before reading its body (expired
 * credentials, a redirect, SlowDown) is refused while the body is being sent, and S3 may close
 * the connection then, so the client can see a broken connection instead of S3's error, and
 * retries the part as it retries any broken connection (up to `max-attempts`); a kept-alive
 * connection S3 closed while idle is found so too, at the cost of one retry. Pre-flight checks
 * (the bucket, write access) catch refusals before the first part. This holds for every S3
 * client of the suite, each action's uploads and downloads alike.
 */
export function s3ClientConfig(settings: AwsSettings, env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  return { ...clientConfig(settings), ...s3Extras(env) }
}

export function s3Extras(env: NodeJS.ProcessEnv = process.env): S3Extras {
  return {
    forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
    expectContinueHeader: false,
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
 * What the suite needs of an SDK v3 client or command: its middleware stack (the call layer
 * counts calls on a client's; S3 uploads set a header on a command's, see s3.ts).
 */
export interface SdkClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize' | 'build'; name: string },
    ): void
  }
}

/** The options every SDK call is sent with: the signal that aborts it. */
export interface SendOptions {
  abortSignal?: AbortSignal
}

/**
 * Every AWS call of one run goes through here: clients built with the suite's settings, each
 * call labelled with what it attempts ("Failed to update service api in eu-west-1: ..."), bound
 * to the run's AbortSignal, and counted per operation for the job summary. Counting is a
 * middleware on each client, so the pages of the SDK's paginators and the parts of a
 * multipart upload are counted too, once per call however often the SDK retried it.
 *
 * SDK modules are never imported here: callers import the client they need dynamically and
 * hand its class in, so each bundle loads only its own clients, and only when it needs them.
 */
export class AwsCalls {
  private readonly counts = new Map<string, number>()

  constructor(
    readonly settings: AwsSettings,
    /** The run's signal; a call made after it aborted, or aborted by it, is the cancellation. */
    readonly signal?: AbortSignal,
  ) {}

  /** A client of the given SDK class for `region` (the run's region by default), its calls counted. */
  client<C, X extends object = object>(
    Client: new (config: AwsClientConfig & X) => C,
    region: string = this.settings.region,
    extra?: X,
  ): C {
    const client = new Client({ ...clientConfig(this.settings, region), ...(extra as X) })
    // Typed structurally: the SDK's own middleware types live in a package the suite does not depend on.
    ;(client as unknown as SdkClient).middlewareStack.add(
      (next, context) => (args) => {
        this.count((context.commandName ?? 'Unknown').replace(/Command$/, ''))
        return next(args)
      },
      { step: 'initialize', name: 'infraActionsCallCounter' },
    )
    return client
  }

  /**
   * Runs one SDK call: `calls.send('describe cluster prod in us-east-1', (o) => ecs.send(cmd, o))`.
   * A failure is wrapped with what was being attempted; once the run is cancelled, any failure
   * (the SDK's AbortError) is the cancellation. `signal` overrides the run's signal, e.g. with
   * `null` for a cleanup call that must still go out after a cancellation.
   */
  async send<T>(
    what: string,
    call: (options: SendOptions) => Promise<T>,
    signal: AbortSignal | null | undefined = this.signal,
  ): Promise<T> {
    throwIfCancelled(signal ?? undefined)
    try {
      return await attempt(what, () => call({ abortSignal: signal ?? undefined }))
    } catch (error) {
      throwIfCancelled(signal ?? undefined)
      throw error
    }
  }

  /**
   * Every page of one of the SDK's paginators, each page's failure labelled like `send`:
   * `calls.pages('list revisions of web', (o) => paginateListTaskDefinitions({ client }, input, o))`.
   * `signal` as with `send` (`null` for a cleanup that must still list after a cancellation).
   */
  async *pages<P>(
    what: string,
    paginate: (options: SendOptions) => AsyncIterable<P>,
    signal: AbortSignal | null | undefined = this.signal,
  ): AsyncGenerator<P> {
    const iterator = paginate({ abortSignal: signal ?? undefined })[Symbol.asyncIterator]()
    for (;;) {
      const next = await this.send(what, () => iterator.next(), signal)
      if (next.done) return
      yield next.value
    }
  }

  /** The items of every page: `calls.all(what, paginate, (page) => page.taskArns)`. */
  async all<P, I>(
    what: string,
    paginate: (options: SendOptions) => AsyncIterable<P>,
    items: (page: P) => I[] | undefined,
    signal: AbortSignal | null | undefined = this.signal,
  ): Promise<I[]> {
    const out: I[] = []
    for await (const page of this.pages(what, paginate, signal)) out.push(...(items(page) ?? []))
    return out
  }

  /** Records one call of `operation` (the middleware does this for every client built here). */
  count(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1)
  }

  /** Calls made so far per operation, most frequent first. */
  callCounts(): Array<[string, number]> {
    return [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  }

  /** Calls made so far of one operation. */
  callsOf(operation: string): number {
    return this.counts.get(operation) ?? 0
  }

  /** Calls made so far in all. */
  totalCalls(): number {
    let total = 0
    for (const n of this.counts.values()) total += n
    return total
  }
}

/**
 * Per-call limits of the APIs the suite calls, in one place; `chunks(ids, AWS_LIMITS.ssmInstanceIds)`.
 * Sources: the API references of each operation (DescribeServices `services`: "up to 10";
 * DescribeTasks `tasks`: "up to 100"; SendCommand / CancelCommand `InstanceIds`: "up to 50";
 * SendCommand `Targets`: 5; ListCommandInvocations `MaxResults`: 1-50; CloudFront: 3,000 file
 * paths per invalidation request and in progress per distribution, 15 wildcard paths in progress).
 */
export const AWS_LIMITS = {
  ecsDescribeServices: 10,
  ecsDescribeTasks: 100,
  ssmInstanceIds: 50,
  ssmTargets: 5,
  ssmListCommandInvocations: 50,
  cloudFrontPaths: 3000,
  cloudFrontWildcardsInProgress: 15,
} as const

/** Splits `items` into consecutive chunks of at most `size` (for per-call limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`)
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * A link into the AWS console for a long operation, e.g.
 * `consoleUrl('us-east-1', 'ecs/v2/clusters/prod/services/api')`.
 */
export function consoleUrl(region: string, path: string): string {
  const host = region.startsWith('cn-') ? 'console.amazonaws.cn' : 'console.aws.amazon.com'
  // The region goes into the query, before any `#/...` route of a single-page console (CloudFront's).
  const hash = path.indexOf('#')
  const [base, route] = hash < 0 ? [path, ''] : [path.slice(0, hash), path.slice(hash)]
  const separator = base.includes('?') ? '&' : '?'
  return `https://${region}.${host}/${base}${separator}region=${region}${route}`
}
