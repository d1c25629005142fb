import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildScript, parseFailureMarker, shellQuote, type ScriptSpec } from './script'

/** The generated script, run here with the system's POSIX sh (dash) against fake commands. */

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const tricky = [
  "it's",
  '$(touch pwned)',
  '`touch pwned`',
  'a"b',
  'back\\slash',
  'new\nline',
  '; touch pwned',
  "'",
  '',
]

describe('shellQuote', () => {
  it.each(tricky)('keeps %j as one word, unchanged', (value) => {
    const out = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' })
    expect(out).toBe(value)
  })
})

function sandbox(fakes: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-binary-script-'))
  dirs.push(dir)
  for (const [name, body] of Object.entries(fakes)) {
    writeFileSync(join(dir, name), `#!/bin/sh\necho "$0 $*" >> "${dir}/calls"\n${body}\n`)
    chmodSync(join(dir, name), 0o755)
  }
  return dir
}

function run(spec: Partial<ScriptSpec>, fakes: Record<string, string> = {}) {
  const dir = sandbox({ systemctl: 'exit 0', curl: 'exit 0', ...fakes })
  const script = buildScript({
    mode: 'pointer',
    version: 'v2',
    objectUri: 's3://releases/app/v2/app',
    sha256: '',
    binaryName: 'app',
    region: 'us-east-1',
    service: 'app',
    healthCheckTimeoutSeconds: 1,
    ...spec,
  })
  const work = join(dir, 'work')
  execFileSync('mkdir', ['-p', work])
  const result = spawnSync('sh', ['-c', script], {
    cwd: work,
    env: { PATH: `${dir}:/usr/bin:/bin`, TMPDIR: dir },
    encoding: 'utf8',
  })
  const calls = existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8') : ''
  return { ...result, dir, work, calls }
}

describe('buildScript in pointer mode', () => {
  it('restarts the unit and health-checks it', () => {
    const r = run({
      healthCheck: {
        kind: 'url',
        url: 'http://127.0.0.1:8080/health',
        display: 'http://127.0.0.1:8080/health',
      },
    })
    expect(r.status).toBe(0)
    expect(r.calls).toContain('systemctl restart app')
    expect(r.calls).toContain('curl -fsS -o /dev/null --max-time 10 http://127.0.0.1:8080/health')
    expect(r.stdout).toContain('deploy-binary: v2 is running')
  })

  it('ends with the failure marker naming the step and its last line', () => {
    const r = run(
      {},
      {
        systemctl:
          'echo "Job for app.service failed." >&2; echo "See \\"systemctl status app.service\\" for details." >&2; exit 1',
      },
    )
    expect(r.status).toBe(1)
    expect(parseFailureMarker(r.stderr)).toEqual({ step: 'restart', why: 'Job for app.service failed.' })
  })

  it('retries the health check until its deadline', () => {
    const r = run({
      healthCheck: { kind: 'command', command: 'echo not yet; exit 3' },
      healthCheckTimeoutSeconds: 1,
    })
    expect(r.status).toBe(1)
    expect(parseFailureMarker(r.stderr)?.step).toBe('health check')
    expect(parseFailureMarker(r.stderr)?.why).toMatch(/^not yet \(after \d attempts in 1s\)$/)
  })

  it('keeps every hostile value inert: nothing it names is executed', () => {
    for (const value of tricky) {
      const r = run({
        version: value,
        service: value,
        healthCheck: { kind: 'url', url: value, display: value },
      })
      expect(readdirSync(r.work)).toEqual([])
      expect(existsSync(join(r.dir, 'pwned'))).toBe(false)
      expect(r.stderr).not.toMatch(/syntax error|unterminated/i)
    }
  })

  it('runs the given commands as written, with DEPLOY_VERSION set', () => {
    const r = run({ commands: `printf '%s\\n' "it's $DEPLOY_VERSION" > out.txt`, service: undefined })
    expect(r.status).toBe(0)
    expect(readFileSync(join(r.work, 'out.txt'), 'utf8')).toBe("it's v2\n")
  })
})

describe('parseFailureMarker', () => {
  it('reads the last marker line and ignores other output', () => {
    expect(parseFailureMarker('hello\ndeploy-binary: install failed: no space left\n')).toEqual({
      step: 'install',
      why: 'no space left',
    })
    expect(parseFailureMarker('deploy-binary: v2 is running\n')).toBeUndefined()
  })
})
