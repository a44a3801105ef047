import { parseMetadata } from '../../src/github/metadata.js'

// What docker/metadata-action writes for a v1.4.2 tag push with DOCKER_METADATA_ANNOTATIONS_LEVELS=manifest,index.
const Output = JSON.stringify({
  tags: ['ghcr.io/acme/app:1.4.2', 'ghcr.io/acme/app:1.4', 'ghcr.io/acme/app:latest'],
  labels: {
    'org.opencontainers.image.created': '2024-05-14T15:20:50.123Z',
    'org.opencontainers.image.description': 'A small service',
    'org.opencontainers.image.version': '1.4.2',
  },
  annotations: [
    'manifest:org.opencontainers.image.description=A small service',
    'manifest:org.opencontainers.image.version=1.4.2',
    'index:org.opencontainers.image.description=A small service',
    'index:org.opencontainers.image.version=1.4.2',
  ],
})

test("parses metadata-action's json output", () => {
  const metadata = parseMetadata(Output, "Input 'metadata'")
  expect(metadata.tags).toEqual(['ghcr.io/acme/app:1.4.2', 'ghcr.io/acme/app:1.4', 'ghcr.io/acme/app:latest'])
  expect(metadata.labels['org.opencontainers.image.version']).toBe('1.4.2')
  expect(metadata.annotations).toHaveLength(4)
})

test('fields it does not have are empty', () => {
  expect(parseMetadata('{}', 'x')).toEqual({ tags: [], labels: {}, annotations: [] })
})

test.each<[string, RegExp]>([
  ['tags: 1.4', /^Input 'metadata' is not JSON \(.*\)\. Expected docker\/metadata-action's 'json' output\.$/],
  ['["1.4"]', /^Input 'metadata' is not a JSON object/],
  ['null', /^Input 'metadata' is not a JSON object/],
  ['{"tags": "1.4"}', /^Input 'metadata': 'tags' must be a list of strings\.$/],
  ['{"annotations": [1]}', /^Input 'metadata': 'annotations' must be a list of strings\.$/],
  ['{"labels": ["a=b"]}', /^Input 'metadata': 'labels' must be an object of strings\.$/],
  ['{"labels": {"a": 1}}', /^Input 'metadata': 'labels' must be an object of strings\.$/],
])('refuses %s', (text, why) => {
  expect(() => parseMetadata(text, "Input 'metadata'")).toThrow(why)
})
