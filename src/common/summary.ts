import { appendFile } from 'node:fs/promises'
import { isCancellation } from './cancel'
import type { Logger } from './log'
import { formatDuration } from './log'
import { redact } from './secrets'
import { VERSION } from './version'

/**
 * Job summary building blocks: a heading, result tables, a timeline of phases, links, and a
 * collapsed block of inputs with secrets removed. Everything written passes through
 * `redact()`; failing to write the summary is only a warning.
 */

export type Cell = string | number | boolean | undefined

export interface Phase {
  name: string
  startedAt: number
  endedAt?: number
  outcome?: 'ok' | 'failed' | 'skipped' | 'cancelled'
  note?: string
}

/** Records the phases of a run (observe, plan, apply, wait, verify, roll back) with their times. */
export class Timeline {
  readonly phases: Phase[] = []
  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `fn` as a phase, recording its duration and outcome. */
  async phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const phase: Phase = { name, startedAt: this.now() }
    this.phases.push(phase)
    try {
      const result = await fn()
      phase.outcome ??= 'ok'
      return result
    } catch (error) {
      phase.outcome = isCancellation(error) ? 'cancelled' : 'failed'
      throw error
    } finally {
      phase.endedAt = this.now()
    }
  }

  skip(name: string, note?: string): void {
    const at = this.now()
    this.phases.push({ name, startedAt: at, endedAt: at, outcome: 'skipped', note })
  }

  rows(): Cell[][] {
    const origin = this.phases[0]?.startedAt ?? 0
    return this.phases.map((p) => [
      p.name,
      `+${formatDuration(p.startedAt - origin)}`,
      p.endedAt === undefined ? 'running' : formatDuration(p.endedAt - p.startedAt),
      OUTCOME_TEXT[p.outcome ?? 'ok'] + (p.note ? ` ${p.note}` : ''),
    ])
  }
}

const OUTCOME_TEXT: Record<NonNullable<Phase['outcome']>, string> = {
  ok: '✅',
  failed: '❌',
  skipped: '⏭️',
  cancelled: '⏹️',
}

function escapeCell(cell: Cell): string {
  if (cell === undefined || cell === '') return ' '
  return String(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

/** Renders a Markdown table (GitHub renders Markdown in the summary). */
export function markdownTable(headers: string[], rows: Cell[][]): string {
  const lines = [`| ${headers.map(escapeCell).join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`]
  for (const row of rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`)
  return lines.join('\n')
}

export class SummaryBuilder {
  private readonly parts: string[] = []

  heading(text: string, level = 2): this {
    this.parts.push(`${'#'.repeat(level)} ${text}`)
    return this
  }

  paragraph(text: string): this {
    this.parts.push(text)
    return this
  }

  table(headers: string[], rows: Cell[][]): this {
    if (rows.length > 0) this.parts.push(markdownTable(headers, rows))
    return this
  }

  /** A two-column table of facts. */
  facts(facts: Array<[string, Cell]>): this {
    return this.table(
      ['', ''],
      facts.filter(([, v]) => v !== undefined),
    )
  }

  timeline(timeline: Timeline): this {
    this.parts.push('**Timeline**')
    return this.table(['Phase', 'Started', 'Took', 'Result'], timeline.rows())
  }

  link(text: string, url: string): this {
    this.parts.push(`[${text}](${url})`)
    return this
  }

  details(label: string, body: string): this {
    this.parts.push(`<details><summary>${label}</summary>\n\n${body}\n\n</details>`)
    return this
  }

  /** The AWS calls of the run per operation, collapsed (nothing when there were none). */
  awsCalls(counts: Array<[string, number]>): this {
    if (counts.length === 0) return this
    const total = counts.reduce((n, [, c]) => n + c, 0)
    return this.details(
      `AWS calls (${total})`,
      markdownTable(
        ['Operation', 'Calls'],
        counts.map(([operation, n]) => [operation, n]),
      ),
    )
  }

  /** The inputs the action ran with, collapsed; secret inputs are shown as ***. */
  inputs(values: Record<string, Cell>, secretNames: readonly string[] = []): this {
    const rows = Object.entries(values).map(([name, value]) => [
      `\`${name}\``,
      secretNames.includes(name) && value !== undefined && value !== '' ? '***' : value,
    ])
    return this.details('Inputs', markdownTable(['Input', 'Value'], rows))
  }

  toMarkdown(): string {
    return redact(`${this.parts.join('\n\n')}\n\n<sub>infra-actions ${VERSION}</sub>\n`)
  }

  /**
   * Appends to the job summary file. Never throws: a summary failure is a warning. (A plain
   * append rather than core.summary, which remembers the first file it wrote for the life of
   * the process.)
   */
  async write(logger: Logger): Promise<void> {
    const file = process.env.GITHUB_STEP_SUMMARY
    if (!file) {
      logger.debug('GITHUB_STEP_SUMMARY is not set; the job summary is not written.')
      return
    }
    try {
      await appendFile(file, this.toMarkdown())
    } catch (error) {
      logger.warning(`Could not write the job summary: ${(error as Error).message}`)
    }
  }
}
