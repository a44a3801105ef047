import type { DigestRecord } from '../core/record.js'
import type { RecordAt } from '../core/selection.js'

/** A record as the merge received it, with where it came from (a file, an artifact) for error messages. */
export type ReceivedRecord = RecordAt

/**
 * How digest records travel from build jobs to the merge job: a directory the user moves themselves
 * (`digests-path`), or workflow artifacts the action uploads and downloads itself.
 */
export interface RecordTransport {
  /** Stores a build's record; returns where, for the log. */
  put(record: DigestRecord): Promise<string>
  /** Every record that might belong to this merge, validated; choosing among them is the core's job. */
  list(): Promise<ReceivedRecord[]>
  /** Removes what `list` returned, after a successful publish. */
  cleanup(): Promise<void>
}
