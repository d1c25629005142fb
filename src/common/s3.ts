import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { S3Client } from '@aws-sdk/client-s3'
import { s3Extras, type AwsCalls } from './aws'
import { awsErrorCode } from './errors'
import type { S3Location } from './inputs'
import { retry } from './retry'

/**
 * S3 transfer for every action: streamed multipart uploads with flat memory (lib-storage),
 * downloads checked against the SHA-256 recorded at upload, a HEAD-based "same object already
 * there" check for idempotent re-runs, and conditional writes for small pointer objects.
 *
 * Checksums. A file is read once before its upload to compute its SHA-256 and its CRC64NVME
 * (both must be known when the upload starts: the SHA-256 goes into the object's metadata, which
 * is sent first, and a re-run compares it before uploading anything), then streamed to S3.
 * - S3 verifies the CRC64NVME over the whole object: it is a FULL_OBJECT checksum, sent with
 *   PutObject, or with CompleteMultipartUpload after each part was sent with its own CRC64NVME.
 *   A SHA-256 cannot serve: over a multipart upload S3 only keeps a COMPOSITE SHA-256 (the hash
 *   of the parts' hashes), and full-object checksums exist only for the CRC algorithms.
 *   (S3 User Guide, "Checking object integrity in Amazon S3": full object and composite checksums.)
 * - The SHA-256 of the whole file is kept in the object's metadata (`x-amz-meta-sha256`) for
 *   consumers that check it themselves (`sha256sum -c` on an instance, a restore).
 */

/** The metadata key holding the whole-file SHA-256 (hex). */
export const SHA256_METADATA = 'sha256'

/** Files up to this size go up in one PutObject; larger ones in parallel parts of this size. */
export const PART_SIZE = 16 * 1024 * 1024
/** Parts in flight at once: memory stays near PART_SIZE x QUEUE_SIZE whatever the file's size. */
export const QUEUE_SIZE = 4

export interface FileDigest {
  size: number
  /** Hex. */
  sha256: string
  /** Base64, as S3 writes it (`x-amz-checksum-crc64nvme`). */
  crc64nvme: string
}

/** What HeadObject says about an existing object. */
export interface ObjectInfo {
  etag: string
  size: number
  metadata: Record<string, string>
  /** Base64, when the object carries a CRC64NVME checksum. */
  crc64nvme?: string
  checksumType?: string
  lastModified?: Date
}

export type SameObject = 'absent' | 'same' | 'different'

/** A conditional write lost: someone else changed (or created) the object since it was read. */
export class ConditionalWriteError extends Error {
  override name = 'ConditionalWriteError'
  constructor(
    readonly location: S3Location,
    message: string,
  ) {
    super(message)
  }
}

/** Reads a file once, computing its SHA-256 and CRC64NVME together. */
export async function digestFile(file: string): Promise<FileDigest> {
  const { Crc64Nvme } = await import('@aws-sdk/checksums/crc')
  const sha = createHash('sha256')
  const crc = new Crc64Nvme()
  let size = 0
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    sha.update(chunk)
    crc.update(chunk)
    size += chunk.length
  }
  return { size, sha256: sha.digest('hex'), crc64nvme: Buffer.from(await crc.digest()).toString('base64') }
}

const isNotFound = (error: unknown): boolean => {
  const code = awsErrorCode(error)
  return code === 'NotFound' || code === 'NoSuchKey' || code === '404'
}

const codeOf = awsErrorCode

export interface UploadOptions {
  /** Computed beforehand (digestFile); computed here otherwise. */
  digest?: FileDigest
  metadata?: Record<string, string>
  contentType?: string
  /** Create-only (`If-None-Match: *`): a key that appeared meanwhile fails with ConditionalWriteError. */
  createOnly?: boolean
  partSize?: number
  queueSize?: number
  /** Bytes uploaded so far, as lib-storage reports them. */
  onProgress?: (loaded: number, total: number) => void
}

