import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { ECSClient, ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs'
import { checksum } from './checksums'
import { botocoreNeededFor, compareVersions, requireModel, requireModelShape } from './features'
import {
  API_VERSIONS,
  botocoreDataDir,
  botocoreVersionAt,
  DEBIAN_DATA_DIR,
  describeModelSource,
  findPythonBotocore,
  loadModel,
  modelSource,
  type ServiceModel,
} from './model'
import { startAwsLocal } from './server'
import { clientConfig, failure, rawRequest } from './test-helpers'

const REMEDY = 'install a current botocore for python3, or set AWS_LOCAL_BOTOCORE_DATA'

/** The text of a model of the models in use, stored plain or gzipped. */
function modelText(service: string): string {
  const base = join(botocoreDataDir(), service, API_VERSIONS[service], 'service-2.json')
  return existsSync(base)
    ? readFileSync(base, 'utf8')
    : gunzipSync(readFileSync(`${base}.gz`)).toString('utf8')
}

/**
 * A botocore package in a temporary directory, `<root>/botocore/{__init__.py,data/...}`, holding
 * every model of the models in use, some of them trimmed.
 */
function fakeBotocore(version: string, trim: Record<string, (model: ServiceModel) => void> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'aws-local-botocore-'))
  const data = join(root, 'botocore', 'data')
  for (const service of Object.keys(API_VERSIONS)) {
    const model = JSON.parse(modelText(service)) as ServiceModel
    trim[service]?.(model)
    const dir = join(data, service, API_VERSIONS[service])
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'service-2.json.gz'), gzipSync(JSON.stringify(model)))
  }
  writeFileSync(join(root, 'botocore', '__init__.py'), `import os\n\n__version__ = '${version}'\n`)
  return { data, remove: () => rmSync(root, { recursive: true, force: true }) }
}

function withoutNewerApis(): Record<string, (model: ServiceModel) => void> {
  return {
    ecs: (model) => {
      for (const op of ['ListServiceDeployments', 'DescribeServiceDeployments', 'ContinueServiceDeployment'])
        delete model.operations[op]
    },
    cloudfront: (model) => {
      delete model.shapes.CacheTagConfig
      delete model.shapes.DistributionConfig.members?.CacheTagConfig
    },
  }
}

afterEach(() => {
  delete process.env.AWS_LOCAL_BOTOCORE_DATA
})

