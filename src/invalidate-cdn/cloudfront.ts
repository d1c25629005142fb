import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
  paginateListDistributions,
  paginateListInvalidations,
  type Distribution,
  type DistributionSummary,
  type Invalidation,
  type InvalidationSummary,
} from '@aws-sdk/client-cloudfront'
import type { AwsCalls } from '../common/aws'

/**
 * The CloudFront calls invalidate-cdn makes, each labelled with what it attempts; the run's call
 * layer (src/common/aws.ts) binds them to the run's AbortSignal and counts them. The only module
 * that loads the SDK: main.ts imports it dynamically, so the bundle starts without parsing the
 * client. Throttling and transient errors are retried by the SDK's adaptive retry mode first;
 * what outlasts it is retried by the caller until the timeout.
 */
export class CloudFront {
  private readonly client: CloudFrontClient

  constructor(private readonly calls: AwsCalls) {
    this.client = calls.client(CloudFrontClient)
  }

  async getDistribution(id: string): Promise<Partial<Distribution>> {
    const out = await this.calls.send(`read CloudFront distribution ${id}`, (o) =>
      this.client.send(new GetDistributionCommand({ Id: id }), o),
    )
    return out.Distribution ?? {}
  }

  /** Every distribution of the account, all pages. */
  async listDistributions(): Promise<DistributionSummary[]> {
    return this.calls.all(
      'list the CloudFront distributions of the account',
      (o) => paginateListDistributions({ client: this.client }, {}, o),
      (page) => page.DistributionList?.Items,
    )
  }

  /**
   * The distribution's invalidations, newest first, page by page until a page holds none in
   * progress: those in progress are the newest, so older pages cannot hold any that still count.
   */
  async recentInvalidations(distributionId: string): Promise<InvalidationSummary[]> {
    const out: InvalidationSummary[] = []
    for await (const page of this.calls.pages(`list invalidations of distribution ${distributionId}`, (o) =>
      paginateListInvalidations({ client: this.client }, { DistributionId: distributionId }, o),
    )) {
      const items = page.InvalidationList?.Items ?? []
      out.push(...items)
      if (!items.some((i) => i.Status !== 'Completed')) break
    }
    return out
  }

  async getInvalidation(distributionId: string, id: string): Promise<Partial<Invalidation>> {
    const out = await this.calls.send(`read invalidation ${id} of distribution ${distributionId}`, (o) =>
      this.client.send(new GetInvalidationCommand({ DistributionId: distributionId, Id: id }), o),
    )
    return out.Invalidation ?? {}
  }

  async createInvalidation(
    distributionId: string,
    items: string[],
    callerReference: string,
  ): Promise<Partial<Invalidation>> {
    const out = await this.calls.send(
      `create an invalidation of ${items.length} ${items.length === 1 ? 'path' : 'paths'} on distribution ${distributionId}`,
      (o) =>
        this.client.send(
          new CreateInvalidationCommand({
            DistributionId: distributionId,
            InvalidationBatch: {
              CallerReference: callerReference,
              Paths: { Quantity: items.length, Items: items },
            },
          }),
          o,
        ),
    )
    return out.Invalidation ?? {}
  }
}

export function connect(calls: AwsCalls): CloudFront {
  return new CloudFront(calls)
}

export type { Distribution, DistributionSummary, Invalidation, InvalidationSummary }
