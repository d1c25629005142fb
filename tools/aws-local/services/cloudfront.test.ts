import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
  ListDistributionsCommand,
  ListInvalidationsCommand,
  paginateListDistributions,
  paginateListInvalidations,
  type CreateInvalidationCommandOutput,
} from '@aws-sdk/client-cloudfront'
import { startAwsLocal, type AwsLocal } from '../index'
import { loadModel } from '../model'
import { authFor, clientConfig, failure, rawRequest } from '../test-helpers'
import type { CloudFrontService } from './cloudfront'

let aws: AwsLocal
let cloudfront: CloudFrontClient
let cf: CloudFrontService

beforeAll(async () => {
  aws = await startAwsLocal()
  cloudfront = new CloudFrontClient({ ...clientConfig(aws), maxAttempts: 1 })
})
afterAll(async () => {
  cloudfront.destroy()
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.clock.freeze()
  cf = aws.service('cloudfront')
  cf.seedDistribution({ id: 'E1SITE', aliases: ['www.example.com'] })
})

function invalidate(
  paths: string[],
  callerReference = `ref-${Math.random()}`,
  distributionId = 'E1SITE',
  quantity = paths.length,
): Promise<CreateInvalidationCommandOutput> {
  return cloudfront.send(
    new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: { CallerReference: callerReference, Paths: { Quantity: quantity, Items: paths } },
    }),
  )
}

async function status(id: string, distributionId = 'E1SITE'): Promise<string | undefined> {
  const out = await cloudfront.send(new GetInvalidationCommand({ DistributionId: distributionId, Id: id }))
  return out.Invalidation?.Status
}

const files = (n: number, prefix = '/f') => Array.from({ length: n }, (_, i) => `${prefix}${i}.html`)
const wildcards = (n: number) => Array.from({ length: n }, (_, i) => `/dir${i}/*`)

