import { AwsCalls, type AwsSettings } from '../common/aws'
import { UserError } from '../common/errors'
import type { S3Location } from '../common/inputs'
import { S3Transfer } from '../common/s3'

/**
 * The dump's trip through S3 (src/common/s3.ts does the transfer): uploaded with its SHA-256
 * in the object's metadata and checked after the upload, then checked again after a download.
 */

export async function uploadFile(
  file: string,
  to: S3Location,
  settings: AwsSettings,
  signal: AbortSignal,
): Promise<string> {
  const s3 = await S3Transfer.connect(new AwsCalls(settings, signal))
  const uploaded = await s3.upload(file, to)
  const problem = await s3.verify(to, uploaded)
  if (problem) throw new Error(`The uploaded dump is not trustworthy: ${problem}.`)
  return uploaded.sha256
}

/** Downloads an object to a file and checks it against the SHA-256 recorded at upload. Returns false when the object does not exist and `optional` is set. */
export async function downloadFile(
  from: S3Location,
  file: string,
  settings: AwsSettings,
  signal: AbortSignal,
  optional = false,
): Promise<boolean> {
  const s3 = await S3Transfer.connect(new AwsCalls(settings, signal))
  const sha256 = await s3.download(from, file)
  if (sha256 !== undefined) return true
  if (optional) return false
  throw new UserError(`The dump ${from.uri} does not exist; check 's3-uri'.`)
}
