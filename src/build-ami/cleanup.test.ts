import { describe, expect, it } from '@jest/globals'
import { isPackerTemporary } from './cleanup'

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
