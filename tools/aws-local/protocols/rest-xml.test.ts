import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
  ListInvalidationsCommand,
  NoSuchDistribution,
  NoSuchInvalidation,
  TooManyInvalidationsInProgress,
} from '@aws-sdk/client-cloudfront'
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  CreateMultipartUploadCommand,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { checksum } from '../checksums'
import { startAwsLocal, type AwsLocal } from '../index'
import { authFor, clientConfig, rawRequest } from '../test-helpers'

let aws: AwsLocal
let s3: S3Client
let cloudfront: CloudFrontClient

beforeAll(async () => {
  aws = await startAwsLocal()
  s3 = new S3Client({ ...clientConfig(aws), forcePathStyle: true })
  cloudfront = new CloudFrontClient(clientConfig(aws))
})
afterAll(async () => {
  s3.destroy()
  cloudfront.destroy()
  await aws.close()
})
beforeEach(() => aws.reset())

describe('rest-xml protocol: S3', () => {
  it('stores exact bytes with metadata, an MD5 ETag and the SDK checksum, and reads them back', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'site' }))
    const body = Buffer.from('hello, wörld\n'.repeat(100))
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'site',
        Key: 'assets/app v1.js',
        Body: body,
        ContentType: 'text/javascript',
        CacheControl: 'max-age=60',
        Metadata: { release: 'v1' },
      }),
    )
    const md5 = createHash('md5').update(body).digest('hex')
    expect(put.ETag).toBe(`"${md5}"`)
    expect(put.ChecksumCRC32).toBe(checksum('CRC32', body))

    const input = aws.callsOf('s3', 'PutObject')[0].input!
    expect(input).toMatchObject({
      Bucket: 'site',
      Key: 'assets/app v1.js',
      ContentType: 'text/javascript',
      CacheControl: 'max-age=60',
      Metadata: { release: 'v1' },
    })
    expect(Buffer.compare(input.Body as Buffer, body)).toBe(0)
    expect(aws.service('s3').getObject('site', 'assets/app v1.js')?.body.equals(body)).toBe(true)

    const got = await s3.send(new GetObjectCommand({ Bucket: 'site', Key: 'assets/app v1.js' }))
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true)
    expect(got).toMatchObject({
      ContentType: 'text/javascript',
      CacheControl: 'max-age=60',
      ETag: `"${md5}"`,
      Metadata: { release: 'v1' },
    })
    expect(got.LastModified).toBeInstanceOf(Date)

    const head = await s3.send(new HeadObjectCommand({ Bucket: 'site', Key: 'assets/app v1.js' }))
    expect(head.ContentLength).toBe(body.length)
  })

  it('decodes the aws-chunked stream with a trailing checksum that the SDK sends for a stream body', async () => {
    aws.service('s3').createBucket('b')
    const parts = [Buffer.alloc(70_000, 1), Buffer.from('tail\r\n0\r\n'), Buffer.alloc(3, 2)]
    const body = Buffer.concat(parts)
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'stream',
        Body: Readable.from(parts),
        ContentLength: body.length,
      }),
    )
    expect(put.ChecksumCRC32).toBe(checksum('CRC32', body))
    expect(aws.service('s3').getObject('b', 'stream')?.body.equals(body)).toBe(true)
  })

  it('answers a range with 206 and the exact slice', async () => {
    aws.service('s3').createBucket('b')
    aws.service('s3').putObject('b', 'k', '0123456789')
    const got = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', Range: 'bytes=2-5' }))
    expect(await got.Body!.transformToString()).toBe('2345')
    expect(got.ContentRange).toBe('bytes 2-5/10')
    expect(got.ContentLength).toBe(4)
    expect(got.$metadata.httpStatusCode).toBe(206)
    const tail = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', Range: 'bytes=-3' }))
    expect(await tail.Body!.transformToString()).toBe('789')
  })

  it('maps errors to the SDK classes: NoSuchKey, NoSuchBucket, NotFound on HEAD', async () => {
    aws.service('s3').createBucket('b')
    await expect(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'missing' }))).rejects.toBeInstanceOf(
      NoSuchKey,
    )
    await expect(s3.send(new GetObjectCommand({ Bucket: 'nope', Key: 'k' }))).rejects.toBeInstanceOf(
      NoSuchBucket,
    )
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'missing' }))).rejects.toBeInstanceOf(
      NotFound,
    )
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'nope' }))).rejects.toBeInstanceOf(NotFound)
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'b' }))).resolves.toBeDefined()
  })

  it('lists with prefix, delimiter, MaxKeys and continuation tokens', async () => {
    const store = aws.service('s3')
    store.createBucket('b')
    for (const key of ['a/1', 'a/2', 'b/1', 'c', 'd', 'e']) store.putObject('b', key, key)
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: 'b', Delimiter: '/', MaxKeys: 2, ContinuationToken: token }),
      )
      seen.push(
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
        ...(page.Contents ?? []).map((c) => c.Key!),
      )
      token = page.NextContinuationToken
      expect(page.KeyCount).toBeLessThanOrEqual(2)
      pages += 1
    } while (token)
    expect(pages).toBe(3)
    expect(seen.sort()).toEqual(['a/', 'b/', 'c', 'd', 'e'])

    const prefixed = await s3.send(new ListObjectsV2Command({ Bucket: 'b', Prefix: 'a/' }))
    expect(prefixed.Contents?.map((c) => [c.Key, c.Size])).toEqual([
      ['a/1', 3],
      ['a/2', 3],
    ])
    expect(prefixed.IsTruncated).toBe(false)
  })

  it('copies and deletes objects', async () => {
    const store = aws.service('s3')
    store.createBucket('b')
    store.putObject('b', 'src/x y', 'payload', { contentType: 'text/plain' })
    const copy = await s3.send(new CopyObjectCommand({ Bucket: 'b', Key: 'dst', CopySource: 'b/src/x%20y' }))
    expect(copy.CopyObjectResult?.ETag).toBe(`"${createHash('md5').update('payload').digest('hex')}"`)
    expect(aws.callsOf('s3', 'CopyObject')[0].input).toMatchObject({ CopySource: 'b/src/x%20y', Key: 'dst' })
    expect(store.getObject('b', 'dst')?.body.toString()).toBe('payload')
    await s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: 'src/x y' }))
    expect(store.listKeys('b')).toEqual(['dst'])
  })

  it('uploads ~12 MiB through lib-storage multipart with checksums verified', async () => {
    aws.service('s3').createBucket('artifacts')
    const body = Buffer.alloc(12 * 1024 * 1024 + 123)
    for (let i = 0; i < body.length; i++) body[i] = (i * 31 + (i >> 10)) & 0xff
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'artifacts', Key: 'release/app.tar.gz', Body: body },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    })
    const result = await upload.done()
    const parts = aws.callsOf('s3', 'UploadPart')
    expect(parts).toHaveLength(3)
    expect(parts.every((c) => c.status === 200)).toBe(true)
    expect(aws.callsOf('s3', 'CompleteMultipartUpload')[0].status).toBe(200)
    const stored = aws.service('s3').getObject('artifacts', 'release/app.tar.gz')!
    expect(stored.body.equals(body)).toBe(true)
    const md5s = [0, 1, 2].map((i) =>
      createHash('md5')
        .update(body.subarray(i * 5 * 1024 * 1024, (i + 1) * 5 * 1024 * 1024))
        .digest(),
    )
    const etag = `"${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-3"`
    expect(result.ETag).toBe(etag)
    expect(stored.etag).toBe(etag)
    expect(aws.service('s3').pendingUploads()).toEqual([])

    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'artifacts', Key: 'release/app.tar.gz', ChecksumMode: 'ENABLED' }),
    )
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true)
  })

  it('lists the parts of an upload in progress', async () => {
    aws.service('s3').createBucket('b')
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'k' }))
    await rawRequest(aws.url, {
      method: 'PUT',
      path: `/b/k?partNumber=1&uploadId=${encodeURIComponent(UploadId!)}`,
      headers: { authorization: authFor('s3') },
      body: 'part-one',
    })
    const listed = await s3.send(new ListPartsCommand({ Bucket: 'b', Key: 'k', UploadId }))
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([
      [1, 8, `"${createHash('md5').update('part-one').digest('hex')}"`],
    ])
  })

  it('rejects a Content-MD5 or checksum that does not match the bytes with BadDigest', async () => {
    aws.service('s3').createBucket('b')
    const wrongMd5 = createHash('md5').update('other').digest('base64')
    const md5Error = await s3
      .send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'data', ContentMD5: wrongMd5 }))
      .catch((e: unknown) => e)
    expect((md5Error as S3ServiceException).name).toBe('BadDigest')
    const response = await rawRequest(aws.url, {
      method: 'PUT',
      path: '/b/k',
      headers: {
        authorization: authFor('s3'),
        'x-amz-checksum-crc32': checksum('CRC32', Buffer.from('other')),
      },
      body: 'data',
    })
    expect(response.status).toBe(400)
    expect(response.body).toContain('<Code>BadDigest</Code>')
    expect(response.body).toContain('The CRC32 you specified did not match the calculated checksum.')
    expect(aws.service('s3').getObject('b', 'k')).toBeUndefined()
  })

  it('decodes an aws-chunked body with a trailing checksum exactly', async () => {
    aws.service('s3').createBucket('b')
    const data = Buffer.from('chunked payload\r\nwith CRLF inside')
    const framed = Buffer.concat([
      Buffer.from(`10\r\n`),
      data.subarray(0, 16),
      Buffer.from(`\r\n${(data.length - 16).toString(16)}\r\n`),
      data.subarray(16),
      Buffer.from(`\r\n0\r\nx-amz-checksum-crc32:${checksum('CRC32', data)}\r\n\r\n`),
    ])
    const response = await rawRequest(aws.url, {
      method: 'PUT',
      path: '/b/chunked',
      headers: {
        authorization: authFor('s3'),
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': String(data.length),
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body: framed,
    })
    expect(response.status).toBe(200)
    expect(response.headers['x-amz-checksum-crc32']).toBe(checksum('CRC32', data))
    const stored = aws.service('s3').getObject('b', 'chunked')!
    expect(stored.body.equals(data)).toBe(true)
    expect(stored.headers.ContentEncoding).toBeUndefined()
  })

  it('rejects a query value of the wrong type with InvalidArgument', async () => {
    aws.service('s3').createBucket('b')
    const response = await rawRequest(aws.url, {
      path: '/b?list-type=2&max-keys=lots',
      headers: { authorization: authFor('s3') },
    })
    expect(response.status).toBe(400)
    expect(response.body).toContain('<Code>InvalidArgument</Code>')
    expect(response.body).toContain('<ArgumentName>max-keys</ArgumentName>')
  })

  it('accepts virtual-hosted requests on *.localhost', async () => {
    aws.service('s3').createBucket('vh')
    aws.service('s3').putObject('vh', 'index.html', '<html/>')
    const port = new URL(aws.url).port
    const response = await rawRequest(aws.url, {
      path: '/index.html',
      headers: { host: `vh.localhost:${port}`, authorization: authFor('s3') },
    })
    expect(response.status).toBe(200)
    expect(response.body).toBe('<html/>')
  })
})

