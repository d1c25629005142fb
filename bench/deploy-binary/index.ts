import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { inputVariable } from '../../tools/harness/run-action'
import { median, type BenchContext, type BenchTable, type Scenario } from '../lib'

/**
 * deploy-binary benchmarks, each figure beside its peer measured in the same run:
 * - upload: a 1 GiB file (`--size-mb`) published by the bundle (publish only), once as it is
 *   and once with the `sha256` input a build step would pass, and copied by `aws s3 cp` to the
 *   same local stand-in endpoint; the throughput and peak RSS of each process (`/usr/bin/time
 *   -v`: the kernel's maximum resident set size). Targets: at least the CLI's throughput, under
 *   200 MB peak for the action.
 * - fleet: a restart of 500 simulated instances (`--fleet`) by tag, each invocation taking 5 s
 *   of the stand-in's clock, max-concurrency 20%: the action's wall time from SendCommand to
 *   its exit over the simulated command's own duration (first request to last invocation end),
 *   and the SSM calls it made per minute of waiting.
 */

const BUCKET = 'bench-releases'

interface Measured {
  wallMs: number
  peakRssBytes: number
  /** User plus system CPU time of the process. */
  cpuMs: number
  /** User plus system CPU time of this process meanwhile: the stand-in's work for the run. */
  standInCpuMs: number
  exitCode: number | null
  stdout: string
  stderr: string
}

/** Runs a command under /usr/bin/time -v, returning its wall time and maximum resident set size. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const startedCpu = process.cpuUsage()
    const child = spawn('/usr/bin/time', ['-v', command, ...args], {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = performance.now() - started
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]
      const seconds = (label: string) =>
        Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? 0)
      const cpuMs = (seconds('User') + seconds('System')) * 1000
      const standIn = process.cpuUsage(startedCpu)
      const standInCpuMs = (standIn.user + standIn.system) / 1000
      resolve({
        wallMs,
        peakRssBytes: Number(kb ?? 0) * 1024,
        cpuMs,
        standInCpuMs,
        exitCode: code,
        stdout,
        stderr,
      })
    })
  })
}

/** The environment the runner gives a bundle (file commands in `dir`), with the inputs. */
function actionEnv(aws: AwsLocal, dir: string, inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    ...aws.env(),
  }
  for (const file of ['output', 'summary']) writeFileSync(join(dir, file), '')
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  return env
}

/** A file of `mb` MiB of random bytes, written 1 MiB at a time. */
function bigFile(path: string, mb: number): void {
  const fd = openSync(path, 'w')
  try {
    const block = randomBytes(1024 * 1024)
    for (let i = 0; i < mb; i++) {
      block.writeUInt32LE(i, 0)
      writeSync(fd, block)
    }
  } finally {
    closeSync(fd)
  }
}

/** The stand-in's environment for the CLI, which refuses an empty AWS_PROFILE or session token. */
function cliEnv(aws: AwsLocal): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...aws.env() }
  for (const [key, value] of Object.entries(env)) if (value === '') delete env[key]
  return env
}

/**
 * An empty stand-in with the releases bucket, the previous upload's memory (its parts and the
 * object, 2 GiB for a 1 GiB file) collected first when the bench runs with `--expose-gc` (`npm
 * run bench` does): otherwise that collection falls inside whichever run comes next.
 */
function emptyStandIn(aws: AwsLocal): void {
  aws.reset()
  ;(globalThis as { gc?: () => void }).gc?.()
  aws.service('s3').createBucket(BUCKET)
}

