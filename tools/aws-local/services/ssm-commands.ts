// SSM Run Command: SendCommand to managed instances (by InstanceIds or Targets) with the
// AWS-RunShellScript document, MaxConcurrency and MaxErrors rate controls, per-invocation outcomes
// scripted by the test or produced by really running the script in a sandbox (./ssm-sandbox),
// ListCommands, ListCommandInvocations, GetCommandInvocation, CancelCommand, output to the
// stand-in's S3, and DescribeInstanceInformation (./ssm-instances). Commands progress over the
// stand-in's clock and over observations (each List/Get call that sees a command), like ECS
// deployments do: every read brings the command up to date first.
//
// Sources (AWS Systems Manager User Guide and API Reference):
// - "Understanding command statuses" (monitor-commands): the invocation and command statuses,
//   delivery/execution/total timeouts, Undeliverable and Terminated.
// - "Using targets and rate controls to send commands to a fleet" (send-commands-multiple):
//   Targets (tag:<key>, tag-key, InstanceIds; several keys must all match), MaxConcurrency (the
//   command goes to one node first, then exponentially more), MaxErrors (stop sending once the
//   errors exceed it; running invocations finish).
// - API_SendCommand, API_Command, API_CommandInvocation, API_CommandPlugin,
//   API_GetCommandInvocation, API_CancelCommand, API_CommandFilter and the model's documentation
//   (botocore service-2.json): field meanings, truncation lengths (Output 2,500,
//   StandardOutputContent 24,000, StandardErrorContent 8,000), status filter values.
// - AWS CLI examples (aws-cli awscli/examples/ssm/*.rst) for response fields SSM fills with empty
//   values, and the output key layout `<prefix>/<command>/<instance>/awsrunShellScript/0.awsrunShellScript/stdout`.
import { randomUUID } from 'node:crypto'
import type { ProgressPlan } from '../clock'
import { AwsError } from '../errors'
import { isPlainObject, loadModel, shapeOf, type ServiceModel, type Shape } from '../model'
import type { Handler, Input, ServiceEnv } from '../types'
import { coralPath, coralValue, type PathSegment } from '../validate'
import type { S3Service } from './s3'
import {
  decodeToken,
  encodeToken,
  ManagedInstances,
  type ManagedInstance,
  type ManagedInstanceSeed,
  type PingStatus,
} from './ssm-instances'
import {
  Sandboxes,
  type FakeCall,
  type SandboxFakes,
  type SandboxOptions,
  type ScriptResult,
} from './ssm-sandbox'

/** How one invocation ends (simulated), or `execute: true` to run the commands in the sandbox. */
export interface InvocationScript {
  /** Terminal Status (default Success, or what `statusDetails` implies). */
  status?: 'Success' | 'Failed' | 'TimedOut' | 'Cancelled'
  /**
   * Terminal StatusDetails: Success, Failed, ExecutionTimedOut, DeliveryTimedOut (the agent never
   * answers: TimedOut at ExpiresAfter), Undeliverable (as an offline node: Failed once the delivery
   * timeout passes), Cancelled. Default: what `status` implies.
   */
  statusDetails?: string
  /** ResponseCode (default 0 for Success, 1 for Failed, 137 for ExecutionTimedOut, else -1). */
  responseCode?: number
  stdout?: string
  stderr?: string
  /** Running time in clock ms; replaces the default run plan. */
  durationMs?: number
  /** From sending to the agent starting the script (default: the timing's `delivery`). */
  delivery?: ProgressPlan
  /** From start to end of the script (default: the timing's `run`). */
  run?: ProgressPlan
  /** The agent never reports back: InProgress until ExpiresAfter, then DeliveryTimedOut. */
  stuck?: boolean
  /** Run the `commands` as a bash script in the instance's sandbox; its real outcome counts. */
  execute?: boolean
}

/** How fast commands progress when scripts do not say otherwise. */
export interface RunCommandTiming {
  /** From SendCommand until its invocations are visible (GetCommandInvocation answers InvocationDoesNotExist before). */
  visible?: ProgressPlan
  /** From sending an invocation to its script starting (Pending). */
  delivery?: ProgressPlan
  /** From start to end of a simulated script (InProgress). */
  run?: ProgressPlan
  /** One node first, then exponentially more up to MaxConcurrency, as the user guide describes (default true). */
  rampUp?: boolean
}

const DEFAULT_TIMING: Required<RunCommandTiming> = {
  visible: { afterPolls: 1, afterMs: 200 },
  delivery: { afterPolls: 1, afterMs: 200 },
  run: { afterPolls: 1, afterMs: 500 },
  rampUp: true,
}

interface DocumentParameter {
  type: 'String' | 'StringList'
  default?: string
  allowedPattern?: string
  minItems?: number
  maxChars?: number
}

interface CommandDocument {
  platforms: ManagedInstance['PlatformType'][]
  /** The plugin (step) name, and its output folder (the plugin id without colons). */
  plugin: string
  folder: string
  version: string
  parameters: Record<string, DocumentParameter>
}

/** The AWS-owned documents the stand-in knows, with their parameters as the documents declare them. */
const DOCUMENTS: Record<string, CommandDocument> = {
  'AWS-RunShellScript': {
    platforms: ['Linux', 'MacOS'],
    plugin: 'aws:runShellScript',
    folder: 'awsrunShellScript/0.awsrunShellScript',
    version: '1',
    parameters: {
      commands: { type: 'StringList', minItems: 1 },
      workingDirectory: { type: 'String', default: '', maxChars: 4096 },
      executionTimeout: {
        type: 'String',
        default: '3600',
        allowedPattern: '([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)',
      },
    },
  },
}

