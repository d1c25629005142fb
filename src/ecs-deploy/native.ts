import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import type { WaitFor } from './inputs'
import type { Status } from './rollout'
import type { Strategy } from './state'
import { revisionText } from './task-definition'

/**
 * Native deployments (BLUE_GREEN, LINEAR, CANARY): a pure function from one observation of a
 * ServiceDeployment to where it stands. ECS records the deployment's status and the lifecycle
 * stage it has reached (the ServiceDeployment shape of the ECS API reference,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeployment.html):
 *
 * - a rollout is done at SUCCESSFUL (after the bake time and clean-up), or with
 *   `wait-for: traffic-shifted` once production traffic has moved (POST_PRODUCTION_TRAFFIC_SHIFT
 *   and later stages);
 * - it failed at STOPPED (nothing rolls it back), at ROLLBACK_FAILED, and when ECS rolls it
 *   back by itself (ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL: an alarm, the
 *   circuit breaker or a lifecycle hook decided), which is followed, never fought;
 * - a rollback is done at ROLLBACK_SUCCESSFUL and failed at ROLLBACK_FAILED.
 */

export interface NativeExpectation {
  serviceDeploymentArn: string
  strategy: Strategy
  waitFor: WaitFor
  taskDefinitionArn: string
  previousTaskDefinitionArn: string
  /** Following the rollout, or its rollback (asked for with StopServiceDeployment, or ECS's own). */
  purpose: 'rollout' | 'rollback'
  /**
   * `test-command` runs at the PAUSE hook of the test traffic stages, once they are passed, or
   * once the first step of production traffic reached the new revision (LINEAR, CANARY).
   */
  test?: TestAt
}

export type TestAt = 'hook' | 'stage' | 'first-step'

/** Where a deployment stands when its smoke test runs. */
export interface TestPoint {
  /** The PAUSE hook holding it, answered with CONTINUE or ROLLBACK. */
  hookId?: string
  /** For `test-at: first-step`: the share of production traffic on the new revision. */
  productionPercent?: number
}

/** Stages during which test traffic reaches the new revision, before production traffic does. */
export const TEST_STAGES: readonly string[] = ['TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT']
/** Hook stages at which a PAUSE hook holds the deployment with test traffic on the new revision. */
export const TEST_HOOK_STAGES: readonly string[] = [...TEST_STAGES, 'PRE_PRODUCTION_TRAFFIC_SHIFT']
const AFTER_TEST_TRAFFIC = [
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
]

/** Stages at which all production traffic is on the new revision. */
const SHIFTED = ['POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP']

/**
 * Whether the smoke test runs now: at a PAUSE hook holding a test traffic stage (its id, to
 * continue or roll back); without such a hook, once test traffic has fully shifted; for
 * `test-at: first-step`, once the first step of a LINEAR or CANARY deployment has put a share
 * of production traffic on the new revision (its percentage), or any later stage if that step
 * passed between two observations.
 */
export function testPoint(
  deployment: ServiceDeployment,
  expectation: NativeExpectation,
): TestPoint | undefined {
  if (!expectation.test || deployment.status !== 'IN_PROGRESS') return undefined
  const stage = deployment.lifecycleStage ?? ''
  if (expectation.test === 'hook') {
    const hook = pausedHook(deployment)
    return hook && TEST_STAGES.includes(stage) ? { hookId: hook.hookId } : undefined
  }
  if (expectation.test === 'first-step') {
    if (SHIFTED.includes(stage)) return { productionPercent: 100 }
    const weight = deployment.targetServiceRevision?.requestedProductionTrafficWeight ?? 0
    return stage === 'PRODUCTION_TRAFFIC_SHIFT' && weight > 0 ? { productionPercent: weight } : undefined
  }
  return AFTER_TEST_TRAFFIC.includes(stage) ? {} : undefined
}

const ROLLING_BACK: readonly string[] = ['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL']

