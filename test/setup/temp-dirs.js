// The test run's own temporary folder. Every test process (the jest workers, and the bundles and
// servers the tests start) inherits TMPDIR pointing here, so whatever a test forgets to remove
// is found at the end of the run: the run fails, naming it, and the folder is removed.
import { mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const KEY = 'INFRA_ACTIONS_TEST_TMPDIR'

export async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'infra-actions-test-'))
  // As open as /tmp (sticky, world-writable): the PostgreSQL servers of the tests run as their own user.
  chmodSync(dir, 0o1777)
  process.env[KEY] = dir
  process.env.TMPDIR = dir
}

export async function teardown() {
  const dir = process.env[KEY]
  if (!dir) return
  const left = readdirSync(dir)
  rmSync(dir, { recursive: true, force: true })
  if (left.length > 0) {
    throw new Error(
      `The tests left ${left.length} temporary ${left.length === 1 ? 'entry' : 'entries'} behind: ${left.sort().join(', ')}`,
    )
  }
}
