import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { s3ClientConfig, type AwsSettings } from '../common/aws'
import { attempt, awsErrorCode, UserError } from '../common/errors'
import type { S3Location } from './inputs'

/**
 * The dump's trip through S3: uploaded with lib-storage (multipart for large dumps), its
 * SHA-256 kept in the object's metadata, checked after the upload and again after a download.
 */

const SHA_KEY = 'sha256'

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}

async function s3Client(settings: AwsSettings) {
  const { S3Client } = await import('@aws-sdk/client-s3')
  return new S3Client(s3ClientConfig(settings))
}

export async function uploadFile(
  file: string,
  to: S3Location,
  settings: AwsSettings,
  signal: AbortSignal,
): Promise<string> {
  const { HeadObjectCommand } = await import('@aws-sdk/client-s3')
  const { Upload } = await import('@aws-sdk/lib-storage')
  const client = await s3Client(settings)
  const sha256 = await sha256File(file)
  await attempt(`upload the dump to ${to.uri}`, async () => {
    const upload = new Upload({
      client,
      params: {
        Bucket: to.bucket,
        Key: to.key,
        Body: createReadStream(file),
        Metadata: { [SHA_KEY]: sha256 },
      },
      queueSize: 4,
      partSize: 16 * 1024 * 1024,
    })
    signal.addEventListener('abort', () => void upload.abort(), { once: true })
    await upload.done()
  })
  const head = await attempt(`check the uploaded dump ${to.uri}`, () =>
    client.send(new HeadObjectCommand({ Bucket: to.bucket, Key: to.key }), { abortSignal: signal }),
  )
  if (head.Metadata?.[SHA_KEY] !== sha256) {
    throw new Error(
      `The uploaded dump ${to.uri} does not carry the SHA-256 of the local file; the upload is not trustworthy.`,
    )
  }
  return sha256
}

/** Downloads an object to a file and checks it against the SHA-256 recorded at upload. Returns false when the object does not exist and `optional` is set. */
export async function downloadFile(
  from: S3Location,
  file: string,
  settings: AwsSettings,
  signal: AbortSignal,
  optional = false,
): Promise<boolean> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3')
  const client = await s3Client(settings)
  let expected: string | undefined
  try {
    await attempt(`download ${from.uri}`, async () => {
      const out = await client.send(new GetObjectCommand({ Bucket: from.bucket, Key: from.key }), {
        abortSignal: signal,
      })
      expected = out.Metadata?.[SHA_KEY]
      await pipeline(out.Body as Readable, createWriteStream(file, { mode: 0o600 }))
    })
  } catch (error) {
    const code = awsErrorCode((error as Error).cause)
    if (code === 'NoSuchKey' || code === 'NotFound') {
      if (optional) return false
      throw new UserError(`The dump ${from.uri} does not exist; check 's3-uri'.`)
    }
    throw error
  }
  if (expected !== undefined && (await sha256File(file)) !== expected) {
    throw new Error(
      `The downloaded dump ${from.uri} does not match the SHA-256 recorded when it was uploaded; it is corrupt.`,
    )
  }
  return true
}
