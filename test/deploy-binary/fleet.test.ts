import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { ROOT } from '../../tools/harness/run-action'
import { BUCKET, deploy, fleet, instancesOf, mutating, objectText, sha256, tempFiles } from './fixture'

/**
 * deploy-binary end to end, restarting through SSM Run Command: the committed bundle against
 * the local AWS stand-in, whose simulated instances really run the generated script in their
 * sandboxes (fake systemctl, curl and aws on PATH). Outcomes are checked independently: the
 * pointer's body in the stand-in's S3, files and calls in each sandbox, the recorded SSM calls.
 */

let aws: AwsLocal
const files = tempFiles('fleet')
const binary = Buffer.from('#!/bin/sh\necho app v2\n')
let file: string
const HEALTH = 'http://127.0.0.1:8080/health'

/**
 * The unit of the teams served, as the fake systemctl: `restart` runs its ExecStartPre, which
 * reads the version latest.txt names and records it in the sandbox (`running`).
 */
const UNIT = `
if [ "$1" = restart ]; then
  v=$(aws s3 cp s3://${BUCKET}/app/latest.txt -) || exit 1
  printf '%s\\n' "$v" > "$AWS_LOCAL_SANDBOX/running"
fi
exit 0
`
/** A health endpoint that refuses connections while the instance runs v2 (a bad release there). */
const REFUSES_V2 = `
if grep -qx v2 "$AWS_LOCAL_SANDBOX/running" 2>/dev/null; then
  echo "curl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server" >&2
  exit 7
fi
exit 0
`
const running = (id: string): string | undefined => {
  const path = join(aws.service('ssm').sandboxOf(id), 'running')
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined
}
const restarts = (id: string): number =>
  aws
    .service('ssm')
    .fakeCalls(id, 'systemctl')
    .filter((c) => c.args[0] === 'restart').length
