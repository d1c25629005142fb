import { userErrorOf } from '../common/testing'
import {
  checkKeyPath,
  checkPath,
  checkTag,
  collapse,
  countItems,
  dedupe,
  encodePath,
  isCovered,
  itemKind,
  keysToPaths,
  parseSyncLog,
  splitLines,
} from './paths'

describe('encodePath', () => {
  it.each([
    ['/index.html', '/index.html'],
    ['/docs/a b.html', '/docs/a%20b.html'],
    ['/docs/a%20b.html', '/docs/a%20b.html'],
    ['/café.html', '/caf%C3%A9.html'],
    ['/日本/東京.html', '/%E6%97%A5%E6%9C%AC/%E6%9D%B1%E4%BA%AC.html'],
    ['/emoji-😀.png', '/emoji-%F0%9F%98%80.png'],
    ['/a[1]{2}|^`.html', '/a%5B1%5D%7B2%7D%7C%5E%60.html'],
    ['/q"<>\\.html', '/q%22%3C%3E%5C.html'],
    ['/100%.html', '/100%25.html'],
    ['/50%2.html', '/50%252.html'],
    ['/a#frag.html', '/a%23frag.html'],
    ['/tab\there', '/tab%09here'],
    // Not unsafe by RFC 1738: kept as they are, or CloudFront would not match the cached object.
    ["/a-b_c.d!$&'()+,;=:@.html", "/a-b_c.d!$&'()+,;=:@.html"],
    ['/images/image.jpg?size=large&x=1', '/images/image.jpg?size=large&x=1'],
    ['/assets/*', '/assets/*'],
  ])('%s -> %s', (raw, encoded) => {
    expect(encodePath(raw)).toBe(encoded)
  })
})

describe('checkPath', () => {
  it('encodes and accepts a good path', () => {
    expect(checkPath('  /docs/a b.html ', "Input 'paths'")).toEqual({ path: '/docs/a%20b.html' })
  })

  it('refuses a path without a leading slash, naming it', () => {
    expect(userErrorOf(() => checkPath('images/a.png', "Input 'paths'"))).toBe(
      `Input 'paths' has the path "images/a.png", which does not start with '/'; CloudFront paths are relative to the distribution and begin with a slash, e.g. /index.html or /assets/*.`,
    )
  })

  it('refuses a wildcard before the end', () => {
    expect(userErrorOf(() => checkPath('/a/*.js', "Input 'paths'"))).toMatch(
      /^Input 'paths' has the path "\/a\/\*\.js" with '\*' before its end/,
    )
  })

  it('refuses a path over 4,000 characters once encoded', () => {
    expect(userErrorOf(() => checkPath(`/${'é'.repeat(700)}`, "Input 'paths'"))).toMatch(
      /has a path of 4201 characters once URL-encoded .* at most 4000\.$/,
    )
  })

  it('widens a path with ~ to the wildcard before it, saying so', () => {
    const checked = checkPath('/users/~bob/index.html', "Input 'paths'")
    expect(checked.path).toBe('/users/*')
    expect(checked.note).toMatch(/contains '~'.*invalidating \/users\/\* instead/)
    expect(checkPath('/users/%7Ebob/index.html', "Input 'paths'").path).toBe('/users/*')
    expect(checkPath('/users/%7ebob/', "Input 'paths'").path).toBe('/users/*')
  })
})

describe('checkKeyPath', () => {
  const where = "Input 'sync-log'"
  it('takes a key literally: its % and ? are characters of the name', () => {
    // The key `a%20b.html` is requested as /a%2520b.html; /a%20b.html would be the key `a b.html`.
    expect(checkKeyPath('/a%20b.html', where)).toEqual({ path: '/a%2520b.html' })
    expect(checkKeyPath('/q?x=1.html', where)).toEqual({ path: '/q%3Fx=1.html' })
    expect(checkKeyPath('/docs/a b.html', where)).toEqual({ path: '/docs/a%20b.html' })
  })

  it('takes a * before the end literally, as CloudFront does, and notes one at the end', () => {
    expect(checkKeyPath('/img/a*b.png', where)).toEqual({ path: '/img/a*b.png' })
    const end = checkKeyPath('/notes*', where)
    expect(end.path).toBe('/notes*')
    expect(end.note).toBe(
      `the key of "/notes*" ends in '*', which CloudFront takes as a wildcard: every path that starts with "/notes" is invalidated with it`,
    )
  })

  it('replaces a ~ by the wildcard of what precedes it, the prefix encoded as a key', () => {
    const checked = checkKeyPath('/100%/~bob.html', where)
    expect(checked.path).toBe('/100%25/*')
    expect(checked.note).toMatch(/contains '~'.*invalidating \/100%\/\* instead$/)
  })
})

