import type { Task } from '@aws-sdk/client-ecs'
import { assess } from './rollout'
import { assessTargets, privateIpOf, targetGroupName, targetGroupsOf, taskTargets } from './target-health'
import { deployment, expectation, service, tdArn } from './testing'

const tg = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/6d0ecf831eec9f09'
const task = (id: string, ip?: string): Task => ({
  taskArn: `arn:aws:ecs:us-east-1:123456789012:task/prod/${id}`,
  lastStatus: 'RUNNING',
  healthStatus: 'HEALTHY',
  containers: [{ name: 'app', healthStatus: 'HEALTHY' }],
  attachments: ip
    ? [
        {
          type: 'ElasticNetworkInterface',
          details: [
            { name: 'subnetId', value: 's' },
            { name: 'privateIPv4Address', value: ip },
          ],
        },
      ]
    : [],
})
const use = { targetGroupArn: tg, containerName: 'app', containerPort: 8080 }

describe('target health', () => {
  it("finds a service's target groups and its tasks' targets by private IPv4 and container port", () => {
    const api = service('api', tdArn('web', 2), {
      loadBalancers: [
        { targetGroupArn: tg, containerName: 'app', containerPort: 8080 },
        { loadBalancerName: 'classic', containerName: 'app', containerPort: 80 },
      ],
    })
    expect(targetGroupsOf(api)).toEqual([use])
    expect(targetGroupsOf(service('worker', tdArn('web', 2)))).toEqual([])
    expect(targetGroupName(tg)).toBe('web-tg')
    expect(privateIpOf(task('a', '10.0.1.5'))).toBe('10.0.1.5')
    // A task without an address (bridge network mode) has no ip target to look up.
    expect(taskTargets([task('a', '10.0.1.5'), task('b')], use)).toEqual([
      { taskArn: task('a').taskArn, id: '10.0.1.5', port: 8080 },
    ])
  })

  it("counts healthy targets and names the others with ELB's reason and description", () => {
    const targets = taskTargets([task('aaa', '10.0.1.5'), task('bbb', '10.0.1.6')], use)
    const observation = {
      targetGroupArn: tg,
      targets,
      descriptions: [
        { Target: { Id: '10.0.1.5', Port: 8080 }, TargetHealth: { State: 'healthy' as const } },
        {
          Target: { Id: '10.0.1.6', Port: 8080 },
          TargetHealth: {
            State: 'unhealthy' as const,
            Reason: 'Target.ResponseCodeMismatch' as const,
            Description: 'Health checks failed with these codes: [503]',
          },
        },
      ],
    }
    expect(assessTargets([observation])).toEqual({
      healthy: false,
      groups: [
        '1 of 2 targets healthy in target group web-tg (10.0.1.6:8080 (task bbb) unhealthy: Target.ResponseCodeMismatch, Health checks failed with these codes: [503])',
      ],
      counts: ['1 of 2 targets healthy in target group web-tg'],
    })
    // A target ELB does not mention is not registered yet; all healthy is healthy.
    expect(assessTargets([{ ...observation, descriptions: [] }]).groups[0]).toContain(
      '10.0.1.5:8080 (task aaa) unused: Target.NotRegistered',
    )
    const allHealthy = observation.descriptions.map((d) => ({
      ...d,
      TargetHealth: { State: 'healthy' as const },
    }))
    expect(assessTargets([{ ...observation, descriptions: allHealthy }])).toEqual({
      healthy: true,
      groups: ['2 of 2 targets healthy in target group web-tg'],
      counts: ['2 of 2 targets healthy in target group web-tg'],
    })
  })

  it('keeps wait-for healthy waiting behind a target group until ELB reports the targets healthy', () => {
    const api = service('api', tdArn('web', 43), {
      deployments: [deployment({ runningCount: 3 })],
      loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 8080 }],
    })
    const running = [task('a', '10.0.1.1'), task('b', '10.0.1.2'), task('c', '10.0.1.3')]
    const e = expectation({ waitFor: 'healthy', healthChecked: ['app'] })
    const base = { service: api, failedTasks: [], runningTasks: running }
    // Container-healthy but not yet looked up in ELB: not done.
    expect(assess(base, e).phase).toBe('waiting')
    const unhealthy = {
      healthy: false,
      groups: ['2 of 3 targets healthy in target group web-tg (...)'],
      counts: ['2 of 3 targets healthy in target group web-tg'],
    }
    expect(assess({ ...base, targets: unhealthy }, e)).toEqual({
      phase: 'waiting',
      state: '3/3 tasks running, 3/3 healthy, 2 of 3 targets healthy in target group web-tg (...)',
    })
    expect(assess({ ...base, targets: { healthy: true, groups: [], counts: [] } }, e).phase).toBe('done')
    // wait-for: completed does not look at targets.
    expect(
      assess(
        {
          ...base,
          service: { ...api, deployments: [deployment({ runningCount: 3, rolloutState: 'COMPLETED' })] },
        },
        expectation(),
      ).phase,
    ).toBe('done')
  })
})

describe('target groups whose tasks have no address of their own', () => {
  it('are said not to be checked, and leave the verdict to the container health checks', () => {
    const assessment = assessTargets([
      { targetGroupArn: tg, targets: taskTargets([task('a')], use), descriptions: [] },
    ])
    expect(assessment.healthy).toBe(true)
    expect(assessment.counts).toEqual([
      'target group web-tg not checked (its tasks are registered by container instance)',
    ])
  })
})
