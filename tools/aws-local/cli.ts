// Starts the stand-in on its own: `npm run aws-local -- [--port N] [--host H] [--region R] [--seed smoke]`.
// Prints the URL (first line of stdout), then on stderr the botocore models it validates against,
// and runs until interrupted.
import { parseArgs } from 'node:util'
import { describeModelSource } from './model'
import { startAwsLocal } from './server'
import { seedSmoke } from './smoke'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    region: { type: 'string', default: 'us-east-1' },
    seed: { type: 'string' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`aws-local: --port must be an integer between 0 and 65535, got '${values.port}'`)
  process.exit(2)
}

if (values.seed !== undefined && values.seed !== 'smoke') {
  console.error(`aws-local: --seed knows only 'smoke', got '${values.seed}'`)
  process.exit(2)
}

const aws = await startAwsLocal({ port, host: values.host, region: values.region })
if (values.seed === 'smoke') seedSmoke(aws)
console.log(aws.url)
console.error(`aws-local: listening on ${aws.url} (control API under ${aws.url}/_aws-local/)`)
console.error(`aws-local: service models from ${describeModelSource(aws.models)}`)

const stop = () => {
  aws.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