export interface PutTextOptions {
  contentType?: string
  metadata?: Record<string, string>
  /** Write only if the object still has this ETag (`If-Match`). */
  ifMatch?: string
  /** Write only if the object does not exist (`If-None-Match: *`). */
  createOnly?: boolean
}

/** S3 through the run's call layer (labelled, counted, cancellable calls). */
export class S3Transfer {
  private constructor(
    private readonly calls: AwsCalls,
    private readonly client: S3Client,
    private readonly sdk: typeof import('@aws-sdk/client-s3'),
  ) {}

  /** Loads the S3 client (only when an action needs it) and connects with the run's settings. */
  static async connect(calls: AwsCalls, region?: string): Promise<S3Transfer> {
    const sdk = await import('@aws-sdk/client-s3')
    return new S3Transfer(calls, calls.client(sdk.S3Client, region, s3Extras()), sdk)
  }

  /** Whether the bucket exists and the caller may use it (HeadBucket); a sentence when not. */
  async bucketProblem(bucket: string): Promise<string | undefined> {
    try {
      await this.calls.send(`check bucket ${bucket}`, (o) =>
        this.client.send(new this.sdk.HeadBucketCommand({ Bucket: bucket }), o),
      )
      return undefined
    } catch (error) {
      const code = codeOf(error)
      const status = ((error as Error).cause as { $metadata?: { httpStatusCode?: number } })?.$metadata
        ?.httpStatusCode
      if (code === 'NotFound' || code === 'NoSuchBucket' || status === 404)
        return `the bucket ${bucket} does not exist`
      if (code === 'Forbidden' || code === 'AccessDenied' || status === 403)
        return `access to the bucket ${bucket} is denied to these credentials`
      throw error
    }
  }

  /**
   * Whether the caller may write under `location` without writing anything: a multipart upload
   * is created (which needs s3:PutObject) and aborted at once, so no object ever appears.
   */
  async writeProblem(location: S3Location): Promise<string | undefined> {
    try {
      const created = await this.calls.send(`check that ${location.uri} is writable`, (o) =>
        this.client.send(
          new this.sdk.CreateMultipartUploadCommand({ Bucket: location.bucket, Key: location.key }),
          o,
        ),
      )
      await this.calls.send(`abort the write check of ${location.uri}`, (o) =>
        this.client.send(
          new this.sdk.AbortMultipartUploadCommand({
            Bucket: location.bucket,
            Key: location.key,
            UploadId: created.UploadId,
          }),
          o,
        ),
      )
      return undefined
    } catch (error) {
      const code = codeOf(error)
      if (code === 'AccessDenied') return `these credentials may not write to ${location.uri} (s3:PutObject)`
      if (code === 'NoSuchBucket') return `the bucket ${location.bucket} does not exist`
      throw error
    }
  }

