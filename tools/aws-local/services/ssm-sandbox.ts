// Running AWS-RunShellScript for real. Each simulated instance gets a sandbox directory under one
// temporary root: the script's working area and HOME, with the agent's orchestration folder inside
// it (as on an instance: var/lib/amazon/ssm/<instance>/document/orchestration/<command>/...). The
// PATH starts with fake `systemctl`, `curl` and `aws` commands the test controls: the fakes read
// their behaviour from a JSON file beside the sandbox at each call and log every call there, and
// the fake `aws s3 cp` reads and writes the stand-in's own S3 over its HTTP endpoint. Scripts are
// killed at their execution timeout (and at a hard cap), with their whole process group; the root
// is removed on reset and close.
//
// Written by hand: no library runs a shell script in a directory with a chosen PATH, timeout and
// process-group kill beyond what node:child_process already gives.
import { spawn, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'

/** What the fake `curl` answers for a URL. Status 0 is a refused connection (curl exit 7). */
export interface CurlAnswer {
  status: number
  body?: string
}

/** What the fake `systemctl` does for an argument line (`restart app`): an exit code, or output too. */
export type SystemctlAnswer = number | { code: number; stdout?: string; stderr?: string }

/** The fake commands of an instance's PATH. */
export interface SandboxFakes {
  /** Keyed by the argument line (`restart app`, `is-active app`); default: exit 0 (`is-active` prints `active`). */
  systemctl?: Record<string, SystemctlAnswer>
  /**
   * Keyed by URL, `*` for any other; default 200 with an empty body. A list is answered in order,
   * its last entry repeating (a health endpoint that answers 503 twice, then 200).
   */
  curl?: Record<string, CurlAnswer | CurlAnswer[]>
  /** Replaces a fake (`systemctl`, `curl`, `aws`) or adds a command: the body of a bash script. */
  scripts?: Record<string, string>
}

/** One call of a fake command, as logged. */
export interface FakeCall {
  command: string
  args: string[]
  /** The working directory of the call, relative to the sandbox (`.` for its root). */
  cwd: string
}

export interface ScriptRun {
  instanceId: string
  commandId: string
  /** The `commands` parameter: one script, its lines joined with newlines. */
  commands: string[]
  /** The `workingDirectory` parameter, resolved inside the sandbox; empty: the orchestration folder. */
  workingDirectory: string
  /** The `executionTimeout` parameter in seconds. */
  executionTimeoutSeconds: number
  region: string
}

export interface ScriptResult {
  /** `exit` (with its code), `timeout` (killed at the execution timeout), `cancel` (killed by CancelCommand). */
  reason: 'exit' | 'timeout' | 'cancel'
  /** The exit code, or 128 + the signal number when it was killed. */
  code: number
  stdout: string
  stderr: string
}

export interface SandboxOptions {
  /** The interpreter of the script (default `bash`; SSM Agent itself runs it with `sh`). */
  shell?: string
  /** A hard cap on any script's run time, whatever its execution timeout (default 120 s). */
  maxRunMs?: number
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }
/** Output kept per stream; the rest is dropped (SSM itself keeps only the first 24,000 characters). */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024
const FAKE_NAMES = ['systemctl', 'curl', 'aws']

const liveRoots = new Set<string>()
let exitHookInstalled = false

/** Removes sandboxes a test left behind when the process exits without closing the stand-in. */
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const root of liveRoots) rmSync(root, { recursive: true, force: true })
  })
}

interface Running {
  child: ChildProcess
  timer: NodeJS.Timeout
  killedFor?: 'timeout' | 'cancel'
}

export class Sandboxes {
  private root: string | undefined
  private readonly running = new Set<Running>()
  private readonly fakes = new Map<string, SandboxFakes>()
  options: Required<SandboxOptions> = { shell: 'bash', maxRunMs: 120_000 }

  /** `endpoint()` is the stand-in's URL, which the fake `aws` calls back. */
  constructor(private readonly endpoint: () => string) {}

