import type {
  NetworkConfiguration,
  RegisterTaskDefinitionCommandInput,
  CapacityProviderStrategyItem,
} from '@aws-sdk/client-ecs'
import { UserError } from '../common/errors'
import { Input } from './constants'
import type { EnvironmentSetting, Images, Inputs, TestMoment } from './inputs'
import { TEST_HOOK_STAGES, type TestAt } from './native'
import { isNative, type ObservedService, type RegionState, type StrategySettings } from './state'
import {
  containerNames,
  newestFirst,
  parseTaskDefinitionId,
  registrationOf,
  setEnvironment,
  setImage,
  shortName,
} from './task-definition'

/**
 * Planning: a pure function from the inputs and what observation found to every change the
 * action will make. No I/O; a `UserError` here means the inputs do not fit the services.
 */

/** A new revision to register; services sharing a family share one. */
export interface Registration {
  family: string
  request: RegisterTaskDefinitionCommandInput
  /** The ARN copied from (image mode), or the file it was read from. */
  basedOn: string
  services: string[]
  /** What 'environment' changes in it: `app.MODE (changed)`; names only, never values. */
  environment?: string[]
}

/** The task definition a service (or the one-off task) will run. */
export type Target = { kind: 'registration'; family: string } | { kind: 'existing'; arn: string }

export interface ImageChange {
  container: string
  from?: string
  to?: string
}

export interface ServicePlan {
  service: string
  previousTaskDefinitionArn: string
  previousDesiredCount: number
  target: Target
  desiredCount?: number
  forceNewDeployment: boolean
  images: ImageChange[]
  /** Rollback and waiting rely on ECS's circuit breaker settings of the service. */
  circuitBreaker: ObservedService['circuitBreaker']
  /** How ECS deploys it (ROLLING, or a native BLUE_GREEN, LINEAR or CANARY deployment). */
  strategy: StrategySettings
  /** Where `test-command` runs: at the PAUSE hook of its test traffic stage, or once test traffic has shifted. */
  test?: TestAt
}

export interface RunTaskPlan {
  target: Target
  container: string
  command: string[]
  launchType?: string
  capacityProviderStrategy?: CapacityProviderStrategyItem[]
  platformVersion?: string
  networkConfiguration?: NetworkConfiguration
  /** The service whose network configuration the task borrows. */
  networkFrom: string
}

export interface Plan {
  region: string
  cluster: string
  registrations: Registration[]
  services: ServicePlan[]
  runTask?: RunTaskPlan
  keepRevisions?: number
  /** Decisions worth a line in the log. */
  notes: string[]
}

export function plan(inputs: Inputs, state: RegionState): Plan {
  for (const service of state.services) checkController(service)
  const notes: string[] = []
  const registrations = planRegistrations(inputs, state, notes)
  const services = state.services.map((service) => planService(inputs, state, service, registrations))
  notes.push(...strategyNotes(inputs, services))
  const result: Plan = {
    region: state.region,
    cluster: state.cluster.name,
    registrations,
    services,
    keepRevisions: inputs.keepRevisions,
    notes,
  }
  if (inputs.runTask) result.runTask = planRunTask(inputs, state, result)
  return result
}

function checkController(service: ObservedService): void {
  if (service.controller !== 'ECS') {
    throw new UserError(
      `Service ${service.name} uses the ${service.controller} deployment controller; ecs-deploy rolls out services that use the ECS (rolling update) controller only.`,
    )
  }
}