describe('rest-xml protocol: CloudFront', () => {
  it('returns a seeded distribution with its ETag', async () => {
    const seeded = aws
      .service('cloudfront')
      .seedDistribution({ id: 'E2EXAMPLE', aliases: ['www.example.com'] })
    const out = await cloudfront.send(new GetDistributionCommand({ Id: 'E2EXAMPLE' }))
    expect(aws.callsOf('cloudfront', 'GetDistribution')[0].input).toEqual({ Id: 'E2EXAMPLE' })
    expect(out.ETag).toBe(seeded.ETag)
    expect(out.Distribution).toMatchObject({
      Id: 'E2EXAMPLE',
      Status: 'Deployed',
      DomainName: 'e2example.cloudfront.net',
      InProgressInvalidationBatches: 0,
      DistributionConfig: { Aliases: { Quantity: 1, Items: ['www.example.com'] }, Enabled: true },
    })
  })

  it('creates an invalidation that completes after the scripted number of polls', async () => {
    aws.service('cloudfront').seedDistribution({ id: 'E1' })
    aws.service('cloudfront').setInvalidationPlan({ afterPolls: 2 })
    const created = await cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: 'E1',
        InvalidationBatch: {
          CallerReference: 'release-1',
          Paths: { Quantity: 2, Items: ['/index.html', '/assets/*'] },
        },
      }),
    )
    expect(created.$metadata.httpStatusCode).toBe(201)
    expect(created.Invalidation?.Status).toBe('InProgress')
    expect(created.Location).toBe(
      `https://cloudfront.amazonaws.com/2020-05-31/distribution/E1/invalidation/${created.Invalidation?.Id}`,
    )
    expect(aws.callsOf('cloudfront', 'CreateInvalidation')[0].input).toEqual({
      DistributionId: 'E1',
      InvalidationBatch: {
        CallerReference: 'release-1',
        Paths: { Quantity: 2, Items: ['/index.html', '/assets/*'] },
      },
    })
    const statuses: string[] = []
    for (let i = 0; i < 3; i++) {
      const got = await cloudfront.send(
        new GetInvalidationCommand({ DistributionId: 'E1', Id: created.Invalidation!.Id }),
      )
      statuses.push(got.Invalidation!.Status!)
    }
    expect(statuses).toEqual(['InProgress', 'InProgress', 'Completed'])
    const list = await cloudfront.send(new ListInvalidationsCommand({ DistributionId: 'E1' }))
    expect(list.InvalidationList).toMatchObject({
      Quantity: 1,
      IsTruncated: false,
      Items: [{ Id: created.Invalidation!.Id, Status: 'Completed' }],
    })
  })

  it('completes invalidations with clock time too', async () => {
    aws.service('cloudfront').seedDistribution({ id: 'E1' })
    aws.service('cloudfront').setInvalidationPlan({ afterMs: 60_000 })
    const created = await cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: 'E1',
        InvalidationBatch: { CallerReference: 'r', Paths: { Quantity: 1, Items: ['/*'] } },
      }),
    )
    aws.clock.advance(61_000)
    const got = await cloudfront.send(
      new GetInvalidationCommand({ DistributionId: 'E1', Id: created.Invalidation!.Id }),
    )
    expect(got.Invalidation?.Status).toBe('Completed')
  })

  it('maps errors to the SDK classes and enforces the in-progress limits', async () => {
    await expect(cloudfront.send(new GetDistributionCommand({ Id: 'EMISSING' }))).rejects.toBeInstanceOf(
      NoSuchDistribution,
    )
    aws.service('cloudfront').seedDistribution({ id: 'E1' })
    await expect(
      cloudfront.send(new GetInvalidationCommand({ DistributionId: 'E1', Id: 'INOPE' })),
    ).rejects.toBeInstanceOf(NoSuchInvalidation)
    aws.service('cloudfront').limits.maxWildcardsInProgress = 1
    aws.service('cloudfront').setInvalidationPlan({ afterPolls: 5 })
    const batch = (ref: string) => ({
      DistributionId: 'E1',
      InvalidationBatch: { CallerReference: ref, Paths: { Quantity: 1, Items: ['/*'] } },
    })
    await cloudfront.send(new CreateInvalidationCommand(batch('one')))
    await expect(cloudfront.send(new CreateInvalidationCommand(batch('two')))).rejects.toBeInstanceOf(
      TooManyInvalidationsInProgress,
    )
  })

  it('answers errors in the CloudFront ErrorResponse document', async () => {
    const response = await rawRequest(aws.url, {
      path: '/2020-05-31/distribution/EMISSING',
      headers: { authorization: authFor('cloudfront') },
    })
    expect(response.status).toBe(404)
    expect(response.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ErrorResponse xmlns="http:\/\/cloudfront.amazonaws.com\/doc\/2020-05-31\/"><Error><Type>Sender<\/Type><Code>NoSuchDistribution<\/Code><Message>The specified distribution does not exist.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    )
  })

  it('rejects a batch missing its required CallerReference', async () => {
    aws.service('cloudfront').seedDistribution({ id: 'E1' })
    const response = await rawRequest(aws.url, {
      method: 'POST',
      path: '/2020-05-31/distribution/E1/invalidation',
      headers: { authorization: authFor('cloudfront'), 'content-type': 'application/xml' },
      body: '<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths></InvalidationBatch>',
    })
    expect(response.status).toBe(400)
    expect(response.body).toContain('<Code>MalformedInput</Code>')
    expect(aws.service('cloudfront').listInvalidations('E1')).toEqual([])
  })
})