/** `a`, `a and b`, `a, b and c`, as the action's sentences list instances. */
const and = (ids: string[]): string =>
  ids.length < 2 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`
const sends = () => aws.callsOf('ssm', 'SendCommand').map((c) => c.input as Record<string, unknown>)

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

describe('pointer mode', () => {
  it('releases to three instances: pointer moved, each unit restarted on v2, health checked', async () => {
    const ids = fleet(aws, 3)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    ssm.setSandboxFakes('*', { scripts: { systemctl: UNIT } })
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids.join('\n'),
      service: 'app',
      'health-check': HEALTH,
      'max-concurrency': '2',
    })
    expect(run.exitCode).toBe(0)
    expect(objectText(aws, 'app/latest.txt')).toBe('v2\n')
    for (const id of ids) {
      expect(running(id)).toBe('v2')
      expect(ssm.fakeCalls(id, 'systemctl').map((c) => c.args)).toEqual([['restart', 'app']])
      expect(ssm.fakeCalls(id, 'curl').map((c) => c.args.at(-1))).toEqual([HEALTH])
    }
    const [send] = sends()
    expect(send).toMatchObject({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: ids,
      MaxConcurrency: '2',
      MaxErrors: '0',
      TimeoutSeconds: 600,
      Parameters: { executionTimeout: ['600'] },
    })
    const instances = instancesOf(run)
    expect(instances.map((i) => [i.instance, i.status, i.exitCode])).toEqual(
      ids.map((id) => [id, 'Success', 0]),
    )
    expect(instances.every((i) => typeof i.durationMs === 'number' && /v2 is running/.test(i.output))).toBe(
      true,
    )
    expect(run.outputs['rolled-back']).toBe('false')
    expect(run.outputs['command-id']).toMatch(/^[0-9a-f-]{36}$/)
    // Each instance's change is logged once.
    for (const id of ids) expect(run.stdout.filter((l) => l.startsWith(`${id}: Success`))).toHaveLength(1)
    expect(run.summary).toContain('| Instance | Status | Exit | Duration |')
  })

  it("installs what the pointer names, verified, with the README's sample ExecStartPre script", async () => {
    const readme = readFileSync(join(ROOT, 'actions/deploy-binary/README.md'), 'utf8')
    const fetchRelease = /```sh\n(#!\/bin\/sh\n# \/usr\/local\/bin\/fetch-release[\s\S]*?)```/.exec(
      readme,
    )?.[1]
    expect(fetchRelease).toBeDefined()
    const ids = fleet(aws, 2)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    for (const id of ids) ssm.writeSandboxFile(id, '/usr/local/bin/fetch-release', fetchRelease!, 0o755)
    // systemd runs ExecStartPre on restart; DIR maps /opt/app into the sandbox.
    ssm.setSandboxFakes('*', {
      scripts: {
        systemctl:
          '[ "$1" = restart ] && DIR="$AWS_LOCAL_SANDBOX/opt/app" sh "$AWS_LOCAL_SANDBOX/usr/local/bin/fetch-release"',
      },
    })
    const run = await deploy(aws, { file, version: 'v2', 'instance-ids': ids.join(','), service: 'app' })
    expect(run.exitCode).toBe(0)
    for (const id of ids) {
      const dir = join(ssm.sandboxOf(id), 'opt/app')
      expect(readlinkSync(join(dir, 'current'))).toBe('releases/v2')
      expect(sha256(readFileSync(join(dir, 'current/app')))).toBe(sha256(binary))
    }
    // A release whose bytes do not match its .sha256 is refused by the same script.
    aws.service('s3').putObject(BUCKET, 'app/v3/app', 'tampered')
    aws.service('s3').putObject(BUCKET, 'app/v3/app.sha256', `${sha256('v3')}  app\n`)
    const bad = await deploy(aws, {
      version: 'v3',
      'instance-ids': ids[0],
      service: 'app',
      rollback: 'false',
    })
    expect(bad.exitCode).toBe(1)
    expect(bad.errors[0]).toMatch(
      /^1 of 1 instance failed the restart \(i-[0-9a-f]+: app v3: SHA-256 mismatch\)/,
    )
    expect(readlinkSync(join(ssm.sandboxOf(ids[0]), 'opt/app/current'))).toBe('releases/v2')
  })

  it('rolls back when one instance fails its health check: pointer restored, changed instances restarted on it', async () => {
    const ids = fleet(aws, 3)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    ssm.setSandboxFakes('*', { scripts: { systemctl: UNIT } })
    ssm.setSandboxFakes(ids[1], { scripts: { systemctl: UNIT, curl: REFUSES_V2 } })
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids.join(','),
      service: 'app',
      'health-check': HEALTH,
      'health-check-timeout': '3s',
      'max-concurrency': '100%',
      'max-errors': '100%',
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toBe(
      `1 of 3 instances failed the health check (${ids[1]}: curl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server (after ${/after (\d) attempts/.exec(run.errors[0])?.[1]} attempts in 3s)); the pointer is back at v1 and the 3 changed instances (${and(ids)}) were restarted on it.`,
    )
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    for (const id of ids) {
      expect(running(id)).toBe('v1')
      expect(restarts(id)).toBe(2)
    }
    expect(sends()).toHaveLength(2)
    expect(sends()[1]).toMatchObject({ InstanceIds: ids, Comment: 'deploy-binary rollback to v1' })
    expect(run.outputs['rolled-back']).toBe('true')
    const bad = instancesOf(run).find((i) => i.instance === ids[1])!
    expect(bad).toMatchObject({ status: 'Failed', exitCode: 1, rollback: { status: 'Success' } })
    // Each attempt failed alike: its output is shown once, then only in the failure line written
    // last, which so stays within the 2,500 characters SSM keeps.
    const attempts = Number(/after (\d) attempts/.exec(run.errors[0])?.[1])
    expect(attempts).toBeGreaterThan(1)
    expect(bad.output.split("Couldn't connect to server").length - 1).toBe(2)
    expect(bad.output).not.toContain('health check attempt')
    expect(run.summary).toContain('failed and was rolled back to v1')
  })

  it('reports Undeliverable and ConnectionLost instances by name and rolls back the one that changed', async () => {
    const ids = fleet(aws, 3)
    const ssm = aws.service('ssm')
    ssm.setPingStatus(ids[0], 'ConnectionLost')
    ssm.scriptInvocation(ids[1], { statusDetails: 'Undeliverable' }, { once: true })
    // The delivery timeout passes while the two wait for their agents ("Delayed").
    let advanced = false
    const run = await deploy(
      aws,
      { file, version: 'v2', targets: 'tag:Role=api', service: 'app', 'delivery-timeout': '30s' },
      {
        onLine: (line) => {
          if (!advanced && / Delayed|: Delayed/.test(line)) {
            advanced = true
            aws.clock.advance(31_000)
          }
        },
      },
    )
    expect(run.exitCode).toBe(1)
    expect(run.warnings).toEqual([])
    expect(run.errors).toEqual([
      `2 of 3 instances could not be reached (${and(ids.slice(0, 2))}: SSM could not deliver the command (Undeliverable)); the pointer is back at v1 and the changed instance ${ids[2]} was restarted on it.`,
    ])
    expect(run.log).toContain(`- not Online now, SSM may not reach them: ${ids[0]}`)
    expect(sends()[0]).toMatchObject({ Targets: [{ Key: 'tag:Role', Values: ['api'] }] })
    expect(sends()[1]).toMatchObject({ InstanceIds: [ids[2]] })
    expect(instancesOf(run).map((i) => [i.instance, i.details])).toEqual([
      [ids[0], 'Undeliverable'],
      [ids[1], 'Undeliverable'],
      [ids[2], 'Success'],
    ])
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
  })

  it('stops where SSM stopped the rollout once MaxErrors was exceeded', async () => {
    const ids = fleet(aws, 4)
    const ssm = aws.service('ssm')
    ssm.scriptInvocation(
      ids[0],
      {
        status: 'Failed',
        stderr:
          'deploy-binary: restart failed: Job for app.service failed because the control process exited with error code.\n',
      },
      { once: true },
    )
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids.join(','),
      service: 'app',
      'max-concurrency': '1',
      'max-errors': '0',
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      `1 of 4 instances failed the restart (${ids[0]}: Job for app.service failed because the control process exited with error code.); 3 of 4 instances were never restarted (${and(ids.slice(1))}: SSM stopped the command once more than 'max-errors' instances had failed (Terminated)); the pointer is back at v1 and the changed instance ${ids[0]} was restarted on it.`,
    ])
    const command = ssm.describeCommand(run.outputs['command-id'])!
    expect([command.Status, command.StatusDetails]).toEqual(['Failed', 'Failed'])
    expect(instancesOf(run).map((i) => i.details)).toEqual([
      'Failed',
      'Terminated',
      'Terminated',
      'Terminated',
    ])
  })

  it('rolls every changed instance back even when one fails again: the rollback ignores max-errors', async () => {
    const ids = fleet(aws, 8)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    ssm.setSandboxFakes('*', { scripts: { systemctl: UNIT } })
    // A unit that never starts on this instance, whatever the version.
    ssm.setSandboxFakes(ids[3], { scripts: { systemctl: 'echo "Job for app.service failed" >&2; exit 1' } })
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids.join(','),
      service: 'app',
      'max-concurrency': '50%',
      'max-errors': '0',
    })
    expect(run.exitCode).toBe(1)
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    // No instance is left on the new version, read from each sandbox.
    expect(ids.map(running).filter((v) => v === 'v2')).toEqual([])
    const [, back] = sends()
    expect(back).toMatchObject({
      Comment: 'deploy-binary rollback to v1',
      MaxErrors: '100%',
      MaxConcurrency: '4',
    })
    const rolled = instancesOf(run).filter((i) => i.rollback)
    expect(rolled.every((i) => i.rollback?.details !== 'Terminated')).toBe(true)
  })

  it('rolls back when the restart cannot be sent once the pointer has moved', async () => {
    const ids = fleet(aws, 2)
    aws.fault('ssm', 'SendCommand', {
      kind: 'error',
      code: 'AccessDeniedException',
      message: 'not authorized to perform ssm:SendCommand',
    })
    const run = await deploy(aws, { file, version: 'v2', 'instance-ids': ids.join(','), service: 'app' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      `The restart failed: Failed to send the restart to ${and(ids)}: AccessDeniedException: not authorized to perform ssm:SendCommand; the pointer is back at v1 (no instance had been restarted yet).`,
    ])
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    expect(aws.callsOf('ssm', 'SendCommand')).toHaveLength(1)
  })

  it('rolls back the instances a command reached when following it failed', async () => {
    const ids = fleet(aws, 2)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    // Each restart switches the instance to what the pointer names, then takes a second more to
    // end: the invocations are still in progress when both instances run v2.
    ssm.setSandboxFakes('*', { scripts: { systemctl: UNIT.replace(/exit 0\n$/, 'sleep 1\nexit 0\n') } })
    const deploying = deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids.join(','),
      service: 'app',
      'max-concurrency': '100%',
    })
    // Once both run v2, the next listing of the command's invocations is refused.
    for (const deadline = Date.now() + 20_000; !ids.every((id) => running(id) === 'v2');) {
      if (Date.now() > deadline) throw new Error('the instances never ran v2')
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    aws.fault('ssm', 'ListCommandInvocations', {
      kind: 'error',
      code: 'AccessDeniedException',
      message: 'not authorized',
    })
    const run = await deploying
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      /^The restart failed: Failed to list the invocations of SSM command [\w-]+: AccessDeniedException: not authorized; /,
    )
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    // Both were restarted on v2 before the listing failed, and again on v1 by the rollback.
    expect(ids.map(restarts)).toEqual([2, 2])
    expect(ids.map(running)).toEqual(['v1', 'v1'])
    expect(sends().map((s) => s.InstanceIds)).toEqual([ids, ids])
  })

  it('follows 120 instances by tag over every page and rolls back in SendCommands of at most 50 ids', async () => {
    const ids = fleet(aws, 120)
    const ssm = aws.service('ssm')
    ssm.setRunCommandTiming({ rampUp: false, delivery: {}, run: {} })
    ssm.scriptInvocation(
      ids[119],
      { status: 'Failed', stderr: 'deploy-binary: health check failed: HTTP 503\n' },
      { once: true },
    )
    const run = await deploy(aws, {
      file,
      version: 'v2',
      targets: 'tag:Role=api',
      service: 'app',
      'max-concurrency': '100%',
      'max-errors': '100%',
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      new RegExp(
        `^1 of 120 instances failed the health check \\(${ids[119]}: HTTP 503\\); the pointer is back at v1 and the 120 changed instances`,
      ),
    )
    expect(instancesOf(run)).toHaveLength(120)
    const describes = aws
      .callsOf('ssm', 'DescribeInstanceInformation')
      .map((c) => c.input as { MaxResults?: number; NextToken?: string })
    expect(describes.map((d) => [d.MaxResults, d.NextToken !== undefined])).toEqual([
      [50, false],
      [50, true],
      [50, true],
    ])
    const pages = aws
      .callsOf('ssm', 'ListCommandInvocations')
      .map((c) => c.input as { MaxResults?: number; NextToken?: string })
    expect(pages.every((p) => p.MaxResults === 50)).toBe(true)
    expect(pages.filter((p) => p.NextToken !== undefined).length).toBeGreaterThanOrEqual(4)
    const [first, ...rollback] = sends()
    expect(first.Targets).toEqual([{ Key: 'tag:Role', Values: ['api'] }])
    expect(rollback.map((s) => (s.InstanceIds as string[]).length)).toEqual([50, 50, 20])
    expect(rollback.flatMap((s) => s.InstanceIds as string[]).sort()).toEqual([...ids].sort())
  })

  it('moves the pointer to an existing release and restarts on it (the rollback entry)', async () => {
    aws.service('s3').putObject(BUCKET, 'app/v2/app', 'v2', { metadata: { sha256: sha256('v2') } })
    aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v2\n')
    const ids = fleet(aws, 2)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    ssm.setSandboxFakes('*', { scripts: { systemctl: UNIT } })
    const run = await deploy(aws, { version: 'v1', 'instance-ids': ids.join(','), service: 'app' })
    expect(run.exitCode).toBe(0)
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    expect(ids.map(running)).toEqual(['v1', 'v1'])
    expect(mutating(aws).filter((m) => m.startsWith('s3:') && !/MultipartUpload/.test(m))).toEqual([
      's3:PutObject',
    ])
    expect(run.outputs).toMatchObject({ version: 'v1', 'previous-version': 'v2', sha256: sha256('v1') })
  })

  it('does not roll the rollback entry back onto the release it leaves, unless asked', async () => {
    aws.service('s3').putObject(BUCKET, 'app/v2/app', 'v2', { metadata: { sha256: sha256('v2') } })
    aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v2\n')
    const ids = fleet(aws, 2)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    ssm.setSandboxFakes('*', { scripts: { systemctl: UNIT } })
    ssm.setSandboxFakes(ids[1], {
      scripts: { systemctl: UNIT, curl: 'echo "curl: (7) refused" >&2; exit 7' },
    })
    const run = await deploy(aws, {
      version: 'v1',
      'instance-ids': ids.join(','),
      service: 'app',
      'health-check': HEALTH,
      'health-check-timeout': '2s',
      'max-errors': '100%',
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toMatch(
      /; the pointer stays at v1: the rollback entry goes back to v2 only with 'rollback: true'\.$/,
    )
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    expect(ids.map(running)).toEqual(['v1', 'v1'])
    expect(sends()).toHaveLength(1)
    expect(run.outputs['rolled-back']).toBe('false')
  })

  it('refuses the rollback entry for a version that was never released', async () => {
    const run = await deploy(aws, { version: 'v0', 'instance-ids': fleet(aws, 1)[0], service: 'app' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "Input 'version' names v0, but there is no release at s3://releases/app/v0/app; give the version of a release published before (the pointer names v1).",
    ])
    expect(mutating(aws)).toEqual([])
  })

  it('cancels the SSM command when the run is cancelled and says what each instance was left in', async () => {
    const ids = fleet(aws, 2)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    ssm.setSandboxFakes('*', { scripts: { systemctl: 'sleep 30' } })
    const run = await deploy(
      aws,
      { file, version: 'v2', 'instance-ids': ids.join(','), service: 'app', 'max-concurrency': '100%' },
      { sendSignal: { signal: 'SIGTERM', line: /: InProgress/ } },
    )
    expect(run.exitCode).toBe(1)
    const cancels = aws.callsOf('ssm', 'CancelCommand').map((c) => c.input as { CommandId: string })
    expect(cancels).toEqual([{ CommandId: run.outputs['command-id'] }])
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      new RegExp(
        `^The run was cancelled \\(SIGTERM\\) during restart: SSM command ${run.outputs['command-id']} was cancelled \\(${ids[0]} \\w+, ${ids[1]} \\w+\\); the pointer names v2 \\(not rolled back\\)\\.$`,
      ),
    )
    expect(objectText(aws, 'app/latest.txt')).toBe('v2\n')
  })

  it('fails on an instance that is not Online with one sentence and zero mutating calls', async () => {
    const ids = fleet(aws, 2)
    aws.service('ssm').setPingStatus(ids[1], 'ConnectionLost')
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': [...ids, 'i-0aaaaaaaaaaaaaaaa'].join(','),
      service: 'app',
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'i-0aaaaaaaaaaaaaaaa is not registered with SSM in us-east-1 (no SSM Agent, or no instance profile allowing it); nothing was changed.',
    ])
    const again = await deploy(aws, { file, version: 'v2', 'instance-ids': ids.join(','), service: 'app' })
    expect(again.errors).toEqual([
      `${ids[1]} (ConnectionLost) is not Online in SSM, so it would miss the restart; nothing was changed.`,
    ])
    expect(mutating(aws)).toEqual([])
  })

  it('survives a throttling storm on SSM', async () => {
    const ids = fleet(aws, 2)
    aws.fault('ssm', 'SendCommand', { kind: 'throttle', times: 2 })
    aws.fault('ssm', 'ListCommandInvocations', { kind: 'throttle', times: 2 })
    aws.fault('ssm', 'DescribeInstanceInformation', { kind: 'throttle', times: 2 })
    const run = await deploy(aws, { file, version: 'v2', 'instance-ids': ids.join(','), service: 'app' })
    expect(run.exitCode).toBe(0)
    expect(aws.callsOf('ssm', 'SendCommand').filter((c) => c.status === 200)).toHaveLength(1)
    expect(instancesOf(run).map((i) => i.status)).toEqual(['Success', 'Success'])
  })

  it("sends the restart and returns at once with 'wait: false'", async () => {
    const ids = fleet(aws, 2)
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids.join(','),
      service: 'app',
      wait: 'false',
    })
    expect(run.exitCode).toBe(0)
    expect(run.warnings).toEqual([
      "Input 'rollback' has no effect while 'wait' is false: the action does not learn whether the restart worked.",
    ])
    expect(sends()).toHaveLength(1)
    expect(run.outputs['command-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(aws.callsOf('ssm', 'ListCommandInvocations')).toEqual([])
  })

  it('cancels a command still running at the timeout and rolls back', async () => {
    const ids = fleet(aws, 2)
    aws.service('ssm').scriptInvocation(ids[1], { stuck: true }, { once: true })
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids.join(','),
      service: 'app',
      timeout: '10s',
      'max-concurrency': '100%',
    })
    expect(run.exitCode).toBe(1)
    const commandId = run.outputs['command-id']
    expect(
      aws.callsOf('ssm', 'CancelCommand').map((c) => (c.input as { CommandId: string }).CommandId),
    ).toEqual([commandId])
    expect(run.errors[0]).toMatch(
      new RegExp(
        `SSM command ${commandId} did not finish within 10\\.0s; last state: .*, so it was cancelled; the pointer is back at v1`,
      ),
    )
    expect(objectText(aws, 'app/latest.txt')).toBe('v1\n')
    // Followed after its cancellation until it ended there, then rolled back with the others.
    expect(instancesOf(run).find((i) => i.instance === ids[1])).toMatchObject({ status: 'Cancelled' })
    expect(sends()[1]).toMatchObject({ InstanceIds: ids, Comment: 'deploy-binary rollback to v1' })
  })

  it('keeps the full output in the output bucket', async () => {
    aws.service('s3').createBucket('ssm-output')
    const ids = fleet(aws, 1)
    aws.service('ssm').runScripts(true, '*', { shell: 'sh' })
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids[0],
      service: 'app',
      'output-bucket': 'ssm-output',
      'output-prefix': 'deploys',
    })
    expect(run.exitCode).toBe(0)
    const key = `deploys/${run.outputs['command-id']}/${ids[0]}/awsrunShellScript/0.awsrunShellScript/stdout`
    expect(objectText(aws, key, 'ssm-output')).toContain('deploy-binary: v2 is running')
    expect(sends()[0]).toMatchObject({ OutputS3BucketName: 'ssm-output', OutputS3KeyPrefix: 'deploys' })
  })
})

