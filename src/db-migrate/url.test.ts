import { UserError } from '../common/errors'
import { clearSecrets, redact } from '../common/secrets'
import { clientConfig, parseDatabaseUrl, toolSecretEnv, withDatabase } from './url'

afterEach(() => clearSecrets())

describe('database URLs', () => {
  it('takes a URL apart and never keeps the password in what is printed or passed in argv', () => {
    const url = parseDatabaseUrl(
      'source-url',
      'source',
      'postgresql://app:s%40cret%23pw@db.internal:6543/shop?sslmode=require',
    )
    expect(url).toMatchObject({
      host: 'db.internal',
      port: 6543,
      user: 'app',
      database: 'shop',
      password: 's@cret#pw',
    })
    expect(url.display).toBe('app@db.internal:6543/shop')
    expect(url.conninfo).toBe('postgresql://app@db.internal:6543/shop?sslmode=require')
    expect(toolSecretEnv(url)).toEqual({ PGPASSWORD: 's@cret#pw' })
    expect(redact('login s@cret#pw and s%40cret%23pw')).toBe('login *** and ***')
  })

  it('defaults the port, keeps libpq sslmode semantics for the pg client and switches databases', () => {
    const url = parseDatabaseUrl('target-url', 'target', 'postgres://u@h/app?sslmode=disable')
    expect(url.port).toBe(5432)
    expect(toolSecretEnv(url)).toEqual({})
    expect(clientConfig(url)).toMatchObject({ host: 'h', port: 5432, user: 'u', database: 'app', ssl: false })
    const other = withDatabase(url, 'app_incoming')
    expect(other.display).toBe('u@h:5432/app_incoming')
    expect(other.conninfo).toBe('postgres://u@h/app_incoming?sslmode=disable')
  })

  it.each([
    [
      'not a url',
      "Input 'source-url' must be a PostgreSQL URL such as postgresql://user:password@host:5432/db?sslmode=require, with special characters percent-encoded.",
    ],
    ['https://h/db', "Input 'source-url' must start with postgresql:// or postgres://, got https://."],
    [
      'postgresql://u@h',
      "Input 'source-url' must name a database in its path, e.g. postgresql://user@host:5432/app.",
    ],
    [
      'postgresql://u@h/db?sslpassword=x',
      "Input 'source-url' carries a secret in its query parameter 'sslpassword'; put the password in the URL's user:password part.",
    ],
  ])('rejects %j in one sentence', (text, message) => {
    expect(() => parseDatabaseUrl('source-url', 'source', text)).toThrow(new UserError(message))
  })
})
