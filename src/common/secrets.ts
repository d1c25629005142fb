import * as core from '@actions/core'

/**
 * Secret masking. The runner masks values registered with `core.setSecret` in the log, but not
 * in the job summary, so every secret is also kept here and `redact()` removes it from any
 * text the action writes elsewhere. Values derived from a secret (the password inside a URL,
 * its URL-encoded form) are registered too.
 */
const secrets = new Set<string>()

export const REDACTED = '***'

/** Registers a secret: masked in the log from now on, and removed by `redact()`. */
export function addSecret(value: string | undefined): void {
  if (value === undefined) return
  const trimmed = value.trim()
  // One- and two-character "secrets" would mask every such letter in the log; refuse them.
  if (trimmed.length < 3) return
  // The URL-encoded form is what shows when the value travels inside a URL or a query.
  for (const form of new Set([trimmed, encodeURIComponent(trimmed)])) {
    if (secrets.has(form)) continue
    secrets.add(form)
    core.setSecret(form)
  }
}

/**
 * Registers the secret parts of a URL (password, and the username when it carries a token)
 * and of its query (`password=`, `sslpassword=`, `token=`...). Returns the URL with them
 * replaced, safe to print.
 */
export function addUrlSecrets(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // Not a URL we can take apart: treat the whole value as secret.
    addSecret(url)
    return REDACTED
  }
  if (parsed.password) {
    addSecret(parsed.password)
    addSecret(decodeURIComponentSafe(parsed.password))
    parsed.password = REDACTED
  }
  for (const [key, value] of parsed.searchParams) {
    if (/pass|secret|token|key/i.test(key) && value) {
      addSecret(value)
      parsed.searchParams.set(key, REDACTED)
    }
  }
  return parsed.toString().replace(/%2A%2A%2A/g, REDACTED)
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** Replaces every registered secret in the text. Longest first, so a secret containing another is removed whole. */
export function redact(text: string): string {
  let out = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REDACTED)
  }
  return out
}

/** For tests: forget every registered secret. */
export function clearSecrets(): void {
  secrets.clear()
}
