import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { assessNative, pauseNotice, stateText, testPoint, type NativeExpectation } from './native'
import { testFailureClause } from './smoke'
import { tdArn } from './testing'

const ARN = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/api/abc'

const expectation = (overrides: Partial<NativeExpectation> = {}): NativeExpectation => ({
  serviceDeploymentArn: ARN,
  strategy: 'BLUE_GREEN',
  waitFor: 'stable',
  taskDefinitionArn: tdArn('web', 43),
  previousTaskDefinitionArn: tdArn('web', 42),
  purpose: 'rollout',
  ...overrides,
})

const deployment = (overrides: Partial<ServiceDeployment> = {}): ServiceDeployment => ({
  serviceDeploymentArn: ARN,
  status: 'IN_PROGRESS',
  lifecycleStage: 'SCALE_UP',
  targetServiceRevision: { arn: 'rev', requestedProductionTrafficWeight: 0, requestedTestTrafficWeight: 0 },
  ...overrides,
})

describe('assessNative: a rollout', () => {
  it.each([
    ['PENDING', undefined, 'waiting', 'PENDING'],
    ['IN_PROGRESS', 'TEST_TRAFFIC_SHIFT', 'waiting', 'IN_PROGRESS, TEST_TRAFFIC_SHIFT'],
    ['IN_PROGRESS', 'BAKE_TIME', 'waiting', 'IN_PROGRESS, BAKE_TIME'],
    ['SUCCESSFUL', 'CLEAN_UP', 'done', 'SUCCESSFUL, CLEAN_UP'],
  ] as const)('%s %s is %s', (status, stage, phase, state) => {
    expect(assessNative(deployment({ status, lifecycleStage: stage }), expectation())).toEqual({
      phase,
      state,
    })
  })

  it('is done with traffic-shifted once production traffic has moved, not before', () => {
    const shifted = expectation({ waitFor: 'traffic-shifted' })
    expect(assessNative(deployment({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT' }), shifted).phase).toBe(
      'waiting',
    )
    for (const stage of ['POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP'] as const)
      expect(assessNative(deployment({ lifecycleStage: stage }), shifted)).toEqual({
        phase: 'done',
        state: `production traffic shifted (IN_PROGRESS, ${stage})`,
      })
    expect(assessNative(deployment({ lifecycleStage: 'BAKE_TIME' }), expectation()).phase).toBe('waiting')
  })

  it('follows a rollback ECS started itself, saying where and why', () => {
    const status = assessNative(
      deployment({
        status: 'ROLLBACK_IN_PROGRESS',
        lifecycleStage: 'BAKE_TIME',
        rollback: { reason: 'CloudWatch alarm errors went into ALARM state.' },
      }),
      expectation(),
    )
    expect(status).toEqual({
      phase: 'ecs-rolling-back',
      state: 'ROLLBACK_IN_PROGRESS, BAKE_TIME',
      failure: {
        reason:
          'ECS started rolling revision 43 back at BAKE_TIME (CloudWatch alarm errors went into ALARM state)',
        failedTasks: [],
      },
    })
    expect(assessNative(deployment({ status: 'ROLLBACK_SUCCESSFUL' }), expectation()).phase).toBe(
      'ecs-rolling-back',
    )
  })

  it('fails at STOPPED and ROLLBACK_FAILED, and when the deployment is gone', () => {
    expect(
      assessNative(
        deployment({
          status: 'STOPPED',
          statusReason: 'ECS deployment circuit breaker: tasks failed to start.',
        }),
        expectation(),
      ),
    ).toMatchObject({
      phase: 'failed',
      failure: {
        reason:
          'ECS stopped the deployment of revision 43 at SCALE_UP: ECS deployment circuit breaker: tasks failed to start',
      },
    })
    expect(assessNative(deployment({ status: 'ROLLBACK_FAILED' }), expectation())).toMatchObject({
      phase: 'failed',
      failure: { reason: 'ECS rolled revision 43 back at SCALE_UP, and the rollback failed' },
    })
    expect(assessNative(undefined, expectation())).toMatchObject({
      phase: 'failed',
      failure: { reason: `ECS no longer finds the service deployment of revision 43 (${ARN})` },
    })
  })
})

describe('assessNative: a rollback', () => {
  const rollback = expectation({ purpose: 'rollback' })
  it.each([
    ['IN_PROGRESS', 'waiting'],
    ['ROLLBACK_REQUESTED', 'waiting'],
    ['ROLLBACK_IN_PROGRESS', 'waiting'],
    ['ROLLBACK_SUCCESSFUL', 'done'],
    ['ROLLBACK_FAILED', 'failed'],
    ['SUCCESSFUL', 'failed'],
  ] as const)('%s is %s', (status, phase) => {
    expect(assessNative(deployment({ status }), rollback).phase).toBe(phase)
  })

  it('says a failed rollback is one', () => {
    expect(
      assessNative(
        deployment({ status: 'ROLLBACK_FAILED', statusReason: 'Tasks failed to start.' }),
        rollback,
      ),
    ).toMatchObject({
      failure: { reason: "ECS's rollback of revision 43 ended ROLLBACK_FAILED: Tasks failed to start" },
    })
  })
})

describe('stateText', () => {
  it('gives LINEAR and CANARY steps their share of production traffic', () => {
    const shifting = deployment({
      lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
      targetServiceRevision: { requestedProductionTrafficWeight: 12.5 },
    })
    expect(stateText(shifting, 'LINEAR')).toBe(
      'IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT, 12.5% of production traffic',
    )
    expect(stateText(shifting, 'CANARY')).toBe(
      'IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT, 12.5% of production traffic',
    )
    expect(stateText(shifting, 'BLUE_GREEN')).toBe('IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT')
  })
})

describe('pauseNotice', () => {
  it('names the stage, the hook, its expiry and its timeout action', () => {
    const paused = deployment({
      lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
      lifecycleHookDetails: [
        {
          hookId: 'h1',
          targetType: 'PAUSE',
          status: 'AWAITING_ACTION',
          expiresAt: new Date('2026-01-01T10:00:00Z'),
          timeoutAction: 'ROLLBACK',
        },
      ],
    })
    expect(pauseNotice(paused, 'api')).toBe(
      'Service api: ECS paused the deployment at POST_TEST_TRAFFIC_SHIFT for PAUSE hook h1; it waits for ContinueServiceDeployment until 2026-01-01T10:00:00.000Z, then ECS does ROLLBACK.',
    )
    expect(stateText(paused, 'BLUE_GREEN')).toBe('IN_PROGRESS, POST_TEST_TRAFFIC_SHIFT, paused by hook h1')
    expect(pauseNotice(deployment(), 'api')).toBeUndefined()
  })
})

describe('testPoint', () => {
  const paused = (stage: ServiceDeployment['lifecycleStage']) =>
    deployment({
      lifecycleStage: stage,
      lifecycleHookDetails: [{ hookId: 'h1', targetType: 'PAUSE', status: 'AWAITING_ACTION' }],
    })

  it('runs the test at a PAUSE hook of the test traffic stages, with the hook to answer', () => {
    const atHook = expectation({ test: 'hook' })
    expect(testPoint(paused('POST_TEST_TRAFFIC_SHIFT'), atHook)).toEqual({ hookId: 'h1' })
    expect(testPoint(paused('TEST_TRAFFIC_SHIFT'), atHook)).toEqual({ hookId: 'h1' })
    expect(testPoint(deployment({ lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' }), atHook)).toBeUndefined()
    expect(testPoint(paused('POST_SCALE_UP'), atHook)).toBeUndefined()
  })

  it('without a hook, runs it once test traffic has shifted, and never without a test', () => {
    const atStage = expectation({ test: 'stage' })
    expect(testPoint(deployment({ lifecycleStage: 'TEST_TRAFFIC_SHIFT' }), atStage)).toBeUndefined()
    expect(testPoint(deployment({ lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' }), atStage)).toEqual({})
    expect(testPoint(deployment({ lifecycleStage: 'BAKE_TIME' }), atStage)).toEqual({})
    expect(
      testPoint(deployment({ lifecycleStage: 'BAKE_TIME', status: 'SUCCESSFUL' }), atStage),
    ).toBeUndefined()
    expect(testPoint(deployment({ lifecycleStage: 'BAKE_TIME' }), expectation())).toBeUndefined()
  })

  it("with 'test-at: first-step', runs it once the first step put production traffic on the new revision", () => {
    const firstStep = expectation({ strategy: 'CANARY', test: 'first-step' })
    const shifting = (weight: number | undefined) =>
      deployment({
        lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
        targetServiceRevision: { requestedProductionTrafficWeight: weight },
      })
    expect(testPoint(deployment({ lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' }), firstStep)).toBeUndefined()
    expect(testPoint(shifting(0), firstStep)).toBeUndefined()
    expect(testPoint(shifting(undefined), firstStep)).toBeUndefined()
    expect(testPoint(shifting(10), firstStep)).toEqual({ productionPercent: 10 })
    // A step passed between two observations: still tested, with all traffic on the new revision.
    expect(testPoint(deployment({ lifecycleStage: 'BAKE_TIME' }), firstStep)).toEqual({
      productionPercent: 100,
    })
    expect(testPoint({ ...shifting(10), status: 'ROLLBACK_IN_PROGRESS' }, firstStep)).toBeUndefined()
  })
})

describe('testFailureClause', () => {
  it('gives the exit code and the last lines of output, or how it ended', () => {
    expect(testFailureClause({ passed: false, exitCode: 3, tail: ['a', 'b "c"'], durationMs: 10 })).toBe(
      'the test command failed with exit code 3 (output ends: "a" / "b \\"c\\"")',
    )
    expect(
      testFailureClause({
        passed: false,
        exitCode: null,
        how: 'did not finish within 15m 00s',
        tail: [],
        durationMs: 1,
      }),
    ).toBe('the test command did not finish within 15m 00s')
  })
})