/** The Status of each StatusDetails (the Status filter: "TimedOut (this includes both Delivery and Execution time outs)"). */
const STATUS_OF: Record<string, string> = {
  Pending: 'Pending',
  InProgress: 'InProgress',
  Delayed: 'Delayed',
  Cancelling: 'Cancelling',
  Success: 'Success',
  Failed: 'Failed',
  ExecutionTimedOut: 'TimedOut',
  DeliveryTimedOut: 'TimedOut',
  Undeliverable: 'Failed',
  InvalidPlatform: 'Failed',
  AccessDenied: 'Failed',
  Terminated: 'Cancelled',
  Cancelled: 'Cancelled',
}
const DETAILS_OF_STATUS: Record<string, string> = {
  Success: 'Success',
  Failed: 'Failed',
  TimedOut: 'ExecutionTimedOut',
  Cancelled: 'Cancelled',
}
/** Invocation statuses that count against MaxErrors (API_Command ErrorCount: "Failed or Execution Timed Out"). */
const ERRORS = ['Failed', 'ExecutionTimedOut']
const OUTPUT_LIMIT = 2500
const STDOUT_LIMIT = 24000
const STDERR_LIMIT = 8000
const PAGE = 50
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

type Phase = 'queued' | 'delivery' | 'offline' | 'run' | 'exec' | 'cancelling' | 'done'

interface Invocation {
  instanceId: string
  instanceName: string
  phase: Phase
  phaseStartMs: number
  phasePolls: number
  script: InvocationScript
  statusDetails: string
  responseCode: number
  startMs?: number
  endMs?: number
  stdout: string
  stderr: string
  kill?: () => void
}

interface Command {
  id: string
  input: Input
  document: CommandDocument
  requestedMs: number
  /** "If this time is reached and the command hasn't already started running, it won't run." */
  deliveryDeadlineMs: number
  /** Total timeout: TimeoutSeconds + executionTimeout (monitor-commands, "Understanding command timeout values"). */
  expiresMs: number
  executionTimeoutSeconds: number
  resolved: boolean
  visiblePolls: number
  targetCount: number
  invocations: Invocation[]
  /** Once the errors exceed MaxErrors, no more invocations are sent. */
  stopped: boolean
  cancelled: boolean
  /** Ids given by InstanceIds, or undefined for Targets (resolved when the command becomes visible). */
  instanceIds?: string[]
  /** The moment the simulation has reached. */
  clockMs: number
}

export class RunCommand {
  readonly instances: ManagedInstances
  readonly sandboxes: Sandboxes
  private readonly commands = new Map<string, Command>()
  private readonly scripts = new Map<string, InvocationScript>()
  private readonly nextScripts = new Map<string, InvocationScript[]>()
  private readonly execute = new Map<string, boolean>()
  private timing: Required<RunCommandTiming> = { ...DEFAULT_TIMING }
  private model: ServiceModel | undefined

  constructor(private readonly env: ServiceEnv) {
    this.instances = new ManagedInstances(env)
    this.sandboxes = new Sandboxes(() => env.url?.() ?? '')
  }

  reset(): void {
    this.sandboxes.reset()
    this.instances.reset()
    this.commands.clear()
    this.scripts.clear()
    this.nextScripts.clear()
    this.execute.clear()
    this.timing = { ...DEFAULT_TIMING }
  }

  close(): void {
    this.sandboxes.reset()
  }

  // ---- scripting ----

  /** Scripting: a managed instance seeded directly. */
  seedManagedInstance(fields: ManagedInstanceSeed = {}): ManagedInstance {
    return this.instances.seed(fields)
  }

  /** Scripting: registers EC2 instances of this region (all, or those selected) as managed instances. */
  registerEc2Instances(options: Parameters<ManagedInstances['registerEc2']>[0] = {}): string[] {
    return this.instances.registerEc2(options)
  }

  setPingStatus(instanceId: string, status: PingStatus): void {
    this.instances.setPingStatus(instanceId, status)
  }

  /**
   * Scripting: how invocations on an instance (`*` for every instance without its own) end, from
   * the next command on; with `once`, for the next command on it only (queued, used in order).
   */
  scriptInvocation(instanceId: string, script: InvocationScript, options: { once?: boolean } = {}): void {
    if (options.once) this.nextScripts.set(instanceId, [...(this.nextScripts.get(instanceId) ?? []), script])
    else this.scripts.set(instanceId, script)
  }

  /** Scripting: runs the scripts of an instance (`*`: every instance) for real in its sandbox, or stops doing so. */
  runScripts(enabled: boolean, instanceId = '*', options: SandboxOptions = {}): void {
    this.execute.set(instanceId, enabled)
    Object.assign(this.sandboxes.options, options)
  }

  /** Scripting: the fake `systemctl`, `curl`, `aws` (and any other commands) of an instance's sandbox, or `*`. */
  setSandboxFakes(instanceId: string, fakes: SandboxFakes): void {
    this.sandboxes.setFakes(instanceId, fakes)
  }

  /** Scripting: the directory that is an instance's filesystem for its scripts. */
  sandboxOf(instanceId: string): string {
    return this.sandboxes.dirOf(instanceId)
  }

  /** Scripting: writes a file into an instance's sandbox (`/opt/app/x` lands at `<sandbox>/opt/app/x`). */
  writeSandboxFile(instanceId: string, path: string, content: string, mode?: number): string {
    return this.sandboxes.writeFile(instanceId, path, content, mode)
  }

  /** Scripting: the calls the fake commands of an instance received. */
  fakeCalls(instanceId: string, command?: string): FakeCall[] {
    return this.sandboxes.fakeCalls(instanceId, command)
  }

  /** Scripting: how fast commands progress (merged into the current timing). */
  setTiming(timing: RunCommandTiming): void {
    this.timing = { ...this.timing, ...timing }
  }

  /** Scripting: a command as ListCommands would show it, without counting as an observation. */
  describeCommand(commandId: string): Record<string, unknown> | undefined {
    const command = this.commands.get(commandId)
    if (!command) return undefined
    this.advance(command, this.env.clock.nowMs(), false)
    return this.commandView(command)
  }

  /** Scripting: every invocation of a command (visible or not yet), as GetCommandInvocation would show it. */
  describeInvocations(commandId: string): Record<string, unknown>[] {
    const command = this.commands.get(commandId)
    if (!command) return []
    this.advance(command, this.env.clock.nowMs(), false)
    return command.invocations.map((i) => this.invocationDetail(command, i))
  }

  // ---- handlers ----

