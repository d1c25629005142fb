import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAwsLocal, type AwsLocal } from '../../tools/aws-local'
import { runAction, type ActionRun } from '../../tools/harness/run-action'

/**
 * invalidate-cdn end to end: the committed bundle, run as the runner runs it, against the local
 * AWS stand-in's CloudFront, whose limits, CallerReference rules and completion are CloudFront's.
 * Every result is checked against the stand-in's own record of the invalidations it accepted.
 */

let aws: AwsLocal
const files = mkdtempSync(join(tmpdir(), 'invalidate-cdn-e2e-'))
afterAll(() => rmSync(files, { recursive: true, force: true }))

beforeAll(async () => {
  aws = await startAwsLocal()
})

afterAll(async () => {
  await aws.close()
})

const cf = () => aws.service('cloudfront')

beforeEach(() => {
  aws.reset()
  cf().seedDistribution({
    id: 'E1SITE',
    aliases: ['www.example.com'],
    originPath: '/site',
    originDomainName: 'acme-site.s3.us-east-1.amazonaws.com',
  })
  cf().seedDistribution({ id: 'E2DOCS', aliases: ['docs.example.com'] })
  // Completed on the first poll that sees them: the tests need not wait CloudFront's 25 s.
  cf().setInvalidationPlan({ afterPolls: 1 })
})

function invalidate(
  inputs: Record<string, string>,
  options: Parameters<typeof runAction>[1] = {},
): Promise<ActionRun> {
  return runAction('invalidate-cdn', {
    inputs: { 'distribution-id': 'E1SITE', ...inputs },
    env: aws.env(),
    timeoutMs: 90_000,
    ...options,
  })
}

const creates = () => aws.callsOf('cloudfront', 'CreateInvalidation')
const accepted = (id = 'E1SITE') => cf().listInvalidations(id)
const ids = (run: ActionRun) => JSON.parse(run.outputs['invalidation-ids']) as Record<string, string[]>
const file = (name: string, text: string): string => {
  const path = join(files, name)
  writeFileSync(path, text)
  return path
}

/** Independent of the action's code: is the path invalidated by what CloudFront accepted? */
function coveredByAccepted(path: string, id = 'E1SITE'): boolean {
  return accepted(id).some((inv) =>
    inv.Paths.some((p) => p === path || (p.endsWith('*') && path.startsWith(p.slice(0, -1)))),
  )
}

