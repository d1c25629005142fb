import * as core from '@actions/core'
import type { ActionContext } from '../common/action'
import { AwsCalls } from '../common/aws'
import { CancelledError, errorMessage } from '../common/errors'
import { Phases } from '../common/phases'
import { Timeline } from '../common/summary'
import { sweepSentence } from './cleanup'
import { getInputs } from './inputs'
import { describePlan } from './plan'
import { annotate, headline, setOutputs, writeSummary } from './report'
import {
  inspectAndTag,
  makePlan,
  observePacker,
  observeParameter,
  prepare,
  previewRetirement,
  publish,
  retire,
  runBuild,
  type Context,
  type RegionClients,
} from './steps'

/**
 * build-ami: bake an AMI with Packer, publish its id per region to Parameter Store, retire old
 * images safely, and leave no builder instance behind.
 *
 * inputs -> observe -> plan -> prepare (install, init, validate) -> build (sweep) -> tag ->
 * publish (verify) -> retire -> report
 */
export async function main({ signal, logger, state }: ActionContext): Promise<void> {
  const inputs = getInputs()
  const { connect } = await import('./aws')
  const calls = new AwsCalls(inputs.aws, signal)
  const clients = new Map<string, RegionClients>()
  const ctx: Context = {
    inputs,
    logger,
    signal,
    calls,
    state,
    region: (name) => {
      if (!clients.has(name)) clients.set(name, connect(calls, name))
      return clients.get(name) as RegionClients
    },
    annotations: [],
    packerErrors: [],
    packerMs: 0,
    amis: {},
    images: new Map(),
    publications: [],
    retirements: [],
    notes: [],
  }
  const run = new Phases(new Timeline(), 'observe')
  let thrown: unknown
  try {
    await pipeline(ctx, run)
  } catch (error) {
    thrown = error instanceof CancelledError ? cancelled(ctx, run.current, error) : error
    throw thrown
  } finally {
    // Packer's own time, exactly, for the benchmark (which subtracts it from the step's).
    logger.debug(`Packer's own time: ${ctx.packerMs} ms`)
    annotate(ctx.annotations)
    setOutputs(ctx)
    await writeSummary(
      ctx,
      run.timeline,
      headline(ctx, thrown === undefined ? undefined : errorMessage(thrown)),
      logger,
    )
  }
}

async function pipeline(ctx: Context, run: Phases): Promise<void> {
  const { inputs, logger } = ctx
  await run.phase('observe', 'Observe', async () => {
    ctx.setup = await observePacker(ctx)
    await observeParameter(ctx)
  })
  await run.phase('plan', 'Plan', async () => {
    ctx.plan = makePlan(ctx, ctx.setup!)
    for (const line of describePlan(inputs, ctx.plan)) logger.info(line)
  })
  await run.phase('prepare', 'Prepare Packer (install, init, validate)', () => prepare(ctx))
  if (inputs.dryRun) {
    run.skip(['build', 'tag', 'publish'], 'dry run')
    if (inputs.retention)
      await run.phase('retire', 'Retire old images (what a build would retire)', () => previewRetirement(ctx))
    else run.skip('retire', 'dry run')
    return logger.info('Dry run: the template is valid; nothing was built, published or retired.')
  }
  await run.phase('build', 'packer build', () => runBuild(ctx))
  if (Object.keys(ctx.amis).length === 0) return run.skip(['tag', 'publish', 'retire'], 'no AMI')
  await run.phase('tag', 'Check and tag the images', () => inspectAndTag(ctx))
  if (inputs.ssmParameter) await run.phase('publish', 'Publish to Parameter Store', () => publish(ctx))
  else run.skip('publish', `'ssm-parameter' is not set`)
  if (inputs.retention) await run.phase('retire', 'Retire old images', () => retire(ctx))
  else run.skip('retire', `'keep' is not set`)
}

/** What a cancelled run leaves behind, in one sentence. */
function cancelled(ctx: Context, stage: string, error: CancelledError): CancelledError {
  let left: string
  if (stage === 'observe' || stage === 'plan' || stage === 'prepare') left = 'nothing was built or changed'
  else if (stage === 'build') {
    const swept = ctx.sweep && sweepSentence(ctx.sweep)
    left = swept
      ? `Packer was interrupted, and the action ${swept}; no AMI was published`
      : 'Packer was interrupted and removed its builder instance, key pair and security group; no AMI was published'
  } else if (stage === 'publish') {
    const written = ctx.publications.filter(
      (p) => p.version !== undefined && !p.reverted && !p.revertUnconfirmed,
    )
    const unconfirmed = ctx.publications.filter((p) => p.revertUnconfirmed).map((p) => p.region)
    const reverted = ctx.publications.filter((p) => p.reverted).map((p) => p.region)
    left = `the AMI ${Object.values(ctx.amis).join(', ')} exists${written.length > 0 ? `; the parameter holds it in ${written.map((p) => p.region).join(', ')}, which could not be put back` : ''}${unconfirmed.length > 0 ? `; the parameter was written back to its previous value in ${unconfirmed.join(', ')}, but Parameter Store did not show it within ${ctx.inputs.publishTimeoutMs / 1000}s` : ''}${reverted.length > 0 ? `; the parameter was put back to its previous value in ${reverted.join(', ')}` : ''}${written.length + unconfirmed.length + reverted.length === 0 ? '; the parameter was not written' : ''}`
  } else if (stage === 'tag')
    left = `the AMI ${Object.values(ctx.amis).join(', ')} exists and was not published`
  else
    left = `the AMI exists${ctx.inputs.ssmParameter ? ' and was published' : ''}; retirement of old images stopped part way`
  core.info(`Cancelled during ${stage}: ${left}.`)
  return new CancelledError(`${error.message.replace(/\.$/, '')} during ${stage}: ${left}.`)
}
