import { describeTransfer } from './progress'
import { compare, type Measurement } from './verify'

const side = (over: Partial<Measurement> = {}): Measurement => ({
  tables: { 'shop.orders': { rows: 10, checksum: '123' }, 'shop.customers': { rows: 2, checksum: '9' } },
  objects: { tables: 2, indexes: 3, constraints: 4, triggers: 1 },
  sequences: [{ schema: 'shop', name: 'orders_id_seq', lastValue: '10', isCalled: true }],
  ...over,
})

describe('verification', () => {
  it('passes when both sides agree', () => {
    const result = compare('checksums', side(), side())
    expect(result.failures).toEqual([])
    expect(result.tables['shop.orders']).toEqual({ source: 10, target: 10, checksum: 'match', ok: true })
  })

  it('refuses to compare checksums computed two ways (a format 1 manifest holds MD5-based ones)', () => {
    expect(() => compare('checksums', side(), side({ rowHash: 'hashtext' }))).toThrow('computed two ways')
    expect(
      compare('checksums', side({ rowHash: 'hashtext' }), side({ rowHash: 'hashtext' })).failures,
    ).toEqual([])
    expect(compare('counts', side(), side({ rowHash: 'hashtext' })).failures).toEqual([])
  })

  it('names the table whose rows differ', () => {
    const target = side({
      tables: { 'shop.orders': { rows: 9, checksum: '1' }, 'shop.customers': { rows: 2, checksum: '8' } },
    })
    expect(compare('checksums', side(), target).failures).toEqual([
      'Table shop.orders has 9 rows on the target but 10 on the source.',
      'Table shop.customers has the same 2 rows count on both sides but different contents (checksum).',
    ])
    expect(compare('counts', side(), target).failures).toEqual([
      'Table shop.orders has 9 rows on the target but 10 on the source.',
    ])
  })

  it('checks object counts and that sequences are not behind', () => {
    const target = side({
      objects: { tables: 2, indexes: 2, constraints: 4, triggers: 1 },
      sequences: [{ schema: 'shop', name: 'orders_id_seq', lastValue: '10', isCalled: false }],
    })
    expect(compare('counts', side(), target).failures).toEqual([
      'The target has 2 indexes where the source has 3.',
      "Sequence shop.orders_id_seq is at 10 on the target, behind the source's 10.",
    ])
    expect(
      compare(
        'counts',
        side(),
        side({ sequences: [{ schema: 'shop', name: 'orders_id_seq', lastValue: '99', isCalled: true }] }),
      ).failures,
    ).toEqual([])
  })

  it('checks row-level security: policies, and the tables that enable or force it, where the expected side counts them', () => {
    const objects = { tables: 2, indexes: 3, constraints: 4, triggers: 1 }
    const secured = { ...objects, policies: 2, rowSecurity: 1, forcedRowSecurity: 1 }
    const lost = { ...objects, policies: 1, rowSecurity: 1, forcedRowSecurity: 0 }
    const result = compare('counts', side({ objects: secured }), side({ objects: lost }))
    expect(result.failures).toEqual([
      'The target has 1 policy where the source has 2.',
      'The target has 0 tables forcing row-level security where the source has 1.',
    ])
    expect(result.objects).toContainEqual({
      kind: 'tables forcing row-level security',
      source: 1,
      target: 0,
      ok: false,
    })
    // A manifest written before these were counted leaves them out.
    expect(compare('counts', side({ objects }), side({ objects: lost })).failures).toEqual([])
  })

  it('checks the large objects when the expected side counts them (restore), by name', () => {
    const objects = { tables: 2, indexes: 3, constraints: 4, triggers: 1 }
    const expected = side({ objects: { ...objects, largeObjects: 2 } })
    const result = compare('counts', expected, side({ objects: { ...objects, largeObjects: 1 } }))
    expect(result.failures).toEqual(['The target has 1 large object where the source has 2.'])
    expect(result.objects).toContainEqual({ kind: 'large objects', source: 2, target: 1, ok: false })
    expect(compare('counts', expected, side({ objects: { ...objects, largeObjects: 2 } })).failures).toEqual(
      [],
    )
    // Not counted on the expected side (a copy, or a target that held large objects before): not compared.
    expect(compare('counts', side(), side({ objects: { ...objects, largeObjects: 5 } })).failures).toEqual([])
  })
})

describe('verification of relations', () => {
  it('names every relation of the dump missing on the target, or there as another kind', () => {
    const source = side({
      relations: {
        'shop.orders': 'table',
        'shop."Totals View"': 'view',
        'shop.kinds': 'materialized view',
        'shop.orders_id_seq': 'sequence',
      },
    })
    const target = side({ relations: { 'shop.orders': 'table', 'shop.kinds': 'view' } })
    expect(compare('counts', source, target).failures).toEqual([
      'View shop."Totals View" is missing on the target.',
      'Materialized view shop.kinds is a view on the target.',
    ])
    expect(compare('counts', source, side({ relations: source.relations })).failures).toEqual([])
  })

  it('fails when the source was counted blind to relations the dump holds', () => {
    const source = side({
      objects: { tables: 2, indexes: 3, constraints: 4, triggers: 1, views: 0, functions: 0 },
      relations: { 'shop.orders': 'table', 'shop.customers': 'table', '"Odd Schema".v': 'view' },
    })
    expect(compare('counts', source, side({ ...source })).failures).toEqual([
      "The source's views were counted as 0 although the dump holds 1; verification would not cover them.",
    ])
  })
})

describe('progress lines', () => {
  it('show bytes against the estimate, the rate and an ETA', () => {
    const line = describeTransfer(
      { label: 'shop.orders', estimateBytes: 100 << 20, bytes: 25 << 20, startedAt: 0 },
      5000,
    )
    expect(line).toBe('shop.orders: 25.0 MiB of ~100.0 MiB (25%) at 5.0 MiB/s, ETA 15.0s')
  })
})
