// The digests S3 checks on upload (Content-MD5 and the flexible x-amz-checksum-* headers).
// Node has MD5, SHA and CRC32; CRC32C and CRC64NVME are small table-driven CRCs written here
// because no installed package exposes them as a stable API.
import { createHash } from 'node:crypto'
import { crc32 as zlibCrc32 } from 'node:zlib'

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256'
export const CHECKSUM_ALGORITHMS: ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256']

function u32(value: number): Buffer {
  const out = Buffer.alloc(4)
  out.writeUInt32BE(value >>> 0)
  return out
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff
  for (let i = 0; i < data.length; i++) crc = CRC32C_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5), kept as two 32-bit halves for speed.
const CRC64_TABLE = (() => {
  const hi = new Uint32Array(256)
  const lo = new Uint32Array(256)
  const poly = 0x9a6c9329ac4bc9b5n
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n)
    for (let k = 0; k < 8; k++) c = c & 1n ? poly ^ (c >> 1n) : c >> 1n
    hi[n] = Number(c >> 32n)
    lo[n] = Number(c & 0xffffffffn)
  }
  return { hi, lo }
})()

function crc64nvme(data: Uint8Array): Buffer {
  let hi = 0xffffffff
  let lo = 0xffffffff
  for (let i = 0; i < data.length; i++) {
    const index = (lo ^ data[i]) & 0xff
    lo = (((lo >>> 8) | (hi << 24)) ^ CRC64_TABLE.lo[index]) >>> 0
    hi = ((hi >>> 8) ^ CRC64_TABLE.hi[index]) >>> 0
  }
  return Buffer.concat([u32(~hi), u32(~lo)])
}

/** The raw digest of data for an algorithm. */
export function digest(algorithm: ChecksumAlgorithm, data: Uint8Array): Buffer {
  switch (algorithm) {
    case 'CRC32':
      return u32(zlibCrc32(data))
    case 'CRC32C':
      return u32(crc32c(data))
    case 'CRC64NVME':
      return crc64nvme(data)
    case 'SHA1':
      return createHash('sha1').update(data).digest()
    case 'SHA256':
      return createHash('sha256').update(data).digest()
  }
}

/** The reflected polynomial and width of each CRC a full-object checksum may use. */
const CRC_POLYNOMIAL: Partial<Record<ChecksumAlgorithm, { poly: bigint; width: bigint }>> = {
  CRC32: { poly: 0xedb88320n, width: 32n },
  CRC32C: { poly: 0x82f63b78n, width: 32n },
  CRC64NVME: { poly: 0x9a6c9329ac4bc9b5n, width: 64n },
}

/** a(x)·b(x) mod P(x), both in the reflected order the CRCs use (x^0 is the top bit). */
function multiplyModP(a: bigint, b: bigint, poly: bigint, width: bigint): bigint {
  let product = 0n
  for (let bit = 1n << (width - 1n); bit !== 0n; bit >>= 1n) {
    if (a & bit) product ^= b
    b = b & 1n ? (b >> 1n) ^ poly : b >> 1n
  }
  return product
}

/** x^(8·bytes) mod P(x): the shift a CRC undergoes over `bytes` more bytes, by repeated squaring. */
function shiftOver(bytes: number, poly: bigint, width: bigint): bigint {
  let result = 1n << (width - 1n)
  let square = 1n << (width - 9n) // x^8: one byte
  for (let n = BigInt(bytes); n > 0n; n >>= 1n) {
    if (n & 1n) result = multiplyModP(square, result, poly, width)
    square = multiplyModP(square, square, poly, width)
  }
  return result
}

/**
 * The full-object CRC of parts from their own CRCs and sizes, the way S3 derives a multipart
 * upload's FULL_OBJECT checksum ("Checking object integrity": CRCs are linearizable), so that
 * no second pass over the object is needed: crc(A‖B) = crc(A)·x^(8·|B|) mod P ⊕ crc(B), which
 * holds with the CRCs' all-ones start and final inversion (the form of zlib's crc32_combine, as
 * a polynomial product; the action's own combination is a GF(2) matrix power). Undefined for
 * an algorithm that is not a CRC.
 */
export function combineChecksums(
  algorithm: ChecksumAlgorithm,
  parts: Array<{ checksum: string; size: number }>,
): string | undefined {
  const crc = CRC_POLYNOMIAL[algorithm]
  if (!crc) return undefined
  let combined = 0n
  parts.forEach((part, index) => {
    const value = BigInt(`0x${Buffer.from(part.checksum, 'base64').toString('hex')}`)
    combined =
      index === 0
        ? value
        : multiplyModP(shiftOver(part.size, crc.poly, crc.width), combined, crc.poly, crc.width) ^ value
  })
  const hex = combined.toString(16).padStart(Number(crc.width / 4n), '0')
  return Buffer.from(hex, 'hex').toString('base64')
}

/** The base64 digest, as the x-amz-checksum-* headers carry it. */
export function checksum(algorithm: ChecksumAlgorithm, data: Uint8Array): string {
  return digest(algorithm, data).toString('base64')
}

export function md5(data: Uint8Array): Buffer {
  return createHash('md5').update(data).digest()
}

/** The header that carries an algorithm's checksum. */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`
}

/**
 * Removes aws-chunked framing (`<hex-size>[;chunk-signature=...]\r\n<data>\r\n ... 0\r\n<trailers>\r\n`)
 * and returns the payload and the trailing headers (where recent SDKs send x-amz-checksum-*).
 */
export function decodeAwsChunked(body: Buffer): { payload: Buffer; trailers: Record<string, string> } {
  const chunks: Buffer[] = []
  const trailers: Record<string, string> = {}
  let offset = 0
  const readLine = (): string => {
    const end = body.indexOf('\r\n', offset)
    if (end < 0) {
      const rest = body.subarray(offset).toString('latin1')
      offset = body.length
      return rest
    }
    const line = body.subarray(offset, end).toString('latin1')
    offset = end + 2
    return line
  }
  for (;;) {
    if (offset >= body.length) throw new Error('aws-chunked body ended before its final chunk')
    const header = readLine()
    const size = parseInt(header.split(';')[0].trim(), 16)
    if (Number.isNaN(size)) throw new Error(`invalid aws-chunked chunk header '${header}'`)
    if (size === 0) break
    chunks.push(body.subarray(offset, offset + size))
    offset += size
    if (body.subarray(offset, offset + 2).toString('latin1') === '\r\n') offset += 2
  }
  while (offset < body.length) {
    const line = readLine()
    if (line === '') continue
    const colon = line.indexOf(':')
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { payload: Buffer.concat(chunks), trailers }
}
