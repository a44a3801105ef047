/**
 * Real images for integration tests: built with buildah (FROM scratch + COPY, so any platform builds
 * natively in ~0.1 s), exported as OCI layouts or pushed to a loopback registry, and read back with
 * skopeo the way a client of a given architecture would pull them.
 */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { removeTree, run, tempDir } from './processes.js'

const OciIndex = 'application/vnd.oci.image.index.v1+json'
const OciManifest = 'application/vnd.oci.image.manifest.v1+json'
const OciConfig = 'application/vnd.oci.image.config.v1+json'
const InTotoJson = 'application/vnd.in-toto+json'

/** Platforms writeSampleContext() has a platform file for unless told otherwise. */
export const SamplePlatforms: readonly string[] = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm64/v8',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
]

/** sha256 digest string of some bytes, the way registries name content. */
export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/** `os/arch[/variant]` split into the fields image configs and indexes use. */
export function splitPlatform(platform: string): { os: string; architecture: string; variant?: string } {
  const [os, architecture, variant] = platform.split('/')
  if (!os || !architecture) throw new Error(`platform ${platform} is not os/arch[/variant]`)
  return variant ? { os, architecture, variant } : { os, architecture }
}

/**
 * An environment in which buildah (and podman) use their own vfs storage in a new temp dir and chroot
 * isolation, so parallel tests never share images or locks. `env` is the whole environment, ready for
 * spawn or @actions/exec. buildah 1.28 reads credentials from `$DOCKER_CONFIG/config.json` (checked),
 * so a writeDockerConfig() env spread over it logs buildah in the way docker/login-action would.
 */
export async function buildahEnv(): Promise<BuildahEnv> {
  const dir = await tempDir('harness-buildah-')
  const conf = path.join(dir, 'storage.conf')
  await fs.writeFile(conf, `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/graph"\nrunroot = "${dir}/run"\n`)
  const vars = { STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot', CONTAINERS_STORAGE_CONF: conf }
  const env: NodeJS.ProcessEnv = { ...process.env, ...vars }
  // An auth file named by the caller's environment would leak credentials into tests.
  delete env.REGISTRY_AUTH_FILE
  return { env, vars, dir, cleanup: () => removeTree(dir) }
}

/** What buildahEnv() returns. */
export interface BuildahEnv {
  /** process.env with `vars` applied and REGISTRY_AUTH_FILE removed. */
  env: NodeJS.ProcessEnv
  /** Only the variables that select the private storage (to set them on process.env in a test). */
  vars: { STORAGE_DRIVER: string; BUILDAH_ISOLATION: string; CONTAINERS_STORAGE_CONF: string }
  /** The temp dir holding storage.conf, graph/ and run/; free for scratch files too. */
  dir: string
  cleanup(): Promise<void>
}

/**
 * Writes a build context whose image holds `/platform.txt` naming the target platform:
 * `platforms/<os>/<arch>[/<variant>]/platform.txt` per platform, picked by
 * `COPY platforms/${TARGETPLATFORM}/platform.txt`. The file holds the platform string, then
 * `\n<content>` when `content` is given (to make otherwise identical builds differ).
 */
export async function writeSampleContext(
  dir: string,
  opts: { content?: string; platforms?: readonly string[] } = {},
): Promise<void> {
  for (const platform of opts.platforms ?? SamplePlatforms) {
    const platformDir = path.join(dir, 'platforms', platform)
    await fs.mkdir(platformDir, { recursive: true })
    const text = opts.content === undefined ? platform : `${platform}\n${opts.content}`
    await fs.writeFile(path.join(platformDir, 'platform.txt'), text)
  }
  // ARG values are not expanded inside copied files, but they are in COPY's source path.
  await fs.writeFile(
    path.join(dir, 'Dockerfile'),
    'FROM scratch\nARG TARGETPLATFORM\nCOPY platforms/${TARGETPLATFORM}/platform.txt /platform.txt\n',
  )
}

interface BuildOptions {
  /** A build context with a Dockerfile; default: a fresh writeSampleContext(). */
  context?: string
  /** Passed to writeSampleContext() when no context is given. */
  content?: string
}

/**
 * Builds `platform` in its own buildah storage and hands the image to `use` by name. Builds are
 * reproducible (`--timestamp 0`): the same platform and content give the same digest.
 */
async function withBuiltImage<T>(
  platform: string,
  opts: BuildOptions & { tag?: string },
  use: (image: string, storage: BuildahEnv) => Promise<T>,
): Promise<T> {
  const storage = await buildahEnv()
  try {
    let context = opts.context
    if (!context) {
      context = path.join(storage.dir, 'context')
      const platforms = SamplePlatforms.includes(platform) ? SamplePlatforms : [...SamplePlatforms, platform]
      await writeSampleContext(context, { content: opts.content, platforms })
    }
    const image = `localhost/harness-build:${opts.tag ?? 'latest'}`
    await run(
      'buildah',
      ['build', '--quiet', '--timestamp', '0', '--platform', platform, '-t', image, context],
      {
        env: storage.env,
      },
    )
    return await use(image, storage)
  } finally {
    await storage.cleanup()
  }
}

/**
 * Builds one platform with buildah and exports it as an OCI image layout (`buildah push IMG oci:DIR`).
 * `digest` is the image manifest's, from the layout's index.json.
 */
export async function buildLayout(
  platform: string,
  opts: BuildOptions & { tag?: string } = {},
): Promise<{ dir: string; digest: string; cleanup(): Promise<void> }> {
  const dir = await tempDir('harness-layout-')
  try {
    await withBuiltImage(platform, opts, (image, { env }) =>
      run('buildah', ['push', '--quiet', image, `oci:${dir}`], { env }),
    )
    const index = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[]
    }
    return { dir, digest: index.manifests[0].digest, cleanup: () => removeTree(dir) }
  } catch (error) {
    await removeTree(dir)
    throw error
  }
}