describe('invalidate-cdn invalidates', () => {
  it('one path, waited to Completed, with its outputs and summary', async () => {
    const run = await invalidate({ paths: '/index.html' })
    expect(run.exitCode).toBe(0)
    expect(accepted()).toEqual([expect.objectContaining({ Paths: ['/index.html'], Status: 'Completed' })])
    expect(ids(run)).toEqual({ E1SITE: [accepted()[0].Id] })
    expect(run.outputs['paths-submitted']).toBe('1')
    expect(run.outputs['paths-collapsed']).toBe('0')
    expect(run.outputs['estimated-cost']).toBe('0.005')
    expect(run.stdout.filter((l) => /E1SITE: 1 of 1 invalidation completed/.test(l))).toHaveLength(1)
    expect(run.summary).toContain('✅ completed')
    expect(run.summary).toContain(accepted()[0].Id)
    expect(run.summary).toMatch(/The list as given, one path each \| 1 \| \$0\.005/)
    expect(run.summary).toContain(
      'https://us-east-1.console.aws.amazon.com/cloudfront/v4/home?region=us-east-1#/distributions/E1SITE/invalidations',
    )
  })

  it('everything with /* when no path is given', async () => {
    const run = await invalidate({})
    expect(run.exitCode).toBe(0)
    expect(accepted().map((i) => i.Paths)).toEqual([['/*']])
    expect(cf().billing().paths).toBe(1)
  })

  it('10,000 paths of a static site, collapsed into a few wildcards, covering every path', async () => {
    const paths = siteOf10000()
    const run = await invalidate({ 'paths-file': file('site.txt', paths.join('\n')) })
    expect(run.exitCode).toBe(0)
    const items = accepted().flatMap((i) => i.Paths)
    expect(items.length).toBeLessThanOrEqual(1000)
    expect(items.filter((p) => p.endsWith('*')).length).toBeLessThanOrEqual(15)
    expect(paths.filter((p) => !coveredByAccepted(p))).toEqual([])
    expect(Number(run.outputs['paths-collapsed'])).toBe(10_000 - items.length)
    expect(Number(run.outputs['paths-submitted'])).toBe(items.length)
    expect(cf().billing().paths).toBe(items.length)
  })

  it('10,000 paths uncollapsed in batches of 3,000, each queued until the one before completes', async () => {
    const paths = siteOf10000()
    const run = await invalidate({ 'paths-file': file('site.txt', paths.join('\n')), 'max-paths': '0' })
    expect(run.exitCode).toBe(0)
    expect(accepted().map((i) => i.Paths.length)).toEqual([3000, 3000, 3000, 1000])
    expect(
      accepted()
        .flatMap((i) => i.Paths)
        .sort(),
    ).toEqual([...paths].sort())
    // Queued behind its own batches: CloudFront never had to refuse one for its limits.
    expect(creates().map((c) => c.error?.code)).toEqual([undefined, undefined, undefined, undefined])
    expect(run.stdout.some((l) => /batch 2 of 4: queued: waiting for room: 3000 file paths/.test(l))).toBe(
      true,
    )
  })

  it('20 wildcard paths against the 15 wildcards CloudFront allows in progress', async () => {
    const paths = Array.from({ length: 20 }, (_, i) => `/section-${i}/*`)
    const run = await invalidate({ paths: paths.join('\n') })
    expect(run.exitCode).toBe(0)
    expect(accepted().map((i) => i.wildcards)).toEqual([15, 5])
    expect(
      accepted()
        .flatMap((i) => i.Paths)
        .sort(),
    ).toEqual([...paths].sort())
    expect(creates().every((c) => c.error === undefined)).toBe(true)
  })

  it('a collapsed list beside wildcards of its own, which are submitted as given, never merged or swallowed by /*', async () => {
    // 20 directories of 10 files collapse into 18 wildcards; the list's own 8 under /api/ are
    // neither merged into /api/* nor covered by a /*: 26 wildcards, in a batch of 15 and one after.
    const site = Array.from({ length: 20 }, (_, d) =>
      Array.from({ length: 10 }, (_, i) => `/s${d}/page-${i}.html`),
    ).flat()
    const api = Array.from({ length: 8 }, (_, v) => `/api/v${v}/*`)
    const run = await invalidate({
      'paths-file': file('mixed.txt', [...api, ...site].join('\n')),
      'max-paths': '46',
    })
    expect(run.exitCode).toBe(0)
    const items = accepted().flatMap((i) => i.Paths)
    expect(items).toEqual(expect.arrayContaining(api))
    expect(items).not.toContain('/*')
    expect(items).not.toContain('/api/*')
    expect(accepted().map((i) => i.wildcards)).toEqual([15, 11])
    expect([...api, ...site].filter((p) => !coveredByAccepted(p))).toEqual([])
    expect(run.log).toContain(
      '26 wildcards are more than the 15 a distribution may have in progress: batches queue until the wildcards before them complete (8 wildcards of the list, invalidated as given, and 18 made by collapsing)',
    )
    expect(creates().every((c) => c.error === undefined)).toBe(true)
  })

  it('after the invalidations another run has in progress', async () => {
    cf().seedInvalidation({
      distributionId: 'E1SITE',
      paths: Array.from({ length: 15 }, (_, i) => `/other-${i}/*`),
      plan: { afterMs: 4000 },
    })
    const started = Date.now()
    const run = await invalidate({ paths: '/assets/*' })
    expect(run.exitCode).toBe(0)
    expect(run.stdout.some((l) => /waiting for room: .*15 wildcards .*\(1 of another run\)/.test(l))).toBe(
      true,
    )
    const ours = accepted().find((i) => i.Paths[0] === '/assets/*')
    expect(ours?.Status).toBe('Completed')
    expect(creates()[0].time.getTime() - started).toBeGreaterThanOrEqual(3500)
    expect(creates()).toHaveLength(1)
  })

  it('after TooManyInvalidationsInProgress, retried with backoff instead of failing', async () => {
    aws.fault('cloudfront', 'CreateInvalidation', {
      kind: 'error',
      code: 'TooManyInvalidationsInProgress',
      status: 400,
      times: 2,
    })
    const run = await invalidate({ paths: '/index.html' })
    expect(run.exitCode).toBe(0)
    expect(creates().map((c) => c.error?.code)).toEqual([
      'TooManyInvalidationsInProgress',
      'TooManyInvalidationsInProgress',
      undefined,
    ])
    expect(
      run.stdout.filter((l) => /attempt \d+ failed .*TooManyInvalidationsInProgress/.test(l)),
    ).toHaveLength(2)
    expect(accepted()).toHaveLength(1)
  })

  it('through a throttling storm that outlasts the SDK retries', async () => {
    aws.fault('cloudfront', 'CreateInvalidation', { kind: 'throttle', times: 7 })
    const run = await invalidate({ paths: '/index.html', 'max-attempts': '2' })
    expect(run.exitCode).toBe(0)
    expect(creates().filter((c) => c.error?.code === 'Throttling')).toHaveLength(7)
    expect(accepted()).toHaveLength(1)
  })

  it('again when a second step of the same run attempt asks for the same paths (its files changed since)', async () => {
    const first = await invalidate({ paths: '/index.html\n/app.js' })
    const second = await invalidate({ paths: '/index.html\n/app.js' })
    expect([first.exitCode, second.exitCode]).toEqual([0, 0])
    expect(accepted()).toHaveLength(2)
    expect(ids(second).E1SITE).not.toEqual(ids(first).E1SITE)
    // Two requests CloudFront tells apart by their CallerReference, each billed.
    expect(new Set(accepted().map((i) => i.CallerReference)).size).toBe(2)
    expect(cf().billing().paths).toBe(4)
  })

  it('once when the answer to its create is lost, sending it again with the same CallerReference', async () => {
    // CloudFront carries the create out, then the connection drops before its answer arrives;
    // with max-attempts 1 the SDK does not send it again, the action does.
    aws.fault('cloudfront', 'CreateInvalidation', { kind: 'reset', afterApplying: true })
    const run = await invalidate({ paths: '/index.html', 'max-attempts': '1' })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(creates()).toHaveLength(2)
    expect(
      new Set(
        creates().map(
          (c) =>
            (c.input as { InvalidationBatch: { CallerReference: string } }).InvalidationBatch.CallerReference,
        ),
      ).size,
    ).toBe(1)
    expect(accepted()).toHaveLength(1)
    expect(ids(run).E1SITE).toEqual([accepted()[0].Id])
    expect(cf().billing().paths).toBe(1)
  })

  it('two distributions in parallel', async () => {
    aws.delay('cloudfront', 'CreateInvalidation', 1500)
    const run = await invalidate({ 'distribution-id': 'E1SITE\nE2DOCS', paths: '/index.html' })
    expect(run.exitCode).toBe(0)
    expect(Object.keys(ids(run)).sort()).toEqual(['E1SITE', 'E2DOCS'])
    const [a, b] = creates().map((c) => c.time.getTime())
    expect(Math.abs(a - b)).toBeLessThan(1000)
    expect(accepted('E2DOCS').map((i) => i.Status)).toEqual(['Completed'])
    expect(run.summary).toMatch(/E1SITE[\s\S]*E2DOCS/)
  })

  it('the distribution of an alternate domain name, looked up through every page', async () => {
    for (let i = 0; i < 120; i++)
      cf().seedDistribution({ id: `E9FILL${i}`, aliases: [`site${i}.example.org`] })
    cf().seedDistribution({ id: 'E3SHOP', aliases: ['shop.example.com'] })
    const run = await invalidate({ 'distribution-id': '', domain: 'shop.example.com', paths: '/cart.html' })
    expect(run.exitCode).toBe(0)
    expect(ids(run)).toEqual({ E3SHOP: [accepted('E3SHOP')[0].Id] })
    expect(aws.callsOf('cloudfront', 'ListDistributions')).toHaveLength(2)
  })

  it('the keys an aws s3 sync log names, mapped through the origin path, with / for index.html', async () => {
    const log = [
      'Completed 1.2 MiB/3.4 MiB (2.1 MiB/s) with 3 file(s) remaining\rupload: dist/index.html to s3://acme-site/site/index.html',
      'upload: dist/assets/app 1.js to s3://acme-site/site/assets/app 1.js',
      'copy: s3://acme-build/logo.png to s3://acme-site/site/img/logo.png',
      // Keys are names: a literal %20 is requested as %2520, a * inside is a character.
      'upload: dist/100%20.html to s3://acme-site/site/100%20.html',
      'upload: dist/img/a*b.png to s3://acme-site/site/img/a*b.png',
      'delete: s3://acme-site/site/old/page.html',
      'upload: dist/robots.txt to s3://acme-site/elsewhere/robots.txt',
      'upload failed: dist/broken.html to s3://acme-site/site/broken.html An error occurred',
    ].join('\n')
    const run = await invalidate({ 'sync-log': file('sync.log', log) })
    expect(run.exitCode).toBe(0)
    expect(
      accepted()
        .flatMap((i) => i.Paths)
        .sort(),
    ).toEqual(
      [
        '/',
        '/assets/app%201.js',
        '/img/logo.png',
        '/100%2520.html',
        '/img/a*b.png',
        '/index.html',
        '/old/page.html',
      ].sort(),
    )
    expect(run.log).toContain('outside the origin path /site')
    expect(run.log).toContain('the sync log reports 1 failed transfer: those objects did not change')
    expect(run.log).not.toContain('the sync log writes to')
  })

  it("the keys of a sync log into another bucket than the distribution's origin, saying so", async () => {
    const run = await invalidate({
      'sync-log': file('other.log', 'upload: dist/a.html to s3://other-site/site/a.html'),
    })
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain(
      'the sync log writes to s3://other-site, but E1SITE serves its default origin acme-site.s3.us-east-1.amazonaws.com',
    )
    expect(run.summary).toContain('the sync log writes to s3://other-site')
  })

  it('once on a distribution two of the domains name', async () => {
    cf().seedDistribution({ id: 'E4TWIN', aliases: ['example.net', 'www.example.net'] })
    const run = await invalidate({
      'distribution-id': '',
      domain: 'example.net\nwww.example.net',
      paths: '/a.html',
    })
    expect(run.exitCode).toBe(0)
    expect(ids(run)).toEqual({ E4TWIN: [accepted('E4TWIN')[0].Id] })
    expect(accepted('E4TWIN')).toHaveLength(1)
    expect(run.outputs['paths-submitted']).toBe('1')
    expect(cf().billing().paths).toBe(1)
    expect(run.log).toContain('example.net and www.example.net are served by this one distribution')
  })

  it('by cache tag on a distribution with a cache-tag header', async () => {
    cf().updateDistribution('E1SITE', { cacheTagConfig: { HeaderName: 'x-cache-tags' } })
    // Tags are case-insensitive at CloudFront: PRODUCT-42 is product-42, not billed twice.
    const run = await invalidate({ tags: 'product-42\n#release-7\nPRODUCT-42' })
    expect(run.exitCode).toBe(0)
    expect(accepted().map((i) => i.Paths)).toEqual([['#product-42', '#release-7']])
  })

  it('paths with spaces and unicode, percent-encoded as CloudFront asks, duplicates merged', async () => {
    const run = await invalidate({ paths: '/docs/a b.html\n/café/menü.html\n/docs/a%20b.html\n/q[1].html' })
    expect(run.exitCode).toBe(0)
    expect(accepted().flatMap((i) => i.Paths)).toEqual([
      '/docs/a%20b.html',
      '/caf%C3%A9/men%C3%BC.html',
      '/q%5B1%5D.html',
    ])
  })

  it('and lets a slow propagation pass with on-timeout: warn', async () => {
    cf().setInvalidationPlan({ afterMs: 600_000 })
    const run = await invalidate({ paths: '/index.html', timeout: '10s', 'on-timeout': 'warn' })
    expect(run.exitCode).toBe(0)
    expect(run.warnings).toEqual([
      expect.stringMatching(
        /^E1SITE: 1 invalidation \(I\w+\) did not reach Completed within 'timeout' \(10\.0s\); CloudFront carries on with it at the edge\.$/,
      ),
    ])
    expect(accepted()[0].Status).toBe('InProgress')
    expect(run.summary).toContain('still propagating')
  })

  it('but fails a slow propagation by default, in one sentence', async () => {
    cf().setInvalidationPlan({ afterMs: 600_000 })
    const run = await invalidate({ paths: '/index.html', timeout: '10s' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      expect.stringMatching(/did not reach Completed within 'timeout' .* Set 'on-timeout: warn'/),
    ])
  })

  it('nothing in a dry run, printing the plan and its cost', async () => {
    const run = await invalidate({ paths: '/a.html\n/b.html\n/a.html', 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(aws.mutatingCalls()).toEqual([])
    expect(run.log).toContain(
      'E1SITE: 2 items (2 file paths, 0 wildcards, 0 tags) in 1 batch, from 3 asked for',
    )
    expect(run.log).toContain('Dry run: nothing was changed.')
    expect(run.outputs['paths-submitted']).toBe('0')
    expect(run.outputs['estimated-cost']).toBe('0.010')
    // The distribution's row shows what the plan would cost, as the cost table does.
    expect(run.summary).toMatch(/\| E1SITE [^\n]*\| \$0\.010 \|/)
    expect(run.summary).toMatch(/\| This plan \| 2 \| \$0\.010 \|/)
  })

  it('splitting a batch CloudFront finds too large', async () => {
    cf().setLimits({ maxPathsPerRequest: 40 })
    const paths = Array.from({ length: 100 }, (_, i) => `/p/${i}.html`)
    const run = await invalidate({ paths: paths.join('\n') })
    expect(run.exitCode).toBe(0)
    expect(creates().filter((c) => c.error?.code === 'BatchTooLarge').length).toBeGreaterThan(0)
    expect(accepted().every((i) => i.Paths.length <= 40)).toBe(true)
    expect(
      accepted()
        .flatMap((i) => i.Paths)
        .sort(),
    ).toEqual([...paths].sort())
  })

  it('without waiting when wait is false', async () => {
    cf().setInvalidationPlan({ afterMs: 600_000 })
    const run = await invalidate({ paths: '/index.html', wait: 'false' })
    expect(run.exitCode).toBe(0)
    expect(aws.callsOf('cloudfront', 'GetInvalidation')).toHaveLength(0)
    expect(accepted()[0].Status).toBe('InProgress')
    expect(run.summary).toContain('submitted (not waited for)')
  })

  it('and says what it left when the run is cancelled while waiting', async () => {
    cf().setInvalidationPlan({ afterMs: 600_000 })
    const run = await invalidate(
      { paths: '/index.html' },
      { sendSignal: { signal: 'SIGINT', line: /0 of 1 invalidation completed/ } },
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      `The run was cancelled (SIGINT) during wait: 1 invalidation (${accepted()[0].Id}) was created and CloudFront carries on with it.`,
    ])
  })

  it('and says an invalidation may exist when the run is cancelled while its create is unanswered', async () => {
    // The create reaches CloudFront and is carried out 5 s later; the run is cancelled meanwhile.
    aws.delay('cloudfront', 'CreateInvalidation', 5000)
    const run = await invalidate(
      { paths: '/index.html' },
      { sendSignal: { signal: 'SIGINT', afterMs: 2500 } },
    )
    expect(run.exitCode).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 3500))
    // Read from the stand-in: CloudFront did create it, under the reference the sentence gives.
    const [made] = accepted()
    expect(made).toBeDefined()
    expect(run.errors).toEqual([
      `The run was cancelled (SIGINT) during apply: no invalidation is known to have been created; a request to create one was not answered yet, so CloudFront may have created it (distribution E1SITE, CallerReference ${made.CallerReference}).`,
    ])
  })

  it.each([
    ['a lost connection', 'reset'],
    ['a 5xx', 'http5xx'],
  ] as const)(
    'and says an invalidation may exist when the run is cancelled in the backoff after %s answered its create',
    async (_, kind) => {
      // CloudFront carries the create out and its answer is lost; the run is cancelled while the
      // action waits to send it again.
      aws.fault('cloudfront', 'CreateInvalidation', { kind, afterApplying: true, times: 10 })
      const run = await invalidate(
        { paths: '/index.html', 'max-attempts': '1' },
        { sendSignal: { signal: 'SIGTERM', line: /batch 1 of 1: attempt 1 failed/ } },
      )
      expect(run.exitCode).toBe(1)
      expect(creates()).toHaveLength(1)
      const [made] = accepted()
      expect(made).toBeDefined()
      expect(run.errors).toEqual([
        `The run was cancelled (SIGTERM) during apply: no invalidation is known to have been created; a request to create one was not answered yet, so CloudFront may have created it (distribution E1SITE, CallerReference ${made.CallerReference}).`,
      ])
    },
  )

  it('but fails, in one sentence, a create CloudFront leaves unanswered until the timeout, naming the CallerReference it may have made', async () => {
    aws.fault('cloudfront', 'CreateInvalidation', { kind: 'reset', afterApplying: true, times: 1000 })
    const run = await invalidate({ paths: '/index.html', 'max-attempts': '1', timeout: '10s' })
    expect(run.exitCode).toBe(1)
    expect(creates().length).toBeGreaterThan(1)
    const [made] = accepted()
    expect(made).toBeDefined()
    expect(run.errors).toEqual([
      `E1SITE: 1 of 1 batch could not be submitted within 'timeout' (10.0s): CloudFront did not answer the request to create it (the last attempt failed with ECONNRESET), so the invalidation may have been created all the same (CallerReference ${made.CallerReference}).`,
    ])
  })

  it('but fails a create CloudFront answers only with 5xx until the timeout, naming the status', async () => {
    aws.fault('cloudfront', 'CreateInvalidation', { kind: 'http5xx', status: 503, times: 1000 })
    const run = await invalidate({ paths: '/index.html', 'max-attempts': '1', timeout: '10s' })
    expect(run.exitCode).toBe(1)
    const reference = (creates()[0].input as { InvalidationBatch: { CallerReference: string } })
      .InvalidationBatch.CallerReference
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^E1SITE: 1 of 1 batch could not be submitted within 'timeout' \(10\.0s\): CloudFront did not answer the request to create it \(the last attempt failed with HTTP 503 \w+\), so the invalidation may have been created all the same \(CallerReference (\S+)\)\.$/,
      ),
    ])
    expect(run.errors[0]).toContain(`(CallerReference ${reference}).`)
    expect(run.errors[0]).not.toContain('undefined')
  })

  it('without leaking the AWS secret key', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const run = await invalidate(
      { paths: '/index.html' },
      { env: { ...aws.env(), AWS_SECRET_ACCESS_KEY: secret } },
    )
    expect(run.exitCode).toBe(0)
    expect(run.leaksOf(secret)).toEqual([])
  })
})

