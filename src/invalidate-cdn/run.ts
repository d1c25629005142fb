import type { AwsCalls } from '../common/aws'
import { awsErrorCode, errorMessage, TimeoutError, UserError } from '../common/errors'
import type { Logger } from '../common/log'
import { debugLogger, formatDuration } from '../common/log'
import { isCancellation } from '../common/cancel'
import { retry } from '../common/retry'
import { waitFor } from '../common/wait'
import type { CloudFront, Distribution, Invalidation } from './cloudfront'
import {
  POLL_MAX_DELAY_MS,
  POLL_MIN_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  RETRY_MIN_DELAY_MS,
  Input,
} from './constants'
import type { Inputs } from './inputs'
import { checkKeyPath, countItems, coverage, keysToPaths, type CheckedPath } from './paths'
import {
  callerReference,
  CLOUDFRONT_LIMITS,
  planDistribution,
  type Batch,
  type DistributionPlan,
} from './plan'
import { plural } from '../common/plural'

/**
 * What invalidate-cdn does to each distribution, in the order main.ts runs it: observe (the
 * distribution, its configuration and the invalidations already in progress), plan, apply
 * (submit the batches, each queued until the distribution has room for it, retried with backoff
 * when CloudFront refuses it for its limits or throttles it), wait until each is Completed, and
 * verify. Distributions are worked on in parallel.
 */

/** An invalidation in progress on a distribution: another run's, or one of ours. */
export interface InFlight {
  id: string
  files: number
  wildcards: number
  ours: boolean
  completed: boolean
}

export interface Submitted {
  id: string
  batch: Batch
  status: string
  createdAt?: Date
  completedAfterMs?: number
}

export type Outcome =
  'planned' | 'completed' | 'submitted' | 'propagating' | 'incomplete' | 'failed' | 'cancelled'

export interface DistributionRun {
  id: string
  domain?: string
  distribution: Partial<Distribution>
  originPath: string
  /** The default origin's domain name (`acme-site.s3.us-east-1.amazonaws.com` for an S3 bucket). */
  originDomain?: string
  defaultRootObject: string
  cacheTagHeader?: string
  inFlight: Map<string, InFlight>
  /** Notes for the log and summary (a `~` path widened, keys outside the origin path). */
  notes: string[]
  plan?: DistributionPlan
  /** Every path asked for, normalised, before collapsing: what the submitted items must cover. */
  wanted: string[]
  submitted: Submitted[]
  /** The CallerReference of a CreateInvalidation sent and not answered yet. */
  creating?: string
  startedMs?: number
  endedMs?: number
  outcome?: Outcome
  reason?: string
}

export interface Context {
  inputs: Inputs
  cf: CloudFront
  calls: AwsCalls
  logger: Logger
  signal: AbortSignal
  targets: DistributionRun[]
  startedMs: number
  deadlineMs: number
}

// ---- observe ----

export async function observeAll(ctx: Context): Promise<void> {
  const { inputs, cf, logger } = ctx
  let ids: Array<{ id: string; domain?: string }>
  if (inputs.target.kind === 'ids') ids = inputs.target.ids.map((id) => ({ id }))
  else {
    const all = await cf.listDistributions()
    logger.info(`Looked through ${all.length} ${plural(all.length, 'distribution')} of the account.`)
    ids = inputs.target.domains.map((domain) => ({ id: distributionFor(domain, all), domain }))
  }
  // Two domains of one distribution are one target: invalidated once, billed once.
  const byId = new Map<string, { id: string; domain?: string; also: string[] }>()
  for (const { id, domain } of ids) {
    const seen = byId.get(id)
    if (seen) seen.also.push(...(domain ? [domain] : []))
    else byId.set(id, { id, domain, also: [] })
  }
  ctx.targets = await Promise.all(
    [...byId.values()].map(async ({ id, domain, also }) => {
      const target = await observeOne(ctx, id, domain)
      if (also.length > 0)
        target.notes.push(
          `${[domain, ...also].join(' and ')} are served by this one distribution, which is invalidated once`,
        )
      return target
    }),
  )
}

