import { notAvailable } from '../common/action'

/** Copy, back up or restore PostgreSQL databases with pg_dump and pg_restore: parallel, consistent, verified, and never leaving the target half-restored. Not released yet: fails with one sentence saying so. */
export const main = notAvailable('db-migrate')
