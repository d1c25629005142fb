import type { AwsCalls } from '../common/aws'
import { errorMessage, UserError } from '../common/errors'
import type { Logger } from '../common/log'
import {
  ConditionalWriteError,
  digestFile,
  S3Transfer,
  type DeclaredDigest,
  type FileDigest,
} from '../common/s3'
import { RELEASE_VERSION } from '../common/version'
import { waitFor } from '../common/wait'
import { CANCEL_SETTLE_MS, DETAILED_FAILURES, Input, POLL_MAX_DELAY_MS, POLL_MIN_DELAY_MS } from './constants'
import type { Inputs, Target } from './inputs'
import {
  commandInput,
  listText,
  locationOf,
  objectKey,
  rollbackRates,
  type ObservedState,
  type Plan,
} from './plan'
import { assess, changes, isTerminal, resultOf, type InstanceResult, type Snapshot } from './rollout'
import type { Ssm } from './ssm'

/** The stages of a run after planning: observe, publish, restart, wait, roll back. */

export interface CommandRun {
  id: string
  /** The ids it was sent to (undefined for Targets). */
  instanceIds?: string[]
  over: boolean
  status?: string
  statusDetails?: string
  results: InstanceResult[]
  /** Why the wait ended without the command being over (the timeout). */
  waitProblem?: string
}

export interface RollbackRun {
  pointer: 'restored' | 'moved-by-someone-else' | 'failed' | 'no-previous'
  pointerNote?: string
  commands: CommandRun[]
  /** The instances restarted again. */
  instances: string[]
  error?: string
}

export interface Context {
  inputs: Inputs
  calls: AwsCalls
  s3: S3Transfer
  ssm?: Ssm
  /** Connects `ssm` (the SSM client's code loads only then); undefined when nothing restarts. */
  loadSsm?: () => Promise<Ssm>
  logger: Logger
  signal: AbortSignal
  /** The file's digest, started before observe when there is a file (see main); `digest` once it is done. */
  digesting?: Promise<FileDigest | DeclaredDigest>
  /** A declared digest (input sha256) until the upload has computed the CRC32s. */
  digest?: FileDigest | DeclaredDigest
  /** With the `sha256` input: the file's own SHA-256, computed beside the upload (see main). */
  sha256?: Promise<string>
  /** The comparison of that SHA-256 with the declared one, once asked for (checkDeclaredSha256). */
  sha256Check?: Promise<void>
  /** The file's SHA-256 when it is not the one declared. */
  sha256Mismatch?: string
  state?: ObservedState
  plan?: Plan
  uploaded: boolean
  /** The pointer's ETag after this run moved it (the condition of a rollback). */
  pointerMovedEtag?: string
  commands: CommandRun[]
  /** Instances whose batch was never sent (an earlier batch failed). */
  notSent: string[]
  rollback?: RollbackRun
  /** Why the restart phase itself failed (a call that could not be made), after the pointer moved. */
  restartError?: string
}

// ---- observe ----

