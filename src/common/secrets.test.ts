import { addSecret, addUrlSecrets, clearSecrets, redact } from './secrets'

afterEach(clearSecrets)

describe('secrets', () => {
  it('redacts registered secrets and their URL-encoded forms', () => {
    addSecret('p@ss/word')
    expect(redact('login p@ss/word and p%40ss%2Fword')).toBe('login *** and ***')
  })

  it('ignores values too short to mask safely', () => {
    addSecret('ab')
    expect(redact('about')).toBe('about')
  })

  it('masks the password of a URL and returns a printable URL', () => {
    const shown = addUrlSecrets(
      'postgresql://app:s3cr%40t@db.internal:5432/shop?sslmode=require&sslpassword=keypass',
    )
    expect(shown).toBe('postgresql://app:***@db.internal:5432/shop?sslmode=require&sslpassword=***')
    expect(redact('s3cr@t s3cr%40t keypass')).toBe('*** *** ***')
  })

  it('treats an unparseable URL as a secret as a whole', () => {
    expect(addUrlSecrets('not a url with secret')).toBe('***')
    expect(redact('x not a url with secret y')).toBe('x *** y')
  })
})
