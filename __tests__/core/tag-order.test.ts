import { compareIndexes, type IndexIdentity, OrderAnnotation, planTag } from '../../src/core/tag-order.js'
import { digestOf } from './fixtures.js'

const V = OrderAnnotation.Version
const C = OrderAnnotation.Created

function index(char: string, annotations: Record<string, string>): IndexIdentity {
  return { digest: digestOf(char), annotations }
}

describe('compareIndexes', () => {
  test.each<[string, Record<string, string>, Record<string, string>, number, string, string, string]>([
    ['a newer release', { [V]: '1.5.0' }, { [V]: '1.4.3' }, 1, 'version', 'version 1.5.0', 'version 1.4.3'],
    [
      'an older release',
      { [V]: '1.4.3' },
      { [V]: 'v1.5.0' },
      -1,
      'version',
      'version 1.4.3',
      'version v1.5.0',
    ],
    [
      'a pre-release of the held release',
      { [V]: '1.5.0-rc.1' },
      { [V]: '1.5.0' },
      -1,
      'version',
      'version 1.5.0-rc.1',
      'version 1.5.0',
    ],
    [
      'versions win over times',
      { [V]: '1.5.0', [C]: '2020-01-01T00:00:00Z' },
      { [V]: '1.4.3', [C]: '2026-01-01T00:00:00Z' },
      1,
      'version',
      'version 1.5.0',
      'version 1.4.3',
    ],
    [
      'times alone',
      { [C]: '2026-11-30T10:00:00Z' },
      { [C]: '2026-11-30T11:00:00+00:00' },
      -1,
      'created',
      'created 2026-11-30T10:00:00Z',
      'created 2026-11-30T11:00:00+00:00',
    ],
    [
      'times across zones',
      { [C]: '2026-11-30T12:30:00+02:00' },
      { [C]: '2026-11-30T10:00:00.5Z' },
      1,
      'created',
      'created 2026-11-30T12:30:00+02:00',
      'created 2026-11-30T10:00:00.5Z',
    ],
    [
      'a version that is not semver falls back to times',
      { [V]: 'main', [C]: '2026-11-30T10:00:00Z' },
      { [V]: '1.4.3', [C]: '2026-11-29T10:00:00Z' },
      1,
      'created',
      'created 2026-11-30T10:00:00Z',
      'created 2026-11-29T10:00:00Z',
    ],
    [
      'the same version is decided by time',
      { [V]: '1.4.3', [C]: '2026-11-29T10:00:00Z' },
      { [V]: '1.4.3', [C]: '2026-11-30T10:00:00Z' },
      -1,
      'created',
      'created 2026-11-29T10:00:00Z',
      'created 2026-11-30T10:00:00Z',
    ],
    [
      'the same version, no times',
      { [V]: '1.4.3' },
      { [V]: 'v1.4.3' },
      0,
      'version',
      'version 1.4.3',
      'version v1.4.3',
    ],
  ])('%s', (_name, ours, theirs, order, basis, oursLabel, theirsLabel) => {
    expect(compareIndexes(index('a', ours), index('b', theirs))).toEqual({
      order,
      basis,
      ours: oursLabel,
      theirs: theirsLabel,
    })
  })

  test.each<[string, Record<string, string>, Record<string, string>, string]>([
    ['neither has either', {}, {}, `neither index has ${V}, and neither index has ${C}`],
    [
      'the held index has neither',
      { [V]: '1.4.3', [C]: '2026-11-30T10:00:00Z' },
      {},
      `the index the tag holds has no ${V}, and the index the tag holds has no ${C}`,
    ],
    ['this index has neither', {}, { [V]: '1.4.3' }, `this index has no ${V}, and neither index has ${C}`],
    [
      'a version that is not semver and a time that is not RFC 3339',
      { [V]: 'main', [C]: 'yesterday' },
      { [V]: '1.4.3', [C]: '2026-11-30T10:00:00Z' },
      `this index's ${V} 'main' is not semver, and this index's ${C} 'yesterday' is not an RFC 3339 time`,
    ],
    [
      'a date without a time',
      { [C]: '2026-11-30' },
      { [C]: '2026-11-29T10:00:00Z' },
      `neither index has ${V}, and this index's ${C} '2026-11-30' is not an RFC 3339 time`,
    ],
  ])('no order when %s: says why', (_name, ours, theirs, why) => {
    expect(compareIndexes(index('a', ours), index('b', theirs))).toEqual({ why })
  })
})

describe('planTag', () => {
  const ours = index('a', { [V]: '1.4.3' })

  test('a tag that does not exist is moved', () => {
    expect(planTag(ours, undefined, 'forward')).toEqual({ action: 'move' })
  })

  test('a tag that already holds this index is left alone, under either policy', () => {
    expect(planTag(ours, index('a', ours.annotations), 'forward')).toEqual({ action: 'in-place' })
    expect(planTag(ours, index('a', ours.annotations), 'always')).toEqual({ action: 'in-place' })
  })

  test('a tag that holds a newer index is kept there, with what was compared', () => {
    const held = index('b', { [V]: '1.5.0' })
    expect(planTag(ours, held, 'forward')).toEqual({
      action: 'keep',
      held,
      order: { order: -1, basis: 'version', ours: 'version 1.4.3', theirs: 'version 1.5.0' },
    })
  })

  test('always moves it', () => {
    const held = index('b', { [V]: '1.5.0' })
    expect(planTag(ours, held, 'always')).toEqual({ action: 'move', held })
  })

  test.each([
    [
      'an older index',
      { [V]: '1.4.2' },
      { order: 1, basis: 'version', ours: 'version 1.4.3', theirs: 'version 1.4.2' },
    ],
    [
      'the same version',
      { [V]: '1.4.3' },
      { order: 0, basis: 'version', ours: 'version 1.4.3', theirs: 'version 1.4.3' },
    ],
    [
      'an index without annotations',
      {},
      { why: `the index the tag holds has no ${V}, and neither index has ${C}` },
    ],
  ])('a tag that holds %s is moved, saying what it held', (_name, annotations, order) => {
    const held = index('b', annotations)
    expect(planTag(ours, held, 'forward')).toEqual({ action: 'move', held, order })
  })
})
