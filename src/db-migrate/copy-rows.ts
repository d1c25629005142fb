/**
 * Counts the rows of a COPY stream in PostgreSQL's binary format as it passes, chunk by chunk:
 * the 11-byte signature, a 32-bit flags field and a 32-bit header extension length (then that
 * many bytes), then each tuple as a 16-bit field count and, per field, a 32-bit length (-1 for
 * NULL) and that many bytes, and a trailer of -1 as the field count; every integer in network
 * byte order (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"). Only the
 * lengths are read, never the values. `update` never throws (it runs in a stream's data handler);
 * `end` throws unless the stream was well formed and ended right after its trailer.
 */
export class BinaryCopyRows {
  private static readonly SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')
  /** The bytes of an integer (or the header) split across chunks, gathered until whole. */
  private readonly pending = Buffer.alloc(19)
  private pendingLength = 0
  private state: 'header' | 'extension' | 'count' | 'length' | 'value' | 'trailer' = 'header'
  /** Bytes still to skip (the header extension or a value). */
  private skip = 0
  /** Fields of the current tuple whose lengths are still to read. */
  private fields = 0
  private rows = 0
  private error: Error | undefined

  update(chunk: Buffer): void {
    if (this.error) return
    try {
      this.consume(chunk)
    } catch (error) {
      this.error = error as Error
    }
  }

  /** The rows of the whole stream. */
  end(): number {
    if (this.error) throw this.error
    if (this.state !== 'trailer') throw new Error('The COPY stream ended before its trailer')
    return this.rows
  }

  private consume(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length) {
      if (this.state === 'trailer') throw new Error('The COPY stream goes on after its trailer')
      if (this.pendingLength === 0 && (this.state === 'count' || this.state === 'length')) {
        at = this.tuples(chunk, at)
        // Unless an integer runs past the chunk's end: its bytes are gathered below.
        if (at === chunk.length || (this.state !== 'count' && this.state !== 'length')) continue
      }
      if (this.state === 'extension' || this.state === 'value') {
        const taken = Math.min(this.skip, chunk.length - at)
        at += taken
        this.skip -= taken
        if (this.skip === 0) this.next()
        continue
      }
      const size = this.state === 'header' ? 19 : this.state === 'count' ? 2 : 4
      // The common case, an integer whole in this chunk, is read in place.
      let word: Buffer
      let offset: number
      if (this.pendingLength === 0 && chunk.length - at >= size) {
        word = chunk
        offset = at
        at += size
      } else {
        const taken = Math.min(size - this.pendingLength, chunk.length - at)
        chunk.copy(this.pending, this.pendingLength, at, at + taken)
        this.pendingLength += taken
        at += taken
        if (this.pendingLength < size) continue
        this.pendingLength = 0
        word = this.pending
        offset = 0
      }
      this.read(word, offset)
    }
  }

  /**
   * The fast path, for the bulk of a stream: field counts and lengths read straight from the
   * chunk from `at`, values skipped, until an integer or a value runs past its end (left to
   * `consume`, which gathers the integer's bytes) or the trailer. Returns where it stopped.
   */
  private tuples(chunk: Buffer, at: number): number {
    const end = chunk.length
    let { fields, rows } = this
    let counting = this.state === 'count'
    try {
      for (;;) {
        if (counting) {
          if (at + 2 > end) return at
          const word = (chunk[at] << 8) | chunk[at + 1]
          at += 2
          if (word === 0xffff) {
            this.state = 'trailer'
            return at
          }
          if (word & 0x8000) throw new Error(`The COPY stream holds a tuple of ${word - 0x10000} fields`)
          rows++
          fields = word
          counting = fields === 0
          continue
        }
        if (at + 4 > end) return at
        // A signed 32-bit length: JavaScript's << works on signed 32-bit integers.
        const length = (chunk[at] << 24) | (chunk[at + 1] << 16) | (chunk[at + 2] << 8) | chunk[at + 3]
        at += 4
        if (length < -1) throw new Error(`The COPY stream holds a field of length ${length}`)
        fields--
        if (length > end - at) {
          this.skip = length - (end - at)
          this.state = 'value'
          return end
        }
        if (length > 0) at += length
        counting = fields === 0
      }
    } finally {
      this.fields = fields
      this.rows = rows
      if (this.state === 'count' || this.state === 'length') this.state = counting ? 'count' : 'length'
    }
  }

  private read(word: Buffer, offset: number): void {
    if (this.state !== 'header') {
      // A field count or length gathered across chunks: read as the fast path reads them.
      this.tuples(word.subarray(offset, offset + (this.state === 'count' ? 2 : 4)), 0)
      return
    }
    if (!word.subarray(offset, offset + 11).equals(BinaryCopyRows.SIGNATURE))
      throw new Error('The COPY stream does not start with the binary format signature')
    this.skip = word.readUInt32BE(offset + 15)
    this.state = 'extension'
    if (this.skip === 0) this.next()
  }

  /** After the header, or a value or field count: the next field's length, or the next tuple. */
  private next(): void {
    this.state = this.fields > 0 ? 'length' : 'count'
  }
}
