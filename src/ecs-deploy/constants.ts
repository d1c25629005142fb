/** Input and output names of ecs-deploy, defined once. */
export const Input = {
  cluster: 'cluster',
  services: 'services',
  image: 'image',
  environment: 'environment',
  taskDefinition: 'task-definition',
  desiredCount: 'desired-count',
  wait: 'wait',
  waitFor: 'wait-for',
  timeout: 'timeout',
  maxFailedTasks: 'max-failed-tasks',
  rollback: 'rollback',
  runTask: 'run-task',
  runTaskContainer: 'run-task-container',
  testCommand: 'test-command',
  testUrl: 'test-url',
  testAt: 'test-at',
  keepRevisions: 'keep-revisions',
  region: 'region',
  regions: 'regions',
  maxAttempts: 'max-attempts',
  dryRun: 'dry-run',
} as const

export const Output = {
  taskDefinitionArn: 'task-definition-arn',
  previousTaskDefinitionArn: 'previous-task-definition-arn',
  deploymentId: 'deployment-id',
  rolledBack: 'rolled-back',
  services: 'services',
} as const

export const ACTION = 'ecs-deploy'

/** Polling of rollouts: fast enough to notice completion within 3 s, gentle enough on the API. */
export const POLL_MIN_DELAY_MS = 1000
export const POLL_MAX_DELAY_MS = 3000

/** How long to go without looking at stopped tasks when nothing else hints at a failure. */
export const STOPPED_TASKS_REFRESH_MS = 15_000

/** DescribeServiceDeployments takes at most 20 ARNs (its API reference: "You can specify a maximum of 20 ARNs"). */
export const ECS_DESCRIBE_SERVICE_DEPLOYMENTS = 20

/** How many service events the failure report shows. */
export const EVENTS_SHOWN = 5
