import type { Logger } from '../common/log'
import { formatDuration } from '../common/log'
import { formatBytes } from './plan'

/** One stream being copied: bytes seen so far against the catalog's estimate. */
export interface Transfer {
  label: string
  estimateBytes: number
  bytes: number
  startedAt: number
}

/**
 * Logs the transfers in flight every few seconds (never per line of output): bytes done against
 * the estimate, the rate and an ETA, and the total so far.
 */
export class Progress {
  private readonly active = new Set<Transfer>()
  private timer: NodeJS.Timeout | undefined
  doneBytes = 0

  constructor(
    private readonly logger: Logger,
    private readonly totalEstimate: number,
    private readonly everyMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  begin(label: string, estimateBytes: number): Transfer {
    const transfer = { label, estimateBytes, bytes: 0, startedAt: this.now() }
    this.active.add(transfer)
    this.timer ??= setInterval(() => this.report(), this.everyMs).unref()
    return transfer
  }

  end(transfer: Transfer): void {
    this.active.delete(transfer)
    this.doneBytes += transfer.bytes
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  lines(): string[] {
    const now = this.now()
    const lines = [...this.active].map((t) => describeTransfer(t, now))
    const total = this.doneBytes + [...this.active].reduce((sum, t) => sum + t.bytes, 0)
    if (this.totalEstimate > 0)
      lines.push(`total: ${formatBytes(total)} of ~${formatBytes(this.totalEstimate)}`)
    return lines
  }

  private report(): void {
    for (const line of this.lines()) this.logger.info(line)
  }
}

export function describeTransfer(t: Transfer, now: number): string {
  const elapsed = Math.max(1, now - t.startedAt)
  const rate = (t.bytes / elapsed) * 1000
  const base = `${t.label}: ${formatBytes(t.bytes)}`
  if (t.estimateBytes <= 0) return `${base} at ${formatBytes(rate)}/s`
  const share = Math.min(0.99, t.bytes / t.estimateBytes)
  const eta =
    rate > 0 && t.bytes < t.estimateBytes
      ? `, ETA ${formatDuration(((t.estimateBytes - t.bytes) / rate) * 1000)}`
      : ''
  return `${base} of ~${formatBytes(t.estimateBytes)} (${Math.round(share * 100)}%) at ${formatBytes(rate)}/s${eta}`
}