  /** Kills every script and removes every sandbox. */
  reset(): void {
    for (const run of this.running) {
      clearTimeout(run.timer)
      killGroup(run.child)
    }
    this.running.clear()
    this.fakes.clear()
    this.options = { shell: 'bash', maxRunMs: 120_000 }
    if (this.root) {
      rmSync(this.root, { recursive: true, force: true })
      liveRoots.delete(this.root)
      this.root = undefined
    }
  }

  private base(): string {
    if (!this.root) {
      this.root = mkdtempSync(join(tmpdir(), 'aws-local-ssm-'))
      liveRoots.add(this.root)
      installExitHook()
    }
    return this.root
  }

  /** The sandbox of an instance (created on first use): the instance's filesystem, as seen by its scripts. */
  dirOf(instanceId: string): string {
    const dir = join(this.base(), instanceId)
    mkdirSync(join(dir, 'tmp'), { recursive: true })
    return dir
  }

  /** Where the fakes of an instance keep their configuration and call log (outside the sandbox). */
  private controlOf(instanceId: string): string {
    const dir = join(this.base(), '.control', instanceId)
    mkdirSync(join(dir, 'bin'), { recursive: true })
    return dir
  }

  /** Sets the fakes of an instance (`*` for every instance without its own); applies to calls from now on. */
  setFakes(instanceId: string, fakes: SandboxFakes): void {
    this.fakes.set(instanceId, fakes)
    const base = join(this.base(), '.control')
    if (existsSync(base)) for (const id of readdirSync(base)) this.writeFakes(join(base, id), id)
  }

  private fakesOf(instanceId: string): SandboxFakes {
    return this.fakes.get(instanceId) ?? this.fakes.get('*') ?? {}
  }

  private writeFakes(controlDir: string, instanceId: string): void {
    const fakes = this.fakesOf(instanceId)
    writeFileSync(join(controlDir, 'fakes.json'), JSON.stringify(fakes))
    writeFileSync(join(controlDir, 'log-call.js'), `${PRELUDE}\n`)
    const bin = join(controlDir, 'bin')
    const names = new Set([...FAKE_NAMES, ...Object.keys(fakes.scripts ?? {})])
    for (const name of names) {
      if (!/^[A-Za-z0-9._-]+$/.test(name))
        throw new Error(`aws-local: ${JSON.stringify(name)} is not a command name`)
      const custom = fakes.scripts?.[name]
      // A test's own script is logged like the built-in fakes before it runs.
      const text =
        custom !== undefined
          ? `#!/bin/bash\nAWS_LOCAL_FAKE=${name} "${process.execPath}" "$AWS_LOCAL_CONTROL/log-call.js" "$@"\n${custom}\n`
          : `#!${process.execPath}\nprocess.env.AWS_LOCAL_FAKE = '${name}'\n${PRELUDE}${FAKE_SOURCES[name as keyof typeof FAKE_SOURCES]}`
      writeFileSync(join(bin, name), text)
      chmodSync(join(bin, name), 0o755)
    }
  }

