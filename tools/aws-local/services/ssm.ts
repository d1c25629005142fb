// SSM Parameter Store: parameters with versions and history.
import { AwsError } from '../errors'
import type { Handler, Input, ServiceEnv } from '../types'

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

export class SsmService {
  readonly name = 'ssm'
  /** Every version of every parameter, oldest first. */
  private readonly parameters = new Map<string, ParameterVersion[]>()

  constructor(private readonly env: ServiceEnv) {}

  reset(): void {
    this.parameters.clear()
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
    const versions = this.parameters.get(name)
    return versions?.[versions.length - 1]
  }

  private arn(name: string): string {
    return `arn:aws:ssm:${this.env.region}:${this.env.accountId}:parameter/${name.replace(/^\//, '')}`
  }

  /** `name`, `name:version` or `name:label`. */
  private find(selector: string): ParameterVersion | undefined {
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
      if (dataType === 'aws:ec2:image' && !/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value))
        throw new AwsError(
          'ValidationException',
          `Parameter value, ${value}, is not a valid AMI ID. The value must be in the format ami-xxxxxxxxxxxxxxxxx.`,
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
      const version = this.putParameter({
        Name: name,
        Value: value,
        Type: input.Type as ParameterVersion['Type'] | undefined,
        DataType: dataType,
        Description: input.Description as string | undefined,
      })
      return { Version: version, Tier: 'Standard' }
    },

    DeleteParameter: (input: Input) => {
      if (!this.parameters.delete(input.Name as string)) throw new AwsError('ParameterNotFound', '')
      return {}
    },

    GetParameterHistory: (input: Input) => {
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
