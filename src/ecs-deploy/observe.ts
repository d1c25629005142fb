import { awsErrorCode, UserError } from '../common/errors'
import { Input } from './constants'
import type { Ecs } from './ecs'
import { serviceName, type Inputs } from './inputs'
import { observedService, type DescribedTaskDefinition, type RegionState } from './state'

/**
 * Observation: read-only calls that check the cluster, every service and the task definitions
 * exist and are ACTIVE, and capture what rollback will need (each service's current task
 * definition and desired count). Any problem is a `UserError` raised before anything changes.
 */
export async function observe(ecs: Ecs, inputs: Inputs): Promise<RegionState> {
  const region = ecs.region
  const where = regionClause(inputs, region)
  const cluster = await observeCluster(ecs, inputs.cluster, where)
  const names = inputs.services.map(serviceName)
  const { services, failures } = await describeServicesOrExplain(ecs, inputs.cluster, inputs.services, where)
  const missing = failures.map((f) => serviceName(f.arn ?? ''))
  const inactive = services.filter((s) => s.status !== 'ACTIVE')
  if (missing.length > 0) {
    throw new UserError(
      `${plural(missing, 'Service')} ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} not found in cluster ${cluster.name} (${region}).`,
    )
  }
  if (inactive.length > 0) {
    const list = inactive.map((s) => `${s.serviceName} is ${s.status}`).join(', ')
    throw new UserError(
      `Every service must be ACTIVE to be rolled out, but in cluster ${cluster.name} (${region}) ${list}.`,
    )
  }
  const observed = names.map((name) => observedService(services.find((s) => s.serviceName === name) ?? {}))
  const state: RegionState = { region, cluster, services: observed, taskDefinitions: new Map() }
  await describeTaskDefinitions(ecs, state)
  if (inputs.source.kind === 'existing')
    state.existingTarget = await resolveExisting(ecs, state, inputs.source.reference)
  return state
}

function plural(items: unknown[], noun: string): string {
  return items.length === 1 ? noun : `${noun}s`
}

/** Which input named the region, for the sentence that says a cluster is not there. */
function regionClause(inputs: Pick<Inputs, 'regions' | 'aws'>, region: string): string {
  const fromRegions = inputs.regions.length > 1 || inputs.regions[0] !== inputs.aws.region
  return fromRegions ? `the region ${region} in '${Input.regions}'` : `'${Input.region}' (${region})`
}

async function observeCluster(
  ecs: Ecs,
  cluster: string,
  where: string,
): Promise<{ name: string; arn: string }> {
  const { cluster: found, failure } = await ecs.describeCluster(cluster)
  if (!found || failure) {
    // ECS says only MISSING: the name, or the region (a misspelt one included), is wrong.
    throw new UserError(
      `Cluster ${cluster} was not found in ${ecs.region}; check '${Input.cluster}' and ${where}.`,
    )
  }
  if (found.status !== 'ACTIVE') {
    throw new UserError(
      `Cluster ${found.clusterName} in ${ecs.region} is ${found.status}; only an ACTIVE cluster can run a rollout.`,
    )
  }
  return { name: found.clusterName ?? cluster, arn: found.clusterArn ?? '' }
}

async function describeServicesOrExplain(
  ecs: Ecs,
  cluster: string,
  services: string[],
  where: string,
): ReturnType<Ecs['describeServices']> {
  try {
    return await ecs.describeServices(cluster, services)
  } catch (error) {
    if (awsErrorCode((error as Error).cause) === 'ClusterNotFoundException') {
      throw new UserError(
        `Cluster ${cluster} was not found in ${ecs.region}; check '${Input.cluster}' and ${where}.`,
      )
    }
    throw error
  }
}

async function describeTaskDefinitions(ecs: Ecs, state: RegionState): Promise<void> {
  const arns = [...new Set(state.services.map((s) => s.taskDefinitionArn))]
  const described = await Promise.all(arns.map((arn) => ecs.describeTaskDefinition(arn)))
  arns.forEach((arn, i) => state.taskDefinitions.set(arn, described[i]))
}

async function resolveExisting(ecs: Ecs, state: RegionState, reference: string): Promise<string> {
  let described: DescribedTaskDefinition
  try {
    described = await ecs.describeTaskDefinition(reference)
  } catch (error) {
    const code = awsErrorCode((error as Error).cause)
    if (code === 'ClientException' || code === 'InvalidParameterException') {
      throw new UserError(
        `Input '${Input.taskDefinition}' names ${reference}, which is not a task definition in ${ecs.region}.`,
      )
    }
    throw error
  }
  const arn = described.definition.taskDefinitionArn ?? reference
  if (described.definition.status !== 'ACTIVE') {
    throw new UserError(
      `Input '${Input.taskDefinition}' names ${reference}, which is ${described.definition.status} in ${ecs.region}; only ACTIVE revisions can be deployed.`,
    )
  }
  state.taskDefinitions.set(arn, described)
  return arn
}