/**
 * Builds `platform` and pushes it by tag to `ref` (`127.0.0.1:PORT/repo:tag`) with buildah, over
 * plain HTTP. Returns the manifest digest as stored (from `--digestfile`). `format` picks OCI (the
 * default) or Docker schema 2 manifests. `creds` is `user:password`.
 */
export async function pushImage(
  platform: string,
  ref: string,
  opts: BuildOptions & { creds?: string; format?: 'oci' | 'v2s2' } = {},
): Promise<string> {
  return withBuiltImage(platform, opts, async (image, { env, dir }) => {
    const digestFile = path.join(dir, 'digest')
    const args = ['push', '--quiet', '--tls-verify=false', '--digestfile', digestFile]
    args.push('--format', opts.format ?? 'oci')
    if (opts.creds) args.push('--creds', opts.creds)
    await run('buildah', [...args, image, `docker://${ref}`], { env })
    return (await fs.readFile(digestFile, 'utf8')).trim()
  })
}

/** A descriptor as written into an index. */
interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { os: string; architecture: string; variant?: string }
  annotations?: Record<string, string>
}

/** Stores `bytes` in an OCI layout's blob store. */
async function writeBlob(layout: string, bytes: Buffer | string, mediaType: string): Promise<Descriptor> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes)
  const digest = sha256Digest(buffer)
  await fs.mkdir(path.join(layout, 'blobs', 'sha256'), { recursive: true })
  await fs.writeFile(path.join(layout, 'blobs', 'sha256', digest.slice(7)), buffer)
  return { mediaType, digest, size: buffer.length }
}

/** Copies every blob of layout `from` into layout `to` and returns `from`'s image descriptor. */
async function mergeLayout(from: string, to: string): Promise<Descriptor> {
  const source = path.join(from, 'blobs', 'sha256')
  const target = path.join(to, 'blobs', 'sha256')
  await fs.mkdir(target, { recursive: true })
  for (const name of await fs.readdir(source)) {
    await fs.copyFile(path.join(source, name), path.join(target, name))
  }
  const index = JSON.parse(await fs.readFile(path.join(from, 'index.json'), 'utf8')) as {
    manifests: Descriptor[]
  }
  const { mediaType, digest, size } = index.manifests[0]
  return { mediaType, digest, size }
}