describe('values reaching the shell', () => {
  it('runs commands and a health-check command exactly as written, quotes and all', async () => {
    const ids = fleet(aws, 1)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    ssm.writeSandboxFile(ids[0], '/srv/app/.keep', '')
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids[0],
      commands: `printf '%s\\n' "it's $DEPLOY_VERSION" > restarted.txt`,
      'health-check': `grep -q "it's v2" restarted.txt`,
      'health-check-timeout': '4s',
      'working-directory': '/srv/app',
    })
    expect(run.exitCode).toBe(0)
    expect(readFileSync(join(ssm.sandboxOf(ids[0]), 'srv/app/restarted.txt'), 'utf8')).toBe("it's v2\n")
  })

  it('hands a health-check URL to curl as one inert word', async () => {
    const ids = fleet(aws, 1)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    const url = 'http://127.0.0.1:8080/health?x=$(touch${IFS}pwned)&y=$HOME;touch${IFS}pwned|id'
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids[0],
      service: 'app',
      'health-check': url,
    })
    expect(run.exitCode).toBe(0)
    expect(ssm.fakeCalls(ids[0], 'curl').map((c) => c.args.at(-1))).toEqual([url])
    const sandbox = ssm.sandboxOf(ids[0])
    const names = readdirSync(sandbox, { recursive: true }).map(String)
    expect(names.filter((n) => n.endsWith('pwned'))).toEqual([])
    expect(ssm.fakeCalls(ids[0], 'systemctl').map((c) => c.args)).toEqual([['restart', 'app']])
  })

  it("gives curl a health-check URL's password and token, and shows them nowhere else", async () => {
    const ids = fleet(aws, 1)
    const ssm = aws.service('ssm')
    ssm.runScripts(true, '*', { shell: 'sh' })
    const password = 'pw-7f3a91c2'
    const token = 'tok-5be04d18'
    const url = `https://probe:${password}@127.0.0.1:8443/health?access_token=${token}&zone=eu`
    const run = await deploy(aws, {
      file,
      version: 'v2',
      'instance-ids': ids[0],
      service: 'app',
      'health-check': url,
    })
    expect(run.exitCode).toBe(0)
    expect(ssm.fakeCalls(ids[0], 'curl').map((c) => c.args.at(-1))).toEqual([url])
    // The runner hides the ::add-mask:: lines themselves; every other line is what the log shows.
    expect(run.masks).toEqual(expect.arrayContaining([password, token]))
    const shown = [
      ...run.stdout.filter((l) => !l.startsWith('::add-mask::')),
      ...run.stderr,
      run.summary,
      ...Object.values(run.outputs),
    ].join('\n')
    expect(shown).toContain('https://probe:***@127.0.0.1:8443/health?access_token=***&zone=eu')
    expect(shown).not.toContain(password)
    expect(shown).not.toContain(token)
  })
})
