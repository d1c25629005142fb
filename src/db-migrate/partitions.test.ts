import { choosePartitionRoutes, countedTables } from './partitions'
import type { SourceRelation } from './selection'
import type { TableInfo } from './toc'
import { compare, type Measurement } from './verify'

const rel = (oid: number, name: string, relkind: string, parents: number[] = []): SourceRelation => ({
  oid,
  schema: 'app',
  name,
  relkind,
  bytes: 0,
  estimatedRows: 0,
  rowSecurity: false,
  owner: 'app',
  parents,
})

/** events (range) > events_2024 (hash on an enum) > two leaves; events_2025 a plain partition; plain, no partitions. */
const catalog = new Map(
  [
    rel(1, 'events', 'p'),
    rel(2, 'events_2024', 'p', [1]),
    rel(3, 'events_2024_0', 'r', [2]),
    rel(4, 'events_2024_1', 'r', [2]),
    rel(5, 'events_2025', 'r', [1]),
    rel(6, 'plain', 'r'),
    rel(7, 'child', 'r', [6]),
  ].map((r) => [r.oid, r]),
)

const tables = (withData: number[] = [3, 4, 5, 6, 7]): TableInfo[] =>
  [...catalog.values()].map((r) => ({
    oid: r.oid,
    schema: r.schema,
    name: r.name,
    bytes: 0,
    estimatedRows: 0,
    hasData: withData.includes(r.oid),
  }))

describe('partition loading routes', () => {
  it('loads every partition of a tree holding an unstable level through the top of the tree', () => {
    const dumped = tables()
    expect(choosePartitionRoutes(dumped, catalog, new Set([2]))).toBe(true)
    const routes = Object.fromEntries(dumped.map((t) => [t.name, t.viaRoot?.name]))
    expect(routes).toEqual({
      events: undefined,
      events_2024: undefined,
      events_2024_0: 'events',
      events_2024_1: 'events',
      events_2025: undefined,
      plain: undefined,
      child: undefined,
    })
  })

  it('loads partitions on their own when no level is unstable, and counts each tree whole', () => {
    const dumped = tables()
    expect(choosePartitionRoutes(dumped, catalog, new Set())).toBe(false)
    expect(dumped.some((t) => t.viaRoot)).toBe(false)
    expect(countedTables(dumped)).toEqual([
      { schema: 'app', name: 'events', tree: true },
      { schema: 'app', name: 'events_2024', tree: true },
      { schema: 'app', name: 'events_2024_0' },
      { schema: 'app', name: 'events_2024_1' },
      { schema: 'app', name: 'events_2025' },
      { schema: 'app', name: 'plain' },
      { schema: 'app', name: 'child' },
    ])
  })

  it('counts routed partitions without deciding on them, and no tree some of whose data is left out', () => {
    const all = tables()
    choosePartitionRoutes(all, catalog, new Set([2]))
    expect(
      countedTables(all)
        .filter((t) => t.routed)
        .map((t) => t.name),
    ).toEqual(['events_2024_0', 'events_2024_1'])
    const partial = tables([3, 5, 6, 7])
    choosePartitionRoutes(partial, catalog, new Set([2]))
    const counted = countedTables(partial)
    expect(counted.filter((t) => t.tree)).toEqual([])
    // Without its tree counted, a routed partition is compared on its own.
    expect(counted.find((t) => t.name === 'events_2024_0')).toEqual({ schema: 'app', name: 'events_2024_0' })
  })
})

describe('verification of routed partitions', () => {
  const side = (leaf0: number, leaf1: number, tree: number): Measurement => ({
    tables: {
      'app.events': { rows: tree, checksum: String(tree) },
      'app.events_0': { rows: leaf0, checksum: String(leaf0), routed: true },
      'app.events_1': { rows: leaf1, checksum: String(leaf1), routed: true },
    },
    objects: { tables: 3, indexes: 0, constraints: 0, triggers: 0 },
    sequences: [],
  })

  it('passes when the tree matches although its rows sit in other partitions', () => {
    const result = compare('checksums', side(6, 4, 10), side(3, 7, 10))
    expect(result.failures).toEqual([])
    expect(result.tables['app.events_0']).toEqual({
      source: 6,
      target: 3,
      checksum: 'differs',
      ok: true,
      routed: true,
    })
  })

  it('fails on the tree when rows are lost, and on a routed partition missing on the target', () => {
    const target = side(3, 6, 9)
    delete target.tables['app.events_1']
    expect(compare('counts', side(6, 4, 10), target).failures).toEqual([
      'Table app.events has 9 rows on the target but 10 on the source.',
      'Table app.events_1 is missing on the target.',
    ])
  })
})
