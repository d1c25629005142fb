import { group } from './log'
import { Timeline } from './summary'

/**
 * The phases of a run (observe, plan, apply, wait, verify, roll back, ...). A phase is three
 * things at once: a collapsible log group, an entry on the summary's timeline with its duration
 * and outcome, and the name a cancellation reports ("cancelled during apply: ...").
 */
export class Phases {
  /** The phase running now, or the last one that ran. */
  current: string

  constructor(
    readonly timeline: Timeline = new Timeline(),
    /** What `current` says before the first phase starts. */
    initial = 'start',
  ) {
    this.current = initial
  }

  /** Runs `fn` as the phase `name`, inside a log group titled `title`. */
  async phase<T>(name: string, title: string, fn: () => Promise<T>): Promise<T> {
    this.current = name
    return this.timeline.phase(name, () => group(title, fn))
  }

  /** Runs `fn` as the phase `name` on the timeline, without a log group of its own. */
  async untitled<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.current = name
    return this.timeline.phase(name, fn)
  }

  /** Records phases that did not run, with why (`dry run`, `'wait' is false`). */
  skip(names: string | string[], note?: string): void {
    for (const name of Array.isArray(names) ? names : [names]) this.timeline.skip(name, note)
  }

  /** Marks a phase that ended without an error as failed (its outcome was judged afterwards). */
  markFailed(name: string): void {
    const phase = this.timeline.phases.find((p) => p.name === name)
    if (phase) phase.outcome = 'failed'
  }
}