  readonly handlers: Record<string, Handler> = {
    DescribeInstanceInformation: (input: Input) => this.instances.describe(input),

    SendCommand: (input: Input, ctx) => {
      this.checkPatterns('SendCommand', input)
      const command = this.admit(input, ctx.accountId)
      this.commands.set(command.id, command)
      // The answer shows the command as accepted (Pending; Targets not resolved yet), whatever happens next.
      const view = this.commandView(command)
      this.advance(command, command.requestedMs, false)
      return { Command: view }
    },

    ListCommands: (input: Input) => {
      this.checkPatterns('ListCommands', input)
      const filters = this.filters(input, 'ListCommands')
      const commandId = this.commandIdOf(input.CommandId)
      const now = this.env.clock.nowMs()
      // Newest first.
      const selected = [...this.commands.values()]
        .reverse()
        .filter((c) => commandId === undefined || c.id === commandId)
      for (const command of selected) this.advance(command, now, true)
      const rows = selected
        .filter((c) => !input.InstanceId || this.targetsOf(c).includes(input.InstanceId as string))
        .map((c) => this.commandView(c))
        .filter((view) => filters.every((f) => f(view)))
      return this.page(rows, input, 'Commands')
    },

    ListCommandInvocations: (input: Input) => {
      this.checkPatterns('ListCommandInvocations', input)
      const filters = this.filters(input, 'ListCommandInvocations')
      const commandId = this.commandIdOf(input.CommandId)
      const now = this.env.clock.nowMs()
      const selected = [...this.commands.values()]
        .reverse()
        .filter((c) => commandId === undefined || c.id === commandId)
      for (const command of selected) this.advance(command, now, true)
      const rows = selected.flatMap((c) =>
        (c.resolved ? c.invocations : [])
          .filter((i) => !input.InstanceId || i.instanceId === input.InstanceId)
          .map((i) => this.invocationRow(c, i, input.Details === true))
          .filter((row) => filters.every((f) => f(row))),
      )
      return this.page(rows, input, 'CommandInvocations')
    },

    GetCommandInvocation: (input: Input) => {
      this.checkPatterns('GetCommandInvocation', input)
      const commandId = this.commandIdOf(input.CommandId) as string
      const command = this.commands.get(commandId)
      if (command) this.advance(command, this.env.clock.nowMs(), true)
      const invocation = command?.resolved
        ? command.invocations.find((i) => i.instanceId === input.InstanceId)
        : undefined
      // The waiter's retry case: "the command ID and managed node ID you specified didn't match any invocations".
      if (!command || !invocation) throw new AwsError('InvocationDoesNotExist', '')
      const plugin = input.PluginName as string | undefined
      if (plugin !== undefined && plugin !== command.document.plugin)
        throw new AwsError('InvalidPluginName', '')
      return this.invocationDetail(command, invocation)
    },

    CancelCommand: (input: Input) => {
      this.checkPatterns('CancelCommand', input)
      const command = this.commands.get(this.commandIdOf(input.CommandId) as string)
      if (!command) throw new AwsError('InvalidCommandId', '')
      const ids = (input.InstanceIds as string[] | undefined) ?? []
      if (new Set(ids).size !== ids.length) throw new AwsError('DuplicateInstanceId', '')
      const now = this.env.clock.nowMs()
      this.advance(command, now, false)
      if (!command.resolved) this.resolve(command, now)
      const unknown = ids.filter((id) => !command.invocations.some((i) => i.instanceId === id))
      if (unknown.length) throw new AwsError('InvalidInstanceId', '')
      if (ids.length === 0) command.cancelled = true
      for (const invocation of command.invocations)
        if (ids.length === 0 || ids.includes(invocation.instanceId))
          this.cancelInvocation(command, invocation, now)
      this.advance(command, now, false)
      return {}
    },
  }

  // ---- SendCommand admission ----

  private admit(input: Input, accountId: string): Command {
    const ids = (input.InstanceIds as string[] | undefined) ?? []
    const targets = (input.Targets as { Key?: string; Values?: string[] }[] | undefined) ?? []
    if (ids.length && targets.length)
      throw new AwsError('ValidationException', 'InstanceIds and Targets cannot be specified together.')
    if (!ids.length && !targets.length)
      throw new AwsError('ValidationException', 'Either InstanceIds or Targets must be specified.')
    const name = documentName(input.DocumentName as string)
    const document = DOCUMENTS[name]
    if (!document) throw new AwsError('InvalidDocument', `Document with name ${name} does not exist.`)
    const version = input.DocumentVersion as string | undefined
    if (version !== undefined && !['$DEFAULT', '$LATEST', document.version].includes(version))
      throw new AwsError('InvalidDocumentVersion', 'The document version is not valid or does not exist.')
    const parameters = this.documentParameters(document, input.Parameters)
    if (targets.length) checkTargets(targets)
    if (new Set(ids).size !== ids.length) throw new AwsError('DuplicateInstanceId', '')
    if (ids.length) {
      const invalid = ids.filter((id) => {
        const instance = this.instances.get(id)
        return !instance || instance.PingStatus === 'Inactive'
      })
      if (invalid.length)
        throw new AwsError(
          'InvalidInstanceId',
          `Instances [[${invalid.join(', ')}]] not in a valid state for account ${accountId}`,
        )
      if (ids.some((id) => !document.platforms.includes(this.instances.get(id)!.PlatformType)))
        throw new AwsError('UnsupportedPlatformType', '')
    }
    const now = this.env.clock.nowMs()
    const timeoutSeconds = (input.TimeoutSeconds as number | undefined) ?? 3600
    const executionTimeoutSeconds = Number(parameters.executionTimeout?.[0] ?? 3600)
    return {
      id: randomUUID(),
      input,
      document,
      requestedMs: now,
      deliveryDeadlineMs: now + timeoutSeconds * 1000,
      expiresMs: now + (timeoutSeconds + executionTimeoutSeconds) * 1000,
      executionTimeoutSeconds,
      resolved: false,
      visiblePolls: 0,
      targetCount: ids.length,
      invocations: [],
      stopped: false,
      cancelled: false,
      instanceIds: ids.length ? ids : undefined,
      clockMs: now,
    }
  }

