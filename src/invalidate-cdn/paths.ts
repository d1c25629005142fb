import { UserError } from '../common/errors'

/**
 * Invalidation paths: checking, percent-encoding, de-duplication, the paths an `aws s3 sync` log
 * names, and collapsing a large set into prefix wildcards. Pure functions, no I/O.
 *
 * Source for every rule here: CloudFront Developer Guide, "What you need to know when
 * invalidating files" / "Invalidation paths"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/invalidation-specifying-objects.html)
 * and the CreateInvalidation API reference (InvalidationBatch.Paths):
 * - a path begins with `/` and is at most 4,000 characters; it is case sensitive and may carry a
 *   query string (`/images/image.jpg?size=large`);
 * - the `*` wildcard is accepted only as the last character ("Asterisks (*) inserted anywhere
 *   else are treated as a literal character"; this action refuses them there, as they are
 *   almost always a mistake);
 * - "If the path includes non-ASCII characters or unsafe characters as defined in RFC 1738,
 *   URL-encode those characters. Do not URL-encode any other characters in the path, or
 *   CloudFront will not invalidate the old version of the updated file." RFC 1738 section 2.2:
 *   the unsafe characters are space, `<`, `>`, `"`, `#`, `%`, `{`, `}`, `|`, `\`, `^`, `~`, `[`,
 *   `]` and `` ` ``; control characters (00-1F, 7F) are never used unencoded;
 * - "Don't use the ~ character in your path. CloudFront doesn't support this character for
 *   invalidations, whether it's URL-encoded or not": a path with `~` is replaced by the wildcard
 *   of what precedes the `~`, which CloudFront accepts and which covers it.
 * - cache tags ("What you need to know when invalidating tags"): `#` then ASCII 33-126 without
 *   a comma, at most 256 characters, no wildcard.
 */

export const MAX_PATH_LENGTH = 4000
export const MAX_TAG_LENGTH = 256

export type ItemKind = 'file' | 'wildcard' | 'tag'

export function itemKind(item: string): ItemKind {
  if (item.startsWith('#')) return 'tag'
  return item.endsWith('*') ? 'wildcard' : 'file'
}

export interface ItemCounts {
  files: number
  wildcards: number
  tags: number
}

export function countItems(items: readonly string[]): ItemCounts {
  const out = { files: 0, wildcards: 0, tags: 0 }
  for (const item of items) {
    const kind = itemKind(item)
    if (kind === 'tag') out.tags += 1
    else if (kind === 'wildcard') out.wildcards += 1
    else out.files += 1
  }
  return out
}

/** RFC 1738's unsafe characters other than `%` (handled apart) and `~` (CloudFront refuses it). */
const UNSAFE = new Set([' ', '<', '>', '"', '#', '{', '}', '|', '\\', '^', '[', ']', '`'])

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`

/**
 * Percent-encodes what CloudFront asks to be encoded (non-ASCII, RFC 1738 unsafe, control
 * characters) and nothing else. A `%` that already starts an escape (`%20`) is kept, so a path
 * given encoded and the same path given raw end up identical; a lone `%` becomes `%25`.
 */
export function encodePath(path: string): string {
  let out = ''
  const chars = [...path]
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    const code = ch.codePointAt(0) as number
    if (ch === '%') {
      out += /^[0-9A-Fa-f]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')) ? '%' : '%25'
    } else if (code > 0x7e || code < 0x20 || UNSAFE.has(ch)) {
      for (const byte of Buffer.from(ch, 'utf8')) out += hex(byte)
    } else {
      out += ch
    }
  }
  return out
}

export interface CheckedPath {
  path: string
  /** Set when the path was changed to a wildcard because CloudFront does not take it as it is. */
  note?: string
}

/**
 * One invalidation path as the user wrote it (in `paths`, `paths-file`) or as a sync log names
 * it: checked, then encoded. `where` names the input for the error sentence.
 */
export function checkPath(raw: string, where: string): CheckedPath {
  const text = raw.trim()
  if (!text.startsWith('/'))
    throw new UserError(
      `${where} has the path ${quote(text)}, which does not start with '/'; CloudFront paths are relative to the distribution and begin with a slash, e.g. /index.html or /assets/*.`,
    )
  const star = text.indexOf('*')
  if (star >= 0 && star !== text.length - 1)
    throw new UserError(
      `${where} has the path ${quote(text)} with '*' before its end; CloudFront takes the '*' wildcard only as the last character (e.g. /assets/*).`,
    )
  const tilde = text.search(/~|%7e/i)
  if (tilde >= 0) return encoded(`${text.slice(0, tilde)}*`, text, where, tildeNote(text, tilde))
  return encoded(text, text, where)
}

/**
 * The invalidation path of the URL path of an S3 key (from a sync log). A key is a literal name,
 * not a path someone wrote, so: a `%` in it is a character of the name and is encoded (`%2520`
 * for the key `a%20b`, which a viewer requests as `/a%2520b`), and so is a `?` (a viewer's URL
 * carries it as `%3F`, where a bare one would start a query string). A `*` before the end is
 * taken literally, as CloudFront takes it; a `*` at the end can only be the wildcard, which
 * covers the key and more (noted); a `~` is replaced as in `checkPath`.
 */
