// CloudFront: seedable distributions and invalidations that complete after a scripted number of
// polls or amount of (clock) time.
import { randomBytes } from 'node:crypto'
import { Progress, type ProgressPlan } from '../clock'
import { AwsError } from '../errors'
import type { Handler, ServiceEnv } from '../types'

export interface Distribution {
  Id: string
  ARN: string
  Status: string
  LastModifiedTime: Date
  DomainName: string
  ETag: string
  DistributionConfig: Record<string, unknown>
}

interface Invalidation {
  Id: string
  DistributionId: string
  CreateTime: Date
  Paths: string[]
  CallerReference: string
  progress: Progress
}

function randomId(prefix: string, length = 13): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  return prefix + [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('')
}

export class CloudFrontService {
  readonly name = 'cloudfront'
  private readonly distributions = new Map<string, Distribution>()
  private readonly invalidations = new Map<string, Invalidation>()
  /** How new invalidations progress: by default the first GetInvalidation sees InProgress, the next Completed. */
  invalidationPlan: ProgressPlan = { afterPolls: 1 }
  /** CloudFront's limits on invalidation paths in progress per distribution. */
  limits = { maxPathsInProgress: 3000, maxWildcardsInProgress: 15 }

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.distributions.clear()
    this.invalidations.clear()
    this.invalidationPlan = { afterPolls: 1 }
    this.limits = { maxPathsInProgress: 3000, maxWildcardsInProgress: 15 }
  }

  /** Scripting: adds a deployed distribution in front of one origin. */
  seedDistribution(
    options: { id?: string; aliases?: string[]; originDomainName?: string; comment?: string } = {},
  ): Distribution {
    const id = options.id ?? randomId('E')
    const aliases = options.aliases ?? []
    const originDomain = options.originDomainName ?? 'site.s3.us-east-1.amazonaws.com'
    const distribution: Distribution = {
      Id: id,
      ARN: `arn:aws:cloudfront::${this.env.accountId}:distribution/${id}`,
      Status: 'Deployed',
      LastModifiedTime: this.env.clock.now(),
      DomainName: `${id.toLowerCase()}.cloudfront.net`,
      ETag: randomId('E'),
      DistributionConfig: {
        CallerReference: `seed-${id}`,
        Aliases: { Quantity: aliases.length, Items: aliases.length ? aliases : undefined },
        DefaultRootObject: 'index.html',
        Origins: {
          Quantity: 1,
          Items: [
            {
              Id: 'origin-1',
              DomainName: originDomain,
              OriginPath: '',
              S3OriginConfig: { OriginAccessIdentity: '' },
            },
          ],
        },
        DefaultCacheBehavior: {
          TargetOriginId: 'origin-1',
          ViewerProtocolPolicy: 'redirect-to-https',
          Compress: true,
        },
        Comment: options.comment ?? '',
        PriceClass: 'PriceClass_All',
        Enabled: true,
        HttpVersion: 'http2',
        IsIPV6Enabled: true,
      },
    }
    this.distributions.set(id, distribution)
    return distribution
  }

  /** Scripting: sets how new invalidations progress (`{ afterPolls }`, `{ afterMs }`, or `{}` for at once). */
  setInvalidationPlan(plan: ProgressPlan): void {
    this.invalidationPlan = plan
  }

  /** Scripting: finishes every invalidation in progress. */
  completeInvalidations(): void {
    for (const invalidation of this.invalidations.values()) invalidation.progress.force(true)
  }

  /** Scripting: the invalidations of a distribution, oldest first. */
  listInvalidations(distributionId: string): { Id: string; Paths: string[]; Status: string }[] {
    return [...this.invalidations.values()]
      .filter((i) => i.DistributionId === distributionId)
      .map((i) => ({ Id: i.Id, Paths: i.Paths, Status: this.status(i) }))
  }

  private distribution(id: string): Distribution {
    const distribution = this.distributions.get(id)
    if (!distribution)
      throw new AwsError('NoSuchDistribution', 'The specified distribution does not exist.', 404)
    return distribution
  }

  private status(invalidation: Invalidation): string {
    return invalidation.progress.done ? 'Completed' : 'InProgress'
  }

  private view(invalidation: Invalidation, done = invalidation.progress.done) {
    return {
      Id: invalidation.Id,
      Status: done ? 'Completed' : 'InProgress',
      CreateTime: invalidation.CreateTime,
      InvalidationBatch: {
        Paths: { Quantity: invalidation.Paths.length, Items: invalidation.Paths },
        CallerReference: invalidation.CallerReference,
      },
    }
  }

  private inProgress(distributionId: string): Invalidation[] {
    return [...this.invalidations.values()].filter(
      (i) => i.DistributionId === distributionId && !i.progress.done,
    )
  }

  readonly handlers: Record<string, Handler> = {
    GetDistribution: (input) => {
      const distribution = this.distribution(input.Id as string)
      const { ETag, ...rest } = distribution
      return {
        Distribution: { ...rest, InProgressInvalidationBatches: this.inProgress(distribution.Id).length },
        ETag,
      }
    },

    CreateInvalidation: (input, ctx) => {
      const distribution = this.distribution(input.DistributionId as string)
      const batch = input.InvalidationBatch as {
        Paths: { Quantity: number; Items?: string[] }
        CallerReference: string
      }
      const paths = batch.Paths.Items ?? []
      if (batch.Paths.Quantity !== paths.length)
        throw new AwsError(
          'InconsistentQuantities',
          'Your request contains a number of items that is inconsistent with the quantity specified.',
        )
      if (paths.length === 0 || paths.some((p) => !p.startsWith('/')))
        throw new AwsError('InvalidArgument', 'Your request contains one or more invalid invalidation paths.')
      const existing = [...this.invalidations.values()].find(
        (i) => i.DistributionId === distribution.Id && i.CallerReference === batch.CallerReference,
      )
      if (existing) {
        if (existing.Paths.join('\n') !== paths.join('\n'))
          throw new AwsError(
            'InvalidationBatchAlreadyExists',
            'The CallerReference you are using to create an invalidation batch has already been used for a different batch.',
            409,
          )
        return { Location: this.location(distribution.Id, existing.Id), Invalidation: this.view(existing) }
      }
      const running = this.inProgress(distribution.Id).flatMap((i) => i.Paths)
      const wildcards = (list: string[]) => list.filter((p) => p.endsWith('*')).length
      if (
        running.length + paths.length > this.limits.maxPathsInProgress ||
        wildcards(running) + wildcards(paths) > this.limits.maxWildcardsInProgress
      )
        throw new AwsError(
          'TooManyInvalidationsInProgress',
          'Processing your request will cause you to exceed the maximum number of in-progress invalidation paths.',
          400,
        )
      const invalidation: Invalidation = {
        Id: randomId('I', 25),
        DistributionId: distribution.Id,
        CreateTime: ctx.clock.now(),
        Paths: paths,
        CallerReference: batch.CallerReference,
        progress: new Progress(ctx.clock, this.invalidationPlan),
      }
      this.invalidations.set(invalidation.Id, invalidation)
      return {
        Location: this.location(distribution.Id, invalidation.Id),
        Invalidation: this.view(invalidation),
      }
    },

    GetInvalidation: (input) => {
      this.distribution(input.DistributionId as string)
      const invalidation = this.invalidations.get(input.Id as string)
      if (!invalidation || invalidation.DistributionId !== input.DistributionId)
        throw new AwsError('NoSuchInvalidation', 'The specified invalidation does not exist.', 404)
      // This poll counts: the one that finishes the invalidation is the first to see it Completed.
      return { Invalidation: this.view(invalidation, invalidation.progress.poll()) }
    },

    ListInvalidations: (input) => {
      const distribution = this.distribution(input.DistributionId as string)
      const maxItems = input.MaxItems === undefined ? 100 : Number(input.MaxItems)
      if (!Number.isInteger(maxItems) || maxItems < 0)
        throw new AwsError('InvalidArgument', 'The value of MaxItems is not valid.')
      const all = [...this.invalidations.values()]
        .filter((i) => i.DistributionId === distribution.Id)
        .reverse()
      const marker = input.Marker as string | undefined
      const start = marker ? all.findIndex((i) => i.Id === marker) + 1 : 0
      const page = all.slice(start, start + maxItems)
      const truncated = start + maxItems < all.length
      return {
        InvalidationList: {
          Marker: marker ?? '',
          NextMarker: truncated ? page[page.length - 1]?.Id : undefined,
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

  private location(distributionId: string, invalidationId: string): string {
    return `https://cloudfront.amazonaws.com/2020-05-31/distribution/${distributionId}/invalidation/${invalidationId}`
  }
}
