import { jest } from '@jest/globals'
import { UserError } from './errors'
import { setInput, userErrorOf } from './testing'
import {
  describeJsonError,
  exclusive,
  getBooleanInput,
  getDurationInput,
  getIntInput,
  getListInput,
  getRequiredInput,
  getSecretInput,
  parseBoolean,
  parseDuration,
  parseEnum,
  parseInteger,
  parseJson,
  parseKeyValues,
  getS3UriInput,
  parseBucketName,
  parseList,
  parseS3Uri,
} from './inputs'

describe('required and optional inputs', () => {
  it('reads a required input through INPUT_<NAME>, hyphens kept', () => {
    setInput('task-definition', '  web:42 ')
    expect(getRequiredInput('task-definition')).toBe('web:42')
  })

  it('names the missing input', () => {
    expect(userErrorOf(() => getRequiredInput('cluster'))).toBe(
      "Input 'cluster' is required but was not provided.",
    )
  })
})

describe('secret inputs', () => {
  it('masks the value and each of its lines before returning it', () => {
    const writes: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk))
      return true
    })
    try {
      setInput('token', 'line-one\nline-two')
      expect(getSecretInput('token')).toBe('line-one\nline-two')
    } finally {
      spy.mockRestore()
    }
    expect(writes.join('')).toContain('::add-mask::line-one')
    expect(writes.join('')).toContain('::add-mask::line-two')
  })
})

describe('booleans', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('reads %s as GitHub does', (text, value) => {
    expect(parseBoolean('wait', text, !value)).toBe(value)
  })

  it('uses the default when empty and rejects anything else', () => {
    expect(getBooleanInput('rollback', true)).toBe(true)
    expect(userErrorOf(() => parseBoolean('rollback', 'yes', true))).toBe(
      `Input 'rollback' must be a boolean (true or false), got "yes".`,
    )
  })
})

describe('integers', () => {
  it('parses whole numbers within a range', () => {
    expect(parseInteger('jobs', '4', { min: 1, max: 64 })).toBe(4)
    expect(parseInteger('offset', '-3')).toBe(-3)
  })

  it.each(['abc', '1.5', '10x', '', ' 2', '0x10'])('rejects %j rather than guessing', (text) => {
    expect(userErrorOf(() => parseInteger('jobs', text, { min: 1 }))).toMatch(
      /^Input 'jobs' must be a whole number of at least 1, got/,
    )
  })

  it('names the range when out of it', () => {
    expect(userErrorOf(() => parseInteger('jobs', '0', { min: 1, max: 64 }))).toBe(
      "Input 'jobs' must be a whole number from 1 to 64, got 0.",
    )
  })

  it('falls back to the default only when the input is empty', () => {
    expect(getIntInput('max-attempts', { min: 1, default: 8 })).toBe(8)
    setInput('max-attempts', 'eight')
    expect(() => getIntInput('max-attempts', { min: 1, default: 8 })).toThrow(UserError)
  })
})

