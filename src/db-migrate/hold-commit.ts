import { Transform, type TransformCallback } from 'node:stream'

const COMMIT_LINE = Buffer.from('\nCOMMIT;\n')

/** How much of the script's end is held back while looking for its COMMIT; only comments follow it. */
const TAIL_BYTES = 64 * 1024

/**
 * Passes pg_restore's script through, except its final `COMMIT;` and what follows it (the closing
 * comment and psql's `\unrestrict` line), kept in `rest`. A script not ending that way (pg_restore
 * stopped early, or was run without --single-transaction) is an error, so it never reaches a commit.
 * Written by hand: the split point must be found in a stream too large to hold.
 */
export class HoldCommit extends Transform {
  private held: Buffer = Buffer.alloc(0)
  /** Everything after the held-back COMMIT, once the stream has ended. */
  rest = ''
  bytes = 0

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length
    this.held = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk])
    if (this.held.length > 2 * TAIL_BYTES) {
      const cut = this.held.length - TAIL_BYTES
      this.push(this.held.subarray(0, cut))
      this.held = this.held.subarray(cut)
    }
    done()
  }

  override _flush(done: TransformCallback): void {
    const at = this.held.lastIndexOf(COMMIT_LINE)
    const after = at < 0 ? '' : this.held.subarray(at + COMMIT_LINE.length).toString('utf8')
    const onlyTrailer = after
      .split('\n')
      .every((line) => line.trim() === '' || line.startsWith('--') || line.startsWith('\\unrestrict '))
    if (at < 0 || !onlyTrailer) {
      done(
        new Error("pg_restore's script does not end with the transaction's COMMIT; nothing was committed."),
      )
      return
    }
    this.push(this.held.subarray(0, at + 1))
    this.rest = after
    this.held = Buffer.alloc(0)
    done()
  }
}
