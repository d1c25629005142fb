/** Input and output names of build-ami, defined once. */
export const Input = {
  template: 'template',
  workingDirectory: 'working-directory',
  variables: 'variables',
  sensitiveVariables: 'sensitive-variables',
  varFiles: 'var-files',
  only: 'only',
  except: 'except',
  packerVersion: 'packer-version',
  packerMirror: 'packer-mirror',
  ssmParameter: 'ssm-parameter',
  tags: 'tags',
  keep: 'keep',
  namePrefix: 'name-prefix',
  deprecateAfter: 'deprecate-after',
  githubToken: 'github-token',
  amiWaitTimeout: 'ami-wait-timeout',
  publishTimeout: 'publish-timeout',
  region: 'region',
  maxAttempts: 'max-attempts',
  dryRun: 'dry-run',
} as const

export const Output = {
  amiId: 'ami-id',
  amiIds: 'ami-ids',
  previousAmiId: 'previous-ami-id',
  retired: 'retired',
} as const

export const ACTION = 'build-ami'

/**
 * The tag Packer puts on its builder instance through the template's `run_tags`, and the
 * template variable that carries its value: one value per run, so a cleanup finds exactly the
 * instances of this run.
 */
export const RUN_TAG_KEY = 'infra-actions:run'
export const RUN_VARIABLE = 'infra_actions_run'

/** The name of the state main hands to the post step. */
export const STATE_CLEANUP = 'cleanup'

/** Packer's own delay between polls of its AWS waiters when the environment does not set one. */
export const PACKER_DEFAULT_POLL_DELAY_SECONDS = 15

/** How long terminating a leaked builder instance may take before the cleanup gives up on it. */
export const TERMINATE_TIMEOUT_MS = 10 * 60_000

/** Polling of Parameter Store and EC2 states. */
/**
 * How long the sweep tries to delete a builder's security group while EC2 answers
 * DependencyViolation after the instance terminated, and the longest pause between tries.
 * Packer's own cleanup allows about 25 s (5 tries, 5 s apart); the sweep runs when something
 * already went wrong, so it allows more.
 */
export const GROUP_RELEASE_TIMEOUT_MS = 2 * 60_000
export const GROUP_RELEASE_MAX_DELAY_MS = 10_000
export const POLL_MIN_DELAY_MS = 250
export const POLL_MAX_DELAY_MS = 3000

/** The download base of HashiCorp's releases. */
export const DEFAULT_PACKER_MIRROR = 'https://releases.hashicorp.com/packer'
