import { imageVersion, isImageError, parseImageReference } from './image'

describe('image references', () => {
  it.each([
    ['nginx', { repository: 'nginx' }],
    ['nginx:1.27', { repository: 'nginx', tag: '1.27' }],
    ['library/nginx:latest', { repository: 'library/nginx', tag: 'latest' }],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2',
      { registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com', repository: 'web', tag: '1.4.2' },
    ],
    ['localhost:5000/team/api:v2', { registry: 'localhost:5000', repository: 'team/api', tag: 'v2' }],
    [
      'ghcr.io/acme/web-api__x@sha256:' + 'a'.repeat(64),
      { registry: 'ghcr.io', repository: 'acme/web-api__x', digest: 'sha256:' + 'a'.repeat(64) },
    ],
    [
      'public.ecr.aws/acme/web:1.0@sha256:' + 'b'.repeat(64),
      { registry: 'public.ecr.aws', repository: 'acme/web', tag: '1.0' },
    ],
  ])('accepts %s', (text, expected) => {
    expect(parseImageReference(text)).toMatchObject(expected)
  })

  it.each([
    ['', 'it is empty'],
    ['acme/web: 1.0', 'it contains whitespace'],
    ['acme/Web:1.0', 'repository names must be lowercase'],
    ['acme/web:', 'the tag "" is not valid'],
    ['acme/web:-bad', 'the tag "-bad" is not valid'],
    ['acme/web@sha256:123', 'the digest "sha256:123" is not of the form'],
    ['acme//web', 'the path component "" is not valid'],
    ['acme/web-:1', 'the path component "web-" is not valid'],
    [':1.0', 'it has no repository name'],
    ['-host.io/web', 'the registry "-host.io" is not a valid host name'],
  ])('rejects %j saying %s', (text, reason) => {
    const parsed = parseImageReference(text)
    expect(isImageError(parsed) && parsed.error).toContain(reason)
  })

  it('shortens an image to its version for diffs', () => {
    expect(imageVersion('acme/web:1.2')).toBe(':1.2')
    expect(imageVersion('acme/web')).toBe(':latest')
    expect(imageVersion('acme/web@sha256:' + 'c'.repeat(64))).toBe('@sha256:cccccccccccc…')
    expect(imageVersion(undefined)).toBe('(none)')
  })
})
