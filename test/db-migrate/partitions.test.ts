import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Cluster } from '../../tools/harness/postgres'
import { runAction, type ActionRun } from '../../tools/harness/run-action'
import { compareDatabases } from './compare'
import { createTarget, dropEveryTenthRow, startServers, sourceUrl, TARGET_USER, targetUrl } from './fixture'

/**
 * Every partitioning scheme pg_dump dumps, copied by the committed bundle in each strategy and
 * checked by the independent comparison: range, list and hash partitioning, default partitions,
 * sub-partitions, and partition keys of an enum, an expression and a text with a collation.
 *
 * Hash partitioning on an enum routes rows by the hash of each label's OID, and the target
 * gives the labels other OIDs than the source: there the partition a row belongs in differs, so
 * its rows can only be loaded through the partition root (pg_dump's --load-via-partition-root),
 * and only the tree's rows as a whole, not each partition's, can match the source.
 */

let source: Cluster
let target: Cluster

const SCHEMA = `
CREATE SCHEMA part;
CREATE TYPE part.colour AS ENUM ('red', 'orange', 'yellow', 'green', 'blue', 'indigo', 'violet');
CREATE TABLE part.readings (id int NOT NULL, at date NOT NULL, value int, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE part.readings_2024 PARTITION OF part.readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE part.readings_2025 PARTITION OF part.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE part.readings_other PARTITION OF part.readings DEFAULT;
CREATE TABLE part.sites (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE part.sites_eu PARTITION OF part.sites FOR VALUES IN ('eu-west', 'eu-north');
CREATE TABLE part.sites_us PARTITION OF part.sites FOR VALUES IN ('us-east');
CREATE TABLE part.sites_rest PARTITION OF part.sites DEFAULT;
CREATE TABLE part.accounts (id int PRIMARY KEY, name text) PARTITION BY HASH (id);
CREATE TABLE part.accounts_0 PARTITION OF part.accounts FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE part.accounts_1 PARTITION OF part.accounts FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE part.accounts_2 PARTITION OF part.accounts FOR VALUES WITH (MODULUS 3, REMAINDER 2);
CREATE TABLE part.paint (id int NOT NULL, colour part.colour NOT NULL) PARTITION BY HASH (colour);
CREATE TABLE part.paint_0 PARTITION OF part.paint FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE part.paint_1 PARTITION OF part.paint FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE part.paint_2 PARTITION OF part.paint FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE part.paint_3 PARTITION OF part.paint FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX paint_colour_idx ON part.paint (colour);
CREATE TABLE part.palettes (id int NOT NULL, colours part.colour[] NOT NULL) PARTITION BY HASH (colours);
CREATE TABLE part.palettes_0 PARTITION OF part.palettes FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE part.palettes_1 PARTITION OF part.palettes FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE part.palettes_2 PARTITION OF part.palettes FOR VALUES WITH (MODULUS 3, REMAINDER 2);
CREATE TABLE part.tags (id int NOT NULL, tag text COLLATE "C" NOT NULL) PARTITION BY HASH (tag);
CREATE TABLE part.tags_0 PARTITION OF part.tags FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE part.tags_1 PARTITION OF part.tags FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE part.people (id int NOT NULL, name text NOT NULL) PARTITION BY RANGE (name COLLATE "C");
CREATE TABLE part.people_a_m PARTITION OF part.people FOR VALUES FROM ('A') TO ('N');
CREATE TABLE part.people_n_z PARTITION OF part.people FOR VALUES FROM ('N') TO ('[');
CREATE TABLE part.people_other PARTITION OF part.people DEFAULT;
CREATE TABLE part.codes (id int NOT NULL, code text NOT NULL) PARTITION BY LIST (lower(left(code, 1)));
CREATE TABLE part.codes_a PARTITION OF part.codes FOR VALUES IN ('a');
CREATE TABLE part.codes_b PARTITION OF part.codes FOR VALUES IN ('b');
CREATE TABLE part.codes_rest PARTITION OF part.codes DEFAULT;
CREATE TABLE part.orders (id int NOT NULL, at date NOT NULL, colour part.colour NOT NULL, PRIMARY KEY (id, at, colour)) PARTITION BY RANGE (at);
CREATE TABLE part.orders_2024 PARTITION OF part.orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY HASH (colour);
CREATE TABLE part.orders_2024_0 PARTITION OF part.orders_2024 FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE part.orders_2024_1 PARTITION OF part.orders_2024 FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE part.orders_2024_2 PARTITION OF part.orders_2024 FOR VALUES WITH (MODULUS 3, REMAINDER 2);
CREATE TABLE part.orders_2025 PARTITION OF part.orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (colour);
CREATE TABLE part.orders_2025_warm PARTITION OF part.orders_2025 FOR VALUES IN ('red', 'orange', 'yellow');
CREATE TABLE part.orders_2025_rest PARTITION OF part.orders_2025 DEFAULT;
CREATE TABLE part.orders_later PARTITION OF part.orders DEFAULT;
INSERT INTO part.readings SELECT g, date '2023-10-01' + (g % 900), g FROM generate_series(1, 3000) g;
INSERT INTO part.sites SELECT g, (ARRAY['eu-west', 'eu-north', 'us-east', 'ap-south'])[1 + g % 4] FROM generate_series(1, 800) g;
INSERT INTO part.accounts SELECT g, 'account ' || g FROM generate_series(1, 900) g;
INSERT INTO part.paint SELECT g, (enum_range(NULL::part.colour))[1 + g % 7] FROM generate_series(1, 1400) g;
INSERT INTO part.palettes SELECT g, ARRAY[(enum_range(NULL::part.colour))[1 + g % 7], (enum_range(NULL::part.colour))[1 + g % 5]] FROM generate_series(1, 700) g;
INSERT INTO part.tags SELECT g, 'tag-' || (g % 37) FROM generate_series(1, 700) g;
INSERT INTO part.people SELECT g, (ARRAY['Ada', 'Noor', 'zed', 'Mia', 'Yann', '_x'])[1 + g % 6] || g FROM generate_series(1, 600) g;
INSERT INTO part.codes SELECT g, (ARRAY['Alpha', 'beta', 'gamma', 'ALEPH'])[1 + g % 4] || g FROM generate_series(1, 400) g;
INSERT INTO part.orders SELECT g, date '2024-03-01' + (g % 700), (enum_range(NULL::part.colour))[1 + g % 7] FROM generate_series(1, 2100) g;
`