function planRegistrations(inputs: Inputs, state: RegionState, notes: string[]): Registration[] {
  const { source } = inputs
  if (source.kind === 'file') {
    const request = registrationOf(source.definition)
    const services = state.services.map((s) => s.name)
    const environment = customise(request, inputs, `the file ${source.path}`)
    return [
      {
        family: request.family ?? '',
        request,
        basedOn: source.path,
        services,
        ...(environment.length ? { environment } : {}),
      },
    ]
  }
  if (source.kind !== 'image') return []
  const registrations = groupByFamily(state).map(({ family, services, arns }): Registration => {
    const basedOn = newest(arns)
    const described = state.taskDefinitions.get(basedOn)
    if (!described) throw new Error(`Task definition ${basedOn} was not described.`)
    const request = registrationOf(described.definition, described.tags)
    const users = services.map((s) => s.name)
    if (services.length > 1)
      notes.push(`Services ${users.join(', ')} share family ${family}: one new revision for all of them.`)
    for (const s of services.filter((s) => s.taskDefinitionArn !== basedOn)) {
      notes.push(
        `Service ${s.name} runs ${shortName(s.taskDefinitionArn)}; it moves to the copy of ${shortName(basedOn)}, the newest revision in use.`,
      )
    }
    return { family, request, basedOn, services: users }
  })
  checkEveryNameUsed(inputs, registrations)
  const partial = registrations.length > 1
  for (const registration of registrations) {
    const environment = customise(
      registration.request,
      inputs,
      `task definition ${shortName(registration.basedOn)} (${serviceList(registration.services)})`,
      partial,
    )
    if (environment.length) registration.environment = environment
  }
  return registrations
}

function groupByFamily(
  state: RegionState,
): Array<{ family: string; services: ObservedService[]; arns: string[] }> {
  const groups = new Map<string, { family: string; services: ObservedService[]; arns: string[] }>()
  for (const service of state.services) {
    const { family } = parseTaskDefinitionId(service.taskDefinitionArn)
    const group = groups.get(family) ?? { family, services: [], arns: [] }
    group.services.push(service)
    if (!group.arns.includes(service.taskDefinitionArn)) group.arns.push(service.taskDefinitionArn)
    groups.set(family, group)
  }
  return [...groups.values()]
}

function newest(arns: string[]): string {
  return newestFirst(arns)[0]
}

function serviceList(services: string[]): string {
  return `${services.length === 1 ? 'service' : 'services'} ${services.join(', ')}`
}

/**
 * With several families (image mode), each named container must exist in at least one of them,
 * and each family must get at least one change; with one family, every name must exist in it.
 */
function checkEveryNameUsed(inputs: Inputs, registrations: Registration[]): void {
  if (inputs.images.kind !== 'per-container' || registrations.length < 2) return
  const all = new Set(registrations.flatMap((r) => containerNames(r.request)))
  for (const container of inputs.images.images.keys()) {
    if (!all.has(container)) {
      const which = registrations
        .map((r) => `${shortName(r.basedOn)} (${containerNames(r.request).join(', ')})`)
        .join('; ')
      throw new UserError(
        `Input '${Input.image}' names container ${container}, which none of the services' task definitions has: ${which}.`,
      )
    }
  }
}

/**
 * Applies `image` and `environment` to a request; `partial` lets a family take only the names it
 * has. Returns the environment variables it changed.
 */
function customise(
  request: RegisterTaskDefinitionCommandInput,
  inputs: Inputs,
  what: string,
  partial = false,
): string[] {
  const names = containerNames(request)
  const changed = applyImages(request, inputs.images, names, what, partial)
  const environment = applyEnvironment(request, inputs.environment, names, what, partial)
  if (partial && inputs.images.kind === 'per-container' && changed === 0) {
    throw new UserError(
      `Input '${Input.image}' changes no container of ${what}, whose containers are ${names.join(', ')}; name one of them or leave that service out.`,
    )
  }
  return environment
}

function applyImages(
  request: RegisterTaskDefinitionCommandInput,
  images: Images,
  names: string[],
  what: string,
  partial: boolean,
): number {
  if (images.kind === 'none') return 0
  if (images.kind === 'single') {
    if (names.length !== 1) {
      throw new UserError(
        `Input '${Input.image}' gives one image, but ${what} has ${names.length} containers (${names.join(', ')}); write one container=image line per container to change.`,
      )
    }
    setImage(request, names[0], images.image)
    return 1
  }
  let changed = 0
  for (const [container, image] of images.images) {
    if (names.includes(container)) {
      setImage(request, container, image)
      changed += 1
    } else if (!partial) {
      throw new UserError(
        `Input '${Input.image}' names container ${container}, which ${what} does not have; its containers are ${names.join(', ')}.`,
      )
    }
  }
  return changed
}

