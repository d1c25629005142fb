import { UserError } from '../common/errors'
import { chooseClient, parseToolVersion, serverMajor, type ClientPair } from './clients'

const pair = (major: number): ClientPair => ({
  dir: `/usr/lib/postgresql/${major}/bin`,
  pgDump: 'pg_dump',
  pgRestore: 'pg_restore',
  version: `${major}.2`,
  major,
})

describe('client version choice', () => {
  it('reads versions as the tools print them', () => {
    expect(parseToolVersion('pg_dump (PostgreSQL) 15.13 (Debian 15.13-0+deb12u1)')).toEqual({
      version: '15.13',
      major: 15,
    })
    expect(parseToolVersion('pg_dump (PostgreSQL) 17beta2')).toEqual({ version: '17beta2', major: 17 })
    expect(parseToolVersion('pg_dump (PostgreSQL) 9.6.24')).toEqual({ version: '9.6.24', major: 9.6 })
    expect(parseToolVersion('something else')).toBeUndefined()
    expect(serverMajor(150013)).toBe(15)
    expect(serverMajor(90624)).toBe(9.6)
  })

  it('takes the newest pair at least as new as the source', () => {
    expect(chooseClient([pair(14), pair(17), pair(16)], 15).major).toBe(17)
    expect(chooseClient([pair(15)], 15).major).toBe(15)
    expect(chooseClient([pair(16)], 9.6).major).toBe(16)
  })

  it('says which client to install when none can read the source', () => {
    expect(() => chooseClient([pair(14), pair(15)], 16)).toThrow(
      new UserError(
        'The source runs PostgreSQL 16, which needs pg_dump and pg_restore 16 or newer (found only 15, 14 on PATH or in /usr/lib/postgresql/*/bin); install postgresql-client-16 before this step.',
      ),
    )
    expect(() => chooseClient([], 15)).toThrow(/\(none was found on PATH/)
  })
})