export async function observe(ctx: Context): Promise<ObservedState> {
  const { inputs, s3, logger } = ctx
  if (inputs.file)
    logger.info(
      inputs.sha256
        ? `Hashing ${inputs.file} on a second thread, to check it against input '${Input.sha256}' before the release is completed...`
        : `Reading ${inputs.file} for its SHA-256 and CRC32, beside the reads below...`,
    )
  const bucketProblem = await s3.bucketProblem(inputs.bucket)
  if (bucketProblem)
    throw new UserError(
      `Input '${Input.bucket}' names ${inputs.bucket}, but ${bucketProblem}; nothing was changed.`,
    )
  if (ctx.loadSsm && !ctx.ssm) ctx.ssm = await ctx.loadSsm()
  const { ssm } = ctx
  const instances =
    inputs.fleet.kind === 'ids'
      ? await ssm!.describeInstances(inputs.fleet.ids)
      : inputs.fleet.kind === 'targets'
        ? await ssm!.describeTargets(inputs.fleet.targets)
        : []
  for (const i of instances)
    logger.info(
      `${i.InstanceId}: ${i.PingStatus} in SSM (${i.PlatformName ?? i.PlatformType ?? 'unknown platform'})`,
    )
  const pointer = await s3.getText(locationOf(inputs.bucket, inputs.pointerKey))
  logger.info(
    pointer
      ? `s3://${inputs.bucket}/${inputs.pointerKey} names ${pointer.text.trim() || '(empty)'} (ETag ${pointer.etag})`
      : `s3://${inputs.bucket}/${inputs.pointerKey} does not exist yet`,
  )
  const objectLocation = locationOf(inputs.bucket, objectKey(inputs, inputs.version))
  const object = await s3.head(objectLocation)
  const checksumText = object
    ? (await s3.getText(locationOf(inputs.bucket, `${objectLocation.key}.sha256`)))?.text
    : undefined
  const previous = pointer?.text.trim()
  const previousObject =
    inputs.installMode === 'direct' &&
    previous &&
    previous !== inputs.version &&
    RELEASE_VERSION.test(previous)
      ? await s3.head(locationOf(inputs.bucket, objectKey(inputs, previous)))
      : undefined
  if (inputs.file && ctx.digesting) {
    ctx.digest = await ctx.digesting
    // An existing release is compared by its CRC32 too: a declared digest gets it here, and
    // the declaration is checked first, so that a wrong one is not taken for another binary.
    if (object && ctx.digest.crc32 === undefined) {
      ctx.digest = await digestFile(inputs.file, undefined, ctx.signal, ctx.digest.sha256)
      await checkDeclaredSha256(ctx)
    }
    logger.info(
      `${inputs.file}: ${ctx.digest.size} bytes, SHA-256 ${ctx.digest.sha256}${inputs.sha256 ? ` (as input '${Input.sha256}' declares it)` : ''}`,
    )
  }
  return { digest: ctx.digest, object, checksumText, pointer, previousObject, instances }
}

/**
 * With the `sha256` input: the file's own SHA-256 must be the declared one. Awaited before the
 * upload completes (a mismatch aborts it), before the pointer moves and at the end of a dry run.
 */
export function checkDeclaredSha256(ctx: Context): Promise<void> {
  const { inputs, sha256, logger } = ctx
  const declared = inputs.sha256
  if (!sha256 || !declared) return Promise.resolve()
  ctx.sha256Check ??= sha256.then((actual) => {
    if (actual !== declared) {
      ctx.sha256Mismatch = actual
      throw new UserError(
        `Input '${Input.sha256}' declares ${declared}, but ${inputs.file} has the SHA-256 ${actual}; nothing was published and the pointer was not moved.`,
      )
    }
    logger.info(`${inputs.file} has the SHA-256 that input '${Input.sha256}' declares.`)
  })
  return ctx.sha256Check
}

/** Write access, checked without writing (a multipart upload created and aborted). */
export async function checkWriteAccess(ctx: Context, plan: Plan): Promise<void> {
  const places = [
    ...(plan.upload || plan.writeChecksum ? [plan.object] : []),
    ...(plan.movePointer ? [plan.pointer] : []),
  ]
  for (const place of places) {
    const problem = await ctx.s3.writeProblem(place)
    if (problem) throw new UserError(`Cannot publish ${plan.version}: ${problem}; nothing was changed.`)
  }
}

// ---- publish ----

export async function publish(ctx: Context, plan: Plan): Promise<void> {
  const { s3, logger, inputs } = ctx
  if (plan.upload) {
    let shown = -1
    const started = Date.now()
    ctx.digest = await s3
      .upload(inputs.file!, plan.object, {
        digest: ctx.digest,
        metadata: plan.metadata,
        contentType: 'application/octet-stream',
        createOnly: true,
        beforeCommit: () => checkDeclaredSha256(ctx),
        onProgress: (loaded, total) => {
          const percent = total > 0 ? Math.floor((loaded / total) * 10) * 10 : 100
          if (percent > shown) {
            shown = percent
            logger.info(`upload ${plan.object.uri}: ${percent}% (${loaded} of ${total} bytes)`)
          }
        },
      })
      .catch((error: unknown) => {
        if (error instanceof ConditionalWriteError)
          throw new UserError(
            `${plan.object.uri} was created by another run while this one uploaded it; a release is immutable, so this run stopped before moving the pointer.`,
          )
        throw error
      })
    ctx.uploaded = true
    logger.info(`Uploaded ${plan.object.uri} in ${((Date.now() - started) / 1000).toFixed(1)}s.`)
  } else logger.info(`Uploading nothing: ${plan.uploadNote}.`)
  await checkDeclaredSha256(ctx)
  if (!plan.rollbackEntry) {
    const digest = ctx.digest
    if (digest?.crc32 === undefined) throw new Error('The file was not read before its release was verified.')
    const problem = await s3.verify(plan.object, digest)
    if (problem) throw new Error(`The release did not verify: ${problem}; the pointer was not moved.`)
    logger.info(
      `Verified ${plan.object.uri}: size, SHA-256 metadata and S3's full-object CRC32 match the file.`,
    )
  }
  if (plan.writeChecksum) {
    await s3.putText(plan.checksumObject, plan.checksumBody, { metadata: { version: plan.version } })
    logger.info(`Wrote ${plan.checksumObject.uri} (sha256sum format).`)
  }
}

