// CloudFront (API 2020-05-31): seedable distributions (aliases, origins, enabled flag, cache-tag
// configuration), listed and read as the API does, and invalidations checked, counted, limited,
// deduplicated and completed the way the CloudFront Developer Guide describes them. Each behaviour
// names its source beside it.
import { randomBytes } from 'node:crypto'
import { XMLParser } from 'fast-xml-parser'
import { Progress, type ProgressPlan } from '../clock'
import { AwsError } from '../errors'
import { isPlainObject } from '../model'
import type { CallContext, Handler, ServiceEnv } from '../types'

/** CacheTagConfig: the origin response header CloudFront reads cache tags from (botocore 1.43 model). */
export interface CacheTagConfig {
  HeaderName: string
}

export interface Distribution {
  Id: string
  ARN: string
  Status: string
  LastModifiedTime: Date
  DomainName: string
  ETag: string
  DistributionConfig: Record<string, unknown>
}

export interface DistributionSeed {
  id?: string
  aliases?: string[]
  originDomainName?: string
  /** The origin's OriginPath (`/site`, default none). */
  originPath?: string
  /** Default `index.html`; `''` for none. */
  defaultRootObject?: string
  comment?: string
  /** Default true. */
  enabled?: boolean
  /** `Deployed` (default) or `InProgress` (a configuration change propagating). */
  status?: 'Deployed' | 'InProgress'
  /** Present: the distribution extracts cache tags and accepts tag invalidations. */
  cacheTagConfig?: CacheTagConfig
  priceClass?: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All' | 'None'
}

/** The limits CloudFront applies to invalidations; tests may set them lower with `setLimits`. */
export interface CloudFrontLimits {
  /**
   * File paths (and tag items) in progress per distribution at one time. Source: Developer Guide,
   * "Concurrent invalidation request maximum" (InvalidationLimits.html): up to 3,000 files per
   * distribution in progress at one time; "What you need to know when invalidating tags": each tag
   * item counts as one invalidation path toward the same concurrent limits.
   */
  maxPathsInProgress: number
  /**
   * Paths ending in the `*` wildcard in progress per distribution at one time, counted
   * independently of file paths. Source: InvalidationLimits.html (15 wildcard paths; "the maximum
   * on wildcard invalidation requests allowed is independent of the maximum on invalidating files
   * individually").
   */
  maxWildcardsInProgress: number
  /**
   * Items in one request before CloudFront answers `BatchTooLarge` (413, "Invalidation batch
   * specified is too large.", the model's error for CreateInvalidation). The guide documents no
   * per-request number; one request may carry up to the 3,000 files a distribution can have in
   * progress (InvalidationLimits.html), so that is the size used.
   */
  maxPathsPerRequest: number
  /** Source: Developer Guide "What you need to know when invalidating files": a path is at most 4,000 characters. */
  maxPathLength: number
  /** Source: "What you need to know when invalidating tags": a tag is at most 256 characters. */
  maxTagLength: number
  /**
   * Optional account-wide rate of invalidation items (paths and tags) per second, answered with
   * `Throttling` when exceeded. Off unless set: the Quotas page lists such a rate (150 per second,
   * and 1 wildcard invalidation per second) but the stand-in does not impose an unverified rate
   * on every test.
   */
  pathsPerSecond?: number
  /** Optional account-wide rate of wildcard paths per second (see `pathsPerSecond`). */
  wildcardsPerSecond?: number
}

/** What an invalidation item is: a file path, a path ending in the `*` wildcard, or a `#` cache tag. */
export type ItemKind = 'file' | 'wildcard' | 'tag'

/** One invalidation as a test reads it (`listInvalidations`, `seedInvalidation`). */
export interface InvalidationRecord {
  Id: string
  DistributionId: string
  CallerReference: string
  CreateTime: Date
  Status: 'InProgress' | 'Completed'
  /** Exactly as received. */
  Paths: string[]
  files: number
  wildcards: number
  tags: number
}

interface Invalidation {
  Id: string
  DistributionId: string
  CreateTime: Date
  Paths: string[]
  CallerReference: string
  progress: Progress
  /** Creation order, to list invalidations created in the same millisecond newest first. */
  seq: number
}