describe('cloudfront distributions', () => {
  it('reads a seeded distribution with its ETag, aliases, origin, root object and enabled flag', async () => {
    const seeded = cf.seedDistribution({
      id: 'E2SHOP',
      aliases: ['shop.example.com', 'www.shop.example.com'],
      originDomainName: 'shop.s3.eu-west-1.amazonaws.com',
      originPath: '/current',
      defaultRootObject: 'home.html',
      enabled: false,
      comment: 'shop front',
    })
    const out = await cloudfront.send(new GetDistributionCommand({ Id: 'E2SHOP' }))
    expect(out.ETag).toBe(seeded.ETag)
    expect(out.Distribution).toMatchObject({
      Id: 'E2SHOP',
      ARN: 'arn:aws:cloudfront::123456789012:distribution/E2SHOP',
      Status: 'Deployed',
      DomainName: 'e2shop.cloudfront.net',
      InProgressInvalidationBatches: 0,
      DistributionConfig: {
        Aliases: { Quantity: 2, Items: ['shop.example.com', 'www.shop.example.com'] },
        DefaultRootObject: 'home.html',
        Comment: 'shop front',
        Enabled: false,
        Origins: {
          Quantity: 1,
          Items: [{ DomainName: 'shop.s3.eu-west-1.amazonaws.com', OriginPath: '/current' }],
        },
      },
    })
    const seededETag = seeded.ETag
    const updated = cf.updateDistribution('E2SHOP', { enabled: true })
    const again = await cloudfront.send(new GetDistributionCommand({ Id: 'E2SHOP' }))
    expect(again.ETag).toBe(updated.ETag)
    expect(again.ETag).not.toBe(seededETag)
    expect(again.Distribution?.DistributionConfig?.Enabled).toBe(true)
  })

  it('answers NoSuchDistribution (404) for an unknown id', async () => {
    const error = await failure(cloudfront.send(new GetDistributionCommand({ Id: 'EMISSING' })))
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'NoSuchDistribution',
      'The specified distribution does not exist.',
      404,
    ])
    const invalidation = await failure(invalidate(['/a'], 'r', 'EMISSING'))
    expect(invalidation.name).toBe('NoSuchDistribution')
  })

  it("carries the cache-tag configuration when the loaded model knows it (botocore 1.43's CacheTagConfig)", async () => {
    cf.seedDistribution({ id: 'E3TAGS', cacheTagConfig: { HeaderName: 'x-amz-meta-cache-tag' } })
    const out = await cloudfront.send(new GetDistributionCommand({ Id: 'E3TAGS' }))
    // Debian's 1.29 models predate cache tags: the stand-in never writes members its model lacks.
    const expected = loadModel('cloudfront').shapes.CacheTagConfig
      ? { HeaderName: 'x-amz-meta-cache-tag' }
      : undefined
    expect(out.Distribution?.DistributionConfig?.CacheTagConfig).toEqual(expected)
    const plain = await cloudfront.send(new GetDistributionCommand({ Id: 'E1SITE' }))
    expect(plain.Distribution?.DistributionConfig?.CacheTagConfig).toBeUndefined()
  })

  it('lists distributions in pages: Marker, MaxItems, NextMarker (the last id of the page), IsTruncated', async () => {
    for (const id of ['E2', 'E3', 'E4', 'E5']) cf.seedDistribution({ id, enabled: id !== 'E3' })
    const first = await cloudfront.send(new ListDistributionsCommand({ MaxItems: 2 }))
    expect(first.DistributionList).toMatchObject({
      Marker: '',
      MaxItems: 2,
      IsTruncated: true,
      NextMarker: 'E2',
      Quantity: 2,
    })
    expect(first.DistributionList?.Items?.map((d) => d.Id)).toEqual(['E1SITE', 'E2'])
    const second = await cloudfront.send(new ListDistributionsCommand({ MaxItems: 2, Marker: 'E2' }))
    expect(second.DistributionList).toMatchObject({ Marker: 'E2', IsTruncated: true, NextMarker: 'E4' })
    expect(second.DistributionList?.Items?.map((d) => [d.Id, d.Enabled])).toEqual([
      ['E3', false],
      ['E4', true],
    ])
    const last = await cloudfront.send(new ListDistributionsCommand({ MaxItems: 2, Marker: 'E4' }))
    expect(last.DistributionList).toMatchObject({ IsTruncated: false, Quantity: 1 })
    expect(last.DistributionList?.NextMarker).toBeUndefined()
    const all: string[] = []
    for await (const page of paginateListDistributions({ client: cloudfront, pageSize: 3 }, {}))
      all.push(...(page.DistributionList?.Items ?? []).map((d) => d.Id!))
    expect(all).toEqual(['E1SITE', 'E2', 'E3', 'E4', 'E5'])
    const summary = first.DistributionList?.Items?.[0]
    expect(summary).toMatchObject({
      ARN: 'arn:aws:cloudfront::123456789012:distribution/E1SITE',
      DomainName: 'e1site.cloudfront.net',
      Aliases: { Quantity: 1, Items: ['www.example.com'] },
      Status: 'Deployed',
      Enabled: true,
    })
  })

  it('answers InvalidArgument for a MaxItems that is not a number', async () => {
    const response = await rawRequest(aws.url, {
      path: '/2020-05-31/distribution?MaxItems=ten',
      headers: { authorization: authFor('cloudfront') },
    })
    expect(response.status).toBe(400)
    expect(response.body).toContain('<Code>InvalidArgument</Code>')
  })
})

