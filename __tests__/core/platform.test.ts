import {
  formatPlatform,
  parsePlatform,
  platformSlug,
  runnerPlatform,
  samePlatform,
} from '../../src/core/platform.js'

describe('parsePlatform', () => {
  test.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/v6', 'linux/arm/v6'],
    ['arm64', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/x86_64', 'linux/amd64'],
    ['Linux/AMD64', 'linux/amd64'],
    ['windows/amd64', 'windows/amd64'],
    ['linux/riscv64', 'linux/riscv64'],
  ])('%s -> %s', (text, expected) =>
    expect(formatPlatform(parsePlatform(text, "Input 'platform'"))).toBe(expected),
  )

  test.each([
    ['linux/', /is not a platform/],
    ['linux/arm/v7/x', /is not a platform/],
    ['linux/arm/', /is not a platform/],
    ['plan10/amd64', /unknown operating system 'plan10'/],
    ['linux/sparc', /unknown architecture 'sparc'/],
  ])('rejects %s', (text, why) => {
    expect(() => parsePlatform(text, "Input 'platform'")).toThrow(why)
    expect(() => parsePlatform(text, "Input 'platform'")).toThrow(/^Input 'platform': /)
  })
})

describe('runnerPlatform', () => {
  test.each([
    ['X64', 'whatever', 'linux/amd64'],
    ['ARM64', 'x86_64', 'linux/arm64'],
    ['ARM', '', 'linux/arm/v7'],
    [undefined, 'aarch64', 'linux/arm64'],
    [undefined, 'armv7l', 'linux/arm/v7'],
    [undefined, 'x86_64', 'linux/amd64'],
  ])('RUNNER_ARCH=%s uname=%s -> %s', (arch, machine, expected) =>
    expect(formatPlatform(runnerPlatform(arch, machine))).toBe(expected),
  )
})

test('samePlatform compares normalized forms', () => {
  expect(
    samePlatform(
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'arm64' },
    ),
  ).toBe(true)
  expect(
    samePlatform({ os: 'linux', architecture: 'arm' }, { os: 'linux', architecture: 'arm', variant: 'v7' }),
  ).toBe(true)
  expect(
    samePlatform({ os: 'linux', architecture: 'arm', variant: 'v6' }, { os: 'linux', architecture: 'arm' }),
  ).toBe(false)
  expect(
    samePlatform(
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' },
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' },
    ),
  ).toBe(false)
})

test('platformSlug is file- and tag-safe', () => {
  expect(platformSlug({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux-arm-v7')
})
