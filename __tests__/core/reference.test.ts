import {
  formatReference,
  isLoopbackRegistry,
  isValidTag,
  parseReference,
  parseRepository,
} from '../../src/core/reference.js'

const D = `sha256:${'a'.repeat(64)}`

describe('parseReference', () => {
  test.each([
    ['ghcr.io/acme/app', 'ghcr.io', 'acme/app', undefined, undefined],
    ['ghcr.io/acme/app:1.4', 'ghcr.io', 'acme/app', '1.4', undefined],
    [`ghcr.io/acme/app@${D}`, 'ghcr.io', 'acme/app', undefined, D],
    [`ghcr.io/acme/app:1.4@${D}`, 'ghcr.io', 'acme/app', '1.4', D],
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['acme/app:latest', 'docker.io', 'acme/app', 'latest', undefined],
    ['index.docker.io/acme/app', 'docker.io', 'acme/app', undefined, undefined],
    ['localhost:5000/app', 'localhost:5000', 'app', undefined, undefined],
    ['localhost/app', 'localhost', 'app', undefined, undefined],
    ['127.0.0.1:40123/team/app:1.4-arm64', '127.0.0.1:40123', 'team/app', '1.4-arm64', undefined],
    ['[::1]:5000/app', '[::1]:5000', 'app', undefined, undefined],
    ['registry.example.com/a/b/c/d', 'registry.example.com', 'a/b/c/d', undefined, undefined],
    ['ghcr.io/acme/my_app__x.y-z', 'ghcr.io', 'acme/my_app__x.y-z', undefined, undefined],
  ])('%s', (text, registry, path, tag, digest) => {
    const reference = parseReference(text, "Input 'digests'")
    expect(reference.repository).toEqual({ registry, path })
    expect(reference.tag).toBe(tag)
    expect(reference.digest).toBe(digest)
  })

  test.each([
    ['', /it is empty/],
    ['ghcr.io/Acme/app', /path component 'Acme'/],
    ['ghcr.io/acme/app:-bad', /tag '-bad'/],
    ['ghcr.io/acme/app@sha256:abc', /is not a digest/],
    ['ghcr.io/acme//app', /path component ''/],
    ['ghcr.io/acme/app_', /path component 'app_'/],
    [`ghcr.io/${'a'.repeat(260)}`, /longer than 255/],
  ])('rejects %j', (text, why) => {
    expect(() => parseReference(text, "Input 'images'")).toThrow(why)
    expect(() => parseReference(text, "Input 'images'")).toThrow(/^Input 'images': /)
  })

  test('formats back to the canonical text', () => {
    expect(formatReference(parseReference(`nginx:1@${D}`, 'x'))).toBe(`docker.io/library/nginx:1@${D}`)
  })
})

describe('parseRepository', () => {
  test('refuses a tag and says where tags go', () => {
    expect(() => parseRepository('ghcr.io/acme/app:1.4', "Input 'images'")).toThrow(/put tags in 'tags'/)
  })
})

describe('isValidTag', () => {
  test.each([
    ['latest', true],
    ['1.4', true],
    ['v1.4.0-rc.1_build', true],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['.hidden', false],
    ['-x', false],
    ['has space', false],
    ['', false],
  ])('%j -> %s', (tag, valid) => expect(isValidTag(tag)).toBe(valid))
})

describe('isLoopbackRegistry', () => {
  test.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1:5000', true],
    ['127.4.5.6', true],
    ['[::1]:5000', true],
    ['ghcr.io', false],
    ['localhost.example.com', false],
    ['10.0.0.1:5000', false],
  ])('%s -> %s', (host, loopback) => expect(isLoopbackRegistry(host)).toBe(loopback))
})
