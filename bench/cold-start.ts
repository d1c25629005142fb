import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { bundleTargets } from '../scripts/actions'
import { median, mib, ms, percentile, type BenchContext, type Scenario } from './lib'

/**
 * Cold start of each bundle: from process start to its first network request (the first TCP
 * connection to the endpoint it was pointed at: AWS_ENDPOINT_URL, or the database URL), the
 * median of 20 runs, beside a bare `node -e 0` on the same runtime and the AWS CLI's
 * `aws --version`, the tool a workflow would otherwise call. An action that makes no request
 * (one not released yet) is timed to its exit.
 */

const RUNS = 20

/** Inputs that make each bundle go straight to its first request. */
const INPUTS: Record<string, Record<string, string>> = {
  fixture: { 'parameter-name': '/bench/value', 'api-token': 'bench-token' },
  'ecs-deploy': { cluster: 'bench', services: 'api' },
  'invalidate-cdn': { 'distribution-id': 'E2BENCH', paths: '/index.html' },
  'deploy-binary': {
    file: 'bench/lib.ts',
    bucket: 'bench',
    prefix: 'app',
    version: 'v1.0.0',
    service: 'app',
    'instance-ids': 'i-0123456789abcdef0',
  },
  'build-ami': { template: 'bench.pkr.hcl' },
  'db-migrate': {
    'source-url': 'postgresql://bench@127.0.0.1:{port}/src',
    'target-url': 'postgresql://bench@127.0.0.1:{port}/dst',
  },
}

interface Listener {
  port: number
  next(): Promise<number>
  close(): void
}

/** A TCP listener that reports when the next connection arrives, and drops it. */
async function listener(): Promise<Listener> {
  let waiter: ((at: number) => void) | undefined
  const server: Server = createServer((socket) => {
    const at = performance.now()
    socket.destroy()
    waiter?.(at)
    waiter = undefined
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    next: () => new Promise<number>((resolve) => (waiter = resolve)),
    close: () => server.close(),
  }
}

/** Runs a command once; resolves with ms from spawn to its first connection, or to its exit. */
async function once(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  net?: Listener,
): Promise<{ ms: number; reached: boolean }> {
  const started = performance.now()
  const child = spawn(command, args, { env, stdio: 'ignore' })
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())))
  const first = net ? net.next() : new Promise<number>(() => undefined)
  const end = await Promise.race([
    first.then((at) => ({ at, reached: true })),
    exited.then((at) => ({ at, reached: false })),
  ])
  child.kill('SIGKILL')
  await exited
  return { ms: end.at - started, reached: end.reached }
}

function sizeOf(dir: string): number {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
}

export const coldStart: Scenario = {
  id: 'cold-start',
  title: 'Cold start and bundle size',
  async run(context: BenchContext) {
    const runs = Number(context.options.runs ?? RUNS)
    const net = await listener()
    const env = (name: string): NodeJS.ProcessEnv => {
      const e: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${net.port}`,
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        GITHUB_ACTIONS: 'true',
      }
      for (const [k, v] of Object.entries(INPUTS[name] ?? {}))
        e[`INPUT_${k.toUpperCase()}`] = v.replace('{port}', String(net.port))
      return e
    }
    const measure = async (
      label: string,
      command: string,
      args: string[],
      e: NodeJS.ProcessEnv,
      withNet: boolean,
    ) => {
      const samples: number[] = []
      let reached = false
      for (let i = 0; i < runs; i++) {
        const result = await once(command, args, e, withNet ? net : undefined)
        samples.push(result.ms)
        reached ||= result.reached
      }
      context.log(`${label}: median ${ms(median(samples))}`)
      return { label, samples, median: median(samples), p90: percentile(samples, 90), reached }
    }

    try {
      const baseline = await measure('node -e 0 (Node 24)', context.node24, ['-e', '0'], env(''), false)
      const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0
      const awsCli = hasAws ? await measure('aws --version', 'aws', ['--version'], env(''), false) : undefined
      const bundles = []
      for (const target of bundleTargets()) {
        const name = target.out.startsWith('test/') ? 'fixture' : target.out.split('/')[1]
        const dir = join(context.root, target.out)
        const result = await measure(name, context.node24, [join(dir, 'index.js')], env(name), true)
        bundles.push({ ...result, bytes: sizeOf(dir) })
      }
      const rows = bundles.map((b) => [
        b.label,
        ms(b.median),
        ms(b.p90),
        `+${ms(b.median - baseline.median)}`,
        b.median - baseline.median <= 120 ? 'yes' : 'NO',
        b.reached ? 'first request' : 'exit (no request)',
        mib(b.bytes),
      ])
      return {
        tables: [
          {
            title: `Cold start, median of ${runs} (to the first request)`,
            headers: ['Bundle', 'Median', 'p90', 'Over bare node', 'Within +120 ms', 'Timed to', 'JS size'],
            rows,
          },
          {
            title: 'Peers, same run',
            headers: ['Command', 'Median', 'p90'],
            rows: [
              [baseline.label, ms(baseline.median), ms(baseline.p90)],
              awsCli
                ? [awsCli.label, ms(awsCli.median), ms(awsCli.p90)]
                : ['aws --version', 'not installed', ''],
            ],
          },
        ],
        data: { runs, baseline, awsCli, bundles },
      }
    } finally {
      net.close()
    }
  },
}
