import type { Inputs } from './inputs'
import {
  buildArgs,
  deprecationTime,
  derivePrefix,
  describePlan,
  packerEnvironment,
  planPublication,
  inSeries,
  planRetention,
  sampleName,
  selectedBuilds,
  seriesOf,
  supportsInit,
  validateArgs,
  type ImageFacts,
} from './plan'
import { analyseTemplate } from './template'

const HCL =
  'variable "endpoint" {}\nvariable "secret" {\n  sensitive = true\n}\nsource "amazon-ebs" "api" {}\nsource "amazon-ebs" "worker" {}\nbuild {\n  sources = ["source.amazon-ebs.api", "source.amazon-ebs.worker"]\n}\n'

function inputs(overrides: Partial<Inputs> = {}): Inputs {
  return {
    workspace: '/w',
    workingDirectory: '/w/packer',
    template: 'app.pkr.hcl',
    templatePath: '/w/packer/app.pkr.hcl',
    info: analyseTemplate('hcl', [{ path: 'packer/app.pkr.hcl', text: HCL }]),
    variables: [
      ['endpoint', 'http://127.0.0.1:1'],
      ['secret', 's3cr3t'],
    ],
    sensitiveNames: [],
    varFiles: [],
    only: [],
    except: [],
    packerMirror: 'https://releases.hashicorp.com/packer',
    tags: [],
    amiWaitTimeoutMs: 3_600_000,
    publishTimeoutMs: 120_000,
    dryRun: false,
    aws: { region: 'us-east-1', maxAttempts: 8, action: 'build-ami' },
    runTag: 'run-1-1-abcd0123',
    ...overrides,
  }
}

