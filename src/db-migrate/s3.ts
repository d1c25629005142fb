import { AwsCalls, type AwsSettings } from '../common/aws'
import { awsErrorCode, UserError } from '../common/errors'
import type { S3Location } from '../common/inputs'
import { S3Transfer, SHA256_METADATA } from '../common/s3'
import { INPUT } from './inputs'

/**
 * The dump's trip through S3 (src/common/s3.ts does the transfer): uploaded with its SHA-256
 * in the object's metadata and checked after the upload, then checked again after a download.
 * Every S3 failure a user can fix (a missing bucket, refused credentials, another region) is one
 * sentence naming the bucket or object and the input to correct; the SDK's error stays its cause.
 */

/**
 * Checks, before anything is dumped, that the bucket exists and that the dump and its manifest
 * may be written there, without writing either: a multipart upload is created (which needs
 * s3:PutObject) and aborted at once (S3 API Reference, CreateMultipartUpload and
 * AbortMultipartUpload), so no object appears.
 */
export async function checkWritable(
  places: S3Location[],
  settings: AwsSettings,
  signal: AbortSignal,
): Promise<void> {
  const s3 = await S3Transfer.connect(new AwsCalls(settings, signal))
  for (const place of places) {
    const problem = await s3.writeProblem(place).catch((error: unknown) => {
      throw describeS3Error(error, 'write', place, settings)
    })
    if (problem === undefined) continue
    throw /does not exist/.test(problem)
      ? missingBucket(place, settings, 'NoSuchBucket')
      : new UserError(
          `These credentials may not write ${place.uri} (AccessDenied, checked before dumping anything); grant s3:PutObject and s3:AbortMultipartUpload on it or correct input '${INPUT.s3Uri}'.`,
        )
  }
}

export async function uploadFile(
  file: string,
  to: S3Location,
  settings: AwsSettings,
  signal: AbortSignal,
): Promise<string> {
  const s3 = await S3Transfer.connect(new AwsCalls(settings, signal))
  const uploaded = await s3.upload(file, to).catch((error: unknown) => {
    throw describeS3Error(error, 'write', to, settings)
  })
  const problem = await s3.verify(to, uploaded)
  if (problem) throw new Error(`The uploaded dump is not trustworthy: ${problem}.`)
  return uploaded.sha256
}

export interface Downloaded {
  sha256: string
  /** Whether the object's metadata recorded a SHA-256 at upload, which the download then matched. */
  checked: boolean
}

/**
 * Downloads an object to a file and checks it against the SHA-256 recorded at upload. Returns
 * undefined when the object does not exist and `optional` is set.
 */
export async function downloadFile(
  from: S3Location,
  file: string,
  settings: AwsSettings,
  signal: AbortSignal,
  optional = false,
): Promise<Downloaded | undefined> {
  const s3 = await S3Transfer.connect(new AwsCalls(settings, signal))
  const fail = (error: unknown): never => {
    throw describeS3Error(error, 'read', from, settings)
  }
  const head = await s3.head(from).catch(fail)
  const sha256 = head ? await s3.download(from, file).catch(fail) : undefined
  if (sha256 !== undefined) return { sha256, checked: head?.metadata[SHA256_METADATA] !== undefined }
  if (optional) return undefined
  throw new UserError(`The dump ${from.uri} does not exist; check '${INPUT.s3Uri}'.`)
}

function missingBucket(place: S3Location, settings: AwsSettings, code: string): UserError {
  return new UserError(
    `Bucket ${place.bucket} does not exist in the account and region (${settings.region}) of the credentials (${code}); create it or correct input '${INPUT.s3Uri}'.`,
  )
}

/**
 * One sentence for the S3 errors a user can fix, by AWS's error code (S3 API Reference, "Error
 * responses", list of error codes); any other error is returned as it is.
 */
export function describeS3Error(
  error: unknown,
  access: 'read' | 'write',
  place: S3Location,
  settings: AwsSettings,
): Error {
  const code = awsErrorCode(error)
  const permission = access === 'write' ? 's3:PutObject' : 's3:GetObject'
  const sentence = (text: string): UserError => new UserError(text, { cause: error })
  switch (code) {
    case 'NoSuchBucket':
      return Object.assign(missingBucket(place, settings, code), { cause: error })
    case 'AccessDenied':
    case 'Forbidden':
    case '403':
      return sentence(
        `These credentials may not ${access} ${place.uri} (${code}); grant ${permission} on it or correct input '${INPUT.s3Uri}'.`,
      )
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
    case 'IllegalLocationConstraintException':
      return sentence(
        `Bucket ${place.bucket} is not in region ${settings.region} (${code}); set input '${INPUT.region}' to the bucket's region.`,
      )
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'ExpiredToken':
    case 'InvalidToken':
      return sentence(
        `S3 refused the AWS credentials while trying to ${access} ${place.uri} (${code}); check the step that configures them.`,
      )
    default:
      return error instanceof Error ? error : new Error(String(error))
  }
}
