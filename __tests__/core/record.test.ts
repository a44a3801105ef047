import {
  imagesKey,
  makeRecord,
  parseRecord,
  recordFileName,
  serializeRecord,
  type DigestRecord,
} from '../../src/core/record.js'
import { parseIndex } from '../../src/core/manifest.js'
import { MediaType } from '../../src/core/media-types.js'
import { attestation, digestOf, image, platformOf } from './fixtures.js'

function sample(): DigestRecord {
  const img = image('a', 'linux/arm64')
  return makeRecord({
    images: [{ registry: 'ghcr.io', path: 'acme/app' }],
    platform: platformOf('linux/arm64'),
    pushed: { mediaType: MediaType.OciIndex, digest: digestOf('f'), size: 900 },
    manifests: [img, attestation('b', img.digest)],
    run: { id: '42', attempt: 1, job: 'build' },
    builder: 'buildx',
  })
}

test('a serialized record parses back to itself', () => {
  const record = sample()
  expect(parseRecord(serializeRecord(record), 'r.json')).toEqual(record)
})

test('an attestation keeps its artifactType through a record, as it does through a manifest', () => {
  const record = sample()
  const img = record.manifests[0]!
  const attested = {
    ...attestation('b', img.digest),
    artifactType: 'application/vnd.docker.attestation.manifest.v1+json',
  }
  const withType = { ...record, manifests: [img, attested] }
  const parsed = parseRecord(serializeRecord(withType), 'r.json')
  expect(parsed.manifests[1]).toEqual(attested)
  const index = { schemaVersion: 2, manifests: [img, attested] }
  expect(parseIndex(Buffer.from(JSON.stringify(index)), MediaType.OciIndex, 'index').manifests).toEqual(
    parsed.manifests,
  )
})

test('a child of a reference type the merge does not know is kept as such, not taken for a second image', () => {
  const record = sample()
  const future = {
    ...attestation('c', record.manifests[0]!.digest),
    annotations: {
      'vnd.docker.reference.digest': record.manifests[0]!.digest,
      'vnd.docker.reference.type': 'signature-of-the-future',
    },
  }
  const withFuture = { ...record, manifests: [...record.manifests, future] }
  expect(parseRecord(serializeRecord(withFuture), 'r.json').manifests).toEqual(withFuture.manifests)
})

test.each<[string, (r: Record<string, unknown>) => unknown, RegExp]>([
  ['a wrong schema', r => ({ ...r, schema: 'other' }), /'schema' is "other"/],
  ['a newer version', r => ({ ...r, version: 2 }), /'version' is 2; .*same action version/],
  ['no images', r => ({ ...r, images: [] }), /'images' must be a non-empty list/],
  ['a bad image name', r => ({ ...r, images: ['ghcr.io/Acme/app'] }), /'images': 'ghcr.io\/Acme\/app'/],
  ['a bad digest', r => ({ ...r, digest: 'sha256:1' }), /has 'digest' "sha256:1"/],
  ['a zero size', r => ({ ...r, size: 0 }), /has 'size' 0/],
  ['a bad platform', r => ({ ...r, platform: 'linux/sparc' }), /unknown architecture 'sparc'/],
  ['no manifests', r => ({ ...r, manifests: [] }), /'manifests' must list at least the image/],
  [
    'an image for another platform',
    r => ({ ...r, platform: 'linux/amd64' }),
    /is for linux\/arm64, the record says linux\/amd64/,
  ],
  ['no run', r => ({ ...r, run: null }), /'run' must be an object/],
  [
    'an artifactType that is not a string',
    r => ({
      ...r,
      manifests: [(r.manifests as object[])[0], { ...(r.manifests as object[])[1], artifactType: 1 }],
    }),
    /manifests\[1\] has an 'artifactType' that is not a string/,
  ],
])('refuses a record with %s, naming the file', (_, mutate, why) => {
  const text = JSON.stringify(mutate(sample() as unknown as Record<string, unknown>))
  expect(() => parseRecord(text, 'records/x.json')).toThrow(why)
  expect(() => parseRecord(text, 'records/x.json')).toThrow(/^Digest record records\/x.json is not valid/)
})

test('refuses text that is not JSON, and oversized files', () => {
  expect(() => parseRecord('{not json', 'a.json')).toThrow(
    /Digest record a.json is not valid: it is not JSON/,
  )
  expect(() => parseRecord(' '.repeat(70 * 1024), 'big.json')).toThrow(/larger than 65536 bytes/)
})

test('file names differ by images, key, platform and digest', () => {
  const record = sample()
  const other = { ...record, images: ['ghcr.io/acme/other'] }
  expect(recordFileName(record)).toMatch(/^[0-9a-f]{12}-linux-arm64-ffffffffffff\.json$/)
  expect(recordFileName(other)).not.toBe(recordFileName(record))
  expect(recordFileName(record, 'second-call')).not.toBe(recordFileName(record))
  expect(imagesKey(['b', 'a'])).toBe(imagesKey(['a', 'b', 'a']))
})