function applyEnvironment(
  request: RegisterTaskDefinitionCommandInput,
  settings: EnvironmentSetting[],
  names: string[],
  what: string,
  partial: boolean,
): string[] {
  const changes: string[] = []
  const set = (container: string, setting: EnvironmentSetting): void => {
    const what = setEnvironment(request, container, setting.name, setting.value)
    changes.push(`${container}.${setting.name} (${what})`)
  }
  for (const setting of settings) {
    if (setting.container === undefined) {
      if (names.length !== 1) {
        throw new UserError(
          `Input '${Input.environment}' sets ${setting.name} without a container, but ${what} has ${names.length} containers (${names.join(', ')}); write container.${setting.name}=value.`,
        )
      }
      set(names[0], setting)
    } else if (names.includes(setting.container)) {
      set(setting.container, setting)
    } else if (!partial) {
      throw new UserError(
        `Input '${Input.environment}' names container ${setting.container}, which ${what} does not have; its containers are ${names.join(', ')}.`,
      )
    }
  }
  return changes
}

function planService(
  inputs: Inputs,
  state: RegionState,
  service: ObservedService,
  registrations: Registration[],
): ServicePlan {
  const target = targetOf(inputs, state, service, registrations)
  const forceNewDeployment = target.kind === 'existing' && target.arn === service.taskDefinitionArn
  return {
    service: service.name,
    previousTaskDefinitionArn: service.taskDefinitionArn,
    previousDesiredCount: service.desiredCount,
    target,
    desiredCount: inputs.desiredCount,
    forceNewDeployment,
    images: imageChanges(state, service.taskDefinitionArn, containersOf(state, target, registrations)),
    circuitBreaker: service.circuitBreaker,
    strategy: service.strategy,
    test: inputs.test ? testAt(service, inputs.test.at) : undefined,
  }
}

/**
 * A smoke test needs test traffic: a native deployment; at the first step of production
 * traffic, a LINEAR or CANARY one.
 */
function testAt(service: ObservedService, moment: TestMoment): TestAt {
  const strategy = service.strategy.strategy
  if (!isNative(strategy))
    throw new UserError(
      `Input '${Input.testCommand}' runs against the test traffic of a BLUE_GREEN, LINEAR or CANARY deployment, but service ${service.name} uses the ${strategy} strategy.`,
    )
  if (moment === 'first-step') {
    if (strategy !== 'LINEAR' && strategy !== 'CANARY')
      throw new UserError(
        `Input '${Input.testAt}: first-step' runs the test at the first step of production traffic of a LINEAR or CANARY deployment, but service ${service.name} uses the ${strategy} strategy; use 'test-traffic'.`,
      )
    return 'first-step'
  }
  const pause = service.strategy.hooks.some(
    (h) => h.type === 'PAUSE' && h.stages.some((s) => TEST_HOOK_STAGES.includes(s)),
  )
  return pause ? 'hook' : 'stage'
}

