import { createHash } from 'node:crypto'
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  AbortMultipartUploadCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { checksum } from '../checksums'
import { requireModelShape } from '../features'
import { startAwsLocal, type AwsLocal } from '../index'
import { authFor, clientConfig, failure, rawRequest } from '../test-helpers'

let aws: AwsLocal
let s3: S3Client

const MiB = 1024 * 1024
const md5 = (data: string | Buffer) => `"${createHash('md5').update(data).digest('hex')}"`

beforeAll(async () => {
  // Conditional writes and full-object checksums are members of the newer S3 models only.
  requireModelShape('s3', [
    'PutObjectRequest.IfMatch',
    'PutObjectRequest.IfNoneMatch',
    'CompleteMultipartUploadRequest.ChecksumCRC64NVME',
  ])
  aws = await startAwsLocal()
  // One attempt: the SDK would retry a 5xx, and these tests look at each answer.
  s3 = new S3Client({ ...clientConfig(aws), forcePathStyle: true, maxAttempts: 1 })
})
afterAll(async () => {
  s3.destroy()
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.service('s3').createBucket('b')
})

const put = (Key: string, Body: string, extra: Record<string, string> = {}) =>
  s3.send(new PutObjectCommand({ Bucket: 'b', Key, Body, ...extra }))

describe('s3 conditional writes', () => {
  it('If-None-Match: * writes a new key and answers 412 when the key exists', async () => {
    const created = await put('pointer', 'v1', { IfNoneMatch: '*' })
    expect(created.ETag).toBe(md5('v1'))
    const error = await failure(put('pointer', 'v2', { IfNoneMatch: '*' }))
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual([
      'PreconditionFailed',
      412,
      'At least one of the pre-conditions you specified did not hold',
    ])
    expect(aws.service('s3').getObject('b', 'pointer')?.body.toString()).toBe('v1')
  })

  it('answers If-None-Match with anything but * with 501 NotImplemented, as S3 does', async () => {
    await put('pointer', 'v1')
    const error = await failure(put('pointer', 'v2', { IfNoneMatch: md5('v1') }))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NotImplemented', 501])
    expect(aws.service('s3').getObject('b', 'pointer')?.body.toString()).toBe('v1')
  })

  it('If-Match writes while the ETag is current, answers 412 once it moved and 404 without the key', async () => {
    const first = await put('pointer', 'v1')
    const second = await put('pointer', 'v2', { IfMatch: first.ETag! })
    expect(second.ETag).toBe(md5('v2'))
    const stale = await failure(put('pointer', 'v3', { IfMatch: first.ETag! }))
    expect([stale.name, stale.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412])
    const missing = await failure(put('absent', 'v1', { IfMatch: first.ETag! }))
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404])
    expect(aws.service('s3').getObject('b', 'pointer')?.body.toString()).toBe('v2')
    expect(aws.service('s3').getObject('b', 'absent')).toBeUndefined()
  })

  it('evaluates the conditions of CompleteMultipartUpload when it completes', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'big' }))
    const part = await s3.send(
      new UploadPartCommand({ Bucket: 'b', Key: 'big', UploadId, PartNumber: 1, Body: 'only part' }),
    )
    // Someone else writes the key while the upload runs (S3 User Guide, "Conditional write scenarios").
    await put('big', 'theirs')
    const complete = (condition: Record<string, string>) =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'b',
          Key: 'big',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
          ...condition,
        }),
      )
    expect((await failure(complete({ IfNoneMatch: '*' }))).name).toBe('PreconditionFailed')
    expect((await failure(complete({ IfMatch: md5('mine') }))).name).toBe('PreconditionFailed')
    expect(aws.service('s3').pendingUploads()).toHaveLength(1)
    const done = await complete({ IfMatch: md5('theirs') })
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-1"$/)
    expect(aws.service('s3').getObject('b', 'big')?.body.toString()).toBe('only part')
  })

  it('applies the conditions to CopyObject too', async () => {
    await put('source', 'payload')
    await put('target', 'old')
    const error = await failure(
      s3.send(
        new CopyObjectCommand({ Bucket: 'b', Key: 'target', CopySource: 'b/source', IfNoneMatch: '*' }),
      ),
    )
    expect(error.name).toBe('PreconditionFailed')
    await s3.send(
      new CopyObjectCommand({ Bucket: 'b', Key: 'target', CopySource: 'b/source', IfMatch: md5('old') }),
    )
    expect(aws.service('s3').getObject('b', 'target')?.body.toString()).toBe('payload')
  })
})

