// S3: buckets, objects (exact bytes, ETags, flexible checksums), listing, copy and multipart uploads.
import { randomBytes } from 'node:crypto'
import {
  CHECKSUM_ALGORITHMS,
  checksum,
  checksumHeader,
  digest,
  md5,
  type ChecksumAlgorithm,
} from '../checksums'
import { AwsError } from '../errors'
import type { CallContext, Handler, Input, ServiceEnv } from '../types'

type Checksums = Partial<Record<ChecksumAlgorithm, string>>

/** The stored headers of an object (member names of PutObjectRequest). */
const STORED_HEADERS = [
  'ContentType',
  'CacheControl',
  'ContentDisposition',
  'ContentEncoding',
  'ContentLanguage',
  'Expires',
  'StorageClass',
  'WebsiteRedirectLocation',
  'ServerSideEncryption',
] as const
type StoredHeaders = Partial<Record<(typeof STORED_HEADERS)[number], unknown>>

export interface S3Object {
  key: string
  body: Buffer
  /** In quotes, as S3 sends it. */
  etag: string
  lastModified: Date
  metadata: Record<string, string>
  headers: StoredHeaders
  checksums: Checksums
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE'
  partsCount?: number
}

interface Part {
  partNumber: number
  body: Buffer
  etag: string
  lastModified: Date
  checksums: Checksums
}

interface Upload {
  uploadId: string
  bucket: string
  key: string
  initiated: Date
  metadata: Record<string, string>
  headers: StoredHeaders
  checksumAlgorithm?: ChecksumAlgorithm
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE'
  parts: Map<number, Part>
}

interface Bucket {
  name: string
  created: Date
  region: string
  objects: Map<string, S3Object>
}

const MIN_PART_SIZE = 5 * 1024 * 1024
const MEMBER_OF: Record<ChecksumAlgorithm, string> = {
  CRC32: 'ChecksumCRC32',
  CRC32C: 'ChecksumCRC32C',
  CRC64NVME: 'ChecksumCRC64NVME',
  SHA1: 'ChecksumSHA1',
  SHA256: 'ChecksumSHA256',
}
const DIGEST_LENGTH: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
}

function quoteEtag(hex: string): string {
  return `"${hex}"`
}

function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, '')
}

function noSuchBucket(bucket: string): AwsError {
  return new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket })
}

function noSuchUpload(uploadId: string): AwsError {
  return new AwsError(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: uploadId },
  )
}

/** Checksum members for output; CRC64NVME (newer than some models) also goes out as a raw header. */
function checksumOutput(checksums: Checksums, ctx: CallContext, type?: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [algorithm, value] of Object.entries(checksums) as [ChecksumAlgorithm, string][]) {
    out[MEMBER_OF[algorithm]] = value
    if (algorithm === 'CRC64NVME') ctx.responseHeaders[checksumHeader(algorithm)] = value
  }
  if (type && Object.keys(checksums).length) ctx.responseHeaders['x-amz-checksum-type'] = type
  return out
}

/**
 * Verifies Content-MD5 and every x-amz-checksum-* value sent (as a header or an aws-chunked
 * trailer) against the bytes received, as S3 does; returns the checksums to store.
 */
