import { classifyErrors, parseRestoreErrors } from './classify'

const STDERR = `pg_restore: while PROCESSING TOC:
pg_restore: from TOC entry 3370; 0 0 COMMENT - EXTENSION plpgsql
pg_restore: error: could not execute query: ERROR:  must be owner of extension plpgsql
Command was: COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';
pg_restore: from TOC entry 5; 2615 2200 SCHEMA - public postgres
pg_restore: error: could not execute query: ERROR:  schema "public" already exists
Command was: CREATE SCHEMA public;
pg_restore: from TOC entry 215; 1259 16390 TABLE shop orders app_owner
pg_restore: error: could not execute query: ERROR:  relation "orders" already exists
Command was: CREATE TABLE shop.orders (
pg_restore: warning: errors ignored on restore: 3`.split('\n')

describe('pg_restore errors', () => {
  it('parses each error with its TOC entry and command', () => {
    const errors = parseRestoreErrors(STDERR)
    expect(errors).toEqual([
      {
        message: 'must be owner of extension plpgsql',
        entry: '3370; 0 0 COMMENT - EXTENSION plpgsql',
        command: "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';",
      },
      {
        message: 'schema "public" already exists',
        entry: '5; 2615 2200 SCHEMA - public postgres',
        command: 'CREATE SCHEMA public;',
      },
      {
        message: 'relation "orders" already exists',
        entry: '215; 1259 16390 TABLE shop orders app_owner',
        command: 'CREATE TABLE shop.orders (',
      },
    ])
  })

  it('treats errors known harmless on managed targets as warnings, and anything else as a failure', () => {
    const { warnings, failures } = classifyErrors(parseRestoreErrors(STDERR), { managed: true, ignore: [] })
    expect(warnings.map((w) => w.message)).toEqual([
      'must be owner of extension plpgsql',
      'schema "public" already exists',
    ])
    expect(failures.map((f) => f.message)).toEqual(['relation "orders" already exists'])
  })

  it('fails on every error when owners and privileges are restored, except the ignore-errors patterns', () => {
    const errors = parseRestoreErrors(STDERR)
    expect(classifyErrors(errors, { managed: false, ignore: [] }).failures).toHaveLength(3)
    expect(
      classifyErrors(errors, { managed: false, ignore: [/already exists/i] }).failures.map((f) => f.message),
    ).toEqual(['must be owner of extension plpgsql'])
  })

  it('never lets a pattern pass over a policy, row security or a privilege that failed', () => {
    const errors = parseRestoreErrors(
      `pg_restore: from TOC entry 4211; 3256 16601 POLICY public accounts only_own app_owner
pg_restore: error: could not execute query: ERROR:  role "auditor" does not exist
Command was: CREATE POLICY only_own ON public.accounts AS RESTRICTIVE TO auditor USING (owner = CURRENT_USER);
pg_restore: from TOC entry 4212; 0 16390 ROW SECURITY public accounts app_owner
pg_restore: error: could not execute query: ERROR:  must be owner of table accounts
Command was: ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;
pg_restore: error: could not execute query: ERROR:  role "auditor" does not exist
Command was: REVOKE ALL ON TABLE public.accounts FROM auditor;`.split('\n'),
    )
    const { warnings, failures } = classifyErrors(errors, {
      managed: true,
      ignore: [/role ".*" does not exist/, /must be owner/],
    })
    expect(warnings).toEqual([])
    expect(failures).toHaveLength(3)
  })

  it('keeps pg_restore errors that are not from the server', () => {
    expect(
      parseRestoreErrors(['pg_restore: error: could not open input file "x": No such file or directory']),
    ).toEqual([{ message: 'could not open input file "x": No such file or directory', entry: undefined }])
  })
})
