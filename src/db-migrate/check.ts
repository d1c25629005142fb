import { UserError } from '../common/errors'
import { OBJECT_COUNTS_SQL, type ObjectCounts, type SequenceValue } from './db'
import { MISMATCH_PREFIX } from './psql-messages'
import { dollarTag, integerLiteral, quoteLiteral, textArray } from './sql'
import { displayName } from './toc'
import {
  OBJECT_LABEL_ONE,
  objectLabelMany,
  ROW_HASHES,
  type Measurement,
  type Relation,
  type RowHash,
} from './verify'

/**
 * The verification run inside the transaction strategy's transaction, before its COMMIT: the
 * values expected (from the source's snapshot or a backup's manifest) and the DO block that
 * compares the restored data with them.
 */

/** The values the restored tables must show inside the transaction, taken before it began. */
export interface InTransactionCheck {
  level: 'counts' | 'checksums'
  /** How the expected checksums were computed (see `ROW_HASHES`). */
  rowHash: RowHash
  /**
   * `filter`: an extension configuration table's condition; `tree`: a partitioned table, counted
   * with all its partitions; `routed`: a partition loaded through its root, not compared on its
   * own (see verify.ts and partitions.ts).
   */
  tables: Array<{
    schema: string
    name: string
    rows: number
    checksum?: string
    filter?: string
    tree?: boolean
    routed?: boolean
  }>
  sequences: SequenceValue[]
  objects?: ObjectCounts
  /** The tables whose indexes, constraints and triggers are counted, and the schemas of views and functions. */
  objectTables?: Array<{ schema: string; name: string }>
  schemas?: string[]
  /** Relations that must exist once restored. */
  relations?: Relation[]
}

/**
 * A DO block comparing what the transaction holds with the expected values. It raises one error
 * whose message starts with `MISMATCH_PREFIX` and names the first mismatches.
 */
