import type { Assessment } from '../common/wait'
import { formatDuration } from '../common/log'
import { Input, OUTPUT_TAIL_CHARS } from './constants'
import { listText } from './plan'
import { parseFailureMarker } from './script'
import type { Command, CommandInvocation } from './ssm'

/**
 * Reading SSM's view of a command (pure): each instance's status, exit code, duration, output
 * tail and, for a failure, why; when a command is over; and the one sentence a failure gets.
 * Statuses from the Systems Manager User Guide, "Understanding command statuses".
 */

/** Invocation and command statuses that do not change any more. */
export const TERMINAL = ['Success', 'Failed', 'TimedOut', 'Cancelled']

export type FailureKind =
  | 'health check'
  | 'restart'
  | 'install'
  | 'switch'
  | 'script'
  | 'undeliverable'
  | 'delivery timeout'
  | 'execution timeout'
  | 'terminated'
  | 'cancelled'
  | 'not run'

export interface InstanceResult {
  instance: string
  /** SSM's Status (Success, Failed, TimedOut, Cancelled, or a state still in progress). */
  status: string
  /** SSM's StatusDetails (Delivery Timed Out as DeliveryTimedOut, Undeliverable, Terminated...). */
  details: string
  exitCode?: number
  durationMs?: number
  /** Whether the script started on the instance (so it may have been changed). */
  started: boolean
  /** The end of its output, as SSM returned it. */
  output: string
  failure?: { kind: FailureKind; why: string }
}

export interface Snapshot {
  command?: Command
  invocations: CommandInvocation[]
}

export function isTerminal(status: string | undefined): boolean {
  return status !== undefined && TERMINAL.includes(status)
}

function time(value: Date | undefined): number | undefined {
  return value instanceof Date ? value.getTime() : undefined
}

export function tail(text: string, max = OUTPUT_TAIL_CHARS): string {
  const trimmed = text.replace(/\s+$/, '')
  return trimmed.length <= max ? trimmed : `...${trimmed.slice(trimmed.length - max + 3)}`
}

/** One instance's result from its invocation (with plugin details), and optionally its full output. */
export function resultOf(
  invocation: CommandInvocation,
  full?: { stdout?: string; stderr?: string; responseCode?: number },
): InstanceResult {
  const plugin = invocation.CommandPlugins?.[0]
  const status = invocation.Status ?? 'Pending'
  const details = invocation.StatusDetails ?? status
  const start = time(plugin?.ResponseStartDateTime)
  const end = time(plugin?.ResponseFinishDateTime)
  const inline = plugin?.Output ?? ''
  const output = full ? [full.stdout ?? '', full.stderr ?? ''].filter(Boolean).join('\n') : inline
  const code = full?.responseCode ?? plugin?.ResponseCode
  const started = start !== undefined || ['Success', 'Failed', 'ExecutionTimedOut'].includes(details)
  const result: InstanceResult = {
    instance: invocation.InstanceId ?? '',
    status,
    details,
    exitCode: isTerminal(status) && code !== undefined && code >= 0 ? code : undefined,
    durationMs: start !== undefined && end !== undefined ? end - start : undefined,
    started,
    output: tail(output),
  }
  if (isTerminal(status) && details !== 'Success')
    result.failure = failureOf(details, output, result.exitCode)
  return result
}

function failureOf(details: string, output: string, code: number | undefined): InstanceResult['failure'] {
  const marker = parseFailureMarker(output)
  switch (details) {
    case 'Undeliverable':
      return { kind: 'undeliverable', why: 'SSM could not deliver the command (Undeliverable)' }
    case 'DeliveryTimedOut':
      return {
        kind: 'delivery timeout',
        why: `the instance did not pick the command up within '${Input.deliveryTimeout}' (Delivery Timed Out)`,
      }
    case 'ExecutionTimedOut':
      return {
        kind: 'execution timeout',
        why: `the script ran longer than '${Input.executionTimeout}' (Execution Timed Out)`,
      }
    case 'Terminated':
      return {
        kind: 'terminated',
        why: `SSM stopped the command once more than '${Input.maxErrors}' instances had failed (Terminated)`,
      }
    case 'Cancelled':
      return { kind: 'cancelled', why: 'the command was cancelled (Cancelled)' }
    case 'InvalidPlatform':
    case 'AccessDenied':
      return { kind: 'not run', why: `SSM could not run the command there (${details})` }
  }
  if (marker) return { kind: marker.step as FailureKind, why: marker.why }
  const last = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(
      (l) => l !== '' && !/^failed to run commands: exit status/.test(l) && l !== '----------ERROR-------',
    )
    .at(-1)
  return { kind: 'script', why: last ?? `exit code ${code ?? 'unknown'}` }
}

