import {
  CancelCommandCommand,
  GetCommandInvocationCommand,
  ListCommandsCommand,
  paginateDescribeInstanceInformation,
  paginateListCommandInvocations,
  SendCommandCommand,
  SSMClient,
  type Command,
  type CommandInvocation,
  type GetCommandInvocationCommandOutput,
  type InstanceInformation,
  type SendCommandCommandInput,
} from '@aws-sdk/client-ssm'
import { AWS_LIMITS, chunks, type AwsCalls } from '../common/aws'
import { awsErrorCode } from '../common/errors'
import type { Target } from './inputs'

export type { Command, CommandInvocation, InstanceInformation }

/**
 * The SSM calls deploy-binary makes, each labelled with what it attempts and bound to the run's
 * AbortSignal through the call layer (src/common/aws.ts). The only module that loads the SSM
 * client: main.ts imports it dynamically. Per-call limits: at most 50 instance ids per
 * SendCommand / CancelCommand and per filter, 5 Targets, 50 invocations a page (AWS_LIMITS).
 */
export class Ssm {
  private readonly client: SSMClient

  constructor(private readonly calls: AwsCalls) {
    this.client = calls.client(SSMClient)
  }

  /** The managed-instance records of the given ids (every page, 50 ids per filter). */
  async describeInstances(ids: string[]): Promise<InstanceInformation[]> {
    const out: InstanceInformation[] = []
    for (const batch of chunks(ids, AWS_LIMITS.ssmInstanceIds)) {
      out.push(
        ...(await this.calls.all(
          `describe the SSM managed instances ${batch.join(', ')}`,
          (o) =>
            paginateDescribeInstanceInformation(
              { client: this.client, pageSize: 50 },
              { Filters: [{ Key: 'InstanceIds', Values: batch }] },
              o,
            ),
          (page) => page.InstanceInformationList,
        )),
      )
    }
    return out
  }

  /** The managed instances the targets match (tag filters: every one must match, as in SendCommand). */
  async describeTargets(targets: Target[]): Promise<InstanceInformation[]> {
    return this.calls.all(
      `find the SSM managed instances matching ${targets.map(targetText).join(' and ')}`,
      (o) =>
        paginateDescribeInstanceInformation(
          { client: this.client, pageSize: 50 },
          { Filters: targets.map((t) => ({ Key: t.Key, Values: t.Values })) },
          o,
        ),
      (page) => page.InstanceInformationList,
    )
  }

  async sendCommand(input: SendCommandCommandInput, what: string): Promise<Command> {
    const out = await this.calls.send(what, (o) => this.client.send(new SendCommandCommand(input), o))
    return out.Command ?? {}
  }

  async getCommand(commandId: string, signal?: AbortSignal | null): Promise<Command | undefined> {
    const out = await this.calls.send(
      `read SSM command ${commandId}`,
      (o) => this.client.send(new ListCommandsCommand({ CommandId: commandId }), o),
      signal === undefined ? this.calls.signal : signal,
    )
    return out.Commands?.[0]
  }

  /**
   * Every invocation of a command with its plugin details (50 a page, every page); with
   * `signal: null`, for the report after the run was cancelled.
   */
  async listInvocations(commandId: string, signal?: AbortSignal | null): Promise<CommandInvocation[]> {
    return this.calls.all(
      `list the invocations of SSM command ${commandId}`,
      (o) =>
        paginateListCommandInvocations(
          { client: this.client, pageSize: AWS_LIMITS.ssmListCommandInvocations },
          { CommandId: commandId, Details: true },
          o,
        ),
      (page) => page.CommandInvocations,
      signal === undefined ? this.calls.signal : signal,
    )
  }

  /** One invocation's output (stdout up to 24,000 characters, stderr up to 8,000); undefined until visible. */
  async getInvocation(
    commandId: string,
    instanceId: string,
  ): Promise<GetCommandInvocationCommandOutput | undefined> {
    try {
      return await this.calls.send(`read the output of SSM command ${commandId} on ${instanceId}`, (o) =>
        this.client.send(
          new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }),
          o,
        ),
      )
    } catch (error) {
      const cause = error instanceof Error ? error.cause : undefined
      if (awsErrorCode(cause ?? error) === 'InvocationDoesNotExist') return undefined
      throw error
    }
  }

  /**
   * Cancels a command (every invocation, or the given instances, 50 ids a call). Sent without
   * the run's signal: it is the cleanup of a cancelled run and must still go out.
   */
  async cancel(commandId: string, instanceIds?: string[]): Promise<void> {
    const batches = instanceIds?.length ? chunks(instanceIds, AWS_LIMITS.ssmInstanceIds) : [undefined]
    for (const batch of batches)
      await this.calls.send(
        `cancel SSM command ${commandId}`,
        (o) => this.client.send(new CancelCommandCommand({ CommandId: commandId, InstanceIds: batch }), o),
        null,
      )
  }
}

export function targetText(target: Target): string {
  return `${target.Key}=${target.Values.join(',')}`
}

export function connect(calls: AwsCalls): Ssm {
  return new Ssm(calls)
}