export function verificationBlock(check: InTransactionCheck, nonce: string): string {
  const rows = check.tables.map((t) => {
    const name = displayName(t.schema, t.name)
    return `(${quoteLiteral(t.schema)}, ${quoteLiteral(t.name)}, ${quoteLiteral(name)}, ${integerLiteral(t.rows, `row count of ${name}`)}::numeric, ${
      check.level === 'checksums'
        ? `${integerLiteral(t.checksum, `checksum of ${name}`)}::numeric`
        : 'NULL::numeric'
    }, ${t.filter ? quoteLiteral(t.filter) : 'NULL::text'}, ${t.tree === true}, ${t.routed === true})`
  })
  const sequences = check.sequences.map((s) => {
    const name = displayName(s.schema, s.name)
    return `(${quoteLiteral(s.schema)}, ${quoteLiteral(s.name)}, ${quoteLiteral(name)}, ${integerLiteral(s.lastValue, `value of sequence ${name}`)}::numeric - ${s.isCalled === true ? 0 : 1})`
  })
  const counted = new Set([
    ...check.tables.map((t) => displayName(t.schema, t.name)),
    ...check.sequences.map((s) => displayName(s.schema, s.name)),
  ])
  const relations = (check.relations ?? [])
    .filter((r) => !counted.has(displayName(r.schema, r.name)))
    .map((r) => {
      const kind = r.kind.charAt(0).toUpperCase() + r.kind.slice(1)
      return `(${quoteLiteral(r.schema)}, ${quoteLiteral(r.name)}, ${quoteLiteral(displayName(r.schema, r.name))}, ${quoteLiteral(kind)})`
    })
  const hash = check.level === 'checksums' ? `${ROW_HASHES[check.rowHash]}::numeric` : 'NULL::numeric'
  const select = `SELECT count(*)::numeric, ${hash} FROM`.replace(/'/g, "''")
  const objects = check.objects ? objectChecks(check, check.objects) : ''
  const body = `
DECLARE
  expected record;
  got_rows numeric;
  got_hash numeric;
  seq_at numeric;
  counts record;
  bypass boolean;
  lift boolean;
  failures text[] := '{}';
BEGIN
  -- The row text hashed must print the same on every server.
  PERFORM pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  PERFORM pg_catalog.set_config('IntervalStyle', 'postgres', true);
  PERFORM pg_catalog.set_config('TimeZone', 'UTC', true);
  PERFORM pg_catalog.set_config('extra_float_digits', '1', true);
  PERFORM pg_catalog.set_config('bytea_output', 'hex', true);
  -- A count that a row-level security policy would filter fails instead (see verify.ts); FORCE
  -- ROW LEVEL SECURITY on a table the current user owns is lifted for its count and set again.
  PERFORM pg_catalog.set_config('row_security', 'off', true);
  SELECT r.rolsuper OR r.rolbypassrls INTO bypass FROM pg_catalog.pg_roles r WHERE r.rolname = current_user;
  FOR expected IN SELECT * FROM (VALUES ${rows.length > 0 ? rows.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::numeric, NULL::numeric, NULL::text, false, false)`}) AS v (schema_name, table_name, display_name, row_count, checksum, filter, tree, routed)
                   WHERE schema_name IS NOT NULL LOOP
    IF pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.table_name)) IS NULL THEN
      failures := failures || pg_catalog.format('Table %s is missing on the target.', expected.display_name);
      CONTINUE;
    END IF;
    SELECT c.relrowsecurity AND c.relforcerowsecurity AND pg_catalog.pg_has_role(c.relowner, 'USAGE') AND NOT coalesce(bypass, false)
      INTO lift FROM pg_catalog.pg_class c
     WHERE c.oid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.table_name));
    IF lift THEN
      EXECUTE pg_catalog.format('ALTER TABLE ONLY %I.%I NO FORCE ROW LEVEL SECURITY', expected.schema_name, expected.table_name);
    END IF;
    IF expected.tree THEN
      -- A partitioned table: the rows of all its partitions.
      EXECUTE pg_catalog.format('${select} %I.%I t', expected.schema_name, expected.table_name)
        INTO got_rows, got_hash;
    ELSIF expected.filter IS NULL THEN
      EXECUTE pg_catalog.format('${select} ONLY %I.%I t', expected.schema_name, expected.table_name)
        INTO got_rows, got_hash;
    ELSE
      -- An extension's configuration table: the rows its condition keeps, read as pg_dump reads them.
      EXECUTE pg_catalog.format('${select} (SELECT * FROM %I.%I ', expected.schema_name, expected.table_name) || expected.filter || ') t'
        INTO got_rows, got_hash;
    END IF;
    IF lift THEN
      EXECUTE pg_catalog.format('ALTER TABLE ONLY %I.%I FORCE ROW LEVEL SECURITY', expected.schema_name, expected.table_name);
    END IF;
    IF expected.routed THEN
      -- Loaded through its root: the target's routing placed its rows; its tree is compared.
      CONTINUE;
    ELSIF got_rows <> expected.row_count THEN
      failures := failures || pg_catalog.format('Table %s has %s %s on the target but %s on the source.',
        expected.display_name, got_rows, CASE WHEN got_rows = 1 THEN 'row' ELSE 'rows' END, expected.row_count);
    ELSIF expected.checksum IS NOT NULL AND got_hash IS DISTINCT FROM expected.checksum THEN
      failures := failures || pg_catalog.format('Table %s has the same %s rows count on both sides but different contents (checksum).',
        expected.display_name, got_rows);
    END IF;
  END LOOP;
  FOR expected IN SELECT * FROM (VALUES ${relations.length > 0 ? relations.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::text)`}) AS v (schema_name, relation_name, display_name, kind_name)
                   WHERE schema_name IS NOT NULL LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = expected.schema_name AND c.relname = expected.relation_name) THEN
      failures := failures || pg_catalog.format('%s %s is missing on the target.', expected.kind_name, expected.display_name);
    END IF;
  END LOOP;
  FOR expected IN SELECT * FROM (VALUES ${sequences.length > 0 ? sequences.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::numeric)`}) AS v (schema_name, sequence_name, display_name, position)
                   WHERE schema_name IS NOT NULL LOOP
    IF pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.sequence_name)) IS NULL THEN
      failures := failures || pg_catalog.format('Sequence %s is missing on the target.', expected.display_name);
      CONTINUE;
    END IF;
    EXECUTE pg_catalog.format('SELECT last_value::numeric - CASE WHEN is_called THEN 0 ELSE 1 END FROM %I.%I', expected.schema_name, expected.sequence_name)
      INTO seq_at;
    IF seq_at < expected.position THEN
      failures := failures || pg_catalog.format('Sequence %s is behind the source on the target.', expected.display_name);
    END IF;
  END LOOP;${objects}
  IF pg_catalog.cardinality(failures) > 0 THEN
    -- Every mismatch, apart by the unit separator: one line for psql, one sentence made of them.
    RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(`${MISMATCH_PREFIX} `)} || pg_catalog.array_to_string(failures, E'\\x1f');
  END IF;