/** The distribution serving a domain: an exact alternate domain name, else its cloudfront.net name, else a wildcard alias. */
export function distributionFor(
  domain: string,
  all: Array<{ Id?: string; DomainName?: string; Aliases?: { Items?: string[] } }>,
): string {
  const aliases = (d: (typeof all)[number]): string[] => (d.Aliases?.Items ?? []).map((a) => a.toLowerCase())
  const exact = all.find((d) => aliases(d).includes(domain) || d.DomainName?.toLowerCase() === domain)
  const wildcard = all.find((d) =>
    aliases(d).some(
      (a) =>
        a.startsWith('*.') && domain.endsWith(a.slice(1)) && !domain.slice(0, -a.length + 1).includes('.'),
    ),
  )
  const found = exact ?? wildcard
  if (!found?.Id)
    throw new UserError(
      `No CloudFront distribution of this account has ${domain} as an alternate domain name (looked through ${all.length} ${plural(all.length, 'distribution')}); check '${Input.domain}' or give '${Input.distributionId}'.`,
    )
  return found.Id
}

async function observeOne(ctx: Context, id: string, domain?: string): Promise<DistributionRun> {
  const { cf, inputs, logger } = ctx
  let distribution: Partial<Distribution>
  try {
    distribution = await cf.getDistribution(id)
  } catch (error) {
    if (codeOf(error) === 'NoSuchDistribution')
      throw new UserError(
        `Distribution ${id} does not exist in this AWS account (NoSuchDistribution); check '${Input.distributionId}'.`,
      )
    throw error
  }
  const config = distribution.DistributionConfig
  if (config?.Enabled === false)
    throw new UserError(
      `Distribution ${id} is disabled, so it serves nothing to invalidate; enable it or remove it from '${Input.distributionId}'.`,
    )
  const cacheTagHeader = config?.CacheTagConfig?.HeaderName
  if (inputs.tags.length > 0 && !cacheTagHeader)
    throw new UserError(
      `Distribution ${id} has no cache-tag header configured (DistributionConfig.CacheTagConfig.HeaderName), so CloudFront cannot invalidate by tag; configure the header your origin sends tags in, or invalidate paths instead of '${Input.tags}'.`,
    )
  const defaultOrigin = config?.DefaultCacheBehavior?.TargetOriginId
  const origin = config?.Origins?.Items?.find((o) => o.Id === defaultOrigin) ?? config?.Origins?.Items?.[0]
  const target: DistributionRun = {
    id,
    domain,
    distribution,
    originPath: inputs.originPath ?? origin?.OriginPath ?? '',
    originDomain: origin?.DomainName,
    defaultRootObject: config?.DefaultRootObject ?? '',
    cacheTagHeader,
    inFlight: new Map(),
    notes: [],
    wanted: [],
    submitted: [],
  }
  await discoverInFlight(ctx, target)
  const others = [...target.inFlight.values()].filter((f) => !f.completed)
  const counts = sum(others)
  logger.info(
    `${id}${domain ? ` (${domain})` : ''}: ${distribution.Status ?? 'unknown status'}, ${others.length} ${plural(others.length, 'invalidation')} in progress (${counts.files} file ${plural(counts.files, 'path')}, ${counts.wildcards} ${plural(counts.wildcards, 'wildcard')})${cacheTagHeader ? `, cache tags from the ${cacheTagHeader} header` : ''}.`,
  )
  return target
}

/**
 * Finds the invalidations in progress on a distribution that this run does not know yet
 * (another run's, the console's) and reads how many paths each holds: they count toward the
 * distribution's limits until they are Completed.
 */
async function discoverInFlight(ctx: Context, target: DistributionRun): Promise<void> {
  const recent = await ctx.cf.recentInvalidations(target.id)
  const unknown = recent.filter((i) => i.Id && i.Status !== 'Completed' && !target.inFlight.has(i.Id))
  // At most 50 are read: more would only say what TooManyInvalidationsInProgress says anyway.
  const read = await Promise.all(
    unknown.slice(0, 50).map((i) => ctx.cf.getInvalidation(target.id, i.Id as string)),
  )
  for (const invalidation of read) {
    const counts = countItems(invalidation.InvalidationBatch?.Paths?.Items ?? [])
    target.inFlight.set(invalidation.Id as string, {
      id: invalidation.Id as string,
      files: counts.files + counts.tags,
      wildcards: counts.wildcards,
      ours: false,
      completed: invalidation.Status === 'Completed',
    })
  }
}

function sum(flights: Iterable<InFlight>): { files: number; wildcards: number } {
  let files = 0
  let wildcards = 0
  for (const f of flights)
    if (!f.completed) {
      files += f.files
      wildcards += f.wildcards
    }
  return { files, wildcards }
}

// ---- plan ----

