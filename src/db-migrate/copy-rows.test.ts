import { BinaryCopyRows } from './copy-rows'

/** A binary COPY stream written by hand, as the COPY documentation lays it out. */
function stream(tuples: Array<Array<Buffer | null>>, extension = Buffer.alloc(0)): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), u32(0), u32(extension.length), extension]
  for (const tuple of tuples) {
    const count = Buffer.alloc(2)
    count.writeInt16BE(tuple.length)
    parts.push(count)
    for (const value of tuple) {
      const length = Buffer.alloc(4)
      length.writeInt32BE(value === null ? -1 : value.length)
      parts.push(length, value ?? Buffer.alloc(0))
    }
  }
  const trailer = Buffer.alloc(2)
  trailer.writeInt16BE(-1)
  parts.push(trailer)
  return Buffer.concat(parts)
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}

function countIn(data: Buffer, chunk: number): number {
  const rows = new BinaryCopyRows()
  for (let at = 0; at < data.length; at += chunk) rows.update(data.subarray(at, at + chunk))
  return rows.end()
}

describe('BinaryCopyRows', () => {
  // Values that look like field counts, lengths and the trailer, NULLs, empty values, no columns.
  const tuples = [
    [Buffer.from([0xff, 0xff]), null, Buffer.alloc(0)],
    [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.from([0, 0, 0, 2]), null],
    [null, null, null],
    [Buffer.alloc(300, 0xff), Buffer.from('x'), Buffer.from([0xff, 0xff, 0xff, 0xff])],
  ]
  const data = stream(tuples, Buffer.from('ext'))

  it('counts the tuples of a stream cut into chunks of every size, integers split across them', () => {
    for (let chunk = 1; chunk <= data.length; chunk++) expect(countIn(data, chunk)).toBe(4)
  })

  it('counts an empty table, a table without columns and many rows', () => {
    expect(countIn(stream([]), 1)).toBe(0)
    expect(countIn(stream([[], [], []]), 3)).toBe(3)
    const many = stream(Array.from({ length: 10_000 }, (_, i) => [Buffer.from(String(i)), null]))
    expect(countIn(many, 65_536)).toBe(10_000)
    expect(countIn(many, 7)).toBe(10_000)
  })

  it('refuses a stream cut short, one going on after its trailer, and one without the signature', () => {
    for (let cut = 0; cut < data.length; cut++)
      expect(() => countIn(data.subarray(0, cut), 5)).toThrow('The COPY stream ended before its trailer')
    expect(() => countIn(Buffer.concat([data, Buffer.from([0])]), 8)).toThrow(
      'The COPY stream goes on after its trailer',
    )
    const text = Buffer.from('1\tone\n2\ttwo\n\\.\n'.padEnd(40, ' '))
    expect(() => countIn(text, 8)).toThrow('The COPY stream does not start with the binary format signature')
  })

  it('refuses a negative field count other than the trailer, and a length below -1', () => {
    const bad = Buffer.concat([stream([]).subarray(0, 19), Buffer.from([0xff, 0xfe])])
    expect(() => countIn(bad, 4)).toThrow('The COPY stream holds a tuple of -2 fields')
    const length = Buffer.concat([stream([]).subarray(0, 19), Buffer.from([0, 1, 0xff, 0xff, 0xff, 0xfe])])
    expect(() => countIn(length, 4)).toThrow('The COPY stream holds a field of length -2')
  })
})
