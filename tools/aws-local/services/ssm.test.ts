import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  LabelParameterVersionCommand,
  PutParameterCommand,
  SSMClient,
  type ParameterHistory,
} from '@aws-sdk/client-ssm'
import { startAwsLocal, type AwsLocal } from '../index'
import { clientConfig, failure } from '../test-helpers'

/**
 * Parameter Store through the real SDK client: the 100-version window (the oldest version goes,
 * unless it has a label), version and label selectors, and LabelParameterVersion. Run Command is
 * in ssm-commands.test.ts; `aws:ec2:image` values in ec2.test.ts.
 */

let aws: AwsLocal
let ssm: SSMClient

beforeAll(async () => {
  aws = await startAwsLocal()
  ssm = new SSMClient({ ...clientConfig(aws), maxAttempts: 1 })
})
afterAll(async () => {
  ssm.destroy()
  await aws.close()
})
beforeEach(() => aws.reset())

const NAME = '/app/release'
const put = (Value: string) =>
  ssm.send(new PutParameterCommand({ Name: NAME, Value, Type: 'String', Overwrite: true }))
const get = (Name: string) => ssm.send(new GetParameterCommand({ Name }))
const label = (ParameterVersion: number | undefined, ...Labels: string[]) =>
  ssm.send(new LabelParameterVersionCommand({ Name: NAME, ParameterVersion, Labels }))

/** Versions 1..count of NAME, seeded directly (values `v1`, `v2`, ...). */
function seedVersions(count: number): void {
  for (let i = 1; i <= count; i++) aws.service('ssm').putParameter({ Name: NAME, Value: `v${i}` })
}

async function history(): Promise<ParameterHistory[]> {
  const all: ParameterHistory[] = []
  let NextToken: string | undefined
  do {
    const page = await ssm.send(new GetParameterHistoryCommand({ Name: NAME, NextToken }))
    all.push(...(page.Parameters ?? []))
    NextToken = page.NextToken
  } while (NextToken)
  return all
}

