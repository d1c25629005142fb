import { constraintUsingIndex, type UniqueIndexFirst } from './db'

const base: UniqueIndexFirst = {
  createIndex: 'CREATE UNIQUE INDEX orders_pkey ON shop.orders USING btree (id)',
  schema: 'shop',
  table: 'orders',
  constraint: 'orders_pkey',
  index: 'orders_pkey',
  primaryKey: true,
  deferrable: false,
  deferred: false,
}

describe('constraintUsingIndex', () => {
  it('makes a primary key of its index, every name quoted', () => {
    expect(constraintUsingIndex(base)).toBe(
      'ALTER TABLE ONLY "shop"."orders" ADD CONSTRAINT "orders_pkey" PRIMARY KEY USING INDEX "orders_pkey"',
    )
  })

  it('keeps a unique constraint deferrable, and initially deferred, as the source has it', () => {
    const unique = { ...base, primaryKey: false, constraint: 'code_key', index: 'code_key' }
    expect(constraintUsingIndex({ ...unique, deferrable: true })).toMatch(
      / UNIQUE USING INDEX "code_key" DEFERRABLE$/,
    )
    expect(constraintUsingIndex({ ...unique, deferrable: true, deferred: true })).toMatch(
      / DEFERRABLE INITIALLY DEFERRED$/,
    )
  })

  it('quotes names that hold quotes and spaces', () => {
    expect(
      constraintUsingIndex({
        ...base,
        schema: 'Odd "schema',
        table: 'T 1',
        constraint: 'pk "1"',
        index: 'pk "1"',
      }),
    ).toBe(
      'ALTER TABLE ONLY "Odd ""schema"."T 1" ADD CONSTRAINT "pk ""1""" PRIMARY KEY USING INDEX "pk ""1"""',
    )
  })
})
