import * as core from '@actions/core'

/** The logger injected into common code, so it can be used (and tested) without @actions/core. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
  error(message: string): void
}

export const coreLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  error: (message) => core.error(message),
}

/** A logger that records lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  }
}

/** Runs one phase of the action inside a collapsible log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return core.group(name, fn)
}

/** Formats a duration in milliseconds for people: `850ms`, `12.4s`, `3m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`
  const totalSeconds = Math.round(ms / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`
}

/** The same logger with its info lines sent to debug: for a tool's own output and for polls, shown only with debug logging on. */
export function debugLogger(logger: Logger): Logger {
  return { ...logger, info: (message) => logger.debug(message) }
}
