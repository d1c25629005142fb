import {
  describePostData,
  displayName,
  exactTablePattern,
  heldBack,
  parseToc,
  schedule,
  tocList,
  type EarlyForeignKey,
  type TableInfo,
} from './toc'

const LIST = `;
; Archive created at 2025-01-01 00:00:00 UTC
;     dbname: app
;
; Selected TOC Entries:
;
6; 2615 16385 SCHEMA - shop app_owner
216; 1259 16386 TABLE shop customers app_owner
217; 1259 16395 TABLE shop orders app_owner
218; 1259 16400 TABLE shop events app_owner
219; 1259 16405 TABLE shop events_2024 postgres
3401; 0 0 TABLE ATTACH shop events_2024 postgres
3402; 0 0 SEQUENCE OWNED BY shop customers_id_seq app_owner
3250; 2606 16420 CONSTRAINT shop customers customers_pkey app_owner
3251; 2606 16422 CONSTRAINT shop orders orders_pkey app_owner
3252; 1259 16430 INDEX shop orders_customer_idx app_owner
3253; 1259 16431 INDEX shop events_kind_idx postgres
3254; 1259 16432 INDEX shop events_2024_kind_idx postgres
3255; 0 0 INDEX ATTACH shop events_2024_kind_idx postgres
3260; 2606 16440 FK CONSTRAINT shop orders orders_customer_id_fkey app_owner
3261; 2620 16450 TRIGGER shop orders orders_audit app_owner
3262; 0 16460 MATERIALIZED VIEW DATA shop kind_counts postgres
`

describe('TOC', () => {
  it('parses entries, keeping multi-word kinds whole', () => {
    const entries = parseToc(LIST)
    expect(entries).toHaveLength(16)
    expect(entries[0]).toMatchObject({
      id: 6,
      catalogOid: 2615,
      oid: 16385,
      desc: 'SCHEMA',
      rest: '- shop app_owner',
    })
    expect(entries.map((e) => e.desc)).toContain('SEQUENCE OWNED BY')
    expect(entries.find((e) => e.id === 3260)?.desc).toBe('FK CONSTRAINT')
    expect(entries.find((e) => e.id === 3262)?.desc).toBe('MATERIALIZED VIEW DATA')
    expect(tocList(entries.slice(0, 2))).toBe(
      '6; 2615 16385 SCHEMA - shop app_owner\n216; 1259 16386 TABLE shop customers app_owner\n',
    )
  })

  it('schedules data largest first, indexes after their own table, foreign keys and triggers last', () => {
    const tables: TableInfo[] = [
      { oid: 16386, schema: 'shop', name: 'customers', bytes: 1000, estimatedRows: 10, hasData: true },
      { oid: 16395, schema: 'shop', name: 'orders', bytes: 9000, estimatedRows: 90, hasData: true },
      { oid: 16400, schema: 'shop', name: 'events', bytes: 0, estimatedRows: 0, hasData: false },
      { oid: 16405, schema: 'shop', name: 'events_2024', bytes: 500, estimatedRows: 5, hasData: true },
    ]
    const owners = new Map([
      ['2606:16420', 16386],
      ['2606:16422', 16395],
      ['1259:16430', 16395],
      ['1259:16431', 16400],
      ['1259:16432', 16405],
      ['2606:16440', 16395],
    ])
    const entries = parseToc(LIST)
    const post = entries.slice(entries.findIndex((e) => e.id === 3250))
    const plan = schedule(tables, post, { ownerOf: (c, o) => owners.get(`${c}:${o}`) })
    expect(plan.data.map((t) => t.name)).toEqual(['orders', 'customers', 'events_2024'])
    expect(plan.afterTable.get(16395)?.map((e) => e.id)).toEqual([3251, 3252])
    expect(plan.afterTable.get(16386)?.map((e) => e.id)).toEqual([3250])
    expect(plan.afterTable.get(16405)?.map((e) => e.id)).toEqual([3254])
    expect(plan.immediate.map((e) => e.id)).toEqual([3253])
    expect(plan.last.map((e) => e.id)).toEqual([3255, 3260, 3261, 3262])
    expect(plan.foreignKeys).toEqual([])

    // Told which tables the foreign key joins, both with data: created once both are complete.
    const early = schedule(tables, post, {
      ownerOf: (c, o) => owners.get(`${c}:${o}`),
      foreignKeyOf: (oid) => (oid === 16440 ? { from: 16395, to: 16386 } : undefined),
    })
    expect(early.foreignKeys.map((k) => [k.entry.id, k.from.name, k.to.name])).toEqual([
      [3260, 'orders', 'customers'],
    ])
    expect(early.last.map((e) => e.id)).toEqual([3255, 3261, 3262])
    expect(early.tableOf.get(3260)?.name).toBe('orders')
    // A key to a table without data in the copy waits for the last step.
    const toEmpty = schedule(tables, post, {
      ownerOf: (c, o) => owners.get(`${c}:${o}`),
      foreignKeyOf: (oid) => (oid === 16440 ? { from: 16395, to: 16400 } : undefined),
    })
    expect(toEmpty.foreignKeys).toEqual([])
    expect(toEmpty.last.map((e) => e.id)).toEqual([3255, 3260, 3261, 3262])
  })

  it("starts a table's builds longest first, dump order among equals, a build without a rank with the cheapest", () => {
    const tables: TableInfo[] = [
      { oid: 1, schema: 'app', name: 'events', bytes: 9000, estimatedRows: 90, hasData: true },
    ]
    const post = parseToc(`10; 2606 20 CONSTRAINT app events events_pkey postgres
11; 1259 21 INDEX app events_account_idx postgres
12; 1259 22 INDEX app events_at_idx postgres
13; 1259 23 INDEX app events_kind_idx postgres
14; 2606 24 CONSTRAINT app events events_check postgres
15; 1259 25 INDEX app events_region_idx postgres
`)
    const ranks = new Map([
      ['2606:20', 0],
      ['1259:21', 0.98],
      ['1259:22', 0],
      ['1259:23', 2],
      ['1259:25', 0.98],
    ])
    const ordered = (buildCost?: (c: number, o: number) => number | undefined): number[] =>
      schedule(tables, post, { ownerOf: () => 1, buildCost })
        .afterTable.get(1)
        ?.map((e) => e.id) ?? []
    expect(ordered((c, o) => ranks.get(`${c}:${o}`))).toEqual([13, 11, 15, 10, 12, 14])
    expect(ordered()).toEqual([10, 11, 12, 13, 14, 15])
  })
})

