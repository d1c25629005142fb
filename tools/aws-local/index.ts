// The local AWS stand-in: see README.md.
export { AwsLocal, startAwsLocal, CONTROL_PREFIX, toJsonSafe } from './server'
export type { AwsLocalOptions, FaultSpec, RecordedCall } from './server'
export { AwsError } from './errors'
export { Clock, Progress } from './clock'
export type { ProgressPlan } from './clock'
export type { ServiceMap, ServiceName } from './services'
export type { AwsService, CallContext, Handler, Input, Output } from './types'
export { loadModel } from './model'