/**
 * Default progress of new invalidations: the first GetInvalidation sees InProgress, the next
 * Completed, and in any case they complete after 25 s of clock time. Source: What's New,
 * 2026-04-29 "Amazon CloudFront now supports invalidation by cache tag": "The end-to-end
 * completion time, which includes reporting the invalidation status back, is under 25 seconds at P95."
 */
const DEFAULT_PLAN: ProgressPlan = { afterPolls: 1, afterMs: 25_000 }

const DEFAULT_LIMITS: CloudFrontLimits = {
  maxPathsInProgress: 3000,
  maxWildcardsInProgress: 15,
  maxPathsPerRequest: 3000,
  maxPathLength: 4000,
  maxTagLength: 256,
}

/** Source: Developer Guide "Pay for file invalidation": the first 1,000 paths each month are free, across the account. */
const FREE_PATHS_PER_MONTH = 1000

/**
 * The error CloudFront answers for a path it does not accept, as seen on the wire (rust-lang/
 * promote-release#94 for a path without a leading slash, aws/aws-sdk#525 for a raw `~`).
 */
const INVALID_PATHS = 'Your request contains one or more invalid invalidation paths.'

function randomId(prefix: string, length = 13): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  return prefix + [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('')
}

/**
 * Source: Developer Guide "What you need to know when invalidating tags": tag items begin with
 * `#` and do not support the wildcard; "Invalidation paths": the `*` is a wildcard only as the last
 * character of a path ("Asterisks (*) inserted anywhere else are treated as a literal character").
 */
export function itemKind(item: string): ItemKind {
  if (item.startsWith('#')) return 'tag'
  return item.endsWith('*') ? 'wildcard' : 'file'
}

function counts(items: string[]): { files: number; wildcards: number; tags: number } {
  const out = { files: 0, wildcards: 0, tags: 0 }
  for (const item of items) {
    const kind = itemKind(item)
    if (kind === 'tag') out.tags += 1
    else if (kind === 'wildcard') out.wildcards += 1
    else out.files += 1
  }
  return out
}

/**
 * The `<Path>` texts of an InvalidationBatch document exactly as sent. The shared XML codec trims
 * element text and leaves numeric character references (`&#x0D;`, which the SDK writes for CR
 * and LF) undecoded; paths must be kept exactly as received, so they are read again here with the
 * same library, set to keep whitespace and decode every entity.
 */
const exactParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: () => true,
  ignoreDeclaration: true,
})

function exactPaths(body: Buffer): string[] | undefined {
  let node: unknown
  try {
    node = exactParser.parse(body.toString('utf8'), true)
  } catch {
    return undefined
  }
  for (const name of ['InvalidationBatch', 'Paths', 'Items'])
    node = isPlainObject(node) ? (node[name] as unknown[] | undefined)?.[0] : undefined
  const list = isPlainObject(node) ? (node.Path as unknown[] | undefined) : undefined
  return list?.map((p) => (typeof p === 'string' ? p : ''))
}