  /** Every call the fakes of an instance logged, in order (optionally of one command). */
  fakeCalls(instanceId: string, command?: string): FakeCall[] {
    const log = join(this.base(), '.control', instanceId, 'calls.jsonl')
    if (!existsSync(log)) return []
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FakeCall)
      .filter((call) => command === undefined || call.command === command)
  }

  /** Writes a file inside an instance's sandbox (a path relative to its root, or absolute within it). */
  writeFile(instanceId: string, path: string, content: string, mode?: number): string {
    const target = this.inside(this.dirOf(instanceId), path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
    if (mode !== undefined) chmodSync(target, mode)
    return target
  }

  /** A path inside the sandbox; `/opt/app` and `opt/app` both name `<sandbox>/opt/app`. */
  inside(sandbox: string, path: string): string {
    const target = resolve(sandbox, `.${path.startsWith('/') ? '' : '/'}${path}`)
    const rel = relative(sandbox, target)
    if (rel.startsWith('..')) throw new Error(`aws-local: ${path} is outside the sandbox`)
    return target
  }

  /**
   * Runs a script in an instance's sandbox; `done` receives its outcome once it exits, times out
   * or is cancelled. Returns a function that cancels it.
   */
  run(spec: ScriptRun, done: (result: ScriptResult) => void): () => void {
    const sandbox = this.dirOf(spec.instanceId)
    const control = this.controlOf(spec.instanceId)
    this.writeFakes(control, spec.instanceId)
    // The agent's own layout: scripts and their output live in the orchestration folder.
    const orchestration = join(
      sandbox,
      'var/lib/amazon/ssm',
      spec.instanceId,
      'document/orchestration',
      spec.commandId,
      'awsrunShellScript/0.awsrunShellScript',
    )
    mkdirSync(orchestration, { recursive: true })
    const script = join(orchestration, '_script.sh')
    writeFileSync(script, spec.commands.join('\n') + '\n')
    chmodSync(script, 0o755)
    const stdoutPath = join(orchestration, 'stdout')
    const stderrPath = join(orchestration, 'stderr')

    let cwd = orchestration
    if (spec.workingDirectory !== '') {
      let dir: string | undefined
      try {
        dir = this.inside(sandbox, spec.workingDirectory)
      } catch {
        dir = undefined
      }
      if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
        // What exec reports when the directory is missing; the plugin fails before the script runs.
        const message = `failed to run commands: chdir ${spec.workingDirectory}: no such file or directory\n`
        writeFileSync(stdoutPath, '')
        writeFileSync(stderrPath, message)
        queueMicrotask(() => done({ reason: 'exit', code: 1, stdout: '', stderr: message }))
        return () => undefined
      }
      cwd = dir
    }

    const env: Record<string, string> = {
      PATH: `${join(control, 'bin')}:${process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'}`,
      HOME: sandbox,
      TMPDIR: join(sandbox, 'tmp'),
      LANG: 'C.UTF-8',
      SHELL: '/bin/bash',
      USER: 'root',
      AWS_REGION: spec.region,
      AWS_DEFAULT_REGION: spec.region,
      AWS_LOCAL_SANDBOX: sandbox,
      AWS_LOCAL_CONTROL: control,
      AWS_LOCAL_ENDPOINT: this.endpoint(),
    }
    const out = openSync(stdoutPath, 'w')
    const err = openSync(stderrPath, 'w')
    let child: ChildProcess
    try {
      child = spawn(this.options.shell, [script], { cwd, env, detached: true, stdio: ['ignore', out, err] })
    } finally {
      closeSync(out)
      closeSync(err)
    }
    const limitMs = Math.min(spec.executionTimeoutSeconds * 1000, this.options.maxRunMs)
    const run: Running = {
      child,
      timer: setTimeout(() => {
        run.killedFor = 'timeout'
        killGroup(child)
      }, limitMs),
    }
    this.running.add(run)
    let finished = false
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      if (finished) return
      finished = true
      clearTimeout(run.timer)
      // Background children of the script do not outlive it.
      killGroup(child)
      if (!this.running.delete(run)) return // reset while it ran: nobody waits for it any more
      const stdout = readCapped(stdoutPath)
      let stderr = readCapped(stderrPath)
      const exitCode = code ?? (signal ? 128 + (SIGNALS[signal] ?? 9) : 1)
      if (spawnError) stderr += `failed to run commands: ${spawnError.message}\n`
      else if (!run.killedFor && exitCode !== 0) stderr += `failed to run commands: exit status ${exitCode}\n`
      done({ reason: run.killedFor ?? 'exit', code: exitCode, stdout, stderr })
    }
    child.once('exit', (code, signal) => finish(code, signal))
    child.once('error', (error) => finish(127, null, error))
    return () => {
      if (finished) return
      run.killedFor = 'cancel'
      killGroup(child)
    }
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

