/**
 * `npm run check-dist`: rebuilds every bundle and alias into a temporary folder and fails when
 * the committed files differ from the fresh build (a file changed, missing or extra).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { actionNames, bundleTargets, ROOT } from './actions'

function files(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

function main(): void {
  const out = mkdtempSync(join(tmpdir(), 'infra-actions-dist-'))
  try {
    const build = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/build.ts', '--out', out],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    )
    if (build.status !== 0) throw new Error('The fresh build failed.')
    const problems: string[] = []
    const dirs = [...bundleTargets().map((t) => t.out), ...actionNames()]
    for (const dir of dirs) {
      const fresh = files(join(out, dir))
      const committed = files(join(ROOT, dir))
      for (const file of fresh) {
        const path = join(dir, file)
        if (!committed.includes(file)) problems.push(`missing: ${path}`)
        else if (!readFileSync(join(out, path)).equals(readFileSync(join(ROOT, path))))
          problems.push(`differs: ${path}`)
      }
      for (const file of committed) if (!fresh.includes(file)) problems.push(`extra: ${join(dir, file)}`)
    }
    // A bundle folder of an action that no longer exists is stale too.
    for (const entry of readdirSync(join(ROOT, 'dist'))) {
      if (!dirs.includes(`dist/${entry}`)) problems.push(`extra: dist/${entry}`)
    }
    if (problems.length > 0) {
      console.error(
        `The committed bundles do not match a fresh build; run npm run build and commit:\n  ${problems.join('\n  ')}`,
      )
      process.exit(1)
    }
    console.log(`dist is up to date (${dirs.length} folders checked).`)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

main()
