/** Input names, exactly as action.yml declares them. */
export enum Input {
  Mode = 'mode',
  Images = 'images',
  Platform = 'platform',
  Builder = 'builder',
  Context = 'context',
  File = 'file',
  Target = 'target',
  BuildArgs = 'build-args',
  Labels = 'labels',
  Push = 'push',
  CacheFrom = 'cache-from',
  CacheTo = 'cache-to',
  ArchTags = 'arch-tags',
  Tags = 'tags',
  Platforms = 'platforms',
  OptionalPlatforms = 'optional-platforms',
  TagPolicy = 'tag-policy',
  Digests = 'digests',
  DigestsPath = 'digests-path',
  Annotations = 'annotations',
  Metadata = 'metadata',
  InsecureRegistries = 'insecure-registries',
  HandoffKey = 'handoff-key',
  VerifyPlatforms = 'verify-platforms',
  KeepArtifacts = 'keep-artifacts',
  GithubToken = 'github-token',
  Prune = 'prune',
  PruneMinAge = 'prune-min-age',
  DryRun = 'dry-run',
  GithubRegistryHosts = 'github-registry-hosts',
}

/** Output names, exactly as action.yml declares them. */
export enum Output {
  Digest = 'digest',
  Platform = 'platform',
  Image = 'image',
  Refs = 'refs',
  Kept = 'kept',
  Platforms = 'platforms',
  Pruned = 'pruned',
}

export const Modes = ['build', 'merge', 'prune'] as const
export type Mode = (typeof Modes)[number]

/** The builders the `builder` input names; `auto` picks the first present in this order. */
export const BuilderNames = ['buildx', 'podman', 'buildah'] as const
export type BuilderName = (typeof BuilderNames)[number]
