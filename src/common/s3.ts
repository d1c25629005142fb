import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { crc32 } from 'node:zlib'
import { pipeline } from 'node:stream/promises'
import { Worker } from 'node:worker_threads'
import type { S3Client } from '@aws-sdk/client-s3'
import { s3Extras, type AwsCalls, type SdkClient } from './aws'
import { crc32Combine } from './crc32'
import { awsErrorCode } from './errors'
import type { S3Location } from './inputs'
import { partSizeFor, planParts, type PartRange } from './parts'
import { retry } from './retry'

/**
 * S3 transfer for every action: streamed multipart uploads with flat memory,
 * downloads checked against the SHA-256 recorded at upload, a HEAD-based "same object already
 * there" check for idempotent re-runs, and conditional writes for small pointer objects.
 *
 * Checksums. A file is read once before its upload to compute its SHA-256 and its CRC32 (both
 * must be known when the upload starts: the SHA-256 goes into the object's metadata, which is
 * sent first, and a re-run compares it before uploading anything), then sent to S3. A
 * caller that was given the SHA-256 (DeclaredDigest) skips that read: each part's CRC32 is
 * computed as the part is read to be sent, and the caller checks the declared SHA-256 in
 * `beforeCommit`.
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

/** The metadata key of a conditional write's random id (see putText). */
export const WRITE_ID_METADATA = 'write-id'

/** The metadata key holding the whole-file SHA-256 (hex). */
export const SHA256_METADATA = 'sha256'

/**
 * Files up to this size go up in one PutObject; larger ones in parallel parts of this size (or
 * larger, for files beyond 10,000 parts, S3's limit). 8 MiB parts measured the lowest peak
 * memory for the same throughput (a 1 GiB upload: 189 MiB peak with 8 MiB parts, 244 MiB with 16).
 */
export const PART_SIZE = 8 * 1024 * 1024
export { MAX_PARTS } from './parts'
/**
 * Parts in flight at once, each in a buffer of its sender (see PART_BUFFERS): 64 MiB of part
 * buffers with 8 MiB parts, allocated once; a 1 GiB upload peaked at 165-170 MiB of RSS in all.
 * Streamed from file ranges instead, it peaked at 161-166 MiB with 8 parts in flight and up to
 * 204 MiB with 10 (its read chunks awaiting collection), for no steady gain in throughput.
 */
export const QUEUE_SIZE = 8

export interface FileDigest {
  size: number
  /** Hex. */
  sha256: string
  /** Base64 of the big-endian CRC32, as S3 writes it (`x-amz-checksum-crc32`). */
  crc32: string
  /** For a file of more than one part: the part size and each part's CRC32 (base64), in order. */
  parts?: { partSize: number; crc32: string[] }
}

/**
 * What is known of a file before any pass over it: its size, and the SHA-256 its producer
 * declared (checked apart, see UploadOptions.beforeCommit). `upload` computes its CRC32s as it
 * sends each part.
 */
