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

/**
 * "Parameter Store retains the 100 most recently created versions of a parameter. After this
 * number of versions has been created, Parameter Store deletes the oldest version when a new one
 * is created. However, if the oldest version has a label attached to it, Parameter Store won't
 * delete the version" (SSM API Reference, ParameterMaxVersionLimitExceeded; botocore shape of the
 * same name).
 */
const MAX_VERSIONS = 100
/** "A version of a parameter can have a maximum of 10 labels" (SSM API Reference, LabelParameterVersion). */
const MAX_LABELS = 10

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
        try {
          this.putParameter(validation.input)
          validation.status = 'created'
        } catch (error) {
          // The oldest version gained a label while the validation ran: nothing is created.
          if (!(error instanceof AwsError)) throw error
          validation.status = 'failed'
          validation.reason = error.message
        }
      }
    }
  }

  /**
   * Scripting: creates or overwrites a parameter (no validation beyond the model's). Past 100
   * versions the oldest one goes, as in Parameter Store; a labelled oldest version refuses the new
   * one (ParameterMaxVersionLimitExceeded).
   */
  putParameter(input: {
    Name: string
    Value: string
    Type?: ParameterVersion['Type']
    DataType?: string
    Description?: string
  }): number {
    const versions = this.parameters.get(input.Name) ?? []
    const previous = versions[versions.length - 1]
    this.checkVersionLimit(input.Name)
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
    if (versions.length > MAX_VERSIONS) versions.shift()
    this.parameters.set(input.Name, versions)
    return version.Version
  }

  /**
   * A new version past the 100th deletes the oldest one unless it has a label; then PutParameter
   * fails with the message the botocore shape ParameterMaxVersionLimitExceeded quotes: "You
   * attempted to create a new version of parameter-name by calling the PutParameter API with the
   * overwrite flag. Version version-number, the oldest version, can't be deleted because it has a
   * label associated with it. Move the label to another version of the parameter, and try again."
   */
  private checkVersionLimit(name: string): void {
    const versions = this.parameters.get(name) ?? []
    const oldest = versions[0]
    if (versions.length >= MAX_VERSIONS && oldest.Labels.length)
      throw new AwsError(
        'ParameterMaxVersionLimitExceeded',
        `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${oldest.Version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
      )
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

  /**
   * `name`, `name:version` or `name:label`: the parameter's versions (undefined when there is no
   * such parameter) and the version selected (undefined when the selector names none of them).
   */
  private lookup(selector: string): {
    name: string
    versions?: ParameterVersion[]
    found?: ParameterVersion
  } {
    this.settleImageValidations()
    const match = /^(.*):([^:/]+)$/.exec(selector)
    const name = match ? match[1] : selector
    const versions = this.parameters.get(name)
    if (!versions) return { name }
    if (!match) return { name, versions, found: versions[versions.length - 1] }
    const wanted = match[2]
    // Labels can't begin with a number (SSM API Reference, LabelParameterVersion), so digits are a version.
    const found = /^\d+$/.test(wanted)
      ? versions.find((v) => v.Version === Number(wanted))
      : versions.find((v) => v.Labels.includes(wanted))
    return { name, versions, found }
  }

  private find(selector: string): ParameterVersion | undefined {
    return this.lookup(selector).found
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
      const selector = input.Name as string
      const { name, versions, found } = this.lookup(selector)
      if (!versions) throw new AwsError('ParameterNotFound', '')
      // An existing parameter without the version asked for: "ParameterVersionNotFound: The
      // specified parameter version wasn't found. Verify the parameter name and version, and try
      // again" (SSM API Reference, GetParameter, Errors); the message is the one AWS answers
      // (recorded in getmoto/moto#3977). A label names a version ("Selector ... is either the
      // version number or the label", Systems Manager User Guide, "Working with parameter
      // labels"), so an unknown label of an existing parameter answers the same; AWS documents no
      // other error for it (ParameterNotFound: "The parameter couldn't be found. Verify the name").
      if (!found)
        throw new AwsError(
          'ParameterVersionNotFound',
          `Systems Manager could not find version ${selector.slice(name.length + 1)} of ${name}. Verify the version and try again.`,
        )
      return { Parameter: this.view(found, selector, input.WithDecryption === true) }
    },

    // GetParameters has no ParameterNotFound/ParameterVersionNotFound error (botocore model): a
    // missing parameter, version or label is listed in InvalidParameters.
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
      if (existing) this.checkVersionLimit(name)
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

    LabelParameterVersion: (input: Input) => {
      this.settleImageValidations()
      const name = input.Name as string
      const versions = this.parameters.get(name)
      if (!versions) throw new AwsError('ParameterNotFound', '')
      // "If no version is specified, the system attaches the label to the latest version" (SSM API
      // Reference, LabelParameterVersion `ParameterVersion`).
      const number = (input.ParameterVersion as number | undefined) ?? versions[versions.length - 1].Version
      const target = versions.find((v) => v.Version === number)
      if (!target)
        throw new AwsError(
          'ParameterVersionNotFound',
          `Systems Manager could not find version ${number} of ${name}. Verify the version and try again.`,
        )
      // "Labels can contain letters (case sensitive), numbers, periods (.), hyphens (-), or
      // underscores (_)", "can't begin with a number, "aws" or "ssm" (not case sensitive). If a
      // label fails to meet these requirements, then the label isn't associated with a parameter
      // and the system displays it in the list of InvalidLabels" (SSM API Reference, LabelParameterVersion).
      const labels = input.Labels as string[]
      const invalid = labels.filter((l) => !/^[a-zA-Z0-9._-]+$/.test(l) || /^(\d|aws|ssm)/i.test(l))
      const valid = [...new Set(labels.filter((l) => !invalid.includes(l)))]
      const added = valid.filter((l) => !target.Labels.includes(l))
      if (target.Labels.length + added.length > MAX_LABELS)
        // "A parameter version can have a maximum of ten labels" (botocore shape ParameterVersionLabelLimitExceeded).
        throw new AwsError(
          'ParameterVersionLabelLimitExceeded',
          'A parameter version can have a maximum of 10 labels. Move one or more labels to another version and try again.',
        )
      // "You can't attach the same label to different versions of the same parameter ... You can
      // move a label from one version of a parameter to another" (same page): attaching moves it.
      for (const v of versions) if (v !== target) v.Labels = v.Labels.filter((l) => !valid.includes(l))
      target.Labels.push(...added)
      return { InvalidLabels: invalid, ParameterVersion: target.Version }
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
