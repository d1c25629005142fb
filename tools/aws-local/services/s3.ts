// S3: buckets, objects (exact bytes, ETags, flexible checksums), listing, copy, multipart uploads
// and conditional writes. Each behaviour names its source beside it.
import { randomBytes } from 'node:crypto'
import {
  CHECKSUM_ALGORITHMS,
  checksum,
  checksumHeader,
  combineChecksums,
  digest,
  md5,
  type ChecksumAlgorithm,
} from '../checksums'
import { AwsError } from '../errors'
import type { CallContext, Handler, Input, ServiceEnv } from '../types'

type Checksums = Partial<Record<ChecksumAlgorithm, string>>
type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE'

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
  /**
   * The body's length, where the body is put together only when it is first read (a completed
   * multipart upload: a fresh copy of every byte costs the stand-in as much as the upload itself,
   * and HEAD, List and the completion need only the length). See `objectSize`.
   */
  size?: number
  /** In quotes, as S3 sends it. */
  etag: string
  lastModified: Date
  metadata: Record<string, string>
  headers: StoredHeaders
  checksums: Checksums
  checksumType?: ChecksumType
  partsCount?: number
}

/** An object's length, without putting its body together (see S3Object.size). */
export const objectSize = (object: S3Object): number => object.size ?? object.body.length

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
  /** The algorithm CreateMultipartUpload named; none means S3's default, a full-object CRC64NVME. */
  checksumAlgorithm?: ChecksumAlgorithm
  checksumType: ChecksumType
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

/** Whether an If-Match / If-None-Match list names an ETag (`*` names any). */
function etagListMatches(list: string, etag: string): boolean {
  return list.split(',').some((e) => e.trim() === '*' || unquote(e.trim()) === unquote(etag))
}

function preconditionFailed(condition: string): AwsError {
  return new AwsError(
    'PreconditionFailed',
    'At least one of the pre-conditions you specified did not hold',
    412,
    {
      Condition: condition,
    },
  )
}

function invalidRequest(message: string): AwsError {
  return new AwsError('InvalidRequest', message)
}

/**
 * The checksum algorithms a multipart upload of each type may use (S3 User Guide, "Checking
 * object integrity", the table of full object and composite types for multipart uploads).
 */
const MULTIPART_TYPES: Record<ChecksumAlgorithm, ChecksumType[]> = {
  CRC64NVME: ['FULL_OBJECT'],
  CRC32: ['FULL_OBJECT', 'COMPOSITE'],
  CRC32C: ['FULL_OBJECT', 'COMPOSITE'],
  SHA1: ['COMPOSITE'],
  SHA256: ['COMPOSITE'],
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

/**
 * Checksum members for output, with `ChecksumType` when there is a checksum. For operations that
 * answer them in headers, CRC64NVME and the type also go out as raw headers, for models older than
 * them (botocore before 1.36); CompleteMultipartUpload and CopyObject answer them in the XML body.
 */
function checksumOutput(
  checksums: Checksums,
  ctx: CallContext,
  type?: ChecksumType,
  inHeaders = true,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [algorithm, value] of Object.entries(checksums) as [ChecksumAlgorithm, string][]) {
    out[MEMBER_OF[algorithm]] = value
    if (algorithm === 'CRC64NVME' && inHeaders) ctx.responseHeaders[checksumHeader(algorithm)] = value
  }
  if (type && Object.keys(checksums).length) {
    out.ChecksumType = type
    if (inHeaders) ctx.responseHeaders['x-amz-checksum-type'] = type
  }
  return out
}

