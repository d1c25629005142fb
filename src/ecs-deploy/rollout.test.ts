import { assess, isFailedTask, isHealthy, stoppedTasksClause, taskStopText } from './rollout'
import { deployment, expectation, service, stoppedTask, tdArn } from './testing'

const old = deployment({
  id: 'ecs-svc/0000',
  status: 'ACTIVE',
  taskDefinition: tdArn('web', 42),
  runningCount: 3,
  rolloutState: 'COMPLETED',
})

function observed(deployments = [deployment(), old], overrides = {}) {
  return { service: service('api', tdArn('web', 43), { deployments, ...overrides }), failedTasks: [] }
}

describe('rollout assessment', () => {
  it('reports a new deployment, then each step of progress', () => {
    expect(assess(observed(), expectation())).toEqual({
      phase: 'waiting',
      state: 'deployment created, 0/3 tasks running',
    })
    const progressing = observed([deployment({ runningCount: 1, pendingCount: 2 }), old])
    expect(assess(progressing, expectation())).toEqual({
      phase: 'waiting',
      state: '1/3 tasks running, 2 pending, 3 old tasks draining',
    })
  })

  it('is done when the rollout state is COMPLETED', () => {
    const done = observed([deployment({ runningCount: 3, rolloutState: 'COMPLETED' })])
    expect(assess(done, expectation())).toEqual({
      phase: 'done',
      state: 'rollout completed (3/3 tasks running)',
    })
  })

  it('waits, when its service deployment is known, until ECS also calls that SUCCESSFUL', () => {
    const done = observed([deployment({ runningCount: 3, rolloutState: 'COMPLETED' })])
    const arn = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/api/abc'
    const e = expectation({ serviceDeploymentArn: arn })
    const record = (status: 'IN_PROGRESS' | 'SUCCESSFUL') => ({ serviceDeploymentArn: arn, status })
    expect(assess({ ...done, serviceDeployment: record('IN_PROGRESS') }, e).phase).toBe('waiting')
    expect(assess({ ...done, serviceDeployment: record('SUCCESSFUL') }, e).phase).toBe('done')
    // A record ECS no longer finds does not hold the wait.
    expect(assess(done, e).phase).toBe('done')
  })

  it('waits while old deployments drain even when the new one runs its count', () => {
    const draining = observed([deployment({ runningCount: 3 }), old])
    expect(assess(draining, expectation()).phase).toBe('waiting')
  })

  it('without rollout state: done when one deployment runs the desired count', () => {
    const legacy = (deployments: ReturnType<typeof deployment>[]) => observed(deployments)
    const noState = { rolloutState: undefined }
    expect(
      assess(
        legacy([deployment({ ...noState, runningCount: 3 }), { ...old, rolloutState: undefined }]),
        expectation(),
      ).phase,
    ).toBe('waiting')
    expect(assess(legacy([deployment({ ...noState, runningCount: 2 })]), expectation()).phase).toBe('waiting')
    expect(assess(legacy([deployment({ ...noState, runningCount: 3 })]), expectation()).phase).toBe('done')
  })

  it('wait-for healthy: done once the new tasks run and pass their health checks, old tasks still draining', () => {
    const running = observed([deployment({ runningCount: 3 }), old])
    const healthy = {
      lastStatus: 'RUNNING',
      healthStatus: 'HEALTHY' as const,
      containers: [{ name: 'app', healthStatus: 'HEALTHY' as const }],
    }
    const starting = {
      ...healthy,
      healthStatus: 'UNKNOWN' as const,
      containers: [{ name: 'app', healthStatus: 'UNKNOWN' as const }],
    }
    const e = expectation({ waitFor: 'healthy', healthChecked: ['app'] })
    expect(assess({ ...running, runningTasks: [healthy, healthy, starting] }, e).phase).toBe('waiting')
    // While waiting, the state says how far health is: a timeout then says it was never reached.
    expect(assess({ ...running, runningTasks: [healthy, starting, starting] }, e).state).toBe(
      '3/3 tasks running, 3 old tasks draining, 1/3 healthy',
    )
    expect(assess({ ...running, runningTasks: [healthy, healthy, healthy] }, e)).toEqual({
      phase: 'done',
      state: 'healthy (3/3 tasks running, 3 old tasks draining)',
    })
    expect(
      assess(
        { ...running, runningTasks: [starting, starting, starting] },
        expectation({ waitFor: 'healthy' }),
      ).phase,
    ).toBe('done')
  })

  it('fails when the circuit breaker fails the rollout', () => {
    const failed = observed([
      deployment({
        rolloutState: 'FAILED',
        rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      }),
      old,
    ])
    expect(assess(failed, expectation())).toMatchObject({
      phase: 'failed',
      failure: {
        reason:
          "ECS's circuit breaker failed the rollout of revision 43 (ECS deployment circuit breaker: tasks failed to start)",
      },
    })
    expect(assess(failed, expectation({ ecsRollsBack: true })).phase).toBe('ecs-rolling-back')
    const tasks = [stoppedTask(), stoppedTask()]
    expect(assess({ ...failed, failedTasks: tasks }, expectation())).toMatchObject({
      failure: {
        reason:
          "2 tasks of revision 43 stopped: Essential container in task exited (exit code 1), and ECS's circuit breaker failed the rollout",
      },
    })
  })

  it('recognises a rollback ECS already started', () => {
    const rolledBack = observed([
      deployment({ id: 'ecs-svc/2222', taskDefinition: tdArn('web', 42), rolloutState: 'IN_PROGRESS' }),
      deployment({ status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'tasks failed to start' }),
    ])
    expect(assess(rolledBack, expectation({ ecsRollsBack: true }))).toMatchObject({
      phase: 'ecs-rolling-back',
      state: 'ECS is rolling back to revision 42',
    })
  })

  it('fails when another deployment replaced ours', () => {
    const replaced = observed([
      deployment({ id: 'ecs-svc/3333', taskDefinition: tdArn('web', 44) }),
      deployment({ status: 'ACTIVE' }),
    ])
    expect(assess(replaced, expectation())).toMatchObject({
      phase: 'failed',
      failure: { reason: 'another deployment (revision 44) replaced the rollout of revision 43' },
    })
  })

  it('fails fast once max-failed-tasks tasks of the deployment stopped', () => {
    const o = {
      ...observed([deployment({ runningCount: 1 }), old]),
      failedTasks: [stoppedTask(), stoppedTask()],
    }
    expect(assess(o, expectation({ maxFailedTasks: 3 })).phase).toBe('waiting')
    expect(assess(o, expectation({ maxFailedTasks: 2 }))).toMatchObject({
      phase: 'failed',
      failure: { reason: '2 tasks of revision 43 stopped: Essential container in task exited (exit code 1)' },
    })
  })

  it('fails when the service is deleted or draining', () => {
    expect(assess({ failedTasks: [] }, expectation())).toMatchObject({
      phase: 'failed',
      failure: { reason: 'the service was deleted during the rollout' },
    })
    expect(assess(observed(undefined, { status: 'DRAINING' }), expectation())).toMatchObject({
      phase: 'failed',
      failure: { reason: 'the service became DRAINING during the rollout' },
    })
  })

  it('follows a rollback ECS has not started yet', () => {
    const stillOurs = observed([deployment({ rolloutState: 'FAILED' }), old])
    const follow = expectation({
      deploymentId: undefined,
      taskDefinitionArn: tdArn('web', 42),
      previousTaskDefinitionArn: tdArn('web', 43),
    })
    expect(assess(stillOurs, follow)).toEqual({
      phase: 'waiting',
      state: 'waiting for ECS to start the deployment of revision 42',
    })
  })
})