describe('checkTag', () => {
  it('adds the # and accepts visible ASCII', () => {
    expect(checkTag('product-42', "Input 'tags'")).toBe('#product-42')
    expect(checkTag('#release:7', "Input 'tags'")).toBe('#release:7')
  })

  it.each(['has space', 'a,b', 'é', '', 'x'.repeat(257)])('refuses %j', (tag) => {
    expect(userErrorOf(() => checkTag(tag, "Input 'tags'"))).toMatch(/^Input 'tags' has the tag /)
  })
})

describe('itemKind and countItems', () => {
  it('tells files, wildcards and tags apart', () => {
    expect(['/a', '/a/*', '#t', '/*'].map(itemKind)).toEqual(['file', 'wildcard', 'tag', 'wildcard'])
    expect(countItems(['/a', '/b', '/c/*', '#t'])).toEqual({ files: 2, wildcards: 1, tags: 1 })
  })
})

describe('splitLines', () => {
  it('keeps commas and spaces inside a path, drops blanks and comments', () => {
    expect(splitLines('/a, b.html\r\n\n  # a comment\n /c.html  ')).toEqual(['/a, b.html', '/c.html'])
  })
})

describe('dedupe', () => {
  it('removes duplicates and paths a wildcard of the set covers, keeping its own prefix', () => {
    const out = dedupe(['/a/x.js', '/a/*', '/a/x.js', '/a/', '/a/b/*', '/b.html', '/a*', '#a/*'])
    expect(out.items).toEqual(['/b.html', '/a*', '#a/*'])
    expect(out.duplicates).toBe(1)
    expect(out.covered).toBe(4)
  })

  it('keeps /docs/ beside /docs/*', () => {
    expect(dedupe(['/docs/*', '/docs/']).items).toEqual(['/docs/*', '/docs/'])
  })
})

describe('isCovered', () => {
  it('matches a path itself or under a wildcard, never a tag by prefix', () => {
    expect(isCovered('/a/b.js', ['/a/*'])).toBe(true)
    expect(isCovered('/a/b.js', ['/a/b.js'])).toBe(true)
    expect(isCovered('/b/a.js', ['/a/*'])).toBe(false)
    expect(isCovered('#tag', ['/*'])).toBe(false)
    expect(isCovered('#tag', ['#tag'])).toBe(true)
  })
})

