import type { Digest } from '../../src/core/digest.js'
import { parseManifestLinks } from '../../src/core/manifest.js'
import { formatAge, type ManifestLinks, type PackageVersion, planPrune } from '../../src/core/prune-plan.js'

const Hour = 3_600_000
const Now = Date.UTC(2026, 10, 30, 12)

/** A digest made of one repeated hex character, so tables stay readable. */
function d(char: string): Digest {
  return `sha256:${char.repeat(64)}`
}

/** One version in a table: its digest character, tags, age in hours, and what its manifest points at. */
interface Row {
  digest: string
  tags?: string[]
  ageHours: number
  children?: string[]
  subject?: string
}

function plan(rows: Row[], minAgeHours = 24) {
  const versions: PackageVersion[] = rows.map((row, i) => ({
    id: i + 1,
    digest: d(row.digest),
    tags: row.tags ?? [],
    createdAt: Now - row.ageHours * Hour,
    updatedAt: Now - row.ageHours * Hour,
  }))
  const links = new Map<Digest, ManifestLinks>(
    rows.map(row => [
      d(row.digest),
      { children: (row.children ?? []).map(d), ...(row.subject && { subject: d(row.subject) }) },
    ]),
  )
  const result = planPrune(versions, links, Now, minAgeHours * Hour)
  const name = (digest: Digest): string => digest.charAt(7)
  return {
    deleted: result.deletions.map(batch =>
      batch
        .map(x => name(x.version.digest))
        .sort()
        .join(''),
    ),
    kept: Object.fromEntries(result.kept.map(k => [name(k.version.digest), k.reason])),
    why: Object.fromEntries(
      [...result.kept, ...result.deletions.flat()].map(x => [name(x.version.digest), x.why]),
    ),
  }
}

// `latest` moved from index a (children b, c, attestation e) to index f (children b, g, attestation h): b is
// shared, c and e were a's alone. A signature s of f and one (t) of a, with `subject`.
const moved: Row[] = [
  { digest: 'a', ageHours: 100, children: ['b', 'c', 'e'] },
  { digest: 'b', ageHours: 100 },
  { digest: 'c', ageHours: 100 },
  { digest: 'e', ageHours: 100 },
  { digest: 'f', tags: ['latest', '1.4'], ageHours: 50, children: ['b', 'g', 'h'] },
  { digest: 'g', ageHours: 50 },
  { digest: 'h', ageHours: 50 },
  { digest: 's', ageHours: 50, subject: 'f' },
  { digest: 't', ageHours: 100, subject: 'a' },
]

test.each<{ name: string; rows: Row[]; minAge?: number; deleted: string[]; kept: Record<string, string> }>([
  {
    name: 'a superseded index goes with the children only it used, its referrer first; the tagged one stays whole',
    rows: moved,
    // t references a and a lists c and e: t, then a, then c and e.
    deleted: ['t', 'a', 'ce'],
    kept: { f: 'tagged', b: 'referenced', g: 'referenced', h: 'referenced', s: 'referenced' },
  },
  {
    name: 'a young orphan stays, and so does what it references',
    rows: [
      { digest: 'a', tags: ['latest'], ageHours: 100 },
      { digest: 'b', ageHours: 2, children: ['c'] },
      { digest: 'c', ageHours: 100 },
      { digest: 'e', ageHours: 30 },
    ],
    deleted: ['e'],
    kept: { a: 'tagged', b: 'young', c: 'referenced' },
  },
  {
    name: 'prune-min-age 0 keeps only what tags reach',
    rows: [
      { digest: 'a', tags: ['v1'], ageHours: 0, children: ['b'] },
      { digest: 'b', ageHours: 0 },
      { digest: 'c', ageHours: 0 },
    ],
    minAge: 0,
    deleted: ['c'],
    kept: { a: 'tagged', b: 'referenced' },
  },
  {
    name: 'a referrer index under a sha256-<hex> fallback tag is tagged: it and the referrers it lists stay',
    rows: [
      { digest: 'a', tags: ['latest'], ageHours: 100 },
      { digest: 'b', tags: [`sha256-${'a'.repeat(64)}`], ageHours: 100, children: ['c'] },
      { digest: 'c', ageHours: 100, subject: 'a' },
    ],
    deleted: [],
    kept: { a: 'tagged', b: 'tagged', c: 'referenced' },
  },
  {
    name: 'a referrer of a referrer of a kept index stays (an SBOM signed in turn)',
    rows: [
      { digest: 'a', tags: ['latest'], ageHours: 100 },
      { digest: 'b', ageHours: 100, subject: 'a' },
      { digest: 'c', ageHours: 100, subject: 'b' },
    ],
    deleted: [],
    kept: { a: 'tagged', b: 'referenced', c: 'referenced' },
  },
  {
    name: 'nested indexes: everything below a tagged index stays',
    rows: [
      { digest: 'a', tags: ['latest'], ageHours: 100, children: ['b'] },
      { digest: 'b', ageHours: 100, children: ['c'] },
      { digest: 'c', ageHours: 100 },
    ],
    deleted: [],
    kept: { a: 'tagged', b: 'referenced', c: 'referenced' },
  },
  {
    name: 'children listed but not among the versions are ignored, not invented',
    rows: [
      { digest: 'a', tags: ['latest'], ageHours: 100, children: ['9'] },
      { digest: 'b', ageHours: 100 },
    ],
    deleted: ['b'],
    kept: { a: 'tagged' },
  },
])('$name', ({ rows, minAge, deleted, kept }) => {
  const result = plan(rows, minAge)
  expect(result.deleted).toEqual(deleted)
  expect(result.kept).toEqual(kept)
})