  /**
   * The parameters the document takes, checked as SSM checks them: only declared ones, every
   * required one, String parameters with one value matching their allowed pattern. Returns them
   * with the document's defaults filled in.
   */
  private documentParameters(document: CommandDocument, given: unknown): Record<string, string[]> {
    const values = (isPlainObject(given) ? given : {}) as Record<string, string[]>
    const invalid = () =>
      new AwsError('InvalidParameters', 'Parameters provided in document are invalid or not supported.')
    const out: Record<string, string[]> = {}
    for (const key of Object.keys(values)) if (!(key in document.parameters)) throw invalid()
    for (const [key, parameter] of Object.entries(document.parameters)) {
      const value = values[key]
      if (value === undefined) {
        if (parameter.default === undefined) throw invalid()
        out[key] = [parameter.default]
        continue
      }
      if (parameter.type === 'String') {
        if (value.length !== 1) throw invalid()
        if (parameter.maxChars !== undefined && value[0].length > parameter.maxChars) throw invalid()
        if (parameter.allowedPattern && !new RegExp(`^(?:${parameter.allowedPattern})$`).test(value[0]))
          throw invalid()
      } else if (value.length < (parameter.minItems ?? 0)) throw invalid()
      out[key] = value
    }
    return out
  }

  /** Constraint patterns of the model, which the shared validation leaves to each service (Coral's wording). */
  private checkPatterns(operation: string, input: Input): void {
    this.model ??= loadModel('ssm')
    const op = this.model.operations[operation]
    if (!op?.input) return
    const details: string[] = []
    walkPatterns(this.model, shapeOf(this.model, op.input), input, [], details)
    if (details.length)
      throw new AwsError(
        'ValidationException',
        `${details.length} validation error${details.length === 1 ? '' : 's'} detected: ${details.join('; ')}`,
      )
  }

  private commandIdOf(value: unknown): string | undefined {
    if (value === undefined) return undefined
    if (!UUID.test(value as string)) throw new AwsError('InvalidCommandId', '')
    return value as string
  }

  // ---- progress ----

  /** Resolves the targets of a command and creates its invocations (queued). */
  private resolve(command: Command, atMs: number): void {
    if (command.resolved) return
    command.resolved = true
    command.clockMs = Math.max(command.clockMs, atMs)
    const instances = new Map(this.instances.list().map((m) => [m.InstanceId, m]))
    const ids = command.instanceIds ?? this.matchTargets(command, [...instances.values()])
    command.targetCount = ids.length
    for (const id of ids) {
      const instance = instances.get(id)
      const script = this.nextScripts.get(id)?.shift() ?? this.scripts.get(id) ?? this.scripts.get('*') ?? {}
      const invocation: Invocation = {
        instanceId: id,
        instanceName: instance?.ComputerName ?? '',
        phase: 'queued',
        phaseStartMs: atMs,
        phasePolls: 0,
        script: {
          ...script,
          execute: script.execute ?? this.execute.get(id) ?? this.execute.get('*') ?? false,
        },
        statusDetails: 'Pending',
        responseCode: -1,
        stdout: '',
        stderr: '',
      }
      command.invocations.push(invocation)
      // A node of another platform: InvalidPlatform, which does not count against MaxErrors.
      if (instance && !command.document.platforms.includes(instance.PlatformType))
        this.finish(command, invocation, 'InvalidPlatform', atMs)
    }
  }

  private matchTargets(command: Command, instances: ManagedInstance[]): string[] {
    const targets = command.input.Targets as { Key: string; Values: string[] }[]
    return instances
      .filter((m) => m.PingStatus !== 'Inactive')
      .filter((m) =>
        targets.every(({ Key, Values }) => {
          if (Key.toLowerCase() === 'instanceids') return Values.includes(m.InstanceId)
          if (Key === 'tag-key') return m.Tags.some((t) => Values.includes(t.Key))
          return m.Tags.some((t) => t.Key === Key.slice(4) && Values.includes(t.Value))
        }),
      )
      .map((m) => m.InstanceId)
  }

  /** Instance ids a command was sent to (or will be, once resolved). */
  private targetsOf(command: Command): string[] {
    return command.resolved ? command.invocations.map((i) => i.instanceId) : (command.instanceIds ?? [])
  }

  /**
   * Brings a command up to `nowMs`: time-based steps in time order first, then (for an
   * observation) one step for every invocation whose phase has been observed long enough.
   */
  private advance(command: Command, nowMs: number, observation: boolean): void {
    if (!command.resolved) {
      const plan = this.timing.visible
      if (plan.afterMs === undefined && plan.afterPolls === undefined)
        this.resolve(command, command.requestedMs)
      else if (plan.afterMs !== undefined && nowMs >= command.requestedMs + plan.afterMs)
        this.resolve(command, command.requestedMs + plan.afterMs)
      else if (observation && plan.afterPolls !== undefined && command.visiblePolls >= plan.afterPolls)
        this.resolve(command, nowMs)
      else {
        if (observation) command.visiblePolls += 1
        return
      }
    }
    let pings: Map<string, PingStatus> | undefined
    const pingOf = (id: string): PingStatus => {
      pings ??= new Map(this.instances.list().map((m) => [m.InstanceId, m.PingStatus]))
      return pings.get(id) ?? 'Inactive'
    }
    // An offline node whose agent is back before the delivery timeout receives what it was sent.
    for (const invocation of command.invocations)
      if (
        invocation.phase === 'offline' &&
        command.clockMs < command.deliveryDeadlineMs &&
        !isUnanswered(invocation.script) &&
        pingOf(invocation.instanceId) === 'Online'
      )
        this.enter(invocation, 'delivery', Math.max(command.clockMs, invocation.phaseStartMs), 'Pending')
    // Time-based steps, earliest first; each may free a slot for the next invocation.
    for (;;) {
      this.dispatch(command, command.clockMs, pingOf)
      let next: { invocation: Invocation; atMs: number } | undefined
      for (const invocation of command.invocations) {
        const atMs = this.timeEvent(command, invocation)
        if (atMs !== undefined && atMs <= nowMs && (!next || atMs < next.atMs)) next = { invocation, atMs }
      }
      if (!next) break
      command.clockMs = Math.max(command.clockMs, next.atMs)
      this.step(command, next.invocation, next.atMs, pingOf, 'time')
    }
    command.clockMs = Math.max(command.clockMs, nowMs)
    this.dispatch(command, nowMs, pingOf)
    if (!observation) return
    // Each invocation moves at most one phase per observation, and one that starts during it is seen by it.
    const seen = new Set<Invocation>()
    for (let progressed = true; progressed;) {
      progressed = false
      for (const invocation of command.invocations) {
        if (seen.has(invocation) || !this.pollable(invocation)) continue
        seen.add(invocation)
        while (this.pollable(invocation)) {
          const plan = this.planOf(invocation)
          if (plan.afterPolls === undefined) break
          if (invocation.phasePolls < plan.afterPolls) {
            invocation.phasePolls += 1
            break
          }
          this.step(command, invocation, nowMs, pingOf, 'poll')
          progressed = true
        }
      }
      if (this.dispatch(command, nowMs, pingOf)) progressed = true
    }
  }

