import { DescribeTasksCommand, ECSClient, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs'
import {
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { startAwsLocal, type AwsLocal } from '../index'
import { authFor, clientConfig, failure, rawRequest, sampleTaskDefinition } from '../test-helpers'

let aws: AwsLocal
let elb: ElasticLoadBalancingV2Client
let ecs: ECSClient

beforeAll(async () => {
  aws = await startAwsLocal()
  elb = new ElasticLoadBalancingV2Client({ ...clientConfig(aws), maxAttempts: 1 })
  ecs = new ECSClient({ ...clientConfig(aws), maxAttempts: 1 })
})
afterAll(async () => {
  elb.destroy()
  ecs.destroy()
  await aws.close()
})
beforeEach(() => {
  aws.reset()
  aws.clock.freeze()
})

describe('elbv2 query protocol', () => {
  it('round-trips CreateTargetGroup and DescribeTargetGroups through the SDK', async () => {
    const created = await elb.send(
      new CreateTargetGroupCommand({
        Name: 'web-tg',
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: 'vpc-1',
        TargetType: 'ip',
      }),
    )
    const group = created.TargetGroups?.[0]
    expect(group).toMatchObject({
      TargetGroupName: 'web-tg',
      Port: 8080,
      TargetType: 'ip',
      HealthCheckEnabled: true,
    })
    expect(group?.TargetGroupArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/web-tg\/[0-9a-f]{16}$/,
    )
    // The form the SDK sent, decoded by the model: the list as `Names.member.1`.
    const out = await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-tg'] }))
    expect(aws.callsOf('elbv2', 'DescribeTargetGroups')[0].input).toEqual({ Names: ['web-tg'] })
    expect(out.TargetGroups?.map((g) => g.TargetGroupArn)).toEqual([group?.TargetGroupArn])
  })

  it('answers in the XML wire format with the request id, and errors as ErrorResponse', async () => {
    const body = new URLSearchParams({
      Action: 'DescribeTargetGroups',
      Version: '2015-12-01',
      'Names.member.1': 'missing',
    }).toString()
    const res = await rawRequest(aws.url, {
      method: 'POST',
      path: '/',
      headers: {
        authorization: authFor('elasticloadbalancing'),
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      },
      body,
    })
    expect(res.status).toBe(400)
    expect(res.body).toMatch(
      /<ErrorResponse xmlns="http:\/\/elasticloadbalancing\.amazonaws\.com\/doc\/2015-12-01\/"><Error><Type>Sender<\/Type><Code>TargetGroupNotFound<\/Code><Message>One or more target groups not found<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>/,
    )
    // Unsigned, the form's Version tells elbv2 from ec2.
    const ok = await rawRequest(aws.url, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeTargetGroups&Version=2015-12-01',
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatch(
      /<DescribeTargetGroupsResponse xmlns="[^"]+"><DescribeTargetGroupsResult><TargetGroups><\/TargetGroups><\/DescribeTargetGroupsResult><ResponseMetadata><RequestId>/,
    )
  })

  it('gives the SDK the model error codes and validates input against the model', async () => {
    const missing = await failure(
      elb.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/0',
        }),
      ),
    )
    expect(missing.name).toBe('TargetGroupNotFoundException')
    expect(missing.$metadata.httpStatusCode).toBe(400)
    const invalid = await failure(
      elb.send(new RegisterTargetsCommand({ TargetGroupArn: 'x', Targets: [{ Id: 'a', Port: 0 }] })),
    )
    expect(invalid.name).toBe('ValidationError')
    expect(invalid.message).toContain("at 'targets.1.member.port' failed to satisfy constraint")
  })
})

describe('elbv2 target health', () => {
  it('registers targets, reports initial then healthy, then draining once deregistered', async () => {
    const group = aws.service('elbv2').seedTargetGroup({ name: 'web-tg', port: 8080 })
    const arn = group.TargetGroupArn
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.9.9' }] }))
    const health = async () =>
      (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions
    expect(await health()).toEqual([
      {
        Target: { Id: '10.0.9.9', Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: {
          State: 'initial',
          Reason: 'Elb.RegistrationInProgress',
          Description: 'Target registration is in progress',
        },
      },
    ])
    aws.clock.advance(600)
    expect((await health())?.[0].TargetHealth).toEqual({ State: 'healthy' })
    await elb.send(new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.9.9' }] }))
    expect((await health())?.[0].TargetHealth).toMatchObject({
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
    })
    aws.clock.advance(500)
    expect(await health()).toEqual([])
    // A target asked for by id that is not registered.
    const unused = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.9.9', Port: 8080 }] }),
    )
    expect(unused.TargetHealthDescriptions?.[0].TargetHealth).toMatchObject({
      State: 'unused',
      Reason: 'Target.NotRegistered',
    })
    const wrongType = await failure(
      elb.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: 'i-0123456789abcdef0' }] })),
    )
    expect(wrongType.name).toBe('InvalidTargetException')
  })

  it("registers an ECS service's tasks by private IP and container port, with the scripted health per revision", async () => {
    const ecsModule = aws.service('ecs')
    const group = aws.service('elbv2').seedTargetGroup({ name: 'api-tg', port: 80 })
    const lb = { targetGroupArn: group.TargetGroupArn, containerName: 'app', containerPort: 8080 }
    ecsModule.seedService({
      cluster: 'prod',
      name: 'api',
      taskDefinition: sampleTaskDefinition,
      desiredCount: 2,
      loadBalancers: [lb],
    })
    const next = ecsModule.seedTaskDefinition(sampleTaskDefinition)
    aws.service('elbv2').scriptTargetHealth('api-tg', {
      taskDefinition: 'web:2',
      state: 'unhealthy',
      reason: 'Target.ResponseCodeMismatch',
      description: 'Health checks failed with these codes: [503]',
    })
    aws.clock.advance(600)
    const before = (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn })))
      .TargetHealthDescriptions
    // The targets are the tasks' own addresses, read back through ECS.
    const arns = (await ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'api' }))).taskArns
    const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: arns }))).tasks ?? []
    const ips = tasks.map(
      (t) => t.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value,
    )
    expect(before?.map((d) => d.Target?.Id).sort()).toEqual([...ips].sort())
    expect(before?.every((d) => d.Target?.Port === 8080 && d.TargetHealth?.State === 'healthy')).toBe(true)

    await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'api', taskDefinition: next }))
    aws.clock.advance(1500)
    // The new tasks start (and register) when the service is next looked at, then check for 600 ms.
    expect(
      aws
        .service('elbv2')
        .targetHealth('api-tg')
        .filter((t) => t.state === 'initial'),
    ).toHaveLength(2)
    aws.clock.advance(600)
    const after = aws.service('elbv2').targetHealth('api-tg')
    const fresh = after.filter((t) => !ips.includes(t.id))
    expect(fresh).toHaveLength(2)
    expect(fresh.every((t) => t.state === 'unhealthy' && t.reason === 'Target.ResponseCodeMismatch')).toBe(
      true,
    )
  })

  it('rejects a service naming a target group that does not exist', async () => {
    aws.service('ecs').seedService({ cluster: 'prod', name: 'api', taskDefinition: sampleTaskDefinition })
    const missing = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef'
    const error = await failure(
      ecs.send(
        new UpdateServiceCommand({
          cluster: 'prod',
          service: 'api',
          loadBalancers: [{ targetGroupArn: missing, containerName: 'app', containerPort: 80 }],
        }),
      ),
    )
    expect(error.name).toBe('InvalidParameterException')
    expect(error.message).toContain(missing)
  })
})