describe('cloudfront invalidation batches', () => {
  it('creates an invalidation: 201, Location, InProgress, the batch echoed', async () => {
    const out = await invalidate(['/index.html', '/assets/*'], 'release-7')
    expect(out.$metadata.httpStatusCode).toBe(201)
    expect(out.Location).toBe(
      `https://cloudfront.amazonaws.com/2020-05-31/distribution/E1SITE/invalidation/${out.Invalidation?.Id}`,
    )
    expect(out.Invalidation?.Id).toMatch(/^I[A-Z0-9]{25}$/)
    expect(out.Invalidation).toMatchObject({
      Status: 'InProgress',
      InvalidationBatch: {
        CallerReference: 'release-7',
        Paths: { Quantity: 2, Items: ['/index.html', '/assets/*'] },
      },
    })
    expect(out.Invalidation?.CreateTime).toEqual(aws.clock.now())
  })

  it('answers InconsistentQuantities when Paths.Quantity is not the number of Items', async () => {
    const error = await failure(invalidate(['/a', '/b'], 'r', 'E1SITE', 1))
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'InconsistentQuantities',
      'The specified quantity of Paths (1) does not match the actual quantity supplied (2).',
      400,
    ])
    expect(cf.listInvalidations('E1SITE')).toEqual([])
  })

  it('refuses paths without a leading slash, over 4,000 characters or with a raw ~, and an empty batch', async () => {
    for (const paths of [
      ['index.html'],
      ['/ok', 'assets/*'],
      [`/${'a'.repeat(4000)}`],
      ['/runtime~main.js'],
      [],
    ]) {
      const error = await failure(invalidate(paths))
      expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
        'InvalidArgument',
        'Your request contains one or more invalid invalidation paths.',
        400,
      ])
    }
    expect(cf.listInvalidations('E1SITE')).toEqual([])
    // 4,000 characters is allowed; an encoded tilde is accepted (and matches only what was sent).
    await invalidate([`/${'a'.repeat(3999)}`, '/runtime%7Emain.js'])
    expect(cf.listInvalidations('E1SITE')).toHaveLength(1)
  })

  it('treats a * anywhere but at the end as a literal character: a file path, not a wildcard', async () => {
    cf.setLimits({ maxWildcardsInProgress: 1 })
    await invalidate(['/images/*.jpg', '/a*b/c.html', '/docs/*'])
    expect(cf.inProgress('E1SITE')).toEqual({ batches: 1, files: 2, wildcards: 1, tags: 0 })
  })

  it('answers BatchTooLarge (413) for more than 3,000 paths in one request', async () => {
    const error = await failure(invalidate(files(3001)))
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'BatchTooLarge',
      'Invalidation batch specified is too large.',
      413,
    ])
    const ok = await invalidate(files(3000))
    expect(ok.Invalidation?.InvalidationBatch?.Paths?.Quantity).toBe(3000)
  })

  it('returns the existing invalidation for a reused CallerReference with the same batch', async () => {
    const first = await invalidate(['/index.html', '/app.js'], 'deploy-42')
    const again = await invalidate(['/index.html', '/app.js'], 'deploy-42')
    expect(again.$metadata.httpStatusCode).toBe(201)
    expect(again.Invalidation?.Id).toBe(first.Invalidation?.Id)
    expect(again.Location).toBe(first.Location)
    expect(cf.listInvalidations('E1SITE')).toHaveLength(1)
    expect(cf.billing().paths).toBe(2)
    // The reference belongs to the distribution: another distribution gets its own invalidation.
    cf.seedDistribution({ id: 'E2OTHER' })
    const other = await invalidate(['/index.html', '/app.js'], 'deploy-42', 'E2OTHER')
    expect(other.Invalidation?.Id).not.toBe(first.Invalidation?.Id)
  })

  it('answers InvalidationBatchAlreadyExists for a reused CallerReference with a different batch', async () => {
    await invalidate(['/index.html', '/app.js'], 'deploy-42')
    for (const paths of [['/index.html'], ['/index.html', '/app.css'], ['/app.js', '/index.html']]) {
      const error = await failure(invalidate(paths, 'deploy-42'))
      expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidationBatchAlreadyExists', 409])
    }
    expect(cf.listInvalidations('E1SITE')).toHaveLength(1)
  })

  it('passes the scripted Throttling ("Rate exceeded") to CreateInvalidation, and the SDK retries it', async () => {
    aws.fault('cloudfront', 'CreateInvalidation', { kind: 'throttle' })
    const error = await failure(invalidate(['/a']))
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'Throttling',
      'Rate exceeded',
      400,
    ])
    expect(cf.listInvalidations('E1SITE')).toEqual([])
    aws.fault('cloudfront', 'CreateInvalidation', { kind: 'throttle', times: 2 })
    const retrying = new CloudFrontClient({ ...clientConfig(aws), maxAttempts: 3 })
    const out = await retrying.send(
      new CreateInvalidationCommand({
        DistributionId: 'E1SITE',
        InvalidationBatch: { CallerReference: 'retried', Paths: { Quantity: 1, Items: ['/a'] } },
      }),
    )
    retrying.destroy()
    expect(out.$metadata.attempts).toBe(3)
    expect(aws.callsOf('cloudfront', 'CreateInvalidation').map((c) => c.status)).toEqual([400, 400, 400, 201])
    expect(cf.listInvalidations('E1SITE')).toHaveLength(1)
  })

  it('throttles beyond an optional rate of paths per second', async () => {
    cf.setLimits({ pathsPerSecond: 150 })
    await invalidate(files(100))
    await invalidate(files(50, '/g'))
    const error = await failure(invalidate(['/one-more']))
    expect([error.name, error.message]).toEqual(['Throttling', 'Rate exceeded'])
    aws.clock.advance(1000)
    await invalidate(['/one-more'])
    expect(cf.listInvalidations('E1SITE')).toHaveLength(3)
  })
})

