/**
 * How a file of known size is cut into the parts of a multipart upload (S3 User Guide, "Amazon
 * S3 multipart upload limits": at most 10,000 parts, each but the last at least 5 MiB).
 */

/** S3's most parts in one multipart upload. */
export const MAX_PARTS = 10_000

/** One part: its number (1-based, as S3 counts) and its byte range in the file, `end` exclusive. */
export interface PartRange {
  partNumber: number
  start: number
  end: number
}

/** The part size for a file: `partSize`, or larger (whole MiB) when the file needs more than MAX_PARTS of it. */
export function partSizeFor(size: number, partSize: number): number {
  const mib = 1024 * 1024
  return Math.max(partSize, Math.ceil(size / MAX_PARTS / mib) * mib)
}

/** The file's parts in order: every one `partSize` long but the last, which holds the rest. */
export function planParts(size: number, partSize: number): PartRange[] {
  if (!(partSize > 0)) throw new Error(`The part size must be positive, not ${partSize}.`)
  const parts: PartRange[] = []
  for (let start = 0, partNumber = 1; start < size; start += partSize, partNumber++)
    parts.push({ partNumber, start, end: Math.min(size, start + partSize) })
  return parts
}