describe('the 100-version window', () => {
  it('deletes the oldest version when the 101st is created', async () => {
    seedVersions(100)
    expect((await put('v101')).Version).toBe(101)
    const versions = (await history()).map((p) => p.Version)
    expect(versions).toHaveLength(100)
    expect(versions[0]).toBe(2)
    expect(versions[99]).toBe(101)
    expect((await get(NAME)).Parameter).toMatchObject({ Value: 'v101', Version: 101 })
    expect((await get(`${NAME}:2`)).Parameter?.Value).toBe('v2')
    const gone = await failure(get(`${NAME}:1`))
    expect(gone.name).toBe('ParameterVersionNotFound')
  })

  it('refuses a new version while the oldest one has a label, until the label moves', async () => {
    seedVersions(100)
    await label(1, 'baseline')
    const refused = await failure(put('v101'))
    expect(refused.name).toBe('ParameterMaxVersionLimitExceeded')
    expect(refused.message).toBe(
      `You attempted to create a new version of ${NAME} by calling the PutParameter API with the overwrite flag. Version 1, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    )
    expect((await get(NAME)).Parameter?.Version).toBe(100)
    expect(await history()).toHaveLength(100)

    // A label on any other version does not hold the oldest one back.
    await label(50, 'baseline')
    expect((await put('v101')).Version).toBe(101)
    expect((await get(`${NAME}:baseline`)).Parameter).toMatchObject({ Version: 50, Selector: ':baseline' })
    expect((await failure(get(`${NAME}:1`))).name).toBe('ParameterVersionNotFound')
  })

  it('fails an aws:ec2:image value whose validation ends after the oldest version gained a label', async () => {
    const image = aws.service('ec2').seedImage({ Name: 'app-v1' })
    for (let i = 1; i <= 100; i++)
      aws.service('ssm').putParameter({ Name: NAME, Value: image.ImageId, DataType: 'aws:ec2:image' })
    aws.service('ssm').setImageValidationPlan({ afterMs: 1_000 })
    const answered = await ssm.send(
      new PutParameterCommand({
        Name: NAME,
        Value: image.ImageId,
        DataType: 'aws:ec2:image',
        Overwrite: true,
      }),
    )
    expect(answered.Version).toBe(101)
    await label(1, 'baseline')
    aws.clock.advance(1_000)
    expect(aws.service('ssm').imageValueValidations()).toEqual([
      expect.objectContaining({
        status: 'failed',
        reason: expect.stringContaining('Version 1, the oldest version'),
      }),
    ])
    expect((await get(NAME)).Parameter?.Version).toBe(100)
  })

  it('keeps versions below the window as they are', async () => {
    seedVersions(99)
    expect((await put('v100')).Version).toBe(100)
    expect((await history())[0].Version).toBe(1)
  })
})

describe('version and label selectors', () => {
  beforeEach(async () => {
    await ssm.send(new PutParameterCommand({ Name: NAME, Value: 'v1', Type: 'String' }))
    await put('v2')
    await label(1, 'stable')
  })

  it('answers ParameterVersionNotFound for a version or label an existing parameter lacks', async () => {
    expect((await get(`${NAME}:1`)).Parameter).toMatchObject({ Value: 'v1', Version: 1, Selector: ':1' })
    expect((await get(`${NAME}:stable`)).Parameter).toMatchObject({ Value: 'v1', Selector: ':stable' })

    const version = await failure(get(`${NAME}:3`))
    expect(version.name).toBe('ParameterVersionNotFound')
    expect(version.message).toBe(
      `Systems Manager could not find version 3 of ${NAME}. Verify the version and try again.`,
    )
    expect((await failure(get(`${NAME}:canary`))).name).toBe('ParameterVersionNotFound')
  })

  it('keeps ParameterNotFound for a parameter that does not exist, with or without a selector', async () => {
    for (const name of ['/app/missing', '/app/missing:1', '/app/missing:stable'])
      expect((await failure(get(name))).name).toBe('ParameterNotFound')
  })

  it('lists what GetParameters cannot find in InvalidParameters (it has no not-found errors)', async () => {
    const out = await ssm.send(
      new GetParametersCommand({ Names: [`${NAME}:2`, `${NAME}:3`, `${NAME}:canary`, '/app/missing'] }),
    )
    expect(out.Parameters?.map((p) => [p.Value, p.Selector])).toEqual([['v2', ':2']])
    expect(out.InvalidParameters).toEqual([`${NAME}:3`, `${NAME}:canary`, '/app/missing'])
  })
})

describe('LabelParameterVersion', () => {
  beforeEach(async () => {
    await ssm.send(new PutParameterCommand({ Name: NAME, Value: 'v1', Type: 'String' }))
    await put('v2')
  })

  it('labels the latest version by default, moves a label between versions, and lists invalid labels', async () => {
    expect(await label(undefined, 'prod', '1st', 'aws-x', 'SSM', 'has space')).toMatchObject({
      ParameterVersion: 2,
      InvalidLabels: ['1st', 'aws-x', 'SSM', 'has space'],
    })
    expect((await history()).map((p) => p.Labels)).toEqual([[], ['prod']])
    expect((await label(1, 'prod')).InvalidLabels).toEqual([])
    expect((await history()).map((p) => p.Labels)).toEqual([['prod'], []])
    expect((await get(`${NAME}:prod`)).Parameter?.Value).toBe('v1')
  })

  it('refuses an eleventh label on a version, an unknown version and an unknown parameter', async () => {
    await label(2, ...Array.from({ length: 10 }, (_, i) => `l${i}`))
    expect((await failure(label(2, 'l10'))).name).toBe('ParameterVersionLabelLimitExceeded')
    expect((await label(2, 'l0')).InvalidLabels).toEqual([])
    expect((await failure(label(7, 'x'))).name).toBe('ParameterVersionNotFound')
    const missing = await failure(
      ssm.send(new LabelParameterVersionCommand({ Name: '/app/missing', Labels: ['x'] })),
    )
    expect(missing.name).toBe('ParameterNotFound')
  })
})
