import { compareSemVer, parseSemVer } from '../../src/core/semver.js'

describe('parseSemVer', () => {
  test.each([
    ['1.4.3', { major: '1', minor: '4', patch: '3', prerelease: [] }],
    ['v1.4.3', { major: '1', minor: '4', patch: '3', prerelease: [] }],
    ['2.0.0-rc.1', { major: '2', minor: '0', patch: '0', prerelease: ['rc', '1'] }],
    ['1.0.0-alpha-1.0a+build.5', { major: '1', minor: '0', patch: '0', prerelease: ['alpha-1', '0a'] }],
    ['10.20.30+meta', { major: '10', minor: '20', patch: '30', prerelease: [] }],
  ])('%s parses', (text, expected) => {
    expect(parseSemVer(text)).toEqual(expected)
  })

  test.each(['1.4', 'latest', 'main', 'V1.4.3', '01.4.3', '1.04.3', '1.4.3-01', '1.4.3-', 'vv1.4.3', ''])(
    '%j is not semver',
    text => {
      expect(parseSemVer(text)).toBeUndefined()
    },
  )
})

describe('compareSemVer', () => {
  // Each pair: the first is older than the second (semver.org 2.0.0, section 11, and large numbers).
  test.each([
    ['1.4.3', '1.5.0'],
    ['1.4.3', '1.4.10'],
    ['1.9.9', '2.0.0'],
    ['v1.4.3', '1.4.4'],
    ['1.5.0-rc.1', '1.5.0'],
    ['1.0.0-alpha', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta'],
    ['1.0.0-alpha.beta', '1.0.0-beta'],
    ['1.0.0-beta', '1.0.0-beta.2'],
    ['1.0.0-beta.2', '1.0.0-beta.11'],
    ['1.0.0-beta.11', '1.0.0-rc.1'],
    ['1.0.0-rc.1', '1.0.0'],
    ['9007199254740993.0.0', '9007199254740994.0.0'],
  ])('%s is older than %s', (older, newer) => {
    const a = parseSemVer(older)!
    const b = parseSemVer(newer)!
    expect(compareSemVer(a, b)).toBeLessThan(0)
    expect(compareSemVer(b, a)).toBeGreaterThan(0)
  })

  test.each([
    ['1.4.3', 'v1.4.3'],
    ['1.4.3+a', '1.4.3+b'],
    ['2.0.0-rc.1', 'v2.0.0-rc.1'],
  ])('%s and %s are the same version', (a, b) => {
    expect(compareSemVer(parseSemVer(a)!, parseSemVer(b)!)).toBe(0)
  })
})
