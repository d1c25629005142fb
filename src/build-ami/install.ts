import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { arch, platform, tmpdir } from 'node:os'
import { join } from 'node:path'
import { UserError } from '../common/errors'
import type { Logger } from '../common/log'
import { runProcess } from '../common/process'
import { Input } from './constants'

/**
 * Installs a Packer release: `packer_<v>_<os>_<arch>.zip` from `<mirror>/<v>/`, verified against
 * the release's `packer_<v>_SHA256SUMS` before anything is unpacked, into the runner's tool cache
 * (`$RUNNER_TOOL_CACHE/packer/<v>/<arch>`, with the `.complete` marker @actions/tool-cache uses,
 * so a later run on the same runner finds it).
 *
 * Written by hand: @actions/tool-cache is not a dependency of the suite, and what it would give
 * here (a download, a hash, an unzip) is a few lines; the zip is unpacked with the system's
 * `unzip` (present on GitHub's Linux and macOS runners and in Debian), as tool-cache itself does.
 */

export interface InstallOptions {
  version: string
  mirror: string
  logger: Logger
  signal?: AbortSignal
  env?: NodeJS.ProcessEnv
}

/** HashiCorp's names for the platform and the architecture. */
export function releasePlatform(os = platform(), cpu = arch()): { os: string; arch: string } {
  const osName = os === 'win32' ? 'windows' : os
  const archName = cpu === 'x64' ? 'amd64' : cpu === 'ia32' ? '386' : cpu
  return { os: osName, arch: archName }
}

export function cacheDirOf(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env.RUNNER_TOOL_CACHE || join(tmpdir(), 'infra-actions-tool-cache')
  return join(root, 'packer', version, arch())
}

/** The expected SHA-256 of `file` in a SHA256SUMS text (`<hex>  <name>` lines). */
export function expectedSum(sums: string, file: string): string | undefined {
  for (const line of sums.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/i.exec(line.trim())
    if (m && m[2] === file) return m[1].toLowerCase()
  }
  return undefined
}

export async function installPacker(options: InstallOptions): Promise<string> {
  const { version, mirror, logger } = options
  const dir = cacheDirOf(version, options.env)
  const binary = join(dir, platform() === 'win32' ? 'packer.exe' : 'packer')
  if (existsSync(`${dir}.complete`) && existsSync(binary)) {
    logger.info(`Packer ${version} is in the tool cache: ${binary}`)
    return binary
  }
  const { os, arch: cpu } = releasePlatform()
  const zipName = `packer_${version}_${os}_${cpu}.zip`
  const base = `${mirror}/${version}`
  logger.info(`Downloading Packer ${version} from ${base}/${zipName}`)
  const sums = (await download(`${base}/packer_${version}_SHA256SUMS`, options.signal)).toString('utf8')
  const expected = expectedSum(sums, zipName)
  if (!expected)
    throw new UserError(
      `Packer ${version} has no ${zipName} in ${base}/packer_${version}_SHA256SUMS; check '${Input.packerVersion}' (and '${Input.packerMirror}').`,
    )
  const zip = await download(`${base}/${zipName}`, options.signal)
  const actual = createHash('sha256').update(zip).digest('hex')
  if (actual !== expected)
    throw new Error(
      `The download of ${zipName} from ${base} does not match its SHA256SUMS (expected ${expected}, got ${actual}); it was not installed.`,
    )
  logger.info(`Verified ${zipName} against packer_${version}_SHA256SUMS (sha256 ${actual}).`)
  const work = mkdtempSync(join(tmpdir(), 'packer-install-'))
  try {
    const zipFile = join(work, zipName)
    writeFileSync(zipFile, zip)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    await runProcess('unzip', ['-o', '-q', zipFile, '-d', dir], { signal: options.signal }).catch((error) => {
      throw new Error(`Could not unpack ${zipName} with unzip: ${(error as Error).message}`, { cause: error })
    })
    if (!existsSync(binary))
      throw new Error(`${zipName} holds no ${binary.split('/').pop()}; it was not installed.`)
    chmodSync(binary, 0o755)
    writeFileSync(`${dir}.complete`, '')
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  logger.info(`Installed Packer ${version} in the tool cache: ${binary}`)
  return binary
}

async function download(url: string, signal?: AbortSignal): Promise<Buffer> {
  let response: Response
  try {
    response = await fetch(url, { signal })
  } catch (error) {
    throw new Error(`Could not download ${url}: ${(error as Error).message}`, { cause: error })
  }
  if (!response.ok)
    throw new UserError(
      `Downloading ${url} answered ${response.status} ${response.statusText}; check '${Input.packerVersion}' and '${Input.packerMirror}'.`,
    )
  return Buffer.from(await response.arrayBuffer())
}
