/** Input and output names of deploy-binary, defined once. */
export const Input = {
  file: 'file',
  sha256: 'sha256',
  bucket: 'bucket',
  prefix: 'prefix',
  version: 'version',
  binaryName: 'binary-name',
  pointerKey: 'pointer-key',
  instanceIds: 'instance-ids',
  targets: 'targets',
  maxConcurrency: 'max-concurrency',
  maxErrors: 'max-errors',
  service: 'service',
  commands: 'commands',
  healthCheck: 'health-check',
  healthCheckTimeout: 'health-check-timeout',
  workingDirectory: 'working-directory',
  deliveryTimeout: 'delivery-timeout',
  executionTimeout: 'execution-timeout',
  installMode: 'install-mode',
  wait: 'wait',
  timeout: 'timeout',
  rollback: 'rollback',
  outputBucket: 'output-bucket',
  outputPrefix: 'output-prefix',
  region: 'region',
  maxAttempts: 'max-attempts',
  dryRun: 'dry-run',
} as const

export const Output = {
  version: 'version',
  previousVersion: 'previous-version',
  objectKey: 'object-key',
  sha256: 'sha256',
  commandId: 'command-id',
  instances: 'instances',
  rolledBack: 'rolled-back',
} as const

export const ACTION = 'deploy-binary'

/** The SSM document every command runs (AWS-owned, on every Linux node with the agent). */
export const DOCUMENT = 'AWS-RunShellScript'

/** Polling of commands: notice an ended invocation within about 3 s, without hammering the API. */
export const POLL_MIN_DELAY_MS = 1000
export const POLL_MAX_DELAY_MS = 3000

/** How long a command cancelled at the timeout is followed until its invocations have ended. */
export const CANCEL_SETTLE_MS = 60_000

/** How long the health check waits between attempts on an instance, in seconds. */
export const HEALTH_CHECK_INTERVAL_SECONDS = 2

/** How many characters of each instance's output the outputs and the summary keep (the end of it). */
export const OUTPUT_TAIL_CHARS = 400

/** At most this many failed instances get their full output read (GetCommandInvocation) for the report. */
export const DETAILED_FAILURES = 10