END
`
  const tag = dollarTag(nonce, body)
  return `DO ${tag}${body}${tag};\n`
}

/** The kinds of objects counted, a fixed list: they become column names in the block (folded to lower case, as db.ts's query names them). */
const OBJECT_KINDS = [
  'tables',
  'indexes',
  'constraints',
  'triggers',
  'policies',
  'rowSecurity',
  'forcedRowSecurity',
  'views',
  'functions',
] as const

/** The object counts of verify.ts (db.ts's query, run with the same arguments), compared in the block. */
function objectChecks(check: InTransactionCheck, expected: ObjectCounts): string {
  const tables = check.objectTables ?? check.tables
  const kinds = OBJECT_KINDS.filter((k) => expected[k] !== undefined && expected[k] !== null)
  const compares = kinds
    .map((kind) => {
      const column = `counts.${kind.toLowerCase()}`
      return `
  IF ${column} <> ${integerLiteral(expected[kind], `number of ${kind}`)} THEN
    failures := failures || pg_catalog.format('The target has %s %s where the source has %s.', ${column}, CASE WHEN ${column} = 1 THEN ${quoteLiteral(OBJECT_LABEL_ONE[kind])} ELSE ${quoteLiteral(objectLabelMany(kind))} END, ${integerLiteral(expected[kind], `number of ${kind}`)});
  END IF;`
    })
    .join('')
  const large =
    expected.largeObjects === undefined
      ? ''
      : `
  IF (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata) <> ${integerLiteral(expected.largeObjects, 'number of large objects')} THEN
    failures := failures || pg_catalog.format('The target has %s %s where the source has %s.', (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata), CASE WHEN (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata) = 1 THEN 'large object' ELSE 'large objects' END, ${integerLiteral(expected.largeObjects, 'number of large objects')});
  END IF;`
  return `
  EXECUTE ${quoteLiteral(OBJECT_COUNTS_SQL)} INTO counts
    USING ${textArray(tables.map((t) => t.schema))}, ${check.schemas ? textArray(check.schemas) : 'NULL::text[]'}, ${textArray(tables.map((t) => t.name))};${compares}${large}`
}

/**
 * The check for the given tables from one side's measurement (the source in its snapshot, or a
 * backup's manifest); a table the measurement lacks is refused before anything is written.
 */
export function checkFrom(
  level: InTransactionCheck['level'],
  tables: ReadonlyArray<{ schema: string; name: string; filter?: string; tree?: boolean; routed?: boolean }>,
  measured: Measurement,
  scope: {
    objectTables?: Array<{ schema: string; name: string }>
    schemas?: string[]
    relations?: Relation[]
  },
): InTransactionCheck {
  return {
    level,
    rowHash: measured.rowHash ?? 'md5',
    tables: tables.map(({ schema, name, filter, tree, routed }) => {
      const values = measured.tables[displayName(schema, name)]
      if (!values)
        throw new UserError(`The expected values hold nothing for table ${displayName(schema, name)}.`)
      return {
        schema,
        name,
        rows: values.rows,
        checksum: values.checksum,
        ...(filter ? { filter } : {}),
        ...(tree ? { tree } : {}),
        ...(routed ? { routed } : {}),
      }
    }),
    sequences: measured.sequences,
    objects: measured.objects,
    objectTables: scope.objectTables,
    schemas: scope.schemas,
    relations: scope.relations,
  }
}
