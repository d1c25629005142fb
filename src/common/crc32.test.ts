import { randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { crc32Combine } from './crc32'

describe('crc32Combine', () => {
  it.each([
    [0, 10],
    [1, 1],
    [1000, 7],
    [5 * 1024 * 1024, 3 * 1024 * 1024 + 17],
  ])('gives the CRC32 of two byte strings joined (%i then %i bytes), as zlib computes it', (a, b) => {
    const first = randomBytes(a)
    const second = randomBytes(b)
    expect(crc32Combine(crc32(first), crc32(second), second.length)).toBe(
      crc32(Buffer.concat([first, second])),
    )
  })

  it('leaves a CRC as it is when nothing follows', () => {
    expect(crc32Combine(crc32(Buffer.from('abc')), 0, 0)).toBe(crc32(Buffer.from('abc')))
  })
})