/** A request member, else (for a model older than the member) its raw header. */
function memberOrHeader(input: Input, ctx: CallContext, member: string, header: string): string | undefined {
  const value = input[member] ?? ctx.request.headers[header]
  return value === undefined ? undefined : String(value)
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
  /** `bucket/key` -> how many more conditional writes answer 409 (see `conflictNextConditionalWrite`). */
  private readonly conflicts = new Map<string, number>()

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.buckets.clear()
    this.uploads.clear()
    this.conflicts.clear()
  }

  /**
   * Scripting: the next `times` (default 1) conditional writes (PutObject, CompleteMultipartUpload
   * or CopyObject with If-Match or If-None-Match) to `bucket/key` answer 409
   * ConditionalRequestConflict, as S3 does when a conflicting operation, such as a concurrent
   * delete, occurs during the write (S3 User Guide, "Conditional write behavior"). The object is
   * left as it was; a completed multipart upload is gone, to be started again.
   */
  conflictNextConditionalWrite(bucket: string, key: string, options: { times?: number } = {}): void {
    this.conflicts.set(`${bucket}/${key}`, options.times ?? 1)
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
    const matches = (list: string) => etagListMatches(list, object.etag)
    if (ifMatch !== undefined && !matches(ifMatch)) throw preconditionFailed('If-Match')
    const unmodifiedSince = input.IfUnmodifiedSince as Date | undefined
    if (
      ifMatch === undefined &&
      unmodifiedSince &&
      object.lastModified.getTime() > unmodifiedSince.getTime() + 999
    )
      throw preconditionFailed('If-Unmodified-Since')
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

  /**
   * Conditional writes, as S3 evaluates them when it commits PutObject, CompleteMultipartUpload or
   * CopyObject (S3 User Guide, "How to prevent object overwrites with conditional writes",
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html):
   * - `If-None-Match: *` fails with 412 PreconditionFailed when the key exists. It is the only
   *   value S3 takes on a write ("Expects the '*' (asterisk) character", PutObject API reference);
   *   S3 answers any other value with 501 NotImplemented, "A header you provided implies
   *   functionality that is not implemented" (observed, github.com/aws/aws-sdk-ruby issue 3144).
   * - `If-Match: <etag>` fails with 412 PreconditionFailed when the current ETag differs, and with
   *   404 NoSuchKey when there is no such key ("If there's no current object version with the same
   *   name ... the operation fails with a 404 Not Found error").
   * - A scripted conflict (`conflictNextConditionalWrite`) answers 409 ConditionalRequestConflict,
   *   with the description of S3's error code list (Error responses, "List of error codes").
   * Returns whether the write was conditional.
   */
  private checkWriteConditions(bucket: Bucket, key: string, input: Input, ctx: CallContext): boolean {
    const ifMatch = memberOrHeader(input, ctx, 'IfMatch', 'if-match')
    const ifNoneMatch = memberOrHeader(input, ctx, 'IfNoneMatch', 'if-none-match')
    if (ifMatch === undefined && ifNoneMatch === undefined) return false
    if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*')
      throw new AwsError(
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        501,
        { Header: 'If-None-Match' },
      )
    const conflictKey = `${bucket.name}/${key}`
    const conflicts = this.conflicts.get(conflictKey) ?? 0
    if (conflicts > 0) {
      if (conflicts === 1) this.conflicts.delete(conflictKey)
      else this.conflicts.set(conflictKey, conflicts - 1)
      throw new AwsError(
        'ConditionalRequestConflict',
        'A conflicting operation occurred. If using PutObject you can retry the request. If using multipart upload you should initiate another CreateMultipartUpload request and re-upload each part.',
        409,
        { Key: key },
      )
    }
    const current = bucket.objects.get(key)
    if (ifMatch !== undefined) {
      if (!current) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key })
      if (!etagListMatches(ifMatch, current.etag)) throw preconditionFailed('If-Match')
    }
    if (ifNoneMatch !== undefined && current) throw preconditionFailed('If-None-Match')
    return true
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
      // "If objects are uploaded without a checksum, S3 automatically attaches the recommended
      // full object CRC-64/NVME (CRC64NVME) checksum" (S3 User Guide, "Checking object integrity";
      // PutObject's x-amz-checksum-crc64nvme is then in the answer, PutObjectOutput in the model).
      if (Object.keys(checksums).length === 0) checksums.CRC64NVME = checksum('CRC64NVME', body)
      this.checkWriteConditions(bucket, input.Key as string, input, ctx)
      const object: S3Object = {
        key: input.Key as string,
        body,
        etag: quoteEtag(md5(body).toString('hex')),
        lastModified: ctx.clock.now(),
        metadata: (input.Metadata as Record<string, string> | undefined) ?? {},
        headers: storedHeaders(input),
        checksums,
        // "For PutObject uploads, the checksum type is always FULL_OBJECT" (PutObjectOutput.ChecksumType).
        checksumType: 'FULL_OBJECT',
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
      return { ...this.objectOutput(object, input, ctx, true), ContentLength: objectSize(object) }
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
            Size: objectSize(object),
            StorageClass: (object.headers.StorageClass as string | undefined) ?? 'STANDARD',
            ChecksumAlgorithm: Object.keys(object.checksums).length
              ? Object.keys(object.checksums)
              : undefined,
            ChecksumType: Object.keys(object.checksums).length ? object.checksumType : undefined,
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
        throw preconditionFailed('x-amz-copy-source-If-Match')
      this.checkWriteConditions(target, input.Key as string, input, ctx)
      // "With a copy command, the checksum of the object is a direct checksum of the full object";
      // without x-amz-checksum-algorithm the source's algorithm is kept, and a source without one
      // gets CRC64NVME (S3 User Guide, "Checking object integrity"; CopyObjectRequest.ChecksumAlgorithm).
      const algorithm =
        (input.ChecksumAlgorithm as ChecksumAlgorithm | undefined) ??
        (Object.keys(original.checksums)[0] as ChecksumAlgorithm | undefined) ??
        'CRC64NVME'
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
        checksums: CHECKSUM_ALGORITHMS.includes(algorithm)
          ? { [algorithm]: checksum(algorithm, original.body) }
          : {},
        checksumType: 'FULL_OBJECT',
        partsCount: undefined,
      }
      target.objects.set(copy.key, copy)
      return {
        CopyObjectResult: {
          ETag: copy.etag,
          LastModified: copy.lastModified,
          ...checksumOutput(copy.checksums, ctx, copy.checksumType, false),
        },
      }
    },

    CreateMultipartUpload: (input, ctx) => {
      this.bucket(input.Bucket as string)
      const uploadId = randomBytes(24).toString('base64url')
      const algorithm = input.ChecksumAlgorithm as ChecksumAlgorithm | undefined
      const requestedType = memberOrHeader(input, ctx, 'ChecksumType', 'x-amz-checksum-type') as
        ChecksumType | undefined
      // S3 User Guide, "Checking object integrity": CRC64NVME is full-object only, SHA-1 and
      // SHA-256 composite only, the CRC-32s either (composite unless asked); without an algorithm
      // S3 gives the object its default full-object CRC64NVME. The wording of the refusals is the
      // one S3 answers (as S3-compatible servers reproduce it, e.g. versity/versitygw).
      if (requestedType !== undefined && requestedType !== 'FULL_OBJECT' && requestedType !== 'COMPOSITE')
        throw invalidRequest('Value for x-amz-checksum-type header is invalid.')
      if (requestedType && !algorithm)
        throw invalidRequest(
          'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.',
        )
      const type: ChecksumType =
        requestedType ?? (algorithm && algorithm !== 'CRC64NVME' ? 'COMPOSITE' : 'FULL_OBJECT')
      if (algorithm && CHECKSUM_ALGORITHMS.includes(algorithm) && !MULTIPART_TYPES[algorithm].includes(type))
        throw invalidRequest(
          `The ${type} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`,
        )
      this.uploads.set(uploadId, {
        uploadId,
        bucket: input.Bucket as string,
        key: input.Key as string,
        initiated: ctx.clock.now(),
        metadata: (input.Metadata as Record<string, string> | undefined) ?? {},
        headers: storedHeaders(input),
        checksumAlgorithm: algorithm,
        checksumType: type,
        parts: new Map(),
      })
      if (algorithm) ctx.responseHeaders['x-amz-checksum-type'] = type
      return {
        Bucket: input.Bucket,
        Key: input.Key,
        UploadId: uploadId,
        ChecksumAlgorithm: algorithm,
        ChecksumType: algorithm ? type : undefined,
      }
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
        // A composite checksum is made of the parts' checksums, so S3 wants each of them back.
        const named = upload.checksumAlgorithm
        if (named && upload.checksumType === 'COMPOSITE' && wanted[MEMBER_OF[named]] === undefined)
          throw invalidRequest(
            `The upload was created using a ${named.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${number} in the request.`,
          )
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
      const bodies = parts.map((p) => p.body)
      const objectBytes = bodies.reduce((total, body) => total + body.length, 0)
      let joined: Buffer | undefined
      const body = (): Buffer => (joined ??= Buffer.concat(bodies))
      const etag = `"${md5(Buffer.concat(parts.map((p) => Buffer.from(unquote(p.etag), 'hex')))).toString('hex')}-${parts.length}"`
      // "If there's a mismatch between the specified object size value and the actual object size
      // value, it results in an HTTP 400 InvalidRequest error" (CompleteMultipartUploadRequest.MpuObjectSize;
      // the wording of the message is ours).
      const size = memberOrHeader(input, ctx, 'MpuObjectSize', 'x-amz-mp-object-size')
      if (size !== undefined && Number(size) !== objectBytes)
        throw invalidRequest(
          `The x-amz-mp-object-size you specified (${size}) does not match the size of the object (${objectBytes}).`,
        )
      // "If the checksum type doesn't match the checksum type that was specified for the object
      // during the CreateMultipartUpload request, it'll result in a BadDigest error"
      // (CompleteMultipartUploadRequest.ChecksumType; the wording of the message is ours).
      const type = memberOrHeader(input, ctx, 'ChecksumType', 'x-amz-checksum-type')
      if (type !== undefined && type !== upload.checksumType)
        throw new AwsError(
          'BadDigest',
          `The ${type} checksum type you specified did not match the ${upload.checksumType} checksum type of the upload.`,
        )
      // Full object: the checksum of every byte, which S3 gets by combining the parts' CRCs, as
      // done here. Each part's CRC was computed from its bytes when it arrived (a client's own
      // was checked against them), and the combination is written apart from the action's
      // (checksums.ts), so a client's whole-object CRC is still checked by other means.
      // Composite: the checksum of the parts' raw checksums, suffixed with the part count.
      // Without an algorithm, S3's default full-object CRC64NVME (S3 User Guide, "Checking
      // object integrity").
      const algorithm = upload.checksumAlgorithm ?? 'CRC64NVME'
      const checksums: Checksums = {}
      const checksumType = upload.checksumType
      const partChecksum = (p: Part): string => p.checksums[algorithm] ?? checksum(algorithm, p.body)
      if (checksumType === 'FULL_OBJECT')
        checksums[algorithm] =
          combineChecksums(
            algorithm,
            parts.map((p) => ({ checksum: partChecksum(p), size: p.body.length })),
          ) ?? checksum(algorithm, body())
      else {
        const raw = Buffer.concat(parts.map((p) => Buffer.from(partChecksum(p), 'base64')))
        checksums[algorithm] = `${digest(algorithm, raw).toString('base64')}-${parts.length}`
      }
      // "If the two values don't match, S3 fails the request with a BadDigest error" (S3 User
      // Guide, "Using full object checksums for multipart upload").
      const sent = memberOrHeader(input, ctx, MEMBER_OF[algorithm], checksumHeader(algorithm))
      if (sent !== undefined && sent !== checksums[algorithm])
        throw new AwsError(
          'BadDigest',
          `The ${algorithm} you specified did not match the calculated checksum.`,
        )
      const bucket = this.bucket(upload.bucket)
      try {
        this.checkWriteConditions(bucket, upload.key, input, ctx)
      } catch (error) {
        // After a 409 "the entire multipart upload must be re-initiated with CreateMultipartUpload"
        // (S3 User Guide, "Conditional write behavior"); after a 412 the upload is left as it is.
        if (error instanceof AwsError && error.code === 'ConditionalRequestConflict')
          this.uploads.delete(upload.uploadId)
        throw error
      }
      const object: S3Object = {
        key: upload.key,
        get body() {
          return body()
        },
        size: objectBytes,
        etag,
        lastModified: ctx.clock.now(),
        metadata: upload.metadata,
        headers: upload.headers,
        checksums,
        checksumType,
        partsCount: parts.length,
      }
      bucket.objects.set(upload.key, object)
      this.uploads.delete(upload.uploadId)
      const location = `http://${ctx.request.host}/${upload.bucket}/${upload.key.split('/').map(encodeURIComponent).join('/')}`
      return {
        Location: location,
        Bucket: upload.bucket,
        Key: upload.key,
        ETag: etag,
        ...checksumOutput(checksums, ctx, checksumType, false),
      }
    },

    AbortMultipartUpload: (input) => {
      const upload = this.upload(input)
      this.uploads.delete(upload.uploadId)
      return {}
    },

    // The multipart uploads in progress of a bucket, by key and then by initiation time (S3 API
    // Reference, ListMultipartUploads). Not implemented: Delimiter grouping and UploadIdMarker.
    ListMultipartUploads: (input) => {
      this.bucket(input.Bucket as string)
      const prefix = (input.Prefix as string | undefined) ?? ''
      const keyMarker = (input.KeyMarker as string | undefined) ?? ''
      const max = (input.MaxUploads as number | undefined) ?? 1000
      const all = [...this.uploads.values()]
        .filter((u) => u.bucket === input.Bucket && u.key.startsWith(prefix) && u.key > keyMarker)
        .sort((a, b) =>
          a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated.getTime() - b.initiated.getTime(),
        )
      const page = all.slice(0, max)
      const owner = { ID: this.env.accountId, DisplayName: 'aws-local' }
      const last = page[page.length - 1]
      return {
        Bucket: input.Bucket,
        KeyMarker: keyMarker,
        Prefix: input.Prefix,
        MaxUploads: max,
        IsTruncated: all.length > page.length,
        NextKeyMarker: all.length > page.length ? last.key : undefined,
        NextUploadIdMarker: all.length > page.length ? last.uploadId : undefined,
        Uploads: page.map((u) => ({
          UploadId: u.uploadId,
          Key: u.key,
          Initiated: u.initiated,
          StorageClass: 'STANDARD',
          Owner: owner,
          Initiator: owner,
          ChecksumAlgorithm: u.checksumAlgorithm,
          ChecksumType: u.checksumAlgorithm ? u.checksumType : undefined,
        })),
      }
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
        ChecksumType: upload.checksumAlgorithm ? upload.checksumType : undefined,
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