export function checkKeyPath(urlPath: string, where: string): CheckedPath {
  const literal = (text: string): string => text.replace(/%/g, '%25').replace(/\?/g, '%3F')
  const tilde = urlPath.indexOf('~')
  if (tilde >= 0)
    return encoded(`${literal(urlPath.slice(0, tilde))}*`, urlPath, where, tildeNote(urlPath, tilde))
  const note = urlPath.endsWith('*')
    ? `the key of ${quote(urlPath)} ends in '*', which CloudFront takes as a wildcard: every path that starts with ${quote(urlPath.slice(0, -1))} is invalidated with it`
    : undefined
  return encoded(literal(urlPath), urlPath, where, note)
}

const tildeNote = (text: string, tilde: number): string =>
  `${quote(text)} contains '~', which CloudFront does not accept in invalidation paths (encoded or not); invalidating ${text.slice(0, tilde)}* instead`

/** `path` encoded and checked against CloudFront's length limit; `text` is what was given, for the sentence. */
function encoded(path: string, text: string, where: string, note?: string): CheckedPath {
  const out = encodePath(path)
  if ([...out].length > MAX_PATH_LENGTH)
    throw new UserError(
      `${where} has a path of ${[...out].length} characters once URL-encoded (${quote(text)}); CloudFront takes paths of at most ${MAX_PATH_LENGTH}.`,
    )
  return note ? { path: out, note } : { path: out }
}

/** A cache tag, with or without its leading `#`; returns the `#tag` item CloudFront takes. */
export function checkTag(raw: string, where: string): string {
  const tag = raw.trim().replace(/^#/, '')
  if (!/^[\x21-\x2b\x2d-\x7e]+$/.test(tag) || tag.length > MAX_TAG_LENGTH)
    throw new UserError(
      `${where} has the tag ${quote(raw.trim())}; a cache tag is 1 to ${MAX_TAG_LENGTH} visible ASCII characters without spaces or commas (e.g. product-42).`,
    )
  return `#${tag}`
}

/** Splits a list of paths written one a line (paths may hold commas and spaces); blank lines and `#` comments are dropped. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** What an `aws s3 sync` log says changed: the keys uploaded, copied to or deleted from `bucket`. */
export interface SyncChanges {
  /** Keys (as printed, not encoded) in the order the log names them, each once. */
  keys: string[]
  /** Buckets the keys belong to. */
  buckets: string[]
  /** Lines that name a failed transfer (`upload failed:`): those objects did not change. */
  failed: number
}

/**
 * Reads the output of `aws s3 sync` (also with `--dryrun` and `--delete`): `upload: <src> to
 * s3://b/k`, `copy: s3://x/y to s3://b/k`, `move: ...`, `delete: s3://b/k`. Progress lines
 * (`Completed 1.2 MiB/...`, separated by carriage returns) and anything else are ignored.
 * Hand-written: no library parses this log, which is the CLI's human-readable output.
 */
export function parseSyncLog(text: string): SyncChanges {
  const keys: string[] = []
  const seen = new Set<string>()
  const buckets = new Set<string>()
  let failed = 0
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/^\(dryrun\) /, '').trimEnd()
    if (/^(upload|copy|move|delete) failed:/.test(line)) {
      failed += 1
      continue
    }
    let target: string | undefined
    const transfer = /^(?:upload|copy|move): .* to (s3:\/\/.+)$/.exec(line)
    if (transfer) target = transfer[1]
    const deletion = /^delete: (s3:\/\/.+)$/.exec(line)
    if (deletion) target = deletion[1]
    if (target === undefined) continue
    // The last ` to s3://` separates source and target: a local source path may itself contain ` to `.
    const at = target.lastIndexOf(' to s3://')
    if (transfer && at >= 0) target = target.slice(at + 4)
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(target)
    if (!match) continue
    buckets.add(match[1])
    if (!seen.has(match[2])) {
      seen.add(match[2])
      keys.push(match[2])
    }
  }
  return { keys, buckets: [...buckets], failed }
}