describe('durations', () => {
  it.each([
    ['15m', 900_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['2d', 172_800_000],
    ['45', 45_000],
    ['1.5m', 90_000],
  ])('parses %s', (text, ms) => {
    expect(parseDuration('timeout', text)).toBe(ms)
  })

  it.each(['15 minutes', 'm15', '-5m', '15mm', 'soon'])('rejects %j with the accepted forms', (text) => {
    expect(userErrorOf(() => parseDuration('timeout', text))).toMatch(
      /^Input 'timeout' must be a duration such as 90s, 15m, 1h30m or 500ms \(a bare number means seconds\); got/,
    )
  })

  it('enforces limits and reads the default', () => {
    expect(userErrorOf(() => parseDuration('timeout', '10s', { min: 60_000 }))).toBe(
      `Input 'timeout' must be at least 1m; got "10s".`,
    )
    expect(getDurationInput('timeout', '15m')).toBe(900_000)
  })
})

describe('enums', () => {
  it('accepts a listed value and lists them when not', () => {
    expect(parseEnum('wait-for', 'healthy', ['stable', 'healthy'] as const)).toBe('healthy')
    expect(userErrorOf(() => parseEnum('wait-for', 'ready', ['stable', 'healthy']))).toBe(
      `Input 'wait-for' must be one of stable, healthy; got "ready".`,
    )
  })
})

describe('lists', () => {
  it('splits on newlines and commas and drops blanks', () => {
    expect(parseList('api, worker\n\n  cron \n')).toEqual(['api', 'worker', 'cron'])
    setInput('services', 'a\nb')
    expect(getListInput('services')).toEqual(['a', 'b'])
    expect(getListInput('regions')).toEqual([])
  })
})

describe('KEY=VALUE lines', () => {
  it('keeps = inside values and skips comments', () => {
    expect(parseKeyValues('environment', 'web.URL=https://x/?a=b\n# note\nweb.MODE = live')).toEqual([
      ['web.URL', 'https://x/?a=b'],
      ['web.MODE', 'live'],
    ])
  })

  it('accepts a comma separated single line', () => {
    expect(parseKeyValues('tags', 'team=core,env=prod')).toEqual([
      ['team', 'core'],
      ['env', 'prod'],
    ])
  })

  it('rejects lines without a key, bad keys and duplicates', () => {
    expect(userErrorOf(() => parseKeyValues('environment', 'novalue'))).toBe(
      `Input 'environment' must hold KEY=VALUE lines; "novalue" has no key before '='.`,
    )
    expect(
      userErrorOf(() =>
        parseKeyValues('tags', 'bad key=1', { keyPattern: /^\w+$/, keyDescription: 'letters, digits and _' }),
      ),
    ).toBe(`Input 'tags' has an invalid key "bad key"; keys must be letters, digits and _.`)
    expect(userErrorOf(() => parseKeyValues('tags', 'a=1\na=2'))).toBe(
      `Input 'tags' sets "a" more than once.`,
    )
  })
})

describe('JSON', () => {
  it('parses valid JSON', () => {
    expect(parseJson('overrides', '{"a":[1,2]}')).toEqual({ a: [1, 2] })
  })

  it('names line and column of a syntax error', () => {
    const text = '{\n  "family": "web",\n  "cpu": 256,\n}'
    expect(userErrorOf(() => parseJson('task-definition', text))).toMatch(
      /^Input 'task-definition' is not valid JSON: line 4, column 1: /,
    )
  })

  it('describes truncated JSON', () => {
    let error: unknown
    try {
      JSON.parse('{"a": [1,')
    } catch (e) {
      error = e
    }
    expect(describeJsonError('{"a": [1,', error)).toMatch(/^line 1, column 10/)
  })
})

describe('exclusive inputs', () => {
  it('allows one and refuses two', () => {
    expect(() => exclusive({ image: 'x', 'task-definition': undefined })).not.toThrow()
    expect(userErrorOf(() => exclusive({ image: 'x', 'task-definition': 'web:3' }))).toBe(
      "Inputs 'image' and 'task-definition' cannot be used together; set at most one of them.",
    )
  })
})

describe('S3 locations', () => {
  it('parses object and prefix URIs', () => {
    expect(parseS3Uri('s3-uri', 's3://my-backups/prod/app.dump')).toEqual({
      uri: 's3://my-backups/prod/app.dump',
      bucket: 'my-backups',
      key: 'prod/app.dump',
    })
    expect(parseS3Uri('output', 's3://logs', { kind: 'prefix' })).toEqual({
      uri: 's3://logs',
      bucket: 'logs',
      key: '',
    })
    expect(parseS3Uri('output', 's3://logs/ssm/', { kind: 'prefix' }).key).toBe('ssm/')
  })

  it.each([
    ['s3://my-backups/', 'no key'],
    ['s3://my-backups/prod/', 'a folder, not an object'],
    ['s3://My_Backups/app.dump', 'not a bucket name'],
    ['https://my-backups.s3.amazonaws.com/app.dump', 'not an s3:// URI'],
    ['s3://a..b/app.dump', 'two dots in a row'],
  ])('refuses %s (%s) in one sentence naming the input and an example', (value) => {
    expect(userErrorOf(() => parseS3Uri('s3-uri', value, { example: 's3://my-backups/prod/app.dump' }))).toBe(
      `Input 's3-uri' must be an object URI such as s3://my-backups/prod/app.dump, got ${JSON.stringify(value)}.`,
    )
  })

  it('reads an optional URI input', () => {
    expect(getS3UriInput('s3-uri')).toBeUndefined()
    setInput('s3-uri', 's3://bk1/k')
    expect(getS3UriInput('s3-uri')?.key).toBe('k')
  })

  it('checks bucket names by S3 rules', () => {
    expect(parseBucketName('bucket', 'releases.acme-1')).toBe('releases.acme-1')
    expect(userErrorOf(() => parseBucketName('bucket', 'Releases'))).toBe(
      `Input 'bucket' must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens), got "Releases".`,
    )
    expect(() => parseBucketName('bucket', 'ab')).toThrow(UserError)
  })
})

describe('JSON errors V8 gives no position for', () => {
  it('are placed by line and column, with the offending line quoted', () => {
    const text = '{\n  "family": "web",\n  "containerDefinitions": [\n    { "name": "x" },\n  ]\n}\n'
    let error: unknown
    try {
      JSON.parse(text)
    } catch (e) {
      error = e
    }
    expect(describeJsonError(text, error)).toBe(`line 5, column 3: Unexpected token ']' in "]"`)
  })
})
