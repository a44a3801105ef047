import type { DigestRecord, RunIdentity } from './record.js'
import { formatRepository, type Repository } from './reference.js'

/** A record as the merge received it, with where it came from (a file, an artifact) for error messages. */
export interface ReceivedRecord {
  record: DigestRecord
  source: string
}

/** The records a merge uses, and those it passed over with the reason (for the log). */
export interface RecordSelection {
  selected: ReceivedRecord[]
  ignored: { source: string; reason: string }[]
}

/**
 * Chooses the records that belong to this merge: for these images, from this run, and per platform only the
 * newest attempt not after the merge's own (re-running a failed leg writes a second record; only the newest
 * counts, so attempts never mix). Two different records of one attempt for one platform are an error.
 */
export function selectRecords(
  records: ReceivedRecord[],
  images: Repository[],
  run: RunIdentity,
): RecordSelection {
  const wanted = new Set(images.map(formatRepository))
  const ignored: RecordSelection['ignored'] = []
  const candidates: ReceivedRecord[] = []
  for (const at of records) {
    const { record } = at
    if (!record.images.some(image => wanted.has(image))) {
      ignored.push({ source: at.source, reason: `it is for ${record.images.join(', ')}` })
      continue
    }
    if (run.id && record.run.id && record.run.id !== run.id) {
      ignored.push({
        source: at.source,
        reason: `it is from workflow run ${record.run.id}, this is run ${run.id}`,
      })
      continue
    }
    candidates.push(at)
  }
  const { newest, skipped } = newestAttempts(candidates, run.attempt, at => at.record)
  for (const { item, reason } of skipped) ignored.push({ source: item.source, reason })
  const selected: ReceivedRecord[] = []
  for (const list of newest) {
    const platform = list[0]!.record.platform
    const current = uniqueByDigest(list)
    if (current.length > 1) {
      throw new Error(
        `Two digest records for ${platform} in one attempt: ` +
          current.map(at => `${at.record.digest} (${at.source})`).join(' and ') +
          `. Each platform may be built once per run; check the matrix for duplicate platforms.`,
      )
    }
    selected.push(current[0]!)
  }
  return { selected, ignored }
}

/** What attempt selection needs to know of an item: its platform and the run attempt that made it. */
export interface AttemptOf {
  platform: string
  run: { attempt: number }
}

/**
 * Per platform, the items of the newest attempt not after `attempt` (0: any), grouped by platform: a re-run leg
 * supersedes its earlier attempt, so attempts never mix. The rest come back with the reason, as the log says it.
 * The merge's record selection and the artifact hand-off (which skips downloading the rest) both use it.
 */
export function newestAttempts<T>(
  items: T[],
  attempt: number,
  of: (item: T) => AttemptOf,
): { newest: T[][]; skipped: { item: T; reason: string }[] } {
  const skipped: { item: T; reason: string }[] = []
  const byPlatform = new Map<string, T[]>()
  for (const item of items) {
    const { platform, run } = of(item)
    if (attempt && run.attempt > attempt) {
      skipped.push({ item, reason: `it is from attempt ${run.attempt}, after this attempt ${attempt}` })
      continue
    }
    byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), item])
  }
  const newest: T[][] = []
  for (const list of byPlatform.values()) {
    const latest = Math.max(...list.map(item => of(item).run.attempt))
    for (const item of list.filter(item => of(item).run.attempt < latest)) {
      skipped.push({ item, reason: `attempt ${of(item).run.attempt} was superseded by attempt ${latest}` })
    }
    newest.push(list.filter(item => of(item).run.attempt === latest))
  }
  return { newest, skipped }
}

function uniqueByDigest(list: ReceivedRecord[]): ReceivedRecord[] {
  const seen = new Map<string, ReceivedRecord>()
  for (const at of list) if (!seen.has(at.record.digest)) seen.set(at.record.digest, at)
  return [...seen.values()]
}