/**
 * The buckets of a sync log that are not the S3 bucket behind `originDomain` (its REST endpoint
 * `<bucket>.s3[.<region>].amazonaws.com` or its website endpoint `<bucket>.s3-website...`);
 * none when the origin is not an S3 bucket, whose name cannot be read from its domain.
 */
export function bucketsElsewhere(buckets: readonly string[], originDomain: string | undefined): string[] {
  const bucket = /^(.+?)\.s3(?:[.-][a-z0-9.-]*)?\.amazonaws\.com(?:\.cn)?$/i.exec(originDomain ?? '')?.[1]
  if (bucket === undefined) return []
  return buckets.filter((b) => b.toLowerCase() !== bucket.toLowerCase())
}

export function planAll(ctx: Context): void {
  for (const target of ctx.targets) planOne(ctx, target)
}

function planOne(ctx: Context, target: DistributionRun): void {
  const { inputs } = ctx
  const source = inputs.source
  let checked: CheckedPath[] = []
  let requested = 0
  if (source.kind === 'paths') {
    checked = source.paths
    requested = source.requested
  } else if (source.kind === 'sync-log') {
    const mapped = keysToPaths(source.changes.keys, target.originPath, target.defaultRootObject)
    if (mapped.outside.length > 0)
      target.notes.push(
        `${mapped.outside.length} changed ${plural(mapped.outside.length, 'key')} of the sync log ${mapped.outside.length === 1 ? 'is' : 'are'} outside the origin path ${target.originPath} and not served by ${target.id} (e.g. ${mapped.outside[0]})`,
      )
    checked = mapped.paths.map((p) => checkKeyPath(p, `Input '${Input.syncLog}'`))
    requested = mapped.paths.length
    const elsewhere = bucketsElsewhere(source.changes.buckets, target.originDomain)
    if (elsewhere.length > 0)
      target.notes.push(
        `the sync log writes to ${elsewhere.map((b) => `s3://${b}`).join(', ')}, but ${target.id} serves its default origin ${target.originDomain}: its keys were taken as that origin's, so check that the log and the distribution go together`,
      )
    if (source.changes.failed > 0)
      target.notes.push(
        `the sync log reports ${source.changes.failed} failed ${plural(source.changes.failed, 'transfer')}: those objects did not change and are not invalidated`,
      )
  }
  for (const c of checked) if (c.note) target.notes.push(c.note)
  const items = [...checked.map((c) => c.path), ...inputs.tags]
  requested += inputs.tags.length
  if (items.length === 0)
    throw new UserError(
      `Nothing to invalidate on ${target.id}: every key of '${Input.syncLog}' is outside its origin path ${target.originPath}; check '${Input.originPath}'.`,
    )
  target.wanted = items
  target.plan = planDistribution({
    distributionId: target.id,
    items,
    requested,
    maxPaths: inputs.maxPaths,
    run: inputs.run,
  })
  // The plan must invalidate everything asked for: a bug here must never turn into a green step.
  const covered = coverage(target.plan.items)
  const missed = items.filter((p) => !covered(p))
  if (missed.length > 0)
    throw new Error(`The plan for ${target.id} leaves ${missed.length} paths out, e.g. ${missed[0]}.`)
}

// ---- apply ----

/**
 * Submits every distribution's batches in parallel. A distribution that fails keeps its reason
 * and the others go on; a cancellation is thrown once every distribution has stopped.
 */
export async function applyAll(ctx: Context): Promise<void> {
  await settle(ctx.targets.map((t) => applyOne(ctx, t)))
}

async function settle(work: Array<Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(work)
  const cancelled = results.find((r) => r.status === 'rejected' && isCancellation(r.reason))
  if (cancelled) throw (cancelled as PromiseRejectedResult).reason
  const other = results.find((r) => r.status === 'rejected')
  if (other) throw (other as PromiseRejectedResult).reason
}

