import type { Logger } from '../common/log'
import { plan, type Facts, type Plan } from './plan'
import type { Run } from './run'

export function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
}

export function logPlan(result: Plan, logger: Logger): void {
  logger.info('Plan:')
  result.steps.forEach((step, i) => logger.info(`  ${i + 1}. ${step}`))
  for (const warning of result.warnings) logger.warning(warning)
}

/**
 * The plan step of every mode: decides from what was observed (a pure function, timed on the
 * timeline), records the plan for the report and logs it.
 */
export async function decide(
  run: Run,
  facts: Pick<Facts, 'mode' | 'source' | 'target' | 'freeDiskBytes' | 'clientVersion' | 'manifestLevel'>,
): Promise<Plan> {
  const { inputs } = run
  const decided = await run.phases.untitled('plan', async () =>
    plan({
      ...facts,
      strategy: inputs.strategy,
      clean: inputs.clean,
      verify: inputs.verify,
      jobs: inputs.jobs,
      stamp: stamp(),
    }),
  )
  run.report.plan = decided
  logPlan(decided, run.logger)
  return decided
}
