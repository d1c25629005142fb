import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { runAction } from '../../tools/harness/run-action'
import type { BenchTable, Scenario } from '../lib'

/**
 * invalidate-cdn benchmark: 10,000 changed paths of a static site (the log of an `aws s3 sync`),
 * invalidated by the action, beside what `aws cloudfront create-invalidation` (Debian's awscli,
 * pointed at the same stand-in endpoint, in the same run) is asked to do with the same list:
 * the whole list in one request, the list cut by hand into requests of 3,000 (the documented
 * limit) as a deploy script would, and `/*`. Each is measured from a fresh stand-in state whose
 * invalidations complete after the same scripted time; the CLI waits with
 * `aws cloudfront wait invalidation-completed`, as a script that waits would.
 */

const execFileAsync = promisify(execFile)

const DISTRIBUTION = 'E1BENCHSITE'
const PRICE = 0.005

interface Measure {
  name: string
  creates: number
  refused: string[]
  billed: number
  uncovered: number
  completedMs?: number
  outcome: string
}

/** A realistic static-site deploy: hashed assets, images in folders, docs and blog pages. */
export function changedKeys(): string[] {
  const keys: string[] = []
  for (let i = 0; i < 3600; i++)
    keys.push(`site/assets/js/chunk-${i.toString(36)}.${(i * 7919).toString(16)}.js`)
  for (let i = 0; i < 1400; i++) keys.push(`site/assets/css/style-${i.toString(36)}.css`)
  for (let i = 0; i < 2500; i++) keys.push(`site/img/${2020 + (i % 7)}/${i % 12}/photo-${i}.webp`)
  for (let i = 0; i < 1800; i++)
    keys.push(`site/docs/v${i % 3}/${['guide', 'api', 'faq'][i % 3]}/page-${i}.html`)
  for (let i = 0; i < 699; i++) keys.push(`site/blog/post-${i}/index.html`)
  keys.push('site/index.html')
  return keys
}

function syncLog(keys: string[]): string {
  return keys.map((k) => `upload: dist/${k.slice(5)} to s3://acme-site/${k}`).join('\n')
}

function seed(aws: AwsLocal, completionMs: number): void {
  aws.reset()
  const cf = aws.service('cloudfront')
  cf.seedDistribution({ id: DISTRIBUTION, aliases: ['www.example.com'], originPath: '/site' })
  cf.setInvalidationPlan({ afterMs: completionMs })
}

function uncovered(aws: AwsLocal, paths: string[]): number {
  const items = aws
    .service('cloudfront')
    .listInvalidations(DISTRIBUTION)
    .flatMap((i) => i.Paths)
  const exact = new Set(items)
  const prefixes = items.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1))
  return paths.filter((p) => !exact.has(p) && !prefixes.some((w) => p.startsWith(w))).length
}

function measured(
  aws: AwsLocal,
  name: string,
  paths: string[],
  outcome: string,
  completedMs?: number,
): Measure {
  const calls = aws.callsOf('cloudfront', 'CreateInvalidation')
  return {
    name,
    creates: calls.length,
    refused: calls.filter((c) => c.error).map((c) => c.error?.code as string),
    billed: aws.service('cloudfront').billing().paths,
    uncovered: uncovered(aws, paths),
    completedMs,
    outcome,
  }
}

async function ours(
  aws: AwsLocal,
  dir: string,
  log: string,
  paths: string[],
  maxPaths?: string,
): Promise<Measure> {
  const file = join(dir, 'sync.log')
  writeFileSync(file, log)
  const started = Date.now()
  const run = await runAction('invalidate-cdn', {
    inputs: {
      'distribution-id': DISTRIBUTION,
      'sync-log': file,
      ...(maxPaths ? { 'max-paths': maxPaths } : {}),
    },
    env: aws.env(),
    timeoutMs: 20 * 60_000,
  })
  const took = Date.now() - started
  const name = maxPaths === '0' ? 'invalidate-cdn, max-paths: 0' : 'invalidate-cdn (defaults)'
  return measured(
    aws,
    name,
    paths,
    run.exitCode === 0 ? 'completed' : `failed: ${run.errors.join(' ')}`,
    took,
  )
}

/** The awscli binary: Debian's (`/usr/bin/aws`) when installed, else whatever `aws` is on PATH. */
function awsCli(): string {
  return existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws'
}