export async function movePointer(ctx: Context, plan: Plan): Promise<void> {
  if (!plan.movePointer) {
    ctx.logger.info(`${plan.pointer.uri} names ${plan.version} already; left as it is.`)
    return
  }
  try {
    const out = await ctx.s3.putText(plan.pointer, `${plan.version}\n`, {
      ...(plan.pointerEtag === undefined ? { createOnly: true } : { ifMatch: plan.pointerEtag }),
      metadata: { version: plan.version },
    })
    ctx.pointerMovedEtag = out.etag
  } catch (error) {
    if (error instanceof ConditionalWriteError)
      throw new UserError(
        `Another deploy moved ${plan.pointer.uri} after this run read it (it named ${plan.previousVersion ?? 'nothing'}); this run did not overwrite it and restarted nothing${ctx.uploaded ? ` (the release ${plan.object.uri} stays uploaded)` : ''}.`,
      )
    throw error
  }
  ctx.logger.info(`Moved ${plan.pointer.uri}: ${plan.previousVersion ?? '(none)'} -> ${plan.version}.`)
}

// ---- restart and wait ----

/** Sends the restart (one command, or one per batch of 50 ids, each waited for before the next). */
export async function restart(
  ctx: Context,
  plan: Plan,
  script: string,
  into: CommandRun[],
  only?: string[],
): Promise<void> {
  const { inputs, ssm, logger } = ctx
  const r = plan.restart!
  const deadline = Date.now() + inputs.timeoutMs
  const batches: Array<{ InstanceIds: string[] } | { Targets: Target[] }> =
    only !== undefined
      ? chunk(only).map((ids) => ({ InstanceIds: ids }))
      : r.targets.kind === 'ids'
        ? r.targets.batches.map((ids) => ({ InstanceIds: ids }))
        : [{ Targets: r.targets.targets }]
  const rollingBack = only !== undefined
  const rates = rollingBack
    ? rollbackRates(inputs, allResults(ctx.commands).length + ctx.notSent.length)
    : inputs
  for (const [n, to] of batches.entries()) {
    const comment = `deploy-binary ${rollingBack ? `rollback to ${plan.previousVersion}` : plan.version}`
    const input = commandInput(inputs, script, to, comment, rates)
    const what =
      'InstanceIds' in to
        ? `send the restart to ${listText(to.InstanceIds)}`
        : `send the restart to the instances matching ${to.Targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' and ')}`
    let command
    try {
      command = await ssm!.sendCommand(input, what)
    } catch (error) {
      // The batches after this one were never sent (this one is named by the error).
      if (!rollingBack)
        ctx.notSent = batches.slice(n + 1).flatMap((b) => ('InstanceIds' in b ? b.InstanceIds : []))
      throw error
    }
    const run: CommandRun = {
      id: command.CommandId ?? '',
      instanceIds: 'InstanceIds' in to ? to.InstanceIds : undefined,
      over: false,
      status: command.Status,
      statusDetails: command.StatusDetails,
      results: [],
    }
    into.push(run)
    logger.info(
      `SSM command ${run.id} sent (${comment}, ${'InstanceIds' in to ? `${to.InstanceIds.length} instances` : 'Targets'}).`,
    )
    if (!inputs.wait) continue
    await follow(ctx, run, Math.max(1000, deadline - Date.now()))
    if (!rollingBack && (!run.over || run.results.some((x) => x.failure))) {
      ctx.notSent = batches.slice(n + 1).flatMap((b) => ('InstanceIds' in b ? b.InstanceIds : []))
      if (ctx.notSent.length)
        logger.info(`Not sending the next batches (${ctx.notSent.length} instances): this one failed.`)
      return
    }
  }
}

