/**
 * Scripted time. Behaviours read `clock.now()` instead of `Date.now()`, so a test can move time
 * forward (`advance`) or stop it (`freeze`) to make an invalidation or a deployment finish at once.
 */
export class Clock {
  private offsetMs = 0
  private frozenAt: number | undefined

  nowMs(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs
  }

  now(): Date {
    return new Date(this.nowMs())
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms
    else this.offsetMs += ms
  }

  set(time: Date | number): void {
    const target = typeof time === 'number' ? time : time.getTime()
    if (this.frozenAt !== undefined) this.frozenAt = target
    else this.offsetMs = target - Date.now()
  }

  freeze(): void {
    this.frozenAt ??= this.nowMs()
  }

  unfreeze(): void {
    if (this.frozenAt === undefined) return
    this.offsetMs = this.frozenAt - Date.now()
    this.frozenAt = undefined
  }

  reset(): void {
    this.offsetMs = 0
    this.frozenAt = undefined
  }
}

/** When something that progresses over time (an invalidation, a deployment) reaches its end. */
export interface ProgressPlan {
  /** Done once this many polls have observed it unfinished. */
  afterPolls?: number
  /** Done once this much clock time has passed since it started. */
  afterMs?: number
}

/**
 * Progress of one long-running resource: finished when either limit of its plan is reached
 * (a plan with neither limit finishes at once). Behaviours call `poll()` from their Describe/Get
 * handlers, so progress can be scripted per poll or in time.
 */
export class Progress {
  private polls = 0
  private readonly startedMs: number
  private forced: boolean | undefined

  constructor(
    private readonly clock: Clock,
    private readonly plan: ProgressPlan,
  ) {
    this.startedMs = clock.nowMs()
  }

  /** Whether it is finished, without counting a poll. */
  get done(): boolean {
    if (this.forced !== undefined) return this.forced
    const { afterPolls, afterMs } = this.plan
    if (afterPolls === undefined && afterMs === undefined) return true
    if (afterPolls !== undefined && this.polls >= afterPolls) return true
    return afterMs !== undefined && this.clock.nowMs() - this.startedMs >= afterMs
  }

  /** Counts one observation and says whether it is finished (the observation that finishes it sees it done). */
  poll(): boolean {
    if (this.done) return true
    this.polls += 1
    return false
  }

  /** Finishes it now (true) or holds it unfinished until told otherwise (false). */
  force(done: boolean): void {
    this.forced = done
  }
}
