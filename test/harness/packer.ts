import { spawnSync } from 'node:child_process'

/**
 * Debian's packer binary, installed by scripts/setup.sh. Tests that need it fail (never skip)
 * when it is missing, with the command that installs it.
 */
export function packerBinary(): string {
  const found = spawnSync('packer', ['version'], { encoding: 'utf8' })
  if (found.status !== 0) {
    throw new Error("Packer is not installed; run npm run setup (it installs Debian's packer package).")
  }
  return 'packer'
}

/** A template that needs no cloud: the null builder and a local shell provisioner. */
export function nullTemplate(inline: string[]): string {
  return JSON.stringify(
    {
      builders: [{ type: 'null', communicator: 'none' }],
      provisioners: [{ type: 'shell-local', inline }],
    },
    null,
    2,
  )
}
