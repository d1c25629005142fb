import type { Logger } from '../common/log'
import type { Phases } from '../common/phases'
import type { Inputs } from './inputs'
import type { Report } from './report'
import type { ToolContext } from './tools'

/** What every mode's run carries: its inputs, the report being filled, its phases and a work folder. */
export interface Run<I extends Inputs = Inputs> {
  inputs: I
  report: Report
  phases: Phases
  workDir: string
  logger: Logger
  signal: AbortSignal
}

export function toolContext(run: Run, client: ToolContext['client']): ToolContext {
  const { inputs } = run
  return {
    client,
    logger: run.logger,
    signal: run.signal,
    timeoutMs: inputs.timeoutMs,
    // pg_restore never restores owners or grants itself: access.ts carries them, one statement at a time.
    noOwner: true,
    noPrivileges: true,
    ignore: inputs.ignoreErrors,
  }
}
