/**
 * Container image references, checked against the grammar Docker's reference library uses
 * (distribution/reference): `[registry[:port]/]path[:tag][@algorithm:digest]`. Written by hand
 * because no maintained JavaScript package implements that grammar without pulling in a
 * registry client.
 */

export interface ImageReference {
  registry?: string
  repository: string
  tag?: string
  digest?: string
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?$|^\[[0-9a-fA-F:]+\](?::\d+)?$/
const TAG = /^\w[\w.-]{0,127}$/
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/
const MAX_NAME_LENGTH = 255

/** Parses an image reference, or returns the reason it is malformed (a clause for a sentence). */
export function parseImageReference(text: string): ImageReference | { error: string } {
  if (text === '') return { error: 'it is empty' }
  if (/\s/.test(text)) return { error: 'it contains whitespace' }
  let rest = text
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest))
      return { error: `the digest "${digest}" is not of the form sha256:<64 hex digits>` }
  }
  let tag: string | undefined
  const lastSlash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag))
      return {
        error: `the tag "${tag}" is not valid (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')`,
      }
  }
  return parseName(rest, tag, digest)
}

function parseName(
  name: string,
  tag: string | undefined,
  digest: string | undefined,
): ImageReference | { error: string } {
  if (name === '') return { error: 'it has no repository name' }
  if (name.length > MAX_NAME_LENGTH)
    return { error: `the repository name is longer than ${MAX_NAME_LENGTH} characters` }
  const parts = name.split('/')
  let registry: string | undefined
  if (parts.length > 1 && isRegistry(parts[0])) {
    registry = parts.shift()
    if (!DOMAIN.test(registry as string))
      return { error: `the registry "${registry}" is not a valid host name` }
  }
  for (const part of parts) {
    if (part !== part.toLowerCase()) return { error: 'repository names must be lowercase' }
    if (!COMPONENT.test(part))
      return {
        error: `the path component "${part}" is not valid (lowercase letters, digits and separators . _ __ -)`,
      }
  }
  return { registry, repository: parts.join('/'), tag, digest }
}

/** Docker's rule: the first component is a registry when it has a dot or a port, or is localhost. */
function isRegistry(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()
}

export function isImageError(value: ImageReference | { error: string }): value is { error: string } {
  return 'error' in value
}

/** The part after the repository, for short image diffs: `:1.4.2`, `@sha256:ab12…`. */
export function imageVersion(image: string | undefined): string {
  if (!image) return '(none)'
  const parsed = parseImageReference(image)
  if (isImageError(parsed)) return image
  if (parsed.digest) return `@${parsed.digest.slice(0, 19)}…`
  return `:${parsed.tag ?? 'latest'}`
}