/**
 * The URL paths of S3 keys behind a distribution whose origin has `originPath` (`/site`, or ''):
 * `site/docs/a b.html` -> `/docs/a b.html` (not yet encoded). Keys outside the origin path are
 * not served by the distribution and are returned apart. When the default root object (e.g.
 * `index.html`) changed, `/` is added, since CloudFront serves it there too (Developer Guide,
 * "Specify a default root object": invalidate `/` as well as `/index.html`).
 */
export function keysToPaths(
  keys: readonly string[],
  originPath: string,
  defaultRootObject: string,
): { paths: string[]; outside: string[] } {
  const prefix = originPath.replace(/^\/+/, '').replace(/\/+$/, '')
  const paths: string[] = []
  const outside: string[] = []
  for (const key of keys) {
    if (prefix !== '' && !key.startsWith(`${prefix}/`)) {
      outside.push(key)
      continue
    }
    const path = `/${prefix === '' ? key : key.slice(prefix.length + 1)}`
    paths.push(path)
    if (defaultRootObject !== '' && path === `/${defaultRootObject}`) paths.push('/')
  }
  return { paths, outside }
}

/**
 * Removes duplicates and every path a wildcard of the same set already covers (`/assets/a.js`
 * under `/assets/*`, and `/assets/img/*` too). A wildcard's own prefix (`/assets/` for
 * `/assets/*`) is kept: it costs one path, and keeping it never misses an invalidation.
 */
export function dedupe(items: readonly string[]): { items: string[]; duplicates: number; covered: number } {
  const unique = [...new Set(items)]
  const prefixes = new Set(unique.filter((i) => itemKind(i) === 'wildcard').map((w) => w.slice(0, -1)))
  const kept = unique.filter((item) => itemKind(item) === 'tag' || !coveredBy(item, prefixes))
  return {
    items: kept,
    duplicates: items.length - unique.length,
    covered: unique.length - kept.length,
  }
}

/** Whether a wildcard of the set covers the item and is not the item itself (`/a/b` and `/a/b/*` under `/a/*`). */
function coveredBy(item: string, prefixes: ReadonlySet<string>): boolean {
  for (let end = 1; end < item.length; end++) {
    const prefix = item.slice(0, end)
    if (prefixes.has(prefix) && item !== `${prefix}*`) return true
  }
  return false
}

/** Whether `path` is invalidated by the items: listed itself, or under one of the wildcards. */
export function isCovered(path: string, items: readonly string[]): boolean {
  return coverage(items)(path)
}

/** A test of coverage by a fixed set of items, fast for many paths (a set, and the few wildcard prefixes). */
export function coverage(items: readonly string[]): (path: string) => boolean {
  const exact = new Set(items)
  const prefixes = items.filter((i) => itemKind(i) === 'wildcard').map((w) => w.slice(0, -1))
  return (path) => exact.has(path) || (itemKind(path) !== 'tag' && prefixes.some((p) => path.startsWith(p)))
}

export interface Collapsed {
  items: string[]
  /** The wildcards collapsing introduced. */
  wildcards: string[]
  /** Paths saved: items before minus items after. */
  saved: number
}

/**
 * Collapses a set of paths into at most `maxPaths` by replacing every path under a directory
 * with that directory's wildcard (`/assets/*`). Each step picks, among the directories below the
 * root, the one whose wildcard alone brings the set under the threshold while covering the
 * fewest paths (ties: the deeper one); when no single directory does, the one that saves most;
 * the root's `/*` only when nothing else is left. So the result uses few wildcards, each as deep
 * as it can be, and invalidates little that did not change.
 *
 * Written here because no library collapses URL paths into CloudFront wildcards. Tags are left
 * alone (they cannot be collapsed); `maxPaths` 0 never collapses.
 */