describe('cloudfront in-progress limits', () => {
  const tooMany = [
    'TooManyInvalidationsInProgress',
    'Processing your request will cause you to exceed the maximum number of in-progress invalidations.',
    400,
  ]

  it('allows 3,000 file paths in progress per distribution, counting another run, until they complete', async () => {
    const other = cf.seedInvalidation({
      distributionId: 'E1SITE',
      paths: files(2000, '/old'),
      callerReference: 'other-run',
    })
    expect(other.Status).toBe('InProgress')
    const mine = await invalidate(files(1000))
    const error = await failure(invalidate(['/one-more.html']))
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual(tooMany)
    // Wildcards are counted separately: they still fit.
    await invalidate(['/assets/*'])
    const distribution = await cloudfront.send(new GetDistributionCommand({ Id: 'E1SITE' }))
    expect(distribution.Distribution?.InProgressInvalidationBatches).toBe(3)
    expect(cf.inProgress('E1SITE')).toEqual({ batches: 3, files: 3000, wildcards: 1, tags: 0 })
    // Another distribution has its own limit.
    cf.seedDistribution({ id: 'E2OTHER' })
    await invalidate(['/one-more.html'], 'r', 'E2OTHER')

    cf.completeInvalidation(other.Id)
    expect(await status(other.Id)).toBe('Completed')
    await invalidate(files(2000, '/new'))
    expect(cf.listInvalidations('E1SITE').find((i) => i.Id === mine.Invalidation?.Id)?.Status).toBe(
      'InProgress',
    )
    expect(await failure(invalidate(['/x']))).toMatchObject({ name: 'TooManyInvalidationsInProgress' })
  })

  it('allows 15 wildcard paths in progress per distribution, counted apart from file paths', async () => {
    await invalidate(wildcards(10))
    await invalidate(wildcards(5).map((p) => `/more${p}`))
    const error = await failure(invalidate(['/late/*']))
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual(tooMany)
    expect(await failure(invalidate(['/a.html', '/b/*']))).toMatchObject({
      name: 'TooManyInvalidationsInProgress',
    })
    await invalidate(['/a.html'])
    cf.completeInvalidations('E1SITE')
    await invalidate(wildcards(15))
    expect(cf.inProgress('E1SITE')).toEqual({ batches: 1, files: 0, wildcards: 15, tags: 0 })
  })

  it('keeps counting an invalidation until it is Completed, and applies lowered limits', async () => {
    cf.setLimits({ maxPathsInProgress: 2, maxWildcardsInProgress: 1 })
    cf.setInvalidationPlan({ afterPolls: 2 })
    const first = await invalidate(['/a', '/b', '/*'])
    expect(await failure(invalidate(['/c']))).toMatchObject({ name: 'TooManyInvalidationsInProgress' })
    expect(await status(first.Invalidation!.Id!)).toBe('InProgress')
    expect(await failure(invalidate(['/c']))).toMatchObject({ name: 'TooManyInvalidationsInProgress' })
    expect(await status(first.Invalidation!.Id!)).toBe('InProgress')
    expect(await status(first.Invalidation!.Id!)).toBe('Completed')
    await invalidate(['/c', '/d', '/x/*'])
    expect(cf.inProgress('E1SITE')).toMatchObject({ files: 2, wildcards: 1 })
  })
})

