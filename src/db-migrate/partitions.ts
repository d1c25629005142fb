import type { Db } from './db'
import type { SourceRelation } from './selection'
import type { TableInfo } from './toc'
import type { CountedTable } from './verify'

/**
 * How each partition's rows are loaded: into the partition itself, or through the root of its
 * partition tree, where the target routes every row to the partition it belongs in there.
 *
 * A partition can be loaded on its own only when every row the source holds in it belongs in it
 * on the target too. That is not so where the partition key is routed by something another
 * server computes differently: hash partitioning on an enum (the hash is that of the label's OID,
 * which differs on every other database) or on any key the hash of which goes through a
 * polymorphic or user-defined operator class (arrays, ranges, records of enums), a key whose
 * collation is nondeterministic (equality and hashing then follow the collation library), range
 * partitioning on a collation whose order comes from the C library or ICU (their versions may
 * order text differently), and keys of reg* types (their OIDs differ on the target). Rows loaded
 * into such a partition on the target would violate its partition constraint there.
 *
 * pg_dump's --load-via-partition-root exists for this: "When dumping data for a table partition,
 * make the COPY or INSERT statements target the root of the partitioning hierarchy that contains
 * it, rather than the partition itself. This causes the appropriate partition to be re-determined
 * for each row when the data is loaded. This may be useful when restoring data on a server where
 * rows do not always fall into the same partitions as they did on the original server. That could
 * happen, for example, if the partitioning column is of type text and the two systems have
 * different definitions of the collation used to sort the partitioning column."
 * (https://www.postgresql.org/docs/current/app-pgdump.html). pg_dump applies it on its own to
 * partitions of tables hash-partitioned on an enum (PostgreSQL 17, and the minor releases of
 * 11 to 16 from May 2023: postgres commit 012ffb365a05); the other cases above it leaves to the
 * user, so db-migrate asks for it whenever one of the dump's trees needs it.
 *
 * Such partitions' rows land, on the target, in the partitions the target's routing gives them:
 * each partition's count may then differ from the source's while the tree's rows are the same, so
 * verification compares those trees as a whole (and reports, without failing on it, each
 * partition's count). Every other partition is verified on its own, and every tree as a whole.
 */

/**
 * The partitioned tables (OIDs) whose routing of rows another server may do differently (see
 * above). Columns newer than the oldest supported servers are read through to_jsonb.
 */
export async function unstablePartitioning(db: Db): Promise<Set<number>> {
  const { rows } = await db.query<{ oid: number }>(
    `SELECT p.partrelid::int AS oid FROM pg_catalog.pg_partitioned_table p
      WHERE (p.partstrat = 'h' AND EXISTS (
               SELECT 1 FROM unnest(p.partclass::oid[]) AS k (opclass)
                 JOIN pg_catalog.pg_opclass o ON o.oid = k.opclass JOIN pg_catalog.pg_type t ON t.oid = o.opcintype
                WHERE t.typtype = 'p' OR o.oid >= 16384))
         OR EXISTS (
               SELECT 1 FROM unnest(p.partcollation::oid[]) AS k (coll) JOIN pg_catalog.pg_collation c ON c.oid = k.coll
                WHERE NOT coalesce((to_jsonb(c) ->> 'collisdeterministic')::boolean, true)
                   OR (p.partstrat = 'r' AND c.collname NOT IN ('C', 'POSIX') AND c.collprovider <> 'b'
                       AND NOT (c.oid = 100 AND (SELECT d.datcollate FROM pg_catalog.pg_database d WHERE d.datname = current_database()) IN ('C', 'POSIX'))))
         OR EXISTS (
               SELECT 1 FROM unnest(p.partattrs::int2[]) AS k (attnum)
                 JOIN pg_catalog.pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = k.attnum
                 JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                WHERE t.typnamespace = 'pg_catalog'::regnamespace AND t.typname LIKE 'reg%')`,
  )
  return new Set(rows.map((r) => r.oid))
}

/**
 * Sets, on the dump's tables, `viaRoot` for each partition with data whose tree (its ancestors)
 * holds a partitioned table of `unstable`: its rows are loaded through the top of the tree, when
 * the dump holds that top; and `partitioned` for each partitioned table every partition under
 * which has its data in the dump (a tree some of whose data is left out is not counted whole).
 * Pure; returns whether any partition is loaded through its root.
 */
export function choosePartitionRoutes(
  tables: TableInfo[],
  catalog: ReadonlyMap<number, SourceRelation>,
  unstable: ReadonlySet<number>,
): boolean {
  const byOid = new Map(tables.map((t) => [t.oid, t]))
  const children = new Map<number, number[]>()
  for (const rel of catalog.values()) {
    const parent = rel.parents.length === 1 ? catalog.get(rel.parents[0]) : undefined
    if (parent?.relkind === 'p') children.set(parent.oid, [...(children.get(parent.oid) ?? []), rel.oid])
  }
  const complete = (oid: number): boolean =>
    (children.get(oid) ?? []).every((child) =>
      catalog.get(child)?.relkind === 'p' ? complete(child) : byOid.get(child)?.hasData === true,
    )
  for (const table of tables) {
    if (catalog.get(table.oid)?.relkind === 'p' && complete(table.oid)) table.partitioned = true
  }
  let any = false
  for (const table of tables) {
    if (!table.hasData) continue
    let unsafe = false
    let top: SourceRelation | undefined
    for (let rel = catalog.get(table.oid); rel;) {
      const parent = rel.parents.length === 1 ? catalog.get(rel.parents[0]) : undefined
      if (parent?.relkind !== 'p') break
      if (unstable.has(parent.oid)) unsafe = true
      top = parent
      rel = parent
    }
    if (unsafe && top && byOid.has(top.oid)) {
      table.viaRoot = { oid: top.oid, schema: top.schema, name: top.name }
      any = true
    }
  }
  return any
}

/**
 * The tables verification counts: each with data on its own, and each partitioned table as the
 * whole of its tree (its own rows are none: they are its partitions'). A partition loaded through
 * its root is `routed` when that root is counted: its count is reported, its tree's decides.
 */
export function countedTables(tables: readonly TableInfo[]): CountedTable[] {
  const trees = new Set(tables.filter((t) => t.partitioned).map((t) => t.oid))
  return tables
    .filter((t) => t.hasData || t.partitioned)
    .map((t) => ({
      schema: t.schema,
      name: t.name,
      ...(t.filter ? { filter: t.filter } : {}),
      ...(t.partitioned ? { tree: true } : {}),
      ...(t.viaRoot && trees.has(t.viaRoot.oid) ? { routed: true } : {}),
    }))
}
