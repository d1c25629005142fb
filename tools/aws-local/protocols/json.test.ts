import { DescribeClustersCommand, ECSClient, ClusterNotFoundException } from '@aws-sdk/client-ecs'
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
  paginateGetParameterHistory,
} from '@aws-sdk/client-ssm'
import { startAwsLocal, type AwsLocal } from '../index'
import { authFor, clientConfig, rawRequest } from '../test-helpers'

let aws: AwsLocal
let ssm: SSMClient
let ecs: ECSClient

beforeAll(async () => {
  aws = await startAwsLocal()
  ssm = new SSMClient(clientConfig(aws))
  ecs = new ECSClient(clientConfig(aws))
})
afterAll(async () => {
  ssm.destroy()
  ecs.destroy()
  await aws.close()
})
beforeEach(() => aws.reset())

describe('json protocol: SSM', () => {
  it('decodes a PutParameter request and the SDK decodes the answer', async () => {
    aws.service('ec2').seedImage({ Name: 'app', ImageId: 'ami-0123456789abcdef0' })
    const put = await ssm.send(
      new PutParameterCommand({
        Name: '/app/ami',
        Value: 'ami-0123456789abcdef0',
        Type: 'String',
        DataType: 'aws:ec2:image',
      }),
    )
    expect(put.Version).toBe(1)
    expect(aws.callsOf('ssm', 'PutParameter')[0].input).toEqual({
      Name: '/app/ami',
      Value: 'ami-0123456789abcdef0',
      Type: 'String',
      DataType: 'aws:ec2:image',
    })

    const got = await ssm.send(new GetParameterCommand({ Name: '/app/ami' }))
    expect(got.Parameter).toMatchObject({
      Name: '/app/ami',
      Value: 'ami-0123456789abcdef0',
      Version: 1,
      DataType: 'aws:ec2:image',
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/app/ami',
    })
    expect(got.Parameter?.LastModifiedDate).toBeInstanceOf(Date)
    expect(Math.abs(got.Parameter!.LastModifiedDate!.getTime() - Date.now())).toBeLessThan(5_000)
  })

  it('keeps versions, refuses to overwrite without Overwrite, and pages the history', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'release', Value: 'v1', Type: 'String' }))
    await expect(ssm.send(new PutParameterCommand({ Name: 'release', Value: 'v2' }))).rejects.toBeInstanceOf(
      ParameterAlreadyExists,
    )
    for (const v of ['v2', 'v3', 'v4', 'v5'])
      await ssm.send(new PutParameterCommand({ Name: 'release', Value: v, Overwrite: true }))
    expect((await ssm.send(new GetParameterCommand({ Name: 'release:2' }))).Parameter?.Value).toBe('v2')

    const first = await ssm.send(new GetParameterHistoryCommand({ Name: 'release', MaxResults: 2 }))
    expect(first.Parameters?.map((p) => p.Value)).toEqual(['v1', 'v2'])
    expect(first.NextToken).toBeDefined()
    const values: string[] = []
    for await (const page of paginateGetParameterHistory({ client: ssm, pageSize: 2 }, { Name: 'release' }))
      values.push(...(page.Parameters ?? []).map((p) => p.Value!))
    expect(values).toEqual(['v1', 'v2', 'v3', 'v4', 'v5'])

    const many = await ssm.send(new GetParametersCommand({ Names: ['release', 'missing'] }))
    expect(many.Parameters?.map((p) => p.Value)).toEqual(['v5'])
    expect(many.InvalidParameters).toEqual(['missing'])
  })

  it('surfaces ParameterNotFound as the SDK exception class', async () => {
    const error = await ssm.send(new GetParameterCommand({ Name: '/nope' })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ParameterNotFound)
    expect((error as ParameterNotFound).$metadata.httpStatusCode).toBe(400)
    expect(aws.callsOf('ssm', 'GetParameter')[0]).toMatchObject({
      status: 400,
      error: { code: 'ParameterNotFound' },
    })
  })

  it('rejects a request the model forbids with Coral validation wording', async () => {
    const response = await rawRequest(aws.url, {
      method: 'POST',
      path: '/',
      headers: {
        authorization: authFor('ssm'),
        'x-amz-target': 'AmazonSSM.PutParameter',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ Value: 'x', Type: 'Bogus' }),
    })
    expect(response.status).toBe(400)
    expect(response.headers['x-amzn-errortype']).toBe('ValidationException')
    expect(JSON.parse(response.body)).toEqual({
      __type: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
        "Value 'Bogus' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [String, StringList, SecureString]",
    })
    expect(aws.mutatingCalls()).toHaveLength(1)
    expect(aws.service('ssm').getParameter('x')).toBeUndefined()
  })

  it('validates lengths and ranges from the model', async () => {
    const response = await rawRequest(aws.url, {
      method: 'POST',
      path: '/',
      headers: {
        'x-amz-target': 'AmazonSSM.GetParameterHistory',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ Name: 'release', MaxResults: 51 }),
    })
    expect(JSON.parse(response.body).message).toBe(
      "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    )
  })

  it('answers an unknown operation with UnknownOperationException', async () => {
    const response = await rawRequest(aws.url, {
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'AmazonSSM.MakeCoffee', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body).__type).toBe('UnknownOperationException')
  })
})

describe('json protocol: ECS', () => {
  it('describes a seeded cluster and reports missing ones as failures', async () => {
    aws.service('ecs').seedCluster('prod', { activeServicesCount: 3 })
    const out = await ecs.send(new DescribeClustersCommand({ clusters: ['prod', 'gone'] }))
    expect(aws.callsOf('ecs', 'DescribeClusters')[0].input).toEqual({ clusters: ['prod', 'gone'] })
    expect(out.clusters).toEqual([
      expect.objectContaining({
        clusterName: 'prod',
        clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
        status: 'ACTIVE',
        activeServicesCount: 3,
      }),
    ])
    expect(out.clusters?.[0].tags).toBeUndefined()
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/gone', reason: 'MISSING' },
    ])
  })

  it('surfaces an AWS error code as the SDK exception class', async () => {
    aws.fault('ecs', 'DescribeClusters', {
      kind: 'error',
      code: 'ClusterNotFoundException',
      message: 'Cluster not found.',
    })
    const error = await ecs.send(new DescribeClustersCommand({ clusters: ['x'] })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClusterNotFoundException)
    expect((error as Error).message).toBe('Cluster not found.')
  })

  it('rejects a type error the way Coral does', async () => {
    const response = await rawRequest(aws.url, {
      method: 'POST',
      path: '/',
      headers: {
        authorization: authFor('ecs'),
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DescribeClusters',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ clusters: 'prod' }),
    })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body).__type).toBe('SerializationException')
  })
})
