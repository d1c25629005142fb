import { randomBytes } from 'node:crypto'
import { UserError } from '../common/errors'

/**
 * SQL text built by db-migrate: every name is embedded as a string literal (and turned into an
 * identifier by format('%I') inside the server), every number is checked to be one, and every
 * block is dollar-quoted with a tag its body does not contain.
 */

/** A SQL string literal, read the same way whatever standard_conforming_strings says (as quote_literal does). */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw new Error('A name holds a NUL character, which PostgreSQL does not allow.')
  const doubled = text.replace(/'/g, "''")
  return text.includes('\\') ? `E'${doubled.replace(/\\/g, '\\\\')}'` : `'${doubled}'`
}

/** A number for SQL text, checked to be an integer; `what` names it in the error. */
export function integerLiteral(value: unknown, what: string): string {
  const text = typeof value === 'number' ? String(value) : value
  if (
    typeof text !== 'string' ||
    !/^-?\d{1,40}$/.test(text) ||
    (typeof value === 'number' && !Number.isSafeInteger(value))
  ) {
    throw new UserError(`The expected ${what} is not an integer (${JSON.stringify(value)}).`)
  }
  return text
}

/** A text[] literal. */
export const textArray = (values: readonly string[]): string =>
  values.length === 0 ? `'{}'::text[]` : `ARRAY[${values.map(quoteLiteral).join(', ')}]::text[]`

/** A dollar-quote tag no embedded text contains, so no name can end the block early. */
export function dollarTag(nonce: string, body: string): string {
  let tag = `$db_migrate_${nonce}$`
  while (body.includes(tag)) tag = `$db_migrate_${randomBytes(6).toString('hex')}$`
  return tag
}