export class CloudFrontService {
  readonly name = 'cloudfront'
  private readonly distributions = new Map<string, Distribution>()
  private readonly invalidations = new Map<string, Invalidation>()
  private readonly distributionPlans = new Map<string, ProgressPlan>()
  /** Plans for the next invalidations, per distribution (`*`: any distribution), used once each in order. */
  private readonly queuedPlans = new Map<string, ProgressPlan[]>()
  /** Items created per instant, for the optional per-second rates. */
  private readonly submissions: { atMs: number; items: number; wildcards: number }[] = []
  private seq = 0
  /** How new invalidations progress, unless a distribution or a queued plan says otherwise. */
  invalidationPlan: ProgressPlan = { ...DEFAULT_PLAN }
  limits: CloudFrontLimits = { ...DEFAULT_LIMITS }
  /**
   * What a tag invalidation on a distribution without `CacheTagConfig` gets. The guide says only
   * that "Tag invalidation only works on distributions that have CacheTagConfig configured"
   * ("What you need to know when invalidating tags") and documents no error; before cache tags a
   * `#` item was an invalid path, so the stand-in answers InvalidArgument (`reject`) unless told
   * to accept it as an invalidation that matches nothing (`accept`).
   */
  tagsWithoutCacheTagConfig: 'reject' | 'accept' = 'reject'

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.distributions.clear()
    this.invalidations.clear()
    this.distributionPlans.clear()
    this.queuedPlans.clear()
    this.submissions.length = 0
    this.seq = 0
    this.invalidationPlan = { ...DEFAULT_PLAN }
    this.limits = { ...DEFAULT_LIMITS }
    this.tagsWithoutCacheTagConfig = 'reject'
  }

  // ---- scripting: distributions ----

  /** Scripting: adds a distribution in front of one S3 origin. */
  seedDistribution(options: DistributionSeed = {}): Distribution {
    const id = options.id ?? randomId('E')
    const aliases = options.aliases ?? []
    const distribution: Distribution = {
      Id: id,
      ARN: `arn:aws:cloudfront::${this.env.accountId}:distribution/${id}`,
      Status: options.status ?? 'Deployed',
      LastModifiedTime: this.env.clock.now(),
      DomainName: `${id.toLowerCase()}.cloudfront.net`,
      ETag: randomId('E'),
      DistributionConfig: {
        CallerReference: `seed-${id}`,
        Aliases: { Quantity: aliases.length, Items: aliases.length ? aliases : undefined },
        DefaultRootObject: options.defaultRootObject ?? 'index.html',
        Origins: {
          Quantity: 1,
          Items: [
            {
              Id: 'origin-1',
              DomainName: options.originDomainName ?? 'site.s3.us-east-1.amazonaws.com',
              OriginPath: options.originPath ?? '',
              CustomHeaders: { Quantity: 0 },
              S3OriginConfig: { OriginAccessIdentity: '' },
              ConnectionAttempts: 3,
              ConnectionTimeout: 10,
            },
          ],
        },
        OriginGroups: { Quantity: 0 },
        DefaultCacheBehavior: {
          TargetOriginId: 'origin-1',
          ViewerProtocolPolicy: 'redirect-to-https',
          Compress: true,
          // The managed CachingOptimized policy.
          CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        },
        CacheBehaviors: { Quantity: 0 },
        CustomErrorResponses: { Quantity: 0 },
        Comment: options.comment ?? '',
        PriceClass: options.priceClass ?? 'PriceClass_All',
        Enabled: options.enabled ?? true,
        ViewerCertificate: {
          CloudFrontDefaultCertificate: true,
          MinimumProtocolVersion: 'TLSv1',
          CertificateSource: 'cloudfront',
        },
        Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
        WebACLId: '',
        HttpVersion: 'http2',
        IsIPV6Enabled: true,
        Staging: false,
        CacheTagConfig: options.cacheTagConfig ? { ...options.cacheTagConfig } : undefined,
      },
    }
    this.distributions.set(id, distribution)
    return distribution
  }

  /**
   * Scripting: changes a distribution as an UpdateDistribution would (a new ETag and
   * LastModifiedTime); `cacheTagConfig: null` removes the cache-tag configuration.
   */
  updateDistribution(
    id: string,
    changes: Pick<DistributionSeed, 'aliases' | 'enabled' | 'status' | 'comment'> & {
      cacheTagConfig?: CacheTagConfig | null
    },
  ): Distribution {
    const distribution = this.distribution(id)
    const config = distribution.DistributionConfig
    if (changes.aliases)
      config.Aliases = {
        Quantity: changes.aliases.length,
        Items: changes.aliases.length ? changes.aliases : undefined,
      }
    if (changes.enabled !== undefined) config.Enabled = changes.enabled
    if (changes.comment !== undefined) config.Comment = changes.comment
    if (changes.cacheTagConfig !== undefined)
      config.CacheTagConfig = changes.cacheTagConfig ? { ...changes.cacheTagConfig } : undefined
    if (changes.status) distribution.Status = changes.status
    distribution.ETag = randomId('E')
    distribution.LastModifiedTime = this.env.clock.now()
    return distribution
  }

  // ---- scripting: invalidations ----

  /** Scripting: lowers (or restores) CloudFront's invalidation limits; unnamed ones keep their value. */
  setLimits(limits: Partial<CloudFrontLimits>): CloudFrontLimits {
    this.limits = { ...this.limits, ...limits }
    return this.limits
  }

  /**
   * Scripting: how new invalidations progress (`{ afterPolls }`, `{ afterMs }`, both: whichever
   * comes first, `{}`: at once), for every distribution or for one.
   */
  setInvalidationPlan(plan: ProgressPlan, distributionId?: string): void {
    if (distributionId === undefined) this.invalidationPlan = plan
    else this.distributionPlans.set(distributionId, plan)
  }

  /** Scripting: plans for the next invalidations created (of one distribution, or of any), one each, in order. */
  queueInvalidationPlans(plans: ProgressPlan[], distributionId = '*'): void {
    this.queuedPlans.set(distributionId, [...(this.queuedPlans.get(distributionId) ?? []), ...plans])
  }

  /** Scripting: finishes every invalidation in progress (of one distribution, or of all). */
  completeInvalidations(distributionId?: string): void {
    for (const invalidation of this.invalidations.values())
      if (distributionId === undefined || invalidation.DistributionId === distributionId)
        invalidation.progress.force(true)
  }

  /** Scripting: finishes one invalidation now. */
  completeInvalidation(id: string): void {
    const invalidation = this.invalidations.get(id)
    if (!invalidation) throw new Error(`aws-local: no invalidation ${id}`)
    invalidation.progress.force(true)
  }

  /**
   * Scripting: an invalidation made by someone else (another run, the console), created at
   * `createTime` (default now). It stays InProgress until `completeInvalidation(s)` unless a
   * `plan` is given, and counts toward the distribution's in-progress limits like any other.
   */
  seedInvalidation(options: {
    distributionId: string
    paths: string[]
    callerReference?: string
    createTime?: Date | string
    status?: 'InProgress' | 'Completed'
    plan?: ProgressPlan
  }): InvalidationRecord {
    const distribution = this.distribution(options.distributionId)
    const invalidation = this.addInvalidation(
      distribution.Id,
      [...options.paths],
      options.callerReference ?? `seed-${randomId('', 8)}`,
      options.plan ?? {},
      options.createTime === undefined ? undefined : new Date(options.createTime),
    )
    if (options.status === 'Completed') invalidation.progress.force(true)
    else if (!options.plan) invalidation.progress.force(false)
    return this.record(invalidation)
  }

  /** Scripting: every invalidation of a distribution, oldest first, with its paths exactly as received. */
  listInvalidations(distributionId: string): InvalidationRecord[] {
    return [...this.invalidations.values()]
      .filter((i) => i.DistributionId === distributionId)
      .sort((a, b) => a.CreateTime.getTime() - b.CreateTime.getTime() || a.seq - b.seq)
      .map((i) => this.record(i))
  }

  /** Scripting: what a distribution has in progress, counted the way the limits count it. */
  inProgress(distributionId: string): { batches: number; files: number; wildcards: number; tags: number } {
    const running = this.running(distributionId)
    return { batches: running.length, ...counts(running.flatMap((i) => i.Paths)) }
  }

  /**
   * Scripting: the invalidation paths billed in a calendar month (UTC; default: the clock's
   * month), of one distribution or the whole account. Source: Developer Guide "Pay for file
   * invalidation": every path counts as one whatever it matches (a wildcard path is one path, a
   * tag item is one path), each path of a batch counts separately, and the first 1,000 paths a
   * month across the account are free.
   */
  billing(options: { distributionId?: string; month?: string } = {}): {
    month: string
    paths: number
    files: number
    wildcards: number
    tags: number
    accountPaths: number
    freePathsLeft: number
    chargeablePaths: number
  } {
    const month = options.month ?? this.env.clock.now().toISOString().slice(0, 7)
    const inMonth = [...this.invalidations.values()].filter(
      (i) => i.CreateTime.toISOString().slice(0, 7) === month,
    )
    const accountPaths = inMonth.reduce((sum, i) => sum + i.Paths.length, 0)
    const selected = inMonth.filter(
      (i) => options.distributionId === undefined || i.DistributionId === options.distributionId,
    )
    const c = counts(selected.flatMap((i) => i.Paths))
    return {
      month,
      paths: c.files + c.wildcards + c.tags,
      ...c,
      accountPaths,
      freePathsLeft: Math.max(0, FREE_PATHS_PER_MONTH - accountPaths),
      chargeablePaths: Math.max(0, accountPaths - FREE_PATHS_PER_MONTH),
    }
  }

  // ---- internals ----

  private distribution(id: string): Distribution {
    const distribution = this.distributions.get(id)
    if (!distribution)
      throw new AwsError('NoSuchDistribution', 'The specified distribution does not exist.', 404)
    return distribution
  }

  private status(invalidation: Invalidation, done = invalidation.progress.done): 'InProgress' | 'Completed' {
    return done ? 'Completed' : 'InProgress'
  }

  private record(invalidation: Invalidation): InvalidationRecord {
    return {
      Id: invalidation.Id,
      DistributionId: invalidation.DistributionId,
      CallerReference: invalidation.CallerReference,
      CreateTime: invalidation.CreateTime,
      Status: this.status(invalidation),
      Paths: [...invalidation.Paths],
      ...counts(invalidation.Paths),
    }
  }

  private view(invalidation: Invalidation, status: 'InProgress' | 'Completed') {
    return {
      Id: invalidation.Id,
      Status: status,
      CreateTime: invalidation.CreateTime,
      InvalidationBatch: {
        Paths: {
          Quantity: invalidation.Paths.length,
          Items: invalidation.Paths.length ? invalidation.Paths : undefined,
        },
        CallerReference: invalidation.CallerReference,
      },
    }
  }

  /** Invalidations of a distribution not yet Completed: they count toward its limits until then. */
  private running(distributionId: string): Invalidation[] {
    return [...this.invalidations.values()].filter(
      (i) => i.DistributionId === distributionId && !i.progress.done,
    )
  }

  private planFor(distributionId: string): ProgressPlan {
    for (const key of [distributionId, '*']) {
      const queue = this.queuedPlans.get(key)
      const next = queue?.shift()
      if (queue && queue.length === 0) this.queuedPlans.delete(key)
      if (next) return next
    }
    return this.distributionPlans.get(distributionId) ?? this.invalidationPlan
  }

  private addInvalidation(
    distributionId: string,
    paths: string[],
    callerReference: string,
    plan: ProgressPlan,
    createTime?: Date,
  ): Invalidation {
    const invalidation: Invalidation = {
      // Invalidation IDs are `I` and 25 upper-case letters and digits, as CloudFront issues them now.
      Id: randomId('I', 25),
      DistributionId: distributionId,
      CreateTime: createTime ?? this.env.clock.now(),
      Paths: paths,
      CallerReference: callerReference,
      progress: new Progress(this.env.clock, plan),
      seq: this.seq++,
    }
    this.invalidations.set(invalidation.Id, invalidation)
    return invalidation
  }

  /**
   * Why CloudFront would refuse one item, if it would. Sources: Developer Guide "What you need to
   * know when invalidating files" (API paths begin with a leading slash; at most 4,000 characters;
   * "Don't use the ~ character in your path. CloudFront doesn't support this character for
   * invalidations, whether it's URL-encoded or not": the raw `~` is refused with InvalidArgument,
   * the encoded `%7E` accepted but matching nothing, aws/aws-sdk#525) and "What you need to know
   * when invalidating tags" (`#` then ASCII visible characters 33-126 except the comma, at most
   * 256 characters). Non-ASCII and unsafe characters are to be sent URL-encoded, and CloudFront
   * matches a path as it was sent; it is kept exactly as received, encoded or not.
   */
  private invalidItem(item: string): boolean {
    if (item.startsWith('#')) {
      const tag = item.slice(1)
      return !/^[\x21-\x2b\x2d-\x7e]+$/.test(tag) || tag.length > this.limits.maxTagLength
    }
    return !item.startsWith('/') || [...item].length > this.limits.maxPathLength || item.includes('~')
  }

  private checkRates(nowMs: number, items: string[]): void {
    const { pathsPerSecond, wildcardsPerSecond } = this.limits
    while (this.submissions.length && this.submissions[0].atMs <= nowMs - 1000) this.submissions.shift()
    if (pathsPerSecond === undefined && wildcardsPerSecond === undefined) return
    const recent = this.submissions.reduce(
      (sum, s) => ({ items: sum.items + s.items, wildcards: sum.wildcards + s.wildcards }),
      { items: 0, wildcards: 0 },
    )
    const batch = counts(items)
    if (
      (pathsPerSecond !== undefined && recent.items + items.length > pathsPerSecond) ||
      (wildcardsPerSecond !== undefined && recent.wildcards + batch.wildcards > wildcardsPerSecond)
    )
      throw new AwsError('Throttling', 'Rate exceeded', 400)
  }

  readonly handlers: Record<string, Handler> = {
    /** Source: API reference ListDistributions: `Marker` is the ID of the last distribution of the previous page. */
    ListDistributions: (input) => {
      const maxItems = this.maxItems(input.MaxItems)
      const all = [...this.distributions.values()]
      const marker = (input.Marker as string | undefined) ?? ''
      const start = marker ? this.after(all, marker) : 0
      const page = all.slice(start, start + maxItems)
      const truncated = start + page.length < all.length
      return {
        DistributionList: {
          Marker: marker,
          NextMarker: truncated && page.length ? page[page.length - 1].Id : undefined,
          MaxItems: maxItems,
          IsTruncated: truncated,
          Quantity: page.length,
          Items: page.length ? page.map((d) => this.summary(d)) : undefined,
        },
      }
    },

    GetDistribution: (input) => {
      const distribution = this.distribution(input.Id as string)
      const { ETag, ...rest } = distribution
      return {
        Distribution: { ...rest, InProgressInvalidationBatches: this.running(distribution.Id).length },
        ETag,
      }
    },

    CreateInvalidation: (input, ctx) => this.createInvalidation(input, ctx),

    GetInvalidation: (input) => {
      this.distribution(input.DistributionId as string)
      const invalidation = this.invalidations.get(input.Id as string)
      if (!invalidation || invalidation.DistributionId !== input.DistributionId)
        throw new AwsError('NoSuchInvalidation', 'The specified invalidation does not exist.', 404)
      // This poll counts: the one that finishes the invalidation is the first to see it Completed.
      return {
        Invalidation: this.view(invalidation, this.status(invalidation, invalidation.progress.poll())),
      }
    },

    /**
     * Source: API reference ListInvalidations: "the results are returned in decreasing order from
     * most recent to oldest"; `Marker` is the ID of the last invalidation of the previous page.
     */
    ListInvalidations: (input) => {
      const distribution = this.distribution(input.DistributionId as string)
      const maxItems = this.maxItems(input.MaxItems)
      const all = [...this.invalidations.values()]
        .filter((i) => i.DistributionId === distribution.Id)
        .sort((a, b) => b.CreateTime.getTime() - a.CreateTime.getTime() || b.seq - a.seq)
      const marker = (input.Marker as string | undefined) ?? ''
      const start = marker ? this.after(all, marker) : 0
      const page = all.slice(start, start + maxItems)
      const truncated = start + page.length < all.length
      return {
        InvalidationList: {
          Marker: marker,
          NextMarker: truncated && page.length ? page[page.length - 1].Id : undefined,
          MaxItems: maxItems,
          IsTruncated: truncated,
          Quantity: page.length,
          Items: page.length
            ? page.map((i) => ({ Id: i.Id, CreateTime: i.CreateTime, Status: this.status(i) }))
            : undefined,
        },
      }
    },
  }

  private createInvalidation(input: Record<string, unknown>, ctx: CallContext) {
    const distribution = this.distribution(input.DistributionId as string)
    const batch = input.InvalidationBatch as {
      Paths: { Quantity: number; Items?: string[] }
      CallerReference: string
    }
    const decoded = batch.Paths.Items ?? []
    const exact = exactPaths(ctx.request.body)
    const paths = exact && exact.length === decoded.length ? exact : decoded
    // The wording CloudFront answers with (linz/basemaps#2120).
    if (batch.Paths.Quantity !== paths.length)
      throw new AwsError(
        'InconsistentQuantities',
        `The specified quantity of Paths (${batch.Paths.Quantity}) does not match the actual quantity supplied (${paths.length}).`,
      )
    if (paths.length > this.limits.maxPathsPerRequest)
      throw new AwsError('BatchTooLarge', 'Invalidation batch specified is too large.', 413)
    // An empty batch names nothing to invalidate; CloudFront documents no other answer for it.
    if (paths.length === 0 || paths.some((p) => this.invalidItem(p)))
      throw new AwsError('InvalidArgument', INVALID_PATHS)
    const batchCounts = counts(paths)
    const config = distribution.DistributionConfig
    if (batchCounts.tags > 0 && !config.CacheTagConfig && this.tagsWithoutCacheTagConfig === 'reject')
      throw new AwsError('InvalidArgument', INVALID_PATHS)

    // Source: InvalidationBatch.CallerReference in the API reference: the same reference with the
    // same batch creates nothing and returns the invalidation made before (with the operation's
    // 201, the only success status the model gives it); the same reference with any Path
    // different answers InvalidationBatchAlreadyExists. The reference is the distribution's.
    const existing = [...this.invalidations.values()].find(
      (i) => i.DistributionId === distribution.Id && i.CallerReference === batch.CallerReference,
    )
    if (existing) {
      if (existing.Paths.length !== paths.length || existing.Paths.some((p, i) => p !== paths[i]))
        throw new AwsError(
          'InvalidationBatchAlreadyExists',
          'The CallerReference you are using to create an invalidation batch has already been used for a different batch.',
          409,
        )
      return {
        Location: this.location(distribution.Id, existing.Id),
        Invalidation: this.view(existing, this.status(existing)),
      }
    }

    const nowMs = ctx.clock.nowMs()
    this.checkRates(nowMs, paths)
    // Source: InvalidationLimits.html: file paths (tag items included) and wildcard paths in
    // progress are counted separately, and an invalidation is in progress until it is Completed.
    // The wording is CloudFront's as seen on the wire (laurilehmijoki/s3_website#26).
    const running = this.inProgress(distribution.Id)
    if (
      running.files + running.tags + batchCounts.files + batchCounts.tags > this.limits.maxPathsInProgress ||
      running.wildcards + batchCounts.wildcards > this.limits.maxWildcardsInProgress
    )
      throw new AwsError(
        'TooManyInvalidationsInProgress',
        'Processing your request will cause you to exceed the maximum number of in-progress invalidations.',
        400,
      )
    this.submissions.push({ atMs: nowMs, items: paths.length, wildcards: batchCounts.wildcards })
    const invalidation = this.addInvalidation(
      distribution.Id,
      [...paths],
      batch.CallerReference,
      this.planFor(distribution.Id),
    )
    return {
      Location: this.location(distribution.Id, invalidation.Id),
      // A new invalidation is reported InProgress, whatever its plan (API reference CreateInvalidation).
      Invalidation: this.view(invalidation, 'InProgress'),
    }
  }

  /** `MaxItems` is a string in the model; CloudFront lists 100 items unless told otherwise. */
  private maxItems(value: unknown): number {
    if (value === undefined) return 100
    const n = Number(value)
    if (!/^\d+$/.test(String(value)) || !Number.isSafeInteger(n))
      throw new AwsError('InvalidArgument', 'The value of MaxItems is not valid.')
    return n
  }

  /** The index after the item a marker names; a marker that names nothing lists nothing. */
  private after(items: { Id: string }[], marker: string): number {
    const index = items.findIndex((i) => i.Id === marker)
    return index < 0 ? items.length : index + 1
  }

  private summary(distribution: Distribution) {
    const config = distribution.DistributionConfig
    return {
      Id: distribution.Id,
      ARN: distribution.ARN,
      ETag: distribution.ETag,
      Status: distribution.Status,
      LastModifiedTime: distribution.LastModifiedTime,
      DomainName: distribution.DomainName,
      Aliases: config.Aliases,
      Origins: config.Origins,
      OriginGroups: config.OriginGroups,
      DefaultCacheBehavior: config.DefaultCacheBehavior,
      CacheBehaviors: config.CacheBehaviors,
      CustomErrorResponses: config.CustomErrorResponses,
      Comment: config.Comment,
      PriceClass: config.PriceClass,
      Enabled: config.Enabled,
      ViewerCertificate: config.ViewerCertificate,
      Restrictions: config.Restrictions,
      WebACLId: config.WebACLId,
      HttpVersion: config.HttpVersion,
      IsIPV6Enabled: config.IsIPV6Enabled,
      Staging: config.Staging,
    }
  }

  private location(distributionId: string, invalidationId: string): string {
    return `https://cloudfront.amazonaws.com/2020-05-31/distribution/${distributionId}/invalidation/${invalidationId}`
  }
}
