import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CancelledError } from '../src/common/errors'
import { runProcess } from '../src/common/process'
import { nullTemplate, packerBinary } from '../tools/harness/packer'

/**
 * The process runner against real Packer (Debian's package, with a builder that needs no
 * cloud): machine-readable lines arrive while the build runs, secrets travel only through the
 * environment, and a cancelled run interrupts Packer and waits for it to clean up.
 */

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function template(inline: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'packer-test-'))
  dirs.push(dir)
  const file = join(dir, 'template.json')
  writeFileSync(file, nullTemplate(inline))
  return file
}

/**
 * Packer's own temporary folder, beside the template (removed after the tests): an interrupted
 * Packer can exit before it removes its shell-local script (packer-shell*), which is Packer's to
 * leave, not a leak of the code under test.
 */
const packerTemp = (file: string): Record<string, string> => ({ TMPDIR: join(file, '..') })

it('streams machine-readable lines as the build runs, the secret reaching Packer and masked in the log', async () => {
  const file = template(['echo "baking with $BAKE_TOKEN"', 'sleep 1', 'echo baked'])
  // What the runner's log receives: the command line, then each output line as it arrives.
  const lines: Array<{ at: number; line: string }> = []
  const log = (line: string): number => lines.push({ at: Date.now(), line })
  await runProcess(packerBinary(), ['build', '-machine-readable', '-color=false', file], {
    secretEnv: { BAKE_TOKEN: 'pk-secret-7731' },
    env: packerTemp(file),
    logger: { info: log, warning: log, debug: log, error: log },
  })
  const baking = lines.find((l) => l.line.includes('baking with'))
  const finished = lines[lines.length - 1]
  expect(baking?.line.split(',').slice(2, 4)).toEqual(['ui', 'message'])
  // Packer's script read the secret from its environment; the log shows it masked, and nowhere else.
  expect(baking?.line).toContain('baking with ***')
  expect(lines.map((l) => l.line).join('\n')).not.toContain('pk-secret-7731')
  expect(finished.at - (baking?.at ?? 0)).toBeGreaterThanOrEqual(900)
  expect(lines.some((l) => /,null,artifact,0,id,Null$/.test(l.line))).toBe(true)
})

it('interrupts Packer when the run is cancelled and waits for it to clean up', async () => {
  const file = template(['echo started', 'sleep 61.25'])
  const controller = new AbortController()
  const lines: string[] = []
  const started = Date.now()
  const run = runProcess(packerBinary(), ['build', '-machine-readable', '-color=false', file], {
    signal: controller.signal,
    env: packerTemp(file),
    graceMs: 20_000,
    onStdoutLine: (line) => {
      lines.push(line)
      if (line.endsWith('null: started'))
        controller.abort(new CancelledError('The run was cancelled (SIGINT).'))
    },
  })
  await expect(run).rejects.toThrow('The run was cancelled (SIGINT).')
  // Packer exited by itself after the interrupt, well before the grace period would escalate.
  expect(Date.now() - started).toBeLessThan(15_000)
  expect(lines.some((l) => l.endsWith('Cleanly cancelled builds after being interrupted.'))).toBe(true)
  // Nothing is left running: the provisioner's script was interrupted with Packer.
  expect(spawnSync('pgrep', ['-f', 'sleep 61.25']).status).toBe(1)
})