/** What `wait-for` means for the strategies at hand, where it is not what its name says. */
function strategyNotes(inputs: Inputs, services: ServicePlan[]): string[] {
  const notes: string[] = []
  const rolling = services.filter((s) => !isNative(s.strategy.strategy)).map((s) => s.service)
  const native = services.filter((s) => isNative(s.strategy.strategy)).map((s) => s.service)
  if (inputs.waitFor === 'traffic-shifted' && rolling.length > 0)
    notes.push(
      `'${Input.waitFor}: traffic-shifted' waits for ${serviceList(rolling)} as 'stable': a rolling update moves traffic as it replaces tasks.`,
    )
  if (inputs.waitFor === 'healthy' && native.length > 0)
    notes.push(
      `'${Input.waitFor}: healthy' waits for ${serviceList(native)} until the service deployment is SUCCESSFUL: ECS moves production traffic only to tasks that pass their health checks.`,
    )
  // ECS's own rollback does not ask the action: with rollback: false (the rollback workflow's,
  // so that a failed rollback is not undone onto the release it leaves) the circuit breaker
  // still puts a failed rollout back (Amazon ECS API Reference, DeploymentCircuitBreaker.rollback:
  // "If rollback is on, when a service deployment fails, the service is rolled back to the last
  // deployment that completed successfully").
  const breakers = services.filter((s) => s.circuitBreaker.enable && s.circuitBreaker.rollback)
  if (!inputs.rollback && breakers.length > 0)
    notes.push(
      `'${Input.rollback}: false' does not stop ECS's circuit breaker of ${serviceList(breakers.map((s) => s.service))} from rolling a failed rollout back to the revision it replaces (deploymentCircuitBreaker.rollback is on).`,
    )
  for (const s of services) {
    if (s.test === 'stage')
      notes.push(
        `Service ${s.service} has no PAUSE hook at its test traffic stages: the test command runs once test traffic has shifted, while ECS goes on, and a failing test stops the deployment with a rollback.`,
      )
    if (s.test === 'first-step')
      notes.push(
        `Service ${s.service}: the test command runs once the first step of production traffic reaches the new revision, while ECS goes on; the step's bake time is the test's window before more traffic moves, and a failing test stops the deployment with a rollback.`,
      )
    const pauses = s.strategy.hooks.filter(
      (h) =>
        h.type === 'PAUSE' && !(s.test === 'hook' && h.stages.some((st) => TEST_HOOK_STAGES.includes(st))),
    )
    for (const hook of pauses)
      notes.push(
        `Service ${s.service} has a PAUSE hook at ${hook.stages.join(', ')}: ECS waits there for ContinueServiceDeployment (up to ${hook.timeoutInMinutes ?? 'its default of'} minutes${hook.timeoutAction ? `, then ${hook.timeoutAction}` : ''}).`,
      )
  }
  return notes
}

/** `blue/green (bake time 5 min)`, `canary 10% for 5 min, then the rest (bake time 0 min)`. */
export function strategyText(settings: StrategySettings): string {
  const bake = `bake time ${settings.bakeTimeInMinutes ?? 0} min`
  switch (settings.strategy) {
    case 'BLUE_GREEN':
      return `blue/green: test traffic, then all production traffic at once, ${bake}`
    case 'CANARY':
      return `canary: ${settings.canaryPercent ?? '?'}% of production traffic for ${settings.canaryBakeTimeInMinutes ?? '?'} min, then the rest, ${bake}`
    case 'LINEAR':
      return `linear: ${settings.stepPercent ?? '?'}% more production traffic every ${settings.stepBakeTimeInMinutes ?? '?'} min, ${bake}`
    default:
      return 'rolling update'
  }
}

function targetOf(
  inputs: Inputs,
  state: RegionState,
  service: ObservedService,
  registrations: Registration[],
): Target {
  switch (inputs.source.kind) {
    case 'force':
      return { kind: 'existing', arn: service.taskDefinitionArn }
    case 'existing':
      return { kind: 'existing', arn: state.existingTarget ?? inputs.source.reference }
    default: {
      const registration = registrations.find((r) => r.services.includes(service.name)) as Registration
      return { kind: 'registration', family: registration.family }
    }
  }
}

function containersOf(
  state: RegionState,
  target: Target,
  registrations: Registration[],
): Array<{ name?: string; image?: string }> {
  if (target.kind === 'registration')
    return registrations.find((r) => r.family === target.family)?.request.containerDefinitions ?? []
  return state.taskDefinitions.get(target.arn)?.definition.containerDefinitions ?? []
}

