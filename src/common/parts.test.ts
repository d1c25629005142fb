import { MAX_PARTS, partSizeFor, planParts } from './parts'

const MiB = 1024 * 1024

describe('planParts', () => {
  it('cuts a file into parts of the part size and a shorter last one', () => {
    expect(planParts(12 * MiB + 17, 5 * MiB)).toEqual([
      { partNumber: 1, start: 0, end: 5 * MiB },
      { partNumber: 2, start: 5 * MiB, end: 10 * MiB },
      { partNumber: 3, start: 10 * MiB, end: 12 * MiB + 17 },
    ])
  })

  it('makes no empty last part when the size is a multiple of the part size', () => {
    expect(planParts(10 * MiB, 5 * MiB).map((p) => p.end - p.start)).toEqual([5 * MiB, 5 * MiB])
  })

  it('covers every byte once', () => {
    const parts = planParts(1000 * MiB + 1, 8 * MiB)
    expect(parts[0].start).toBe(0)
    parts.slice(1).forEach((p, i) => expect(p.start).toBe(parts[i].end))
    expect(parts[parts.length - 1].end).toBe(1000 * MiB + 1)
  })

  it('refuses a part size that is not positive', () => {
    expect(() => planParts(10, 0)).toThrow('The part size must be positive, not 0.')
  })
})

describe('partSizeFor', () => {
  it('keeps the part size while the file fits in 10,000 parts', () => {
    expect(partSizeFor(1024 * MiB, 8 * MiB)).toBe(8 * MiB)
    expect(partSizeFor(MAX_PARTS * 8 * MiB, 8 * MiB)).toBe(8 * MiB)
  })

  it('grows it, by whole MiB, for a file that would need more', () => {
    const size = MAX_PARTS * 8 * MiB + 1
    expect(partSizeFor(size, 8 * MiB)).toBe(9 * MiB)
    expect(planParts(size, partSizeFor(size, 8 * MiB)).length).toBeLessThanOrEqual(MAX_PARTS)
  })
})