/** Writes an OCI index blob and makes it the layout's only entry, ready for `skopeo copy --all oci:DIR`. */
async function writeIndex(
  layout: string,
  manifests: Descriptor[],
): Promise<{ digest: string; bytes: Buffer }> {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OciIndex, manifests }))
  const descriptor = await writeBlob(layout, bytes, OciIndex)
  await fs.writeFile(path.join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  await fs.writeFile(
    path.join(layout, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [descriptor] }),
  )
  return { digest: descriptor.digest, bytes }
}

/**
 * Pushes a layout's index with everything below it. `--preserve-digests` makes skopeo refuse any
 * rewrite, so the registry stores exactly the bytes written here. A `ref` without tag is pushed by digest.
 */
async function pushLayoutIndex(
  layout: string,
  ref: string,
  indexDigest: string,
  creds?: string,
): Promise<void> {
  const target = hasTagOrDigest(ref) ? ref : `${ref}@${indexDigest}`
  await run('skopeo', [
    'copy',
    '--quiet',
    '--all',
    '--preserve-digests',
    '--dest-tls-verify=false',
    ...credsArgs('--dest', creds),
    `oci:${layout}`,
    `docker://${target}`,
  ])
}

function hasTagOrDigest(ref: string): boolean {
  const name = ref.slice(ref.indexOf('/') + 1)
  return name.includes(':') || name.includes('@')
}

/** skopeo credential flags: the given `user:password`, or explicitly none (never an auth file). */
function credsArgs(prefix: '' | '--src' | '--dest', creds: string | undefined): string[] {
  const flag = prefix ? `${prefix}-` : '--'
  return creds ? [`${flag}creds`, creds] : [`${flag}no-creds`]
}

async function platformOfLayout(layout: string, manifestDigest: string): Promise<Descriptor['platform']> {
  const blob = (digest: string): Promise<string> =>
    fs.readFile(path.join(layout, 'blobs', 'sha256', digest.slice(7)), 'utf8')
  const manifest = JSON.parse(await blob(manifestDigest)) as { config: { digest: string } }
  const config = JSON.parse(await blob(manifest.config.digest)) as {
    os: string
    architecture: string
    variant?: string
  }
  return config.variant
    ? { architecture: config.architecture, os: config.os, variant: config.variant }
    : { architecture: config.architecture, os: config.os }
}

/**
 * Builds each platform and pushes one OCI index over all of them to `ref` (by digest if `ref` has
 * no tag). Returns the index digest and each platform's manifest digest, as stored.
 */
export async function pushIndex(
  ref: string,
  platforms: string[],
  opts: { creds?: string; content?: string } = {},
): Promise<{ indexDigest: string; manifests: { platform: string; digest: string }[] }> {
  const layout = await tempDir('harness-index-')
  try {
    const manifests: Descriptor[] = []
    for (const platform of platforms) {
      const built = await buildLayout(platform, { content: opts.content })
      try {
        const descriptor = await mergeLayout(built.dir, layout)
        manifests.push({ ...descriptor, platform: await platformOfLayout(layout, descriptor.digest) })
      } finally {
        await built.cleanup()
      }
    }
    const index = await writeIndex(layout, manifests)
    await pushLayoutIndex(layout, ref, index.digest, opts.creds)
    return {
      indexDigest: index.digest,
      manifests: platforms.map((platform, i) => ({ platform, digest: manifests[i].digest })),
    }
  } finally {
    await removeTree(layout)
  }
}

/**
 * Pushes what `docker buildx build --push --provenance=true` pushes for one platform: an OCI index
 * with the image manifest (with its platform) and an attestation manifest (platform unknown/unknown,
 * annotations `vnd.docker.reference.type: attestation-manifest` and `vnd.docker.reference.digest`,
 * one `application/vnd.in-toto+json` layer holding an SLSA provenance statement). `repoRef` is
 * `host/repo:tag`, or `host/repo` to push by digest. The digests are those stored in the registry
 * (skopeo pushes the bytes unchanged, and the stored index is checked against them).
 */