function imageChanges(
  state: RegionState,
  previousArn: string,
  next: Array<{ name?: string; image?: string }>,
): ImageChange[] {
  const before = state.taskDefinitions.get(previousArn)?.definition.containerDefinitions ?? []
  const changes: ImageChange[] = []
  for (const container of next) {
    const old = before.find((c) => c.name === container.name)
    if (old?.image !== container.image)
      changes.push({ container: container.name ?? '', from: old?.image, to: container.image })
  }
  for (const old of before) {
    if (!next.some((c) => c.name === old.name))
      changes.push({ container: old.name ?? '', from: old.image, to: undefined })
  }
  return changes
}

function planRunTask(inputs: Inputs, state: RegionState, result: Plan): RunTaskPlan {
  const spec = inputs.runTask as NonNullable<Inputs['runTask']>
  const first = state.services[0]
  const servicePlan = result.services[0]
  const names = containersOf(state, servicePlan.target, result.registrations).map((c) => c.name ?? '')
  const what = `the task definition of service ${first.name}`
  let container = spec.container
  if (container === undefined) {
    if (names.length !== 1) {
      throw new UserError(
        `Input '${Input.runTaskContainer}' is required because ${what} has ${names.length} containers (${names.join(', ')}).`,
      )
    }
    container = names[0]
  } else if (!names.includes(container)) {
    throw new UserError(
      `Input '${Input.runTaskContainer}' names container ${container}, which ${what} does not have; its containers are ${names.join(', ')}.`,
    )
  }
  return {
    target: servicePlan.target,
    container,
    command: spec.command,
    launchType: first.capacityProviderStrategy?.length ? undefined : first.launchType,
    capacityProviderStrategy: first.capacityProviderStrategy?.length
      ? first.capacityProviderStrategy
      : undefined,
    platformVersion: first.platformVersion,
    networkConfiguration: first.networkConfiguration,
    networkFrom: first.name,
  }
}

/** The plan as log lines. */
export function describePlan(p: Plan): string[] {
  const lines = [`Region ${p.region}, cluster ${p.cluster}:`]
  for (const r of p.registrations) {
    lines.push(
      `  register a new revision of ${r.family} (copied from ${shortName(r.basedOn)}) for ${serviceList(r.services)}`,
    )
    if (r.environment) lines.push(`    environment: ${r.environment.join(', ')}`)
  }
  if (p.runTask) {
    lines.push(
      `  run a one-off task of ${targetText(p.runTask.target)} (container ${p.runTask.container}: ${p.runTask.command.join(' ')}) with service ${p.runTask.networkFrom}'s network settings, and stop on a non-zero exit`,
    )
  }
  for (const s of p.services) {
    const count =
      s.desiredCount !== undefined && s.desiredCount !== s.previousDesiredCount
        ? `, desired count ${s.previousDesiredCount} -> ${s.desiredCount}`
        : ''
    const how = s.forceNewDeployment
      ? `force a new deployment of ${shortName(s.previousTaskDefinitionArn)}`
      : `${shortName(s.previousTaskDefinitionArn)} -> ${targetText(s.target)}`
    lines.push(`  update service ${s.service}: ${how}${count} (${strategyText(s.strategy)})`)
    if (s.test === 'hook')
      lines.push(
        `    run the test command at the PAUSE hook of its test traffic stage: CONTINUE when it passes, ROLLBACK when it fails`,
      )
    if (s.test === 'stage')
      lines.push(
        `    run the test command once test traffic has shifted: a failure stops the deployment with ROLLBACK`,
      )
    if (s.test === 'first-step')
      lines.push(
        `    run the test command once the first step of production traffic reaches the new revision: a failure stops the deployment with ROLLBACK`,
      )
    for (const change of s.images)
      lines.push(
        `    ${change.container}: ${change.from ?? '(new container)'} -> ${change.to ?? '(removed)'}`,
      )
  }
  if (p.keepRevisions !== undefined)
    lines.push(`  then deregister unused revisions beyond the newest ${p.keepRevisions}`)
  for (const note of p.notes) lines.push(`  note: ${note}`)
  return lines
}

function targetText(target: Target): string {
  return target.kind === 'existing' ? shortName(target.arn) : `the new revision of ${target.family}`
}