async function applyOne(ctx: Context, target: DistributionRun): Promise<void> {
  target.startedMs = Date.now()
  const pending = [...(target.plan?.batches ?? [])]
  try {
    while (pending.length > 0) {
      const batch = pending[0]
      const label = `${target.id} batch ${target.submitted.length + 1} of ${target.submitted.length + pending.length}`
      const result = await submit(ctx, target, batch, label)
      pending.shift()
      if (result === 'split') {
        const half = Math.ceil(batch.items.length / 2)
        pending.unshift(
          ...[batch.items.slice(0, half), batch.items.slice(half)].map((items) =>
            toBatch(ctx, target, items),
          ),
        )
      }
    }
    target.outcome = 'submitted'
  } catch (error) {
    if (isCancellation(error)) throw error
    const unsent = pending.length
    target.outcome = error instanceof TimeoutError ? 'incomplete' : 'failed'
    const reason =
      error instanceof TimeoutError
        ? `${unsent} of ${unsent + target.submitted.length} ${plural(unsent + target.submitted.length, 'batch', 'batches')} could not be submitted within '${Input.timeout}' (${formatDuration(ctx.inputs.timeoutMs)}): ${error.message}`
        : errorMessage(error)
    // A batch whose create went unanswered before it timed out waiting for room or throttled.
    const ref = target.creating
    target.reason =
      ref === undefined || reason.includes(ref)
        ? reason
        : `${reason.replace(/\.$/, '')}; an earlier request to create it was not answered, so ${mayExist(ref)}`
    target.endedMs = Date.now()
  }
}

function toBatch(ctx: Context, target: DistributionRun, items: string[]): Batch {
  return { items, callerReference: callerReference(ctx.inputs.run, target.id, items), ...countItems(items) }
}

/**
 * Submits one batch: waits until the distribution has room for it, then creates it. Refusals
 * for CloudFront's limits (TooManyInvalidationsInProgress: someone else started one meanwhile)
 * and throttling that outlasted the SDK's own retries are retried with backoff until the
 * timeout, never failed at once; BatchTooLarge asks for the batch to be split. A create
 * CloudFront did not answer is sent again with the same CallerReference.
 *
 * `target.creating` names the batch while CloudFront may hold an invalidation of it that this
 * run has not been told of: from the moment its create is sent until a definite answer (the
 * invalidation, or a refusal of the request itself). A create left unanswered keeps it set
 * through the backoff and the attempts after it, which only a success or such a refusal clears:
 * a refusal for limits or throttling says nothing of the attempt that went unanswered before.
 */
async function submit(
  ctx: Context,
  target: DistributionRun,
  batch: Batch,
  label: string,
): Promise<'done' | 'split'> {
  const { logger } = ctx
  // Whether an attempt of this batch went unanswered: CloudFront may have carried it out.
  let lost = false
  try {
    await retry(
      async () => {
        await waitForRoom(ctx, target, batch, label)
        let invalidation: Partial<Invalidation>
        target.creating = batch.callerReference
        try {
          invalidation = await ctx.cf.createInvalidation(target.id, batch.items, batch.callerReference)
        } catch (error) {
          // `creating` stays set while the request may have been carried out: cancelled on its
          // way, unanswered, or refused for limits or throttling after an attempt that was.
          if (unanswered(error)) lost = true
          else if (!isCancellation(error) && !(lost && RETRYABLE.has(codeOf(error) ?? '')))
            target.creating = undefined
          if (codeOf(error) === 'TooManyInvalidationsInProgress') await discoverInFlight(ctx, target)
          throw error
        }
        target.creating = undefined
        record(ctx, target, batch, invalidation, label)
      },
      {
        label,
        attempts: Number.MAX_SAFE_INTEGER,
        minDelayMs: RETRY_MIN_DELAY_MS,
        maxDelayMs: RETRY_MAX_DELAY_MS,
        retryable: (error) => {
          const lostNow = unanswered(error)
          if (!RETRYABLE.has(codeOf(error) ?? '') && !lostNow) return false
          if (Date.now() < ctx.deadlineMs) return true
          throw new TimeoutError(
            lostNow
              ? `CloudFront did not answer the request to create it (the last attempt failed with ${failureOf(error)}), so ${mayExist(batch.callerReference)}`
              : `CloudFront still answered ${codeOf(error)} (${errorMessage(error)})`,
          )
        },
        logger,
        signal: ctx.signal,
      },
    )
    return 'done'
  } catch (error) {
    if (codeOf(error) === 'BatchTooLarge' && batch.items.length > 1) {
      logger.info(
        `${label}: CloudFront answered BatchTooLarge for ${batch.items.length} items; splitting it in two.`,
      )
      return 'split'
    }
    throw error
  }
}

const mayExist = (callerReference: string): string =>
  `the invalidation may have been created all the same (CallerReference ${callerReference})`

/**
 * What an unanswered create failed with: `HTTP 503 ServiceUnavailable`, the socket's `ECONNRESET`
 * (which the SDK names TimeoutError), another code, or the SDK's message when it has none.
 */