export async function pushAttestedIndex(
  platform: string,
  repoRef: string,
  opts: { creds?: string; content?: string } = {},
): Promise<{ indexDigest: string; imageDigest: string; attestationDigest: string }> {
  const layout = await tempDir('harness-attested-')
  try {
    const built = await buildLayout(platform, { content: opts.content })
    let image: Descriptor
    try {
      image = await mergeLayout(built.dir, layout)
    } finally {
      await built.cleanup()
    }
    image.platform = await platformOfLayout(layout, image.digest)

    const statement = {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject: [{ name: `pkg:docker/harness@${platform}`, digest: { sha256: image.digest.slice(7) } }],
      predicate: { builder: { id: 'https://github.com/native-multiarch/harness' }, buildType: 'harness' },
    }
    const layer = await writeBlob(layout, JSON.stringify(statement), InTotoJson)
    layer.annotations = { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' }
    const config = await writeBlob(
      layout,
      JSON.stringify({
        architecture: 'unknown',
        os: 'unknown',
        config: {},
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
      }),
      OciConfig,
    )
    const attestationManifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: OciManifest,
      config,
      layers: [layer],
    })
    const attestation = await writeBlob(layout, attestationManifest, OciManifest)
    attestation.annotations = {
      'vnd.docker.reference.digest': image.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    }
    attestation.platform = { architecture: 'unknown', os: 'unknown' }

    const index = await writeIndex(layout, [image, attestation])
    await pushLayoutIndex(layout, repoRef, index.digest, opts.creds)
    const stored = await inspectRaw(hasTagOrDigest(repoRef) ? repoRef : `${repoRef}@${index.digest}`, opts)
    if (sha256Digest(stored) !== index.digest) {
      throw new Error(`registry stores index ${sha256Digest(stored)}, pushed ${index.digest}`)
    }
    return { indexDigest: index.digest, imageDigest: image.digest, attestationDigest: attestation.digest }
  } finally {
    await removeTree(layout)
  }
}

/** What pullAs() found: the image a client on `platform` gets. */
export interface PulledImage {
  architecture: string
  os: string
  variant?: string
  /** The content of /platform.txt in the image (see writeSampleContext). */
  platformFile: string
  /** Digest of the platform manifest, as stored in the registry. */
  digest: string
  mediaType: string
}

/**
 * Pulls `ref` as a client on `platform` would (skopeo resolves an index with --override-os/arch/variant)
 * into a `dir:` copy, which keeps the manifest bytes, then reads the config and unpacks the layers
 * (gzip or plain tar) to read /platform.txt.
 */
export async function pullAs(
  ref: string,
  platform: string,
  opts: { creds?: string } = {},
): Promise<PulledImage> {
  const dir = await tempDir('harness-pull-')
  try {
    const { os, architecture, variant } = splitPlatform(platform)
    const overrides = ['--override-os', os, '--override-arch', architecture]
    if (variant) overrides.push('--override-variant', variant)
    const copy = path.join(dir, 'image')
    await run('skopeo', [
      ...overrides,
      'copy',
      '--quiet',
      '--src-tls-verify=false',
      ...credsArgs('--src', opts.creds),
      `docker://${ref}`,
      `dir:${copy}`,
    ])
    const manifestBytes = await fs.readFile(path.join(copy, 'manifest.json'))
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as {
      mediaType?: string
      config: { digest: string }
      layers: { digest: string }[]
    }
    const blobPath = (digest: string): string => path.join(copy, digest.replace(/^sha256:/, ''))
    const config = JSON.parse(await fs.readFile(blobPath(manifest.config.digest), 'utf8')) as {
      architecture: string
      os: string
      variant?: string
    }
    const rootfs = path.join(dir, 'rootfs')
    await fs.mkdir(rootfs)
    for (const layer of manifest.layers) {
      // GNU tar detects gzip itself when reading a file.
      await run('tar', ['-xf', blobPath(layer.digest), '-C', rootfs])
    }
    const pulled: PulledImage = {
      architecture: config.architecture,
      os: config.os,
      platformFile: await fs.readFile(path.join(rootfs, 'platform.txt'), 'utf8').catch(() => {
        throw new Error(
          `${ref} as ${platform}: the image has no /platform.txt (not built from writeSampleContext?)`,
        )
      }),
      digest: sha256Digest(manifestBytes),
      mediaType: manifest.mediaType ?? '',
    }
    if (config.variant) pulled.variant = config.variant
    return pulled
  } finally {
    await removeTree(dir)
  }
}

