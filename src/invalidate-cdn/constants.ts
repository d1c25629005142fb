/** Input and output names of invalidate-cdn, defined once. */
export const Input = {
  distributionId: 'distribution-id',
  domain: 'domain',
  paths: 'paths',
  pathsFile: 'paths-file',
  syncLog: 'sync-log',
  originPath: 'origin-path',
  tags: 'tags',
  wait: 'wait',
  timeout: 'timeout',
  onTimeout: 'on-timeout',
  maxPaths: 'max-paths',
  region: 'region',
  maxAttempts: 'max-attempts',
  dryRun: 'dry-run',
} as const

export const Output = {
  invalidationIds: 'invalidation-ids',
  pathsSubmitted: 'paths-submitted',
  pathsCollapsed: 'paths-collapsed',
  estimatedCost: 'estimated-cost',
} as const

export const ACTION = 'invalidate-cdn'

/**
 * CloudFront's price per invalidation path beyond the month's free ones, in USD, and the free
 * paths a month across the account. Source: Amazon CloudFront pricing and the Developer Guide,
 * "Pay for file invalidation": "The first 1,000 invalidation paths that you submit per month are
 * free; you pay for each invalidation path over 1,000 in a month", "a path that includes the *
 * wildcard counts as one path"; USD 0.005 per path at the time of writing.
 */
export const PRICE_PER_PATH_USD = 0.005
export const FREE_PATHS_PER_MONTH = 1000

/** Polling of invalidations: CloudFront completes most within 25 s, so look every 1 to 5 s. */
export const POLL_MIN_DELAY_MS = 1000
export const POLL_MAX_DELAY_MS = 5000

/** Backoff between attempts refused for limits or throttling (TooManyInvalidationsInProgress, Rate exceeded). */
export const RETRY_MIN_DELAY_MS = 1000
export const RETRY_MAX_DELAY_MS = 15_000
