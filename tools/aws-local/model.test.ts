import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { checksum } from './checksums'
import { botocoreDataDir, loadModel } from './model'

describe('service models', () => {
  it('loads a gzipped model from AWS_LOCAL_BOTOCORE_DATA', () => {
    const source = join(botocoreDataDir(), 'ssm', '2014-11-06', 'service-2.json')
    const dir = mkdtempSync(join(tmpdir(), 'aws-local-models-'))
    try {
      mkdirSync(join(dir, 'ssm', '2014-11-06'), { recursive: true })
      writeFileSync(join(dir, 'ssm', '2014-11-06', 'service-2.json.gz'), gzipSync(readFileSync(source)))
      process.env.AWS_LOCAL_BOTOCORE_DATA = dir
      const model = loadModel('ssm')
      expect(model.metadata.targetPrefix).toBe('AmazonSSM')
      expect(model.operations.GetParameter.http.method).toBe('POST')
    } finally {
      delete process.env.AWS_LOCAL_BOTOCORE_DATA
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names operations by their public name', () => {
    expect(loadModel('cloudfront').operations.GetDistribution.name).toBe('GetDistribution')
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
