import { existsSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { BUCKET, deploy, fleet, instancesOf, objectText, sha256, tempFiles } from './fixture'

/**
 * deploy-binary's direct mode end to end: the generated script really runs in each simulated
 * instance's sandbox (working directory /opt/app), downloading the versioned object with the
 * fake `aws s3 cp` from the stand-in's S3, checking its SHA-256 with the real sha256sum,
 * switching the `current` symlink, restarting and health-checking, and switching back on
 * failure. The test reads the symlinks and files in the sandboxes itself.
 */

let aws: AwsLocal
const files = tempFiles('direct')
const binary = Buffer.from('#!/bin/sh\necho app v2\n')
let file: string
const HEALTH = 'http://127.0.0.1:8080/health'

/** A health endpoint that fails while `current` points at releases/v2 (run in /opt/app). */
const FAILS_ON_V2 = `
if [ "$(readlink current)" = releases/v2 ]; then
  echo "curl: (22) The requested URL returned error: 503" >&2
  exit 22
fi
exit 0
`

const inSandbox = (id: string, path: string): string => join(aws.service('ssm').sandboxOf(id), path)
const current = (id: string): string => readlinkSync(inSandbox(id, 'opt/app/current'))
const restarts = (id: string): number =>
  aws
    .service('ssm')
    .fakeCalls(id, 'systemctl')
    .filter((c) => c.args.join(' ') === 'restart app').length
const and = (ids: string[]): string =>
  ids.length < 2 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`

/** Two instances running v1 from /opt/app/releases/v1, `current` pointing at it. */
function seedFleet(): string[] {
  const ids = fleet(aws, 2)
  const ssm = aws.service('ssm')
  ssm.runScripts(true, '*', { shell: 'sh' })
  for (const id of ids) {
    ssm.writeSandboxFile(id, '/opt/app/releases/v1/app', 'v1', 0o755)
    symlinkSync('releases/v1', inSandbox(id, 'opt/app/current'))
  }
  return ids
}

const inputs = (ids: string[], extra: Record<string, string> = {}): Record<string, string> => ({
  file,
  version: 'v2',
  'instance-ids': ids.join(','),
  service: 'app',
  'install-mode': 'direct',
  'working-directory': '/opt/app',
  'health-check': HEALTH,
  'health-check-timeout': '2s',
  'max-concurrency': '100%',
  'max-errors': '100%',
  ...extra,
})

beforeAll(async () => {
  aws = await startAwsLocal()
  file = files.write('app', binary)
})

afterAll(async () => {
  await aws.close()
  files.remove()
})

beforeEach(() => {
  aws.reset()
  aws.service('s3').createBucket(BUCKET)
  aws.service('s3').putObject(BUCKET, 'app/v1/app', 'v1', { metadata: { sha256: sha256('v1') } })
  aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v1\n')
})

describe('direct mode', () => {
  it('downloads the exact release, checks its SHA-256, installs it and switches current atomically', async () => {
    const ids = seedFleet()
    const run = await deploy(aws, inputs(ids))
    expect(run.exitCode).toBe(0)
    for (const id of ids) {
      expect(current(id)).toBe('releases/v2')
      const installed = readFileSync(inSandbox(id, 'opt/app/releases/v2/app'))
      expect(sha256(installed)).toBe(sha256(binary))
      expect(statSync(inSandbox(id, 'opt/app/releases/v2/app')).mode & 0o111).toBe(0o111)
      // The previous release stays for a switch back; no temporary directory is left.
      expect(readFileSync(inSandbox(id, 'opt/app/releases/v1/app'), 'utf8')).toBe('v1')
      expect(existsSync(inSandbox(id, 'opt/app/.current'))).toBe(false)
      const aws_ = aws.service('ssm').fakeCalls(id, 'aws')
      expect(aws_.map((c) => c.args.slice(0, 3))).toEqual([['s3', 'cp', 's3://releases/app/v2/app']])
      expect(aws_[0].cwd).toBe('opt/app')
      expect(restarts(id)).toBe(1)
    }
    expect(objectText(aws, 'app/latest.txt')).toBe('v2\n')
    expect(instancesOf(run).map((i) => i.status)).toEqual(['Success', 'Success'])
  })

  it('switches back on the instance whose health check fails, and rolls the others back to v1', async () => {
    const ids = seedFleet()
    aws.service('ssm').setSandboxFakes(ids[1], { scripts: { curl: FAILS_ON_V2 } })
    const run = await deploy(aws, inputs(ids))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      new RegExp(
        `^1 of 2 instances failed the health check \\(${ids[1]}: curl: \\(22\\) The requested URL returned error: 503 \\(after \\d attempts in 2s\\)\\); the pointer is back at v1 and the 2 changed instances \\(${and(ids)}\\) were restarted on it\\.$`,
      ),
    )
    // The failing instance switched back by itself, then the fleet rollback ran v1 everywhere.
    const bad = instancesOf(run).find((i) => i.instance === ids[1])!
    expect(bad.output).toContain('deploy-binary: switched back to releases/v1 and restarted')
    expect(bad.rollback).toMatchObject({ status: 'Success' })
    for (const id of ids) expect(current(id)).toBe('releases/v1')
    expect(restarts(ids[0])).toBe(2)
    expect(restarts(ids[1])).toBe(3)
    // The rollback found v1 installed: nothing downloaded for it.
    expect(aws.service('ssm').fakeCalls(ids[0], 'aws')).toHaveLength(1)
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    expect(run.outputs['rolled-back']).toBe('true')
  })

  it('refuses to install a download whose SHA-256 differs, leaving current as it was', async () => {
    const ids = seedFleet()
    // A release whose bytes do not match the SHA-256 recorded with it (the rollback entry to it).
    aws.service('s3').putObject(BUCKET, 'app/v3/app', 'tampered', { metadata: { sha256: sha256('v3') } })
    const run = await deploy(aws, { ...inputs(ids), file: '', version: 'v3', rollback: 'false' })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      new RegExp(
        `^2 of 2 instances failed to install the release \\(${and(ids)}: the SHA-256 of releases/\\.v3\\.tmp\\.\\d+/app is not ${sha256('v3')}\\); nothing was rolled back \\('rollback' is false\\): the pointer stays at v3\\.$`,
      ),
    )
    for (const id of ids) {
      expect(current(id)).toBe('releases/v1')
      expect(existsSync(inSandbox(id, 'opt/app/releases/v3'))).toBe(false)
      expect(restarts(id)).toBe(0)
    }
  })

  it('fails when the working directory is missing on an instance, before touching anything', async () => {
    const ids = fleet(aws, 1)
    aws.service('ssm').runScripts(true, '*', { shell: 'sh' })
    mkdirSync(inSandbox(ids[0], 'opt'), { recursive: true })
    const run = await deploy(aws, inputs(ids, { rollback: 'false' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      new RegExp(
        `^1 of 1 instance failed \\(${ids[0]}: failed to run commands: chdir /opt/app: no such file or directory\\)`,
      ),
    )
  })
})
