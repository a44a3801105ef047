import { checkPlatforms, composeIndex, distinctChildren, flattenIndex } from '../../src/core/compose.js'
import { sha256Digest } from '../../src/core/digest.js'
import { MediaType } from '../../src/core/media-types.js'
import { formatPlatform } from '../../src/core/platform.js'
import { attestation, digestOf, image, platformOf, source } from './fixtures.js'

describe('composeIndex', () => {
  test('is deterministic: same sources in any order give the same bytes', () => {
    const a = [source('a', 'linux/amd64'), source('b', 'linux/arm64'), source('c', 'linux/arm/v7')]
    const first = composeIndex(a, {})
    const second = composeIndex([...a].reverse(), {})
    expect(second.bytes.equals(first.bytes)).toBe(true)
    expect(sha256Digest(second.bytes)).toBe(sha256Digest(first.bytes))
  })

  test('orders images by platform, then attestations, and normalizes platforms', () => {
    const index = composeIndex(
      [source('b', 'linux/arm64/v8', { attestation: 'e' }), source('a', 'linux/amd64', { attestation: 'f' })],
      {},
    )
    const parsed = JSON.parse(index.bytes.toString())
    expect(parsed.schemaVersion).toBe(2)
    expect(parsed.manifests.map((m: { digest: string }) => m.digest)).toEqual([
      digestOf('a'),
      digestOf('b'),
      digestOf('f'),
      digestOf('e'),
    ])
    expect(parsed.manifests[1].platform).toEqual({ architecture: 'arm64', os: 'linux' })
    expect(parsed.manifests[2].platform).toEqual({ architecture: 'unknown', os: 'unknown' })
    expect(parsed.manifests[2].annotations['vnd.docker.reference.digest']).toBe(digestOf('a'))
  })

  test('is a Docker manifest list only when every child is Docker and nothing is annotated', () => {
    const docker = [
      source('a', 'linux/amd64', { mediaType: MediaType.DockerManifest }),
      source('b', 'linux/arm64', { mediaType: MediaType.DockerManifest }),
    ]
    expect(composeIndex(docker, {}).mediaType).toBe(MediaType.DockerManifestList)
    expect(JSON.parse(composeIndex(docker, {}).bytes.toString()).mediaType).toBe(MediaType.DockerManifestList)
    expect(composeIndex(docker, { 'org.opencontainers.image.description': 'x' }).mediaType).toBe(
      MediaType.OciIndex,
    )
    expect(composeIndex([...docker.slice(0, 1), source('c', 'linux/arm64')], {}).mediaType).toBe(
      MediaType.OciIndex,
    )
    const attested = [source('a', 'linux/amd64', { mediaType: MediaType.DockerManifest, attestation: 'e' })]
    expect(composeIndex(attested, {}).mediaType).toBe(MediaType.OciIndex)
  })

  test('puts annotations on the index, sorted', () => {
    const index = composeIndex([source('a', 'linux/amd64')], { 'z.key': '2', 'a.key': '1' })
    const parsed = JSON.parse(index.bytes.toString())
    expect(Object.keys(parsed.annotations)).toEqual(['a.key', 'z.key'])
    expect(parsed.annotations['z.key']).toBe('2')
    expect(index.annotations).toEqual({ 'a.key': '1', 'z.key': '2' })
  })

  test('lists an image once when two sources name the same digest', () => {
    const index = composeIndex(
      [source('a', 'linux/amd64'), source('a', 'linux/amd64', { origin: 'digests' })],
      {},
    )
    expect(index.manifests).toHaveLength(1)
  })
})

