/**
 * What psql's stderr tells during a restore in one transaction: the server's errors and warnings,
 * and the messages db-migrate's own blocks raise there, each marked by a prefix.
 */

/** How the verification block (check.ts) fails: its error message starts with this. */
export const MISMATCH_PREFIX = 'db-migrate verification:'

/** How the owners-and-privileges block (access.ts) fails: never a known-harmless error, whatever the cause. */
export const ACCESS_PREFIX = 'db-migrate access:'

/** How that block reports, as a WARNING, an owner the server refused although pre-flight expected it carried. */
export const NOT_CARRIED_PREFIX = 'db-migrate not carried:'

export type PsqlMessage =
  { kind: 'error'; message: string; line?: number } | { kind: 'warning'; message: string } | { kind: 'other' }

/** One line of psql's stderr: `psql:<stdin>:12: ERROR:  ...`, `psql: error: ...`, or a continuation. */
export function parsePsqlLine(line: string): PsqlMessage {
  const server = /^psql:.*?:(\d+): (ERROR|FATAL|PANIC|WARNING):\s+(.*)$/.exec(line)
  if (server) {
    return server[2] === 'WARNING'
      ? { kind: 'warning', message: server[3].trim() }
      : { kind: 'error', message: server[3].trim(), line: Number(server[1]) }
  }
  const client = /^psql:(?:.*?:(\d+):)? error: (.*)$/.exec(line)
  if (client)
    return { kind: 'error', message: client[2].trim(), line: client[1] ? Number(client[1]) : undefined }
  return { kind: 'other' }
}
