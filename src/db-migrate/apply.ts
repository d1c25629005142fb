import type { Logger } from '../common/log'
import type { CopyResult } from './copy'
import {
  baseline,
  carryDatabaseProperties,
  close,
  connect,
  databaseProperties,
  dropRestored,
  quoteIdent,
  userObjects,
  type DatabaseProperties,
  type Db,
  type PropertyOutcome,
} from './db'
import type { Plan } from './plan'
import { CommitOutcomeUnknown } from './transaction'
import type { DatabaseUrl } from './url'
import { withDatabase } from './url'

/** What the target is left as, for the `target-state` output and the failure sentence. */
export type TargetState = 'unchanged' | 'restored' | 'swapped' | 'empty' | 'partial' | 'unknown'

export class ApplyFailure extends Error {
  override name = 'ApplyFailure'
  constructor(
    error: unknown,
    readonly state: TargetState,
    readonly stateSentence: string,
  ) {
    const message = ((error as Error)?.message ?? String(error)).replace(/[.\s]*$/, '')
    super(`${message}. ${stateSentence}`, { cause: error })
  }
}

export interface WriteTarget {
  /** Writes the data into the given database (the target, or swap's incoming database). */
  write(into: DatabaseUrl): Promise<CopyResult>
  /** Checks the written database against what `write` returned; throws on a mismatch. */
  verify(into: DatabaseUrl, written: CopyResult): Promise<void>
  /**
   * Direct and swap: carries owners and privileges into the written database once it passed
   * verification, in one transaction of its own (see `applyAccess`), so that a write undone
   * never leaves a grant behind (the block changes objects the write did not create too: the
   * `public` schema, default privileges); returns what was not carried. The transaction strategy
   * runs the block inside its own transaction instead.
   */
  access?(into: DatabaseUrl): Promise<string[]>
  /** The source database's comment and settings, to carry once the data is in (undefined: unknown). */
  database?: DatabaseProperties
}

export interface ApplyOutcome {
  result: CopyResult
  state: TargetState
  /** What became of the database-level properties. */
  properties: PropertyOutcome
}

/**
 * Carries out the plan's strategy so that a failure never leaves a half-restored target:
 * direct drops what it restored, transaction rolls back (verification runs inside it, before
 * the commit), swap drops the incoming database.
 */
export async function applyStrategy(
  plan: Plan,
  target: DatabaseUrl,
  work: WriteTarget,
  logger: Logger,
  signal: AbortSignal,
): Promise<ApplyOutcome> {
  if (plan.strategy === 'swap') return swap(plan, target, work, logger, signal)
  if (plan.strategy === 'transaction') {
    // The write verifies inside the transaction and commits only when that passes.
    let result: CopyResult
    try {
      result = await work.write(target)
    } catch (error) {
      if (error instanceof CommitOutcomeUnknown)
        throw new ApplyFailure(
          error,
          'unknown',
          `Whether ${target.database} holds the restored data is unknown; check it before running again.`,
        )
      throw new ApplyFailure(
        error,
        'unchanged',
        `The transaction was rolled back; ${target.database} is exactly as it was.`,
      )
    }
    // Checked again on the committed data: cheap, and it proves what was committed.
    await verifyOrExplain(
      work,
      target,
      result,
      `${target.database} holds the restored data, which had passed verification inside the transaction before the commit.`,
    )
    return { result, state: 'restored', properties: await carryInPlace(target, work, logger) }
  }
  return direct(target, work, logger, signal)
}

/** The source's database comment and settings, onto the target database itself (direct, transaction). */
async function carryInPlace(
  target: DatabaseUrl,
  work: WriteTarget,
  logger: Logger,
): Promise<PropertyOutcome> {
  const db = await connect(target, { logger, signal: new AbortController().signal }).catch(() => undefined)
  if (!db) return { carried: [], notCarried: ['database properties: could not reconnect to the target'] }
  try {
    return await carryDatabaseProperties(db, target.database, work.database)
  } finally {
    await close(db)
  }
}

async function verifyOrExplain(
  work: WriteTarget,
  into: DatabaseUrl,
  written: CopyResult,
  sentence: string,
): Promise<void> {
  try {
    await work.verify(into, written)
  } catch (error) {
    throw new ApplyFailure(error, 'restored', sentence)
  }
}