describe('invalidate-cdn refuses, in one sentence and before any invalidation', () => {
  const refused = async (inputs: Record<string, string>, sentence: RegExp): Promise<void> => {
    const run = await invalidate(inputs)
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(sentence)
    expect(run.log).not.toMatch(/\n\s+at /)
    expect(creates()).toHaveLength(0)
  }

  it('an unknown distribution', () =>
    refused(
      { 'distribution-id': 'E1SITE\nENOSUCH', paths: '/index.html' },
      /^Distribution ENOSUCH does not exist in this AWS account \(NoSuchDistribution\); check 'distribution-id'\.$/,
    ))

  it('a disabled distribution', async () => {
    cf().updateDistribution('E2DOCS', { enabled: false })
    await refused({ 'distribution-id': 'E2DOCS' }, /^Distribution E2DOCS is disabled/)
  })

  it('a path without a leading slash', () =>
    refused(
      { paths: '/ok.html\nimages/logo.png' },
      /path "images\/logo.png", which does not start with '\/'/,
    ))

  it('a wildcard in the middle of a path', () =>
    refused({ paths: '/assets/*/app.js' }, /path "\/assets\/\*\/app.js" with '\*' before its end/))

  it('an empty list', () => refused({ 'paths-file': file('empty.txt', '\n# none\n') }, /lists no path/))

  it('a # line in paths, which is a tag for tags, not a comment', () =>
    refused(
      { paths: '/index.html\n#product-42' },
      /^Input 'paths' has the line "#product-42": a cache tag goes in 'tags' \(e\.g\. product-42\), and only 'paths-file' takes # lines, as comments\.$/,
    ))

  it('both paths and paths-file', () =>
    refused(
      { paths: '/a.html', 'paths-file': file('b.txt', '/b.html') },
      /^Inputs 'paths' and 'paths-file' cannot be used together; set at most one of them\.$/,
    ))

  it('tags on a distribution without a cache-tag header', () =>
    refused(
      { tags: 'product-42' },
      /^Distribution E1SITE has no cache-tag header configured \(DistributionConfig\.CacheTagConfig\.HeaderName\), so CloudFront cannot invalidate by tag/,
    ))

  it('a batch that cannot be submitted within the timeout, even with on-timeout: warn', async () => {
    cf().seedInvalidation({
      distributionId: 'E1SITE',
      paths: Array.from({ length: 15 }, (_, i) => `/o${i}/*`),
    })
    const run = await invalidate({ paths: '/assets/*', timeout: '10s', 'on-timeout': 'warn' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^E1SITE: 1 of 1 batch could not be submitted within 'timeout' \(10\.0s\): .*waiting for room: 0 file paths and 15 wildcards in progress in 1 invalidation \(1 of another run\)/,
      ),
    ])
    expect(creates()).toHaveLength(0)
  })

  it("a distribution's batch that cannot go out, after waiting for the other distribution's", async () => {
    cf().seedInvalidation({
      distributionId: 'E2DOCS',
      paths: Array.from({ length: 15 }, (_, i) => `/o${i}/*`),
    })
    const run = await invalidate({ 'distribution-id': 'E1SITE\nE2DOCS', paths: '/assets/*', timeout: '10s' })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      expect.stringMatching(/^E2DOCS: 1 of 1 batch could not be submitted within 'timeout'/),
    ])
    expect(run.errors[0]).not.toContain('CloudFront still answered')
    // E1SITE's went out and was followed, as wait: true asks, in what the timeout left.
    expect(
      aws
        .callsOf('cloudfront', 'GetInvalidation')
        .some((c) => (c.input as { DistributionId: string }).DistributionId === 'E1SITE'),
    ).toBe(true)
    expect(run.summary).not.toMatch(/\| E1SITE [^\n]*not waited for/)
    expect(ids(run).E1SITE).toEqual([accepted('E1SITE')[0].Id])
  })

  it('a domain no distribution has', () =>
    refused(
      { 'distribution-id': '', domain: 'nowhere.example.com' },
      /^No CloudFront distribution of this account has nowhere\.example\.com/,
    ))
})

/** A static site's 10,000 changed paths: hashed assets, images, docs pages, blog posts. */
function siteOf10000(): string[] {
  const out: string[] = []
  for (let i = 0; i < 4000; i++) out.push(`/assets/js/chunk-${i.toString(36)}.${(i * 7919).toString(16)}.js`)
  for (let i = 0; i < 3000; i++) out.push(`/assets/img/${i % 30}/photo-${i}.webp`)
  for (let i = 0; i < 2000; i++) out.push(`/docs/v${i % 4}/guide/page-${i}.html`)
  for (let i = 0; i < 999; i++) out.push(`/blog/2026/post-${i}/index.html`)
  out.push('/index.html')
  return out
}