describe('checkPlatforms', () => {
  const sources = [source('a', 'linux/amd64'), source('b', 'linux/arm64')]

  test('accepts exactly the required platforms, in any notation', () => {
    expect(() =>
      checkPlatforms(sources, [platformOf('linux/arm64/v8'), platformOf('linux/amd64')]),
    ).not.toThrow()
    expect(() => checkPlatforms(sources, undefined)).not.toThrow()
  })

  test('names a missing platform and publishes nothing', () => {
    expect(() =>
      checkPlatforms(sources, [
        platformOf('linux/amd64'),
        platformOf('linux/arm64'),
        platformOf('linux/arm/v7'),
      ]),
    ).toThrow(/missing linux\/arm\/v7.*Nothing was published/)
  })

  test('names an unexpected platform with its origin', () => {
    expect(() => checkPlatforms(sources, [platformOf('linux/amd64')])).toThrow(
      /unexpected linux\/arm64 \(record linux\/arm64\)/,
    )
  })

  test('refuses one platform from two different digests', () => {
    expect(() =>
      checkPlatforms([...sources, source('c', 'linux/arm64', { origin: 'digests' })], undefined),
    ).toThrow(/Platform linux\/arm64 appears twice: .*record linux\/arm64.*digests/)
  })

  // An empty merge is refused by runMerge, which says where it looked (__tests__/merge/merge-step.test.ts).
  test('with no sources, every required platform is missing', () => {
    expect(() => checkPlatforms([], [platformOf('linux/amd64')])).toThrow(
      "Input 'platforms' requires linux/amd64; found none: missing linux/amd64. Nothing was published.",
    )
  })

  describe('optional platforms', () => {
    const input = { label: "Input 'platforms'", name: "'platforms'" }
    const amd64 = platformOf('linux/amd64')
    const arm64 = platformOf('linux/arm64')
    const riscv = platformOf('linux/riscv64')

    test('a missing optional platform is returned, not refused', () => {
      expect(checkPlatforms(sources, [amd64, arm64], input, [riscv]).map(formatPlatform)).toEqual([
        'linux/riscv64',
      ])
      expect(checkPlatforms(sources, [amd64, arm64], input, [platformOf('linux/arm64/v8')])).toEqual([])
    })

    test('one listed in both lists is optional, as the reusable workflow lists every runner in platforms', () => {
      const only = [source('a', 'linux/amd64')]
      expect(checkPlatforms(only, [amd64, arm64], input, [arm64]).map(formatPlatform)).toEqual([
        'linux/arm64',
      ])
    })

    test('without platforms, missing optional ones are still returned', () => {
      expect(checkPlatforms(sources, undefined, input, [riscv]).map(formatPlatform)).toEqual([
        'linux/riscv64',
      ])
    })

    test('a missing required platform still fails, naming both lists', () => {
      expect(() => checkPlatforms([source('b', 'linux/arm64')], [amd64], input, [arm64, riscv])).toThrow(
        "Input 'platforms' requires linux/amd64 (optional: linux/arm64, linux/riscv64); found linux/arm64: " +
          'missing linux/amd64. Nothing was published.',
      )
    })

    test('a platform in neither list is unexpected when platforms is given', () => {
      expect(() => checkPlatforms(sources, [amd64], input, [riscv])).toThrow(
        /found linux\/amd64, linux\/arm64: unexpected linux\/arm64 \(record linux\/arm64\)\. Nothing was published/,
      )
    })
  })
})

describe('flattenIndex', () => {
  test('splits a one-platform buildx index into its image and attestation', () => {
    const img = image('a', 'linux/arm64')
    const att = attestation('b', img.digest)
    const { image: found, attestations } = flattenIndex(
      { mediaType: MediaType.OciIndex, manifests: [img, att] },
      'ref',
    )
    expect(found).toEqual(img)
    expect(attestations).toEqual([att])
  })

  test('refuses an index of several platforms', () => {
    const manifests = [image('a', 'linux/amd64'), image('b', 'linux/arm64')]
    expect(() =>
      flattenIndex({ mediaType: MediaType.OciIndex, manifests }, "Input 'digests' entry 'x'"),
    ).toThrow(/index of 2 images \(linux\/amd64, linux\/arm64\); expected one platform's image/)
  })

  test('keeps a child of a reference type it does not know beside its image, never as an image', () => {
    const img = image('a', 'linux/arm64')
    const unknown = {
      ...attestation('b', img.digest),
      annotations: {
        'vnd.docker.reference.digest': img.digest,
        'vnd.docker.reference.type': 'sbom-of-the-future',
      },
    }
    const { image: found, attestations } = flattenIndex(
      { mediaType: MediaType.OciIndex, manifests: [img, unknown] },
      'ref',
    )
    expect(found).toEqual(img)
    expect(attestations).toEqual([unknown])
    const index = composeIndex([{ ...source('a', 'linux/arm64'), image: img, attestations }], {})
    expect(index.manifests.map(m => m.digest)).toEqual([img.digest, unknown.digest])
    expect(JSON.parse(index.bytes.toString()).manifests[1].annotations).toEqual(unknown.annotations)
  })

  test('refuses an attestation for another image', () => {
    const manifests = [image('a', 'linux/amd64'), attestation('c', digestOf('d'))]
    expect(() => flattenIndex({ mediaType: MediaType.OciIndex, manifests }, 'ref')).toThrow(
      /attestation .* not for its image/,
    )
  })
})

describe('distinctChildren', () => {
  test('lists each digest once, with the first source that named it', () => {
    const record = source('a', 'linux/amd64', { attestation: 'e', origin: 'record' })
    const entry = source('a', 'linux/amd64', { origin: "Input 'digests' entry" })
    const children = distinctChildren([record, source('b', 'linux/arm64'), entry])
    expect(children.map(c => c.descriptor.digest)).toEqual([digestOf('a'), digestOf('e'), digestOf('b')])
    expect(children[0]!.source).toBe(record)
  })

  test('a digest named twice with another size or media type is refused, naming both sources', () => {
    const record = source('a', 'linux/amd64', { origin: 'record' })
    const edited = { ...record, image: { ...record.image, size: record.image.size + 1 }, origin: 'edited' }
    expect(() => distinctChildren([record, edited])).toThrow(
      new RegExp(`${digestOf('a')} is named twice with different descriptors: .*\\(record\\).*\\(edited\\)`),
    )
    const docker = source('a', 'linux/amd64', { mediaType: MediaType.DockerManifest, origin: 'docker' })
    expect(() => distinctChildren([record, docker])).toThrow('is named twice with different descriptors')
  })
})