async function direct(
  target: DatabaseUrl,
  work: WriteTarget,
  logger: Logger,
  signal: AbortSignal,
): Promise<ApplyOutcome> {
  let before: Awaited<ReturnType<typeof baseline>>
  try {
    const db = await connect(target, { logger, signal })
    before = await baseline(db).finally(() => close(db))
  } catch (error) {
    throw new ApplyFailure(error, 'unchanged', `Nothing was written to ${target.database}.`)
  }
  let result: CopyResult
  try {
    result = await work.write(target)
    await work.verify(target, result)
    result = await carryVerified(work, target, result)
  } catch (error) {
    logger.info(`Removing what was restored into ${target.database}, so that it is empty again`)
    throw await undoDirect(error, target, before, logger)
  }
  return { result, state: 'restored', properties: await carryInPlace(target, work, logger) }
}

/** The owners and privileges, carried last (see `WriteTarget.access`); what was not carried joins the result's. */
async function carryVerified(work: WriteTarget, into: DatabaseUrl, result: CopyResult): Promise<CopyResult> {
  if (!work.access) return result
  const notCarried = await work.access(into)
  return { ...result, notCarried: [...(result.notCarried ?? []), ...notCarried] }
}

async function undoDirect(
  error: unknown,
  target: DatabaseUrl,
  before: Awaited<ReturnType<typeof baseline>>,
  logger: Logger,
): Promise<ApplyFailure> {
  // A fresh signal: cleaning up must happen even when the run is being cancelled.
  const db = await connect(target, { logger, signal: new AbortController().signal }).catch(() => undefined)
  if (!db)
    return new ApplyFailure(
      error,
      'partial',
      `Could not reconnect to remove the partial restore; ${target.database} holds part of the data.`,
    )
  try {
    await dropRestored(db, before)
    // Measured, not assumed: what the emptiness check of the next run's pre-flight would see.
    const left = await userObjects(db, before.extensions)
    if (left.length === 0)
      return new ApplyFailure(
        error,
        'empty',
        `Everything restored was removed; ${target.database} is empty again.`,
      )
    return new ApplyFailure(
      error,
      'partial',
      `Removing the partial restore left ${left.length} objects (${left.slice(0, 3).join(', ')}) in ${target.database}.`,
    )
  } catch (cleanup) {
    return new ApplyFailure(
      error,
      'partial',
      `Removing the partial restore failed (${(cleanup as Error).message}); ${target.database} holds part of the data.`,
    )
  } finally {
    await close(db)
  }
}

