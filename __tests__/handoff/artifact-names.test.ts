import { type Digest, sha256Digest } from '../../src/core/digest.js'
import { imagesKey } from '../../src/core/record.js'
import {
  MaxArtifactNameLength,
  parseRecordArtifactName,
  recordArtifactName,
} from '../../src/handoff/artifact-names.js'

const App = ['ghcr.io/acme/app', 'docker.io/acme/app']
const digest: Digest = `sha256:${'0123456789ab'.repeat(5)}cdef`
const hash = imagesKey(App)
// What @actions/artifact refuses in a name.
const ForbiddenCharacters = /[":<>|*?\r\n\\/]/

describe('imagesHash', () => {
  test.each([
    ['order', ['docker.io/acme/app', 'ghcr.io/acme/app']],
    ['duplicates', ['ghcr.io/acme/app', 'docker.io/acme/app', 'ghcr.io/acme/app']],
    ['registry case and spaces', ['GHCR.io/acme/app ', 'docker.io/acme/app']],
  ])('ignores %s', (_, images) => {
    expect(imagesKey(images)).toBe(hash)
  })

  test.each([
    ['another image', ['ghcr.io/acme/app']],
    ['one more image', [...App, 'quay.io/acme/app']],
  ])('changes with %s', (_, images) => {
    expect(imagesKey(images)).not.toBe(hash)
  })

  test('is 12 hex digits, the same without a key and with an empty one, different for each key', () => {
    expect(hash).toMatch(/^[0-9a-f]{12}$/)
    expect(imagesKey(App, '')).toBe(hash)
    expect(imagesKey(App, 'a')).not.toBe(hash)
    expect(imagesKey(App, 'a')).not.toBe(imagesKey(App, 'b'))
  })

  test('cannot be confused by moving text between the images and the key', () => {
    expect(imagesKey(['ghcr.io/acme/app'], 'x')).not.toBe(imagesKey(['ghcr.io/acme/appx']))
  })
})

describe('recordArtifactName', () => {
  test.each([
    ['linux/amd64', 1, `native-multiarch_${hash}_linux-amd64_attempt-1_0123456789ab`],
    ['linux/arm64/v8', 1, `native-multiarch_${hash}_linux-arm64_attempt-1_0123456789ab`],
    ['linux/arm/v7', 3, `native-multiarch_${hash}_linux-arm-v7_attempt-3_0123456789ab`],
    ['arm64', 12, `native-multiarch_${hash}_linux-arm64_attempt-12_0123456789ab`],
    ['windows/amd64', 1, `native-multiarch_${hash}_windows-amd64_attempt-1_0123456789ab`],
    ['linux/ppc64le', 999999999, `native-multiarch_${hash}_linux-ppc64le_attempt-999999999_0123456789ab`],
  ])('%s, attempt %d', (platform, attempt, expected) => {
    const name = recordArtifactName({ images: App, platform, attempt, digest })
    expect(name).toBe(expected)
    expect(name).not.toMatch(ForbiddenCharacters)
    expect(name.length).toBeLessThanOrEqual(MaxArtifactNameLength)
  })

  test.each([
    ['attempt 0', { attempt: 0 }, /Run attempt 0 cannot be part of an artifact name/],
    ['a negative attempt', { attempt: -1 }, /Run attempt -1 cannot/],
    ['a fractional attempt', { attempt: 1.5 }, /Run attempt 1.5 cannot/],
    ['a huge attempt', { attempt: 1e9 }, /Run attempt 1000000000 cannot/],
    [
      'a variant with a space',
      { platform: 'linux/arm/v7 x' },
      /Platform 'linux\/arm\/v7 x' cannot be part of an artifact name/,
    ],
    ['a variant with a colon', { platform: 'linux/arm/v7:x' }, /Platform 'linux\/arm\/v7:x' cannot/],
    ['a variant with an underscore', { platform: 'linux/arm/v_7' }, /Platform 'linux\/arm\/v_7' cannot/],
    ['a very long variant', { platform: `linux/arm/${'v'.repeat(60)}` }, /at most 64 characters/],
    ['no platform', { platform: 'linux/' }, /is not a platform/],
  ])('refuses %s', (_, fields, error) => {
    expect(() =>
      recordArtifactName({ images: App, platform: 'linux/amd64', attempt: 1, digest, ...fields }),
    ).toThrow(error)
  })

  test('gives distinct names to every leg, attempt, digest, images set and key', () => {
    const names = new Set<string>()
    let count = 0
    for (const images of [App, ['ghcr.io/acme/other']]) {
      for (const key of [undefined, 'first', 'second']) {
        for (const platform of [
          'linux/amd64',
          'linux/arm64',
          'linux/arm/v6',
          'linux/arm/v7',
          'linux/s390x',
        ]) {
          for (const attempt of [1, 2, 10]) {
            for (const build of ['one', 'two']) {
              names.add(
                recordArtifactName({
                  images,
                  key,
                  platform,
                  attempt,
                  digest: sha256Digest(Buffer.from(build)),
                }),
              )
              count++
            }
          }
        }
      }
    }
    expect(names.size).toBe(count)
  })
})

describe('parseRecordArtifactName', () => {
  test('reads back what recordArtifactName wrote', () => {
    const name = recordArtifactName({ images: App, key: 'k', platform: 'linux/arm/v7', attempt: 2, digest })
    expect(parseRecordArtifactName(name)).toEqual({
      imagesHash: imagesKey(App, 'k'),
      platform: 'linux-arm-v7',
      attempt: 2,
      digest: '0123456789ab',
    })
  })

  const good = `native-multiarch_${hash}_linux-amd64_attempt-1_0123456789ab`
  test.each([
    ['the prefix alone', 'native-multiarch'],
    ['a name with more after it', `${good}-logs`],
    ['a name with a file extension', `${good}.zip`],
    ['a name with a trailing newline', `${good}\n`],
    ['a name with a leading space', ` ${good}`],
    ['another prefix', good.replace('native-multiarch', 'native-multiarch2')],
    ['a short hash', good.replace(hash, hash.slice(1))],
    ['an upper-case hash', good.replace(hash, hash.toUpperCase().replace(/^[0-9]/, 'A'))],
    ['a glob in place of the hash', good.replace(hash, '*')],
    ['a missing platform', good.replace('_linux-amd64', '')],
    ['an upper-case platform', good.replace('linux-amd64', 'Linux-amd64')],
    ['a platform with an underscore', good.replace('linux-amd64', 'linux-x86_64')],
    ['attempt 0', good.replace('attempt-1', 'attempt-0')],
    ['a zero-padded attempt', good.replace('attempt-1', 'attempt-01')],
    ['an attempt without its label', good.replace('attempt-1', '1')],
    ['a long digest', `${good}cd`],
    ['a short digest', good.slice(0, -1)],
  ])('refuses %s', (_, name) => {
    expect(parseRecordArtifactName(name)).toBeUndefined()
  })
})