const PHRASE: Record<FailureKind, string> = {
  'health check': 'failed the health check',
  restart: 'failed the restart',
  install: 'failed to install the release',
  switch: 'failed to switch the current symlink',
  script: 'failed',
  undeliverable: 'could not be reached',
  'delivery timeout': 'did not pick the command up in time',
  'execution timeout': 'ran out of time',
  terminated: 'were never restarted',
  cancelled: 'were cancelled',
  'not run': 'could not run the command',
}

/**
 * The failures in one clause each, grouped by kind:
 * `2 of 6 instances failed the health check (i-0a1, i-0b2: curl: (7) Failed to connect ...)`.
 */
export function failureClauses(results: InstanceResult[], total = results.length): string[] {
  const groups = new Map<FailureKind, InstanceResult[]>()
  for (const r of results)
    if (r.failure) groups.set(r.failure.kind, [...(groups.get(r.failure.kind) ?? []), r])
  const order: FailureKind[] = [
    'health check',
    'restart',
    'install',
    'switch',
    'script',
    'execution timeout',
    'undeliverable',
    'delivery timeout',
    'not run',
    'cancelled',
    'terminated',
  ]
  return order
    .filter((kind) => groups.has(kind))
    .map((kind) => {
      const group = groups.get(kind)!
      const n = group.length
      const who = `${n} of ${total} instance${total === 1 ? '' : 's'}`
      const verb = n === 1 ? PHRASE[kind].replace(/^were /, 'was ') : PHRASE[kind]
      return `${who} ${verb} (${listText(group.map((r) => r.instance))}: ${group[0].failure!.why})`
    })
}

/** A command is over when SSM says so and every invocation it lists has ended. */
export function commandOver(snapshot: Snapshot): boolean {
  const command = snapshot.command
  if (!command || !isTerminal(command.Status)) return false
  const expected = command.TargetCount ?? 0
  return snapshot.invocations.length >= expected && snapshot.invocations.every((i) => isTerminal(i.Status))
}

/** The wait's view: a state line logged when it changes, and done when the command is over. */
export function assess(snapshot: Snapshot): Assessment {
  const results = snapshot.invocations.map((i) => resultOf(i))
  const ended = results.filter((r) => isTerminal(r.status))
  const failed = ended.filter((r) => r.failure).length
  const total = Math.max(snapshot.command?.TargetCount ?? 0, results.length)
  const status = snapshot.command?.StatusDetails ?? snapshot.command?.Status ?? 'Pending'
  const state =
    total === 0 && !isTerminal(snapshot.command?.Status)
      ? `${status}, instances not resolved yet`
      : `${status}: ${ended.length}/${total} ended${failed ? `, ${failed} failed` : ''}`
  return { state, done: commandOver(snapshot) }
}

/** One log line per instance whose state changed since the last poll. */
export function changes(previous: Map<string, string>, snapshot: Snapshot): string[] {
  const lines: string[] = []
  for (const invocation of snapshot.invocations) {
    const r = resultOf(invocation)
    const key = `${r.status}/${r.details}`
    if (previous.get(r.instance) === key) continue
    previous.set(r.instance, key)
    lines.push(`${r.instance}: ${describeResult(r)}`)
  }
  return lines
}

export function describeResult(r: InstanceResult): string {
  const details = r.details !== r.status ? `${r.status} (${r.details})` : r.status
  const extra = [
    r.exitCode !== undefined ? `exit ${r.exitCode}` : undefined,
    r.durationMs !== undefined ? formatDuration(r.durationMs) : undefined,
  ].filter(Boolean)
  const why = r.failure ? `: ${r.failure.why}` : ''
  return `${details}${extra.length ? ` [${extra.join(', ')}]` : ''}${why}`
}