  /** HeadObject with checksums; undefined when there is no such object. */
  async head(location: S3Location): Promise<ObjectInfo | undefined> {
    try {
      const out = await this.calls.send(`read the metadata of ${location.uri}`, (o) =>
        this.client.send(
          new this.sdk.HeadObjectCommand({
            Bucket: location.bucket,
            Key: location.key,
            ChecksumMode: 'ENABLED',
          }),
          o,
        ),
      )
      return {
        etag: out.ETag ?? '',
        size: out.ContentLength ?? 0,
        metadata: out.Metadata ?? {},
        crc64nvme: out.ChecksumCRC64NVME,
        checksumType: out.ChecksumType,
        lastModified: out.LastModified,
      }
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  /** Whether `location` already holds exactly this file (same size, SHA-256 and, when present, CRC64NVME). */
  static compare(info: ObjectInfo | undefined, digest: FileDigest): SameObject {
    if (!info) return 'absent'
    const sameSha = info.metadata[SHA256_METADATA] === digest.sha256
    const sameCrc = info.crc64nvme === undefined || info.crc64nvme === digest.crc64nvme
    return sameSha && sameCrc && info.size === digest.size ? 'same' : 'different'
  }

  /**
   * Uploads a file, streamed: one PutObject up to the part size, else a multipart upload with
   * QUEUE_SIZE parts in flight. S3 verifies the whole object's CRC64NVME; the object's metadata
   * records the SHA-256. Returns the digest and the new object's ETag.
   */
  async upload(
    file: string,
    to: S3Location,
    options: UploadOptions = {},
  ): Promise<FileDigest & { etag: string }> {
    const digest = options.digest ?? (await digestFile(file))
    const { size } = await stat(file)
    if (size !== digest.size)
      throw new Error(`${file} changed while it was being uploaded (its size differs).`)
    const { Upload } = await import('@aws-sdk/lib-storage')
    const partSize = options.partSize ?? PART_SIZE
    const name = `infraActionsFullObjectChecksum-${to.bucket}/${to.key}`
    // lib-storage sends the same parameters with every call of a multipart upload, so the
    // whole object's checksum cannot go among them (each part carries its own): it is added to
    // the PutObject or CompleteMultipartUpload call alone, here.
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Bucket?: string; Key?: string; ChecksumCRC64NVME?: string }
        const command = context.commandName
        if (
          (command === 'PutObjectCommand' || command === 'CompleteMultipartUploadCommand') &&
          input.Bucket === to.bucket &&
          input.Key === to.key
        )
          input.ChecksumCRC64NVME = digest.crc64nvme
        return next(args)
      },
      { step: 'initialize', name },
    )
    try {
      return await this.calls.send(`upload ${file} to ${to.uri}`, async (o) => {
        const upload = new Upload({
          client: this.client,
          params: {
            Bucket: to.bucket,
            Key: to.key,
            Body: createReadStream(file, { highWaterMark: 1024 * 1024 }),
            ContentType: options.contentType,
            Metadata: { ...options.metadata, [SHA256_METADATA]: digest.sha256 },
            ChecksumAlgorithm: 'CRC64NVME',
            ChecksumType: 'FULL_OBJECT',
            ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
          },
          partSize,
          queueSize: options.queueSize ?? QUEUE_SIZE,
          leavePartsOnError: false,
        })
        if (options.onProgress)
          upload.on('httpUploadProgress', (p) => options.onProgress?.(p.loaded ?? 0, size))
        const onAbort = (): void => void upload.abort()
        o.abortSignal?.addEventListener('abort', onAbort, { once: true })
        try {
          const out = await upload.done()
          return { ...digest, etag: out.ETag ?? '' }
        } finally {
          o.abortSignal?.removeEventListener('abort', onAbort)
        }
      })
    } catch (error) {
      if (options.createOnly && (codeOf(error) === 'PreconditionFailed' || isStatus(error, 412)))
        throw new ConditionalWriteError(to, `${to.uri} was created by someone else while this upload ran.`)
      throw error
    } finally {
      this.client.middlewareStack.remove(name)
    }
  }

  /**
   * Checks an uploaded object against the file's digest, by HeadObject: size, the SHA-256 in
   * its metadata, and the full-object CRC64NVME S3 computed. A sentence when it differs.
   */
  async verify(location: S3Location, digest: FileDigest): Promise<string | undefined> {
    const info = await this.head(location)
    if (!info) return `${location.uri} is not there after its upload`
    if (info.size !== digest.size) return `${location.uri} holds ${info.size} bytes, the file ${digest.size}`
    if (info.metadata[SHA256_METADATA] !== digest.sha256)
      return `${location.uri} does not carry the file's SHA-256 in its metadata`
    if (info.crc64nvme !== digest.crc64nvme)
      return `S3's CRC64NVME of ${location.uri} (${info.crc64nvme ?? 'none'}) differs from the file's (${digest.crc64nvme})`
    return undefined
  }

  /**
   * Downloads an object to a file (mode 0600), checking the SHA-256 its metadata records (and,
   * through the SDK, S3's full-object checksum). Returns undefined when there is no such
   * object, else the file's SHA-256.
   */
  async download(from: S3Location, file: string): Promise<string | undefined> {
    let expected: string | undefined
    let actual: string
    try {
      actual = await this.calls.send(`download ${from.uri}`, async (o) => {
        const out = await this.client.send(
          new this.sdk.GetObjectCommand({ Bucket: from.bucket, Key: from.key, ChecksumMode: 'ENABLED' }),
          o,
        )
        expected = out.Metadata?.[SHA256_METADATA]
        const hash = createHash('sha256')
        const body = out.Body as Readable
        body.on('data', (chunk: Buffer) => hash.update(chunk))
        await pipeline(body, createWriteStream(file, { mode: 0o600 }))
        return hash.digest('hex')
      })
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
    if (expected !== undefined && actual !== expected) {
      throw new Error(
        `The downloaded ${from.uri} does not match the SHA-256 recorded when it was uploaded; it is corrupt.`,
      )
    }
    return actual
  }

  /** A small object's text and ETag (a pointer, a record); undefined when there is none. */
  async getText(location: S3Location): Promise<{ text: string; etag: string } | undefined> {
    try {
      return await this.calls.send(`read ${location.uri}`, async (o) => {
        const out = await this.client.send(
          new this.sdk.GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
          o,
        )
        return { text: (await out.Body?.transformToString('utf8')) ?? '', etag: out.ETag ?? '' }
      })
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  /**
   * Writes a small object, optionally conditionally (S3 conditional writes, S3 User Guide
   * "Preventing object overwrites with conditional writes"): with `ifMatch` the write happens
   * only while the object still has that ETag, with `createOnly` only while it does not exist.
   * A 412 PreconditionFailed means someone else moved it: a ConditionalWriteError, never retried.
   * A 409 ConditionalRequestConflict means a concurrent request raced this one: S3 says to retry,
   * which is done a few times (a retry then sees the other writer's ETag and answers 412).
   */
  async putText(location: S3Location, text: string, options: PutTextOptions = {}): Promise<{ etag: string }> {
    const conditional = options.ifMatch !== undefined || options.createOnly === true
    return retry(
      () =>
        this.calls
          .send(`write ${location.uri}`, (o) =>
            this.client.send(
              new this.sdk.PutObjectCommand({
                Bucket: location.bucket,
                Key: location.key,
                Body: text,
                ContentType: options.contentType ?? 'text/plain; charset=utf-8',
                Metadata: options.metadata,
                ChecksumAlgorithm: 'CRC64NVME',
                ...(options.ifMatch !== undefined ? { IfMatch: options.ifMatch } : {}),
                ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
              }),
              o,
            ),
          )
          .then((out) => ({ etag: out.ETag ?? '' }))
          .catch((error: unknown) => {
            if (conditional && (codeOf(error) === 'PreconditionFailed' || isStatus(error, 412)))
              throw new ConditionalWriteError(
                location,
                options.createOnly
                  ? `${location.uri} was created by someone else meanwhile`
                  : `${location.uri} was changed by someone else since it was read (its ETag is no longer ${options.ifMatch})`,
              )
            if (options.ifMatch !== undefined && isNotFound(error))
              throw new ConditionalWriteError(
                location,
                `${location.uri} was deleted by someone else since it was read`,
              )
            throw error
          }),
      {
        label: `write ${location.uri}`,
        attempts: 4,
        minDelayMs: 200,
        maxDelayMs: 2000,
        signal: this.calls.signal,
        retryable: (error) => codeOf(error) === 'ConditionalRequestConflict' || isStatus(error, 409),
      },
    )
  }
}

function isStatus(error: unknown, status: number): boolean {
  const e = (error instanceof Error && error.cause ? error.cause : error) as {
    $metadata?: { httpStatusCode?: number }
  }
  return e?.$metadata?.httpStatusCode === status
}