/** The exact bytes the registry stores for `ref` (`skopeo inspect --raw`), without any resolution. */
export async function inspectRaw(ref: string, opts: { creds?: string } = {}): Promise<string> {
  const { stdout } = await run('skopeo', [
    'inspect',
    '--raw',
    '--tls-verify=false',
    ...credsArgs('', opts.creds),
    `docker://${ref}`,
  ])
  return stdout
}

/**
 * Opens an upload session in `repository` on the registry at `registryUrl` (the POST of a monolithic upload);
 * returns the URL to PUT the blob `digest` to: the registry's Location, resolved against the POST's own URL as
 * src/registry/blobs.ts does, its query (upload state) kept as it came, with the digest added.
 */
export async function openUpload(registryUrl: string, repository: string, digest: string): Promise<URL> {
  const started = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST' })
  await started.arrayBuffer()
  const location = started.headers.get('location')
  if (started.status !== 202 || !location) {
    throw new Error(`upload POST to ${repository} answered ${started.status}`)
  }
  const url = new URL(location, started.url)
  url.search = `${url.search ? `${url.search}&` : '?'}digest=${encodeURIComponent(digest)}`
  return url
}

/** Uploads a blob to `repository` on the registry at `registryUrl` (monolithic POST then PUT). */
async function uploadBlob(registryUrl: string, repository: string, bytes: Buffer): Promise<Descriptor> {
  const digest = sha256Digest(bytes)
  const location = await openUpload(registryUrl, repository, digest)
  const put = await fetch(location, { method: 'PUT', body: bytes })
  await put.arrayBuffer()
  if (put.status !== 201) throw new Error(`blob upload to ${repository} answered ${put.status}`)
  return { mediaType: 'application/vnd.oci.empty.v1+json', digest, size: bytes.length }
}

/** PUTs manifest bytes under `reference` (a tag, or their digest when none is given); returns the digest. */
export async function putManifest(
  registryUrl: string,
  repository: string,
  manifest: object,
  tag?: string,
): Promise<{ digest: string; mediaType: string; size: number }> {
  const bytes = Buffer.from(JSON.stringify(manifest))
  const digest = sha256Digest(bytes)
  const mediaType = (manifest as { mediaType: string }).mediaType
  const response = await fetch(`${registryUrl}/v2/${repository}/manifests/${tag ?? digest}`, {
    method: 'PUT',
    headers: { 'content-type': mediaType },
    body: bytes,
  })
  const text = await response.text()
  if (response.status !== 201)
    throw new Error(`manifest PUT to ${repository} answered ${response.status}: ${text}`)
  return { digest, mediaType, size: bytes.length }
}

/**
 * Pushes an OCI artifact manifest (what cosign, notation or an SBOM tool pushes): the empty config, no layers,
 * an `artifactType`, a `note` annotation that makes it unique, and a `subject` when it refers to a manifest.
 * Pushed by digest unless `tag` is given.
 */
export async function pushArtifact(
  registryUrl: string,
  repository: string,
  opts: { note: string; subject?: { digest: string; mediaType: string; size: number }; tag?: string },
): Promise<string> {
  const config = await uploadBlob(registryUrl, repository, Buffer.from('{}'))
  const manifest: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: OciManifest,
    artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    config,
    layers: [],
    annotations: { note: opts.note },
  }
  if (opts.subject) manifest.subject = opts.subject
  return (await putManifest(registryUrl, repository, manifest, opts.tag)).digest
}

/** Pushes an OCI index over manifests already in `repository`, by digest unless `tag` is given. */
export async function pushIndexOf(
  registryUrl: string,
  repository: string,
  manifests: { digest: string; mediaType: string; size: number }[],
  tag?: string,
): Promise<string> {
  const index = { schemaVersion: 2, mediaType: OciIndex, manifests }
  return (await putManifest(registryUrl, repository, index, tag)).digest
}