  private pollable(invocation: Invocation): boolean {
    if (invocation.phase === 'delivery') return !isUnanswered(invocation.script)
    return invocation.phase === 'run' && !invocation.script.stuck
  }

  private planOf(invocation: Invocation): ProgressPlan {
    if (invocation.phase === 'delivery') return invocation.script.delivery ?? this.timing.delivery
    const script = invocation.script
    if (script.durationMs !== undefined) return { afterMs: script.durationMs }
    return script.run ?? this.timing.run
  }

  /** When an invocation's current phase ends by itself in time, if it does. */
  private timeEvent(command: Command, invocation: Invocation): number | undefined {
    const { phase, phaseStartMs } = invocation
    if (phase === 'done' || phase === 'cancelling' || phase === 'exec') return undefined
    if (phase === 'queued') return command.stopped || command.cancelled ? undefined : command.expiresMs
    if (phase === 'offline') return command.deliveryDeadlineMs
    if (phase === 'delivery') {
      const script = invocation.script
      if (script.statusDetails === 'DeliveryTimedOut') return command.expiresMs
      if (script.statusDetails === 'Undeliverable') return command.deliveryDeadlineMs
      const plan = this.planOf(invocation)
      const byPlan =
        plan.afterMs !== undefined
          ? phaseStartMs + plan.afterMs
          : plan.afterPolls === undefined
            ? phaseStartMs
            : undefined
      return Math.min(byPlan ?? Infinity, command.expiresMs)
    }
    // run
    const limit = phaseStartMs + command.executionTimeoutSeconds * 1000
    if (invocation.script.stuck) return command.expiresMs
    const plan = this.planOf(invocation)
    const byPlan =
      plan.afterMs !== undefined
        ? phaseStartMs + plan.afterMs
        : plan.afterPolls === undefined
          ? phaseStartMs
          : undefined
    return Math.min(byPlan ?? Infinity, limit)
  }

  /** Ends an invocation's current phase at `atMs` and starts the next. */
  private step(
    command: Command,
    invocation: Invocation,
    atMs: number,
    pingOf: (id: string) => PingStatus,
    cause: 'time' | 'poll',
  ): void {
    const { phase } = invocation
    if (phase === 'queued') return this.finish(command, invocation, 'DeliveryTimedOut', atMs)
    if (phase === 'offline') return this.finish(command, invocation, 'Undeliverable', atMs)
    if (phase === 'delivery') {
      const script = invocation.script
      if (cause === 'time' && atMs >= command.expiresMs)
        return this.finish(command, invocation, 'DeliveryTimedOut', atMs)
      if (script.statusDetails === 'DeliveryTimedOut')
        return this.finish(command, invocation, 'DeliveryTimedOut', atMs)
      if (script.statusDetails === 'Undeliverable')
        return this.finish(command, invocation, 'Undeliverable', atMs)
      if (pingOf(invocation.instanceId) !== 'Online')
        return this.enter(invocation, 'offline', atMs, 'Delayed')
      invocation.startMs = atMs
      if (script.execute) return this.startScript(command, invocation, atMs)
      return this.enter(invocation, 'run', atMs, 'InProgress')
    }
    if (phase === 'run') {
      const script = invocation.script
      if (script.stuck || atMs >= invocation.phaseStartMs + command.executionTimeoutSeconds * 1000) {
        if (script.stuck) return this.finish(command, invocation, 'DeliveryTimedOut', atMs)
        invocation.stdout = script.stdout ?? ''
        invocation.stderr = script.stderr ?? ''
        return this.finish(command, invocation, 'ExecutionTimedOut', atMs, script.responseCode ?? 137)
      }
      const details = script.statusDetails ?? DETAILS_OF_STATUS[script.status ?? 'Success'] ?? 'Success'
      invocation.stdout = script.stdout ?? ''
      invocation.stderr = script.stderr ?? ''
      return this.finish(command, invocation, details, atMs, script.responseCode)
    }
  }

  private enter(invocation: Invocation, phase: Phase, atMs: number, details: string): void {
    invocation.phase = phase
    invocation.phaseStartMs = atMs
    invocation.phasePolls = 0
    invocation.statusDetails = details
  }

  /** Sends queued invocations while MaxConcurrency (and the ramp up to it) allows. Says whether it sent any. */
  private dispatch(command: Command, atMs: number, pingOf: (id: string) => PingStatus): boolean {
    if (command.stopped || command.cancelled) return false
    const total = command.invocations.length
    const max = rate(command.input.MaxConcurrency as string | undefined, '50', total, 'concurrency')
    let sent = false
    for (;;) {
      const inFlight = command.invocations.filter((i) => !['queued', 'done'].includes(i.phase)).length
      const completed = command.invocations.filter((i) => i.phase === 'done').length
      // "The queueing system delivers the command to a single instance and waits until the initial
      // invocation completes before sending the command to two more instances. The system exponentially
      // sends commands to more instances until the value of max-concurrency is met." (send-commands-multiple)
      const limit = this.timing.rampUp ? Math.min(max, completed === 0 ? 1 : 2 * completed) : max
      const next = command.invocations.find((i) => i.phase === 'queued')
      // "If this time is reached and the command hasn't already started running, it won't run" (TimeoutSeconds):
      // what is still queued then waits for the total timeout, and DeliveryTimedOut.
      if (!next || inFlight >= limit || atMs > command.deliveryDeadlineMs) return sent
      sent = true
      if (pingOf(next.instanceId) !== 'Online' || next.script.statusDetails === 'Undeliverable')
        this.enter(next, 'offline', atMs, 'Delayed')
      else this.enter(next, 'delivery', atMs, 'Pending')
    }
  }

