import { type Digest, shortDigest } from './digest.js'

/** One version of a package as the registry's package API lists it: a manifest, its tags and its times. */
export interface PackageVersion {
  /** The API's id of the version, which its DELETE takes. */
  id: number
  /** The manifest's digest (the version's name). */
  digest: Digest
  tags: string[]
  /** When it was pushed, in ms since the epoch. */
  createdAt: number
  /** When it last changed (a tag added or moved away), in ms since the epoch; createdAt when unknown. */
  updatedAt: number
}

/** What a manifest points at: the manifests an index lists, and the `subject` of a referrer. */
export interface ManifestLinks {
  children: Digest[]
  subject?: Digest
}

/** Why a version stays. */
export type KeepReason = 'tagged' | 'young' | 'referenced'

/** One version with what the plan does to it and a sentence saying why, for the log and the summary. */
export interface PruneDecision {
  version: PackageVersion
  /** How old the version is (since its last change), in ms. */
  ageMs: number
  why: string
}

export interface KeptVersion extends PruneDecision {
  reason: KeepReason
}

export interface PrunePlan {
  /** Versions to delete, in batches: a batch only after every one before it, so parents go before children. */
  deletions: PruneDecision[][]
  kept: KeptVersion[]
}

/**
 * Decides which versions nothing needs. Kept: every tagged version; every version changed less than
 * `minAgeMs` ago (a run in flight may be about to reference it); and, transitively, everything a kept version
 * references: the manifests an index lists (images, attestations) and every referrer (signature, SBOM) whose
 * `subject` is kept. Everything else is deleted, referencing versions before the ones they reference.
 * `links` must hold every version's manifest: an unknown one is refused, since guessing could delete a child.
 */
export function planPrune(
  versions: PackageVersion[],
  links: ReadonlyMap<Digest, ManifestLinks>,
  now: number,
  minAgeMs: number,
): PrunePlan {
  const byDigest = new Map(versions.map(v => [v.digest, v]))
  const missing = versions.find(v => !links.has(v.digest))
  if (missing) throw new Error(`The manifest of ${missing.digest} was not read; nothing can be decided.`)
  const referrers = new Map<Digest, Digest[]>()
  for (const [digest, { subject }] of links) {
    if (subject) referrers.set(subject, [...(referrers.get(subject) ?? []), digest])
  }
  const ageOf = (v: PackageVersion): number => Math.max(0, now - Math.max(v.createdAt, v.updatedAt))
  const kept = new Map<Digest, KeptVersion>()
  // Per kept version, why the version that keeps it (a tagged or recent one) is kept.
  const rootWhy = new Map<Digest, string>()
  const queue: PackageVersion[] = []
  const keep = (version: PackageVersion, reason: KeepReason, why: string, root = why): void => {
    if (kept.has(version.digest)) return
    kept.set(version.digest, { version, ageMs: ageOf(version), reason, why })
    rootWhy.set(version.digest, root)
    queue.push(version)
  }
  for (const version of versions) {
    if (version.tags.length) keep(version, 'tagged', `tagged ${version.tags.join(', ')}`)
  }
  for (const version of versions) {
    const age = ageOf(version)
    if (age < minAgeMs) keep(version, 'young', `changed ${formatAge(age)} ago, under ${formatAge(minAgeMs)}`)
  }
  // Breadth first, so each kept version names the nearest version that keeps it.
  while (queue.length) {
    const parent = queue.shift()!
    const root = rootWhy.get(parent.digest)!
    const through = `${shortDigest(parent.digest)} (${root})`
    for (const child of links.get(parent.digest)!.children) {
      const version = byDigest.get(child)
      if (version) keep(version, 'referenced', `listed by ${through}`, root)
    }
    for (const referrer of referrers.get(parent.digest) ?? []) {
      const version = byDigest.get(referrer)
      if (version) keep(version, 'referenced', `a referrer of ${through}`, root)
    }
  }
  const doomed = versions.filter(v => !kept.has(v.digest))
  return {
    deletions: deletionBatches(doomed, links, ageOf),
    kept: versions.flatMap(v => kept.get(v.digest) ?? []),
  }
}

/**
 * Orders deletions so that a version goes only after every doomed version that references it: a run stopped
 * half way leaves orphans, never an index without its children.
 */
function deletionBatches(
  doomed: PackageVersion[],
  links: ReadonlyMap<Digest, ManifestLinks>,
  ageOf: (v: PackageVersion) => number,
): PruneDecision[][] {
  const doomedDigests = new Set(doomed.map(v => v.digest))
  // Who references each doomed version, among the doomed: the indexes listing it, and what it is the subject of.
  const referencedBy = new Map<Digest, Digest[]>(doomed.map(v => [v.digest, []]))
  for (const version of doomed) {
    const { children, subject } = links.get(version.digest)!
    for (const target of [...children, ...(subject ? [subject] : [])]) {
      if (doomedDigests.has(target) && target !== version.digest)
        referencedBy.get(target)!.push(version.digest)
    }
  }
  const level = new Map<Digest, number>()
  const levelOf = (digest: Digest, path: Set<Digest>): number => {
    const known = level.get(digest)
    if (known !== undefined) return known
    // Content addressing rules out cycles; a malformed manifest claiming one just gets no order.
    if (path.has(digest)) return 0
    path.add(digest)
    const parents = referencedBy.get(digest)!
    const value = parents.length ? 1 + Math.max(...parents.map(p => levelOf(p, path))) : 0
    path.delete(digest)
    level.set(digest, value)
    return value
  }
  const batches: PruneDecision[][] = []
  for (const version of doomed) {
    const parents = referencedBy.get(version.digest)!
    const why = parents.length
      ? `untagged; referenced only by versions deleted too (${parents.map(shortDigest).join(', ')})`
      : 'untagged, and no tagged or recent version references it'
    const batch = levelOf(version.digest, new Set())
    ;(batches[batch] ??= []).push({ version, ageMs: ageOf(version), why })
  }
  return batches.filter(Boolean)
}

/** `45 s`, `12 min`, `30 h`, `3 d`: an age as the summary shows it (whole units, rounded down; hours up to 2 d). */
export function formatAge(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`
  if (seconds < 2 * 86400) return `${Math.floor(seconds / 3600)} h`
  return `${Math.floor(seconds / 86400)} d`
}
