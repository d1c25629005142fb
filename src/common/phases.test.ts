import { anySignal, isCancellation, linkedController } from './cancel'
import { CancelledError } from './errors'
import { debugLogger, memoryLogger } from './log'
import { Phases } from './phases'
import { Timeline } from './summary'

describe('Phases', () => {
  it('records each phase on the timeline with its outcome, and names the current one', async () => {
    let t = 0
    const phases = new Phases(new Timeline(() => (t += 10)), 'observe')
    expect(phases.current).toBe('observe')
    await phases.phase('observe', 'Observe', async () => 1)
    await expect(
      phases.phase('apply', 'Apply', async () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(phases.current).toBe('apply')
    await expect(
      phases.untitled('wait', async () => {
        throw new CancelledError('The run was cancelled (SIGINT).')
      }),
    ).rejects.toBeInstanceOf(CancelledError)
    phases.skip(['verify', 'roll back'], 'dry run')
    expect(phases.timeline.phases.map((p) => [p.name, p.outcome, p.note])).toEqual([
      ['observe', 'ok', undefined],
      ['apply', 'failed', undefined],
      ['wait', 'cancelled', undefined],
      ['verify', 'skipped', 'dry run'],
      ['roll back', 'skipped', 'dry run'],
    ])
  })

  it('marks a phase failed that was judged after it ended', async () => {
    const phases = new Phases()
    await phases.phase('wait', 'Wait', async () => undefined)
    phases.markFailed('wait')
    expect(phases.timeline.phases[0].outcome).toBe('failed')
  })
})

describe('cancellation helpers', () => {
  it('recognise the cancellation by class, not by name', () => {
    expect(isCancellation(new CancelledError('x'))).toBe(true)
    expect(isCancellation(Object.assign(new Error('x'), { name: 'CancelledError' }))).toBe(false)
  })

  it('combine signals, ignoring absent ones', () => {
    const a = new AbortController()
    const b = new AbortController()
    expect(anySignal(undefined, a.signal)).toBe(a.signal)
    expect(anySignal(undefined, undefined)).toBeUndefined()
    const both = anySignal(a.signal, b.signal) as AbortSignal
    expect(both.aborted).toBe(false)
    b.abort(new CancelledError('stop'))
    expect(both.aborted).toBe(true)
    expect(both.reason).toEqual(new CancelledError('stop'))
  })
})

describe('linkedController', () => {
  it('aborts with its parent, or on its own without touching the parent', () => {
    const run = new AbortController()
    const part = linkedController(run.signal)
    part.abort(new Error('the other side failed'))
    expect(run.signal.aborted).toBe(false)
    const other = linkedController(run.signal)
    run.abort(new CancelledError('The run was cancelled (SIGTERM).'))
    expect(other.signal.reason).toEqual(new CancelledError('The run was cancelled (SIGTERM).'))
    expect(linkedController(run.signal).signal.aborted).toBe(true)
  })

  it('stops following its parent once disposed', () => {
    const run = new AbortController()
    const part = linkedController(run.signal)
    part.dispose()
    run.abort()
    expect(part.signal.aborted).toBe(false)
  })
})

describe('debugLogger', () => {
  it('sends info lines to debug and keeps warnings', () => {
    const logger = memoryLogger()
    const quiet = debugLogger(logger)
    quiet.info('pg_restore: creating TABLE')
    quiet.warning('careful')
    expect(logger.lines).toEqual(['debug: pg_restore: creating TABLE', 'warning: careful'])
  })
})
