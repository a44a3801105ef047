import { createHash } from 'node:crypto'

/** A content digest as the OCI image spec writes it: `algorithm:encoded`. */
export type Digest = `${string}:${string}`

const DigestPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/
const EncodedLength: Record<string, number> = { sha256: 64, sha512: 128 }

/** Whether `value` is a well-formed digest of a registered algorithm (sha256, sha512). */
export function isDigest(value: string): value is Digest {
  if (!DigestPattern.test(value)) return false
  const [algorithm, encoded] = value.split(':') as [string, string]
  const length = EncodedLength[algorithm]
  return length !== undefined && encoded.length === length && /^[a-f0-9]+$/.test(encoded)
}

/** Parses a digest, or throws naming where it came from and the expected form. */
export function parseDigest(value: string, where: string): Digest {
  const trimmed = value.trim()
  if (!isDigest(trimmed)) {
    throw new Error(
      `${where}: '${value}' is not a digest. Expected sha256: followed by 64 lowercase hex digits.`,
    )
  }
  return trimmed
}

/** The sha256 digest of exactly these bytes: what a registry computes for a manifest PUT. */
export function sha256Digest(bytes: Uint8Array): Digest {
  return digestOf(bytes, 'sha256')
}

/** The digest of `bytes` in the algorithm another digest names (`sha256`, `sha512`). */
export function digestOf(bytes: Uint8Array, algorithm: string): Digest {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`
}

/** A running hash in the algorithm `digest` names, for bytes that arrive in chunks; `digest()` ends it. */
export function hasherFor(digest: Digest): { update(chunk: Uint8Array): void; digest(): Digest } {
  const algorithm = digest.slice(0, digest.indexOf(':'))
  const hash = createHash(algorithm)
  return {
    update: chunk => void hash.update(chunk),
    digest: () => `${algorithm}:${hash.digest('hex')}`,
  }
}

/** The first 12 hex digits, as Docker shows image IDs; for names and logs only. */
export function shortDigest(digest: Digest): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13)
}
