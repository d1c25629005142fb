/**
 * Splitting the largest tables' data into block ranges, so that no job waits while one table
 * copies alone (as pgcopydb's `--split-tables-larger-than` does, decided here from the sizes).
 * Each range is read with a TID range scan (`WHERE ctid >= '(from,0)' AND ctid < '(to,0)'`),
 * which PostgreSQL 14 and later execute by reading only those blocks
 * (https://www.postgresql.org/docs/14/release-14.html: "Allow efficient retrieval of heap rows
 * via tid ranges"); older sources copy every table whole. Pure.
 */

/** Blocks `[from, to)` of a table's main fork; `to` undefined: to the end, whatever its size. */
export interface BlockRange {
  from: number
  to?: number
}

export interface SplitCandidate {
  oid: number
  /** Heap plus TOAST, as the schedule orders by. */
  bytes: number
  /** Blocks of the main fork when read. */
  blocks: number
}

/** Tables below this are never split: a part loses COPY FREEZE, which pays off only on large tables. */
export const MIN_SPLIT_BYTES = 64 * 2 ** 20

/**
 * The tables worth splitting and their ranges: a table larger than one job's fair share of all
 * the data (the total over `jobs`) would keep one job busy after the others ran out of work, so
 * it is cut into as many ranges as shares it holds, at most `jobs`. The last range is open-ended,
 * so a row in a block added after the size was read is still copied.
 */
export function splitTables(
  tables: readonly SplitCandidate[],
  jobs: number,
  minBytes = MIN_SPLIT_BYTES,
): Map<number, BlockRange[]> {
  const split = new Map<number, BlockRange[]>()
  if (jobs < 2) return split
  const share = tables.reduce((sum, t) => sum + t.bytes, 0) / jobs
  for (const table of tables) {
    if (table.bytes < minBytes || table.bytes <= share) continue
    const parts = Math.min(jobs, Math.ceil(table.bytes / share), table.blocks)
    if (parts < 2) continue
    const bounds = Array.from({ length: parts - 1 }, (_, i) => Math.round(((i + 1) * table.blocks) / parts))
    const ranges: BlockRange[] = bounds.map((to, i) => ({ from: i === 0 ? 0 : bounds[i - 1], to }))
    split.set(table.oid, [...ranges, { from: bounds[parts - 2] }])
  }
  return split
}

/** The WHERE clause selecting a range's rows (bounds are integers, so nothing reaches SQL unchecked). */
export function rangeCondition(range: BlockRange): string {
  const at = (block: number): string => {
    if (!Number.isSafeInteger(block) || block < 0) throw new Error(`Invalid block number ${block}`)
    return `'(${block},0)'::tid`
  }
  at(range.from)
  if (range.to !== undefined) at(range.to)
  const conditions = [
    ...(range.from > 0 ? [`ctid >= ${at(range.from)}`] : []),
    ...(range.to === undefined ? [] : [`ctid < ${at(range.to)}`]),
  ]
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`
}

/** How a log line names a range: `blocks 0 to 58139`, `blocks 58140 to the end`. */
export function describeRange(range: BlockRange): string {
  return range.to === undefined
    ? `blocks ${range.from} to the end`
    : `blocks ${range.from} to ${range.to - 1}`
}