  private startScript(command: Command, invocation: Invocation, atMs: number): void {
    this.enter(invocation, 'exec', atMs, 'InProgress')
    const parameters = this.documentParameters(command.document, command.input.Parameters)
    invocation.kill = this.sandboxes.run(
      {
        instanceId: invocation.instanceId,
        commandId: command.id,
        commands: parameters.commands,
        workingDirectory: parameters.workingDirectory[0],
        executionTimeoutSeconds: command.executionTimeoutSeconds,
        region: this.env.region,
      },
      (result) => this.scriptEnded(command, invocation, result),
    )
  }

  private scriptEnded(command: Command, invocation: Invocation, result: ScriptResult): void {
    if (this.commands.get(command.id) !== command || invocation.phase === 'done') return
    const now = this.env.clock.nowMs()
    invocation.stdout = result.stdout
    invocation.stderr = result.stderr
    invocation.kill = undefined
    const details =
      result.reason === 'cancel'
        ? 'Cancelled'
        : result.reason === 'timeout'
          ? 'ExecutionTimedOut'
          : result.code === 0
            ? 'Success'
            : 'Failed'
    this.finish(command, invocation, details, now, result.reason === 'cancel' ? -1 : result.code)
    this.advance(command, now, false)
  }

  private cancelInvocation(command: Command, invocation: Invocation, atMs: number): void {
    if (invocation.phase === 'done' || invocation.phase === 'cancelling') return
    if (invocation.phase === 'exec') {
      this.enter(invocation, 'cancelling', atMs, 'Cancelling')
      invocation.kill?.()
      return
    }
    this.finish(command, invocation, 'Cancelled', atMs)
  }

  /** An invocation reaches a terminal state; errors beyond MaxErrors stop the command. */
  private finish(
    command: Command,
    invocation: Invocation,
    details: string,
    atMs: number,
    code?: number,
  ): void {
    invocation.phase = 'done'
    invocation.statusDetails = details
    invocation.endMs = atMs
    invocation.responseCode =
      code ??
      (details === 'Success' ? 0 : details === 'Failed' ? 1 : details === 'ExecutionTimedOut' ? 137 : -1)
    if (invocation.startMs !== undefined) this.writeOutput(command, invocation)
    const errors = command.invocations.filter((i) => ERRORS.includes(i.statusDetails)).length
    const allowed = rate(
      command.input.MaxErrors as string | undefined,
      '0',
      command.invocations.length,
      'errors',
    )
    if (!command.stopped && errors > allowed) {
      command.stopped = true
      // "The parent command exceeded its max-errors limit and subsequent command invocations were canceled by the system."
      for (const queued of command.invocations.filter((i) => i.phase === 'queued'))
        this.finish(command, queued, 'Terminated', atMs)
    }
  }

  /** The full output, written where the agent uploads it, when the bucket exists in the stand-in's S3. */
  private writeOutput(command: Command, invocation: Invocation): void {
    const bucket = command.input.OutputS3BucketName as string | undefined
    if (!bucket) return
    const s3 = this.env.service('s3') as S3Service | undefined
    if (!s3) return
    const prefix = this.outputPrefix(command, invocation)
    try {
      s3.putObject(bucket, `${prefix}/${command.document.folder.split('/')[1]}/stdout`, invocation.stdout)
      if (invocation.stderr)
        s3.putObject(bucket, `${prefix}/${command.document.folder.split('/')[1]}/stderr`, invocation.stderr)
    } catch (error) {
      if (!(error instanceof AwsError)) throw error
      // No such bucket: the agent's upload fails, the invocation does not.
    }
  }

  /** `<prefix>/<command>/<instance>/awsrunShellScript` (the plugin's OutputS3KeyPrefix). */
  private outputPrefix(command: Command, invocation: Invocation): string {
    const prefix = ((command.input.OutputS3KeyPrefix as string | undefined) ?? '').replace(/^\/+|\/+$/g, '')
    return [prefix, command.id, invocation.instanceId, command.document.folder.split('/')[0]]
      .filter(Boolean)
      .join('/')
  }

  private outputUrl(command: Command, invocation: Invocation, stream: 'stdout' | 'stderr'): string {
    const bucket = command.input.OutputS3BucketName as string | undefined
    if (!bucket) return ''
    const key = `${this.outputPrefix(command, invocation)}/${command.document.folder.split('/')[1]}/${stream}`
    return `https://s3.${this.env.region}.amazonaws.com/${bucket}/${key}`
  }

  // ---- views ----

  private commandStatus(command: Command): { Status: string; StatusDetails: string } {
    const invocations = command.invocations
    const done = invocations.filter((i) => i.phase === 'done')
    const status = (details: string, s = STATUS_OF[details] ?? details) => ({
      Status: s,
      StatusDetails: details,
    })
    if (!command.resolved) return status('Pending')
    if (command.cancelled && done.length < invocations.length) return status('Cancelling')
    if (done.length < invocations.length) {
      const sent = invocations.some((i) => !['queued', 'delivery'].includes(i.phase))
      return status(sent ? 'InProgress' : 'Pending')
    }
    // "No Instances In Tag: the targets don't match any managed instances" (Status Success).
    if (invocations.length === 0) return status('NoInstancesInTag', 'Success')
    if (command.cancelled) return status('Cancelled')
    const count = (details: string) => invocations.filter((i) => i.statusDetails === details).length
    const allowed = rate(command.input.MaxErrors as string | undefined, '0', invocations.length, 'errors')
    if (count('Failed') + count('ExecutionTimedOut') > allowed)
      return count('Failed') ? status('Failed') : status('ExecutionTimedOut')
    if (count('DeliveryTimedOut') > allowed) return status('DeliveryTimedOut')
    // Undeliverable, InvalidPlatform and AccessDenied invocations don't decide between Success and Incomplete,
    // but when every invocation is one of them the command is Failed.
    const decisive = invocations.filter(
      (i) => !['Undeliverable', 'InvalidPlatform', 'AccessDenied'].includes(i.statusDetails),
    )
    if (decisive.length === 0) return status('Failed')
    if (decisive.every((i) => i.statusDetails === 'Success')) return status('Success')
    return status('Incomplete', 'Failed')
  }

