import { describe, expect, it } from '@jest/globals'
import { isPackerTemporary, sweep } from './cleanup'

describe('isPackerTemporary', () => {
  it("takes Packer's packer_<uuid> names only, never a template's own packer_ name", () => {
    expect(
      [
        'packer_6751a3f2-8c1d-4b7e-a0f3-2b9c1d4e5f60',
        'packer_ci',
        'packer_builders',
        'packer_6751a3f2',
        'my-packer_6751a3f2-8c1d-4b7e-a0f3-2b9c1d4e5f60',
      ].map(isPackerTemporary),
    ).toEqual([true, false, false, false, false])
  })
})

describe('sweep', () => {
  const key = 'packer_6751a3f2-8c1d-4b7e-a0f3-2b9c1d4e5f60'
  const group = 'packer_0751a3f2-8c1d-4b7e-a0f3-2b9c1d4e5f61'
  const quiet = {
    info: () => undefined,
    warning: () => undefined,
    debug: () => undefined,
    error: () => undefined,
  }

  it('deletes the key pair but leaves the groups of a builder that does not terminate in time', async () => {
    const calls: string[] = []
    const stuck = {
      InstanceId: 'i-0123456789abcdef0',
      State: { Name: 'shutting-down' },
      KeyName: key,
      SecurityGroups: [{ GroupId: 'sg-0123456789abcdef0', GroupName: group }],
    }
    const ec2 = {
      region: 'us-east-1',
      instancesTagged: async () => [stuck],
      terminateInstances: async (ids: string[]) => void calls.push(`terminate ${ids.join(',')}`),
      instances: async () => [stuck],
      securityGroups: async () => [{ id: 'sg-0123456789abcdef0', name: group }],
      securityGroupsNamed: async () => [{ id: 'sg-0123456789abcdef0', name: group }],
      deleteSecurityGroup: async (id: string) => void calls.push(`delete group ${id}`),
      keyPairs: async (names: string[]) => names,
      deleteKeyPair: async (name: string) => void calls.push(`delete key pair ${name}`),
    }
    const result = await sweep(ec2 as never, 'run-1', quiet, { groups: [group] }, 50, 50)
    expect(calls).toEqual([`delete key pair ${key}`])
    expect(result.keyPairs).toEqual([key])
    expect(result.groups).toEqual([])
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^i-0123456789abcdef0 did not reach terminated \(.+\), so its security groups were left$/,
      ),
    ])
  })
})