async function swap(
  plan: Plan,
  target: DatabaseUrl,
  work: WriteTarget,
  logger: Logger,
  signal: AbortSignal,
): Promise<ApplyOutcome> {
  const incoming = plan.incomingDatabase as string
  const previous = plan.previousDatabase as string
  const admin = await connect(withDatabase(target, 'postgres'), { logger, signal })
    .catch(() => connect(target, { logger, signal }))
    .catch((error: unknown) => {
      throw new ApplyFailure(error, 'unchanged', `Nothing was written; ${target.database} was not touched.`)
    })
  let result: CopyResult
  let properties: PropertyOutcome
  try {
    try {
      await createLike(admin, target.database, incoming)
    } catch (error) {
      throw new ApplyFailure(error, 'unchanged', `${target.database} was not touched.`)
    }
    logger.info(`Created database ${incoming} beside ${target.database}`)
    try {
      result = await work.write(withDatabase(target, incoming))
      await work.verify(withDatabase(target, incoming), result)
      result = await carryVerified(work, withDatabase(target, incoming), result)
      // Before the rename: the database that takes the target's name has its properties from the start.
      const replaced = await databaseProperties(admin, target.database)
      properties = await carryDatabaseProperties(admin, incoming, work.database, replaced)
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(incoming)} WITH (FORCE)`).catch(() => undefined)
      throw new ApplyFailure(
        error,
        'unchanged',
        `The incoming database ${incoming} was dropped; ${target.database} was not touched.`,
      )
    }
    await cutOver(admin, target.database, incoming, previous, logger)
  } finally {
    await close(admin)
  }
  return { result, state: 'swapped', properties }
}

/**
 * What CREATE DATABASE needs to make a database sort and classify text as another does, from its
 * pg_database row: the encoding, LC_COLLATE and LC_CTYPE, and from PostgreSQL 15 the locale
 * provider (`datlocprovider`: c libc, i icu, from 17 b builtin) with its locale (`daticulocale`,
 * renamed `datlocale` in 17, which holds the builtin provider's too) and from 16 the ICU rules
 * (`daticurules`). Read through to_jsonb, so that a column an older server lacks reads as null.
 * https://www.postgresql.org/docs/15/catalog-pg-database.html,
 * https://www.postgresql.org/docs/17/catalog-pg-database.html
 */
export interface DatabaseLocale {
  encoding: string
  collate: string
  ctype: string
  provider: string | null
  locale: string | null
  rules: string | null
}

const DATABASE_LOCALE_SQL = `SELECT pg_encoding_to_char(d.encoding) AS encoding, d.datcollate::text AS collate, d.datctype::text AS ctype,
        to_jsonb(d) ->> 'datlocprovider' AS provider,
        coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') AS locale,
        to_jsonb(d) ->> 'daticurules' AS rules
   FROM pg_catalog.pg_database d WHERE d.datname = $1`

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`

/**
 * CREATE DATABASE `name` from template0 with the locale of `like` (undefined: the server's
 * defaults). The provider is always named where the server has one, libc too: template0's own
 * provider would apply otherwise. Pure.
 * https://www.postgresql.org/docs/15/sql-createdatabase.html (LOCALE_PROVIDER, ICU_LOCALE),
 * https://www.postgresql.org/docs/16/sql-createdatabase.html (ICU_RULES),
 * https://www.postgresql.org/docs/17/sql-createdatabase.html (BUILTIN_LOCALE)
 */
export function createDatabaseSql(name: string, like: DatabaseLocale | undefined): string {
  const options: string[] = []
  if (like) {
    options.push(
      `ENCODING ${literal(like.encoding)}`,
      `LC_COLLATE ${literal(like.collate)}`,
      `LC_CTYPE ${literal(like.ctype)}`,
    )
    if (like.provider === 'c') options.push('LOCALE_PROVIDER libc')
    else if (like.provider === 'i') {
      options.push('LOCALE_PROVIDER icu', `ICU_LOCALE ${literal(like.locale ?? '')}`)
      if (like.rules !== null) options.push(`ICU_RULES ${literal(like.rules)}`)
    } else if (like.provider === 'b')
      options.push('LOCALE_PROVIDER builtin', `BUILTIN_LOCALE ${literal(like.locale ?? '')}`)
    else if (like.provider !== null)
      throw new Error(
        `Database locale provider ${JSON.stringify(like.provider)} is not one db-migrate knows; use another strategy than swap.`,
      )
  }
  return `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0${options.map((o) => ` ${o}`).join('')}`
}

async function createLike(admin: Db, model: string, name: string): Promise<void> {
  const { rows } = await admin.query<DatabaseLocale>(DATABASE_LOCALE_SQL, [model])
  await admin.query(createDatabaseSql(name, rows[0]))
}

/** Renames the old target aside and the verified copy into its place; the old one stays for rollback. */
async function cutOver(
  admin: Db,
  name: string,
  incoming: string,
  previous: string,
  logger: Logger,
): Promise<void> {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [name],
  )
  if (Number(rows[0].n) > 0) {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(incoming)} WITH (FORCE)`).catch(() => undefined)
    throw new ApplyFailure(
      new Error(`${rows[0].n} other sessions are connected to ${name}, so it cannot be renamed.`),
      'unchanged',
      `The incoming database was dropped and ${name} was not touched; stop its clients (or point them elsewhere) and run again.`,
    )
  }
  await admin.query(`ALTER DATABASE ${quoteIdent(name)} RENAME TO ${quoteIdent(previous)}`).catch((error) => {
    throw new ApplyFailure(
      error,
      'unchanged',
      `${name} was not renamed; the restored copy stays as ${incoming}.`,
    )
  })
  try {
    await admin.query(`ALTER DATABASE ${quoteIdent(incoming)} RENAME TO ${quoteIdent(name)}`)
  } catch (error) {
    try {
      await admin.query(`ALTER DATABASE ${quoteIdent(previous)} RENAME TO ${quoteIdent(name)}`)
    } catch (back) {
      throw new ApplyFailure(
        error,
        'unknown',
        `${name} was renamed to ${previous} and renaming it back failed (${(back as Error).message}); the restored copy stays as ${incoming}.`,
      )
    }
    throw new ApplyFailure(
      error,
      'unchanged',
      `${name} was renamed back; the restored copy stays as ${incoming}.`,
    )
  }
  logger.info(`Swapped: ${incoming} is now ${name}; the previous database is kept as ${previous}`)
}