function chunk(ids: string[]): string[][] {
  const out: string[][] = []
  for (let i = 0; i < ids.length; i += 50) out.push(ids.slice(i, i + 50))
  return out
}

/**
 * Follows one command until SSM says it and every invocation ended, logging each instance's
 * changes once. An instance seen in progress once counts as started from then on: an expired
 * command turns its invocations still in progress into DeliveryTimedOut ("If a command expires,
 * it changes status to DeliveryTimedOut for all invocations that have the status InProgress",
 * SSM API Reference, Command.Status), which alone would read as never started. At the timeout
 * the command is cancelled and followed until every invocation has ended (CancelCommand only
 * asks: invocations go through Cancelling), so that the instances to roll back are the ones that
 * really started, and none still runs the new version's script beside its rollback.
 */
export async function follow(ctx: Context, run: CommandRun, timeoutMs: number): Promise<void> {
  const { ssm, logger } = ctx
  const seen = new Map<string, string>()
  const started = new Set<string>()
  const poll = async (): Promise<Snapshot> => {
    const command = await ssm!.getCommand(run.id)
    const invocations = command ? await ssm!.listInvocations(run.id) : []
    const snapshot = { command, invocations }
    for (const line of changes(seen, snapshot)) logger.info(line)
    run.status = command?.Status
    run.statusDetails = command?.StatusDetails
    run.results = invocations.map((i) => {
      const r = resultOf(i)
      if (r.started || r.status === 'InProgress') started.add(r.instance)
      return started.has(r.instance) ? { ...r, started: true } : r
    })
    return snapshot
  }
  const result = await waitFor<Snapshot>({
    label: `SSM command ${run.id}`,
    poll,
    assess,
    timeoutMs,
    minDelayMs: POLL_MIN_DELAY_MS,
    maxDelayMs: POLL_MAX_DELAY_MS,
    signal: ctx.signal,
    logger,
  })
  run.over = result.outcome === 'done'
  let invocations = result.value?.invocations ?? []
  if (!run.over) {
    run.waitProblem = result.reason
    logger.info(`${result.reason}; cancelling the command so that it goes no further.`)
    await ssm!.cancel(run.id)
    const settled = await waitFor<Snapshot>({
      label: `SSM command ${run.id}, cancelled`,
      poll,
      assess: (s) => ({ ...assess(s), done: s.invocations.every((i) => isTerminal(i.Status)) }),
      timeoutMs: CANCEL_SETTLE_MS,
      minDelayMs: POLL_MIN_DELAY_MS,
      maxDelayMs: POLL_MAX_DELAY_MS,
      signal: ctx.signal,
      logger,
    })
    invocations = settled.value?.invocations ?? invocations
  }
  await detailFailures(ctx, run, invocations)
}

/** Reads the full output of failed instances (GetCommandInvocation: 24,000 / 8,000 characters) for the report. */
async function detailFailures(
  ctx: Context,
  run: CommandRun,
  invocations: Snapshot['invocations'],
): Promise<void> {
  // Started as follow counts it (seen in progress once), not only as the last listing shows it.
  const started = new Set(run.results.filter((r) => r.started).map((r) => r.instance))
  const failed = invocations.filter((i) => resultOf(i).failure && started.has(i.InstanceId ?? ''))
  for (const invocation of failed.slice(0, DETAILED_FAILURES)) {
    const detail = await ctx.ssm!.getInvocation(run.id, invocation.InstanceId ?? '')
    if (!detail) continue
    const full = resultOf(invocation, {
      stdout: detail.StandardOutputContent,
      stderr: detail.StandardErrorContent,
      responseCode: detail.ResponseCode,
    })
    run.results = run.results.map((r) => (r.instance === full.instance ? { ...full, started: true } : r))
  }
}

// ---- rollback ----

/**
 * Back to what observe read: the pointer to the previous version (conditionally, against the
 * ETag this run's own write left), then the restart again on every instance the script started
 * on, waited for.
 */
