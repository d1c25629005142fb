/**
 * A count with its noun in the right number, for log lines and summaries: `count(1, 'index',
 * 'indexes')` is `1 index`, `count(3, 'object')` is `3 objects`.
 */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${plural(n, one, many)}`
}

/** The noun alone, in the number `n` asks for: `plural(2, 'batch', 'batches')` is `batches`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many
}
