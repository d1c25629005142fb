/**
 * A count with its noun in the right number, for log lines and summaries: `count(1, 'index',
 * 'indexes')` is `1 index`, `count(3, 'object')` is `3 objects`.
 */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
