import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs'
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { startAwsLocal, type AwsLocal } from './index'
import { authFor, clientConfig, failure, rawRequest, sampleTaskDefinition } from './test-helpers'

/**
 * Regions: the SDK signs each request for its client's region, and the stand-in keeps the state
 * of each regional service (ecs, ssm, ec2) per region, as AWS does. S3 and CloudFront are global.
 */

let aws: AwsLocal
const EU = 'eu-west-1'
const clients: { destroy(): void }[] = []
function client<T extends { destroy(): void }>(made: T): T {
  clients.push(made)
  return made
}

const web = sampleTaskDefinition

beforeAll(async () => {
  aws = await startAwsLocal()
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await aws.close()
})
beforeEach(() => aws.reset())

describe('regional services keep separate state per region', () => {
  it('ECS: clusters, task definition revisions and services of one region are not seen in another', async () => {
    const us = client(new ECSClient({ ...clientConfig(aws), maxAttempts: 1 }))
    const eu = client(new ECSClient({ ...clientConfig(aws, EU), maxAttempts: 1 }))
    aws.service('ecs').seedService({ cluster: 'prod', name: 'api', taskDefinition: web })

    const missing = await eu.send(new DescribeClustersCommand({ clusters: ['prod'] }))
    expect(missing.failures).toEqual([
      { arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod', reason: 'MISSING' },
    ])

    const euEcs = aws.service('ecs', EU)
    expect(euEcs).not.toBe(aws.service('ecs'))
    expect(aws.service('ecs', 'us-east-1')).toBe(aws.service('ecs'))
    euEcs.seedService({ cluster: 'prod', name: 'api', taskDefinition: web, desiredCount: 3 })
    const registered = await eu.send(new RegisterTaskDefinitionCommand(web as never))
    expect(registered.taskDefinition?.taskDefinitionArn).toBe(
      'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:2',
    )
    await eu.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', taskDefinition: 'web:2' }))

    const inEu = (await eu.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] })))
      .services?.[0]
    const inUs = (await us.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] })))
      .services?.[0]
    expect([inEu?.serviceArn, inEu?.desiredCount, inEu?.taskDefinition, inEu?.deployments?.length]).toEqual([
      'arn:aws:ecs:eu-west-1:123456789012:service/prod/api',
      3,
      'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:2',
      2,
    ])
    expect([inUs?.serviceArn, inUs?.desiredCount, inUs?.taskDefinition, inUs?.deployments?.length]).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:service/prod/api',
      2,
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      1,
    ])
    // us-east-1 never registered revision 2, and an ARN of eu-west-1 names nothing there.
    const notHere = await failure(us.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:2' })))
    expect(notHere.name).toBe('ClientException')
    const foreign = await failure(
      us.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: registered.taskDefinition?.taskDefinitionArn }),
      ),
    )
    expect(foreign.name).toBe('ClientException')
  })

  it('SSM: a parameter written in one region is not found in another, and its ARN names its region', async () => {
    const us = client(new SSMClient({ ...clientConfig(aws), maxAttempts: 1 }))
    const eu = client(new SSMClient({ ...clientConfig(aws, EU), maxAttempts: 1 }))
    await eu.send(new PutParameterCommand({ Name: '/app/release', Value: 'v2', Type: 'String' }))
    expect((await failure(us.send(new GetParameterCommand({ Name: '/app/release' })))).name).toBe(
      'ParameterNotFound',
    )
    const out = await eu.send(new GetParameterCommand({ Name: '/app/release' }))
    expect([out.Parameter?.Value, out.Parameter?.ARN]).toEqual([
      'v2',
      'arn:aws:ssm:eu-west-1:123456789012:parameter/app/release',
    ])
    aws.service('ssm').putParameter({ Name: '/app/release', Value: 'v1' })
    expect((await us.send(new GetParameterCommand({ Name: '/app/release' }))).Parameter?.Value).toBe('v1')
    expect((await eu.send(new GetParameterCommand({ Name: '/app/release' }))).Parameter?.Version).toBe(1)
  })

  it('EC2: an image seeded in one region is listed there only', async () => {
    const us = client(new EC2Client({ ...clientConfig(aws), maxAttempts: 1 }))
    const eu = client(new EC2Client({ ...clientConfig(aws, EU), maxAttempts: 1 }))
    const image = aws.service('ec2', EU).seedImage({ Name: 'api-1' })
    expect((await us.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images).toEqual([])
    expect(
      (await eu.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images?.map((i) => i.ImageId),
    ).toEqual([image.ImageId])
    const notFound = await failure(us.send(new DescribeImagesCommand({ ImageIds: [image.ImageId] })))
    expect(notFound.name).toBe('InvalidAMIID.NotFound')
  })

  it('S3 and CloudFront are global: one module, and a bucket keeps the region it was created in', async () => {
    expect(aws.service('s3', EU)).toBe(aws.service('s3'))
    expect(aws.service('cloudfront', EU)).toBe(aws.service('cloudfront'))
    const eu = client(new S3Client({ ...clientConfig(aws, EU), forcePathStyle: true, maxAttempts: 1 }))
    const us = client(new S3Client({ ...clientConfig(aws), forcePathStyle: true, maxAttempts: 1 }))
    await eu.send(
      new CreateBucketCommand({ Bucket: 'eu-assets', CreateBucketConfiguration: { LocationConstraint: EU } }),
    )
    const head = await us.send(new HeadBucketCommand({ Bucket: 'eu-assets' }))
    expect(head.BucketRegion).toBe(EU)
    // The location constraint must match the region the request is signed for.
    const mismatch = await failure(
      us.send(
        new CreateBucketCommand({ Bucket: 'other', CreateBucketConfiguration: { LocationConstraint: EU } }),
      ),
    )
    expect(mismatch.name).toBe('IllegalLocationConstraintException')
  })
})

