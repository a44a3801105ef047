import { pipeline, type Readable, Transform } from 'node:stream'
import { type Digest, digestOf, hasherFor, isDigest, sha256Digest } from '../core/digest.js'
import { canLend, type LentBody } from './wire.js'

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

/** What a stream of content is checked against, and what its reader hears as it goes. */
interface Promised {
  digest: Digest
  /** The byte count, when known: then the last chunk is checked before it is passed on. */
  size: number | undefined
  /** Names the content in errors. */
  what: string
  /** Told the running count after each chunk. */
  progress?: ((bytes: number) => void) | undefined
}

/**
 * Counts and hashes chunks as they pass, and says what is wrong: more bytes than promised, or (once the last
 * byte is in, at the end when the size is not known) a digest that is not the promised one.
 */
function contentCheck({ digest, size, what, progress }: Promised): {
  take(chunk: Buffer): Error | undefined
  finish(): Error | undefined
} {
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
  return {
    take(chunk) {
      // Nothing to count or hash, and the hash may be finished already (an empty chunk after the last).
      if (chunk.length === 0) return undefined
      length += chunk.length
      if (size !== undefined && length > size) {
        return new Error(`${what} has more than the ${size} bytes its descriptor says.`)
      }
      hash.update(chunk)
      progress?.(length)
      return length === size ? mismatch() : undefined
    },
    finish() {
      if (size !== undefined && length !== size) {
        return new Error(`${what} has ${length} bytes, not the ${size} its descriptor says.`)
      }
      return checked ? undefined : mismatch()
    },
  }
}

/**
 * Passes bytes through, failing when their digest (or count, when known) is not what was promised. With the
 * size known, the last chunk is held until the digest is checked, so bytes that do not match never all arrive:
 * an upload they feed stays incomplete, and no registry can store them, whether it checks digests or not.
 */
function verifyingStream(promised: Promised): Transform {
  const check = contentCheck(promised)
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const error = check.take(chunk)
      if (error) callback(error)
      else callback(null, chunk.length ? chunk : undefined)
    },
    flush(callback) {
      callback(check.finish())
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
  return pipeline(stream, verifyingStream({ digest, size, what, ...options }), () => {})
}

/**
 * `verified`, keeping a body that lends its chunks lending them (a blob read by wire.ts, on its way to an
 * upload): each chunk is checked before it is passed on, the last one against the digest.
 */
export function verifiedBody(
  body: Readable | LentBody,
  digest: Digest,
  size: number | undefined,
  what: string,
  options: { progress?: (bytes: number) => void } = {},
): Readable | LentBody {
  if (!canLend(body)) return verified(body, digest, size, what, options)
  const check = contentCheck({ digest, size, what, ...options })
  return {
    lend(take, done) {
      let over = false
      const end = (error?: Error): void => {
        if (over) return
        over = true
        done(error)
      }
      body.lend(
        (chunk, release) => {
          const error = over ? undefined : check.take(chunk)
          if (over || error) {
            release()
            if (error) {
              end(error)
              body.destroy(error)
            }
            return
          }
          take(chunk, release)
        },
        error => end(error ?? check.finish()),
      )
    },
    destroy: error => body.destroy(error),
  }
}
