// SSM Parameter Store: parameters with versions and history; Run Command lives in ./ssm-commands.
import { Progress, type ProgressPlan } from '../clock'
import { AwsError } from '../errors'
import type { Handler, Input, ServiceEnv } from '../types'
import type { Ec2Service } from './ec2'
import { RunCommand, type InvocationScript, type RunCommandTiming } from './ssm-commands'
import type { ManagedInstance, ManagedInstanceSeed, PingStatus } from './ssm-instances'
import type { FakeCall, SandboxFakes, SandboxOptions } from './ssm-sandbox'

export interface ParameterVersion {
  Name: string
  Type: 'String' | 'StringList' | 'SecureString'
  Value: string
  Version: number
  LastModifiedDate: Date
  DataType: string
  Description?: string
  AllowedPattern?: string
  KeyId?: string
  Tier: string
  Labels: string[]
  LastModifiedUser: string
}

const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration']

type PutInput = {
  Name: string
  Value: string
  Type?: ParameterVersion['Type']
  DataType: string
  Description?: string
}

/** A PutParameter with `DataType: aws:ec2:image` and how its asynchronous validation went. */
export interface ImageValueValidation {
  Name: string
  Value: string
  status: 'pending' | 'created' | 'failed'
  /** Why it failed. */
  reason?: string
}

export class SsmService {
  readonly name = 'ssm'
  /** Every version of every parameter, oldest first. */
  private readonly parameters = new Map<string, ParameterVersion[]>()
  /**
   * `aws:ec2:image` values are validated after PutParameter answers: "Systems Manager does not
   * create the parameter immediately. It instead performs an asynchronous validation operation to
   * ensure that the parameter value meets the formatting requirements for an AMI ID, and that the
   * specified AMI is available in your AWS account" (Systems Manager User Guide, "Native parameter
   * support for Amazon Machine Image IDs"); "If you submit an invalid AMI value, the PutParameter
   * operation will return success, but the asynchronous validation will fail and the parameter
   * will not be created or updated" (SSM API Reference, PutParameter `DataType`). Until it is
   * done, reads see the previous version; the validation ends per `setImageValidationPlan`
   * (default: at once, so the next read sees the result).
   */
  private readonly imageValidations: (ImageValueValidation & { input: PutInput; progress: Progress })[] = []
  private imageValidationPlan: ProgressPlan = {}

  /** Run Command and managed instances (./ssm-commands); its handlers join Parameter Store's below. */
  readonly runCommand: RunCommand

  constructor(private readonly env: ServiceEnv) {
    this.runCommand = new RunCommand(env)
    Object.assign(this.handlers, this.runCommand.handlers)
  }

  reset(): void {
    this.runCommand.reset()
    this.parameters.clear()
    this.imageValidations.length = 0
    this.imageValidationPlan = {}
  }

  /** Kills scripts still running and removes their sandboxes. */
  close(): void {
    this.runCommand.close()
  }

  // Scripting for Run Command (see ./ssm-commands and the README).
  seedManagedInstance(fields: ManagedInstanceSeed = {}): ManagedInstance {
    return this.runCommand.seedManagedInstance(fields)
  }
  registerEc2Instances(options: Parameters<RunCommand['registerEc2Instances']>[0] = {}): string[] {
    return this.runCommand.registerEc2Instances(options)
  }
  setPingStatus(instanceId: string, status: PingStatus): void {
    this.runCommand.setPingStatus(instanceId, status)
  }
  scriptInvocation(instanceId: string, script: InvocationScript, options: { once?: boolean } = {}): void {
    this.runCommand.scriptInvocation(instanceId, script, options)
  }
  runScripts(enabled: boolean, instanceId = '*', options: SandboxOptions = {}): void {
    this.runCommand.runScripts(enabled, instanceId, options)
  }
  setSandboxFakes(instanceId: string, fakes: SandboxFakes): void {
    this.runCommand.setSandboxFakes(instanceId, fakes)
  }
  sandboxOf(instanceId: string): string {
    return this.runCommand.sandboxOf(instanceId)
  }
  writeSandboxFile(instanceId: string, path: string, content: string, mode?: number): string {
    return this.runCommand.writeSandboxFile(instanceId, path, content, mode)
  }
  fakeCalls(instanceId: string, command?: string): FakeCall[] {
    return this.runCommand.fakeCalls(instanceId, command)
  }
  setRunCommandTiming(timing: RunCommandTiming): void {
    this.runCommand.setTiming(timing)
  }
  describeCommand(commandId: string): Record<string, unknown> | undefined {
    return this.runCommand.describeCommand(commandId)
  }
  describeInvocations(commandId: string): Record<string, unknown>[] {
    return this.runCommand.describeInvocations(commandId)
  }

