import type { Digest } from './digest.js'
import { compareSemVer, parseSemVer } from './semver.js'

/** The index annotations that say which of two indexes is newer: the version first, then the creation time. */
export const OrderAnnotation = {
  Version: 'org.opencontainers.image.version',
  Created: 'org.opencontainers.image.created',
} as const

/** How the merge treats a tag that holds another index: `forward` keeps a newer one there, `always` moves it. */
export const TagPolicies = ['forward', 'always'] as const
export type TagPolicy = (typeof TagPolicies)[number]

/** An index as the tag check sees it. */
export interface IndexIdentity {
  digest: Digest
  annotations: Record<string, string>
}

/**
 * Which of two indexes is newer. `order` is negative when ours is older than theirs, 0 when they are the same
 * age, positive when ours is newer; `ours` and `theirs` are the values compared, as the log shows them. Without
 * an order, `why` says what was missing.
 */
export type IndexOrder =
  | { order: number; basis: 'version' | 'created'; ours: string; theirs: string }
  | { order?: undefined; why: string }

// RFC 3339 date-time: a date, a time, and a zone (Z or an offset); fractions of a second allowed.
const Rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/**
 * Compares by `org.opencontainers.image.version` when both are semver and differ, else by
 * `org.opencontainers.image.created` when both are RFC 3339 times. Same version and no times: the same age.
 */
export function compareIndexes(ours: IndexIdentity, theirs: IndexIdentity): IndexOrder {
  const versions = sides(ours, theirs, OrderAnnotation.Version)
  const parsed = versions.map(v => (v === undefined ? undefined : parseSemVer(v)))
  const byVersion = parsed[0] && parsed[1] ? Math.sign(compareSemVer(parsed[0], parsed[1])) : undefined
  const describeVersion = (i: number) => `version ${versions[i]}`
  if (byVersion)
    return ordered(
      byVersion,
      'version',
      versions.map((_, i) => describeVersion(i)),
    )
  const times = sides(ours, theirs, OrderAnnotation.Created)
  const ms = times.map(t => (t !== undefined && Rfc3339.test(t) ? Date.parse(t) : NaN))
  if (!Number.isNaN(ms[0]) && !Number.isNaN(ms[1])) {
    const labels = times.map(t => `created ${t}`)
    return ordered(Math.sign(ms[0]! - ms[1]!), 'created', labels)
  }
  if (byVersion === 0) return ordered(0, 'version', [describeVersion(0), describeVersion(1)])
  return {
    why:
      `${lacking(versions, parsed.map(Boolean), OrderAnnotation.Version, 'semver')}, and ` +
      `${lacking(
        times,
        ms.map(t => !Number.isNaN(t)),
        OrderAnnotation.Created,
        'an RFC 3339 time',
      )}`,
  }
}

function sides(ours: IndexIdentity, theirs: IndexIdentity, key: string): (string | undefined)[] {
  return [ours.annotations[key], theirs.annotations[key]]
}

function ordered(order: number, basis: 'version' | 'created', labels: string[]): IndexOrder {
  return { order, basis, ours: labels[0]!, theirs: labels[1]! }
}

// Says which side lacks a usable value: "the index the tag holds has no org.opencontainers.image.version".
function lacking(values: (string | undefined)[], usable: boolean[], key: string, form: string): string {
  const names = ['this index', 'the index the tag holds']
  const parts = values.map((value, i) =>
    usable[i]
      ? ''
      : value === undefined
        ? `${names[i]} has no ${key}`
        : `${names[i]}'s ${key} '${value}' is not ${form}`,
  )
  if (values[0] === undefined && values[1] === undefined) return `neither index has ${key}`
  return parts.filter(Boolean).join(' and ')
}

/** What to do with one tag: already there, move it (saying what it held), or keep the newer index there. */
export type TagPlan =
  | { action: 'in-place' }
  | { action: 'move'; held?: IndexIdentity; order?: IndexOrder }
  | { action: 'keep'; held: IndexIdentity; order: IndexOrder & { order: number } }

/**
 * Decides one tag. `held` is the index the tag points at now (undefined when the tag does not exist, or under
 * `always`, where nothing is asked). Only an index strictly newer than ours is kept: the same age moves, as
 * does one that cannot be compared.
 */
export function planTag(ours: IndexIdentity, held: IndexIdentity | undefined, policy: TagPolicy): TagPlan {
  if (!held) return { action: 'move' }
  if (held.digest === ours.digest) return { action: 'in-place' }
  if (policy === 'always') return { action: 'move', held }
  const order = compareIndexes(ours, held)
  if (order.order !== undefined && order.order < 0) return { action: 'keep', held, order }
  return { action: 'move', held, order }
}