async function cli(aws: AwsLocal, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  try {
    const out = await execFileAsync(awsCli(), ['--endpoint-url', aws.url, '--region', aws.region, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
      },
      maxBuffer: 64 * 1024 * 1024,
    })
    return { ok: true, stdout: out.stdout, stderr: out.stderr }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    return { ok: false, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

/**
 * A deploy script around the CLI: each request in turn, `set -e` (the first failure fails the
 * deploy), then `aws cloudfront wait invalidation-completed` for each invalidation created.
 */
async function peer(
  aws: AwsLocal,
  dir: string,
  name: string,
  requests: string[][],
  paths: string[],
): Promise<Measure> {
  const started = Date.now()
  const ids: string[] = []
  let outcome = 'completed'
  for (const [i, items] of requests.entries()) {
    const file = join(dir, `batch-${i}.json`)
    writeFileSync(
      file,
      JSON.stringify({
        Paths: { Quantity: items.length, Items: items },
        CallerReference: `bench-${Date.now()}-${i}`,
      }),
    )
    const out = await cli(aws, [
      'cloudfront',
      'create-invalidation',
      '--distribution-id',
      DISTRIBUTION,
      '--invalidation-batch',
      `file://${file}`,
      '--output',
      'json',
    ])
    if (!out.ok) {
      const code = /\(([A-Za-z]+)\)/.exec(out.stderr)?.[1] ?? 'error'
      outcome = `failed at request ${i + 1} of ${requests.length}: ${code}`
      break
    }
    ids.push((JSON.parse(out.stdout) as { Invalidation: { Id: string } }).Invalidation.Id)
  }
  for (const id of ids) {
    const out = await cli(aws, [
      'cloudfront',
      'wait',
      'invalidation-completed',
      '--distribution-id',
      DISTRIBUTION,
      '--id',
      id,
    ])
    if (!out.ok) outcome = `wait failed: ${out.stderr.trim().split('\n').pop()}`
  }
  const done = outcome === 'completed'
  return measured(aws, name, paths, outcome, done ? Date.now() - started : undefined)
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export async function run(options: { completionMs?: number; log?: (line: string) => void } = {}): Promise<{
  measures: Measure[]
  cliVersion: string
  completionMs: number
}> {
  const completionMs = options.completionMs ?? 5000
  const log = options.log ?? (() => undefined)
  const keys = changedKeys()
  const paths = keys.map((k) => `/${k.slice(5)}`)
  // Everything a sync of the site changed, as the action reads it (the index.html also as /).
  const wanted = [...paths, '/']
  const dir = mkdtempSync(join(tmpdir(), 'bench-invalidate-cdn-'))
  const aws = await startAwsLocal()
  try {
    const version = await cli(aws, ['--version'])
    const cliVersion = (version.stdout || version.stderr).trim() || 'aws CLI not found'
    const measures: Measure[] = []
    const step = async (fn: () => Promise<Measure>): Promise<void> => {
      seed(aws, completionMs)
      const m = await fn()
      log(`${m.name}: ${m.creates} CreateInvalidation calls, ${m.billed} paths billed, ${m.outcome}`)
      measures.push(m)
    }
    await step(() => ours(aws, dir, syncLog(keys), wanted))
    await step(() => ours(aws, dir, syncLog(keys), wanted, '0'))
    await step(() => peer(aws, dir, 'aws CLI: the whole list in one request', [wanted], wanted))
    await step(() => peer(aws, dir, 'aws CLI: requests of 3,000', chunk(wanted, 3000), wanted))
    await step(() => peer(aws, dir, 'aws CLI: /*', [['/*']], wanted))
    return { measures, cliVersion, completionMs }
  } finally {
    await aws.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function table(result: Awaited<ReturnType<typeof run>>): BenchTable {
  const m = result.measures
  const row = (label: string, cell: (x: Measure) => string | number): Array<string | number> => [
    label,
    ...m.map(cell),
  ]
  return {
    title: `10,000 changed paths of a static site (aws s3 sync log), invalidations completing ${result.completionMs / 1000}s after they are created`,
    headers: ['Figure', ...m.map((x) => x.name)],
    rows: [
      row('CreateInvalidation calls', (x) => x.creates),
      row('refused by CloudFront', (x) => (x.refused.length ? x.refused.join(', ') : 'none')),
      row('outcome', (x) => x.outcome),
      row('paths left not invalidated', (x) => x.uncovered),
      row('paths billed', (x) => x.billed),
      row('estimated cost (USD, free paths used up)', (x) => (x.billed * PRICE).toFixed(3)),
      row('time to Completed', (x) =>
        x.completedMs === undefined ? 'never' : `${(x.completedMs / 1000).toFixed(1)} s`,
      ),
    ],
    notes: [
      `Peer: ${result.cliVersion}, against the same stand-in endpoint (--endpoint-url), in the same run.`,
      '`/*` is the cheapest request but empties the whole cache; every object is fetched from the origin again.',
      'The CLI waits with `aws cloudfront wait invalidation-completed`, which polls every 20 s.',
    ],
  }
}

/** The scenario as the shared runner (`npm run bench`) calls it; `--completion-ms MS`. */
export const scenario: Scenario = {
  id: 'invalidate-cdn',
  title: 'invalidate-cdn: 10,000 changed paths beside aws cloudfront create-invalidation',
  async run(context) {
    const result = await run({
      completionMs: context.options['completion-ms'] ? Number(context.options['completion-ms']) : undefined,
      log: context.log,
    })
    return { tables: [table(result)], data: result }
  },
}
