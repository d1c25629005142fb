import type { ServiceDeployment } from '@aws-sdk/client-ecs'
import { anySignal } from '../common/cancel'
import { CancelledError } from '../common/errors'
import { debugLogger, formatDuration } from '../common/log'
import { waitFor } from '../common/wait'
import { POLL_MAX_DELAY_MS, POLL_MIN_DELAY_MS } from './constants'
import type { Ecs } from './ecs'
import { assessNative, pauseNotice, testPoint, type NativeExpectation, type TestPoint } from './native'
import type { Status } from './rollout'
import { combined, isTerminal, markTimedOut, stopped, type Outcome, type WatchOptions } from './watch'

/**
 * Following native deployments (BLUE_GREEN, LINEAR, CANARY) through the ServiceDeployment API:
 * one DescribeServiceDeployments call per poll for every followed deployment of a region (20
 * per call), each assessed on its own; each change of status, lifecycle stage or traffic step is
 * logged once, and each status and stage is marked with the time it was first seen, for the
 * summary's timeline. A PAUSE hook holding a deployment is reported once, as a warning.
 */

export interface NativeTracked {
  service: string
  expectation: NativeExpectation
}

export interface FollowOptions extends WatchOptions {
  /**
   * Runs the smoke test of a deployment that reached its test point (once per deployment); a
   * status it returns replaces the deployment's (a failed test has asked for a rollback).
   */
  onTest?: (t: NativeTracked, deployment: ServiceDeployment, point: TestPoint) => Promise<Status | undefined>
}

export async function followDeployments(
  ecs: Ecs,
  tracked: NativeTracked[],
  options: FollowOptions,
): Promise<Outcome[]> {
  const now = options.now ?? Date.now
  const started = now()
  const outcomes = new Map<string, Outcome>()
  const noticed = new Set<string>()
  const tested = new Set<string>()
  const pending = (): NativeTracked[] => tracked.filter((t) => !isTerminal(outcomes.get(t.service)?.status))

  const poll = async (): Promise<void> => {
    const current = pending()
    const found = await ecs.describeServiceDeployments(current.map((t) => t.expectation.serviceDeploymentArn))
    for (const t of current) {
      const deployment = found.find((d) => d.serviceDeploymentArn === t.expectation.serviceDeploymentArn)
      let status = assessNative(deployment, t.expectation)
      const point =
        deployment && status.phase === 'waiting' ? testPoint(deployment, t.expectation) : undefined
      const previous = outcomes.get(t.service)
      const elapsedMs = now() - started
      if (previous?.status.state !== status.state)
        options.logger.info(`${options.label} ${t.service}: ${status.state} (${formatDuration(elapsedMs)})`)
      const stages = [...(previous?.stages ?? [])]
      const stage = deployment ? stageOf(deployment) : undefined
      if (stage && stages.at(-1)?.stage !== stage) stages.push({ stage, atMs: elapsedMs })
      if (!point?.hookId) notice(deployment, t.service)
      if (point && options.onTest && !tested.has(t.service)) {
        tested.add(t.service)
        const verdict = await options.onTest(t, deployment as ServiceDeployment, point)
        if (verdict) {
          status = verdict
          options.logger.info(
            `${options.label} ${t.service}: ${status.state} (${formatDuration(now() - started)})`,
          )
        }
      }
      outcomes.set(t.service, {
        service: t.service,
        status,
        events: deployment?.statusReason ? [deployment.statusReason] : [],
        elapsedMs,
        stages,
      })
    }
  }

  const notice = (deployment: ServiceDeployment | undefined, service: string): void => {
    const sentence = deployment ? pauseNotice(deployment, service) : undefined
    if (!sentence || noticed.has(sentence)) return
    noticed.add(sentence)
    options.logger.warning(sentence)
  }

  const stop = options.stop
  let result: Awaited<ReturnType<typeof waitFor>>
  try {
    result = await waitFor({
      label: `${options.label} ${tracked.map((t) => t.service).join(', ')}`,
      poll,
      assess: () => combined(tracked, outcomes, options.until ?? 'first-failure'),
      timeoutMs: options.timeoutMs,
      minDelayMs: options.minDelayMs ?? POLL_MIN_DELAY_MS,
      maxDelayMs: options.maxDelayMs ?? POLL_MAX_DELAY_MS,
      signal: anySignal(options.signal, stop),
      sleep: options.sleep,
      now,
      logger: debugLogger(options.logger),
    })
  } catch (error) {
    if (!(error instanceof CancelledError) || !stop?.aborted || options.signal?.aborted) throw error
    return stopped(tracked, outcomes, options, now() - started)
  }
  if (result.outcome === 'timeout') markTimedOut(tracked, outcomes, options, now() - started)
  return tracked.map((t) => outcomes.get(t.service) as Outcome)
}

/** The timeline's name for where a deployment is: its stage while IN_PROGRESS, else its status. */
export function stageOf(deployment: ServiceDeployment): string {
  if (deployment.status === 'IN_PROGRESS' && deployment.lifecycleStage) return deployment.lifecycleStage
  return deployment.status ?? 'PENDING'
}
