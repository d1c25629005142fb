import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setInputs, userErrorOf } from '../common/testing'
import { defaultVersion, getInputs, parseFleet, parseHealthCheck, parseKey, parseTargets } from './inputs'

const workspace = mkdtempSync(join(tmpdir(), 'deploy-binary-inputs-'))
writeFileSync(join(workspace, 'app'), 'binary')
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const env = {
  GITHUB_WORKSPACE: workspace,
  AWS_REGION: 'eu-west-1',
  GITHUB_SHA: '89abcdef0123',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '7',
}

describe('getInputs', () => {
  it('reads a publish-only release with the defaults', () => {
    setInputs({ file: 'app', bucket: 'releases', prefix: 'releases/app/' })
    expect(getInputs(env)).toMatchObject({
      file: join(workspace, 'app'),
      bucket: 'releases',
      prefix: 'releases/app',
      version: '89abcde',
      versionGiven: false,
      binaryName: 'app',
      pointerKey: 'releases/app/latest.txt',
      fleet: { kind: 'none' },
      maxConcurrency: '25%',
      maxErrors: '0',
      installMode: 'pointer',
      deliveryTimeoutSeconds: 600,
      executionTimeoutSeconds: 600,
      healthCheckTimeoutSeconds: 60,
      wait: true,
      rollback: true,
      timeoutMs: 1_800_000,
      dryRun: false,
      aws: { region: 'eu-west-1', maxAttempts: 8, action: 'deploy-binary' },
      origin: { commit: '89abcdef0123', runUrl: 'https://github.com/acme/shop/actions/runs/7' },
    })
  })

  it('reads a fleet restart with every option', () => {
    setInputs({
      file: 'app',
      bucket: 'releases',
      prefix: 'app',
      version: 'v1.4.2',
      'binary-name': 'api',
      'pointer-key': 'app/current.txt',
      targets: 'tag:Role=api,web\ntag:Env=prod',
      'max-concurrency': '2',
      'max-errors': '10%',
      service: 'api.service',
      'health-check': 'https://127.0.0.1:8443/health',
      'health-check-timeout': '30s',
      'working-directory': '/opt/api/',
      'delivery-timeout': '2m',
      'execution-timeout': '15m',
      'install-mode': 'direct',
      timeout: '1h',
      rollback: 'false',
      'output-bucket': 'logs',
      'output-prefix': 'ssm/',
      'dry-run': 'true',
    })
    expect(getInputs(env)).toMatchObject({
      version: 'v1.4.2',
      versionGiven: true,
      binaryName: 'api',
      pointerKey: 'app/current.txt',
      fleet: {
        kind: 'targets',
        targets: [
          { Key: 'tag:Role', Values: ['api', 'web'] },
          { Key: 'tag:Env', Values: ['prod'] },
        ],
      },
      maxConcurrency: '2',
      maxErrors: '10%',
      service: 'api.service',
      healthCheck: {
        kind: 'url',
        url: 'https://127.0.0.1:8443/health',
        display: 'https://127.0.0.1:8443/health',
      },
      healthCheckTimeoutSeconds: 30,
      workingDirectory: '/opt/api',
      deliveryTimeoutSeconds: 120,
      executionTimeoutSeconds: 900,
      installMode: 'direct',
      timeoutMs: 3_600_000,
      rollback: false,
      output: { bucket: 'logs', prefix: 'ssm' },
      dryRun: true,
    })
  })

  it('defaults the version to the tag of a tag push', () => {
    expect(
      defaultVersion({ GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v2.0.0', GITHUB_SHA: 'abcdef0123' }),
    ).toBe('v2.0.0')
    expect(
      defaultVersion({ GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', GITHUB_SHA: 'abcdef0123' }),
    ).toBe('abcdef0')
  })

  it('takes the rollback entry: a version and no file', () => {
    setInputs({
      bucket: 'releases',
      prefix: 'app',
      version: 'v1',
      'instance-ids': 'i-0123456789abcdef0',
      service: 'app',
    })
    expect(getInputs(env)).toMatchObject({
      file: undefined,
      version: 'v1',
      binaryName: 'app',
      fleet: { kind: 'ids', ids: ['i-0123456789abcdef0'] },
    })
  })

  it("takes the file's declared SHA-256 in either case, as sha256sum prints it", () => {
    const hex = 'A'.repeat(32) + '0123456789abcdef'.repeat(2)
    setInputs({ file: 'app', bucket: 'releases', prefix: 'app', sha256: hex })
    expect(getInputs(env).sha256).toBe(hex.toLowerCase())
    setInputs({ sha256: '' })
    expect(getInputs(env).sha256).toBeUndefined()
  })

  it.each([
    [
      { bucket: 'releases', prefix: 'app', file: 'app', sha256: 'abc' },
      'Input \'sha256\' must be a SHA-256 in hex (64 digits 0-9 and a-f, in either case, as sha256sum prints it), got "abc".',
    ],
    [
      { bucket: 'releases', prefix: 'app', file: 'app', sha256: `${'0'.repeat(64)}  app` },
      "Input 'sha256' must be a SHA-256 in hex",
    ],
    [
      { bucket: 'releases', prefix: 'app', version: 'v1', 'binary-name': 'app', sha256: '0'.repeat(64) },
      "Input 'sha256' is the SHA-256 of the file to publish, but 'file' is not set; leave 'sha256' out for the rollback entry.",
    ],
    [{ prefix: 'app', file: 'app' }, "Input 'bucket' is required but was not provided."],
    [{ bucket: 'releases', file: 'app' }, "Input 'prefix' is required but was not provided."],
    [{ bucket: 'Releases', prefix: 'app', file: 'app' }, "Input 'bucket' must be an S3 bucket name"],
    [
      { bucket: 'releases', prefix: 'app', file: '' },
      "Input 'file' is required to publish a release; to roll back to an existing release instead, set 'version'",
    ],
    [{ bucket: 'releases', prefix: 'app', file: 'nope' }, "Input 'file' names nope, which does not exist"],
    [{ bucket: 'releases', prefix: 'app', file: '.' }, "Input 'file' names ., which is not a regular file"],
    [
      {
        bucket: 'releases',
        prefix: 'app',
        file: 'app',
        'instance-ids': 'i-0123456789abcdef0',
        targets: 'tag:Role=api',
        service: 'a',
      },
      "Inputs 'instance-ids' and 'targets' cannot be used together",
    ],
    [
      {
        bucket: 'releases',
        prefix: 'app',
        file: 'app',
        'instance-ids': 'i-0123456789abcdef0,i-0123456789abcdef0',
        service: 'a',
      },
      "Input 'instance-ids' lists i-0123456789abcdef0 more than once.",
    ],
    [
      { bucket: 'releases', prefix: 'app', file: 'app', 'output-prefix': 'x' },
      "Input 'output-prefix' is set but 'output-bucket' is not",
    ],
    [
      { bucket: 'releases', prefix: 'app', file: 'app', 'delivery-timeout': '10s' },
      "Input 'delivery-timeout' must be at least 30s",
    ],
    [
      { bucket: 'releases', prefix: 'app', file: 'app', 'execution-timeout': '3d' },
      "Input 'execution-timeout' must be at most 48h",
    ],
    [
      {
        bucket: 'releases',
        prefix: 'app',
        file: 'app',
        'instance-ids': 'i-0123456789abcdef0',
        service: 'a',
        'health-check': 'true',
        'health-check-timeout': '10m',
        'execution-timeout': '5m',
      },
      "Input 'health-check-timeout' (600s) must be shorter than 'execution-timeout' (300s)",
    ],
    [
      { bucket: 'releases', prefix: 'app', file: 'app', 'install-mode': 'copy' },
      "Input 'install-mode' must be one of pointer, direct",
    ],
    [
      {
        bucket: 'releases',
        prefix: 'app',
        version: 'v1',
        'instance-ids': 'i-0123456789abcdef0',
        commands: 'true',
      },
      "Input 'binary-name' is needed to find the release",
    ],
    [
      { bucket: 'releases', prefix: 'app', file: 'app', 'max-errors': '-1' },
      "Input 'max-errors' must be a number of instances",
    ],
    // SendCommand would refuse these after the release was published (the model's patterns: no
    // leading zero, at most 7 characters).
    [
      { bucket: 'releases', prefix: 'app', file: 'app', 'max-errors': '00' },
      "Input 'max-errors' must be a number of instances",
    ],
    [
      { bucket: 'releases', prefix: 'app', file: 'app', 'max-errors': '007' },
      "Input 'max-errors' must be a number of instances",
    ],
    [
      { bucket: 'releases', prefix: 'app', file: 'app', 'max-concurrency': '12345678' },
      "Input 'max-concurrency' must be a number of instances",
    ],
  ])('rejects %j', (values, message) => {
    setInputs(values as Record<string, string>)
    expect(userErrorOf(() => getInputs(env)).startsWith(message)).toBe(true)
  })
})

describe('parsers', () => {
  it('parses targets, at most five', () => {
    expect(parseTargets('tag:Role=api\n# comment\ntag-key=Team')).toEqual([
      { Key: 'tag:Role', Values: ['api'] },
      { Key: 'tag-key', Values: ['Team'] },
    ])
    expect(userErrorOf(() => parseTargets('Role=api'))).toMatch(/tag:<key>=<value>/)
    expect(userErrorOf(() => parseTargets('tag:Role=')).length).toBeGreaterThan(0)
    expect(
      userErrorOf(() => parseTargets(Array.from({ length: 6 }, (_, i) => `tag:K${i}=v`).join('\n'))),
    ).toBe("Input 'targets' has 6 targets; SSM takes at most 5, which must all match.")
  })

  it('accepts instance and managed-node ids only', () => {
    expect(parseFleet(['i-01234567', 'mi-0123456789abcdef0'], undefined)).toEqual({
      kind: 'ids',
      ids: ['i-01234567', 'mi-0123456789abcdef0'],
    })
    expect(userErrorOf(() => parseFleet(['i-XYZ'], undefined))).toMatch(/"i-XYZ" is not one/)
  })

  it('tells a health-check URL from a command, refusing malformed URLs', () => {
    expect(parseHealthCheck('curl -f localhost')).toEqual({ kind: 'command', command: 'curl -f localhost' })
    expect(parseHealthCheck('http://127.0.0.1:8080/health')).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:8080/health',
      display: 'http://127.0.0.1:8080/health',
    })
    expect(parseHealthCheck('https://probe:pw-123@127.0.0.1:8443/health?token=t-456&zone=eu')).toEqual({
      kind: 'url',
      url: 'https://probe:pw-123@127.0.0.1:8443/health?token=t-456&zone=eu',
      display: 'https://probe:***@127.0.0.1:8443/health?token=***&zone=eu',
    })
    const refused = userErrorOf(() => parseHealthCheck("https://probe:pw-789@127.0.0.1/'a"))
    expect(refused).toMatch(/not a valid http\(s\) URL; got "https:\/\/\*\*\*@127\.0\.0\.1\/'a"/)
    expect(refused).not.toContain('pw-789')
    // A refused URL's secret query values are masked as a valid URL's are.
    const withToken = userErrorOf(() =>
      parseHealthCheck("https://127.0.0.1/h?zone=eu&Api_Key=k-1&token=t-2#x'"),
    )
    expect(withToken).toContain('"https://127.0.0.1/h?zone=eu&Api_Key=***&token=***#x\'"')
    for (const secret of ['k-1', 't-2']) expect(withToken).not.toContain(secret)
    expect(userErrorOf(() => parseHealthCheck("http://x/'a"))).toMatch(/not a valid http\(s\) URL/)
    expect(userErrorOf(() => parseHealthCheck('http://x/a b'))).toMatch(/not a valid http\(s\) URL/)
  })

  it('keeps keys to safe segments', () => {
    expect(parseKey('prefix', 'releases/app.v2/x_y+z')).toBe('releases/app.v2/x_y+z')
    for (const bad of ['', '/app', 'app//x', 'app/..', 'app/./x', 'a b', 'app/$(x)'])
      expect(userErrorOf(() => parseKey('prefix', bad))).toMatch(/^Input 'prefix' must be an S3 key/)
  })
})
