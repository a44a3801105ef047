import { makeRecord, type DigestRecord } from '../../src/core/record.js'
import { newestAttempts, selectRecords } from '../../src/core/selection.js'
import { image, platformOf } from './fixtures.js'

const app = { registry: 'ghcr.io', path: 'acme/app' }
const other = { registry: 'ghcr.io', path: 'acme/other' }

function record(
  char: string,
  platform: string,
  attempt = 1,
  options: { run?: string; images?: (typeof app)[] } = {},
): DigestRecord {
  const img = image(char, platform)
  return makeRecord({
    images: options.images ?? [app],
    platform: platformOf(platform),
    pushed: img,
    manifests: [img],
    run: { id: options.run ?? '7', attempt, job: 'build' },
    builder: 'buildah',
  })
}

const run = { id: '7', attempt: 2, job: 'merge' }

test('keeps this run and these images, and says why it skipped the rest', () => {
  const { selected, ignored } = selectRecords(
    [
      { record: record('a', 'linux/amd64'), source: 'a.json' },
      { record: record('b', 'linux/arm64', 1, { images: [other] }), source: 'b.json' },
      { record: record('c', 'linux/arm64', 1, { run: '6' }), source: 'c.json' },
    ],
    [app],
    run,
  )
  expect(selected.map(s => s.source)).toEqual(['a.json'])
  expect(ignored).toEqual([
    { source: 'b.json', reason: 'it is for ghcr.io/acme/other' },
    { source: 'c.json', reason: 'it is from workflow run 6, this is run 7' },
  ])
})

test('a re-run leg supersedes its earlier attempt; attempts never mix', () => {
  const { selected, ignored } = selectRecords(
    [
      { record: record('a', 'linux/amd64', 1), source: 'amd64-a1' },
      { record: record('b', 'linux/arm64', 1), source: 'arm64-a1' },
      { record: record('c', 'linux/arm64', 2), source: 'arm64-a2' },
    ],
    [app],
    run,
  )
  expect(selected.map(s => s.source).sort()).toEqual(['amd64-a1', 'arm64-a2'])
  expect(ignored).toEqual([{ source: 'arm64-a1', reason: 'attempt 1 was superseded by attempt 2' }])
})

test('records from a later attempt than the merge are not used', () => {
  const { selected } = selectRecords([{ record: record('a', 'linux/amd64', 3), source: 'x' }], [app], run)
  expect(selected).toEqual([])
})

test('two different records for one platform in one attempt are an error naming both', () => {
  expect(() =>
    selectRecords(
      [
        { record: record('a', 'linux/arm64', 2), source: 'one.json' },
        { record: record('b', 'linux/arm64', 2), source: 'two.json' },
      ],
      [app],
      run,
    ),
  ).toThrow(/Two digest records for linux\/arm64 in one attempt: .*one.json.*two.json/)
})

test('the same record read twice counts once', () => {
  const r = record('a', 'linux/amd64', 2)
  const { selected } = selectRecords(
    [
      { record: r, source: 'x' },
      { record: r, source: 'y' },
    ],
    [app],
    run,
  )
  expect(selected).toHaveLength(1)
})

test('outside GitHub (no run id) records of any run are used', () => {
  const { selected } = selectRecords(
    [{ record: record('a', 'linux/amd64', 0, { run: '' }), source: 'x' }],
    [app],
    { id: '', attempt: 0, job: '' },
  )
  expect(selected).toHaveLength(1)
})

describe('newestAttempts', () => {
  const named = (platform: string, attempt: number, label: string) => ({ label, platform, run: { attempt } })

  test('keeps per platform the newest attempt up to this one, every record of it, and says why the rest go', () => {
    const { newest, skipped } = newestAttempts(
      [
        named('linux-amd64', 1, 'amd64 #1'),
        named('linux-arm64', 1, 'arm64 #1'),
        named('linux-arm64', 2, 'arm64 #2'),
        named('linux-arm64', 2, 'arm64 #2, another digest'),
        named('linux-riscv64', 4, 'riscv64 #4'),
      ],
      3,
      item => item,
    )
    expect(newest.map(list => list.map(item => item.label))).toEqual([
      ['amd64 #1'],
      ['arm64 #2', 'arm64 #2, another digest'],
    ])
    expect(skipped.map(({ item, reason }) => ({ item: item.label, reason }))).toEqual([
      { item: 'riscv64 #4', reason: 'it is from attempt 4, after this attempt 3' },
      { item: 'arm64 #1', reason: 'attempt 1 was superseded by attempt 2' },
    ])
  })

  test('attempt 0 (outside GitHub) takes every attempt as current', () => {
    const { newest, skipped } = newestAttempts([named('linux-amd64', 7, 'amd64 #7')], 0, item => item)
    expect(newest).toEqual([[named('linux-amd64', 7, 'amd64 #7')]])
    expect(skipped).toEqual([])
  })

  test('nothing in, nothing out', () => {
    expect(newestAttempts([], 1, item => item)).toEqual({ newest: [], skipped: [] })
  })
})
