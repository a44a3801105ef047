import type { DigestRecord } from '../core/record.js'
import type { ReceivedRecord } from '../core/selection.js'

/**
 * How digest records travel from build jobs to the merge job: a directory the user moves themselves
 * (`digests-path`), or workflow artifacts the action uploads and downloads itself.
 */
export interface RecordTransport {
  /** Stores a build's record; returns where, for the log, or undefined when records go nowhere. */
  put(record: DigestRecord): Promise<string | undefined>
  /** Every record that might belong to this merge, validated; choosing among them is the core's job. */
  list(): Promise<ReceivedRecord[]>
  /** Removes what `list` returned, after a successful publish. */
  cleanup(): Promise<void>
}

/** A transport that always stores what it is given: a directory, or artifacts. */
export interface StoringTransport extends RecordTransport {
  put(record: DigestRecord): Promise<string>
}
