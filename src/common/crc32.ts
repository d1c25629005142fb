// CRC32 arithmetic for S3's full-object checksums.
function gf2Times(matrix: Uint32Array, vector: number): number {
  let sum = 0
  for (let i = 0, v = vector >>> 0; v !== 0; i++, v >>>= 1) if (v & 1) sum ^= matrix[i]
  return sum >>> 0
}

function gf2Square(square: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(matrix, matrix[n])
}

/**
 * The CRC32 of A followed by B, from the CRC32s of A and B and the length of B (zlib's
 * crc32_combine, which Node's zlib does not expose): len(B) zero bytes applied to A's CRC as a
 * GF(2) matrix power. A file's whole CRC32 so comes from its parts' without a second pass over
 * it, the way S3 combines the parts of a multipart upload into a full-object CRC32 (S3 User
 * Guide, "Checking object integrity": CRCs are "linearizable"). Written here for want of a
 * maintained package that does only this.
 */
export function crc32Combine(crc1: number, crc2: number, length2: number): number {
  if (length2 <= 0) return crc1 >>> 0
  const even = new Uint32Array(32)
  const odd = new Uint32Array(32)
  odd[0] = 0xedb88320
  for (let n = 1, row = 1; n < 32; n++, row = (row << 1) >>> 0) odd[n] = row
  gf2Square(even, odd)
  gf2Square(odd, even)
  let crc = crc1 >>> 0
  let length = length2
  for (;;) {
    gf2Square(even, odd)
    if (length % 2 === 1) crc = gf2Times(even, crc)
    length = Math.floor(length / 2)
    if (length === 0) break
    gf2Square(odd, even)
    if (length % 2 === 1) crc = gf2Times(odd, crc)
    length = Math.floor(length / 2)
    if (length === 0) break
  }
  return (crc ^ crc2) >>> 0
}
