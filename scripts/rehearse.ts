/**
 * `npm start`: the local rehearsal of the release pipeline from the real workflow files
 * (scripts/rehearsal.ts): two releases, a rollback and a database refresh, each job and step
 * printed as it runs, with each action's log, outputs and job summary. Nothing outside this
 * machine is touched. Any failed workflow fails the rehearsal.
 */
import type { ActionRun } from '../tools/harness/run-action'
import type { RunEvent } from '../tools/workflow/runner'
import { prepareWorld, rehearse } from './rehearsal'

/** Renders the workflow commands in an action's output the way the runner's log viewer shows them. */
function render(line: string): string | undefined {
  if (line.startsWith('::add-mask::') || line.startsWith('::debug::')) return undefined
  if (line.startsWith('::endgroup::')) return undefined
  const group = /^::group::(.*)$/.exec(line)
  if (group) return `      ▸ ${group[1]}`
  const command = /^::(error|warning|notice)[^:]*::(.*)$/.exec(line)
  if (command)
    return `      ${command[1] === 'error' ? '✖' : '⚠'} ${command[1]}: ${command[2].replace(/%0A/g, '\n        ')}`
  return `        ${line}`
}

function printAction(run: ActionRun): void {
  for (const line of run.stdout) {
    const shown = render(line)
    if (shown !== undefined) console.log(shown)
  }
  for (const [name, value] of Object.entries(run.outputs))
    console.log(`      output ${name} = ${value.length > 160 ? `${value.slice(0, 157)}...` : value}`)
  if (run.summary.trim()) {
    console.log('      job summary:')
    for (const line of run.summary.trim().split('\n')) console.log(`        │ ${line}`)
  }
}

function print(event: RunEvent): void {
  switch (event.kind) {
    case 'job':
      console.log(`\n  ● ${event.path}: ${event.name}`)
      break
    case 'job-skipped':
      console.log(`\n  ○ ${event.path}: skipped, ${event.why}`)
      break
    case 'job-done':
      console.log(
        `  ${event.result === 'success' ? '✔' : '✖'} ${event.path}: ${event.result} (${(event.durationMs / 1000).toFixed(1)}s)`,
      )
      break
    case 'step':
      console.log(`    ▶ ${event.name}`)
      break
    case 'step-skipped':
      console.log(`    ○ ${event.name}: skipped, ${event.why}`)
      break
    case 'run':
      console.log(`    ▶ run: ${event.name}${event.exitCode === 0 ? '' : ` (exit ${event.exitCode})`}`)
      for (const line of event.output.trimEnd().split('\n').filter(Boolean)) console.log(`        ${line}`)
      break
    case 'action':
      console.log(
        `    ▶ ${event.name} (exit ${event.run.exitCode}, ${(event.run.durationMs / 1000).toFixed(1)}s)`,
      )
      printAction(event.run)
      break
  }
}

async function main(): Promise<void> {
  const world = await prepareWorld()
  let failed = false
  try {
    console.log(`Local AWS stand-in at ${world.aws.url}`)
    const rehearsal = await rehearse(world, (event) => {
      if (event.kind === 'job' && event.path.split('/').length === 1) console.log('')
      print(event)
    })
    console.log('\nRehearsal')
    for (const run of rehearsal.runs) {
      console.log(`  ${run.title.padEnd(44)} ${run.result.result} (${(run.durationMs / 1000).toFixed(1)}s)`)
      for (const [name, value] of Object.entries(run.result.outputs).filter(([, v]) => v !== ''))
        console.log(`      ${name} = ${value.length > 120 ? `${value.slice(0, 117)}...` : value}`)
      if (run.result.result !== 'success') failed = true
    }
    console.log(
      `  AWS calls made: ${world.aws.calls.length}, of which mutating: ${world.aws.mutatingCalls().length}`,
    )
  } finally {
    await world.close()
  }
  if (failed) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
