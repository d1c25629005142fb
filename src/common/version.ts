import pkg from '../../package.json' with { type: 'json' }

/** The suite's version, from package.json; used in the user agent and the job summary. */
export const VERSION: string = pkg.version
export const SUITE = 'infra-actions'

/**
 * A release's version, as deploy-binary publishes it and the release record names it: a segment
 * of an S3 key and a directory on the instance.
 */
export const RELEASE_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/

/** The URL of the workflow run this step belongs to, from the runner's variables; undefined outside a run. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
    ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : undefined
}
