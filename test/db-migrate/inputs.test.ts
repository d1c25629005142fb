import { runAction } from '../../tools/harness/run-action'

/** Every malformed input stops the bundle with one sentence, before any connection is tried. */
const source = 'postgresql://reader:pw-in-url-123@127.0.0.1:1/app'
const target = 'postgresql://migrator:pw-in-url-456@127.0.0.1:2/app'

describe('malformed inputs', () => {
  it.each([
    [{ mode: 'move' }, `Input 'mode' must be one of copy, backup, restore; got "move".`],
    [{ jobs: '0' }, "Input 'jobs' must be a whole number from 1 to 64, got 0."],
    [{ verify: 'all' }, `Input 'verify' must be one of counts, checksums, none; got "all".`],
    [{ strategy: 'fast' }, `Input 'strategy' must be one of auto, direct, transaction, swap; got "fast".`],
    [{ clean: 'yes' }, `Input 'clean' must be a boolean (true or false), got "yes".`],
    [
      { timeout: 'soon' },
      `Input 'timeout' must be a duration such as 90s, 15m, 1h30m or 500ms (a bare number means seconds); got "soon".`,
    ],
    [
      { 'source-url': 'mysql://x@h/db' },
      "Input 'source-url' must start with postgresql:// or postgres://, got mysql://.",
    ],
    [
      { 'target-url': 'postgresql://u:p@host:5432/' },
      "Input 'target-url' must name a database in its path, e.g. postgresql://user@host:5432/app.",
    ],
    [{ 'target-url': '' }, "Input 'target-url' is required in this mode but was not provided."],
    [
      { 'dump-file': 'x.dump' },
      "Input 'dump-file' is not used with mode 'copy'; copy streams from server to server; use mode backup to keep a dump.",
    ],
    [
      { mode: 'backup', 'target-url': '' },
      "Mode 'backup' needs 'dump-file', 's3-uri' or both, to say where the dump goes.",
    ],
    [
      { mode: 'restore', 'source-url': '' },
      "Mode 'restore' needs exactly one of 'dump-file' and 's3-uri', to say which dump to restore.",
    ],
    // Restore replays the whole dump: a selection would be ignored, and with clean overwrite the rest.
    ...(['schemas', 'exclude-schemas', 'tables', 'exclude-tables', 'exclude-table-data'] as const).map(
      (name): [Record<string, string>, string] => [
        { mode: 'restore', 'source-url': '', 'dump-file': 'x.dump', clean: 'true', [name]: 'keep' },
        `Input '${name}' is not used with mode 'restore', which restores the whole dump; to restore only a part, back up only that part (set '${name}' on the backup) and restore that dump.`,
      ],
    ),
    [
      { mode: 'backup', 'target-url': '', 's3-uri': 's3://Bad_Bucket/x' },
      `Input 's3-uri' must be an object URI such as s3://my-backups/prod/app.dump, got "s3://Bad_Bucket/x".`,
    ],
    [
      { 'ignore-errors': 'role (' },
      expect.stringMatching(/^Input 'ignore-errors' holds an invalid regular expression "role \("/),
    ],
    [
      { 'target-url': source },
      "Inputs 'source-url' and 'target-url' name the same database (reader@127.0.0.1:1/app); point 'target-url' at another database.",
    ],
  ])('%j', async (inputs, message) => {
    const run = await runAction('db-migrate', {
      inputs: { 'source-url': source, 'target-url': target, ...inputs },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([message])
    expect(run.log).not.toMatch(/Pre-flight/)
    expect(run.leaksOf('pw-in-url-123')).toEqual([])
    expect(run.leaksOf('pw-in-url-456')).toEqual([])
  })
})
