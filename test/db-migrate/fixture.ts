import { startCluster, type Cluster } from '../../tools/harness/postgres'

/**
 * The source database of the end-to-end tests: foreign keys, sequences and an identity column,
 * jsonb and bytea columns, a partitioned table, a view, a trigger function and its trigger, a
 * materialized view, and owners and grants for roles that exist only on the source server.
 */
export const SOURCE_SCHEMA = `
CREATE ROLE app_owner NOLOGIN;
CREATE ROLE app_reader NOLOGIN;
CREATE SCHEMA shop AUTHORIZATION app_owner;
CREATE TABLE shop.customers (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  profile jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE shop.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES shop.customers (id),
  total numeric(12, 2) NOT NULL CHECK (total >= 0),
  placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
CREATE TABLE shop.attachments (
  id serial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES shop.orders (id),
  body bytea NOT NULL
);
CREATE TABLE shop.audit (id bigserial PRIMARY KEY, order_id bigint NOT NULL, note text NOT NULL);
CREATE TABLE shop.events (id bigserial, at date NOT NULL, kind text NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE shop.events_2024 PARTITION OF shop.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE shop.events_2025 PARTITION OF shop.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_kind_idx ON shop.events (kind);
CREATE FUNCTION shop.log_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO shop.audit (order_id, note) VALUES (NEW.id, 'placed');
  RETURN NEW;
END
$$;
CREATE TRIGGER orders_audit AFTER INSERT ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.log_order();
CREATE VIEW shop.customer_totals AS
  SELECT c.id, c.email, sum(o.total) AS total FROM shop.customers c JOIN shop.orders o ON o.customer_id = c.id GROUP BY c.id, c.email;
CREATE MATERIALIZED VIEW shop.kind_counts AS SELECT kind, count(*) AS n FROM shop.events GROUP BY kind;
ALTER TABLE shop.customers OWNER TO app_owner;
ALTER TABLE shop.orders OWNER TO app_owner;
GRANT USAGE ON SCHEMA shop TO app_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA shop TO app_reader;
`

/** Rows for the schema; `scale` multiplies them (1 gives about 30 000 rows). */
export function sourceData(scale = 1): string {
  const n = (count: number): number => Math.max(1, Math.round(count * scale))
  return `
INSERT INTO shop.customers (email, profile)
  SELECT 'c' || g || '@example.com', jsonb_build_object('n', g, 'tags', jsonb_build_array('a', 'b'), 'vip', g % 10 = 0)
  FROM generate_series(1, ${n(2000)}) g;
INSERT INTO shop.orders (customer_id, total) SELECT 1 + g % ${n(2000)}, (g % 500)::numeric / 3 FROM generate_series(1, ${n(10000)}) g;
INSERT INTO shop.attachments (order_id, body)
  SELECT g, decode(repeat(md5(g::text), 8), 'hex') FROM generate_series(1, ${n(500)}) g;
INSERT INTO shop.events (at, kind) SELECT date '2024-06-01' + (g % 400), 'k' || (g % 7) FROM generate_series(1, ${n(5000)}) g;
REFRESH MATERIALIZED VIEW shop.kind_counts;
ANALYZE;
`
}

export const TARGET_USER = { name: 'migrator', password: 'Tgt-s3cret-pw!' }
export const SOURCE_USER = { name: 'reader', password: 'Src-s3cret-pw#' }

/** A source database `app` (read by a role with a password) and a target server with a non-superuser owning its database, as on a managed service. */
export async function prepareServers(source: Cluster, target: Cluster): Promise<void> {
  await source.createRole(SOURCE_USER.name, { password: SOURCE_USER.password, superuser: true })
  await target.createRole(TARGET_USER.name, { password: TARGET_USER.password, createdb: true })
}

export async function createSource(source: Cluster, database: string, scale = 1): Promise<void> {
  await source.createDatabase(database)
  await source.sql(
    database,
    SOURCE_SCHEMA.replace(
      /CREATE ROLE (\w+) NOLOGIN;/g,
      (_all, role: string) =>
        `DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`,
    ),
  )
  await source.sql(database, sourceData(scale))
}

export async function createTarget(target: Cluster, database: string): Promise<void> {
  await target.createDatabase(database, TARGET_USER.name)
}

export const sourceUrl = (source: Cluster, database: string): string =>
  source.url(database, SOURCE_USER.name, SOURCE_USER.password)
export const targetUrl = (target: Cluster, database: string): string =>
  target.url(database, TARGET_USER.name, TARGET_USER.password)

/**
 * An event trigger (in pg_catalog, so the database still counts as empty) that gives `schema.table`,
 * as soon as a restore creates it, a row trigger silently dropping every tenth row: the load
 * succeeds, only the row count shows the loss.
 */
export async function dropEveryTenthRow(
  cluster: Cluster,
  database: string,
  schema: string,
  table: string,
): Promise<void> {
  await cluster.sql(
    database,
    `CREATE FUNCTION pg_catalog.drop_every_tenth_row() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.id % 10 = 0 THEN RETURN NULL; END IF;
       RETURN NEW;
     END $$;
     CREATE FUNCTION pg_catalog.add_row_dropper() RETURNS event_trigger LANGUAGE plpgsql AS $$
     DECLARE
       created record;
     BEGIN
       FOR created IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
         IF created.object_identity = ${literal(`${schema}.${table}`)} THEN
           EXECUTE format('CREATE TRIGGER drop_every_tenth_row BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION pg_catalog.drop_every_tenth_row()', created.object_identity);
         END IF;
       END LOOP;
     END $$;
     CREATE EVENT TRIGGER add_row_dropper ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION pg_catalog.add_row_dropper();`,
  )
}

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`

/** Starts the source and target servers of a test file, with the users and the source database `app`. */
export async function startServers(): Promise<{ source: Cluster; target: Cluster }> {
  const [source, target] = await Promise.all([
    startCluster({ name: 'source' }),
    startCluster({ name: 'target' }),
  ])
  await prepareServers(source, target)
  await createSource(source, 'app')
  return { source, target }
}