  /** Scripting: how long `aws:ec2:image` validations take from now on (`{ afterMs }` of clock time, `{ afterPolls }` reads). */
  setImageValidationPlan(plan: ProgressPlan): void {
    this.imageValidationPlan = plan
  }

  /** Scripting: every `aws:ec2:image` PutParameter and its outcome, oldest first (the EventBridge events AWS would send). */
  imageValueValidations(): ImageValueValidation[] {
    this.settleImageValidations()
    return this.imageValidations.map(({ Name, Value, status, reason }) => ({ Name, Value, status, reason }))
  }

  /** Finishes the validations that are due: the value must be an AMI id of an image in this region. */
  private settleImageValidations(): void {
    for (const validation of this.imageValidations) {
      if (validation.status !== 'pending' || !validation.progress.poll()) continue
      const value = validation.Value
      const image = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value)
        ? (this.env.service('ec2') as Ec2Service).getImage(value)
        : undefined
      if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value)) {
        validation.status = 'failed'
        validation.reason = `Parameter value, ${value}, is not a valid AMI ID. The value must be in the format ami-xxxxxxxxxxxxxxxxx.`
      } else if (!image || image.State === 'failed') {
        validation.status = 'failed'
        validation.reason = `The AMI ${value} is not available in ${this.env.region}.`
      } else {
        validation.status = 'created'
        this.putParameter(validation.input)
      }
    }
  }

  /** Scripting: creates or overwrites a parameter (no validation beyond the model's). */
  putParameter(input: {
    Name: string
    Value: string
    Type?: ParameterVersion['Type']
    DataType?: string
    Description?: string
  }): number {
    const versions = this.parameters.get(input.Name) ?? []
    const previous = versions[versions.length - 1]
    const version: ParameterVersion = {
      Name: input.Name,
      Type: input.Type ?? previous?.Type ?? 'String',
      Value: input.Value,
      Version: (previous?.Version ?? 0) + 1,
      LastModifiedDate: this.env.clock.now(),
      DataType: input.DataType ?? previous?.DataType ?? 'text',
      Description: input.Description ?? previous?.Description,
      Tier: 'Standard',
      Labels: [],
      LastModifiedUser: `arn:aws:iam::${this.env.accountId}:user/test`,
    }
    versions.push(version)
    this.parameters.set(input.Name, versions)
    return version.Version
  }

  /** Scripting: the current version of a parameter, if any. */
  getParameter(name: string): ParameterVersion | undefined {
    this.settleImageValidations()
    const versions = this.parameters.get(name)
    return versions?.[versions.length - 1]
  }

  private arn(name: string): string {
    return `arn:aws:ssm:${this.env.region}:${this.env.accountId}:parameter/${name.replace(/^\//, '')}`
  }

  /** `name`, `name:version` or `name:label`. */
  private find(selector: string): ParameterVersion | undefined {
    this.settleImageValidations()
    const match = /^(.*):([^:/]+)$/.exec(selector)
    const versions = this.parameters.get(match ? match[1] : selector)
    if (!versions) return undefined
    if (!match) return versions[versions.length - 1]
    const wanted = match[2]
    return /^\d+$/.test(wanted)
      ? versions.find((v) => v.Version === Number(wanted))
      : versions.find((v) => v.Labels.includes(wanted))
  }

  private view(p: ParameterVersion, selector: string, withDecryption: boolean) {
    const selectorSuffix = selector.includes(':') ? selector.slice(selector.lastIndexOf(':')) : undefined
    return {
      Name: p.Name,
      Type: p.Type,
      // Without decryption a SecureString comes back as its (opaque) ciphertext.
      Value:
        p.Type === 'SecureString' && !withDecryption
          ? `AQICAH${Buffer.from(p.Value).toString('base64')}`
          : p.Value,
      Version: p.Version,
      Selector: selectorSuffix,
      LastModifiedDate: p.LastModifiedDate,
      ARN: this.arn(p.Name),
      DataType: p.DataType,
    }
  }

  readonly handlers: Record<string, Handler> = {
    GetParameter: (input: Input) => {
      const name = input.Name as string
      const p = this.find(name)
      if (!p) throw new AwsError('ParameterNotFound', '')
      return { Parameter: this.view(p, name, input.WithDecryption === true) }
    },

    GetParameters: (input: Input) => {
      const names = input.Names as string[]
      const found = names.map((n) => ({ n, p: this.find(n) }))
      return {
        Parameters: found.filter((f) => f.p).map((f) => this.view(f.p!, f.n, input.WithDecryption === true)),
        InvalidParameters: found.filter((f) => !f.p).map((f) => f.n),
      }
    },

    PutParameter: (input: Input) => {
      const name = input.Name as string
      const value = input.Value as string
      const existing = this.getParameter(name)
      if (existing && input.Overwrite !== true)
        throw new AwsError(
          'ParameterAlreadyExists',
          'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
        )
      if (/^\/?(aws|ssm)/i.test(name))
        throw new AwsError(
          'ValidationException',
          'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
        )
      if (name.split('/').filter(Boolean).length > 15)
        throw new AwsError(
          'HierarchyLevelLimitExceededException',
          'A hierarchy can have a maximum of 15 levels.',
        )
      if (!existing && input.Type === undefined)
        throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.')
      const dataType = (input.DataType as string | undefined) ?? existing?.DataType ?? 'text'
      if (!DATA_TYPES.includes(dataType))
        throw new AwsError(
          'ValidationException',
          `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
        )
      const pattern = input.AllowedPattern as string | undefined
      if (pattern && !new RegExp(pattern).test(value))
        throw new AwsError(
          'ParameterPatternMismatchException',
          `Parameter value, ${value}, failed to satisfy constraint specified in allowed pattern ${pattern}`,
        )
      if ((existing?.Version ?? 0) >= 100)
        throw new AwsError(
          'ParameterMaxVersionLimitExceeded',
          `Parameter ${name} already has the maximum of 100 versions.`,
        )
      const put: PutInput = {
        Name: name,
        Value: value,
        Type: input.Type as ParameterVersion['Type'] | undefined,
        DataType: dataType,
        Description: input.Description as string | undefined,
      }
      if (dataType === 'aws:ec2:image') {
        // Answered at once with the version it will have; created or not once validated (above).
        const pending = this.imageValidations.filter((v) => v.Name === name && v.status === 'pending').length
        this.imageValidations.push({
          Name: name,
          Value: value,
          status: 'pending',
          input: put,
          progress: new Progress(this.env.clock, this.imageValidationPlan),
        })
        return { Version: (existing?.Version ?? 0) + pending + 1, Tier: 'Standard' }
      }
      return { Version: this.putParameter(put), Tier: 'Standard' }
    },

    DeleteParameter: (input: Input) => {
      this.settleImageValidations()
      if (!this.parameters.delete(input.Name as string)) throw new AwsError('ParameterNotFound', '')
      return {}
    },

    GetParameterHistory: (input: Input) => {
      this.settleImageValidations()
      const versions = this.parameters.get(input.Name as string)
      if (!versions) throw new AwsError('ParameterNotFound', '')
      const max = (input.MaxResults as number | undefined) ?? 50
      const start = input.NextToken ? Number(Buffer.from(input.NextToken as string, 'base64').toString()) : 0
      if (!Number.isInteger(start) || start < 0 || start > versions.length)
        throw new AwsError('InvalidNextToken', 'The specified token is not valid.')
      const page = versions.slice(start, start + max)
      const next =
        start + max < versions.length ? Buffer.from(String(start + max)).toString('base64') : undefined
      return {
        Parameters: page.map((p) => ({
          ...this.view(p, p.Name, input.WithDecryption === true),
          Selector: undefined,
          ARN: undefined,
          Description: p.Description,
          AllowedPattern: p.AllowedPattern,
          Tier: p.Tier,
          Labels: p.Labels,
          LastModifiedUser: p.LastModifiedUser,
        })),
        NextToken: next,
      }
    },
  }
}