describe('service models', () => {
  it('loads a gzipped model from AWS_LOCAL_BOTOCORE_DATA', () => {
    const text = modelText('ssm')
    const dir = mkdtempSync(join(tmpdir(), 'aws-local-models-'))
    try {
      mkdirSync(join(dir, 'ssm', '2014-11-06'), { recursive: true })
      writeFileSync(join(dir, 'ssm', '2014-11-06', 'service-2.json.gz'), gzipSync(text))
      process.env.AWS_LOCAL_BOTOCORE_DATA = dir
      const model = loadModel('ssm')
      expect(model.metadata.targetPrefix).toBe('AmazonSSM')
      expect(model.operations.GetParameter.http.method).toBe('POST')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names operations by their public name', () => {
    expect(loadModel('cloudfront').operations.GetDistribution.name).toBe('GetDistribution')
  })
})

describe('choosing the models', () => {
  it('takes AWS_LOCAL_BOTOCORE_DATA first, with the version from the package one level up', () => {
    const fake = fakeBotocore('1.29.27')
    try {
      process.env.AWS_LOCAL_BOTOCORE_DATA = fake.data
      expect(modelSource()).toEqual({ dir: fake.data, version: '1.29.27', origin: 'AWS_LOCAL_BOTOCORE_DATA' })
      expect(describeModelSource()).toBe(`botocore 1.29.27 (${fake.data}, set by AWS_LOCAL_BOTOCORE_DATA)`)
      expect(botocoreVersionAt(join(fake.data, 'nowhere'))).toBe('unknown')
    } finally {
      fake.remove()
    }
  })

  it('then the botocore of the python3 on PATH, else Debian', () => {
    const python = findPythonBotocore()
    expect(modelSource()).toEqual(
      python
        ? { ...python, origin: 'python3' }
        : { dir: DEBIAN_DATA_DIR, version: botocoreVersionAt(DEBIAN_DATA_DIR), origin: 'debian' },
    )
  })

  describe('asking python3', () => {
    let bin: string
    const fakePython = (script: string) => {
      writeFileSync(join(bin, 'python3'), `#!/bin/sh\n${script}\n`)
      chmodSync(join(bin, 'python3'), 0o755)
      return { ...process.env, PATH: `${bin}:/usr/bin:/bin` }
    }
    beforeEach(() => {
      bin = mkdtempSync(join(tmpdir(), 'aws-local-python-'))
    })
    afterEach(() => rmSync(bin, { recursive: true, force: true }))

    it('reads the version and the data directory it prints', () => {
      const env = fakePython(`printf '1.43.11\\n%s\\n' '${bin}'`)
      expect(findPythonBotocore(env)).toEqual({ version: '1.43.11', dir: bin })
    })

    it('ignores a python3 without botocore, a data directory that is not there, and a slow one', () => {
      expect(findPythonBotocore(fakePython('echo "No module named botocore" >&2; exit 1'))).toBeUndefined()
      expect(findPythonBotocore(fakePython(`printf '1.43.11\\n/nonexistent/data\\n'`))).toBeUndefined()
      const started = Date.now()
      expect(
        findPythonBotocore(fakePython(`sleep 5; printf '1.43.11\\n%s\\n' '${bin}'`), 300),
      ).toBeUndefined()
      expect(Date.now() - started).toBeLessThan(3_000)
    })
  })
})

describe('models a test needs', () => {
  it('knows the first botocore release of each newer API', () => {
    expect(botocoreNeededFor('ecs', ['ListServiceDeployments'])).toBe('1.35.52')
    expect(botocoreNeededFor('ecs', ['ListServiceDeployments', 'StopServiceDeployment'])).toBe('1.38.1')
    expect(botocoreNeededFor('s3', ['PutObjectRequest.IfMatch', 'PutObjectRequest.IfNoneMatch'])).toBe(
      '1.35.69',
    )
    expect(botocoreNeededFor('ecs', ['LaunchRocket'])).toBeUndefined()
    expect(compareVersions('1.35.52', '1.38.1')).toBeLessThan(0)
    expect(compareVersions('1.43.10', '1.43.9')).toBeGreaterThan(0)
  })

  it('says what is missing and which botocore has it', () => {
    const fake = fakeBotocore('1.29.27', withoutNewerApis())
    try {
      process.env.AWS_LOCAL_BOTOCORE_DATA = fake.data
      expect(() => requireModel('ecs', ['DescribeServices', 'UpdateService'])).not.toThrow()
      expect(() => requireModel('ecs', ['ListServiceDeployments', 'ContinueServiceDeployment'])).toThrow(
        `aws-local: the ecs model of botocore 1.29.27 (${fake.data}) lacks ListServiceDeployments, ContinueServiceDeployment; this test needs botocore 1.43.10 or later (${REMEDY})`,
      )
      expect(() => requireModelShape('cloudfront', 'CacheTagConfig')).toThrow(
        `aws-local: the cloudfront model of botocore 1.29.27 (${fake.data}) lacks CacheTagConfig; this test needs botocore 1.43.0 or later (${REMEDY})`,
      )
      expect(() => requireModelShape('cloudfront', ['DistributionConfig.CacheTagConfig'])).toThrow(
        /lacks DistributionConfig\.CacheTagConfig; this test needs botocore 1\.43\.0 or later/,
      )
      expect(() => requireModelShape('cloudfront', 'DistributionConfig.Aliases')).not.toThrow()
      expect(() => requireModel('ecs', ['LaunchRocket'])).toThrow(
        `lacks LaunchRocket; this test needs a botocore release that has it (${REMEDY})`,
      )
    } finally {
      fake.remove()
    }
  })

  it('answers an operation the model lacks naming the operation, the models in use and the remedy', async () => {
    const fake = fakeBotocore('1.29.27', withoutNewerApis())
    process.env.AWS_LOCAL_BOTOCORE_DATA = fake.data
    const aws = await startAwsLocal()
    delete process.env.AWS_LOCAL_BOTOCORE_DATA
    const ecs = new ECSClient({ ...clientConfig(aws), maxAttempts: 1 })
    try {
      const error = await failure(ecs.send(new ListServiceDeploymentsCommand({ service: 'api' })))
      expect(error.name).toBe('UnknownOperationException')
      expect(error.message).toBe(
        `Unknown operation ListServiceDeployments (aws-local: the ecs model of botocore 1.29.27 (${fake.data}, set by AWS_LOCAL_BOTOCORE_DATA) has no operation ListServiceDeployments; it needs botocore 1.35.52 or later (${REMEDY}))`,
      )
      const health = JSON.parse((await rawRequest(aws.url, { path: '/_aws-local/health' })).body) as unknown
      expect(health).toEqual({
        ok: true,
        url: aws.url,
        models: { botocore: '1.29.27', dir: fake.data, origin: 'AWS_LOCAL_BOTOCORE_DATA' },
      })
    } finally {
      ecs.destroy()
      await aws.close()
      fake.remove()
    }
  })
})

describe('checksums', () => {
  it.each([
    ['CRC32', 'y/Q5Jg=='],
    ['CRC32C', '4waSgw=='],
    ['CRC64NVME', 'rosUhgp5mIg='],
  ] as const)('%s of "123456789" is the standard check value', (algorithm, expected) => {
    expect(checksum(algorithm, Buffer.from('123456789'))).toBe(expected)
  })
})
