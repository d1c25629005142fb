import { notAvailable } from '../common/action'

/** Create CloudFront invalidations with batching, limits and retries, and wait for them to complete. Not released yet: fails with one sentence saying so. */
export const main = notAvailable('invalidate-cdn')
