import { createHash } from 'node:crypto'
import { AWS_LIMITS } from '../common/aws'
import { PRICE_PER_PATH_USD } from './constants'
import { collapse, countItems, dedupe, type ItemCounts } from './paths'
import { plural } from '../common/plural'

/**
 * The plan of one run: per distribution, the items to invalidate (after de-duplication and
 * collapsing) cut into batches CloudFront accepts, each with its CallerReference, and what they
 * cost. Pure: no I/O, so every rule is unit-tested.
 */

export interface Limits {
  /** File paths (tag items included) in one request and in progress per distribution. */
  paths: number
  /** Wildcard paths in progress per distribution. */
  wildcards: number
}

/** CloudFront's limits (Developer Guide, "Concurrent invalidation request maximum"; see AWS_LIMITS). */
export const CLOUDFRONT_LIMITS: Limits = {
  paths: AWS_LIMITS.cloudFrontPaths,
  wildcards: AWS_LIMITS.cloudFrontWildcardsInProgress,
}

export interface Batch extends ItemCounts {
  items: string[]
  callerReference: string
}

export interface DistributionPlan {
  distributionId: string
  /** Paths and tags as asked for, before normalising (what a naive list would submit). */
  requested: number
  items: string[]
  batches: Batch[]
  duplicates: number
  covered: number
  /** Paths collapsing saved, and the wildcards it introduced. */
  collapsedSaved: number
  collapsedInto: string[]
  counts: ItemCounts
}

export interface RunIdentity {
  runId: string
  attempt: string
  /** Random, one per process: two steps of one run attempt are two invalidations. */
  nonce: string
}

/**
 * Cuts items into batches CloudFront takes: at most `limits.wildcards` wildcards and at most
 * `limits.paths` items in all per batch (one request may carry up to 3,000 paths, and a
 * distribution may have 3,000 file paths and 15 wildcards in progress, counted apart). Fewest
 * batches: the wildcards are spread over as many batches as they need, the files fill the rest.
 */
export function cutBatches(items: readonly string[], limits: Limits = CLOUDFRONT_LIMITS): string[][] {
  const wildcards = items.filter((i) => !i.startsWith('#') && i.endsWith('*'))
  const others = items.filter((i) => i.startsWith('#') || !i.endsWith('*'))
  const out: string[][] = []
  let w = 0
  let o = 0
  while (w < wildcards.length || o < others.length) {
    const batch = wildcards.slice(w, w + Math.min(limits.wildcards, limits.paths))
    w += batch.length
    const room = limits.paths - batch.length
    batch.push(...others.slice(o, o + room))
    o += Math.min(room, others.length - o)
    out.push(batch)
  }
  return out
}

/**
 * The CallerReference of a batch: the run id, its attempt, the process's nonce and a digest of
 * the distribution and the batch's items. A call retried sends the same reference with the same
 * batch, and CloudFront returns the invalidation it made the first time instead of a new one
 * (API reference, InvalidationBatch.CallerReference). Another step of the same run attempt (a
 * second deploy in the job, a matrix) has another nonce: were the reference the same, CloudFront
 * would return the first step's invalidation, made before the second step's files changed.
 */
export function callerReference(run: RunIdentity, distributionId: string, items: readonly string[]): string {
  const digest = createHash('sha256')
    .update(`${distributionId}\n${items.join('\n')}`)
    .digest('hex')
    .slice(0, 24)
  return `infra-actions-${run.runId}-${run.attempt}-${run.nonce}-${digest}`
}

export function planDistribution(options: {
  distributionId: string
  items: readonly string[]
  requested: number
  maxPaths: number
  run: RunIdentity
  limits?: Limits
}): DistributionPlan {
  const deduped = dedupe(options.items)
  const collapsed = collapse(deduped.items, options.maxPaths)
  // Collapsing may leave a path under a wildcard it introduced only when that path is the wildcard's own prefix.
  const items = dedupe(collapsed.items).items
  const batches = cutBatches(items, options.limits).map((batch) => ({
    items: batch,
    callerReference: callerReference(options.run, options.distributionId, batch),
    ...countItems(batch),
  }))
  return {
    distributionId: options.distributionId,
    requested: options.requested,
    items,
    batches,
    duplicates: deduped.duplicates,
    covered: deduped.covered,
    collapsedSaved: collapsed.saved,
    collapsedInto: collapsed.wildcards,
    counts: countItems(items),
  }
}

/** USD for a number of billed paths, assuming the month's free paths are used up. */
export function costOf(paths: number): number {
  return Math.round(paths * PRICE_PER_PATH_USD * 1000) / 1000
}

export function formatUsd(usd: number): string {
  return `$${usd.toFixed(3)}`
}

export interface CostComparison {
  /** Paths this plan submits (each path, wildcard and tag is one). */
  planned: number
  /** `/*` once per distribution. */
  everything: number
  /** The list as given, one path each, no de-duplication or collapsing. */
  naive: number
}

export function compareCosts(plans: readonly DistributionPlan[]): CostComparison {
  return {
    planned: plans.reduce((n, p) => n + p.items.length, 0),
    everything: plans.length,
    naive: plans.reduce((n, p) => n + p.requested, 0),
  }
}

/** The plan in readable lines for the log. */
export function describePlan(plan: DistributionPlan): string[] {
  const { files, wildcards, tags } = plan.counts
  const lines = [
    `${plan.distributionId}: ${plan.items.length} ${plural(plan.items.length, 'item')} (${files} ${plural(files, 'file path')}, ${wildcards} ${plural(wildcards, 'wildcard')}, ${tags} ${plural(tags, 'tag')}) in ${plan.batches.length} ${plural(plan.batches.length, 'batch', 'batches')}, from ${plan.requested} asked for`,
  ]
  if (plan.duplicates > 0)
    lines.push(`  ${plan.duplicates} duplicate ${plural(plan.duplicates, 'path')} removed`)
  if (plan.covered > 0)
    lines.push(
      `  ${plan.covered} ${plural(plan.covered, 'path')} already covered by a wildcard of the list dropped`,
    )
  if (plan.collapsedSaved > 0)
    lines.push(
      `  collapsed into ${plan.collapsedInto.join(', ')}: ${plan.collapsedSaved} ${plural(plan.collapsedSaved, 'path')} saved`,
    )
  const limit = CLOUDFRONT_LIMITS.wildcards
  if (wildcards > limit) {
    const made = plan.collapsedInto.filter((w) => plan.items.includes(w)).length
    const given = wildcards - made
    lines.push(
      `  ${wildcards} wildcards are more than the ${limit} a distribution may have in progress: batches queue until the wildcards before them complete${given > 0 ? ` (${given} ${plural(given, 'wildcard')} of the list, invalidated as given${made > 0 ? `, and ${made} made by collapsing` : ''})` : ''}`,
    )
  }
  plan.batches.forEach((batch, i) => {
    const shown = batch.items.slice(0, 5).join(' ')
    const more = batch.items.length > 5 ? ` ... (${batch.items.length - 5} more)` : ''
    lines.push(
      `  batch ${i + 1}: ${batch.items.length} ${plural(batch.items.length, 'item')}: ${shown}${more}`,
    )
  })
  return lines
}