export interface DeclaredDigest {
  size: number
  sha256: string
  crc32?: undefined
  parts?: undefined
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

const crc32Base64 = (crc: number): string => {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(crc >>> 0)
  return bytes.toString('base64')
}

/** The pre-pass's read size. */
const DIGEST_BUFFER = 1024 * 1024

/**
 * The SHA-256 of a file, computed on a worker thread: the pre-pass is on the upload's critical
 * path, and SHA-256 and CRC32 are each bound to one core, so they run side by side (the
 * pre-pass of 1 GiB took 0.8 s so, 1.3 s with both on the main thread). The worker is given
 * its source inline, so that bundling needs no second file.
 */
export function sha256OfFile(file: string, signal?: AbortSignal): Promise<string> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { createHash } = require('node:crypto')
    const fs = require('node:fs')
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafe(${DIGEST_BUFFER})
    const fd = fs.openSync(workerData, 'r')
    try {
      for (let position = 0; ; ) {
        const read = fs.readSync(fd, buffer, 0, buffer.length, position)
        if (read === 0) break
        hash.update(buffer.subarray(0, read))
        position += read
      }
    } finally {
      fs.closeSync(fd)
    }
    parentPort.postMessage(hash.digest('hex'))`
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: file })
    const stop = (): void => {
      reject(signal?.reason)
      void worker.terminate()
    }
    signal?.addEventListener('abort', stop, { once: true })
    const settle =
      <T>(then: (value: T) => void) =>
      (value: T) => {
        signal?.removeEventListener('abort', stop)
        then(value)
      }
    worker.once('message', settle(resolve))
    worker.once('error', settle(reject))
    worker.once(
      'exit',
      settle((code: number) => reject(new Error(`Hashing ${file} stopped (exit code ${code}).`))),
    )
  })
}

/**
 * Computes a file's SHA-256 (on a worker thread), the CRC32 of each part it will be uploaded in
 * (`partSize`, by default the one `upload` picks for its size) and the whole file's CRC32,
 * combined from the parts' (one CRC pass, not two), reading into one buffer used again for every
 * read: memory stays flat however large the file (a stream would allocate each chunk anew).
 * `signal` stops both passes (the worker is terminated). With `declaredSha256` (a SHA-256 the
 * caller was given, to be checked apart, see UploadOptions.beforeCommit) only the CRC pass runs,
 * and the digest carries the declared SHA-256.
 */
export async function digestFile(
  file: string,
  partSize?: number,
  signal?: AbortSignal,
  declaredSha256?: string,
): Promise<FileDigest> {
  signal?.throwIfAborted()
  const sha256 = declaredSha256 === undefined ? sha256OfFile(file, signal) : Promise.resolve(declaredSha256)
  // Handled here so that a failure of the CRC pass below leaves no unhandled rejection.
  sha256.catch(() => undefined)
  const handle = await open(file, 'r')
  try {
    const size = (await handle.stat()).size
    const part = partSize ?? partSizeFor(size, PART_SIZE)
    // The parts' CRC32s, read in order into one buffer; the whole file's is combined from them.
    const buffer = Buffer.allocUnsafe(DIGEST_BUFFER)
    const partCrcs: number[] = []
    for (const range of planParts(size, part)) {
      signal?.throwIfAborted()
      partCrcs.push(await crcOfRange(handle, range, buffer))
    }
    const crc = combineParts(partCrcs, part, size)
    const digest: FileDigest = { size, sha256: await sha256, crc32: crc32Base64(crc) }
    if (size > part) digest.parts = { partSize: part, crc32: partCrcs.map(crc32Base64) }
    return digest
  } finally {
    await handle.close()
  }
}

/** The CRC32 of a range of a file, read into `buffer` chunk by chunk. */
async function crcOfRange(handle: FileHandle, range: PartRange, buffer: Buffer): Promise<number> {
  let crc = 0
  for (let position = range.start; position < range.end;) {
    const { bytesRead } = await handle.read(
      buffer,
      0,
      Math.min(buffer.length, range.end - position),
      position,
    )
    if (bytesRead === 0) throw new Error('The file became shorter while it was being read.')
    crc = crc32(buffer.subarray(0, bytesRead), crc)
    position += bytesRead
  }
  return crc
}

/**
 * A command whose body goes unsigned (`x-amz-content-sha256: UNSIGNED-PAYLOAD`), as the SDK sends
 * a stream: the signer would otherwise hash a Buffer body whole on the calling thread (1.5 s of
 * CPU for a 1 GiB upload). The body is still checked: each part carries its CRC32, which S3
 * verifies (S3 API Reference, "Signature Calculations for the Authorization Header: Transferring
 * Payload in a Single Chunk": UNSIGNED-PAYLOAD is one of the accepted values of the header).
 */
function unsignedPayload<C extends object>(command: C): C {
  ;(command as unknown as SdkClient).middlewareStack.add(
    (next) => (args) => {
      const headers = (args as { request?: { headers?: Record<string, string> } }).request?.headers
      if (headers) headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'
      return next(args)
    },
    { step: 'build', name: 'infraActionsUnsignedPayload' },
  )
  return command
}

/** A range of a file read whole into the start of `buffer` (at least the range's size). */
async function readRange(handle: FileHandle, range: PartRange, buffer: Buffer): Promise<Buffer> {
  const size = range.end - range.start
  for (let filled = 0; filled < size;) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, range.start + filled)
    if (bytesRead === 0) throw new Error('The file became shorter while it was being read.')
    filled += bytesRead
  }
  return buffer.subarray(0, size)
}

/** A file's CRC32 from its parts' (in order, each `partSize` bytes but the last). */
function combineParts(partCrcs: number[], partSize: number, size: number): number {
  let crc = 0
  for (const [i, value] of partCrcs.entries())
    crc = crc32Combine(crc, value, Math.min(partSize, size - i * partSize))
  return crc
}

/** A file's size and the SHA-256 declared for it, without reading it (see DeclaredDigest). */
export async function declaredDigest(file: string, sha256: string): Promise<DeclaredDigest> {
  return { size: (await stat(file)).size, sha256 }
}

const isNotFound = (error: unknown): boolean => {
  const code = awsErrorCode(error)
  return code === 'NotFound' || code === 'NoSuchKey' || code === '404'
}

const codeOf = awsErrorCode

export interface UploadOptions {
  /** Computed beforehand (digestFile), or only declared (its CRC32s computed part by part); computed here otherwise. */
  digest?: FileDigest | DeclaredDigest
  metadata?: Record<string, string>
  contentType?: string
  /** Create-only (`If-None-Match: *`): a key that appeared meanwhile fails with ConditionalWriteError. */
  createOnly?: boolean
  partSize?: number
  queueSize?: number
  /** Bytes uploaded so far: after each part, and once at the end of a single PutObject. */
  onProgress?: (loaded: number, total: number) => void
  /**
   * A check that must pass before the object exists: awaited before CompleteMultipartUpload
   * (while the parts go up) or before a single PutObject. Its failure aborts the upload, so that
   * no object and no stored part is left.
   */
  beforeCommit?: () => Promise<void>
}

type UploadParams = { Bucket: string; Key: string; ContentType?: string; Metadata: Record<string, string> }

/**
 * The size of each read of a file while it is sent. 1 MiB against 256 KiB: a 1 GiB upload to
 * the local stand-in took 4.8 s against 5.4 s (medians of six alternated runs), for the same
 * peak memory (8 parts in flight: 164 MiB).
 */
const READ_CHUNK = 1024 * 1024

/**
 * The memory a multipart upload may hold in part buffers (the parts in flight times the part
 * size): up to it, each part is read whole into a buffer its sender uses again for its next part,
 * so that the upload allocates nothing per part (a 1 GiB upload streamed from file ranges
 * allocated 1 GiB of read chunks, and collecting them cost its process about 1 s of CPU); beyond
 * it (parts of more than 8 MiB, files over 78 GiB) the parts are streamed from their ranges.
 */
const PART_BUFFERS = QUEUE_SIZE * PART_SIZE

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

  /**
   * Whether `location` already holds exactly this file (same size, SHA-256 and, when present,
   * CRC32). Only an absent object can be compared with a declared digest (no CRC32 yet).
   */
  static compare(info: ObjectInfo | undefined, digest: FileDigest | DeclaredDigest): SameObject {
    if (!info) return 'absent'
    if (digest.crc32 === undefined)
      throw new Error('An existing object is compared with a file not read yet.')
    const sameSha = info.metadata[SHA256_METADATA] === digest.sha256
    const sameCrc = info.crc32 === undefined || info.crc32 === digest.crc32
    return sameSha && sameCrc && info.size === digest.size ? 'same' : 'different'
  }

  /**
   * Uploads a file: one PutObject up to the part size, else a multipart upload with QUEUE_SIZE
   * parts in flight. S3 verifies the whole object's CRC32; the object's metadata records the
   * SHA-256. Returns the digest and the new object's ETag.
   */
  async upload(
    file: string,
    to: S3Location,
    options: UploadOptions = {},
  ): Promise<FileDigest & { etag: string }> {
    const { size } = await stat(file)
    const partSize = options.partSize ?? partSizeFor(size, PART_SIZE)
    const digest = options.digest ?? (await digestFile(file, partSize))
    if (size !== digest.size)
      throw new Error(`${file} changed while it was being uploaded (its size differs).`)
    const params = {
      Bucket: to.bucket,
      Key: to.key,
      ContentType: options.contentType,
      Metadata: { ...options.metadata, [SHA256_METADATA]: digest.sha256 },
    }
    try {
      return await this.calls.send(`upload ${file} to ${to.uri}`, async (o) => {
        if (size > partSize) {
          const sent = await this.multipart(file, digest, partSize, params, options, o.abortSignal)
          return { ...sent.digest, etag: sent.etag }
        }
        // A single PutObject carries its CRC32 in its headers: a declared digest gets it by a
        // read of the (small) file. A multipart upload computes what its digest lacks part by part.
        const full =
          digest.crc32 === undefined ? await digestFile(file, partSize, o.abortSignal, digest.sha256) : digest
        return { ...full, etag: await this.putFile(file, size, full, params, options, o.abortSignal) }
      })
    } catch (error) {
      if (options.createOnly && (codeOf(error) === 'PreconditionFailed' || isStatus(error, 412))) {
        // A request sent again after its answer was lost (a 5xx, a dropped connection) fails its
        // condition on the object its first attempt created: an object of this very content is
        // this upload's result, not someone else's.
        const info = await this.head(to).catch(() => undefined)
        if (
          info &&
          info.size === digest.size &&
          info.metadata[SHA256_METADATA] === digest.sha256 &&
          info.crc32 !== undefined &&
          (digest.crc32 === undefined || info.crc32 === digest.crc32)
        )
          return { size: digest.size, sha256: digest.sha256, crc32: info.crc32, etag: info.etag }
        throw new ConditionalWriteError(to, `${to.uri} was created by someone else while this upload ran.`)
      }
      throw error
    }
  }

  /** A file up to the part size: one PutObject of a stream, sent again from the start when it fails. */
  private async putFile(
    file: string,
    size: number,
    digest: FileDigest,
    params: UploadParams,
    options: UploadOptions,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    await options.beforeCommit?.()
    const out = await this.sendStreamed(
      `put ${params.Key}`,
      () =>
        new this.sdk.PutObjectCommand({
          ...params,
          Body: size === 0 ? Buffer.alloc(0) : createReadStream(file, { highWaterMark: READ_CHUNK }),
          ContentLength: size,
          ChecksumCRC32: digest.crc32,
          ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
        }),
      signal,
    )
    options.onProgress?.(size, size)
    return out.ETag ?? ''
  }

  /**
   * A multipart upload written here rather than by lib-storage: lib-storage reads a body as a
   * stream and copies every part into a new buffer (8 MiB a part, times the parts in flight),
   * while a file on disk has ranges, so each part is read from its range into a buffer its
   * sender keeps for its next part (or, beyond PART_BUFFERS, streamed from its range): memory is
   * allocated once, whatever the file's size, and the parts' CRC32s come from the pre-pass (the
   * SDK computes no checksum of a request that already carries one). Each part carries its
   * CRC32, which S3 checks; CompleteMultipartUpload carries the whole object's, with `ChecksumType: FULL_OBJECT`
   * (S3 User Guide, "Using full object checksums for multipart upload"), and create-only the
   * `If-None-Match: *` condition (S3 User Guide, "Preventing object overwrites with conditional
   * writes"). On any failure, a cancellation included, the upload is aborted so that no parts
   * are left stored (AbortMultipartUpload).
   */
  private async multipart(
    file: string,
    digest: FileDigest | DeclaredDigest,
    partSize: number,
    params: UploadParams,
    options: UploadOptions,
    signal: AbortSignal | undefined,
  ): Promise<{ etag: string; digest: FileDigest }> {
    // Not cancelled mid-way: a request dropped after S3 created the upload would leave it open
    // with no id to abort it by. A cancellation that came meanwhile aborts it below, unstarted.
    const created = await this.client.send(
      new this.sdk.CreateMultipartUploadCommand({
        ...params,
        ChecksumAlgorithm: 'CRC32',
        ChecksumType: 'FULL_OBJECT',
      }),
    )
    const upload = { Bucket: params.Bucket, Key: params.Key, UploadId: created.UploadId }
    const parts = planParts(digest.size, partSize)
    // The pre-pass's CRC32s when it read these parts; else each part's is computed as it is
    // read to be sent, and the whole file's combined from them.
    const precomputed = digest.parts?.partSize === partSize ? digest.parts.crc32 : undefined
    let handle: FileHandle | undefined
    const crcs: string[] = precomputed ? [...precomputed] : []
    const done: Array<{ PartNumber: number; ETag?: string; ChecksumCRC32?: string }> = []
    // The first failure stops the other parts in flight.
    const stop = new AbortController()
    const partSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal
    const queueSize = Math.min(options.queueSize ?? QUEUE_SIZE, parts.length)
    // Each part read whole into a buffer of its own worker, used again for the worker's next
    // part, when the buffers fit in PART_BUFFERS; else streamed from its range of the file.
    const buffered = partSize * queueSize <= PART_BUFFERS
    let next = 0
    let loaded = 0
    const worker = async (): Promise<void> => {
      const buffer = buffered ? Buffer.allocUnsafeSlow(partSize) : undefined
      const scratch = !buffered && !precomputed ? Buffer.allocUnsafe(DIGEST_BUFFER) : undefined
      while (next < parts.length && !partSignal.aborted) {
        const part: PartRange = parts[next++]
        const body = buffer && handle ? await readRange(handle, part, buffer) : undefined
        if (!precomputed)
          crcs[part.partNumber - 1] = crc32Base64(
            body ? crc32(body) : await crcOfRange(handle as FileHandle, part, scratch as Buffer),
          )
        const checksum = crcs[part.partNumber - 1]
        const out = await this.sendStreamed(
          `part ${part.partNumber} of ${params.Key}`,
          () =>
            unsignedPayload(
              new this.sdk.UploadPartCommand({
                ...upload,
                PartNumber: part.partNumber,
                Body:
                  body ??
                  createReadStream(file, {
                    start: part.start,
                    end: part.end - 1,
                    highWaterMark: READ_CHUNK,
                  }),
                ContentLength: part.end - part.start,
                ChecksumCRC32: checksum,
              }),
            ),
          partSignal,
        )
        done.push({ PartNumber: part.partNumber, ETag: out.ETag, ChecksumCRC32: checksum })
        loaded += part.end - part.start
        options.onProgress?.(loaded, digest.size)
      }
    }
    try {
      if (signal?.aborted) throw signal.reason
      if (buffered || !precomputed) handle = await open(file, 'r')
      const workers = Array.from({ length: queueSize }, worker)
      const settled = await Promise.allSettled(
        workers.map((w) => w.catch((error: unknown) => (stop.abort(error), Promise.reject(error)))),
      )
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      // The failure that stopped the others, not one of the aborts it caused in them.
      if (failed) throw stop.signal.aborted ? stop.signal.reason : failed.reason
      await handle?.close()
      const whole =
        digest.crc32 ??
        crc32Base64(
          combineParts(
            crcs.map((c) => Buffer.from(c, 'base64').readUInt32BE(0)),
            partSize,
            digest.size,
          ),
        )
      await options.beforeCommit?.()
      if (signal?.aborted) throw signal.reason
      done.sort((a, b) => a.PartNumber - b.PartNumber)
      const out = await this.client.send(
        new this.sdk.CompleteMultipartUploadCommand({
          ...upload,
          MultipartUpload: { Parts: done },
          ChecksumCRC32: whole,
          ChecksumType: 'FULL_OBJECT',
          MpuObjectSize: digest.size,
          ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
        }),
        { abortSignal: signal },
      )
      return {
        etag: out.ETag ?? '',
        digest: { size: digest.size, sha256: digest.sha256, crc32: whole, parts: { partSize, crc32: crcs } },
      }
    } catch (error) {
      stop.abort(error)
      await handle?.close().catch(() => undefined)
      // Sent even after a cancellation (no signal), so that no stored parts outlive the run.
      await this.client.send(new this.sdk.AbortMultipartUploadCommand(upload)).catch(() => undefined)
      throw error
    }
  }

  /**
   * Sends a request whose body is a stream of the file. The SDK does not retry a request with a
   * streaming body (it cannot replay a consumed stream), so it is retried here with a fresh
   * stream each attempt, as often as the SDK retries other calls (`max-attempts`): after a 5xx,
   * throttling or a broken connection, not after S3 refused the request itself.
   */
  private async sendStreamed(
    label: string,
    command: () => object,
    signal: AbortSignal | undefined,
  ): Promise<{ ETag?: string }> {
    return retry(
      () => this.client.send(command() as never, { abortSignal: signal }) as Promise<{ ETag?: string }>,
      {
        label,
        attempts: Math.max(1, this.calls.settings.maxAttempts),
        minDelayMs: 100,
        maxDelayMs: 5000,
        signal,
        retryable: (error) => !signal?.aborted && retryableTransfer(error),
      },
    )
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
   * A conditional write carries a random `write-id` in its metadata: the SDK sends a request
   * again when its answer was lost (a 5xx, a dropped connection), and when the first one had
   * landed, the second fails its condition on this very write. A 412 is therefore checked
   * against the object: if it holds this write's id, the write succeeded.
   */
  async putText(location: S3Location, text: string, options: PutTextOptions = {}): Promise<{ etag: string }> {
    const conditional = options.ifMatch !== undefined || options.createOnly === true
    const writeId = conditional ? randomBytes(8).toString('hex') : undefined
    const metadata = writeId ? { ...options.metadata, [WRITE_ID_METADATA]: writeId } : options.metadata
    const ours = async (): Promise<{ etag: string } | undefined> => {
      const now = await this.head(location).catch(() => undefined)
      return now && now.metadata[WRITE_ID_METADATA] === writeId ? { etag: now.etag } : undefined
    }
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
                Metadata: metadata,
                ChecksumAlgorithm: 'CRC32',
                ...(options.ifMatch !== undefined ? { IfMatch: options.ifMatch } : {}),
                ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
              }),
              o,
            ),
          )
          .then((out) => ({ etag: out.ETag ?? '' }))
          .catch(async (error: unknown) => {
            if (conditional && (codeOf(error) === 'PreconditionFailed' || isStatus(error, 412))) {
              const landed = await ours()
              if (landed) return landed
              throw new ConditionalWriteError(
                location,
                options.createOnly
                  ? `${location.uri} was created by someone else meanwhile`
                  : `${location.uri} was changed by someone else since it was read (its ETag is no longer ${options.ifMatch})`,
              )
            }
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

/** Whether a failed transfer request is worth sending again: a 5xx, throttling, or no answer at all. */
export function retryableTransfer(error: unknown): boolean {
  const e = error as { $metadata?: { httpStatusCode?: number }; $retryable?: unknown; name?: string }
  const status = e?.$metadata?.httpStatusCode
  if (e?.name === 'AbortError') return false
  if (status === undefined) return true
  return status >= 500 || status === 429 || e.$retryable !== undefined || codeOf(error) === 'SlowDown'
}

function isStatus(error: unknown, status: number): boolean {
  const e = (error instanceof Error && error.cause ? error.cause : error) as {
    $metadata?: { httpStatusCode?: number }
  }
  return e?.$metadata?.httpStatusCode === status
}