const mibps = (bytes: number, ms: number): number => bytes / 1024 / 1024 / (ms / 1000)
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`

async function upload(context: BenchContext, aws: AwsLocal, dir: string) {
  const sizeMb = Number(context.options['size-mb'] ?? 1024)
  const file = join(dir, 'app')
  context.log(`writing a ${sizeMb} MiB file in ${dir}`)
  bigFile(file, sizeMb)
  const bytes = sizeMb * 1024 * 1024
  try {
    const runs = Number(context.options.runs ?? 3)
    const cliVersion = spawnSync('aws', ['--version'], { encoding: 'utf8' })
    const peerName = `aws s3 cp (${(cliVersion.stdout || cliVersion.stderr).trim().split(' ')[0]})`
    // The SHA-256 a build step would have printed (sha256sum), computed outside the timed runs.
    const declared = spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0]
    type Ours = Measured & { uploadSeconds: number }
    const oursRuns: Ours[] = []
    const declaredRuns: Ours[] = []
    const peerRuns: Measured[] = []
    const runOurs = async (label: string, extra: Record<string, string>): Promise<Ours> => {
      emptyStandIn(aws)
      const run = await timed(
        context.node24,
        [join(context.root, 'dist', 'deploy-binary', 'index.js')],
        actionEnv(aws, dir, { file, bucket: BUCKET, prefix: 'app', version: 'v1', ...extra }),
        dir,
      )
      if (run.exitCode !== 0) throw new Error(`deploy-binary failed:\n${run.stdout}\n${run.stderr}`)
      const uploadSeconds = Number(/Uploaded s3:\/\/\S+ in ([\d.]+)s\./.exec(run.stdout)?.[1] ?? NaN)
      const stored = aws.service('s3').getObject(BUCKET, 'app/v1/app')?.body.length
      if (stored !== bytes) throw new Error(`deploy-binary stored ${stored} bytes of ${bytes}`)
      context.log(
        `${label}: ${(run.wallMs / 1000).toFixed(1)} s in all (upload ${uploadSeconds}s), peak RSS ${mb(run.peakRssBytes)}`,
      )
      return { ...run, uploadSeconds }
    }
    const runCli = async (): Promise<Measured> => {
      emptyStandIn(aws)
      const cli = await timed(
        'aws',
        ['s3', 'cp', file, `s3://${BUCKET}/app/v1/app`, '--endpoint-url', aws.url, '--only-show-errors'],
        cliEnv(aws),
        dir,
      )
      if (cli.exitCode !== 0) throw new Error(`aws s3 cp failed:\n${cli.stderr}`)
      const peerStored = aws.service('s3').getObject(BUCKET, 'app/v1/app')?.body.length
      if (peerStored !== bytes) throw new Error(`aws s3 cp stored ${peerStored} bytes of ${bytes}`)
      context.log(`${peerName}: ${(cli.wallMs / 1000).toFixed(1)} s, peak RSS ${mb(cli.peakRssBytes)}`)
      return cli
    }
    // The three take turns, each round starting with the next one, so that neither a slow moment
    // of the machine nor the stand-in's first, slower upload falls on one side only.
    const turns = [
      async () => oursRuns.push(await runOurs('deploy-binary', {})),
      async () => declaredRuns.push(await runOurs('deploy-binary with sha256', { sha256: declared })),
      async () => peerRuns.push(await runCli()),
    ]
    // One unmeasured upload by each tool first: the stand-in's first upload also pays for its
    // code being compiled and its heap growing, and it would fall on whichever tool goes first.
    context.log('warm-up: one upload by each tool, not measured')
    await runOurs('warm-up, deploy-binary', {})
    await runCli()
    for (let i = 0; i < runs; i++)
      for (let t = 0; t < turns.length; t++) await turns[(i + t) % turns.length]()
    aws.reset()
    // Medians of the runs; the peak RSS is the highest seen.
    const mid = <T>(items: T[], key: (t: T) => number): number => median(items.map(key))
    const summary = (items: Measured[]) => ({
      wallMs: mid(items, (r) => r.wallMs),
      cpuMs: mid(items, (r) => r.cpuMs),
      standInCpuMs: mid(items, (r) => r.standInCpuMs),
      peakRssBytes: Math.max(...items.map((r) => r.peakRssBytes)),
    })
    const ours = summary(oursRuns)
    const withSha = summary(declaredRuns)
    const uploadSeconds = mid(oursRuns, (r) => r.uploadSeconds)
    const withShaUploadSeconds = mid(declaredRuns, (r) => r.uploadSeconds)
    const peer = summary(peerRuns)
    const table: BenchTable = {
      title: `Upload of a ${sizeMb} MiB binary to the local stand-in's S3 (medians of ${runs} runs each, taking turns; peak RSS the highest)`,
      headers: ['Figure', 'deploy-binary', 'deploy-binary with sha256', peerName, 'Target'],
      rows: [
        [
          'throughput, whole process',
          `${mibps(bytes, ours.wallMs).toFixed(0)} MiB/s`,
          `${mibps(bytes, withSha.wallMs).toFixed(0)} MiB/s`,
          `${mibps(bytes, peer.wallMs).toFixed(0)} MiB/s`,
          "at least the CLI's",
        ],
        [
          'throughput, the upload alone',
          `${mibps(bytes, uploadSeconds * 1000).toFixed(0)} MiB/s`,
          `${mibps(bytes, withShaUploadSeconds * 1000).toFixed(0)} MiB/s`,
          '(same as above)',
          '',
        ],
        [
          'wall time',
          `${(ours.wallMs / 1000).toFixed(2)} s`,
          `${(withSha.wallMs / 1000).toFixed(2)} s`,
          `${(peer.wallMs / 1000).toFixed(2)} s`,
          '',
        ],
        [
          'peak RSS',
          mb(ours.peakRssBytes),
          mb(withSha.peakRssBytes),
          mb(peer.peakRssBytes),
          'under 200 MiB for the action',
        ],
        [
          'CPU time of the process',
          `${(ours.cpuMs / 1000).toFixed(1)} s`,
          `${(withSha.cpuMs / 1000).toFixed(1)} s`,
          `${(peer.cpuMs / 1000).toFixed(1)} s`,
          '',
        ],
        [
          "the stand-in's CPU time meanwhile",
          `${(ours.standInCpuMs / 1000).toFixed(1)} s`,
          `${(withSha.standInCpuMs / 1000).toFixed(1)} s`,
          `${(peer.standInCpuMs / 1000).toFixed(1)} s`,
          '',
        ],
      ],
      notes: [
        "deploy-binary's whole process also reads the file once for its SHA-256 and CRC32 before uploading (beside its pre-flight reads of S3; the SHA-256 goes into the object's metadata, which CreateMultipartUpload sets, so it must be known before the first part), verifies the object, writes the .sha256 object and moves the pointer; the CLI only copies.",
        "With the `sha256` input (the build's own sha256sum) there is no pre-pass: each part's CRC32 is computed as the part is read to be sent, and the file is hashed while it uploads, on a second thread; the release is completed only if the two SHA-256s match.",
        'Both talk to the same stand-in in this process, which stores the object in memory; its own speed bounds both figures.',
      ],
    }
    return {
      table,
      data: {
        bytes,
        ours: {
          ...ours,
          uploadSeconds,
          runs: oursRuns.map((r) => ({ wallMs: r.wallMs, peakRssBytes: r.peakRssBytes })),
        },
        withSha256: {
          ...withSha,
          uploadSeconds: withShaUploadSeconds,
          runs: declaredRuns.map((r) => ({ wallMs: r.wallMs, peakRssBytes: r.peakRssBytes })),
        },
        peer: {
          ...peer,
          name: peerName,
          runs: peerRuns.map((r) => ({ wallMs: r.wallMs, peakRssBytes: r.peakRssBytes })),
        },
      },
    }
  } finally {
    rmSync(file, { force: true })
  }
}