describe('collapse', () => {
  const many = (prefix: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => `${prefix}${i}.js`)

  it('ends at /* when only the root is left, / among the paths (it covers / too)', () => {
    expect(collapse(['/', '/index.html'], 1)).toEqual({ items: ['/*'], wildcards: ['/*'], saved: 1 })
    expect(collapse(['/', '/a/', '/a/*', '/b.js'], 1).items).toEqual(['/*'])
  })

  it('leaves a set at or under the threshold alone', () => {
    const items = many('/a/', 10)
    expect(collapse(items, 10)).toEqual({ items, wildcards: [], saved: 0 })
  })

  it('never collapses with 0', () => {
    expect(collapse(many('/a/', 5000), 0).saved).toBe(0)
  })

  it('picks the directory that alone suffices while covering the fewest paths', () => {
    const items = [...many('/big/', 50), ...many('/small/', 6), '/index.html']
    const out = collapse(items, 52)
    expect(out.wildcards).toEqual(['/small/*'])
    expect(out.items).toHaveLength(52)
    expect(out.saved).toBe(5)
  })

  it('prefers the deeper directory on a tie', () => {
    const out = collapse([...many('/a/b/', 4), '/c.html'], 2)
    expect(out.wildcards).toEqual(['/a/b/*'])
  })

  it('takes the biggest directory first when none suffices alone, then what is left', () => {
    const items = [...many('/assets/', 70), ...many('/docs/', 20), ...many('/blog/', 10)]
    const out = collapse(items, 15)
    expect(out.wildcards.sort()).toEqual(['/assets/*', '/docs/*'])
    expect(out.items).toHaveLength(12)
  })

  it('uses /* only when no directory is left', () => {
    const out = collapse(['/a.html', '/b.html', '/c.html'], 2)
    expect(out.items).toEqual(['/*'])
    expect(out.saved).toBe(2)
  })

  it('drops wildcards a later, wider one covers, and leaves tags alone', () => {
    const items = [...many('/a/b/', 5), ...many('/a/c/', 5), '/a/d.html', '#t1', '#t2']
    const out = collapse(items, 2)
    expect(out.wildcards).toEqual(['/a/*'])
    expect(out.items).toEqual(['/a/*', '#t1', '#t2'])
  })

  it('merges the wildcards it made into their parents until they fit one batch of 15, /* last', () => {
    // 1,000 top-level directories of 10 files: 1,000 wildcards would be 67 batches, one after
    // another; no directory below the root holds two of them, so /* it is.
    const site = Array.from({ length: 1000 }, (_, d) => many(`/d${d}/`, 10)).flat()
    expect(collapse(site, 1000)).toMatchObject({ items: ['/*'], wildcards: ['/*'] })
    // 40 directories under /docs/ and 5 under /blog/: /docs/* takes the 40, the 5 stay as they are.
    const nested = [
      ...Array.from({ length: 40 }, (_, d) => many(`/docs/v${d}/`, 30)).flat(),
      ...Array.from({ length: 5 }, (_, d) => many(`/blog/p${d}/`, 30)).flat(),
    ]
    const out = collapse(nested, 100)
    expect(out.items.filter((i) => i.endsWith('*')).length).toBeLessThanOrEqual(15)
    expect(out.items).toContain('/docs/*')
    expect(out.items).not.toContain('/*')
    expect(nested.filter((p) => !isCovered(p, out.items))).toEqual([])
    // Wildcards the list itself asked for are left as they are.
    const asked = Array.from({ length: 20 }, (_, d) => `/w${d}/*`)
    expect(collapse(asked, 1000).items).toEqual(asked)
  })

  it('never merges the wildcards the list gives, nor covers them with a merged one or /*, when collapsing ran', () => {
    // 20 directories of 10 files collapse into 18 wildcards beside the list's 8 under /api/:
    // 26 in all. The 8 are neither merged into /api/* nor swallowed by /*; the batches queue.
    const site = Array.from({ length: 20 }, (_, d) => many(`/s${d}/`, 10)).flat()
    const api = Array.from({ length: 8 }, (_, v) => `/api/v${v}/*`)
    const out = collapse([...api, ...site], 46)
    expect(out.items).toHaveLength(46)
    expect(out.items).toEqual(expect.arrayContaining(api))
    expect(out.items).not.toContain('/api/*')
    expect(out.items).not.toContain('/*')
    expect(out.wildcards).toHaveLength(18)
    expect(out.wildcards.filter((w) => w.startsWith('/api/'))).toEqual([])
    expect([...api, ...site].filter((p) => !isCovered(p, out.items))).toEqual([])
    // 20 of the list's own fill a batch and leave 10 in the next: the collapsed ones stay as
    // they are too, never /*, whatever room they need.
    const given = Array.from({ length: 20 }, (_, d) => `/w${d}/*`)
    const wide = collapse([...given, ...site], 58)
    expect(wide.items).toEqual(expect.arrayContaining(given))
    expect(wide.items).not.toContain('/*')
    expect(wide.wildcards).toHaveLength(18)
    // Without wildcards of its own, the same list's collapsed ones are merged into /*, as before.
    expect(collapse(site, 38).items).toEqual(['/*'])
  })

  it('covers every input path, whatever the threshold', () => {
    const items = [
      ...many('/x/y/', 30),
      ...many('/x/z/', 7),
      ...many('/w/', 3),
      '/w/',
      '/top.html',
      '/q?x=/a/b',
    ]
    for (const max of [1, 2, 5, 10, 20, 40]) {
      const out = collapse(items, max)
      expect(out.items.length).toBeLessThanOrEqual(Math.max(max, 2))
      expect(items.filter((p) => !isCovered(p, out.items))).toEqual([])
    }
  })
})

describe('parseSyncLog', () => {
  it('reads uploads, copies, moves and deletes, also of a dry run, each key once', () => {
    const log = [
      'upload: ./dist/index.html to s3://site/index.html',
      '(dryrun) upload: dist/a to b.html to s3://site/a to b.html',
      'copy: s3://build/x.css to s3://site/css/x.css',
      'move: s3://build/y.css to s3://site/css/y.css',
      'delete: s3://site/old.html',
      'upload: ./dist/index.html to s3://site/index.html',
      'upload failed: ./x to s3://site/x An error occurred (AccessDenied)',
      'Completed 1 of 2 part(s)\rdownload: s3://site/z to ./z',
      'warning: Skipping file /tmp/link. File does not exist.',
    ].join('\n')
    expect(parseSyncLog(log)).toEqual({
      keys: ['index.html', 'a to b.html', 'css/x.css', 'css/y.css', 'old.html'],
      buckets: ['site'],
      failed: 1,
    })
  })
})

describe('keysToPaths', () => {
  it('maps keys under the origin path to URL paths, adding / for the default root object', () => {
    expect(
      keysToPaths(['site/index.html', 'site/a/b.js', 'other/c.js', 'sitemap.xml'], '/site', 'index.html'),
    ).toEqual({
      paths: ['/index.html', '/', '/a/b.js'],
      outside: ['other/c.js', 'sitemap.xml'],
    })
  })

  it('maps every key without an origin path, and adds nothing without a default root object', () => {
    expect(keysToPaths(['index.html', 'a b.html'], '', '')).toEqual({
      paths: ['/index.html', '/a b.html'],
      outside: [],
    })
  })

  it('adds / for a subfolder index.html only when it is the root one', () => {
    expect(keysToPaths(['docs/index.html'], '', 'index.html').paths).toEqual(['/docs/index.html'])
  })
})
