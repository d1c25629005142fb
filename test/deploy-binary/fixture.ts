import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AwsLocal } from '../../tools/aws-local'
import { runAction, type ActionRun } from '../../tools/harness/run-action'

/** What the deploy-binary end-to-end tests share: a built "binary", a bucket, a fleet. */

export const BUCKET = 'releases'
export const PREFIX = 'app'

export interface Files {
  dir: string
  /** Writes a file in the temp dir and returns its path. */
  write(name: string, content: string | Buffer): string
  remove(): void
}

export function tempFiles(label: string): Files {
  const dir = mkdtempSync(join(tmpdir(), `deploy-binary-${label}-`))
  return {
    dir,
    write(name, content) {
      const path = join(dir, name)
      writeFileSync(path, content, { mode: 0o755 })
      return path
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

export function deploy(
  aws: AwsLocal,
  inputs: Record<string, string>,
  options: Parameters<typeof runAction>[1] = {},
): Promise<ActionRun> {
  return runAction('deploy-binary', {
    inputs: { bucket: BUCKET, prefix: PREFIX, ...inputs },
    env: aws.env(),
    timeoutMs: 55_000,
    ...options,
  })
}

/** The stand-in's S3 object body as text (read by the test, not by the action). */
export function objectText(aws: AwsLocal, key: string, bucket = BUCKET): string | undefined {
  return aws.service('s3').getObject(bucket, key)?.body.toString('utf8')
}

export function objectBytes(aws: AwsLocal, key: string, bucket = BUCKET): Buffer | undefined {
  return aws.service('s3').getObject(bucket, key)?.body
}

export const mutating = (aws: AwsLocal): string[] =>
  aws.mutatingCalls().map((c) => `${c.service}:${c.operation}`)

/** Seeds `n` EC2 instances tagged Role=<role> and registers them with SSM; returns their ids. */
export function fleet(aws: AwsLocal, n: number, role = 'api'): string[] {
  const ec2 = aws.service('ec2')
  const ids: string[] = []
  for (let i = 0; i < n; i++)
    ids.push(
      ec2.seedInstance({
        Tags: [
          { Key: 'Role', Value: role },
          { Key: 'Name', Value: `${role}-${i}` },
        ],
      }).InstanceId,
    )
  aws.service('ssm').registerEc2Instances({ InstanceIds: ids })
  return ids
}

export interface InstanceOutput {
  instance: string
  status: string
  details: string
  exitCode: number | null
  durationMs: number | null
  output: string
  reason: string | null
  rollback: { status: string; details: string; exitCode: number | null; reason: string | null } | null
}

export const instancesOf = (run: ActionRun): InstanceOutput[] => JSON.parse(run.outputs.instances ?? '[]')
