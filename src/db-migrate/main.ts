import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ActionContext } from '../common/action'
import { errorMessage } from '../common/errors'
import { redact } from '../common/secrets'
import { Phases } from '../common/phases'
import { ApplyFailure } from './apply'
import { runBackup } from './mode-backup'
import { runCopy } from './mode-copy'
import { runRestore } from './mode-restore'
import { getInputs } from './inputs'
import { setOutputs, writeSummary, type Report } from './report'

/**
 * db-migrate: reads the inputs, runs the mode (each in its own file, top to bottom: pre-flight
 * (observe, read-only) -> plan (pure) -> apply (strategy) -> verify: mode-copy.ts, mode-backup.ts,
 * mode-restore.ts), and reports: outputs and the job summary, whatever the outcome.
 */
export async function main({ signal, logger }: ActionContext): Promise<void> {
  const phases = new Phases()
  const inputs = getInputs()
  const report: Report = { inputs, warnings: [], startedAt: Date.now() }
  const workDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'db-migrate-'))
  try {
    const run = { report, phases, workDir, logger, signal }
    if (inputs.mode === 'copy') await runCopy({ ...run, inputs })
    else if (inputs.mode === 'backup') await runBackup({ ...run, inputs })
    else await runRestore({ ...run, inputs })
  } catch (error) {
    if (error instanceof ApplyFailure) report.targetState = error.state
    // Anything else ended the run before the write began (pre-flight, plan): the target was not touched.
    else if (inputs.mode !== 'backup' && report.targetState === undefined) report.targetState = 'unchanged'
    report.failure = redact(errorMessage(error))
    throw error
  } finally {
    setOutputs(report)
    await writeSummary(report, phases.timeline, logger)
    rmSync(workDir, { recursive: true, force: true })
  }
}
