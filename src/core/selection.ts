import type { DigestRecord, RunIdentity } from './record.js'
import { formatRepository, type Repository } from './reference.js'

/** A record with the place it was read from. */
export interface RecordAt {
  record: DigestRecord
  source: string
}

/** The records a merge uses, and those it passed over with the reason (for the log). */
export interface RecordSelection {
  selected: RecordAt[]
  ignored: { source: string; reason: string }[]
}

/**
 * Chooses the records that belong to this merge: for these images, from this run, and per platform only the
 * newest attempt not after the merge's own (re-running a failed leg writes a second record; only the newest
 * counts, so attempts never mix). Two different records of one attempt for one platform are an error.
 */
export function selectRecords(records: RecordAt[], images: Repository[], run: RunIdentity): RecordSelection {
  const wanted = new Set(images.map(formatRepository))
  const ignored: RecordSelection['ignored'] = []
  const byPlatform = new Map<string, RecordAt[]>()
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
    if (run.attempt && record.run.attempt > run.attempt) {
      ignored.push({
        source: at.source,
        reason: `it is from attempt ${record.run.attempt}, after this attempt ${run.attempt}`,
      })
      continue
    }
    const list = byPlatform.get(record.platform) ?? []
    list.push(at)
    byPlatform.set(record.platform, list)
  }
  const selected: RecordAt[] = []
  for (const [platform, list] of byPlatform) {
    const newest = Math.max(...list.map(at => at.record.run.attempt))
    for (const at of list.filter(at => at.record.run.attempt < newest)) {
      ignored.push({
        source: at.source,
        reason: `attempt ${at.record.run.attempt} was superseded by attempt ${newest}`,
      })
    }
    const current = uniqueByDigest(list.filter(at => at.record.run.attempt === newest))
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

function uniqueByDigest(list: RecordAt[]): RecordAt[] {
  const seen = new Map<string, RecordAt>()
  for (const at of list) if (!seen.has(at.record.digest)) seen.set(at.record.digest, at)
  return [...seen.values()]
}
