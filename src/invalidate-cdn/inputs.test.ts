import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setInputs, userErrorOf } from '../common/testing'
import { getInputs, parseSource, parseTarget } from './inputs'

const workspace = mkdtempSync(join(tmpdir(), 'invalidate-cdn-inputs-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const env = { GITHUB_WORKSPACE: workspace, GITHUB_RUN_ID: '99', GITHUB_RUN_ATTEMPT: '2' }

describe('getInputs', () => {
  it('reads a distribution with the defaults: /* waited for 20 minutes, failing on timeout', () => {
    setInputs({ 'distribution-id': 'E2QWRUHAPOMQZL' })
    expect(getInputs(env)).toMatchObject({
      target: { kind: 'ids', ids: ['E2QWRUHAPOMQZL'] },
      source: { kind: 'paths', paths: [{ path: '/*' }], requested: 1 },
      tags: [],
      wait: true,
      timeoutMs: 1_200_000,
      onTimeout: 'fail',
      maxPaths: 1000,
      dryRun: false,
      aws: { region: 'us-east-1', maxAttempts: 8, action: 'invalidate-cdn' },
      run: { runId: '99', attempt: '2', nonce: expect.stringMatching(/^[0-9a-f]{12}$/) },
    })
  })

  it('reads every optional input', () => {
    const log = join(workspace, 'sync.log')
    writeFileSync(log, 'upload: dist/a.html to s3://b/site/a.html\n')
    setInputs({
      domain: 'WWW.Example.com\ndocs.example.com',
      'sync-log': 'sync.log',
      'origin-path': '/site',
      tags: 'product-42, #release',
      wait: 'false',
      timeout: '5m',
      'on-timeout': 'warn',
      'max-paths': '0',
      region: 'eu-west-1',
      'max-attempts': '3',
      'dry-run': 'true',
    })
    expect(getInputs(env)).toMatchObject({
      target: { kind: 'domains', domains: ['www.example.com', 'docs.example.com'] },
      source: { kind: 'sync-log', file: 'sync.log', changes: { keys: ['site/a.html'] } },
      originPath: '/site',
      tags: ['#product-42', '#release'],
      wait: false,
      timeoutMs: 300_000,
      onTimeout: 'warn',
      maxPaths: 0,
      dryRun: true,
      aws: { region: 'eu-west-1', maxAttempts: 3 },
    })
  })

  it('refuses distribution-id and domain together', () => {
    setInputs({ 'distribution-id': 'E1', domain: 'www.example.com' })
    expect(userErrorOf(() => getInputs(env))).toBe(
      "Inputs 'distribution-id' and 'domain' cannot be used together; set at most one of them.",
    )
  })

  it('refuses origin-path without sync-log', () => {
    setInputs({ 'distribution-id': 'E1', 'origin-path': '/site' })
    expect(userErrorOf(() => getInputs(env))).toMatch(/^Input 'origin-path' maps S3 keys of 'sync-log'/)
  })

  it('refuses a bad on-timeout', () => {
    setInputs({ 'distribution-id': 'E1', 'on-timeout': 'ignore' })
    expect(userErrorOf(() => getInputs(env))).toBe(
      `Input 'on-timeout' must be one of fail, warn; got "ignore".`,
    )
  })
})

describe('parseTarget', () => {
  it('needs a distribution or a domain', () => {
    expect(userErrorOf(() => parseTarget([], []))).toMatch(/^Input 'distribution-id' or 'domain' is required/)
  })

  it('refuses a malformed id or domain', () => {
    expect(userErrorOf(() => parseTarget(['e1-site'], []))).toMatch(/"e1-site" is not one\.$/)
    expect(userErrorOf(() => parseTarget([], ['not a domain']))).toMatch(/"not a domain" is not one\.$/)
  })

  it('merges repeated ids', () => {
    expect(parseTarget(['E1', 'E1', 'E2'], [])).toEqual({ kind: 'ids', ids: ['E1', 'E2'] })
  })
})

describe('parseSource', () => {
  it('takes a sync log given as text', () => {
    const source = parseSource({ syncLog: 'delete: s3://b/old.html', workspace, tags: [] })
    expect(source).toMatchObject({ kind: 'sync-log', file: '(inline)', changes: { keys: ['old.html'] } })
  })

  it('refuses a sync log that names nothing', () => {
    writeFileSync(join(workspace, 'quiet.log'), 'Completed 0 files\n')
    expect(userErrorOf(() => parseSource({ syncLog: 'quiet.log', workspace, tags: [] }))).toMatch(
      /^Input 'sync-log' names no uploaded, copied or deleted object/,
    )
  })

  it('refuses a paths-file that does not exist', () => {
    expect(userErrorOf(() => parseSource({ pathsFile: 'nope.txt', workspace, tags: [] }))).toBe(
      "Input 'paths-file' names the file nope.txt, which does not exist in the workspace.",
    )
  })

  it('invalidates only the tags when tags alone are given', () => {
    expect(parseSource({ workspace, tags: ['#a'] })).toEqual({ kind: 'none' })
  })
})
