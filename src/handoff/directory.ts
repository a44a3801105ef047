import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { Logger } from '../core/logger.js'
import {
  type DigestRecord,
  MaxRecordBytes,
  parseRecord,
  recordFileName,
  serializeRecord,
} from '../core/record.js'
import { Input } from '../settings/names.js'
import { inputLabel } from '../settings/values.js'
import type { ReceivedRecord, StoringTransport } from './types.js'

/**
 * Records as files in a directory the user carries between jobs (their own upload/download-artifact steps, or
 * another CI system's workspace). Subdirectories are read too: download-artifact puts each artifact in one.
 */
export function directoryTransport(dir: string, options: { key: string; logger: Logger }): StoringTransport {
  return {
    async put(record: DigestRecord): Promise<string> {
      await mkdir(dir, { recursive: true })
      const file = join(dir, recordFileName(record, options.key))
      await writeFile(file, serializeRecord(record))
      return file
    },
    async list(): Promise<ReceivedRecord[]> {
      const hint = "Point it at where the build steps' records were downloaded."
      const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
        // Only a missing path is "missing": EACCES on a parent, say, must reach the user as it is.
        if (error.code === 'ENOENT')
          throw new Error(`${inputLabel(Input.DigestsPath)}: '${dir}' does not exist. ${hint}`)
        throw new Error(`${inputLabel(Input.DigestsPath)}: cannot read '${dir}': ${error.message}`)
      })
      if (!info.isDirectory())
        throw new Error(`${inputLabel(Input.DigestsPath)}: '${dir}' is not a directory. ${hint}`)
      const files = await jsonFiles(dir, 3)
      const records: ReceivedRecord[] = []
      for (const file of files) {
        const source = relative(process.cwd(), file) || file
        const size = (await stat(file)).size
        if (size > MaxRecordBytes)
          throw new Error(`Digest record ${source} is not valid: it is larger than ${MaxRecordBytes} bytes.`)
        records.push({ record: parseRecord(await readFile(file, 'utf8'), source), source })
      }
      options.logger.debug(`Read ${records.length} digest record(s) from ${dir}`)
      return records
    },
    // The directory belongs to the user's own steps; leave it as found.
    async cleanup(): Promise<void> {},
  }
}

async function jsonFiles(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: Error) => {
    throw new Error(`${inputLabel(Input.DigestsPath)}: cannot read '${dir}': ${error.message}`)
  })
  const files: string[] = []
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory() && depth > 1) files.push(...(await jsonFiles(path, depth - 1)))
    else if (entry.isFile() && entry.name.endsWith('.json')) files.push(path)
  }
  return files
}