describe('cloudfront cache-tag invalidations', () => {
  beforeEach(() => {
    cf.seedDistribution({ id: 'E9TAGS', cacheTagConfig: { HeaderName: 'x-amz-meta-cache-tag' } })
  })

  it('accepts #tag items, alone or mixed with paths, each counted as one file path', async () => {
    const out = await invalidate(
      ['#product:electronics', '/images/*', '#Brand:Example', '/index.html'],
      'tags',
      'E9TAGS',
    )
    expect(out.Invalidation?.InvalidationBatch?.Paths?.Items).toEqual([
      '#product:electronics',
      '/images/*',
      '#Brand:Example',
      '/index.html',
    ])
    expect(cf.inProgress('E9TAGS')).toEqual({ batches: 1, files: 1, wildcards: 1, tags: 2 })
    expect(cf.billing({ distributionId: 'E9TAGS' })).toMatchObject({
      paths: 4,
      tags: 2,
      wildcards: 1,
      files: 1,
    })
  })

  it('counts tags toward the file-path limit and never as wildcards', async () => {
    cf.setLimits({ maxPathsInProgress: 2, maxWildcardsInProgress: 0 })
    // A tag does not support the wildcard: `#news*` is the exact tag `news*`.
    await invalidate(['#news*', '/a.html'], 'r1', 'E9TAGS')
    const error = await failure(invalidate(['#sports'], 'r2', 'E9TAGS'))
    expect(error.name).toBe('TooManyInvalidationsInProgress')
  })

  it('refuses tags that are empty, too long, or hold a comma, a space or non-ASCII', async () => {
    for (const tag of ['#', `#${'t'.repeat(257)}`, '#a,b', '#a b', '#café']) {
      const error = await failure(invalidate([tag], `r-${tag}`, 'E9TAGS'))
      expect([error.name, error.message]).toEqual([
        'InvalidArgument',
        'Your request contains one or more invalid invalidation paths.',
      ])
    }
    await invalidate([`#${'t'.repeat(256)}`, '#~!"$%&()+-./:;<=>?@[]^_`{|}'], 'ok', 'E9TAGS')
    expect(cf.listInvalidations('E9TAGS')).toHaveLength(1)
  })

  it('refuses a tag invalidation on a distribution without CacheTagConfig, unless told to accept it', async () => {
    const error = await failure(invalidate(['#product:electronics', '/index.html']))
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'InvalidArgument',
      'Your request contains one or more invalid invalidation paths.',
      400,
    ])
    expect(cf.listInvalidations('E1SITE')).toEqual([])
    cf.tagsWithoutCacheTagConfig = 'accept'
    await invalidate(['#product:electronics'])
    expect(cf.listInvalidations('E1SITE').map((i) => i.Paths)).toEqual([['#product:electronics']])
    // Removing the configuration takes the distribution back to refusing tags.
    cf.tagsWithoutCacheTagConfig = 'reject'
    cf.updateDistribution('E9TAGS', { cacheTagConfig: null })
    expect(await failure(invalidate(['#x'], 'r', 'E9TAGS'))).toMatchObject({ name: 'InvalidArgument' })
  })
})

