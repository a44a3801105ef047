/** A semantic version (semver.org 2.0.0); build metadata is dropped, since it plays no part in precedence. */
export interface SemVer {
  major: string
  minor: string
  patch: string
  /** Dot-separated pre-release identifiers; empty for a release. */
  prerelease: string[]
}

// Numeric parts without leading zeros; identifiers of [0-9A-Za-z-]. A leading `v` is how git tags spell it.
const Numeric = '0|[1-9]\\d*'
const Identifier = `(?:${Numeric}|\\d*[A-Za-z-][0-9A-Za-z-]*)`
const SemVerPattern = new RegExp(
  `^v?(${Numeric})\\.(${Numeric})\\.(${Numeric})(?:-(${Identifier}(?:\\.${Identifier})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
)

/** Parses `1.4.3`, `v2.0.0-rc.1`, `1.0.0+build.5`; undefined for anything else (`1.4`, `latest`, `main`). */
export function parseSemVer(text: string): SemVer | undefined {
  const match = SemVerPattern.exec(text.trim())
  if (!match) return undefined
  return {
    major: match[1]!,
    minor: match[2]!,
    patch: match[3]!,
    prerelease: match[4] ? match[4].split('.') : [],
  }
}

/** Semver precedence: negative when `a` is older than `b`, 0 when equal, positive when newer. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    const order = compareNumeric(a[key], b[key])
    if (order) return order
  }
  // A pre-release is older than its release.
  if (!a.prerelease.length || !b.prerelease.length) return b.prerelease.length - a.prerelease.length
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareIdentifier(a.prerelease[i]!, b.prerelease[i]!)
    if (order) return order
  }
  return a.prerelease.length - b.prerelease.length
}

// Digit strings without leading zeros: longer is larger, so no precision is lost on huge numbers.
function compareNumeric(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0
}

function compareIdentifier(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a)
  const bNumeric = /^\d+$/.test(b)
  if (aNumeric && bNumeric) return compareNumeric(a, b)
  // Numeric identifiers are older than alphanumeric ones; alphanumeric compare in ASCII order.
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}
