import { cancelledError } from '../common/cancel'
import type { Logger } from '../common/log'
import { formatDuration } from '../common/log'
import { spawnProcess } from '../common/process'

/**
 * The smoke test of a native deployment: `test-command` run on the runner by bash once test
 * traffic reaches the new revision. The command is run as it was written; what it is about (the
 * test listener's URL, the service, the deployment's ids) reaches it only through environment
 * variables, never by substitution into its text.
 */

export interface TestContext {
  command: string
  url?: string
  region: string
  cluster: string
  service: string
  serviceDeploymentArn: string
  deploymentId?: string
  taskDefinitionArn: string
  /** For `test-at: first-step`: the share of production traffic the new revision has. */
  productionPercent?: number
}

export interface TestResult {
  passed: boolean
  exitCode: number | null
  /** Why it did not pass, when it did not exit: a signal, the time limit. */
  how?: string
  /** Its last lines of output (stdout and stderr, in order). */
  tail: string[]
  durationMs: number
}

/** How many lines of the command's output the failure sentence quotes. */
export const TAIL_LINES = 3

export function testEnvironment(t: TestContext): Record<string, string> {
  return {
    INFRA_ACTIONS_TEST_URL: t.url ?? '',
    INFRA_ACTIONS_REGION: t.region,
    INFRA_ACTIONS_CLUSTER: t.cluster,
    INFRA_ACTIONS_SERVICE: t.service,
    INFRA_ACTIONS_SERVICE_DEPLOYMENT_ARN: t.serviceDeploymentArn,
    INFRA_ACTIONS_DEPLOYMENT_ID: t.deploymentId ?? '',
    INFRA_ACTIONS_TASK_DEFINITION_ARN: t.taskDefinitionArn,
    INFRA_ACTIONS_PRODUCTION_TRAFFIC_PERCENT:
      t.productionPercent === undefined ? '' : String(t.productionPercent),
  }
}

export async function runTest(
  t: TestContext,
  options: { timeoutMs: number; signal?: AbortSignal; logger: Logger },
): Promise<TestResult> {
  const tail: string[] = []
  const label = `[${t.region}] ${t.service} test |`
  const line = (text: string): void => {
    options.logger.info(`${label} ${text}`)
    tail.push(text)
    if (tail.length > 20) tail.shift()
  }
  const moment =
    t.productionPercent === undefined
      ? 'test traffic reaches the new revision'
      : `the new revision has ${t.productionPercent}% of production traffic`
  options.logger.info(`[${t.region}] ${t.service}: ${moment}; running the test command`)
  const result = await spawnProcess('bash', ['-e', '-o', 'pipefail', '-c', t.command], {
    env: testEnvironment(t),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    logger: options.logger,
    onStdoutLine: line,
    onStderrLine: line,
    display: `bash -c ${JSON.stringify(t.command)}`,
  }).done
  if (result.cancelled && options.signal?.aborted) throw cancelledError(options.signal)
  const passed = result.exitCode === 0
  const how = result.timedOut
    ? `did not finish within ${formatDuration(options.timeoutMs)}`
    : result.signal
      ? `was killed by ${result.signal}`
      : undefined
  options.logger.info(
    `[${t.region}] ${t.service}: the test command ${passed ? 'passed' : 'failed'} (${how ?? `exit code ${result.exitCode}`}, ${formatDuration(result.durationMs)})`,
  )
  return {
    passed,
    exitCode: result.exitCode,
    how,
    tail: tail.filter((l) => l.trim() !== '').slice(-TAIL_LINES),
    durationMs: result.durationMs,
  }
}

/** `the test command failed with exit code 3 (output ends: "expected 200" / "got 503")`. */
export function testFailureClause(result: TestResult): string {
  const how = result.how ?? `failed with exit code ${result.exitCode}`
  const tail =
    result.tail.length > 0 ? ` (output ends: ${result.tail.map((l) => JSON.stringify(l)).join(' / ')})` : ''
  return `the test command ${how}${tail}`
}
