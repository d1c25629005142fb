import { UserError } from '../common/errors'
import { ProcessError } from '../common/process'
import { checkCoverage, patternError, type Exclusions, type SourceRelation } from './selection'
import { parseToc } from './toc'

const relation = (oid: number, name: string, relkind: string, parents: number[] = []): SourceRelation => ({
  oid,
  schema: 'app',
  name,
  relkind,
  bytes: 0,
  estimatedRows: 0,
  rowSecurity: false,
  owner: 'o',
  parents,
})

const catalog = new Map(
  [
    relation(1, 'users', 'r'),
    relation(2, 'events', 'p'),
    relation(3, 'events_2024', 'r', [2]),
    relation(4, 'events_2025', 'p', [2]),
    relation(5, 'events_2025_a', 'r', [4]),
  ].map((r) => [r.oid, r]),
)
const none = (): Exclusions => ({ tables: new Set(), tableData: new Set(), schemas: new Set() })
const toc = (...oids: number[]) =>
  parseToc(oids.map((oid) => `${oid}; 1259 ${oid} TABLE app t${oid} o`).join('\n'))

describe('coverage of the verified tables', () => {
  it('passes when the dump holds the data of every table and leaf partition', () => {
    expect(() => checkCoverage(toc(1, 2), new Set([1, 3, 5]), catalog, none())).not.toThrow()
  })

  it('fails when a partition under a selected parent would be neither copied nor verified', () => {
    expect(() => checkCoverage(toc(1, 2), new Set([1]), catalog, none())).toThrow(
      'The selection holds 2 tables whose data the dump would leave out, unverified (app.events_2024, app.events_2025_a); nothing was written.',
    )
  })

  it('accepts what exclude-table-data, exclude-tables or exclude-schemas leave out', () => {
    expect(() =>
      checkCoverage(toc(1, 2), new Set([1, 3]), catalog, { ...none(), tableData: new Set([5]) }),
    ).not.toThrow()
    expect(() =>
      checkCoverage(toc(1, 2), new Set([1, 5]), catalog, { ...none(), tables: new Set([3]) }),
    ).not.toThrow()
    expect(() =>
      checkCoverage(toc(1, 2), new Set(), catalog, { ...none(), schemas: new Set(['app']) }),
    ).not.toThrow()
  })
})

describe("pg_dump's pattern errors", () => {
  const failed = (...stderrTail: string[]): ProcessError =>
    new ProcessError({
      command: 'pg_dump',
      exitCode: 1,
      signal: null,
      timedOut: false,
      cancelled: false,
      durationMs: 1,
      stderrTail,
    })
  const inputs = {
    table: [
      { input: 'tables', patterns: ['app.users', 'app.usres'] },
      { input: 'exclude-table-data', patterns: ['app.audit_(log'] },
    ],
    schema: [{ input: 'schemas', patterns: ['ap'] }],
  }

  it('name the input and the pattern that matches nothing', () => {
    const error = patternError(
      failed('pg_dump: error: no matching tables were found for pattern "app.usres"'),
      inputs,
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error?.message).toMatch(
      /^Input 'tables' holds the pattern "app.usres", which matches no table of the source database;/,
    )
    expect(
      patternError(failed('pg_dump: error: no matching schemas were found for pattern "ap"'), inputs)
        ?.message,
    ).toMatch(/^Input 'schemas' holds the pattern "ap", which matches no schema/)
  })

  it('explain an invalid regular expression', () => {
    const error = patternError(
      failed(
        'pg_dump: error: query failed: ERROR:  invalid regular expression: parentheses () not balanced',
        'pg_dump: detail: Query was: SELECT c.oid',
      ),
      inputs,
    )
    expect(error?.message).toBe(
      "A pattern in 'tables', 'exclude-table-data', 'schemas' is not a valid pattern (parentheses () not balanced); characters such as ( ) | [ ] are regular-expression syntax in pg_dump patterns, so double-quote a name that contains them.",
    )
  })

  it('leave other failures alone', () => {
    expect(patternError(failed('pg_dump: error: connection to server failed'), inputs)).toBeUndefined()
    expect(patternError(new Error('x'), inputs)).toBeUndefined()
  })
})
