/**
 * pg_restore's errors, read from its stderr (it has no other channel for them) and sorted into
 * failures and warnings. Managed servers (RDS, Cloud SQL, Azure) refuse a few statements of
 * every dump to a non-superuser, harmlessly: the object is there, only its owner or comment
 * differs. With `no-owner` / `no-privileges` those are warnings; `ignore-errors` adds patterns;
 * anything else fails the step.
 */

export interface RestoreError {
  /** The server's message (`must be owner of extension plpgsql`), or pg_restore's own. */
  message: string
  /** The TOC entry being restored, as pg_restore names it. */
  entry?: string
  /** The SQL that failed, when pg_restore prints it. */
  command?: string
}

export interface Classified {
  warnings: RestoreError[]
  failures: RestoreError[]
}

/** Errors a non-superuser meets on a managed target, whose objects are nevertheless in place. */
export const KNOWN_HARMLESS: readonly RegExp[] = [
  /must be owner of (extension|schema|language) /i,
  /schema "public" already exists/i,
  /extension "[^"]+" already exists/i,
  /language "plpgsql" already exists/i,
  /unrecognized configuration parameter "(transaction_timeout|default_table_access_method|xmloption|row_security|idle_in_transaction_session_timeout)"/i,
  /permission denied to (create|alter) extension "plpgsql"/i,
]

/** Splits pg_restore's stderr into its errors, each with the TOC entry and the command it names. */
export function parseRestoreErrors(lines: readonly string[]): RestoreError[] {
  const errors: RestoreError[] = []
  let entry: string | undefined
  for (const line of lines) {
    const from = /^pg_restore: from TOC entry (.*)$/.exec(line)
    if (from) {
      entry = from[1].trim()
      continue
    }
    const error = /^pg_restore: error: (.*)$/.exec(line)
    if (error) {
      const server = /ERROR:\s+(.*)$/.exec(error[1])
      errors.push({ message: (server ? server[1] : error[1]).trim(), entry })
      entry = undefined
      continue
    }
    const command = /^Command was: (.*)$/.exec(line)
    const last = errors[errors.length - 1]
    if (command && last && last.command === undefined) last.command = command[1].trim()
  }
  return errors
}

/**
 * Errors that no pattern turns into warnings: a row-level security policy, row security itself
 * or a privilege that failed to restore would leave the copy granting more than the source (a
 * restrictive policy missing, a REVOKE not made), whatever `ignore-errors` was meant to pass
 * over (`role ".*" does not exist` for a grant also matches a CREATE POLICY naming that role).
 * Told by the TOC entry's kind, else by the command.
 */
const SECURITY_ENTRY = /^\d+; \d+ \d+ (?:POLICY|ROW SECURITY|ACL|DEFAULT ACL) /
const SECURITY_COMMAND =
  /^\s*(?:CREATE POLICY|ALTER POLICY|ALTER TABLE\b.*\bROW LEVEL SECURITY|REVOKE|GRANT)\b/i

export function isSecurityError(error: RestoreError): boolean {
  return SECURITY_ENTRY.test(error.entry ?? '') || SECURITY_COMMAND.test(error.command ?? '')
}

export function classifyErrors(
  errors: readonly RestoreError[],
  options: { managed: boolean; ignore: readonly RegExp[] },
): Classified {
  const harmless = [...(options.managed ? KNOWN_HARMLESS : []), ...options.ignore]
  const warnings: RestoreError[] = []
  const failures: RestoreError[] = []
  for (const error of errors) {
    const text = `${error.message}\n${error.command ?? ''}`
    if (!isSecurityError(error) && harmless.some((pattern) => pattern.test(text))) warnings.push(error)
    else failures.push(error)
  }
  return { warnings, failures }
}

/** One line per error for the log and the summary. */
export function describeRestoreError(error: RestoreError): string {
  return error.entry ? `${error.message} (TOC entry ${error.entry})` : error.message
}