function failureOf(error: unknown): string {
  const sdk = sdkError(error)
  const status = sdk?.$metadata?.httpStatusCode
  const code = codeOf(error)
  if (status !== undefined) return `HTTP ${status}${code ? ` ${code}` : ''}`
  if (typeof sdk?.code === 'string' && sdk.code !== '') return sdk.code
  if (code) return code
  return `"${errorMessage(sdk ?? error)}"`
}

/**
 * A create that CloudFront did not answer (a connection lost, a timeout) or answered with a 5xx,
 * once the SDK's own attempts are spent: sent again with the same CallerReference, which cannot
 * make a second invalidation ("If you make a second invalidation request with the same value for
 * CallerReference, and if the rest of the request is the same, CloudFront doesn't create a new
 * invalidation request", CloudFront API Reference, InvalidationBatch).
 */
function unanswered(error: unknown): boolean {
  // The action's own timeouts (waiting for room) are no request CloudFront left unanswered.
  if (error instanceof UserError || error instanceof TimeoutError || isCancellation(error)) return false
  const sdk = sdkError(error)
  const status = sdk?.$metadata?.httpStatusCode
  if (status !== undefined) return status >= 500
  return (typeof sdk?.code === 'string' && /^E[A-Z]+$/.test(sdk.code)) || sdk?.name === 'TimeoutError'
}

/** The SDK's error inside the call layer's wrapping. */
function sdkError(
  error: unknown,
): { $metadata?: { httpStatusCode?: number }; code?: unknown; name?: unknown } | undefined {
  return (error instanceof Error && error.cause !== undefined ? error.cause : error) as
    { $metadata?: { httpStatusCode?: number }; code?: unknown; name?: unknown } | undefined
}

/** Limits and throttling: worth another attempt once the distribution or the account has room. */
const RETRYABLE = new Set([
  'TooManyInvalidationsInProgress',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
])

function record(
  ctx: Context,
  target: DistributionRun,
  batch: Batch,
  invalidation: Partial<Invalidation>,
  label: string,
): void {
  const id = invalidation.Id ?? '(no id)'
  const createdAt = invalidation.CreateTime
  target.submitted.push({ id, batch, status: invalidation.Status ?? 'InProgress', createdAt })
  target.inFlight.set(id, {
    id,
    files: batch.files + batch.tags,
    wildcards: batch.wildcards,
    ours: true,
    completed: invalidation.Status === 'Completed',
  })
  ctx.logger.info(
    `${label}: created invalidation ${id} (${batch.items.length} ${plural(batch.items.length, 'item')}: ${batch.files} file ${plural(batch.files, 'path')}, ${batch.wildcards} ${plural(batch.wildcards, 'wildcard')}, ${batch.tags} ${plural(batch.tags, 'tag')}).`,
  )
}

/**
 * Waits, polling the invalidations in progress, until the distribution has room for the batch
 * under CloudFront's limits (3,000 file paths and 15 wildcards in progress, counted apart).
 */
async function waitForRoom(
  ctx: Context,
  target: DistributionRun,
  batch: Batch,
  label: string,
): Promise<void> {
  const limits = CLOUDFRONT_LIMITS
  const fits = (): boolean => {
    const busy = sum(target.inFlight.values())
    return (
      busy.files + batch.files + batch.tags <= limits.paths &&
      busy.wildcards + batch.wildcards <= limits.wildcards
    )
  }
  if (fits()) return
  const result = await waitFor({
    label: `${label}: queued`,
    poll: () => refreshInFlight(ctx, target),
    assess: () => {
      const running = [...target.inFlight.values()].filter((f) => !f.completed)
      const busy = sum(running)
      const others = running.filter((f) => !f.ours).length
      return {
        state: `waiting for room: ${busy.files} file ${plural(busy.files, 'path')} and ${busy.wildcards} ${plural(busy.wildcards, 'wildcard')} in progress in ${running.length} ${plural(running.length, 'invalidation')}${others ? ` (${others} of another run)` : ''}; this batch needs ${batch.files + batch.tags} and ${batch.wildcards}`,
        done: fits(),
      }
    },
    timeoutMs: Math.max(0, ctx.deadlineMs - Date.now()),
    minDelayMs: POLL_MIN_DELAY_MS,
    maxDelayMs: POLL_MAX_DELAY_MS,
    signal: ctx.signal,
    logger: ctx.logger,
  })
  if (result.outcome !== 'done') throw new TimeoutError(result.reason ?? 'no room', result.state)
}

