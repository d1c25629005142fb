import { parse } from 'pg-connection-string'
import type { ClientConfig } from 'pg'
import { toClientConfig } from 'pg-connection-string'
import { UserError } from '../common/errors'
import { addSecret, addUrlSecrets } from '../common/secrets'

/** Which server a URL points at; every message about a connection names it. */
export type Side = 'source' | 'target'

/**
 * A PostgreSQL URL taken apart once: what the `pg` client needs, what libpq tools need
 * (a URL without the password plus the password in the environment), and a display form
 * that never holds a secret.
 */
export interface DatabaseUrl {
  side: Side
  host: string
  port: number
  user?: string
  database: string
  password?: string
  /** `user@host:port/db`, safe to print. */
  display: string
  /** The URL without its password, for a tool's `--dbname` (libpq parses the query itself). */
  conninfo: string
}

const SECRET_PARAMS = /pass|secret|token/i

/** Parses and masks a `postgres://` / `postgresql://` URL, or throws one sentence naming the input. */
export function parseDatabaseUrl(input: string, side: Side, text: string): DatabaseUrl {
  // Mask first, so that no error below can print the password.
  addUrlSecrets(text)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UserError(
      `Input '${input}' must be a PostgreSQL URL such as postgresql://user:password@host:5432/db?sslmode=require, with special characters percent-encoded.`,
    )
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new UserError(
      `Input '${input}' must start with postgresql:// or postgres://, got ${url.protocol}//.`,
    )
  }
  for (const [key] of url.searchParams) {
    if (SECRET_PARAMS.test(key)) {
      throw new UserError(
        `Input '${input}' carries a secret in its query parameter '${key}'; put the password in the URL's user:password part.`,
      )
    }
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (database === '' || database.includes('/')) {
    throw new UserError(
      `Input '${input}' must name a database in its path, e.g. postgresql://user@host:5432/app.`,
    )
  }
  const host = decodeURIComponent(url.hostname || url.searchParams.get('host') || '')
  if (host === '')
    throw new UserError(`Input '${input}' must name a host, e.g. postgresql://user@db.example.com:5432/app.`)
  const port = url.port === '' ? 5432 : Number(url.port)
  const user = url.username === '' ? undefined : decodeURIComponent(url.username)
  const password = url.password === '' ? undefined : decodeURIComponent(url.password)
  addSecret(password)
  const safe = new URL(url.toString())
  safe.password = ''
  return {
    side,
    host,
    port,
    user,
    database,
    password,
    display: `${user ? `${user}@` : ''}${host}:${port}/${database}`,
    conninfo: safe.toString(),
  }
}

/** The same server with another database (swap creates and renames databases beside the target). */
export function withDatabase(url: DatabaseUrl, database: string): DatabaseUrl {
  const safe = new URL(url.conninfo)
  safe.pathname = `/${encodeURIComponent(database)}`
  return {
    ...url,
    database,
    conninfo: safe.toString(),
    display: url.display.replace(/\/[^/]*$/, `/${database}`),
  }
}

/** Options for the `pg` client, with libpq's meaning of sslmode (require means encrypt, not verify). */
export function clientConfig(url: DatabaseUrl): ClientConfig {
  const parsed = parse(url.conninfo, { useLibpqCompat: true })
  return {
    ...toClientConfig(parsed),
    host: url.host,
    port: url.port,
    password: url.password,
    application_name: 'infra-actions db-migrate',
  }
}

/** The environment a libpq tool needs besides `--dbname`: the password, never in argv. */
export function toolSecretEnv(url: DatabaseUrl): Record<string, string> {
  return url.password === undefined ? {} : { PGPASSWORD: url.password }
}
