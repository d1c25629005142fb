import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { amazonEbsHclTemplate, packerBinary } from '../../tools/harness/packer'
import { runAction } from '../../tools/harness/run-action'
import { median, ms, type Scenario } from '../lib'

/**
 * build-ami benchmark: the action's own overhead around a Packer build (the step's total time
 * minus Packer's own time, which the action logs exactly), beside the same Packer commands
 * (`packer validate`, `packer build -machine-readable`) run bare, measured in the same run
 * against the same stand-in build (amazon-ebs, copied to a second region, published to
 * Parameter Store). Target: under 1 second of overhead.
 */

interface Sample {
  totalMs: number
  packerMs: number
}

async function measureAction(aws: AwsLocal, dir: string): Promise<Sample> {
  const run = await runAction('build-ami', {
    inputs: {
      template: 'app.pkr.hcl',
      'working-directory': dir,
      variables: `endpoint=${aws.url}`,
      'ssm-parameter': '/bench/ami-id',
      keep: '3',
    },
    env: aws.env(),
    debug: true,
    timeoutMs: 120_000,
  })
  if (run.exitCode !== 0) throw new Error(`build-ami failed: ${run.errors.join(' ')}`)
  const line = run.stdout.find((l) => l.startsWith("::debug::Packer's own time: "))
  const packerMs = Number(/(\d+) ms/.exec(line ?? '')?.[1])
  if (!Number.isFinite(packerMs)) throw new Error("build-ami did not log Packer's own time")
  return { totalMs: run.durationMs, packerMs }
}

function timed(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(packerBinary(), args, { cwd, env, stdio: ['ignore', 'ignore', 'ignore'] })
    child.once('error', reject)
    child.once('close', (code) =>
      code === 0 ? resolve(Date.now() - started) : reject(new Error(`packer ${args[0]} exited ${code}`)),
    )
  })
}

async function measureBare(aws: AwsLocal, dir: string): Promise<number> {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', PKR_VAR_endpoint: aws.url }
  const validate = await timed(['validate', 'app.pkr.hcl'], dir, env)
  const build = await timed(['build', '-machine-readable', '-color=false', 'app.pkr.hcl'], dir, env)
  return validate + build
}

export const scenario: Scenario = {
  id: 'build-ami',
  title: 'build-ami: overhead around a Packer build beside the bare Packer commands',
  async run(context) {
    const runs = context.options.runs ? Number(context.options.runs) : 3
    const aws = await startAwsLocal()
    const dir = mkdtempSync(join(tmpdir(), 'bench-build-ami-'))
    try {
      aws.service('ec2').seedImage({ Name: 'base-2026-11' })
      writeFileSync(join(dir, 'app.pkr.hcl'), amazonEbsHclTemplate({ amiRegions: ['eu-west-1'] }))
      const ours: Sample[] = []
      const bare: number[] = []
      for (let i = 0; i < runs; i++) {
        ours.push(await measureAction(aws, dir))
        bare.push(await measureBare(aws, dir))
        context.log(
          `run ${i + 1}: build-ami ${ours[i].totalMs} ms (Packer ${ours[i].packerMs} ms), bare packer ${bare[i]} ms`,
        )
        // Packer's {{timestamp}} names images by the second.
        await new Promise((r) => setTimeout(r, 1100))
      }
      const overhead = ours.map((s) => s.totalMs - s.packerMs)
      return {
        tables: [
          {
            title: `One amazon-ebs build copied to a second region and published, ${runs} runs each`,
            headers: ['Figure', 'build-ami', 'bare packer validate + build'],
            rows: [
              ['total (median)', ms(median(ours.map((s) => s.totalMs))), ms(median(bare))],
              ["Packer's own time (median)", ms(median(ours.map((s) => s.packerMs))), ms(median(bare))],
              ['overhead: total minus Packer (median)', ms(median(overhead)), '0 ms'],
              ['overhead (worst)', ms(Math.max(...overhead)), '0 ms'],
            ],
            notes: [
              'Overhead covers starting Node, reading inputs, finding Packer, the AWS calls (parameter, tags, publication with its read-back, retention, the leak check) and the summary. Target: under 1 s.',
            ],
          },
        ],
        data: { ours, bare, overhead },
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await aws.close()
    }
  },
}
