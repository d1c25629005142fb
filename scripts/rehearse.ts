/**
 * `npm start`: a local rehearsal of the release pipeline. The committed bundles run in pipeline
 * order, each exactly as GitHub's runner runs it (tools/harness/run-action.ts), against the local
 * AWS stand-in and throwaway local PostgreSQL servers, and each step's log, outputs and job
 * summary are printed. Nothing outside this machine is touched. An action that is not released
 * yet is shown as such and does not fail the rehearsal; any other failure does.
 */
import { startAwsLocal, type AwsLocal } from '../tools/aws-local'
import { runAction, type ActionRun } from '../tools/harness/run-action'
import { rehearsalSteps, type Rehearsal } from './rehearsal-steps'

const NOT_AVAILABLE = /is not available yet in infra-actions/

/** Renders the workflow commands in an action's output the way the runner's log viewer shows them. */
function render(line: string): string | undefined {
  if (line.startsWith('::add-mask::') || line.startsWith('::debug::')) return undefined
  if (line.startsWith('::endgroup::')) return undefined
  const group = /^::group::(.*)$/.exec(line)
  if (group) return `  ▸ ${group[1]}`
  const command = /^::(error|warning|notice)[^:]*::(.*)$/.exec(line)
  if (command)
    return `  ${command[1] === 'error' ? '✖' : '⚠'} ${command[1]}: ${command[2].replace(/%0A/g, '\n    ')}`
  return `    ${line}`
}

function print(run: ActionRun): void {
  for (const line of run.stdout) {
    const shown = render(line)
    if (shown !== undefined) console.log(shown)
  }
  const outputs = Object.entries(run.outputs)
  if (outputs.length > 0) {
    console.log('  outputs:')
    for (const [name, value] of outputs)
      console.log(`    ${name} = ${value.length > 200 ? `${value.slice(0, 197)}...` : value}`)
  }
  if (run.summary.trim()) {
    console.log('  job summary:')
    for (const line of run.summary.trim().split('\n')) console.log(`    │ ${line}`)
  }
}

async function main(): Promise<void> {
  const aws: AwsLocal = await startAwsLocal()
  const rehearsal: Rehearsal = { aws, cleanups: [], outputs: {} }
  const results: Array<[string, string, string]> = []
  let failed = false
  console.log(`Local AWS stand-in at ${aws.url}\n`)
  try {
    const steps = rehearsalSteps()
    for (const [index, step] of steps.entries()) {
      console.log(`── ${index + 1}/${steps.length} ${step.action}: ${step.title}`)
      const started = Date.now()
      const inputs = await step.prepare(rehearsal)
      const run = await runAction(step.action, {
        inputs,
        env: aws.env(),
        timeoutMs: 15 * 60_000,
      })
      print(run)
      rehearsal.outputs[step.action] = run.outputs
      const took = `${((Date.now() - started) / 1000).toFixed(1)}s`
      if (run.exitCode === 0) {
        results.push([step.action, 'succeeded', took])
      } else if (run.errors.some((e) => NOT_AVAILABLE.test(e))) {
        results.push([step.action, 'not available yet', took])
      } else {
        results.push([step.action, `FAILED: ${run.errors.join(' ')}`, took])
        failed = true
      }
      console.log('')
    }
  } finally {
    for (const cleanup of rehearsal.cleanups.reverse()) await cleanup().catch(() => undefined)
    await aws.close()
  }
  console.log('Rehearsal')
  for (const [action, result, took] of results) console.log(`  ${action.padEnd(16)} ${result} (${took})`)
  console.log(`  AWS calls made: ${aws.calls.length}, of which mutating: ${aws.mutatingCalls().length}`)
  if (failed) process.exitCode = 1
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