/** The leaves of the trees hash-partitioned on an enum: each holds other rows on the target, only their trees compare. */
const ROUTED_LEAVES = [
  'part.paint_0',
  'part.paint_1',
  'part.paint_2',
  'part.paint_3',
  'part.palettes_0',
  'part.palettes_1',
  'part.palettes_2',
  'part.orders_2024_0',
  'part.orders_2024_1',
  'part.orders_2024_2',
]

const ROOTS: Record<string, number> = {
  'part.readings': 3000,
  'part.sites': 800,
  'part.accounts': 900,
  'part.paint': 1400,
  'part.palettes': 700,
  'part.tags': 700,
  'part.people': 600,
  'part.codes': 400,
  'part.orders': 2100,
}

const dir = mkdtempSync(join(tmpdir(), 'db-migrate-partitions-'))

beforeAll(async () => {
  ;({ source, target } = await startServers())
  await source.createDatabase('parts')
  await source.sql('parts', SCHEMA)
  // Other OIDs for the labels on the target than on the source, as on any other server.
  await target.sql('postgres', `CREATE TYPE public.shift AS ENUM ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')`)
}, 120_000)

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await source?.stop()
  await target?.stop()
})

type Verdicts = Record<string, { source: number; target: number; ok: boolean; checksum?: string }>