test('every decision says why, naming the version that keeps it and the reason that one is kept', () => {
  const { why } = plan(moved)
  expect(why.f).toBe('tagged latest, 1.4')
  expect(why.g).toBe(`listed by ${'f'.repeat(12)} (tagged latest, 1.4)`)
  expect(why.s).toBe(`a referrer of ${'f'.repeat(12)} (tagged latest, 1.4)`)
  expect(why.a).toBe(`untagged; referenced only by versions deleted too (${'t'.repeat(12)})`)
  expect(why.t).toBe('untagged, and no tagged or recent version references it')
  const young = plan([{ digest: 'a', ageHours: 3 }])
  expect(young.why.a).toBe('changed 3 h ago, under 24 h')
})

test('the later of created and updated counts: a tag just moved off an index keeps it for prune-min-age', () => {
  const versions: PackageVersion[] = [
    { id: 1, digest: d('a'), tags: ['latest'], createdAt: Now - 100 * Hour, updatedAt: Now - 100 * Hour },
    { id: 2, digest: d('b'), tags: [], createdAt: Now - 100 * Hour, updatedAt: Now - Hour },
  ]
  const links = new Map<Digest, ManifestLinks>(versions.map(v => [v.digest, { children: [] }]))
  const result = planPrune(versions, links, Now, 24 * Hour)
  expect(result.deletions).toEqual([])
  expect(result.kept.map(k => k.reason)).toEqual(['tagged', 'young'])
})

test('a version whose manifest was not read stops the plan', () => {
  const versions: PackageVersion[] = [{ id: 1, digest: d('a'), tags: [], createdAt: 0, updatedAt: 0 }]
  expect(() => planPrune(versions, new Map(), Now, 0)).toThrow(
    `The manifest of ${d('a')} was not read; nothing can be decided.`,
  )
})

test.each([
  [0, '0 s'],
  [59_000, '59 s'],
  [60_000, '1 min'],
  [3 * Hour - 1, '2 h'],
  [47 * Hour, '47 h'],
  [3 * Hour, '3 h'],
  [49 * Hour, '2 d'],
])('formatAge(%d) is %s', (ms, text) => {
  expect(formatAge(ms)).toBe(text)
})

describe('parseManifestLinks', () => {
  const descriptor = (char: string) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: d(char),
    size: 10,
  })
  test.each<{ name: string; manifest: object; links: ManifestLinks }>([
    {
      name: 'an index lists its children',
      manifest: { schemaVersion: 2, manifests: [descriptor('a'), descriptor('b')] },
      links: { children: [d('a'), d('b')] },
    },
    {
      name: 'an image manifest points at blobs only',
      manifest: { schemaVersion: 2, config: descriptor('c'), layers: [descriptor('e')] },
      links: { children: [] },
    },
    {
      name: 'a referrer names its subject',
      manifest: { schemaVersion: 2, config: descriptor('c'), layers: [], subject: descriptor('a') },
      links: { children: [], subject: d('a') },
    },
  ])('$name', ({ manifest, links }) => {
    expect(parseManifestLinks(Buffer.from(JSON.stringify(manifest)), 'x')).toEqual(links)
  })

  test('a malformed child or subject is an error, not an empty list', () => {
    const bad = { manifests: [{ mediaType: 'x', digest: 'sha256:zz', size: 1 }] }
    expect(() => parseManifestLinks(Buffer.from(JSON.stringify(bad)), 'app@x')).toThrow(
      `app@x manifests[0] has 'digest' "sha256:zz", expected sha256:<64 hex>.`,
    )
    expect(() => parseManifestLinks(Buffer.from('{"subject": 1}'), 'app@x')).toThrow('app@x subject')
    expect(() => parseManifestLinks(Buffer.from('nope'), 'app@x')).toThrow('app@x is not JSON')
  })
})
