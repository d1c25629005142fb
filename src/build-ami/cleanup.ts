import type { Instance } from '@aws-sdk/client-ec2'
import { awsErrorCode, errorMessage } from '../common/errors'
import type { Logger } from '../common/log'
import { waitFor } from '../common/wait'
import type { Ec2 } from './aws'
import {
  GROUP_RELEASE_MAX_DELAY_MS,
  GROUP_RELEASE_TIMEOUT_MS,
  POLL_MAX_DELAY_MS,
  POLL_MIN_DELAY_MS,
  RUN_TAG_KEY,
  TERMINATE_TIMEOUT_MS,
} from './constants'

/**
 * What a builder leaves when Packer could not clean up (killed, or the runner died): the
 * instance carrying this run's tag, and Packer's temporary key pair and security group, which
 * Packer does not tag (both named `packer_<uuid>`, that whole name), found through the instance
 * and by the names Packer's log announced (for those made before the instance was). The sweep
 * terminates the instance, waits until it is terminated (EC2 refuses to delete a group an
 * instance still uses: `DependencyViolation`), then deletes the group (again while EC2 still
 * answers DependencyViolation) and the key pair. Only
 * Packer's own temporaries are deleted: a group or key pair of another name is the template's.
 * Every call goes out without the run's signal, so a cancelled run still cleans up.
 */

/** What main hands to post. */
export interface CleanupState {
  runTag: string
  region: string
  maxAttempts: number
  /** The temporary key pairs and security groups Packer announced creating, by name. */
  keyPairs?: string[]
  groups?: string[]
}

/** Names of Packer's temporaries known from its log, whether or not an instance carries them. */
export interface Announced {
  keyPairs?: string[]
  groups?: string[]
}

export interface SweepResult {
  /** Instances of this run that were still alive and were terminated. */
  terminated: string[]
  groups: string[]
  keyPairs: string[]
  /** What could not be cleaned, one clause each. */
  problems: string[]
}

const ALIVE = ['pending', 'running', 'stopping', 'stopped', 'shutting-down']
// Packer's temporary names: `packer_` and its TimeOrderedUUID (packer-plugin-sdk's uuid package:
// 8-4-4-4-12 hex digits). The whole pattern, so that a key pair or group the template names
// `packer_ci` or `packer_builders` is never taken for one.
const PACKER_TEMPORARY = /^packer_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Whether a key pair or security group of a builder instance is Packer's temporary one. */
export const isPackerTemporary = (name: string): boolean => PACKER_TEMPORARY.test(name)