function expectCopied(run: ActionRun): Verdicts {
  expect(run.errors).toEqual([])
  expect(run.exitCode).toBe(0)
  const verdicts = JSON.parse(run.outputs.verification || '{}') as Verdicts
  // Each tree as a whole, and each partition, is verified.
  for (const [root, rows] of Object.entries(ROOTS)) {
    expect(verdicts[root]).toMatchObject({ source: rows, target: rows, ok: true })
  }
  for (const leaf of ['part.readings_other', 'part.sites_rest', 'part.codes_rest', 'part.orders_2025_warm'])
    expect(verdicts[leaf]?.ok).toBe(true)
  for (const leaf of ROUTED_LEAVES) expect(verdicts[leaf]).toBeDefined()
  return verdicts
}

async function expectSameAsSource(database: string): Promise<void> {
  const differences = await compareDatabases(
    { cluster: source, database: 'parts' },
    { cluster: target, database },
    { targetUser: TARGET_USER.name, skipRows: ROUTED_LEAVES },
  )
  expect(differences).toEqual([])
}

function copy(database: string, inputs: Record<string, string | number | boolean>): Promise<ActionRun> {
  return runAction('db-migrate', {
    inputs: {
      'source-url': sourceUrl(source, 'parts'),
      'target-url': targetUrl(target, database),
      verify: 'checksums',
      ...inputs,
    },
    timeoutMs: 180_000,
  })
}

describe('partitioned tables', () => {
  it.each([
    ['direct', 1],
    ['direct', 2],
    ['transaction', 1],
    ['swap', 2],
  ] as const)(
    '%s with %i job(s): copies every partitioning scheme and verifies trees and partitions',
    async (strategy, jobs) => {
      const db = `parts_${strategy}_${jobs}`
      await createTarget(target, db)
      const run = await copy(db, { strategy, jobs })
      expectCopied(run)
      expect(run.outputs['target-state']).toBe(strategy === 'swap' ? 'swapped' : 'restored')
      await expectSameAsSource(db)
    },
  )

  it.each(['direct', 'transaction'])(
    '%s: rows lost in a partition loaded through its root fail the tree, and nothing is kept',
    async (strategy) => {
      const db = `parts_lossy_${strategy}`
      await createTarget(target, db)
      await dropEveryTenthRow(target, db, 'part', 'paint_2')
      const run = await copy(db, { strategy })
      expect(run.exitCode).not.toBe(0)
      expect(run.errors.join('\n')).toMatch(
        /Table part\.paint has \d+ rows on the target but 1400 on the source/,
      )
      expect(run.outputs['target-state']).toBe(strategy === 'direct' ? 'empty' : 'unchanged')
    },
  )

  it('copies only the selected partitioned table, with its partitions', async () => {
    const db = 'parts_selected'
    await createTarget(target, db)
    const run = await copy(db, { tables: 'part.paint' })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const verdicts = JSON.parse(run.outputs.verification) as Verdicts
    expect(verdicts['part.paint']).toMatchObject({ source: 1400, target: 1400, ok: true })
    const [row] = await target.sql<{ n: string }>(db, 'SELECT count(*) AS n FROM part.paint')
    expect(Number(row.n)).toBe(1400)
  })

  it.each(['direct', 'transaction'])(
    'backup, then restore with %s: every partitioning scheme, verified against the manifest',
    async (strategy) => {
      const file = join(dir, `parts_${strategy}.dump`)
      const backup = await runAction('db-migrate', {
        inputs: {
          mode: 'backup',
          'source-url': sourceUrl(source, 'parts'),
          'dump-file': file,
          verify: 'checksums',
        },
        timeoutMs: 180_000,
      })
      expect(backup.errors).toEqual([])
      expect(backup.exitCode).toBe(0)
      const db = `parts_restored_${strategy}`
      await createTarget(target, db)
      const run = await runAction('db-migrate', {
        inputs: {
          mode: 'restore',
          'target-url': targetUrl(target, db),
          'dump-file': file,
          strategy,
          verify: 'checksums',
          jobs: 2,
        },
        timeoutMs: 180_000,
      })
      expectCopied(run)
      await expectSameAsSource(db)
    },
  )
})