export function assessNative(
  deployment: ServiceDeployment | undefined,
  expectation: NativeExpectation,
): Status {
  const revision = revisionText(expectation.taskDefinitionArn, expectation.previousTaskDefinitionArn)
  if (!deployment) {
    const reason = `ECS no longer finds the service deployment of ${revision} (${expectation.serviceDeploymentArn})`
    return { phase: 'failed', state: 'service deployment not found', failure: { reason, failedTasks: [] } }
  }
  const state = stateText(deployment, expectation.strategy)
  const why = deployment.statusReason ? `: ${deployment.statusReason.replace(/\.$/, '')}` : ''
  const at = deployment.lifecycleStage ? ` at ${deployment.lifecycleStage}` : ''
  const status = deployment.status ?? 'PENDING'
  if (expectation.purpose === 'rollback') {
    if (status === 'ROLLBACK_SUCCESSFUL') return { phase: 'done', state }
    if (status === 'ROLLBACK_FAILED')
      return failed(state, `ECS's rollback of ${revision} ended ROLLBACK_FAILED${why}`)
    if (status === 'SUCCESSFUL' || status === 'STOPPED')
      return failed(state, `the deployment of ${revision} ended ${status} instead of rolling back${why}`)
    return { phase: 'waiting', state }
  }
  if (status === 'SUCCESSFUL') return { phase: 'done', state }
  if (status === 'ROLLBACK_FAILED')
    return failed(state, `ECS rolled ${revision} back${at}, and the rollback failed${why}`)
  if (ROLLING_BACK.includes(status)) {
    const reason = deployment.rollback?.reason ?? deployment.statusReason
    return {
      phase: 'ecs-rolling-back',
      state,
      failure: {
        reason: `ECS started rolling ${revision} back${at}${reason ? ` (${reason.replace(/\.$/, '')})` : ''}`,
        failedTasks: [],
      },
    }
  }
  if (status === 'STOPPED' || status === 'STOP_REQUESTED')
    return failed(state, `ECS stopped the deployment of ${revision}${at}${why}`)
  if (
    expectation.waitFor === 'traffic-shifted' &&
    status === 'IN_PROGRESS' &&
    SHIFTED.includes(deployment.lifecycleStage ?? '')
  )
    return { phase: 'done', state: `production traffic shifted (${state})` }
  return { phase: 'waiting', state }
}

function failed(state: string, reason: string): Status {
  return { phase: 'failed', state, failure: { reason, failedTasks: [] } }
}

/**
 * `IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT, 20% of production traffic`; a change of it is one log
 * line. The percentage is the target revision's requested production traffic weight, shown for
 * LINEAR and CANARY while their steps shift traffic.
 */
export function stateText(deployment: ServiceDeployment, strategy: Strategy): string {
  const parts: string[] = [deployment.status ?? 'PENDING']
  if (deployment.lifecycleStage) parts.push(deployment.lifecycleStage)
  const weight = deployment.targetServiceRevision?.requestedProductionTrafficWeight
  if (
    (strategy === 'LINEAR' || strategy === 'CANARY') &&
    deployment.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT' &&
    deployment.status === 'IN_PROGRESS' &&
    weight !== undefined
  )
    parts.push(`${formatPercent(weight)}% of production traffic`)
  const paused = pausedHook(deployment)
  if (paused) parts.push(`paused by hook ${paused.hookId}`)
  return parts.join(', ')
}

function formatPercent(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

/** The PAUSE lifecycle hook that holds the deployment, awaiting ContinueServiceDeployment. */
export function pausedHook(
  deployment: ServiceDeployment,
): { hookId: string; expiresAt?: Date; timeoutAction?: string } | undefined {
  const hook = deployment.lifecycleHookDetails?.find(
    (h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION',
  )
  if (!hook?.hookId) return undefined
  return { hookId: hook.hookId, expiresAt: hook.expiresAt, timeoutAction: hook.timeoutAction }
}

/** The sentence that reports a PAUSE hook nobody told the action about. */
export function pauseNotice(deployment: ServiceDeployment, service: string): string | undefined {
  const hook = pausedHook(deployment)
  if (!hook) return undefined
  const until = hook.expiresAt ? ` until ${new Date(hook.expiresAt).toISOString()}` : ''
  const then = hook.timeoutAction ? `, then ECS does ${hook.timeoutAction}` : ''
  return `Service ${service}: ECS paused the deployment at ${deployment.lifecycleStage ?? 'its current stage'} for PAUSE hook ${hook.hookId}; it waits for ContinueServiceDeployment${until}${then}.`
}
