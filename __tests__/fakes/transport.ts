import { parseRecord, serializeRecord } from '../../src/core/record.js'
import type { RecordTransport } from '../../src/handoff/types.js'
import type { Journal } from './registry.js'

export interface MemoryTransport extends RecordTransport {
  /** The records as stored: serialized text, as a file or an artifact holds them. */
  stored: string[]
  /** How many times `cleanup` ran. */
  cleanups: number
}

/**
 * Records in memory, written and read through `serializeRecord` and `parseRecord` as the directory and artifact
 * transports do, so what a merge reads is what those would give it. `nowhere`: a transport that stores nothing
 * (as off GitHub without `digests-path`).
 */
export function memoryTransport(journal: Journal = [], { nowhere = false } = {}): MemoryTransport {
  const transport: MemoryTransport = {
    stored: [],
    cleanups: 0,
    async put(record) {
      journal.push({ op: 'record', target: record.platform })
      if (nowhere) return undefined
      transport.stored.push(serializeRecord(record))
      return `memory #${transport.stored.length}`
    },
    async list() {
      journal.push({ op: 'list', target: '' })
      return transport.stored.map((text, i) => ({
        record: parseRecord(text, `memory #${i + 1}`),
        source: `memory #${i + 1}`,
      }))
    },
    async cleanup() {
      journal.push({ op: 'cleanup', target: '' })
      transport.cleanups++
    },
  }
  return transport
}