describe('cloudfront invalidation progress and listing', () => {
  it('completes after the scripted number of polls, per distribution', async () => {
    cf.seedDistribution({ id: 'E2SLOW' })
    cf.setInvalidationPlan({ afterPolls: 3 }, 'E2SLOW')
    const fast = await invalidate(['/a'])
    const slow = await invalidate(['/a'], 'r', 'E2SLOW')
    const seen = async (id: string, distributionId: string, n: number) => {
      const out: (string | undefined)[] = []
      for (let i = 0; i < n; i++) out.push(await status(id, distributionId))
      return out
    }
    expect(await seen(fast.Invalidation!.Id!, 'E1SITE', 2)).toEqual(['InProgress', 'Completed'])
    expect(await seen(slow.Invalidation!.Id!, 'E2SLOW', 4)).toEqual([
      'InProgress',
      'InProgress',
      'InProgress',
      'Completed',
    ])
  })

  it('completes by clock time, per invalidation through queued plans', async () => {
    cf.queueInvalidationPlans([{ afterMs: 10_000 }, { afterMs: 60_000 }])
    const short = await invalidate(['/a'])
    const long = await invalidate(['/b'])
    const usual = await invalidate(['/c'])
    aws.clock.advance(10_000)
    expect(cf.listInvalidations('E1SITE').map((i) => i.Status)).toEqual([
      'Completed',
      'InProgress',
      'InProgress',
    ])
    aws.clock.advance(15_000)
    // Unscripted invalidations complete within 25 s of clock time even when nobody polls them.
    expect(await status(usual.Invalidation!.Id!)).toBe('Completed')
    expect(await status(long.Invalidation!.Id!)).toBe('InProgress')
    aws.clock.advance(35_000)
    expect(await status(long.Invalidation!.Id!)).toBe('Completed')
    expect(await status(short.Invalidation!.Id!)).toBe('Completed')
  })

  it('answers NoSuchInvalidation for an unknown id or one of another distribution', async () => {
    cf.seedDistribution({ id: 'E2OTHER' })
    const out = await invalidate(['/a'], 'r', 'E2OTHER')
    for (const id of ['INOPE', out.Invalidation!.Id!]) {
      const error = await failure(status(id))
      expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
        'NoSuchInvalidation',
        'The specified invalidation does not exist.',
        404,
      ])
    }
    const missing = await failure(status(out.Invalidation!.Id!, 'EMISSING'))
    expect(missing.name).toBe('NoSuchDistribution')
  })

  it('lists invalidations newest first in pages of MaxItems, with Marker and NextMarker', async () => {
    cf.seedInvalidation({
      distributionId: 'E1SITE',
      paths: ['/old'],
      createTime: new Date(aws.clock.nowMs() - 3_600_000),
      status: 'Completed',
    })
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      ids.push((await invalidate([`/p${i}`])).Invalidation!.Id!)
      aws.clock.advance(1000)
    }
    const oldest = cf.listInvalidations('E1SITE')[0]
    expect(oldest.Paths).toEqual(['/old'])
    const first = await cloudfront.send(
      new ListInvalidationsCommand({ DistributionId: 'E1SITE', MaxItems: 2 }),
    )
    expect(first.InvalidationList).toMatchObject({ Marker: '', MaxItems: 2, IsTruncated: true, Quantity: 2 })
    expect(first.InvalidationList?.Items?.map((i) => i.Id)).toEqual([ids[3], ids[2]])
    expect(first.InvalidationList?.NextMarker).toBe(ids[2])
    const second = await cloudfront.send(
      new ListInvalidationsCommand({ DistributionId: 'E1SITE', MaxItems: 2, Marker: ids[2] }),
    )
    expect(second.InvalidationList?.Items?.map((i) => i.Id)).toEqual([ids[1], ids[0]])
    const third = await cloudfront.send(
      new ListInvalidationsCommand({ DistributionId: 'E1SITE', MaxItems: 2, Marker: ids[0] }),
    )
    expect(third.InvalidationList).toMatchObject({ IsTruncated: false, Quantity: 1 })
    expect(third.InvalidationList?.Items?.map((i) => [i.Id, i.Status])).toEqual([[oldest.Id, 'Completed']])
    expect(third.InvalidationList?.NextMarker).toBeUndefined()
    const all: string[] = []
    for await (const page of paginateListInvalidations(
      { client: cloudfront, pageSize: 3 },
      { DistributionId: 'E1SITE' },
    ))
      all.push(...(page.InvalidationList?.Items ?? []).map((i) => i.Id!))
    expect(all).toEqual([ids[3], ids[2], ids[1], ids[0], oldest.Id])
    const missing = await failure(cloudfront.send(new ListInvalidationsCommand({ DistributionId: 'E2NONE' })))
    expect(missing.name).toBe('NoSuchDistribution')
  })
})

