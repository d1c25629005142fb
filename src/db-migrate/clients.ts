import { execFile } from 'node:child_process'
import { accessSync, constants, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { UserError } from '../common/errors'

/** A directory holding a pg_dump / pg_restore pair of one version. */
export interface ClientPair {
  dir: string
  pgDump: string
  pgRestore: string
  /** `15.13` */
  version: string
  major: number
}

/** `pg_dump (PostgreSQL) 15.13 (Debian 15.13-0+deb12u1)` -> 15.13; also `16beta2`, `9.6.24`. */
export function parseToolVersion(text: string): { version: string; major: number } | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(\S*)/.exec(text)
  if (!match) return undefined
  const first = Number(match[1])
  // Before 10 the major version had two parts (9.6).
  const major = first < 10 && match[2] !== undefined ? Number(`${first}.${match[2]}`) : first
  return { version: `${match[1]}${match[2] !== undefined ? `.${match[2]}` : ''}${match[3]}`, major }
}

/** The server's `server_version_num` (150013) as a major version (15; 9.6 before 10). */
export function serverMajor(versionNum: number): number {
  const major = Math.floor(versionNum / 10000)
  return major >= 10 ? major : Number(`${major}.${Math.floor(versionNum / 100) % 100}`)
}

/**
 * pg_dump reads servers of its own major version and older only, so the pair must be at least
 * the source's; among those the newest is taken (it knows every older server's catalogs).
 */
export function chooseClient(pairs: readonly ClientPair[], sourceMajor: number): ClientPair {
  const usable = pairs.filter((p) => p.major >= sourceMajor).sort((a, b) => b.major - a.major)
  if (usable[0]) return usable[0]
  const found =
    pairs.length === 0
      ? 'none was found'
      : `found only ${[...new Set(pairs.map((p) => p.major))].sort((a, b) => b - a).join(', ')}`
  throw new UserError(
    `The source runs PostgreSQL ${sourceMajor}, which needs pg_dump and pg_restore ${sourceMajor} or newer (${found} on PATH or in /usr/lib/postgresql/*/bin); install postgresql-client-${sourceMajor} before this step.`,
  )
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Directories that may hold the client tools: Debian's versioned ones newest first, then PATH. */
export function candidateDirs(env: NodeJS.ProcessEnv = process.env, root = '/usr/lib/postgresql'): string[] {
  let versioned: string[]
  try {
    versioned = readdirSync(root)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
      .map((name) => join(root, name, 'bin'))
  } catch {
    versioned = []
  }
  const path = (env.PATH ?? '').split(':').filter((dir) => dir !== '')
  return [...new Set([...versioned, ...path])]
}

const run = promisify(execFile)

/** Finds every pg_dump / pg_restore pair and asks each its version. */
export async function discoverClients(dirs: readonly string[] = candidateDirs()): Promise<ClientPair[]> {
  const pairs: ClientPair[] = []
  for (const dir of dirs) {
    const pgDump = join(dir, 'pg_dump')
    const pgRestore = join(dir, 'pg_restore')
    if (!executable(pgDump) || !executable(pgRestore)) continue
    try {
      const { stdout } = await run(pgDump, ['--version'], { timeout: 10_000 })
      const parsed = parseToolVersion(stdout)
      if (parsed) pairs.push({ dir, pgDump, pgRestore, ...parsed })
    } catch {
      // A broken wrapper (e.g. Debian's pg_wrapper without a cluster) is simply not a candidate.
    }
  }
  return pairs
}