  private commandView(command: Command): Record<string, unknown> {
    const input = command.input
    const invocations = command.invocations
    return {
      CommandId: command.id,
      DocumentName: input.DocumentName,
      DocumentVersion: (input.DocumentVersion as string | undefined) ?? '$DEFAULT',
      Comment: (input.Comment as string | undefined) ?? '',
      ExpiresAfter: new Date(command.expiresMs),
      Parameters: input.Parameters ?? {},
      InstanceIds: (input.InstanceIds as string[] | undefined) ?? [],
      Targets: (input.Targets as unknown[] | undefined) ?? [],
      RequestedDateTime: new Date(command.requestedMs),
      ...this.commandStatus(command),
      OutputS3Region: this.env.region,
      OutputS3BucketName: (input.OutputS3BucketName as string | undefined) ?? '',
      OutputS3KeyPrefix: (input.OutputS3KeyPrefix as string | undefined) ?? '',
      MaxConcurrency: (input.MaxConcurrency as string | undefined) ?? '50',
      MaxErrors: (input.MaxErrors as string | undefined) ?? '0',
      TargetCount: command.targetCount,
      CompletedCount: invocations.filter((i) => i.phase === 'done').length,
      ErrorCount: invocations.filter((i) => ERRORS.includes(i.statusDetails)).length,
      DeliveryTimedOutCount: invocations.filter((i) => i.statusDetails === 'DeliveryTimedOut').length,
      ServiceRole: (input.ServiceRoleArn as string | undefined) ?? '',
      NotificationConfig: input.NotificationConfig ?? {
        NotificationArn: '',
        NotificationEvents: [],
        NotificationType: '',
      },
      CloudWatchOutputConfig: input.CloudWatchOutputConfig ?? {
        CloudWatchLogGroupName: '',
        CloudWatchOutputEnabled: false,
      },
      TimeoutSeconds: (input.TimeoutSeconds as number | undefined) ?? 3600,
      AlarmConfiguration: input.AlarmConfiguration,
    }
  }

  private invocationStatus(invocation: Invocation): { Status: string; StatusDetails: string } {
    return {
      Status: STATUS_OF[invocation.statusDetails] ?? invocation.statusDetails,
      StatusDetails: invocation.statusDetails,
    }
  }

  private invocationRow(command: Command, invocation: Invocation, details: boolean): Record<string, unknown> {
    const input = command.input
    const done = invocation.phase === 'done'
    return {
      CommandId: command.id,
      InstanceId: invocation.instanceId,
      InstanceName: invocation.instanceName,
      Comment: (input.Comment as string | undefined) ?? '',
      DocumentName: input.DocumentName,
      DocumentVersion: (input.DocumentVersion as string | undefined) ?? '$DEFAULT',
      RequestedDateTime: new Date(command.requestedMs),
      ...this.invocationStatus(invocation),
      TraceOutput: '',
      StandardOutputUrl: this.outputUrl(command, invocation, 'stdout'),
      StandardErrorUrl: this.outputUrl(command, invocation, 'stderr'),
      CommandPlugins: details
        ? [
            {
              Name: command.document.plugin,
              ...this.invocationStatus(invocation),
              ResponseCode: invocation.responseCode,
              ResponseStartDateTime:
                invocation.startMs !== undefined ? new Date(invocation.startMs) : undefined,
              ResponseFinishDateTime:
                done && invocation.startMs !== undefined ? new Date(invocation.endMs!) : undefined,
              // The agent's combined output: stdout, then stderr after its separator; the first 2,500 characters.
              Output: done ? combinedOutput(invocation).slice(0, OUTPUT_LIMIT) : '',
              StandardOutputUrl: this.outputUrl(command, invocation, 'stdout'),
              StandardErrorUrl: this.outputUrl(command, invocation, 'stderr'),
              OutputS3Region: this.env.region,
              OutputS3BucketName: (input.OutputS3BucketName as string | undefined) ?? '',
              OutputS3KeyPrefix: this.outputPrefix(command, invocation),
            },
          ]
        : [],
      ServiceRole: (input.ServiceRoleArn as string | undefined) ?? '',
      NotificationConfig: input.NotificationConfig ?? {
        NotificationArn: '',
        NotificationEvents: [],
        NotificationType: '',
      },
      CloudWatchOutputConfig: input.CloudWatchOutputConfig ?? {
        CloudWatchLogGroupName: '',
        CloudWatchOutputEnabled: false,
      },
    }
  }

  private invocationDetail(command: Command, invocation: Invocation): Record<string, unknown> {
    const input = command.input
    const done = invocation.phase === 'done'
    const started = invocation.startMs !== undefined
    const endMs = done ? invocation.endMs! : this.env.clock.nowMs()
    return {
      CommandId: command.id,
      InstanceId: invocation.instanceId,
      Comment: (input.Comment as string | undefined) ?? '',
      DocumentName: input.DocumentName,
      DocumentVersion: (input.DocumentVersion as string | undefined) ?? '$DEFAULT',
      PluginName: command.document.plugin,
      ResponseCode: invocation.responseCode,
      ExecutionStartDateTime: started ? new Date(invocation.startMs!).toISOString() : '',
      ExecutionElapsedTime: started ? javaDuration(endMs - invocation.startMs!) : '',
      ExecutionEndDateTime: started && done ? new Date(endMs).toISOString() : '',
      ...this.invocationStatus(invocation),
      // "If the command hasn't finished running, then this string is empty."
      StandardOutputContent: done ? invocation.stdout.slice(0, STDOUT_LIMIT) : '',
      StandardOutputUrl: this.outputUrl(command, invocation, 'stdout'),
      StandardErrorContent: done ? invocation.stderr.slice(0, STDERR_LIMIT) : '',
      StandardErrorUrl: this.outputUrl(command, invocation, 'stderr'),
      CloudWatchOutputConfig: input.CloudWatchOutputConfig ?? {
        CloudWatchLogGroupName: '',
        CloudWatchOutputEnabled: false,
      },
    }
  }

  // ---- listing ----

  private page(rows: Record<string, unknown>[], input: Input, key: string): Record<string, unknown> {
    // MaxResults: 1 to 50 (model); 50 when absent.
    const max = (input.MaxResults as number | undefined) ?? PAGE
    const start = decodeToken(input.NextToken as string | undefined, rows.length)
    return {
      [key]: rows.slice(start, start + max),
      NextToken: start + max < rows.length ? encodeToken(start + max) : undefined,
    }
  }

