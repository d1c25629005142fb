import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { CancelledError } from '../common/errors'
import type { Logger } from '../common/log'
import { debugLogger } from '../common/log'
import { runProcess, spawnProcess, type ProcessResult } from '../common/process'
import { redact } from '../common/secrets'
import type { PackerEnvironment } from './plan'
import { announcedTemporary, Artifacts, parseMachineLine, readable } from './machine'

/** Finding Packer and running it: `version`, `init`, `validate`, `build`, with the machine-readable stream parsed. */

/** The first `packer` on PATH that is executable, or undefined. */
export function packerOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['packer.exe'] : ['packer']
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    for (const name of names) {
      const candidate = join(dir, name)
      try {
        accessSync(candidate, constants.X_OK)
        return candidate
      } catch {
        // Not here.
      }
    }
  }
  return undefined
}

/** `packer version` prints `Packer v1.6.6` (and, when outdated, a line about the newest release). */
export async function packerVersionOf(binary: string, signal?: AbortSignal): Promise<string> {
  const lines: string[] = []
  await runProcess(binary, ['version'], {
    env: { CHECKPOINT_DISABLE: '1' },
    signal,
    onStdoutLine: (line) => lines.push(line),
    onStderrLine: (line) => lines.push(line),
    timeoutMs: 30_000,
  })
  const m = /Packer v?(\d+\.\d+\.\d+[^\s]*)/.exec(lines.join('\n'))
  if (!m) throw new Error(`${binary} version printed no version: ${lines.join(' | ')}`)
  return m[1]
}

export interface PackerRun {
  binary: string
  cwd: string
  environment: PackerEnvironment
  logger: Logger
  signal?: AbortSignal
}

/** A private directory for the generated var file (JSON templates only), removed by `dispose`. */
export function writeVarFile(values: Record<string, string> | undefined): { file?: string; dispose(): void } {
  if (!values) return { dispose: () => undefined }
  const dir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'build-ami-'))
  const file = join(dir, 'variables.json')
  writeFileSync(file, JSON.stringify(values), { mode: 0o600 })
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface ValidateResult {
  ok: boolean
  errors: string[]
  result: ProcessResult
}

/** `packer validate -machine-readable`: its `ui,error` messages are the validation errors. */
export async function validate(run: PackerRun, args: string[]): Promise<ValidateResult> {
  const errors: string[] = []
  const [command, ...rest] = args
  const handle = spawnProcess(run.binary, [command, '-machine-readable', ...rest], {
    cwd: run.cwd,
    env: run.environment.env,
    secretEnv: run.environment.secretEnv,
    signal: run.signal,
    logger: run.logger,
    timeoutMs: 10 * 60_000,
    onStdoutLine: (line) => {
      const parsed = parseMachineLine(line, redact)
      if (!parsed) return run.logger.info(redact(line))
      const shown = readable(parsed)
      if (parsed.type === 'ui' && parsed.data[0] === 'error') errors.push(redact(parsed.data[1] ?? ''))
      else if (shown.level !== 'debug') for (const l of shown.lines) run.logger.info(redact(l))
      else run.logger.debug(redact(shown.lines.join(' ')))
    },
    onStderrLine: (line) => errors.push(redact(line)),
  })
  const result = await handle.done
  if (result.cancelled) throw new CancelledError('The run was cancelled during packer validate.')
  return { ok: result.exitCode === 0, errors: errors.filter((e) => e.trim() !== ''), result }
}

/** `packer init`, its output in the log. */
export async function init(run: PackerRun, template: string): Promise<ProcessResult> {
  return runProcess(run.binary, ['init', template], {
    cwd: run.cwd,
    env: run.environment.env,
    secretEnv: run.environment.secretEnv,
    signal: run.signal,
    logger: run.logger,
    timeoutMs: 15 * 60_000,
  })
}

export interface BuildResult {
  result: ProcessResult
  artifacts: Artifacts
  /** Packer's error messages (`ui,error`), e.g. `Build 'amazon-ebs' errored after 2 seconds: ...`. */
  errors: string[]
}

/**
 * `packer build -machine-readable`, each line turned back into Packer's readable form as it
 * arrives, artifacts collected. A cancelled run interrupts Packer's whole process group (SIGINT
 * to the group: Packer 1.6.6 ignores one sent to its top process alone) and waits for Packer to
 * clean up its builder, as src/common/process.ts does for every tool.
 */
export async function build(
  run: PackerRun,
  args: string[],
  onTemporary?: (temporary: { kind: 'keyPair' | 'group'; name: string }) => void,
): Promise<BuildResult> {
  const artifacts = new Artifacts()
  const errors: string[] = []
  const quiet = debugLogger(run.logger)
  const handle = spawnProcess(run.binary, args, {
    cwd: run.cwd,
    env: run.environment.env,
    secretEnv: run.environment.secretEnv,
    signal: run.signal,
    logger: run.logger,
    // Packer's own cleanup of a cancelled build (terminate, wait, delete group and key pair) takes a while on AWS.
    graceMs: 60_000,
    onStdoutLine: (line) => {
      const parsed = parseMachineLine(line, redact)
      if (!parsed) return run.logger.info(redact(line))
      artifacts.add(parsed)
      const temporary = announcedTemporary(parsed)
      if (temporary) onTemporary?.(temporary)
      const shown = readable(parsed)
      if (parsed.type === 'ui' && parsed.data[0] === 'error') errors.push(redact(parsed.data[1] ?? ''))
      const log = shown.level === 'debug' ? quiet : run.logger
      for (const l of shown.lines) log.info(redact(l))
    },
    onStderrLine: (line) => run.logger.info(redact(line)),
  })
  const result = await handle.done
  return { result, artifacts, errors }
}
