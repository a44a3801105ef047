import { pipeline, type Readable, Transform } from 'node:stream'
import { type Digest, digestOf, hasherFor, isDigest, sha256Digest } from '../core/digest.js'

/**
 * The digest of `bytes`, checked against `expected` in its own algorithm when there is one: a registry or
 * proxy that hands back other bytes than asked for is caught here, not three steps later.
 */
export function checkDigest(bytes: Buffer, expected: string | undefined, name: string, who: string): Digest {
  if (!expected || !isDigest(expected)) return sha256Digest(bytes)
  const algorithm = expected.slice(0, expected.indexOf(':'))
  const actual = digestOf(bytes, algorithm)
  if (actual !== expected) {
    throw new Error(`${who} gave bytes for ${name} whose digest is ${actual}, not ${expected}.`)
  }
  return algorithm === 'sha256' ? actual : sha256Digest(bytes)
}

/**
 * Passes bytes through, failing when their digest (or count, when known) is not what was promised. With the
 * size known, the last chunk is held until the digest is checked, so bytes that do not match never all arrive:
 * an upload they feed stays incomplete, and no registry can store them, whether it checks digests or not.
 * `progress` is told the running count after each chunk.
 */
function verifyingStream(
  digest: Digest,
  size: number | undefined,
  what: string,
  { progress }: { progress?: (bytes: number) => void } = {},
): Transform {
  const hash = hasherFor(digest)
  let length = 0
  let checked = false
  const mismatch = (): Error | undefined => {
    checked = true
    const actual = hash.digest()
    return actual === digest
      ? undefined
      : new Error(`${what} has digest ${actual}: the content is not what was asked for.`)
  }
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      // Nothing to count or hash, and the hash may be finished already (an empty chunk after the last).
      if (chunk.length === 0) return callback()
      length += chunk.length
      if (size !== undefined && length > size) {
        callback(new Error(`${what} has more than the ${size} bytes its descriptor says.`))
        return
      }
      hash.update(chunk)
      progress?.(length)
      if (length === size) {
        const error = mismatch()
        if (error) return callback(error)
      }
      callback(null, chunk)
    },
    flush(callback) {
      if (size !== undefined && length !== size) {
        return callback(new Error(`${what} has ${length} bytes, not the ${size} its descriptor says.`))
      }
      callback(checked ? undefined : mismatch())
    },
  })
}

/** `stream` read through a `verifyingStream`; an error of either ends the result, and ending it closes both. */
export function verified(
  stream: Readable,
  digest: Digest,
  size: number | undefined,
  what: string,
  options: { progress?: (bytes: number) => void } = {},
): Readable {
  return pipeline(stream, verifyingStream(digest, size, what, options), () => {})
}