function readCapped(path: string): string {
  if (!existsSync(path)) return ''
  const data = readFileSync(path)
  return data.subarray(0, MAX_OUTPUT_BYTES).toString('utf8')
}

// The fakes, as Node scripts run by the stand-in's own node. Each logs its call, then reads the
// instance's configuration (fakes.json) at the moment it runs.
const PRELUDE = `'use strict'
const fs = require('fs')
const path = require('path')
const control = process.env.AWS_LOCAL_CONTROL
const args = process.argv.slice(2)
const sandbox = process.env.AWS_LOCAL_SANDBOX
const NAME = process.env.AWS_LOCAL_FAKE
fs.appendFileSync(path.join(control, 'calls.jsonl'), JSON.stringify({ command: NAME, args, cwd: path.relative(sandbox, process.cwd()) || '.' }) + '\\n')
const config = JSON.parse(fs.readFileSync(path.join(control, 'fakes.json'), 'utf8'))
`

const SYSTEMCTL = `
const line = args.filter((a) => !a.startsWith('-')).join(' ')
let answer = (config.systemctl || {})[line]
if (answer === undefined) answer = args[0] === 'is-active' ? { code: 0, stdout: 'active\\n' } : 0
if (typeof answer === 'number') answer = { code: answer }
const unit = String(args[args.length - 1] || '').replace(/\\.service$/, '')
let stderr = answer.stderr
if (stderr === undefined && answer.code !== 0 && /^(start|restart|reload|stop)$/.test(args[0]))
  stderr = 'Job for ' + unit + '.service failed because the control process exited with error code.\\nSee "systemctl status ' + unit + '.service" and "journalctl -xeu ' + unit + '.service" for details.\\n'
if (answer.stdout) process.stdout.write(answer.stdout)
if (stderr) process.stderr.write(stderr)
process.exitCode = answer.code
`

const CURL = `
const WITH_VALUE = new Set(['-o', '--output', '-w', '--write-out', '-m', '--max-time', '--retry', '--retry-delay', '--retry-max-time', '--connect-timeout', '-H', '--header', '-X', '--request', '-d', '--data', '--data-raw', '-A', '--user-agent', '-u', '--user', '-e', '--referer'])
let fail = false, silent = false, showError = false, output, writeOut, url
for (let i = 0; i < args.length; i++) {
  const a = args[i]
  if (WITH_VALUE.has(a)) {
    const v = args[++i]
    if (a === '-o' || a === '--output') output = v
    if (a === '-w' || a === '--write-out') writeOut = v
  } else if (a === '--fail' || a === '--fail-with-body') fail = true
  else if (a === '--silent') silent = true
  else if (a === '--show-error') showError = true
  else if (/^-[A-Za-z]+$/.test(a)) {
    if (a.includes('f')) fail = true
    if (a.includes('s')) silent = true
    if (a.includes('S')) showError = true
  } else if (!a.startsWith('-')) url = url || a
}
if (!url) { process.stderr.write('curl: no URL specified\\n'); process.exit(2) }
const answers = config.curl || {}
let answer = answers[url] !== undefined ? answers[url] : answers['*']
if (Array.isArray(answer)) {
  const countsFile = path.join(control, 'curl-counts.json')
  const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : {}
  const n = counts[url] || 0
  counts[url] = n + 1
  fs.writeFileSync(countsFile, JSON.stringify(counts))
  answer = answer[Math.min(n, answer.length - 1)]
}
answer = answer || { status: 200, body: '' }
const quietErrors = silent && !showError
if (answer.status === 0) {
  const u = /^(?:([a-z]+):\\/\\/)?([^/:]+)(?::(\\d+))?/.exec(url) || []
  if (!quietErrors) process.stderr.write('curl: (7) Failed to connect to ' + u[2] + ' port ' + (u[3] || (u[1] === 'https' ? 443 : 80)) + ' after 0 ms: Couldn\\'t connect to server\\n')
  if (writeOut) process.stdout.write(writeOut.replace(/%\\{http_code\\}/g, '000').replace(/\\\\n/g, '\\n'))
  process.exit(7)
}
const failed = fail && answer.status >= 400
if (!failed) {
  if (output && output !== '-') fs.writeFileSync(path.resolve(output), answer.body || '')
  else process.stdout.write(answer.body || '')
}
if (writeOut) process.stdout.write(writeOut.replace(/%\\{http_code\\}/g, String(answer.status)).replace(/\\\\n/g, '\\n'))
if (failed) {
  if (!quietErrors) process.stderr.write('curl: (22) The requested URL returned error: ' + answer.status + '\\n')
  process.exit(22)
}
`

