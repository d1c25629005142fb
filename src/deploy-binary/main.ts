import { notAvailable } from '../common/action'

/** Push a compiled binary to S3 as a versioned release, move the latest pointer, restart the service on EC2 instances through SSM Run Command, verify health and roll back on failure. Not released yet: fails with one sentence saying so. */
export const main = notAvailable('deploy-binary')
