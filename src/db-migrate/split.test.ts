import { describeRange, MIN_SPLIT_BYTES, rangeCondition, splitTables, type BlockRange } from './split'

const MiB = 2 ** 20
const BLOCK = 8192

/** Every block from 0 to `blocks - 1` falls in exactly one range, counted by walking them one by one. */
function coverage(ranges: BlockRange[], blocks: number): number[] {
  const hits = new Array<number>(blocks + 10).fill(0)
  for (let block = 0; block < hits.length; block++)
    for (const r of ranges) if (block >= r.from && (r.to === undefined || block < r.to)) hits[block]++
  return hits
}

describe('splitTables', () => {
  const table = (oid: number, mib: number) => ({
    oid,
    bytes: mib * MiB,
    blocks: Math.round((mib * MiB) / BLOCK),
  })

  it('splits a table holding most of the data into one range per job', () => {
    const split = splitTables([table(1, 909), table(2, 30), table(3, 23), table(4, 13), table(5, 3)], 2)
    expect([...split.keys()]).toEqual([1])
    const ranges = split.get(1)!
    expect(ranges).toHaveLength(2)
    expect(ranges[0]).toEqual({ from: 0, to: 58176 })
    expect(ranges[1]).toEqual({ from: 58176 })
  })

  it('cuts a dominant table into as many ranges as fair shares it holds, at most jobs', () => {
    const ranges = splitTables([table(1, 900), table(2, 100)], 4).get(1)!
    expect(ranges).toHaveLength(4)
    expect(splitTables([table(1, 600), table(2, 400)], 8).get(1)).toHaveLength(5)
  })

  it('covers every block exactly once, the last range open-ended', () => {
    for (const blocks of [2, 3, 7, 1000, 116_351]) {
      for (const jobs of [2, 3, 4, 8]) {
        const ranges = splitTables([{ oid: 1, bytes: 10 * MIN_SPLIT_BYTES, blocks }], jobs).get(1)!
        expect(coverage(ranges, blocks).every((hits) => hits === 1)).toBe(true)
        expect(ranges.at(-1)!.to).toBeUndefined()
        expect(ranges.every((r) => r.to === undefined || r.to > r.from)).toBe(true)
      }
    }
  })

  it('leaves tables alone when they fit in a share, are small, or there is one job', () => {
    expect(splitTables([table(1, 500), table(2, 500)], 2).size).toBe(0)
    expect(splitTables([table(1, 60), table(2, 1)], 2).size).toBe(0)
    expect(splitTables([table(1, 900), table(2, 1)], 1).size).toBe(0)
    expect(splitTables([{ oid: 1, bytes: 900 * MiB, blocks: 1 }], 2).size).toBe(0)
  })
})

describe('rangeCondition', () => {
  it('selects the blocks of a range by TID', () => {
    expect(rangeCondition({ from: 0, to: 100 })).toBe(`WHERE ctid < '(100,0)'::tid`)
    expect(rangeCondition({ from: 100, to: 200 })).toBe(
      `WHERE ctid >= '(100,0)'::tid AND ctid < '(200,0)'::tid`,
    )
    expect(rangeCondition({ from: 200 })).toBe(`WHERE ctid >= '(200,0)'::tid`)
  })

  it('refuses anything but a block number', () => {
    expect(() => rangeCondition({ from: 1.5 })).toThrow('Invalid block number')
    expect(() => rangeCondition({ from: -1 })).toThrow('Invalid block number')
  })
})

describe('describeRange', () => {
  it('names the blocks inclusively', () => {
    expect(describeRange({ from: 0, to: 58176 })).toBe('blocks 0 to 58175')
    expect(describeRange({ from: 58176 })).toBe('blocks 58176 to the end')
  })
})
