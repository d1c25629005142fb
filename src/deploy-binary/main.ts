import * as core from '@actions/core'
import type { ActionContext } from '../common/action'
import { AwsCalls } from '../common/aws'
import { CancelledError, errorMessage, UserError } from '../common/errors'
import { Phases } from '../common/phases'
import { linkedController } from '../common/cancel'
import { declaredDigest, digestFile, S3Transfer, sha256OfFile } from '../common/s3'
import { Timeline } from '../common/summary'
import {
  anyFailure,
  cancelStillRunning,
  checkDeclaredSha256,
  checkWriteAccess,
  movePointer,
  observe,
  publish,
  restart,
  rollBack,
  stillRunning,
  type Context,
} from './deploy'
import { getInputs } from './inputs'
import { describePlan, plan } from './plan'
import { failureSentence, setOutputs, writeSummary } from './report'
import { resultOf } from './rollout'

/**
 * deploy-binary: publish a binary as an immutable, checksummed release in S3, move the pointer
 * that names the current release (conditionally: no lost update between two runs), restart the
 * service on EC2 instances through SSM Run Command with SSM's own rate controls, follow every
 * instance to its end, and on failure move the pointer back and restart the changed instances.
 *
 * inputs -> observe -> plan -> check -> publish -> restart and wait -> roll back -> report
 */
export async function main({ signal, logger }: ActionContext): Promise<void> {
  const inputs = getInputs()
  // The file's digest is the longest read of pre-flight (its SHA-256 takes about 0.7 s a GiB): it
  // starts first, on its own thread, and loading the SDK and observe's reads of S3 and SSM happen
  // while it runs. It is stopped if the run ends before it does.
  // With a declared SHA-256 (input sha256) there is no pre-pass: the file's SHA-256 is computed
  // beside the upload, which it must match before the release is completed, and its CRC32s part
  // by part as the parts are sent (observe reads them first when the release exists already).
  const hashing = linkedController(signal)
  const digesting = !inputs.file
    ? undefined
    : inputs.sha256
      ? declaredDigest(inputs.file, inputs.sha256)
      : digestFile(inputs.file, undefined, hashing.signal)
  digesting?.catch(() => undefined)
  const sha256 = inputs.file && inputs.sha256 ? sha256OfFile(inputs.file, hashing.signal) : undefined
  sha256?.catch(() => undefined)
  const calls = new AwsCalls(inputs.aws, signal)
  const s3 = await S3Transfer.connect(calls)
  // The SSM client loads when observe first needs it, after the first S3 request is on its way.
  const loadSsm =
    inputs.fleet.kind === 'none' ? undefined : async () => (await import('./ssm')).connect(calls)
  const ctx: Context = {
    inputs,
    calls,
    s3,
    loadSsm,
    digesting,
    sha256,
    logger,
    signal,
    uploaded: false,
    commands: [],
    notSent: [],
  }
  const run = new Phases(new Timeline(), 'observe')
  let thrown: unknown
  try {
    await pipeline(ctx, run)
  } catch (error) {
    thrown = error instanceof CancelledError ? await cancelled(ctx, run.current, error) : error
    throw thrown
  } finally {
    hashing.abort()
    hashing.dispose()
    if (ctx.plan) await report(ctx, run.timeline, thrown)
  }
  const failure = failureSentence(ctx)
  if (failure) throw new UserError(failure)
}

async function pipeline(ctx: Context, run: Phases): Promise<void> {
  const { inputs, logger } = ctx
  const state = await run.phase('observe', 'Observe', () => observe(ctx))
  const p = await run.phase('plan', 'Plan', async () => {
    const planned = plan(inputs, state)
    for (const line of describePlan(inputs, planned)) logger.info(line)
    return planned
  })
  ctx.plan = p
  await run.phase('check', 'Check write access', async () => {
    await checkWriteAccess(ctx, p)
    // A run that publishes checks it beside its upload; a dry run waits for it here.
    if (inputs.dryRun) await checkDeclaredSha256(ctx)
  })
  if (inputs.dryRun) {
    run.skip(['publish', 'restart'], 'dry run')
    return logger.info('Dry run: nothing was changed.')
  }
  await run.phase('publish', 'Publish the release', async () => {
    await publish(ctx, p)
    await movePointer(ctx, p)
  })
  if (!p.restart) return logger.info(`Published ${p.version}; no instance to restart.`)
  const restartScript = p.restart.script
  try {
    await run.phase('restart', inputs.wait ? 'Restart and wait' : 'Restart', () =>
      restart(ctx, p, restartScript, ctx.commands),
    )
  } catch (error) {
    // The pointer has moved: a restart that could not be sent or followed to its end (a refused
    // SendCommand, a poll that ran out of retries) is a failure like an instance's, not the end
    // of the run: what is still running is cancelled, then rolled back like any failure.
    if (error instanceof CancelledError) throw error
    ctx.restartError = errorMessage(error).replace(/\.$/, '')
    logger.info(`The restart failed: ${ctx.restartError}.`)
    await cancelStillRunning(ctx)
  }
  if (!inputs.wait || !anyFailure(ctx)) return
  run.markFailed('restart')
  if (inputs.rollback) await run.phase('roll back', 'Roll back', () => rollBack(ctx, p))
}

async function report(ctx: Context, timeline: Timeline, thrown: unknown): Promise<void> {
  setOutputs(ctx)
  const failure = thrown === undefined ? failureSentence(ctx) : errorMessage(thrown)
  await writeSummary(ctx, timeline, failure, ctx.logger)
}

/**
 * A cancelled run: the SSM command still running is cancelled (CancelCommand goes out whatever
 * the run's signal says), and the sentence says what each instance was left in.
 */
async function cancelled(ctx: Context, stage: string, error: CancelledError): Promise<CancelledError> {
  const plan = ctx.plan
  let left: string
  if (!plan || stage === 'observe' || stage === 'plan' || stage === 'check') left = 'nothing was changed'
  else if (stage === 'publish')
    left = ctx.pointerMovedEtag
      ? `the pointer names ${plan.version} and nothing was restarted`
      : `the pointer still names ${plan.previousVersion ?? 'nothing'}${ctx.uploaded ? ` (the release ${plan.object.uri} was uploaded)` : ''} and nothing was restarted`
  else {
    const parts: string[] = []
    for (const command of stillRunning(ctx)) {
      try {
        await ctx.ssm!.cancel(command.id)
        const invocations = await ctx.ssm!.listInvocations(command.id, null)
        command.results = invocations.map((i) => resultOf(i))
        const states = command.results.map((r) => `${r.instance} ${r.details}`)
        parts.push(
          `SSM command ${command.id} was cancelled${states.length ? ` (${states.join(', ')})` : ' before it reached any instance'}`,
        )
      } catch (cancelError) {
        parts.push(`cancelling SSM command ${command.id} failed: ${errorMessage(cancelError)}`)
      }
    }
    const pointer =
      stage === 'roll back'
        ? ctx.rollback?.pointer === 'restored'
          ? `the pointer is back at ${plan.previousVersion}`
          : `the pointer names ${plan.version}`
        : `the pointer names ${plan.version} (not rolled back)`
    left = `${parts.length ? `${parts.join('; ')}; ` : ''}${pointer}`
  }
  core.info(`Cancelled during ${stage}: ${left}.`)
  return new CancelledError(`${error.message.replace(/\.$/, '')} during ${stage}: ${left}.`)
}