const AWS = `
const http = require('http')
const endpoint = process.env.AWS_LOCAL_ENDPOINT
const rest = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--region', '--profile', '--endpoint-url'].includes(args[i - 1])))
const quiet = args.includes('--quiet') || args.includes('--only-show-errors')
function s3Path(uri) {
  const m = /^s3:\\/\\/([^/]+)\\/?(.*)$/.exec(uri)
  return m && { bucket: m[1], key: m[2] }
}
function request(method, where, body) {
  return new Promise((resolve, reject) => {
    const target = endpoint + '/' + encodeURIComponent(where.bucket) + '/' + where.key.split('/').map(encodeURIComponent).join('/')
    const req = http.request(target, { method, headers: body ? { 'content-length': body.length } : {} }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}
async function main() {
  if (args[0] === '--version') { process.stdout.write('aws-cli/2.17.0 Python/3.11.9 Linux/6.1 exe/x86_64 (aws-local fake)\\n'); return 0 }
  if (rest[0] !== 's3' || rest[1] !== 'cp' || rest.length !== 4) {
    process.stderr.write('aws-local: this fake aws only does "aws s3 cp <from> <to>"\\n')
    return 252
  }
  const [from, to] = [rest[2], rest[3]]
  const src = s3Path(from), dst = s3Path(to)
  if (src && !dst) {
    const res = await request('GET', src)
    if (res.status !== 200) {
      process.stderr.write('fatal error: An error occurred (' + res.status + ') when calling the HeadObject operation: ' + (res.status === 404 ? 'Key "' + src.key + '" does not exist' : 'Forbidden') + '\\n')
      return 1
    }
    if (to === '-') { process.stdout.write(res.body); return 0 }
    let file = path.resolve(to)
    if (to.endsWith('/') || (fs.existsSync(file) && fs.statSync(file).isDirectory())) file = path.join(file, path.basename(src.key))
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, res.body)
    if (!quiet) process.stdout.write('download: ' + from + ' to ' + to + '\\n')
    return 0
  }
  if (dst && !src) {
    const body = from === '-' ? fs.readFileSync(0) : fs.readFileSync(path.resolve(from))
    const key = dst.key === '' || dst.key.endsWith('/') ? dst.key + path.basename(from) : dst.key
    const res = await request('PUT', { bucket: dst.bucket, key }, body)
    if (res.status !== 200) {
      process.stderr.write('upload failed: ' + from + ' to ' + to + ' An error occurred (' + res.status + ') when calling the PutObject operation\\n')
      return 1
    }
    if (!quiet) process.stdout.write('upload: ' + from + ' to ' + to + '\\n')
    return 0
  }
  process.stderr.write('aws-local: this fake aws copies between S3 and a local file only\\n')
  return 252
}
main().then((code) => { process.exitCode = code }, (e) => { process.stderr.write('aws-local fake aws: ' + e.message + '\\n'); process.exitCode = 255 })
`

const FAKE_SOURCES = { systemctl: SYSTEMCTL, curl: CURL, aws: AWS }