describe('heldBack', () => {
  const table = (oid: number, name: string, bytes: number): TableInfo => ({
    oid,
    schema: 'app',
    name,
    bytes,
    estimatedRows: 0,
    hasData: true,
  })
  const events = table(1, 'events', 1600)
  const accounts = table(2, 'accounts', 40)
  const products = table(3, 'products', 10)
  const invoices = table(4, 'invoices', 60)
  const documents = table(5, 'documents', 80)
  const audit = table(6, 'audit', 300)
  const data = [events, audit, documents, invoices, accounts, products]
  const key = (from: TableInfo, to: TableInfo): EarlyForeignKey => ({
    entry: {
      id: from.oid * 10 + to.oid,
      catalogOid: 2606,
      oid: 0,
      desc: 'FK CONSTRAINT',
      rest: '',
      line: '',
    },
    from,
    to,
  })
  const names = (tables: TableInfo[]): string[] => tables.map((t) => t.name)

  it("holds back the smallest tables the largest one's keys do not need, up to 1/16 of its size per key, largest first", () => {
    const keys = [key(events, accounts), key(events, products), key(invoices, accounts)]
    // 2 keys: 200 bytes; invoices (60) and documents (80) fit, audit (300) does not.
    expect(names(heldBack({ data, foreignKeys: keys }, 2))).toEqual(['documents', 'invoices'])
    // 1 key, to products: 100 bytes, and accounts is not needed; accounts (40) and invoices (60).
    expect(names(heldBack({ data, foreignKeys: keys.slice(1) }, 2))).toEqual(['invoices', 'accounts'])
    expect(names(heldBack({ data, foreignKeys: keys }, 8))).toEqual(['documents', 'invoices'])
  })

  it('holds back nothing with one job, without keys of the largest table, or with only its key to itself', () => {
    const keys = [key(events, accounts)]
    expect(heldBack({ data, foreignKeys: keys }, 1)).toEqual([])
    expect(heldBack({ data, foreignKeys: [key(invoices, accounts)] }, 2)).toEqual([])
    expect(heldBack({ data, foreignKeys: [key(events, events)] }, 2)).toEqual([])
    expect(heldBack({ data: [], foreignKeys: [] }, 2)).toEqual([])
  })
})

describe('names', () => {
  it('quotes a table so that pg_dump matches it literally', () => {
    expect(exactTablePattern('shop', 'we"ird')).toBe('"shop"."we""ird"')
  })

  it.each([
    ['shop', 'orders', 'shop.orders'],
    ['Shop', 'orders', '"Shop".orders'],
    ['odd schema', 'we"ird', '"odd schema"."we""ird"'],
    ['a.b', 'c', '"a.b".c'],
    ['a', 'b.c', 'a."b.c"'],
    ['ü', '1st', '"ü"."1st"'],
  ])('%s.%s prints as %s', (schema, name, expected) => {
    expect(displayName(schema, name)).toBe(expected)
  })
})

describe('describePostData', () => {
  it("names an index or constraint and its table, without the listing's schema, table and owner", () => {
    const [constraint, index] = parseToc(
      '3250; 2606 16420 CONSTRAINT shop customers customers_email_key postgres\n3252; 1259 16430 INDEX shop orders_customer_idx app_owner',
    )
    expect(describePostData(constraint, { schema: 'shop', name: 'customers' })).toBe(
      'constraint customers_email_key of shop.customers',
    )
    expect(describePostData(index, { schema: 'shop', name: 'orders' })).toBe(
      'index orders_customer_idx of shop.orders',
    )
    const [key] = parseToc('3260; 2606 16440 FK CONSTRAINT shop orders orders_customer_id_fkey app_owner')
    expect(describePostData(key, { schema: 'shop', name: 'orders' })).toBe(
      'foreign key orders_customer_id_fkey of shop.orders',
    )
  })
})
