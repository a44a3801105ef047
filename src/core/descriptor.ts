import type { Digest } from './digest.js'
import type { Platform } from './platform.js'

/** An OCI content descriptor: what an index lists for each child manifest. */
export interface Descriptor {
  mediaType: string
  digest: Digest
  size: number
  platform?: Platform
  annotations?: Record<string, string>
  artifactType?: string
}

/** The annotations buildx puts on an attestation manifest's descriptor. */
export const AttestationAnnotation = {
  ReferenceType: 'vnd.docker.reference.type',
  ReferenceDigest: 'vnd.docker.reference.digest',
  AttestationManifest: 'attestation-manifest',
} as const

/**
 * Whether a descriptor describes another manifest rather than being a runnable image: buildx's
 * `attestation-manifest`, or any other `vnd.docker.reference.type` a builder adds. A type this action does not
 * know is still carried into the index beside its image, never dropped and never taken for an image.
 */
export function isAttestation(descriptor: Descriptor): boolean {
  return descriptor.annotations?.[AttestationAnnotation.ReferenceType] !== undefined
}
