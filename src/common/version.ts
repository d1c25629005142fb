import pkg from '../../package.json' with { type: 'json' }

/** The suite's version, from package.json; used in the user agent and the job summary. */
export const VERSION: string = pkg.version
export const SUITE = 'infra-actions'