describe('s3 ConditionalRequestConflict', () => {
  it('answers the next conditional write to the key 409 once, leaving other writes alone', async () => {
    const first = await put('pointer', 'v1')
    aws.service('s3').conflictNextConditionalWrite('b', 'pointer')
    await put('other', 'x', { IfNoneMatch: '*' })
    const error = await failure(put('pointer', 'v2', { IfMatch: first.ETag! }))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['ConditionalRequestConflict', 409])
    expect(aws.service('s3').getObject('b', 'pointer')?.body.toString()).toBe('v1')
    // The retry S3 advises then goes through.
    const retried = await put('pointer', 'v2', { IfMatch: first.ETag! })
    expect(retried.ETag).toBe(md5('v2'))
  })

  it('is scripted over HTTP too, and ends a conflicting multipart upload', async () => {
    const scripted = await rawRequest(aws.url, {
      method: 'POST',
      path: '/_aws-local/services/s3/conflictNextConditionalWrite',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(['b', 'big', { times: 1 }]),
    })
    expect(scripted.status).toBe(200)
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'big' }))
    const part = await s3.send(
      new UploadPartCommand({ Bucket: 'b', Key: 'big', UploadId, PartNumber: 1, Body: 'part' }),
    )
    const complete = () =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'b',
          Key: 'big',
          UploadId,
          IfNoneMatch: '*',
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      )
    const error = await failure(complete())
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['ConditionalRequestConflict', 409])
    // "The entire multipart upload must be re-initiated with CreateMultipartUpload".
    expect((await failure(complete())).name).toBe('NoSuchUpload')
    expect(aws.service('s3').getObject('b', 'big')).toBeUndefined()
  })
})