function verifyUpload(input: Input, ctx: CallContext, body: Buffer): Checksums {
  const contentMd5 = input.ContentMD5 as string | undefined
  if (contentMd5 !== undefined) {
    const expected = Buffer.from(contentMd5, 'base64')
    if (expected.length !== 16 || expected.toString('base64') !== contentMd5)
      throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, {
        'Content-MD5': contentMd5,
      })
    if (!expected.equals(md5(body)))
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
        ExpectedDigest: contentMd5,
        CalculatedDigest: md5(body).toString('base64'),
      })
  }
  const checksums: Checksums = {}
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const header = checksumHeader(algorithm)
    const sent = ctx.request.headers[header]
    if (sent === undefined) continue
    if (Buffer.from(sent, 'base64').length !== DIGEST_LENGTH[algorithm])
      throw new AwsError('InvalidRequest', `Value for ${header} header is invalid.`)
    if (checksum(algorithm, body) !== sent)
      throw new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`)
    checksums[algorithm] = sent
  }
  const declared = ctx.request.headers['x-amz-trailer']
  if (declared && ctx.request.headers[declared.toLowerCase()] === undefined)
    throw new AwsError('InvalidRequest', `The request declared the trailer ${declared} but did not send it.`)
  const algorithm = (input.ChecksumAlgorithm ?? ctx.request.headers['x-amz-sdk-checksum-algorithm']) as
    ChecksumAlgorithm | undefined
  if (algorithm && CHECKSUM_ALGORITHMS.includes(algorithm) && !checksums[algorithm])
    checksums[algorithm] = checksum(algorithm, body)
  return checksums
}

function storedHeaders(input: Input): StoredHeaders {
  const headers: StoredHeaders = {}
  for (const name of STORED_HEADERS) if (input[name] !== undefined) headers[name] = input[name]
  return headers
}

export class S3Service {
  readonly name = 's3'
  private readonly buckets = new Map<string, Bucket>()
  private readonly uploads = new Map<string, Upload>()

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.buckets.clear()
    this.uploads.clear()
  }

  /** Scripting: creates a bucket (no-op if it exists). */
  createBucket(name: string, region = this.env.region): void {
    if (!this.buckets.has(name))
      this.buckets.set(name, { name, created: this.env.clock.now(), region, objects: new Map() })
  }

  /** Scripting: stores an object as PutObject would. */
  putObject(
    bucket: string,
    key: string,
    body: Buffer | string,
    options: { contentType?: string; metadata?: Record<string, string> } = {},
  ): S3Object {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(body)
    const object: S3Object = {
      key,
      body: data,
      etag: quoteEtag(md5(data).toString('hex')),
      lastModified: this.env.clock.now(),
      metadata: options.metadata ?? {},
      headers: { ContentType: options.contentType ?? 'binary/octet-stream' },
      checksums: {},
    }
    this.bucket(bucket).objects.set(key, object)
    return object
  }

  /** Scripting: an object as stored, if any. */
  getObject(bucket: string, key: string): S3Object | undefined {
    return this.buckets.get(bucket)?.objects.get(key)
  }

  /** Scripting: the keys of a bucket, sorted. */
  listKeys(bucket: string): string[] {
    return [...this.bucket(bucket).objects.keys()].sort()
  }

  /** Scripting: multipart uploads neither completed nor aborted. */
  pendingUploads(): { bucket: string; key: string; uploadId: string }[] {
    return [...this.uploads.values()].map(({ bucket, key, uploadId }) => ({ bucket, key, uploadId }))
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name)
    if (!bucket) throw noSuchBucket(name)
    return bucket
  }

  private object(bucketName: string, key: string): S3Object {
    const object = this.bucket(bucketName).objects.get(key)
    if (!object) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key })
    return object
  }

  private upload(input: Input): Upload {
    const uploadId = input.UploadId as string
    const upload = this.uploads.get(uploadId)
    this.bucket(input.Bucket as string)
    if (!upload || upload.bucket !== input.Bucket || upload.key !== input.Key) throw noSuchUpload(uploadId)
    return upload
  }

  private objectOutput(object: S3Object, input: Input, ctx: CallContext, full: boolean) {
    const out: Record<string, unknown> = {
      ...object.headers,
      ContentType: object.headers.ContentType ?? 'binary/octet-stream',
      ETag: object.etag,
      LastModified: object.lastModified,
      Metadata: Object.keys(object.metadata).length ? object.metadata : undefined,
      AcceptRanges: 'bytes',
      PartsCount: object.partsCount,
    }
    if (object.headers.StorageClass === 'STANDARD') delete out.StorageClass
    if (input.ChecksumMode === 'ENABLED' && full)
      Object.assign(out, checksumOutput(object.checksums, ctx, object.checksumType))
    const overrides: [string, string][] = [
      ['ResponseContentType', 'ContentType'],
      ['ResponseCacheControl', 'CacheControl'],
      ['ResponseContentDisposition', 'ContentDisposition'],
      ['ResponseContentEncoding', 'ContentEncoding'],
      ['ResponseContentLanguage', 'ContentLanguage'],
      ['ResponseExpires', 'Expires'],
    ]
    for (const [from, to] of overrides) if (input[from] !== undefined) out[to] = input[from]
    return out
  }

  /** If-Match / If-None-Match / If-(Un)Modified-Since, as S3 evaluates them. */
  private checkConditions(object: S3Object, input: Input): void {
    const ifMatch = input.IfMatch as string | undefined
    const ifNoneMatch = input.IfNoneMatch as string | undefined
    const matches = (list: string) =>
      list.split(',').some((e) => e.trim() === '*' || unquote(e.trim()) === unquote(object.etag))
    if (ifMatch !== undefined && !matches(ifMatch))
      throw new AwsError(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        412,
        { Condition: 'If-Match' },
      )
    const unmodifiedSince = input.IfUnmodifiedSince as Date | undefined
    if (
      ifMatch === undefined &&
      unmodifiedSince &&
      object.lastModified.getTime() > unmodifiedSince.getTime() + 999
    )
      throw new AwsError(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        412,
        { Condition: 'If-Unmodified-Since' },
      )
    if (ifNoneMatch !== undefined && matches(ifNoneMatch))
      throw new AwsError('NotModified', 'Not Modified', 304)
    const modifiedSince = input.IfModifiedSince as Date | undefined
    if (
      ifNoneMatch === undefined &&
      modifiedSince &&
      object.lastModified.getTime() <= modifiedSince.getTime() + 999
    )
      throw new AwsError('NotModified', 'Not Modified', 304)
  }

  readonly handlers: Record<string, Handler> = {
    ListBuckets: () => ({
      Buckets: [...this.buckets.values()]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((b) => ({ Name: b.name, CreationDate: b.created })),
      Owner: { ID: this.env.accountId, DisplayName: 'aws-local' },
    }),

    CreateBucket: (input, ctx) => {
      const name = input.Bucket as string
      if (
        !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) ||
        name.includes('..') ||
        /^\d+\.\d+\.\d+\.\d+$/.test(name)
      )
        throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, {
          BucketName: name,
        })
      const constraint = (input.CreateBucketConfiguration as { LocationConstraint?: string } | undefined)
        ?.LocationConstraint
      const region = constraint || 'us-east-1'
      if (region !== ctx.region && !(ctx.region === 'us-east-1' && !constraint))
        throw new AwsError(
          'IllegalLocationConstraintException',
          `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        )
      // us-east-1 answers 200 to re-creating a bucket you own; other regions say BucketAlreadyOwnedByYou.
      if (this.buckets.has(name) && ctx.region !== 'us-east-1')
        throw new AwsError(
          'BucketAlreadyOwnedByYou',
          'Your previous request to create the named bucket succeeded and you already own it.',
          409,
          { BucketName: name },
        )
      this.createBucket(name, ctx.region)
      return { Location: `/${name}` }
    },

    HeadBucket: (input, ctx) => {
      const bucket = this.buckets.get(input.Bucket as string)
      if (!bucket) throw new AwsError('NotFound', 'Not Found', 404)
      ctx.responseHeaders['x-amz-bucket-region'] = bucket.region
      return {}
    },

    DeleteBucket: (input) => {
      const bucket = this.bucket(input.Bucket as string)
      if (bucket.objects.size)
        throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
          BucketName: bucket.name,
        })
      this.buckets.delete(bucket.name)
      return {}
    },

    PutObject: (input, ctx) => {
      const bucket = this.bucket(input.Bucket as string)
      const body = (input.Body as Buffer | undefined) ?? Buffer.alloc(0)
      const checksums = verifyUpload(input, ctx, body)
      const object: S3Object = {
        key: input.Key as string,
        body,
        etag: quoteEtag(md5(body).toString('hex')),
        lastModified: ctx.clock.now(),
        metadata: (input.Metadata as Record<string, string> | undefined) ?? {},
        headers: storedHeaders(input),
        checksums,
        checksumType: Object.keys(checksums).length ? 'FULL_OBJECT' : undefined,
      }
      bucket.objects.set(object.key, object)
      return { ETag: object.etag, ...checksumOutput(checksums, ctx, object.checksumType) }
    },

    GetObject: (input, ctx) => {
      const object = this.object(input.Bucket as string, input.Key as string)
      this.checkConditions(object, input)
      const total = object.body.length
      const range = parseRange(input.Range as string | undefined, total)
      if (range === 'unsatisfiable')
        throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
          RangeRequested: String(input.Range),
          ActualObjectSize: total,
        })
      const out = this.objectOutput(object, input, ctx, !range)
      if (!range) return { ...out, Body: object.body, ContentLength: total }
      ctx.status = 206
      return {
        ...out,
        Body: object.body.subarray(range.start, range.end + 1),
        ContentLength: range.end - range.start + 1,
        ContentRange: `bytes ${range.start}-${range.end}/${total}`,
      }
    },

    HeadObject: (input, ctx) => {
      // A HEAD response has no body, so every failure is known to the SDK by its status alone.
      let object: S3Object
      try {
        object = this.object(input.Bucket as string, input.Key as string)
      } catch (error) {
        if (error instanceof AwsError && error.status === 404)
          throw new AwsError('NotFound', 'Not Found', 404)
        throw error
      }
      this.checkConditions(object, input)
      return { ...this.objectOutput(object, input, ctx, true), ContentLength: object.body.length }
    },

    DeleteObject: (input) => {
      this.bucket(input.Bucket as string).objects.delete(input.Key as string)
      return {}
    },

    ListObjectsV2: (input) => {
      const bucket = this.bucket(input.Bucket as string)
      const prefix = (input.Prefix as string | undefined) ?? ''
      const delimiter = input.Delimiter as string | undefined
      const maxKeys = (input.MaxKeys as number | undefined) ?? 1000
      const token = input.ContinuationToken as string | undefined
      let marker = (input.StartAfter as string | undefined) ?? ''
      if (token !== undefined) {
        const decoded = Buffer.from(token, 'base64').toString('utf8')
        if (!decoded.startsWith('k:'))
          throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
            ArgumentName: 'continuation-token',
            ArgumentValue: token,
          })
        marker = decoded.slice(2)
      }
      const encode =
        input.EncodingType === 'url'
          ? (s: string) => encodeURIComponent(s).replace(/%2F/g, '/')
          : (s: string) => s
      const contents: Record<string, unknown>[] = []
      const prefixes: string[] = []
      let last = ''
      let truncated = false
      for (const key of [...bucket.objects.keys()].sort()) {
        if (!key.startsWith(prefix) || key <= marker) continue
        // A token that ends at a common prefix skips everything under it.
        if (delimiter && marker.endsWith(delimiter) && key.startsWith(marker)) continue
        const at = delimiter ? key.indexOf(delimiter, prefix.length) : -1
        const commonPrefix = at >= 0 ? key.slice(0, at + delimiter!.length) : undefined
        if (commonPrefix && prefixes[prefixes.length - 1] === commonPrefix) continue
        if (contents.length + prefixes.length >= maxKeys) {
          truncated = true
          break
        }
        if (commonPrefix) {
          prefixes.push(commonPrefix)
          last = commonPrefix
          marker = commonPrefix
        } else {
          const object = bucket.objects.get(key)!
          contents.push({
            Key: encode(key),
            LastModified: object.lastModified,
            ETag: object.etag,
            Size: object.body.length,
            StorageClass: (object.headers.StorageClass as string | undefined) ?? 'STANDARD',
            ChecksumAlgorithm: Object.keys(object.checksums).length
              ? Object.keys(object.checksums)
              : undefined,
            Owner:
              input.FetchOwner === true ? { ID: this.env.accountId, DisplayName: 'aws-local' } : undefined,
          })
          last = key
        }
      }
      return {
        Name: bucket.name,
        Prefix: encode(prefix),
        Delimiter: delimiter === undefined ? undefined : encode(delimiter),
        MaxKeys: maxKeys,
        KeyCount: contents.length + prefixes.length,
        IsTruncated: truncated,
        Contents: contents.length ? contents : undefined,
        CommonPrefixes: prefixes.length ? prefixes.map((p) => ({ Prefix: encode(p) })) : undefined,
        ContinuationToken: token,
        NextContinuationToken: truncated ? Buffer.from(`k:${last}`).toString('base64') : undefined,
        StartAfter: input.StartAfter === undefined ? undefined : encode(input.StartAfter as string),
        EncodingType: input.EncodingType,
      }
    },

    CopyObject: (input, ctx) => {
      const source = String(input.CopySource).replace(/^\//, '').split('?')[0]
      const slash = source.indexOf('/')
      if (slash <= 0)
        throw new AwsError('InvalidArgument', 'Invalid copy source object key', 400, {
          ArgumentName: 'x-amz-copy-source',
          ArgumentValue: String(input.CopySource),
        })
      const sourceBucket = decodeURIComponent(source.slice(0, slash))
      const sourceKey = decodeURIComponent(source.slice(slash + 1))
      const target = this.bucket(input.Bucket as string)
      const original = this.object(sourceBucket, sourceKey)
      const replace = input.MetadataDirective === 'REPLACE'
      if (
        sourceBucket === target.name &&
        sourceKey === input.Key &&
        !replace &&
        input.StorageClass === undefined &&
        input.WebsiteRedirectLocation === undefined &&
        input.ServerSideEncryption === undefined
      )
        throw new AwsError(
          'InvalidRequest',
          "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
        )
      const ifMatch = input.CopySourceIfMatch as string | undefined
      if (ifMatch !== undefined && unquote(ifMatch) !== unquote(original.etag))
        throw new AwsError(
          'PreconditionFailed',
          'At least one of the pre-conditions you specified did not hold',
          412,
          {
            Condition: 'x-amz-copy-source-If-Match',
          },
        )
      const copy: S3Object = {
        ...original,
        key: input.Key as string,
        body: Buffer.from(original.body),
        etag: quoteEtag(md5(original.body).toString('hex')),
        lastModified: ctx.clock.now(),
        metadata: replace
          ? ((input.Metadata as Record<string, string> | undefined) ?? {})
          : { ...original.metadata },
        headers: replace
          ? storedHeaders(input)
          : { ...original.headers, ...storedHeaders({ StorageClass: input.StorageClass }) },
        checksums: original.checksumType === 'FULL_OBJECT' ? { ...original.checksums } : {},
        checksumType: original.checksumType === 'FULL_OBJECT' ? 'FULL_OBJECT' : undefined,
        partsCount: undefined,
      }
      target.objects.set(copy.key, copy)
      return {
        CopyObjectResult: {
          ETag: copy.etag,
          LastModified: copy.lastModified,
          ...checksumOutput(copy.checksums, ctx),
        },
      }
    },

    CreateMultipartUpload: (input, ctx) => {
      this.bucket(input.Bucket as string)
      const uploadId = randomBytes(24).toString('base64url')
      const algorithm = input.ChecksumAlgorithm as ChecksumAlgorithm | undefined
      const type = ctx.request.headers['x-amz-checksum-type']
      this.uploads.set(uploadId, {
        uploadId,
        bucket: input.Bucket as string,
        key: input.Key as string,
        initiated: ctx.clock.now(),
        metadata: (input.Metadata as Record<string, string> | undefined) ?? {},
        headers: storedHeaders(input),
        checksumAlgorithm: algorithm,
        checksumType: algorithm ? (type === 'FULL_OBJECT' ? 'FULL_OBJECT' : 'COMPOSITE') : undefined,
        parts: new Map(),
      })
      if (algorithm)
        ctx.responseHeaders['x-amz-checksum-type'] = type === 'FULL_OBJECT' ? 'FULL_OBJECT' : 'COMPOSITE'
      return { Bucket: input.Bucket, Key: input.Key, UploadId: uploadId, ChecksumAlgorithm: algorithm }
    },

    UploadPart: (input, ctx) => {
      const upload = this.upload(input)
      const partNumber = input.PartNumber as number
      if (partNumber < 1 || partNumber > 10000)
        throw new AwsError(
          'InvalidArgument',
          'Part number must be an integer between 1 and 10000, inclusive',
          400,
          {
            ArgumentName: 'partNumber',
            ArgumentValue: partNumber,
          },
        )
      const body = (input.Body as Buffer | undefined) ?? Buffer.alloc(0)
      const checksums = verifyUpload(input, ctx, body)
      if (upload.checksumAlgorithm && !checksums[upload.checksumAlgorithm])
        checksums[upload.checksumAlgorithm] = checksum(upload.checksumAlgorithm, body)
      const part: Part = {
        partNumber,
        body,
        etag: quoteEtag(md5(body).toString('hex')),
        lastModified: ctx.clock.now(),
        checksums,
      }
      upload.parts.set(partNumber, part)
      return { ETag: part.etag, ...checksumOutput(checksums, ctx) }
    },

    CompleteMultipartUpload: (input, ctx) => {
      const upload = this.upload(input)
      const requested =
        (input.MultipartUpload as { Parts?: Record<string, unknown>[] } | undefined)?.Parts ?? []
      if (requested.length === 0)
        throw new AwsError(
          'MalformedXML',
          'The XML you provided was not well-formed or did not validate against our published schema',
        )
      const parts: Part[] = []
      requested.forEach((wanted, index) => {
        const number = wanted.PartNumber as number
        if (index > 0 && number <= (requested[index - 1].PartNumber as number))
          throw new AwsError(
            'InvalidPartOrder',
            'The list of parts was not in ascending order. Parts must be ordered by part number.',
            400,
            { UploadId: upload.uploadId },
          )
        const part = upload.parts.get(number)
        const invalid = () =>
          new AwsError(
            'InvalidPart',
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
            400,
            { UploadId: upload.uploadId, PartNumber: number, ETag: String(wanted.ETag ?? '') },
          )
        if (!part || unquote(String(wanted.ETag ?? '')) !== unquote(part.etag)) throw invalid()
        for (const algorithm of CHECKSUM_ALGORITHMS) {
          const sent = wanted[MEMBER_OF[algorithm]]
          if (
            sent !== undefined &&
            part.checksums[algorithm] !== undefined &&
            sent !== part.checksums[algorithm]
          )
            throw invalid()
        }
        parts.push(part)
      })
      parts.forEach((part, index) => {
        if (index < parts.length - 1 && part.body.length < MIN_PART_SIZE)
          throw new AwsError(
            'EntityTooSmall',
            'Your proposed upload is smaller than the minimum allowed object size.',
            400,
            {
              ProposedSize: part.body.length,
              MinSizeAllowed: MIN_PART_SIZE,
              PartNumber: part.partNumber,
              ETag: part.etag,
            },
          )
      })
      const body = Buffer.concat(parts.map((p) => p.body))
      const etag = `"${md5(Buffer.concat(parts.map((p) => Buffer.from(unquote(p.etag), 'hex')))).toString('hex')}-${parts.length}"`
      const algorithm =
        upload.checksumAlgorithm ??
        CHECKSUM_ALGORITHMS.find((a) => parts.every((p) => p.checksums[a] !== undefined))
      const checksums: Checksums = {}
      let checksumType: S3Object['checksumType']
      if (algorithm) {
        if (upload.checksumType === 'FULL_OBJECT') {
          checksums[algorithm] = checksum(algorithm, body)
          checksumType = 'FULL_OBJECT'
        } else {
          // S3's composite checksum: the checksum of the parts' raw checksums, suffixed with the part count.
          const raw = Buffer.concat(
            parts.map((p) => Buffer.from(p.checksums[algorithm] ?? checksum(algorithm, p.body), 'base64')),
          )
          checksums[algorithm] = `${digest(algorithm, raw).toString('base64')}-${parts.length}`
          checksumType = 'COMPOSITE'
        }
        const sent = ctx.request.headers[checksumHeader(algorithm)]
        if (sent !== undefined && sent !== checksums[algorithm])
          throw new AwsError(
            'BadDigest',
            `The ${algorithm} you specified did not match the calculated checksum.`,
          )
      }
      const object: S3Object = {
        key: upload.key,
        body,
        etag,
        lastModified: ctx.clock.now(),
        metadata: upload.metadata,
        headers: upload.headers,
        checksums,
        checksumType,
        partsCount: parts.length,
      }
      this.bucket(upload.bucket).objects.set(upload.key, object)
      this.uploads.delete(upload.uploadId)
      const location = `http://${ctx.request.host}/${upload.bucket}/${upload.key.split('/').map(encodeURIComponent).join('/')}`
      return {
        Location: location,
        Bucket: upload.bucket,
        Key: upload.key,
        ETag: etag,
        ...checksumOutput(checksums, ctx, checksumType),
      }
    },

    AbortMultipartUpload: (input) => {
      const upload = this.upload(input)
      this.uploads.delete(upload.uploadId)
      return {}
    },

    ListParts: (input) => {
      const upload = this.upload(input)
      const marker = (input.PartNumberMarker as number | undefined) ?? 0
      const max = (input.MaxParts as number | undefined) ?? 1000
      const all = [...upload.parts.values()]
        .sort((a, b) => a.partNumber - b.partNumber)
        .filter((p) => p.partNumber > marker)
      const page = all.slice(0, max)
      const owner = { ID: this.env.accountId, DisplayName: 'aws-local' }
      return {
        Bucket: upload.bucket,
        Key: upload.key,
        UploadId: upload.uploadId,
        PartNumberMarker: marker,
        NextPartNumberMarker: page.length ? page[page.length - 1].partNumber : undefined,
        MaxParts: max,
        IsTruncated: all.length > page.length,
        Parts: page.map((p) => {
          const checksums: Record<string, string> = {}
          for (const [a, v] of Object.entries(p.checksums) as [ChecksumAlgorithm, string][])
            checksums[MEMBER_OF[a]] = v
          return {
            PartNumber: p.partNumber,
            LastModified: p.lastModified,
            ETag: p.etag,
            Size: p.body.length,
            ...checksums,
          }
        }),
        Initiator: owner,
        Owner: owner,
        StorageClass: 'STANDARD',
        ChecksumAlgorithm: upload.checksumAlgorithm,
      }
    },
  }
}

/** A single `bytes=` range; undefined means the whole object (S3 ignores ranges it cannot parse). */
function parseRange(
  header: string | undefined,
  total: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!match || (match[1] === '' && match[2] === '')) return undefined
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0 || total === 0) return 'unsatisfiable'
    return { start: Math.max(0, total - suffix), end: total - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? total - 1 : Math.min(Number(match[2]), total - 1)
  if (start >= total) return 'unsatisfiable'
  if (end < start) return undefined
  return { start, end }
}