export async function sweep(
  ec2: Ec2,
  runTag: string,
  logger: Logger,
  announced: Announced = {},
  timeoutMs = TERMINATE_TIMEOUT_MS,
  releaseTimeoutMs = GROUP_RELEASE_TIMEOUT_MS,
): Promise<SweepResult> {
  const result: SweepResult = { terminated: [], groups: [], keyPairs: [], problems: [] }
  const instances = await ec2.instancesTagged(RUN_TAG_KEY, runTag)
  const alive = instances.filter((i) => ALIVE.includes(i.State?.Name ?? ''))
  const groupIds = unique(
    instances.flatMap((i) =>
      (i.SecurityGroups ?? [])
        .filter((g) => isPackerTemporary(g.GroupName ?? ''))
        .map((g) => g.GroupId ?? ''),
    ),
  )
  const keyNames = unique(
    [...instances.map((i) => i.KeyName ?? ''), ...(announced.keyPairs ?? [])].filter(isPackerTemporary),
  )
  const groupNames = unique((announced.groups ?? []).filter(isPackerTemporary))
  // A builder that does not terminate in time still holds its groups, which EC2 would refuse to
  // delete; its key pair it does not hold (an instance keeps only a copy of the public key).
  let groupsFree = true
  if (alive.length > 0) {
    const ids = alive.map((i) => i.InstanceId ?? '')
    const toTerminate = alive.filter((i) => i.State?.Name !== 'shutting-down').map((i) => i.InstanceId ?? '')
    logger.info(
      `Builder instance${ids.length === 1 ? '' : 's'} ${ids.join(', ')} of this run (${RUN_TAG_KEY}=${runTag}) ${ids.length === 1 ? 'is' : 'are'} still alive in ${ec2.region}: terminating.`,
    )
    if (toTerminate.length > 0) await ec2.terminateInstances(toTerminate)
    result.terminated = ids
    const wait = await waitFor<Instance[]>({
      label: `builder instance${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`,
      poll: () => ec2.instances(ids),
      assess: (list) => {
        const states = list.map((i) => `${i.InstanceId} ${i.State?.Name}`)
        return { state: states.join(', '), done: list.every((i) => i.State?.Name === 'terminated') }
      },
      timeoutMs,
      minDelayMs: POLL_MIN_DELAY_MS,
      maxDelayMs: POLL_MAX_DELAY_MS,
      logger,
    })
    if (wait.outcome !== 'done') {
      result.problems.push(
        `${ids.join(', ')} did not reach terminated (${wait.reason ?? wait.state})${groupIds.length + groupNames.length > 0 ? ', so its security groups were left' : ''}`,
      )
      groupsFree = false
    }
  }
  // Groups by id (from the instances) and by name (from Packer's log): one that Packer created
  // before it was killed, and so before any instance used it, is known by name only.
  const groups = new Map<string, string>()
  if (groupsFree && groupIds.length > 0)
    for (const g of await ec2.securityGroups(groupIds)) groups.set(g.id, g.name)
  if (groupsFree && groupNames.length > 0)
    for (const g of await ec2.securityGroupsNamed(groupNames)) groups.set(g.id, g.name)
  if (groups.size > 0) {
    for (const group of [...groups].map(([id, name]) => ({ id, name }))) {
      const problem = await deleteGroupOnceFree(ec2, group.id, logger, releaseTimeoutMs)
      if (problem) result.problems.push(`security group ${group.id} was not deleted: ${problem}`)
      else result.groups.push(`${group.id} (${group.name})`)
    }
  }
  if (keyNames.length > 0) {
    for (const name of await ec2.keyPairs(keyNames)) {
      try {
        await ec2.deleteKeyPair(name)
        result.keyPairs.push(name)
      } catch (error) {
        result.problems.push(`key pair ${name} was not deleted: ${errorMessage(error)}`)
      }
    }
  }
  return result
}

/**
 * Deletes a security group, trying again while EC2 answers DependencyViolation: a terminated
 * instance's network interface lets go of its groups some time after the instance reads
 * `terminated` (Packer's own cleanup tries 5 times, 5 s apart, for this). Returns why it was not
 * deleted, or undefined.
 */
async function deleteGroupOnceFree(
  ec2: Ec2,
  id: string,
  logger: Logger,
  timeoutMs: number,
): Promise<string | undefined> {
  let last: unknown
  const wait = await waitFor<'deleted' | 'in use'>({
    label: `security group ${id}`,
    poll: async () => {
      try {
        await ec2.deleteSecurityGroup(id)
        return 'deleted'
      } catch (error) {
        if (awsErrorCode(error) !== 'DependencyViolation') throw error
        last = error
        return 'in use'
      }
    },
    assess: (outcome) =>
      outcome === 'deleted'
        ? { state: 'deleted', done: true }
        : { state: 'still held by a network interface of the terminated builder' },
    timeoutMs,
    minDelayMs: POLL_MIN_DELAY_MS,
    maxDelayMs: GROUP_RELEASE_MAX_DELAY_MS,
    logger,
  }).catch((error: unknown) => ({ outcome: 'error' as const, error }))
  if (wait.outcome === 'done') return undefined
  if (wait.outcome === 'error') return errorMessage(wait.error)
  return `${errorMessage(last)} (still, after ${timeoutMs / 1000}s)`
}

/** The sweep's outcome in one sentence, or undefined when there was nothing to clean. */
export function sweepSentence(result: SweepResult): string | undefined {
  const done: string[] = []
  if (result.terminated.length > 0) done.push(`terminated builder instance ${result.terminated.join(', ')}`)
  if (result.groups.length > 0) done.push(`deleted security group ${result.groups.join(', ')}`)
  if (result.keyPairs.length > 0) done.push(`deleted key pair ${result.keyPairs.join(', ')}`)
  const parts = [...done]
  if (result.problems.length > 0) parts.push(`but ${result.problems.join('; ')}`)
  return parts.length > 0 ? parts.join(', ') : undefined
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))]
}