async function fleet(context: BenchContext, aws: AwsLocal, dir: string) {
  const count = Number(context.options.fleet ?? 500)
  const runMs = 5000
  aws.reset()
  aws.service('s3').createBucket(BUCKET)
  aws.service('s3').putObject(BUCKET, 'app/v1/app', 'v1', { metadata: { sha256: 'x' } })
  aws.service('s3').putObject(BUCKET, 'app/latest.txt', 'v0\n')
  const ec2 = aws.service('ec2')
  const ids: string[] = []
  for (let i = 0; i < count; i++)
    ids.push(ec2.seedInstance({ Tags: [{ Key: 'Role', Value: 'bench' }] }).InstanceId)
  const ssm = aws.service('ssm')
  ssm.registerEc2Instances({ InstanceIds: ids })
  // Clock time only (no progress per poll): the command takes as long whoever watches it.
  ssm.setRunCommandTiming({
    visible: { afterMs: 200 },
    delivery: { afterMs: 300 },
    run: { afterMs: runMs },
    rampUp: true,
  })
  const run = await timed(
    context.node24,
    [join(context.root, 'dist', 'deploy-binary', 'index.js')],
    actionEnv(aws, dir, {
      bucket: BUCKET,
      prefix: 'app',
      version: 'v1',
      'binary-name': 'app',
      targets: 'tag:Role=bench',
      service: 'app',
      'max-concurrency': '20%',
      timeout: '15m',
    }),
    dir,
  )
  if (run.exitCode !== 0) throw new Error(`deploy-binary failed:\n${run.stdout}\n${run.stderr}`)
  const send = aws.callsOf('ssm', 'SendCommand')[0]
  const invocations = ssm.describeInvocations(
    (aws.callsOf('ssm', 'ListCommands')[0].input as { CommandId: string }).CommandId,
  )
  const ends = invocations.map((i) => Date.parse(String(i.ExecutionEndDateTime)))
  const sentAt = send.time.getTime()
  const commandMs = Math.max(...ends) - sentAt
  const waitedMs =
    aws.calls
      .filter((c) => c.service === 'ssm')
      .map((c) => c.time.getTime())
      .reduce((a, b) => Math.max(a, b), 0) - sentAt
  const ssmCalls = aws.callsOf('ssm').filter((c) => c.time.getTime() >= sentAt)
  const perMinute = ssmCalls.length / (waitedMs / 60_000)
  const exitMs = run.wallMs
  const byOperation = new Map<string, number>()
  for (const c of ssmCalls) byOperation.set(c.operation, (byOperation.get(c.operation) ?? 0) + 1)
  context.log(
    `fleet of ${count}: command ${(commandMs / 1000).toFixed(1)} s, ${ssmCalls.length} SSM calls while waiting`,
  )
  const table: BenchTable = {
    title: `Restart of ${count} simulated instances by tag (each run ${runMs / 1000} s, max-concurrency 20%)`,
    headers: ['Figure', 'Value'],
    rows: [
      [
        "the stand-in's command duration (SendCommand to the last invocation's end)",
        `${(commandMs / 1000).toFixed(1)} s`,
      ],
      ["the action's wait (SendCommand to its last SSM call)", `${(waitedMs / 1000).toFixed(1)} s`],
      ['wait over command duration', `${(waitedMs / commandMs).toFixed(2)}`],
      ["the action's whole process", `${(exitMs / 1000).toFixed(1)} s`],
      ['SSM calls per minute of waiting', `${perMinute.toFixed(0)}`],
      ['SSM calls while waiting, by operation', [...byOperation].map(([op, n]) => `${op} ${n}`).join(', ')],
    ],
    notes: [
      'ListCommandInvocations returns 50 invocations a page: every poll of a 500-instance command reads 10 pages.',
    ],
  }
  aws.reset()
  return {
    table,
    data: {
      count,
      runMs,
      commandMs,
      waitedMs,
      exitMs,
      ssmCalls: ssmCalls.length,
      perMinute,
      byOperation: Object.fromEntries(byOperation),
    },
  }
}

export const scenario: Scenario = {
  id: 'deploy-binary',
  title: 'deploy-binary: a 1 GiB upload beside aws s3 cp, and a 500-instance restart',
  async run(context) {
    const aws = await startAwsLocal()
    const dir = mkdtempSync(join(tmpdir(), 'bench-deploy-binary-'))
    try {
      const up = await upload(context, aws, dir)
      const fl = await fleet(context, aws, dir)
      return { tables: [up.table, fl.table], data: { upload: up.data, fleet: fl.data } }
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await aws.close()
    }
  },
}