describe('stopped tasks', () => {
  it('counts failures, not scale-ins or interruptions', () => {
    expect(isFailedTask(stoppedTask())).toBe(true)
    expect(
      isFailedTask(
        stoppedTask({ stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError: not found' }),
      ),
    ).toBe(true)
    expect(
      isFailedTask(
        stoppedTask({
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason: 'Task failed ELB health checks in (target-group x)',
        }),
      ),
    ).toBe(true)
    expect(
      isFailedTask(
        stoppedTask({
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason: 'Scaling activity initiated by deployment',
        }),
      ),
    ).toBe(false)
    expect(
      isFailedTask(
        stoppedTask({ stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' }),
      ),
    ).toBe(false)
  })

  it('explains a task with its exit code or container reason', () => {
    expect(taskStopText(stoppedTask())).toBe('Essential container in task exited (exit code 1)')
    const twoContainers = stoppedTask({
      containers: [
        { name: 'envoy', exitCode: 0 },
        { name: 'app', exitCode: 137 },
      ],
    })
    expect(taskStopText(twoContainers)).toBe(
      'Essential container in task exited (container app, exit code 137)',
    )
    const pull = stoppedTask({
      stopCode: 'TaskFailedToStart',
      stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
      containers: [{ name: 'app', reason: 'CannotPullContainerError: ref not found' }],
    })
    expect(taskStopText(pull)).toBe(
      'CannotPullContainerError: pull image manifest has been retried 5 time(s) (CannotPullContainerError: ref not found)',
    )
  })

  it('groups reasons, most frequent first', () => {
    const health = stoppedTask({
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: 'Task failed container health checks',
      containers: [{ name: 'app' }],
    })
    expect(stoppedTasksClause([stoppedTask(), health, health], 'revision 43')).toBe(
      '3 tasks of revision 43 stopped: Task failed container health checks (2x); Essential container in task exited (exit code 1) (1x)',
    )
    expect(stoppedTasksClause([stoppedTask()], 'revision 43')).toBe(
      '1 task of revision 43 stopped: Essential container in task exited (exit code 1)',
    )
  })

  it('checks health of the containers that define a check', () => {
    const task = {
      lastStatus: 'RUNNING',
      containers: [
        { name: 'app', healthStatus: 'HEALTHY' as const },
        { name: 'envoy', healthStatus: 'UNKNOWN' as const },
      ],
    }
    expect(isHealthy(task, ['app'])).toBe(true)
    expect(isHealthy(task, ['app', 'envoy'])).toBe(false)
    expect(isHealthy({ ...task, lastStatus: 'PENDING' }, [])).toBe(false)
  })
})
