import { runAction, type ActionRun } from '../../tools/harness/run-action'
import { otherServerBinDir, startCluster, type Cluster } from '../../tools/harness/postgres'
import { compareDatabases } from './compare'
import { createSource, createTarget, SOURCE_USER, sourceUrl, TARGET_USER, targetUrl } from './fixture'

/**
 * The committed bundle across PostgreSQL major versions: sources of 13 (older than the only
 * client tools on the machine, Debian's 15), 15 (the same) and 17 (newer than every installed
 * client) into a Debian 15 target. The servers of 13 and 17 come from tools/postgres (see
 * scripts/setup.sh).
 */

let source13: Cluster
let source15: Cluster
let source17: Cluster
let target: Cluster

beforeAll(async () => {
  ;[source13, source15, source17, target] = await Promise.all([
    startCluster({ name: 'source-13', bin: otherServerBinDir(13) }),
    startCluster({ name: 'source-15' }),
    startCluster({ name: 'source-17', bin: otherServerBinDir(17) }),
    startCluster({ name: 'target-15' }),
  ])
  await target.createRole(TARGET_USER.name, { password: TARGET_USER.password, createdb: true })
  await Promise.all(
    [source13, source15, source17].map(async (source) => {
      await source.createRole(SOURCE_USER.name, { password: SOURCE_USER.password, superuser: true })
      await createSource(source, 'app', source === source17 ? 0.01 : 1)
    }),
  )
}, 180_000)

afterAll(async () => {
  await Promise.all([source13, source15, source17, target].map((cluster) => cluster?.stop()))
})

async function copy(source: Cluster, database: string, strategy = 'auto'): Promise<ActionRun> {
  await createTarget(target, database)
  return runAction('db-migrate', {
    inputs: {
      'source-url': sourceUrl(source, 'app'),
      'target-url': targetUrl(target, database),
      verify: 'checksums',
      strategy,
    },
    timeoutMs: 180_000,
  })
}

async function objectCount(database: string): Promise<number> {
  const [row] = await target.sql<{ n: string }>(
    database,
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`,
  )
  return Number(row.n)
}

describe('client and server versions', () => {
  it('runs servers of the majors it was given', () => {
    expect([source13, source15, source17, target].map((c) => c.version)).toEqual([13, 15, 17, 15])
  })

  it.each([
    ['13', 'auto', 'restored', () => source13],
    ['13', 'transaction', 'restored', () => source13],
    ['13', 'swap', 'swapped', () => source13],
    ['15', 'auto', 'restored', () => source15],
  ])(
    'copies a PostgreSQL %s source into a 15 target with the 15 client (strategy %s)',
    async (major, strategy, state, source) => {
      const database = `from_${major}_${strategy}`
      const run = await copy(source(), database, strategy)
      expect(run.errors).toEqual([])
      expect(run.exitCode).toBe(0)
      expect(run.outputs['target-state']).toBe(state)
      expect(run.log).toMatch(/Using pg_dump and pg_restore 15\.\d+ from \/usr\/lib\/postgresql\/15\/bin/)
      expect(run.log).toContain(`PostgreSQL ${major}.`)
      // Binary only between servers of one major version; the direct strategy says which it used.
      if (strategy === 'auto')
        expect(run.stdout).toContain(
          major === '15'
            ? "Copying data in COPY's binary format (both servers PostgreSQL 15, UTF8)"
            : "Copying data in COPY's text format (source PostgreSQL 13 UTF8, target PostgreSQL 15 UTF8)",
        )
      const verification = JSON.parse(run.outputs.verification) as Record<string, { ok: boolean }>
      expect(Object.keys(verification)).toEqual(
        expect.arrayContaining([
          'shop.attachments',
          'shop.audit',
          'shop.customers',
          'shop.events_2024',
          'shop.events_2025',
          'shop.orders',
        ]),
      )
      expect(Object.values(verification).every((v) => v.ok)).toBe(true)
      expect(
        await compareDatabases(
          { cluster: source(), database: 'app' },
          { cluster: target, database },
          { targetUser: TARGET_USER.name },
        ),
      ).toEqual([])
    },
  )

  it('refuses a source newer than every installed client in pre-flight, naming the client to install', async () => {
    const run = await copy(source17, 'from_17')
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'The source runs PostgreSQL 17, which needs pg_dump and pg_restore 17 or newer (found only 15 on PATH or in /usr/lib/postgresql/*/bin); install postgresql-client-17 before this step.',
    ])
    expect(run.outputs['target-state']).toBe('unchanged')
    // Refused by the pre-flight, before any pg_dump ran or the plan was made.
    expect(run.summary).toMatch(/\| pre-flight \| [^|\n]+ \| [^|\n]+ \| ❌ \|/)
    expect(run.summary).not.toMatch(/\| plan \|/)
    expect(run.log).not.toContain('pg_dump: error')
    expect(await objectCount('from_17')).toBe(0)
  })
})