  /** ListCommands / ListCommandInvocations filters (API_CommandFilter), as predicates on the rows. */
  private filters(input: Input, operation: string): ((row: Record<string, unknown>) => boolean)[] {
    const filters = (input.Filters as { key: string; value: string }[] | undefined) ?? []
    return filters.map(({ key, value }) => {
      if (key === 'InvokedAfter' || key === 'InvokedBefore') {
        const at = Date.parse(value)
        if (Number.isNaN(at))
          throw new AwsError('ValidationException', `${value} is not a valid timestamp for ${key}.`)
        return (row) => {
          const requested = (row.RequestedDateTime as Date).getTime()
          return key === 'InvokedAfter' ? requested >= at : requested <= at
        }
      }
      if (key === 'DocumentName') return (row) => row.DocumentName === value
      // "TimedOut (this includes both Delivery and Execution time outs)": Status or StatusDetails values.
      if (key === 'Status') return (row) => row.Status === value || row.StatusDetails === value
      // ExecutionStage: "can't be used with the ListCommandInvocations operation, only with ListCommands".
      if (operation === 'ListCommandInvocations') throw new AwsError('InvalidFilterKey', '')
      if (value !== 'Executing' && value !== 'Complete')
        throw new AwsError('ValidationException', `${value} is not a valid value for ExecutionStage.`)
      return (row) =>
        ['Pending', 'InProgress', 'Cancelling'].includes(row.Status as string) === (value === 'Executing')
    })
  }
}

/** MaxConcurrency / MaxErrors as a count: a number, or a percentage of the targets (rounded down; concurrency at least 1). */
function rate(
  spec: string | undefined,
  fallback: string,
  total: number,
  kind: 'concurrency' | 'errors',
): number {
  const value = spec ?? fallback
  // The user guide does not say how a percentage rounds; this rounds down, as CloudFormation StackSets
  // document for their percentages, and never lets concurrency reach zero.
  const count = value.endsWith('%') ? Math.floor((total * Number(value.slice(0, -1))) / 100) : Number(value)
  return kind === 'concurrency' ? Math.max(1, count) : count
}

/** AWS-RunShellScript, or the document named by an ARN (`arn:aws:ssm:<region>::document/AWS-RunShellScript`). */
function documentName(name: string): string {
  const arn = /^arn:[^:]+:ssm:[^:]*:[^:]*:document\/(.+)$/.exec(name)
  return arn ? arn[1] : name
}

/**
 * The target formats Run Command takes: one `InstanceIds` target, or up to 5 of `tag:<key>` and
 * `tag-key` (resource groups are not simulated). Wording of SSM's maintenance window check.
 */
function checkTargets(targets: { Key?: string; Values?: string[] }[]): void {
  const format = () =>
    new AwsError(
      'ValidationException',
      'Targets must be specified in one of the following formats: 1) 1 target with "Key=InstanceIds" and "Values=" a list of up to 50 instance IDs, or 2) Up to 5 targets, each of which can be either "Key=tag:<key>,Values=<tag_values>" or "Key=tag-key,Values=<tag_keys>", and each with up to 5 unique tag keys/values.',
    )
  for (const { Key, Values } of targets) {
    const key = Key ?? ''
    if (key.startsWith('resource-groups:'))
      throw new AwsError('ValidationException', 'aws-local does not simulate resource-groups targets', 501)
    if (!Values?.length) throw format()
    if (key.toLowerCase() === 'instanceids') {
      if (targets.length > 1) throw format()
    } else if (key !== 'tag-key' && !/^tag:.+/.test(key)) throw format()
  }
}

/** No delivery at all: the invocation only ends by its timeout. */
function isUnanswered(script: InvocationScript): boolean {
  return script.statusDetails === 'DeliveryTimedOut' || script.statusDetails === 'Undeliverable'
}

function combinedOutput(invocation: Invocation): string {
  return invocation.stderr
    ? `${invocation.stdout}\n----------ERROR-------\n${invocation.stderr}`
    : invocation.stdout
}

/** ISO 8601 durations the way Java's Duration prints them (`PT0.541S`, `PT1H0.271S`), as SSM does. */
export function javaDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms))
  const hours = Math.floor(total / 3_600_000)
  const minutes = Math.floor((total % 3_600_000) / 60_000)
  const millis = total % 60_000
  let out = 'PT'
  if (hours) out += `${hours}H`
  if (minutes) out += `${minutes}M`
  if (millis || (!hours && !minutes)) {
    const seconds = Math.floor(millis / 1000)
    const fraction = String(millis % 1000)
      .padStart(3, '0')
      .replace(/0+$/, '')
    out += `${seconds}${fraction ? `.${fraction}` : ''}S`
  }
  return out
}

/** Collects pattern violations of string members (and lists of strings), worded as Coral words them. */
function walkPatterns(
  model: ServiceModel,
  shape: Shape,
  value: unknown,
  path: PathSegment[],
  out: string[],
): void {
  if (shape.type === 'structure' && isPlainObject(value)) {
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      const member = value[name]
      if (member === undefined || member === null) continue
      walkPatterns(model, shapeOf(model, ref), member, [...path, { member: name, ref }], out)
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    const item = shapeOf(model, shape.member!)
    if (item.type === 'string' && item.pattern) {
      const regex = patternRegex(item.pattern)
      if (regex && value.some((v) => typeof v === 'string' && !regex.test(v)))
        out.push(
          `Value ${coralValue(value)} at '${coralPath(path)}' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: ${item.pattern}]`,
        )
    } else value.forEach((v, index) => walkPatterns(model, item, v, [...path, { index }], out))
  } else if (shape.type === 'string' && shape.pattern && typeof value === 'string') {
    const regex = patternRegex(shape.pattern)
    if (regex && !regex.test(value))
      out.push(
        `Value ${coralValue(value)} at '${coralPath(path)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shape.pattern}`,
      )
  }
}

/** Coral matches the whole value against the model's (Java) pattern. */
function patternRegex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u')
  } catch {
    return undefined
  }
}
