import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { crc32 } from 'node:zlib'
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
 * Checksums. A file is read once before its upload to compute its SHA-256 and its CRC32 (both
 * must be known when the upload starts: the SHA-256 goes into the object's metadata, which is
 * sent first, and a re-run compares it before uploading anything), then streamed to S3.
 * - S3 verifies the CRC32 over the whole object: it is a FULL_OBJECT checksum, sent with
 *   PutObject, or with CompleteMultipartUpload after each part was sent with its own CRC32.
 *   A SHA-256 cannot serve: over a multipart upload S3 only keeps a COMPOSITE SHA-256 (the hash
 *   of the parts' hashes), and full-object checksums exist only for the CRC algorithms
 *   (CRC64NVME, CRC32, CRC32C; S3 User Guide, "Checking object integrity in Amazon S3").
 * - CRC32 rather than CRC64NVME: Node computes CRC32 natively (zlib.crc32), here and in the
 *   SDK for each part, while the SDK's CRC64NVME runs in JavaScript at about 155 MiB/s, which
 *   halved the upload's throughput twice over (once for the file, once for the parts). Both let
 *   S3 reject any corrupted byte; the strong identity of the file is its SHA-256.
 * - The SHA-256 of the whole file is kept in the object's metadata (`x-amz-meta-sha256`) for
 *   consumers that check it themselves (`sha256sum -c` on an instance, a restore).
 */

/** The metadata key holding the whole-file SHA-256 (hex). */
export const SHA256_METADATA = 'sha256'

/**
 * Files up to this size go up in one PutObject; larger ones in parallel parts of this size (or
 * larger, for files beyond 10,000 parts, S3's limit). 8 MiB parts measured the lowest peak
 * memory for the same throughput (a 1 GiB upload: 189 MiB peak with 8 MiB parts, 244 MiB with 16).
 */
export const PART_SIZE = 8 * 1024 * 1024
/** S3's most parts in one multipart upload (S3 User Guide, "Amazon S3 multipart upload limits"). */
export const MAX_PARTS = 10_000
/** Parts in flight at once: memory stays near PART_SIZE x QUEUE_SIZE whatever the file's size. */
export const QUEUE_SIZE = 4

export interface FileDigest {
  size: number
  /** Hex. */
  sha256: string
  /** Base64 of the big-endian CRC32, as S3 writes it (`x-amz-checksum-crc32`). */
  crc32: string
}

/** What HeadObject says about an existing object. */
export interface ObjectInfo {
  etag: string
  size: number
  metadata: Record<string, string>
  /** Base64, when the object carries a CRC32 checksum. */
  crc32?: string
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

/**
 * Reads a file once, computing its SHA-256 and CRC32 together, into one buffer used again for
 * every read: memory stays flat however large the file (a stream would allocate each chunk anew).
 */
export async function digestFile(file: string): Promise<FileDigest> {
  const sha = createHash('sha256')
  let crc = 0
  let size = 0
  const buffer = Buffer.allocUnsafe(1024 * 1024)
  const handle = await open(file, 'r')
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, size)
      if (bytesRead === 0) break
      const chunk = buffer.subarray(0, bytesRead)
      sha.update(chunk)
      crc = crc32(chunk, crc)
      size += bytesRead
    }
  } finally {
    await handle.close()
  }
  const crcBytes = Buffer.alloc(4)
  crcBytes.writeUInt32BE(crc >>> 0)
  return { size, sha256: sha.digest('hex'), crc32: crcBytes.toString('base64') }
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
        crc32: out.ChecksumCRC32,
        checksumType: out.ChecksumType,
        lastModified: out.LastModified,
      }
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw error
    }
  }

  /** Whether `location` already holds exactly this file (same size, SHA-256 and, when present, CRC32). */
  static compare(info: ObjectInfo | undefined, digest: FileDigest): SameObject {
    if (!info) return 'absent'
    const sameSha = info.metadata[SHA256_METADATA] === digest.sha256
    const sameCrc = info.crc32 === undefined || info.crc32 === digest.crc32
    return sameSha && sameCrc && info.size === digest.size ? 'same' : 'different'
  }

  /**
   * Uploads a file, streamed: one PutObject up to the part size, else a multipart upload with
   * QUEUE_SIZE parts in flight. S3 verifies the whole object's CRC32; the object's metadata
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
    const mib = 1024 * 1024
    const partSize = options.partSize ?? Math.max(PART_SIZE, Math.ceil(size / MAX_PARTS / mib) * mib)
    const name = `infraActionsFullObjectChecksum-${to.bucket}/${to.key}`
    // lib-storage sends the same parameters with every call of a multipart upload, so the
    // whole object's checksum cannot go among them (each part carries its own): it is added to
    // the PutObject or CompleteMultipartUpload call alone, here.
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Bucket?: string; Key?: string; ChecksumCRC32?: string }
        const command = context.commandName
        if (
          (command === 'PutObjectCommand' || command === 'CompleteMultipartUploadCommand') &&
          input.Bucket === to.bucket &&
          input.Key === to.key
        )
          input.ChecksumCRC32 = digest.crc32
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
            ChecksumAlgorithm: 'CRC32',
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
   * its metadata, and the full-object CRC32 S3 computed. A sentence when it differs.
   */
  async verify(location: S3Location, digest: FileDigest): Promise<string | undefined> {
    const info = await this.head(location)
    if (!info) return `${location.uri} is not there after its upload`
    if (info.size !== digest.size) return `${location.uri} holds ${info.size} bytes, the file ${digest.size}`
    if (info.metadata[SHA256_METADATA] !== digest.sha256)
      return `${location.uri} does not carry the file's SHA-256 in its metadata`
    if (info.crc32 !== digest.crc32)
      return `S3's CRC32 of ${location.uri} (${info.crc32 ?? 'none'}) differs from the file's (${digest.crc32})`
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
                ChecksumAlgorithm: 'CRC32',
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