describe('cloudfront paths as received', () => {
  it('round-trips spaces, unicode, XML specials and line breaks exactly, encoded or not, each one path', async () => {
    const paths = [
      '/a b.html',
      '/a%20b.html',
      '/café ☕.html',
      '/caf%C3%A9%20%E2%98%95.html',
      '/x&y<z>"q\'.html',
      '/trailing ',
      '/line\r\nbreak',
    ]
    const out = await invalidate(paths)
    expect(out.Invalidation?.InvalidationBatch?.Paths?.Items).toEqual(paths)
    const got = await cloudfront.send(
      new GetInvalidationCommand({ DistributionId: 'E1SITE', Id: out.Invalidation!.Id }),
    )
    expect(got.Invalidation?.InvalidationBatch?.Paths?.Items).toEqual(paths)
    expect(cf.listInvalidations('E1SITE')[0].Paths).toEqual(paths)
    expect(cf.billing()).toMatchObject({ paths: 7, files: 7 })
    // Matching is by the path as sent: the same file encoded differently is a different batch.
    await invalidate(['/a b.html'], 'two')
    expect(await failure(invalidate(['/a%20b.html'], 'two'))).toMatchObject({
      name: 'InvalidationBatchAlreadyExists',
    })
  })
})

describe('cloudfront scripting', () => {
  it('bills every path, wildcard and tag as one, with 1,000 free paths a month across the account', async () => {
    cf.seedDistribution({ id: 'E2OTHER' })
    await invalidate(files(600))
    await invalidate([...files(499, '/g'), '/*'], 'r1', 'E2OTHER')
    await invalidate(files(1, '/h'), 'r2', 'E2OTHER')
    expect(cf.billing({ distributionId: 'E1SITE' })).toMatchObject({
      paths: 600,
      accountPaths: 1101,
      freePathsLeft: 0,
      chargeablePaths: 101,
    })
    expect(cf.billing({ distributionId: 'E2OTHER' })).toMatchObject({ paths: 501, files: 500, wildcards: 1 })
    expect(cf.billing({ month: '1999-01' })).toMatchObject({ paths: 0, freePathsLeft: 1000 })
  })

  it('is reachable over HTTP for another process', async () => {
    const call = (method: string, args: unknown[]) =>
      rawRequest(aws.url, {
        method: 'POST',
        path: `/_aws-local/services/cloudfront/${method}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      })
    await call('seedDistribution', [{ id: 'E7HTTP', cacheTagConfig: { HeaderName: 'x-tags' } }])
    await call('setLimits', [{ maxPathsInProgress: 1 }])
    const seeded = await call('seedInvalidation', [{ distributionId: 'E7HTTP', paths: ['/busy'] }])
    expect(JSON.parse(seeded.body).result).toMatchObject({ Status: 'InProgress', Paths: ['/busy'], files: 1 })
    expect(await failure(invalidate(['#x'], 'r', 'E7HTTP'))).toMatchObject({
      name: 'TooManyInvalidationsInProgress',
    })
    const listed = await call('listInvalidations', ['E7HTTP'])
    expect(JSON.parse(listed.body).result.map((i: { Paths: string[] }) => i.Paths)).toEqual([['/busy']])
  })
})
