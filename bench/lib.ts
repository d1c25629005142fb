/**
 * The benchmark runner's contract. A scenario measures our figure and the peer tool's figure
 * in the same run, on the same machine, and returns tables for the Markdown report and raw data
 * for the JSON report. Benchmarks never take part in `npm test`.
 */

export interface BenchTable {
  title: string
  headers: string[]
  rows: Array<Array<string | number>>
  notes?: string[]
}

export interface BenchContext {
  /** The repository root. */
  root: string
  /** The Node 24 binary the bundles run on (as `runs.using: node24` does). */
  node24: string
  /** `--key value` options given after `npm run bench --`, e.g. `--size small`. */
  options: Record<string, string>
  log(message: string): void
}

export interface ScenarioResult {
  tables: BenchTable[]
  data: unknown
}

export interface Scenario {
  id: string
  title: string
  run(context: BenchContext): Promise<ScenarioResult>
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export const ms = (value: number): string => `${value.toFixed(0)} ms`
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`
