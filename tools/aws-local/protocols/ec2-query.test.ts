import {
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2'
import { startAwsLocal, type AwsLocal } from '../index'
import { authFor, clientConfig, failure, rawRequest } from '../test-helpers'

let aws: AwsLocal
let ec2: EC2Client

beforeAll(async () => {
  aws = await startAwsLocal()
  ec2 = new EC2Client(clientConfig(aws))
})
afterAll(async () => {
  ec2.destroy()
  await aws.close()
})
beforeEach(() => aws.reset())

const form = (params: Record<string, string>) => ({
  method: 'POST',
  path: '/',
  headers: {
    authorization: authFor('ec2'),
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
  },
  body: new URLSearchParams({ Version: '2016-11-15', ...params }).toString(),
})

describe('ec2 query protocol', () => {
  it('decodes filters and owners and the SDK decodes the item lists', async () => {
    const store = aws.service('ec2')
    const app = store.seedImage({ Name: 'app-2026-11-25', Tags: [{ Key: 'Release', Value: 'v7' }] })
    store.seedImage({ Name: 'app-2026-11-01', Tags: [{ Key: 'Release', Value: 'v6' }] })
    store.seedImage({ Name: 'other', OwnerId: '999999999999' })

    const out = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [
          { Name: 'name', Values: ['app-*'] },
          { Name: 'tag:Release', Values: ['v7', 'v9'] },
        ],
      }),
    )
    expect(aws.callsOf('ec2', 'DescribeImages')[0].input).toEqual({
      Owners: ['self'],
      Filters: [
        { Name: 'name', Values: ['app-*'] },
        { Name: 'tag:Release', Values: ['v7', 'v9'] },
      ],
    })
    expect(out.Images).toHaveLength(1)
    expect(out.Images?.[0]).toMatchObject({
      ImageId: app.ImageId,
      Name: 'app-2026-11-25',
      State: 'available',
      Public: false,
      Tags: [{ Key: 'Release', Value: 'v7' }],
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: { SnapshotId: app.BlockDeviceMappings[0].Ebs.SnapshotId, VolumeSize: 8 },
        },
      ],
    })
  })

  it('groups instances into reservations and filters by state and tag', async () => {
    const store = aws.service('ec2')
    const a = store.seedInstance({
      Tags: [{ Key: 'Role', Value: 'api' }],
      ReservationId: 'r-0123456789abcdef0',
    })
    const b = store.seedInstance({
      Tags: [{ Key: 'Role', Value: 'api' }],
      ReservationId: 'r-0123456789abcdef0',
    })
    store.seedInstance({ Tags: [{ Key: 'Role', Value: 'api' }], State: 'stopped' })
    const out = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:Role', Values: ['api'] },
          { Name: 'instance-state-name', Values: ['running'] },
        ],
      }),
    )
    expect(out.Reservations).toHaveLength(1)
    expect(out.Reservations?.[0].ReservationId).toBe('r-0123456789abcdef0')
    expect(out.Reservations?.[0].Instances?.map((i) => i.InstanceId)).toEqual([a.InstanceId, b.InstanceId])
    expect(out.Reservations?.[0].Instances?.[0].State).toEqual({ Code: 16, Name: 'running' })
    expect(out.Reservations?.[0].Instances?.[0].LaunchTime).toBeInstanceOf(Date)
  })

  it('deregisters an image, then lets its snapshot be deleted', async () => {
    const store = aws.service('ec2')
    const image = store.seedImage({ Name: 'old' })
    const snapshot = image.BlockDeviceMappings[0].Ebs.SnapshotId
    const inUse = await failure(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshot })))
    expect(inUse.name).toBe('InvalidSnapshot.InUse')
    await ec2.send(new DeregisterImageCommand({ ImageId: image.ImageId }))
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshot }))
    expect(store.getImage(image.ImageId)).toBeUndefined()
    expect(store.hasSnapshot(snapshot)).toBe(false)
    expect(aws.mutatingCalls().map((c) => `${c.operation}:${c.status}`)).toEqual([
      'DeleteSnapshot:400',
      'DeregisterImage:200',
      'DeleteSnapshot:200',
    ])
  })

  it('surfaces EC2 error codes through the SDK', async () => {
    const notFound = await failure(
      ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })),
    )
    expect(notFound.name).toBe('InvalidAMIID.NotFound')
    expect(notFound.message).toBe("The image id '[ami-0123456789abcdef0]' does not exist")
    const malformed = await failure(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-xyz'] })))
    expect(malformed.name).toBe('InvalidAMIID.Malformed')
  })

  it('lists regions', async () => {
    const out = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1', 'us-east-1'] }))
    expect(out.Regions?.map((r) => r.RegionName).sort()).toEqual(['eu-west-1', 'us-east-1'])
    expect(out.Regions?.[0].Endpoint).toMatch(/^ec2\.[a-z0-9-]+\.amazonaws\.com$/)
  })

  it('rejects a missing required parameter with MissingParameter in the EC2 error document', async () => {
    const response = await rawRequest(aws.url, form({ Action: 'DeregisterImage' }))
    expect(response.status).toBe(400)
    expect(response.body).toMatch(
      /<Response><Errors><Error><Code>MissingParameter<\/Code><Message>The request must contain the parameter ImageId<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    )
    expect(aws.callsOf('ec2', 'DeregisterImage')[0]).toMatchObject({
      status: 400,
      error: { code: 'MissingParameter' },
    })
  })

  it('rejects unknown actions and parameters', async () => {
    const action = await rawRequest(aws.url, form({ Action: 'LaunchRocket' }))
    expect(action.body).toContain('<Code>InvalidAction</Code>')
    const parameter = await rawRequest(aws.url, form({ Action: 'DescribeImages', Colour: 'blue' }))
    expect(parameter.body).toContain('<Code>UnknownParameter</Code>')
  })

  it('wraps responses in <ActionResponse> with a requestId and <item> lists', async () => {
    aws.service('ec2').seedImage({ Name: 'x' })
    const response = await rawRequest(aws.url, form({ Action: 'DescribeImages', 'Owner.1': 'self' }))
    expect(response.status).toBe(200)
    expect(response.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeImagesResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><imagesSet><item>/,
    )
    // Members come in the model's order, which changes between botocore releases.
    expect(response.body).toContain('<architecture>x86_64</architecture>')
    expect(response.body).toContain('<blockDeviceMapping><item>')
  })
})