/** Polls every invalidation in progress on the distribution (ours and others'). */
async function refreshInFlight(ctx: Context, target: DistributionRun): Promise<void> {
  const running = [...target.inFlight.values()].filter((f) => !f.completed)
  await Promise.all(
    running.map(async (flight) => {
      const invalidation = await pollInvalidation(ctx, target.id, flight.id)
      if (invalidation?.Status === 'Completed') {
        flight.completed = true
        markCompleted(target, flight.id)
      }
    }),
  )
}

/** One GetInvalidation; throttling that outlasted the SDK's retries leaves the state as last seen. */
async function pollInvalidation(
  ctx: Context,
  distributionId: string,
  id: string,
): Promise<Partial<Invalidation> | undefined> {
  try {
    return await ctx.cf.getInvalidation(distributionId, id)
  } catch (error) {
    if (RETRYABLE.has(codeOf(error) ?? '')) {
      debugLogger(ctx.logger).info(`${id}: ${errorMessage(error)}; polling again later`)
      return undefined
    }
    throw error
  }
}

function markCompleted(target: DistributionRun, id: string): void {
  const submitted = target.submitted.find((s) => s.id === id)
  if (submitted && submitted.status !== 'Completed') {
    submitted.status = 'Completed'
    submitted.completedAfterMs = Date.now() - (target.startedMs ?? Date.now())
  }
}

// ---- wait ----

export async function waitAll(
  ctx: Context,
  which: (target: DistributionRun) => boolean = () => true,
): Promise<void> {
  await settle(
    ctx.targets.filter(which).map(async (t) => {
      try {
        await waitOne(ctx, t)
      } catch (error) {
        if (isCancellation(error)) throw error
        t.outcome = 'failed'
        t.reason = errorMessage(error)
      }
    }),
  )
}

async function waitOne(ctx: Context, target: DistributionRun): Promise<void> {
  const total = target.submitted.length
  const result = await waitFor({
    label: target.id,
    poll: async () => {
      await Promise.all(
        target.submitted
          .filter((s) => s.status !== 'Completed')
          .map(async (s) => {
            const invalidation = await pollInvalidation(ctx, target.id, s.id)
            if (invalidation?.Status === 'Completed') {
              const flight = target.inFlight.get(s.id)
              if (flight) flight.completed = true
              markCompleted(target, s.id)
            }
          }),
      )
    },
    assess: () => {
      const done = target.submitted.filter((s) => s.status === 'Completed').length
      return {
        state: `${done} of ${total} ${plural(total, 'invalidation')} completed`,
        done: done === total,
      }
    },
    timeoutMs: Math.max(0, ctx.deadlineMs - Date.now()),
    minDelayMs: POLL_MIN_DELAY_MS,
    maxDelayMs: POLL_MAX_DELAY_MS,
    signal: ctx.signal,
    logger: ctx.logger,
  })
  target.endedMs = Date.now()
  if (result.outcome === 'done') {
    target.outcome = 'completed'
    return
  }
  target.outcome = 'propagating'
  const left = target.submitted.filter((s) => s.status !== 'Completed').map((s) => s.id)
  target.reason = `${left.length} ${plural(left.length, 'invalidation')} (${left.join(', ')}) did not reach Completed within '${Input.timeout}' (${formatDuration(ctx.inputs.timeoutMs)}); CloudFront carries on with ${left.length === 1 ? 'it' : 'them'} at the edge`
}

// ---- verify ----

/**
 * Checks the result against the plan: every item planned went out in a batch CloudFront
 * accepted, every path asked for is covered by those items, and (after waiting) every
 * invalidation is Completed. Returns the problems, one clause each.
 */
export function verify(ctx: Context): string[] {
  const problems: string[] = []
  for (const target of ctx.targets) {
    const sent = target.submitted.flatMap((s) => s.batch.items)
    const sentSet = new Set(sent)
    const missing = (target.plan?.items ?? []).filter((item) => !sentSet.has(item))
    if (missing.length > 0)
      problems.push(`${target.id}: ${missing.length} planned items were not submitted, e.g. ${missing[0]}`)
    const covered = coverage(sent)
    const uncovered = target.wanted.filter((p) => !covered(p))
    if (uncovered.length > 0)
      problems.push(`${target.id}: ${uncovered.length} paths asked for are not covered, e.g. ${uncovered[0]}`)
  }
  return problems
}

// ---- helpers ----

/** AWS's error code of a failure (through the call layer's wrapping). */
export const codeOf = awsErrorCode
