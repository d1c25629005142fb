/**
 * `npm run build`: bundles every action with ncc into dist/<name>/ (and the test fixture
 * action into test/fixture/dist/), then writes the root alias <name>/action.yml of each action.
 * `--out DIR` writes everything under DIR instead of the repository (used by check-dist);
 * `--only NAME` bundles one action (or `fixture`) and skips the aliases; `--aliases` writes only
 * the aliases.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { actionNames, aliasFor, bundleTargets, ROOT } from './actions'

function main(): void {
  const at = process.argv.indexOf('--out')
  const out = at >= 0 ? process.argv[at + 1] : ROOT
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined
  const ncc = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')

  const aliasesOnly = process.argv.includes('--aliases')
  const targets = aliasesOnly
    ? []
    : bundleTargets().filter(
        (t) =>
          only === undefined ||
          t.out === `dist/${only}` ||
          t.out.startsWith(`dist/${only}/`) ||
          (only === 'fixture' && t.out.startsWith('test/')),
      )
  if (targets.length === 0 && !aliasesOnly) {
    console.error(`No bundle named ${only}.`)
    process.exit(1)
  }
  for (const target of targets) {
    const dir = join(out, target.out)
    rmSync(dir, { recursive: true, force: true })
    const result = spawnSync(
      process.execPath,
      [
        ncc,
        'build',
        join(ROOT, target.entry),
        '-o',
        dir,
        '--license',
        'licenses.txt',
        '--quiet',
        '--no-source-map-register',
        '--transpile-only',
      ],
      { stdio: 'inherit', cwd: ROOT },
    )
    if (result.status !== 0) {
      console.error(`Bundling ${target.entry} failed.`)
      process.exit(1)
    }
    console.log(`bundled ${target.entry} -> ${target.out}`)
  }

  if (only !== undefined) return
  for (const name of actionNames()) {
    const canonical = readFileSync(join(ROOT, 'actions', name, 'action.yml'), 'utf8')
    mkdirSync(join(out, name), { recursive: true })
    writeFileSync(join(out, name, 'action.yml'), aliasFor(name, canonical))
  }
  console.log(`wrote ${actionNames().length} root aliases`)
}

main()
