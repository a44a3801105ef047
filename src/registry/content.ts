import { Transform } from 'node:stream'
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
 * Passes bytes through, failing at the end when their digest (or count, when known) is not what was promised.
 * With `hash: false` it only counts: for bytes another stream is already checking against the same digest.
 */
export function verifyingStream(
  digest: Digest,
  size: number | undefined,
  what: string,
  { hash: hashing = true } = {},
): Transform {
  const hash = hashing ? hasherFor(digest) : { update: () => {}, digest: () => digest }
  let length = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      length += chunk.length
      if (size !== undefined && length > size) {
        callback(new Error(`${what} has more than the ${size} bytes its descriptor says.`))
        return
      }
      hash.update(chunk)
      callback(null, chunk)
    },
    flush(callback) {
      const actual = hash.digest()
      if (size !== undefined && length !== size) {
        callback(new Error(`${what} has ${length} bytes, not the ${size} its descriptor says.`))
      } else if (actual !== digest) {
        callback(new Error(`${what} has digest ${actual}: the content is not what was asked for.`))
      } else {
        callback()
      }
    },
  })
}