describe('s3 full-object checksums', () => {
  /** A body of `size` bytes that differs from part to part. */
  const bodyOf = (size: number) => {
    const body = Buffer.alloc(size)
    for (let i = 0; i < size; i++) body[i] = (i * 31 + (i >> 12)) & 0xff
    return body
  }

  /**
   * lib-storage's Upload, sending the whole object's CRC64NVME with CompleteMultipartUpload only
   * (its parameters go to every call, and each part carries its own checksum).
   */
  async function uploadFullObject(key: string, body: Buffer, fullObjectCrc: string) {
    const name = `fullObjectChecksum-${key}`
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'CompleteMultipartUploadCommand')
          (args.input as { ChecksumCRC64NVME?: string }).ChecksumCRC64NVME = fullObjectCrc
        return next(args)
      },
      { step: 'initialize', name },
    )
    try {
      return await new Upload({
        client: s3,
        params: {
          Bucket: 'b',
          Key: key,
          Body: body,
          ChecksumAlgorithm: 'CRC64NVME',
          ChecksumType: 'FULL_OBJECT',
        },
        partSize: 5 * MiB,
        queueSize: 2,
      }).done()
    } finally {
      s3.middlewareStack.remove(name)
    }
  }

  it('accepts a multipart upload whose full-object CRC64NVME matches, and answers it', async () => {
    const body = bodyOf(10 * MiB + 4321)
    const crc = checksum('CRC64NVME', body)
    const result = await uploadFullObject('release.tar.gz', body, crc)
    expect(result).toMatchObject({ ChecksumCRC64NVME: crc, ChecksumType: 'FULL_OBJECT' })
    expect(aws.callsOf('s3', 'CreateMultipartUpload')[0].input).toMatchObject({
      ChecksumAlgorithm: 'CRC64NVME',
      ChecksumType: 'FULL_OBJECT',
    })
    // Two parts go up at once (queueSize 2): in the order of their numbers, not of their arrival.
    const parts = aws
      .callsOf('s3', 'UploadPart')
      .sort((a, b) => Number(a.input?.PartNumber) - Number(b.input?.PartNumber))
    expect(parts.map((c) => c.input?.ChecksumCRC64NVME)).toEqual([
      checksum('CRC64NVME', body.subarray(0, 5 * MiB)),
      checksum('CRC64NVME', body.subarray(5 * MiB, 10 * MiB)),
      checksum('CRC64NVME', body.subarray(10 * MiB)),
    ])
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: 'b', Key: 'release.tar.gz', ChecksumMode: 'ENABLED' }),
    )
    expect([head.ChecksumCRC64NVME, head.ChecksumType, head.ContentLength]).toEqual([
      crc,
      'FULL_OBJECT',
      body.length,
    ])
    // The stand-in joins the parts only when the body is first read: HEAD and List give the size before.
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'b' }))
    expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([['release.tar.gz', body.length]])
    // The SDK checks the full-object checksum of what it downloads.
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'b', Key: 'release.tar.gz', ChecksumMode: 'ENABLED' }),
    )
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true)
  })

  it('rejects a full-object CRC64NVME that does not match with BadDigest, and stores nothing', async () => {
    const body = bodyOf(10 * MiB + 4321)
    const wrong = checksum('CRC64NVME', Buffer.from('something else'))
    const error = await failure(uploadFullObject('release.tar.gz', body, wrong))
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual([
      'BadDigest',
      400,
      'The CRC64NVME you specified did not match the calculated checksum.',
    ])
    expect(aws.service('s3').getObject('b', 'release.tar.gz')).toBeUndefined()
    expect(aws.service('s3').pendingUploads()).toEqual([])
  })

  it('checks the checksum type and algorithm of CreateMultipartUpload as S3 does', async () => {
    const create = (input: Record<string, string>) =>
      s3.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'k', ...input }))
    expect((await create({ ChecksumAlgorithm: 'CRC64NVME' })).ChecksumType).toBe('FULL_OBJECT')
    expect((await create({ ChecksumAlgorithm: 'CRC32' })).ChecksumType).toBe('COMPOSITE')
    expect((await create({ ChecksumAlgorithm: 'CRC32C', ChecksumType: 'FULL_OBJECT' })).ChecksumType).toBe(
      'FULL_OBJECT',
    )
    const refusals = await Promise.all([
      failure(create({ ChecksumAlgorithm: 'SHA256', ChecksumType: 'FULL_OBJECT' })),
      failure(create({ ChecksumAlgorithm: 'CRC64NVME', ChecksumType: 'COMPOSITE' })),
      failure(create({ ChecksumType: 'FULL_OBJECT' })),
    ])
    expect(refusals.map((e) => [e.name, e.message])).toEqual([
      ['InvalidRequest', 'The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm.'],
      ['InvalidRequest', 'The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.'],
      [
        'InvalidRequest',
        'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.',
      ],
    ])
  })

  it('checks the type, the size and the part checksums CompleteMultipartUpload sends', async () => {
    const start = async (algorithm: 'CRC32' | 'CRC64NVME') => {
      const { UploadId } = await s3.send(
        new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'k', ChecksumAlgorithm: algorithm }),
      )
      const part = await s3.send(
        new UploadPartCommand({
          Bucket: 'b',
          Key: 'k',
          UploadId,
          PartNumber: 1,
          Body: 'data',
          ChecksumAlgorithm: algorithm,
        }),
      )
      return { UploadId, part }
    }
    const full = await start('CRC64NVME')
    const completeFull = (extra: Record<string, unknown>) =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'b',
          Key: 'k',
          UploadId: full.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: full.part.ETag }] },
          ...extra,
        }),
      )
    const type = await failure(completeFull({ ChecksumType: 'COMPOSITE' }))
    expect(type.name).toBe('BadDigest')
    const size = await failure(completeFull({ MpuObjectSize: 5 }))
    expect(size.name).toBe('InvalidRequest')
    const done = await completeFull({ ChecksumType: 'FULL_OBJECT', MpuObjectSize: 4 })
    expect(done.ChecksumCRC64NVME).toBe(checksum('CRC64NVME', Buffer.from('data')))

    const composite = await start('CRC32')
    const missing = await failure(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'b',
          Key: 'k',
          UploadId: composite.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: composite.part.ETag }] },
        }),
      ),
    )
    expect([missing.name, missing.message]).toEqual([
      'InvalidRequest',
      'The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.',
    ])
    const partCrc = checksum('CRC32', Buffer.from('data'))
    const completed = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'b',
        Key: 'k',
        UploadId: composite.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: composite.part.ETag, ChecksumCRC32: partCrc }] },
      }),
    )
    expect([completed.ChecksumType, completed.ChecksumCRC32]).toEqual([
      'COMPOSITE',
      `${checksum('CRC32', Buffer.from(partCrc, 'base64'))}-1`,
    ])
  })

  it("gives an object uploaded without a checksum S3's default full-object CRC64NVME", async () => {
    const response = await rawRequest(aws.url, {
      method: 'PUT',
      path: '/b/plain',
      headers: { authorization: authFor('s3') },
      body: 'no checksum sent',
    })
    expect(response.status).toBe(200)
    const crc = checksum('CRC64NVME', Buffer.from('no checksum sent'))
    expect([response.headers['x-amz-checksum-crc64nvme'], response.headers['x-amz-checksum-type']]).toEqual([
      crc,
      'FULL_OBJECT',
    ])
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'plain', ChecksumMode: 'ENABLED' }))
    expect([head.ChecksumCRC64NVME, head.ChecksumType]).toEqual([crc, 'FULL_OBJECT'])
  })
})

describe('s3 ListMultipartUploads', () => {
  it('lists the uploads in progress of a bucket by key, under a prefix, and forgets aborted ones', async () => {
    const create = (Key: string) =>
      s3.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key, ChecksumAlgorithm: 'CRC32' }))
    const second = await create('releases/b')
    const first = await create('releases/a')
    await create('other')
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'b', Prefix: 'releases/' }))
    expect(listed.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([
      ['releases/a', first.UploadId],
      ['releases/b', second.UploadId],
    ])
    expect(listed.IsTruncated).toBe(false)
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket: 'b', Key: 'releases/a', UploadId: first.UploadId }),
    )
    const after = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'b' }))
    expect(after.Uploads?.map((u) => u.Key)).toEqual(['other', 'releases/b'])
    expect(
      aws
        .service('s3')
        .pendingUploads()
        .map((u) => u.key)
        .sort(),
    ).toEqual(['other', 'releases/b'])
  })

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(s3.send(new ListMultipartUploadsCommand({ Bucket: 'missing' })))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404])
  })
})