const image = (id: string, day: number, extra: Partial<ImageFacts> = {}): ImageFacts => ({
  imageId: id,
  name: `app-${day}`,
  creationDate: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`,
  snapshots: [`snap-${id}`],
  ...extra,
})

describe('planRetention', () => {
  const images = [image('a1', 1), image('a5', 5), image('a3', 3), image('a2', 2), image('a4', 4)]
  const base = {
    region: 'us-east-1',
    images,
    newImageId: 'a5',
    keep: 2,
    protectedBy: new Map<string, string>(),
  }

  it('keeps the newest N, the new image first, and deregisters the rest oldest last', () => {
    expect(planRetention(base).map((d) => [d.imageId, d.action, d.reason])).toEqual([
      ['a5', 'keep', 'built by this run'],
      ['a4', 'keep', 'among the newest 2'],
      ['a3', 'deregister', 'older than the newest 2'],
      ['a2', 'deregister', 'older than the newest 2'],
      ['a1', 'deregister', 'older than the newest 2'],
    ])
  })

  it('leaves an image that is not available alone, and gives it no place among the newest', () => {
    const pending = { ...image('a6', 6), state: 'pending' }
    const failed = { ...image('a0', 0), state: 'failed' }
    const p = planRetention({
      ...base,
      images: [...images.map((i) => ({ ...i, state: 'available' })), pending, failed],
    })
    expect(p.map((d) => [d.imageId, d.action, d.reason])).toEqual([
      ['a5', 'keep', 'built by this run'],
      ['a4', 'keep', 'among the newest 2'],
      ['a3', 'deregister', 'older than the newest 2'],
      ['a2', 'deregister', 'older than the newest 2'],
      ['a1', 'deregister', 'older than the newest 2'],
      ['a6', 'skip', 'its state is pending'],
      ['a0', 'skip', 'its state is failed'],
    ])
  })

  it('counts the new image among the newest even when its creation date sorts lower', () => {
    const p = planRetention({ ...base, newImageId: 'a1', keep: 1 })
    expect(p.filter((d) => d.action === 'keep').map((d) => d.imageId)).toEqual(['a1'])
  })

  it('skips protected images with their reason, and images under deregistration protection', () => {
    const protectedBy = new Map([
      ['a3', 'held by /app/ami before this run'],
      ['a1', 'used by launch template web version 4'],
    ])
    const withProtection = images.map((i) =>
      i.imageId === 'a2' ? { ...i, protection: 'enabled-with-cooldown' } : i,
    )
    expect(
      planRetention({ ...base, images: withProtection, protectedBy }).map((d) => [
        d.imageId,
        d.action,
        d.reason,
      ]),
    ).toEqual([
      ['a5', 'keep', 'built by this run'],
      ['a4', 'keep', 'among the newest 2'],
      ['a3', 'skip', 'held by /app/ami before this run'],
      ['a2', 'skip', 'deregistration protection is enabled-with-cooldown'],
      ['a1', 'skip', 'used by launch template web version 4'],
    ])
  })

  it('does not count "disabled after ..." (cooldown running out) as protection', () => {
    const p = planRetention({
      ...base,
      keep: 4,
      images: images.map((i) =>
        i.imageId === 'a1' ? { ...i, protection: 'disabled after 2026-12-02T00:00:00Z' } : i,
      ),
    })
    expect(p.find((d) => d.imageId === 'a1')?.action).toBe('deregister')
  })

  it('deprecates instead of deregistering, leaving earlier deprecations alone', () => {
    const at = new Date('2026-12-31T00:00:00Z')
    const p = planRetention({
      ...base,
      deprecateAt: at,
      images: images.map((i) =>
        i.imageId === 'a1'
          ? { ...i, deprecationTime: '2026-12-01T00:00:00.000Z' }
          : i.imageId === 'a2'
            ? { ...i, deprecationTime: '2027-06-01T00:00:00.000Z' }
            : i,
      ),
    })
    expect(p.map((d) => [d.imageId, d.action])).toEqual([
      ['a5', 'keep'],
      ['a4', 'keep'],
      ['a3', 'deprecate'],
      ['a2', 'deprecate'],
      ['a1', 'keep'],
    ])
    expect(p[4].reason).toBe('already deprecated from 2026-12-01T00:00:00.000Z')
  })

  it('changes nothing when there are no more images than kept', () => {
    expect(planRetention({ ...base, keep: 10 }).every((d) => d.action === 'keep')).toBe(true)
  })
})

describe('derivePrefix', () => {
  it.each([
    ['app-1796161284', 'app-'],
    ['api-v1.2.3-20261201', 'api-'],
    ['al2023-api-1796161284', 'al2023-api-'],
    ['api_2026-12-01T10.00.00Z', 'api_'],
    ['shop web 1.2.3', 'shop web '],
    ['ubuntu-22.04-api-1796161284', 'ubuntu-22.04-api-'],
    ['ubuntu-22.04-worker-1796161284', 'ubuntu-22.04-worker-'],
    ['app-2024.1-db-v3', 'app-2024.1-db-'],
    ['api-1.2.3-rc1', 'api-'],
    // A word after every version: the prefix before the first one.
    ['web-20240101-prod', 'web-'],
    ['api-1.2.3-linux', 'api-'],
    ['app-1.0-SNAPSHOT', 'app-'],
    ['app-1.2.3-beta', 'app-'],
  ])('%s -> %s', (name, prefix) => {
    expect(derivePrefix(name)).toBe(prefix)
  })

  it.each(['app', 'golden-image', 'x-1', 'x-1-prod', 'golden1796161284'])('finds none in %s', (name) => {
    expect(derivePrefix(name)).toBeUndefined()
  })

  it('keeps the words after the version as the series suffix', () => {
    expect(
      ['web-20240101-prod', 'app-1.0-SNAPSHOT', 'shop 1.2 (beta)', 'api-1796161284'].map(seriesOf),
    ).toEqual([
      { prefix: 'web-', suffix: '-prod' },
      { prefix: 'app-', suffix: '-SNAPSHOT' },
      { prefix: 'shop ', suffix: ' (beta)' },
      { prefix: 'api-', suffix: '' },
    ])
  })
})

describe('sampleName', () => {
  it('stands a Unix time in for {{timestamp}} and knows no other interpolation', () => {
    expect(sampleName('app-{{timestamp}}')).toBe('app-1796161284')
    expect(sampleName('golden{{ timestamp }}')).toBe('golden1796161284')
    expect(sampleName('golden-image')).toBe('golden-image')
    expect(sampleName('app-${local.ts}')).toBeUndefined()
    expect(sampleName('app-{{user `version`}}')).toBeUndefined()
  })
})

describe('deprecationTime', () => {
  it('rounds up to the next whole minute, as EC2 would round it down', () => {
    expect(deprecationTime(new Date('2026-12-01T10:00:30.500Z'), 86_400_000).toISOString()).toBe(
      '2026-12-02T10:01:00.000Z',
    )
    expect(deprecationTime(new Date('2026-12-01T10:00:00.000Z'), 60_000).toISOString()).toBe(
      '2026-12-01T10:01:00.000Z',
    )
  })
})

describe('packer command lines and environment', () => {
  it('passes builds and var files as arguments, the template relative to the working directory', () => {
    const i = inputs({
      only: ['amazon-ebs.api'],
      varFiles: ['/w/packer/prod.pkrvars.hcl', '/etc/shared.json'],
    })
    expect(buildArgs(i)).toEqual([
      'build',
      '-machine-readable',
      '-color=false',
      '-only=amazon-ebs.api',
      '-var-file=prod.pkrvars.hcl',
      '-var-file=/etc/shared.json',
      'app.pkr.hcl',
    ])
    expect(validateArgs(inputs({ except: ['amazon-ebs.worker'] }), '/tmp/v.json')).toEqual([
      'validate',
      '-except=amazon-ebs.worker',
      '-var-file=/tmp/v.json',
      'app.pkr.hcl',
    ])
  })

  it('never puts a variable value on the command line', () => {
    expect(buildArgs(inputs()).join(' ')).not.toContain('s3cr3t')
  })

  it('gives HCL2 variables as PKR_VAR_, sensitive ones and the token as secrets, and the AMI wait as attempts', () => {
    const env = packerEnvironment(inputs({ githubToken: 'ghp_x' }), {}, '/home/runner/.packer.d/plugins')
    expect(env).toEqual({
      env: {
        CHECKPOINT_DISABLE: '1',
        PACKER_PLUGIN_PATH: '/home/runner/.packer.d/plugins',
        AWS_POLL_DELAY_SECONDS: '15',
        AWS_MAX_ATTEMPTS: '240',
        PKR_VAR_endpoint: 'http://127.0.0.1:1',
        PKR_VAR_infra_actions_run: 'run-1-1-abcd0123',
      },
      secretEnv: { PACKER_GITHUB_API_TOKEN: 'ghp_x', PKR_VAR_secret: 's3cr3t' },
    })
  })

  it('follows a poll delay set in the environment', () => {
    const env = packerEnvironment(
      inputs({ amiWaitTimeoutMs: 600_000 }),
      { AWS_POLL_DELAY_SECONDS: '5' },
      '/p',
    )
    expect([env.env.AWS_POLL_DELAY_SECONDS, env.env.AWS_MAX_ATTEMPTS]).toEqual(['5', '120'])
  })

  it('puts a JSON template variables in a var file (JSON templates read no PKR_VAR_)', () => {
    const json = analyseTemplate('json', [
      { path: 'app.json', text: '{"variables":{"endpoint":""},"builders":[]}' },
    ])
    const env = packerEnvironment(inputs({ info: json, variables: [['endpoint', 'x']] }), {}, '/p')
    expect(env.varFile).toEqual({ endpoint: 'x', infra_actions_run: 'run-1-1-abcd0123' })
    expect(Object.keys(env.env).filter((k) => k.startsWith('PKR_VAR_'))).toEqual([])
  })

  it('selects builds with only and except', () => {
    expect(selectedBuilds(inputs())).toEqual(['amazon-ebs.api', 'amazon-ebs.worker'])
    expect(selectedBuilds(inputs({ only: ['*.api'] }))).toEqual(['amazon-ebs.api'])
    expect(selectedBuilds(inputs({ except: ['amazon-ebs.api'] }))).toEqual(['amazon-ebs.worker'])
  })

  it('knows which Packer versions have packer init', () => {
    expect([
      supportsInit('1.6.6'),
      supportsInit('1.7.0'),
      supportsInit('1.11.2'),
      supportsInit('2.0.0'),
    ]).toEqual([false, true, true, true])
  })
})

describe('planPublication and describePlan', () => {
  it('writes each region its own id, with its previous value', () => {
    expect(
      planPublication('/app/ami', { 'us-east-1': 'ami-1', 'eu-west-1': 'ami-2' }, { 'us-east-1': 'ami-0' }),
    ).toEqual([
      { region: 'eu-west-1', parameter: '/app/ami', previous: undefined, next: 'ami-2' },
      { region: 'us-east-1', parameter: '/app/ami', previous: 'ami-0', next: 'ami-1' },
    ])
  })

  it('describes the run, marking sensitive variables and never showing their values', () => {
    const lines = describePlan(
      inputs({ ssmParameter: '/app/ami', retention: { keep: 3, deprecateAfterMs: 2_592_000_000 } }),
      {
        packer: { source: { kind: 'path', path: '/usr/bin/packer', version: '1.6.6' } },
        init: false,
        builds: ['amazon-ebs.api'],
        variables: ['endpoint', 'secret'],
      },
    )
    expect(lines).toContain('Variables: endpoint, secret (sensitive).')
    expect(lines.join('\n')).not.toContain('s3cr3t')
    expect(lines).toContain(
      "Builder instance: the template does not use var.infra_actions_run in run_tags, so a killed run's builder cannot be found by its tag.",
    )
    expect(lines.find((l) => l.startsWith('Retire:'))).toContain('deprecate the older ones 720h 00m from now')
  })
})

describe('inSeries', () => {
  it('takes, for a derived prefix, only the names that give the same prefix', () => {
    expect(
      ['api-v1.2.3', 'api-1796161284', 'api-worker-v7', 'api-gateway-1796161284', 'api-'].map((n) =>
        inSeries(n, 'api-', 'api-v1.2.4'),
      ),
    ).toEqual([true, true, false, false, false])
    // Series that share a base version: each is its own.
    expect(
      ['ubuntu-22.04-api-1796161284', 'ubuntu-22.04-worker-1796161284'].map((n) =>
        inSeries(n, 'ubuntu-22.04-api-', 'ubuntu-22.04-api-1796161290'),
      ),
    ).toEqual([true, false])
    // Words after the version: only the names with the same words.
    expect(
      ['web-20231201-prod', 'web-20231201-staging', 'web-1796161284', 'web-worker-20231201-prod'].map((n) =>
        inSeries(n, 'web-', 'web-20240101-prod'),
      ),
    ).toEqual([true, false, false, false])
  })

  it('takes every name starting with a given name-prefix', () => {
    expect(['api-v1', 'api-worker-v7', 'web-v1'].map((n) => inSeries(n, 'api-'))).toEqual([true, true, false])
  })
})