export function collapse(items: readonly string[], maxPaths: number): Collapsed {
  const tags = items.filter((i) => itemKind(i) === 'tag')
  let paths = items.filter((i) => itemKind(i) !== 'tag')
  const before = paths.length
  const introduced = new Set<string>()
  while (maxPaths > 0 && paths.length > maxPaths) {
    const need = paths.length - maxPaths
    const counts = new Map<string, number>()
    for (const path of paths)
      for (const dir of directoriesOf(path)) counts.set(dir, (counts.get(dir) ?? 0) + 1)
    const candidates = [...counts].filter(([dir, n]) => dir !== '/' && n >= 2)
    let chosen: string
    const enough = candidates.filter(([, n]) => n - 1 >= need)
    if (enough.length > 0) chosen = best(enough, (a, b) => a[1] - b[1] || b[0].length - a[0].length)
    else if (candidates.length > 0)
      chosen = best(candidates, (a, b) => b[1] - a[1] || b[0].length - a[0].length)
    else chosen = '/'
    const wildcard = `${chosen}*`
    const next = [...paths.filter((p) => p === chosen || !p.startsWith(chosen)), wildcard]
    if (chosen === '/' || next.length >= paths.length) {
      // Only the root's /* is left, and it covers every path, / itself included: without this,
      // a list holding / (or a directory and its own wildcard) would stay as long forever.
      paths = ['/*']
      introduced.clear()
      introduced.add('/*')
      break
    }
    paths = next
    for (const w of [...introduced]) if (w !== chosen && w.startsWith(chosen)) introduced.delete(w)
    introduced.add(wildcard)
  }
  // A distribution holds at most 15 wildcards in progress, so each 15 more wait for the ones
  // before to complete (minutes each): the wildcards collapsing made are merged into their
  // parents' until they fit the room the list's own wildcards leave in their last batch (a whole
  // batch when the list gives none or fills its batches), the root's /* last. A few more paths
  // invalidated beat a run that queues for half an hour. Wildcards given in the list are never
  // merged, nor covered by a merged one (nor by /*): they are invalidated as they were asked
  // for, and when they and the ones collapsing made exceed the room, the batches queue one after
  // another, as the plan says. (The loop above, which keeps the list under maxPaths, counts them
  // as paths of their directories.)
  const given = paths.filter((p) => itemKind(p) === 'wildcard' && !introduced.has(p))
  const room = WILDCARDS_PER_BATCH - (given.length % WILDCARDS_PER_BATCH)
  while (introduced.size > room) {
    const counts = new Map<string, number>()
    for (const wildcard of introduced)
      for (const dir of directoriesOf(wildcard)) counts.set(dir, (counts.get(dir) ?? 0) + 1)
    const candidates = [...counts].filter(
      ([dir, n]) => dir !== '/' && n >= 2 && !given.some((g) => g.startsWith(dir)),
    )
    if (candidates.length === 0) {
      if (given.length > 0) break
      paths = ['/*']
      introduced.clear()
      introduced.add('/*')
      break
    }
    // The parent that merges the most wildcards (ties: the deeper one).
    const chosen = best(candidates, (a, b) => b[1] - a[1] || b[0].length - a[0].length)
    paths = [...paths.filter((p) => p === chosen || !p.startsWith(chosen)), `${chosen}*`]
    for (const w of [...introduced]) if (w.startsWith(chosen)) introduced.delete(w)
    introduced.add(`${chosen}*`)
  }
  return { items: [...paths, ...tags], wildcards: [...introduced], saved: before - paths.length }
}

/** CloudFront's wildcards in progress per distribution ("Concurrent invalidation request maximum"). */
const WILDCARDS_PER_BATCH = 15

function best(
  entries: Array<[string, number]>,
  order: (a: [string, number], b: [string, number]) => number,
): string {
  return [...entries].sort((a, b) => order(a, b) || a[0].localeCompare(b[0]))[0][0]
}

/**
 * The directory prefixes a path is under, root first: `/a/b/c.html` -> `/`, `/a/`, `/a/b/`; the
 * wildcard `/a/b/*` is under the same three (its own directory's wildcard is itself). A file path
 * is not under its own prefix (`/docs/` is not under `/docs/`), as `dedupe` keeps it apart.
 */
function directoriesOf(path: string): string[] {
  const wildcard = path.endsWith('*')
  const body = wildcard ? path.slice(0, -1) : path
  const query = body.indexOf('?')
  const plain = query >= 0 ? body.slice(0, query) : body
  const out: string[] = []
  for (let i = 0; i < plain.length; i++) if (plain[i] === '/') out.push(plain.slice(0, i + 1))
  if (!wildcard && query < 0 && plain.endsWith('/')) out.pop()
  return out
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)
}
