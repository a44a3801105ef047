import { imagesKey } from '../core/record.js'
import { type Digest, shortDigest } from '../core/digest.js'
import { parsePlatform, platformSlug } from '../core/platform.js'

/*
 * Digest records travel as one workflow artifact per build, named
 *
 *   native-multiarch_<images>_<platform>_attempt-<attempt>_<digest>
 *   native-multiarch_3f9a1c2b7d4e_linux-arm-v7_attempt-2_0123456789ab
 *
 * <images>   the first 12 hex digits of a sha256 over the sorted, de-duplicated, lower-cased images and the
 *            optional key: two image sets in one run, or one reusable workflow called twice with different
 *            keys, never see each other's records. A merge takes only artifacts whose name matches the whole
 *            pattern and carries exactly its own hash: never a prefix or a glob.
 * <platform> the platform slug (linux-arm-v7): matrix legs differ here.
 * <attempt>  the run attempt of the job that uploaded it: "re-run failed jobs" shares the run's artifact
 *            namespace, so attempt 2 must not reuse attempt 1's name (GitHub answers 409 Conflict).
 * <digest>   the first 12 hex digits of the pushed digest: two pushes of one platform in one attempt (a
 *            misconfigured workflow) still get two artifacts, and the merge, not the upload, reports it.
 *
 * Underscores separate the fields because platform slugs use dashes. GitHub refuses names with
 * " : < > | * ? \r \n \ / and names over 256 characters; these names use none of those characters and are at
 * most 125 characters long.
 */

const ArtifactNamePrefix = 'native-multiarch'
/** What GitHub's artifact service accepts (CreateArtifact answers 400 above it). */
export const MaxArtifactNameLength = 256
const MaxPlatformSlugLength = 64
const HashLength = 12

const SlugPattern = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/
const NamePattern = new RegExp(
  `^${ArtifactNamePrefix}_([0-9a-f]{${HashLength}})_([a-z0-9]+(?:[.-][a-z0-9]+)*)_attempt-([1-9][0-9]{0,8})_([0-9a-f]{12})$`,
)

/** What a digest record artifact's name says about its content. */
export interface RecordArtifactName {
  /** `imagesKey` of the images and key the build was given. */
  imagesHash: string
  /** The platform slug, e.g. `linux-arm-v7`. */
  platform: string
  /** The run attempt of the job that uploaded the artifact. */
  attempt: number
  /** The first 12 hex digits of the pushed digest. */
  digest: string
}

/** The artifact name for one build's record; throws if the platform or attempt cannot be written into it. */
export function recordArtifactName(fields: {
  images: readonly string[]
  key?: string
  platform: string
  attempt: number
  digest: Digest
}): string {
  const platform = platformSlug(parsePlatform(fields.platform, 'Digest record platform'))
  if (!SlugPattern.test(platform) || platform.length > MaxPlatformSlugLength) {
    throw new Error(
      `Platform '${fields.platform}' cannot be part of an artifact name: expected os/arch[/variant] of lowercase letters and digits, at most ${MaxPlatformSlugLength} characters.`,
    )
  }
  if (!Number.isInteger(fields.attempt) || fields.attempt < 1 || fields.attempt > 999_999_999) {
    throw new Error(
      `Run attempt ${fields.attempt} cannot be part of an artifact name: expected a positive integer (GITHUB_RUN_ATTEMPT).`,
    )
  }
  const hash = imagesKey(fields.images, fields.key)
  return `${ArtifactNamePrefix}_${hash}_${platform}_attempt-${fields.attempt}_${shortDigest(fields.digest)}`
}

/** Reads a digest record artifact's name, or returns undefined if the whole name is not of that form. */
export function parseRecordArtifactName(name: string): RecordArtifactName | undefined {
  const match = NamePattern.exec(name)
  if (!match || name.length > MaxArtifactNameLength) return undefined
  const [, hash, platform, attempt, digest] = match as unknown as [string, string, string, string, string]
  if (platform.length > MaxPlatformSlugLength) return undefined
  return { imagesHash: hash, platform, attempt: Number(attempt), digest }
}