describe('the recorder, faults and scripting know regions', () => {
  it('records the region of each call, filters by it, and faults only the region named', async () => {
    const us = client(new SSMClient({ ...clientConfig(aws), maxAttempts: 1 }))
    const eu = client(new SSMClient({ ...clientConfig(aws, EU), maxAttempts: 1 }))
    aws.fault('ssm', 'PutParameter', { kind: 'throttle', region: EU })
    await us.send(new PutParameterCommand({ Name: 'p', Value: '1', Type: 'String' }))
    expect(
      (await failure(eu.send(new PutParameterCommand({ Name: 'p', Value: '1', Type: 'String' })))).name,
    ).toBe('ThrottlingException')
    await eu.send(new PutParameterCommand({ Name: 'p', Value: '1', Type: 'String' }))
    expect(aws.calls.map((c) => [c.region, c.operation, c.status])).toEqual([
      ['us-east-1', 'PutParameter', 200],
      [EU, 'PutParameter', 400],
      [EU, 'PutParameter', 200],
    ])
    expect(aws.callsOf('ssm', 'PutParameter', EU)).toHaveLength(2)
    expect(aws.mutatingCalls('us-east-1')).toHaveLength(1)
    expect(aws.regionsOf('ssm')).toEqual(['us-east-1', EU])
    expect(aws.regionsOf('s3')).toEqual(['us-east-1'])
  })

  it('reset clears the state of every region', async () => {
    aws.service('ssm', EU).putParameter({ Name: 'p', Value: 'eu' })
    aws.reset()
    expect(aws.service('ssm', EU).getParameter('p')).toBeUndefined()
  })

  it('the HTTP control API seeds a region with ?region= and lists its calls', async () => {
    const post = (path: string, body: unknown) =>
      rawRequest(aws.url, {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect(
      (await post(`/_aws-local/services/ssm/putParameter?region=${EU}`, [{ Name: 'seeded', Value: 'eu' }]))
        .status,
    ).toBe(200)
    expect(aws.service('ssm', EU).getParameter('seeded')?.Value).toBe('eu')
    expect(aws.service('ssm').getParameter('seeded')).toBeUndefined()
    expect(
      (await post('/_aws-local/services/ssm/putParameter?region=mars', [{ Name: 'x', Value: 'y' }])).status,
    ).toBe(400)

    const eu = client(new SSMClient({ ...clientConfig(aws, EU), maxAttempts: 1 }))
    await eu.send(new GetParameterCommand({ Name: 'seeded' }))
    const calls = JSON.parse(
      (await rawRequest(aws.url, { path: `/_aws-local/calls?region=${EU}` })).body,
    ) as {
      region: string
      operation: string
    }[]
    expect(calls.map((c) => [c.region, c.operation])).toEqual([[EU, 'GetParameter']])
    expect(
      JSON.parse((await rawRequest(aws.url, { path: '/_aws-local/calls?region=us-east-1' })).body),
    ).toEqual([])
  })

  it('refuses a request signed for something that is not a region', async () => {
    const response = await rawRequest(aws.url, {
      method: 'POST',
      path: '/',
      headers: {
        authorization: authFor('ssm', 'nowhere'),
        'x-amz-target': 'AmazonSSM.GetParameter',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{"Name":"p"}',
    })
    expect(response.status).toBe(400)
    expect(response.body).toContain('not a region name')
  })
})