export async function rollBack(ctx: Context, plan: Plan): Promise<RollbackRun> {
  const rollback: RollbackRun = { pointer: 'no-previous', commands: [], instances: [] }
  ctx.rollback = rollback
  const previous = plan.previousVersion
  if (!plan.restart?.rollbackScript || previous === undefined) {
    rollback.pointerNote =
      previous === plan.version
        ? `it named ${plan.version} before this run already`
        : 'there is no previous version'
    return rollback
  }
  if (ctx.pointerMovedEtag !== undefined) {
    try {
      await ctx.s3.putText(plan.pointer, plan.previousPointerText ?? `${previous}\n`, {
        ifMatch: ctx.pointerMovedEtag,
        metadata: { version: previous },
      })
      rollback.pointer = 'restored'
      ctx.logger.info(`Moved ${plan.pointer.uri} back: ${plan.version} -> ${previous}.`)
    } catch (error) {
      if (error instanceof ConditionalWriteError) {
        rollback.pointer = 'moved-by-someone-else'
        rollback.pointerNote =
          'another deploy moved the pointer meanwhile, so it was left as it is and nothing was restarted'
        return rollback
      }
      rollback.pointer = 'failed'
      rollback.error = errorMessage(error)
      return rollback
    }
  } else rollback.pointer = 'restored'
  const changed = ctx.commands.flatMap((c) => c.results.filter((r) => r.started).map((r) => r.instance))
  rollback.instances = changed
  if (changed.length === 0) return rollback
  try {
    await restart(ctx, plan, plan.restart.rollbackScript, rollback.commands, changed)
  } catch (error) {
    if (error instanceof Error && error.name === 'CancelledError') throw error
    rollback.error = errorMessage(error)
  }
  return rollback
}

export function allResults(runs: CommandRun[]): InstanceResult[] {
  return runs.flatMap((c) => c.results)
}

export function anyFailure(ctx: Context): boolean {
  return (
    ctx.restartError !== undefined ||
    ctx.notSent.length > 0 ||
    ctx.commands.some((c) => (ctx.inputs.wait && !c.over) || c.results.some((r) => r.failure)) ||
    ctx.commands.some((c) => c.over && c.results.length === 0)
  )
}

/**
 * Cancels the commands still running after the restart phase failed, each then marked over;
 * a cancellation that fails is added to the restart's error.
 */
export async function cancelStillRunning(ctx: Context): Promise<void> {
  for (const command of stillRunning(ctx)) {
    try {
      await ctx.ssm!.cancel(command.id)
      ctx.logger.info(`Cancelled SSM command ${command.id} so that it goes no further.`)
    } catch (error) {
      ctx.restartError = `${ctx.restartError}; cancelling SSM command ${command.id} failed too: ${errorMessage(error).replace(/\.$/, '')}`
    }
    await settleAfterFailure(ctx, command)
  }
}

/**
 * What a command left once it was cancelled after a failure of the restart phase: its
 * invocations read until they ended (without the run's signal), an instance counting as started
 * if it was seen so before; when they cannot be read, every instance it was sent to counts as
 * started, since rolling back one that never changed costs only a restart.
 */
async function settleAfterFailure(ctx: Context, command: CommandRun): Promise<void> {
  const before = new Set(command.results.filter((r) => r.started).map((r) => r.instance))
  const settled = await waitFor<Snapshot['invocations']>({
    label: `SSM command ${command.id}, cancelled`,
    poll: () => ctx.ssm!.listInvocations(command.id, null),
    assess: (list) => ({
      state: `${list.filter((i) => isTerminal(i.Status)).length}/${list.length} ended`,
      done: list.every((i) => isTerminal(i.Status)),
    }),
    timeoutMs: CANCEL_SETTLE_MS,
    minDelayMs: POLL_MIN_DELAY_MS,
    maxDelayMs: POLL_MAX_DELAY_MS,
    logger: ctx.logger,
  }).catch(() => undefined)
  if (settled?.value?.length) {
    command.results = settled.value.map((i) => {
      const r = resultOf(i)
      return before.has(r.instance) || r.status === 'InProgress' ? { ...r, started: true } : r
    })
  } else if (command.instanceIds?.length) {
    const known = new Map(command.results.map((r) => [r.instance, r]))
    command.results = command.instanceIds.map(
      (id) =>
        ({
          ...(known.get(id) ?? { instance: id, status: 'Cancelled', details: 'Cancelled', output: '' }),
          started: true,
        }) as InstanceResult,
    )
  }
  command.over = true
}

export function stillRunning(ctx: Context): CommandRun[] {
  return [...ctx.commands, ...(ctx.rollback?.commands ?? [])].filter((c) => !c.over && !isTerminal(c.status))
}

export { S3Transfer }
