import { randomBytes } from 'node:crypto'
import { checksum, combineChecksums, type ChecksumAlgorithm } from './checksums'

const CRCS: ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME']

describe('combineChecksums', () => {
  // The catalogued check values of "123456789" (reveng's CRC catalogue: CRC-32/ISO-HDLC,
  // CRC-32/ISCSI, CRC-64/NVME), from parts split at every place.
  const CHECK: Record<string, string> = {
    CRC32: 'cbf43926',
    CRC32C: 'e3069283',
    CRC64NVME: 'ae8b14860a799888',
  }
  it.each(CRCS)('gives the %s check value of 123456789 however it is split', (algorithm) => {
    const data = Buffer.from('123456789')
    for (let cut = 0; cut <= data.length; cut++) {
      const parts = [data.subarray(0, cut), data.subarray(cut)].map((part) => ({
        checksum: checksum(algorithm, part),
        size: part.length,
      }))
      expect(Buffer.from(combineChecksums(algorithm, parts) ?? '', 'base64').toString('hex')).toBe(
        CHECK[algorithm],
      )
    }
  })

  it.each(CRCS)('gives the %s of the whole from parts of any sizes', (algorithm) => {
    const sizes = [1, 5 * 1024 * 1024, 3, 70_001, 0]
    const data = randomBytes(sizes.reduce((a, b) => a + b, 0))
    let at = 0
    const parts = sizes.map((size) => {
      const part = data.subarray(at, (at += size))
      return { checksum: checksum(algorithm, part), size }
    })
    expect(combineChecksums(algorithm, parts)).toBe(checksum(algorithm, data))
    expect(combineChecksums(algorithm, parts.slice(0, 1))).toBe(parts[0].checksum)
  })

  it('has no combination for the hashes', () => {
    expect(
      combineChecksums('SHA256', [{ checksum: checksum('SHA256', Buffer.from('a')), size: 1 }]),
    ).toBeUndefined()
  })
})
