import { createDatabaseSql, type DatabaseLocale } from './apply'

const libc: DatabaseLocale = {
  encoding: 'UTF8',
  collate: 'en_US.UTF-8',
  ctype: 'en_US.UTF-8',
  provider: 'c',
  locale: null,
  rules: null,
}

describe('the database swap creates beside the target', () => {
  it('has the target locale on a server before PostgreSQL 15, which has no locale provider', () => {
    expect(createDatabaseSql('app_incoming', { ...libc, provider: null })).toBe(
      `CREATE DATABASE "app_incoming" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'en_US.UTF-8' LC_CTYPE 'en_US.UTF-8'`,
    )
  })

  it('names the libc provider, so that an ICU template0 is not inherited', () => {
    expect(createDatabaseSql('app_incoming', libc)).toBe(
      `CREATE DATABASE "app_incoming" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'en_US.UTF-8' LC_CTYPE 'en_US.UTF-8' LOCALE_PROVIDER libc`,
    )
  })

  it('keeps an ICU locale (15) and its rules (16)', () => {
    const icu = { ...libc, provider: 'i', locale: 'de-DE' }
    expect(createDatabaseSql('app_incoming', icu)).toBe(
      `CREATE DATABASE "app_incoming" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'en_US.UTF-8' LC_CTYPE 'en_US.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'de-DE'`,
    )
    expect(createDatabaseSql('app_incoming', { ...icu, rules: "&a < 'b'" })).toBe(
      `CREATE DATABASE "app_incoming" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'en_US.UTF-8' LC_CTYPE 'en_US.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'de-DE' ICU_RULES '&a < ''b'''`,
    )
  })

  it('keeps the builtin provider and its locale (17)', () => {
    expect(
      createDatabaseSql('x"y', { ...libc, collate: 'C', ctype: 'C', provider: 'b', locale: 'C.UTF-8' }),
    ).toBe(
      `CREATE DATABASE "x""y" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8'`,
    )
  })

  it('refuses a provider it does not know rather than silently changing it', () => {
    expect(() => createDatabaseSql('app_incoming', { ...libc, provider: 'z' })).toThrow(
      'Database locale provider "z" is not one db-migrate knows; use another strategy than swap.',
    )
  })
})
