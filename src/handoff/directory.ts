import type { Dirent, Stats } from 'node:fs'
import { mkdir, readdir, readFile, readlink, realpath, stat, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { type Logger, logSkipped } from '../core/logger.js'
import {
  type DigestRecord,
  MaxRecordBytes,
  parseRecord,
  recordFileName,
  serializeRecord,
} from '../core/record.js'
import { Input } from '../settings/names.js'
import { inputLabel } from '../settings/values.js'
import type { ReceivedRecord } from '../core/selection.js'
import type { StoringTransport } from './types.js'

/**
 * Records as files in a directory the user carries between jobs (their own upload/download-artifact steps, or
 * another CI system's workspace). Subdirectories are read too: download-artifact puts each artifact in one.
 * Links are followed while they stay inside the directory; whatever is passed over is named in the log.
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
      const records: ReceivedRecord[] = []
      for (const { path, real } of await recordFiles(dir, options.logger)) {
        const source = shown(path)
        // Read by its resolved path: the file that was checked to lie inside, wherever the link points later.
        const size = (await stat(real)).size
        if (size > MaxRecordBytes)
          throw new Error(`Digest record ${source} is not valid: it is larger than ${MaxRecordBytes} bytes.`)
        records.push({ record: parseRecord(await readFile(real, 'utf8'), source), source })
      }
      options.logger.debug(`Read ${records.length} digest record(s) from ${dir}`)
      return records
    },
    // The directory belongs to the user's own steps; leave it as found.
    async cleanup(): Promise<void> {},
  }
}

/** A record file found in the directory: where it was named, and the file it is (links resolved). */
interface Found {
  path: string
  real: string
}

/** One walk over the records directory: its real path, what was read, and what was skipped and why. */
interface Walk {
  root: string
  /** Real paths read so far, with the path each was first read by. */
  seen: Map<string, string>
  found: Found[]
  skipped: string[]
}

// Subdirectories read below the records directory: download-artifact's one per artifact, and one more.
const MaxDepth = 3

/**
 * The `.json` files under `dir`, links followed while they stay inside it; every entry passed over that could
 * have been a record is named with the reason (a link outside, a broken link, not a regular file, too deep).
 */
async function recordFiles(dir: string, logger: Logger): Promise<Found[]> {
  const root = await realpath(dir)
  const walk: Walk = { root, seen: new Map([[root, dir]]), found: [], skipped: [] }
  await readDirectory(dir, root, MaxDepth, walk)
  logSkipped(logger, walk.skipped, `entries of '${dir}'`)
  return walk.found
}

async function readDirectory(dir: string, real: string, depth: number, walk: Walk): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: Error) => {
    throw new Error(`${inputLabel(Input.DigestsPath)}: cannot read '${dir}': ${error.message}`)
  })
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name)
    const target = entry.isSymbolicLink()
      ? await followLink(path, walk.root)
      : { real: join(real, entry.name), kind: kindOf(entry) }
    const skip = (why: string) => walk.skipped.push(`Skipped ${shown(path)}: ${why}.`)
    const first = 'real' in target ? walk.seen.get(target.real) : undefined
    if ('reason' in target) skip(target.reason)
    else if (target.kind === 'directory') {
      if (first) skip(`it is the same directory as ${shown(first)}`)
      else if (depth <= 1) skip(`it is more than ${MaxDepth - 1} directories deep`)
      else {
        walk.seen.set(target.real, path)
        await readDirectory(path, target.real, depth - 1, walk)
      }
    } else if (!entry.name.endsWith('.json')) continue
    else if (target.kind !== 'file') skip(`it is not a regular file but a ${target.kind}`)
    else if (first) skip(`it is the same file as ${shown(first)}`)
    else {
      walk.seen.set(target.real, path)
      walk.found.push({ path, real: target.real })
    }
  }
}

type Target = { real: string; kind: string } | { reason: string }

/** Where a link leads: a file or directory inside `root`, or why it is not followed. */
async function followLink(path: string, root: string): Promise<Target> {
  let real: string
  try {
    real = await realpath(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const to = await readlink(path).catch(() => '?')
    return {
      reason:
        code === 'ENOENT'
          ? `it is a broken link (to ${to})`
          : `its link to ${to} cannot be followed (${code})`,
    }
  }
  if (real !== root && !real.startsWith(root + sep))
    return { reason: `it links to ${real}, outside the records directory ${root}` }
  return { real, kind: kindOf(await stat(real)) }
}

function kindOf(entry: Dirent | Stats): string {
  if (entry.isFile()) return 'file'
  if (entry.isDirectory()) return 'directory'
  return entry.isFIFO() ? 'named pipe' : entry.isSocket() ? 'socket' : 'device'
}

function shown(path: string): string {
  return relative(process.cwd(), path) || path
}
