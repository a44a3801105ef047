/**
 * The merge, four ways, on the same images in the same registry: this action's bundle (`mode: merge` from
 * digest records), `docker buildx imagetools create`, `docker manifest create/push` and
 * `podman manifest create/add/push`. Shared by the
 * benchmark (`npm run bench`) and the request-count test (`__tests__/e2e/requests.test.ts`), on top of the
 * test harness.
 */
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expectSuccess, runAction } from '../__tests__/harness/action.js'
import { removeTree, run, tempDir } from '../__tests__/harness/processes.js'
import type { RegistryRequest, RunningRegistry } from '../__tests__/harness/registry.js'
import { timed } from './stats.js'

/**
 * Distinct platforms (distinct once normalized, as the merge compares them), in the order benchmarks take them;
 * 16 for the 16-platform case. writeSampleContext() writes a file for each platform it is given, and
 * `FROM scratch` + `COPY` builds any of them without emulation. buildah 1.28 writes the variant asked for
 * except for 32-bit arm, where it always writes v7 (`linux/arm/v6` comes out as `linux/arm/v7` and the build
 * step rightly fails), so the list takes no other arm/vN.
 */
export const BenchPlatforms: readonly string[] = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/ppc64le',
  'linux/s390x',
  'linux/386',
  'linux/mips64le',
  'linux/riscv64',
  'linux/ppc64',
  'linux/mips64',
  'linux/mipsle',
  'linux/mips',
  'linux/loong64',
  'linux/amd64/v3',
  'linux/arm64/v9',
  'linux/amd64/v2',
]

/** One repository's platform images, pushed by the action's build mode, with the records it wrote. */
export interface BuiltImages {
  /** `host/repo`, no tag. */
  image: string
  platforms: string[]
  /** The platform manifests' digests, in `platforms` order. */
  digests: string[]
  /** The `digests-path` directory holding one record per platform. */
  records: string
}

/**
 * Builds and pushes each platform through the action's build mode (buildah, FROM scratch + COPY, so no
 * emulation is involved), exactly as a matrix leg would, writing the digest records into `records`.
 * `env` must hold a buildahEnv()'s variables, plus a DOCKER_CONFIG for a registry that wants a login.
 */
export async function buildWithAction(
  image: string,
  platforms: readonly string[],
  context: string,
  records: string,
  env: NodeJS.ProcessEnv,
): Promise<BuiltImages> {
  await mkdir(records, { recursive: true })
  const digests: string[] = []
  for (const platform of platforms) {
    const build = expectSuccess(
      await runAction(
        { mode: 'build', builder: 'buildah', images: image, platform, context, 'digests-path': records },
        env,
      ),
    )
    digests.push(build.outputs.digest!)
  }
  return { image, platforms: [...platforms], digests, records }
}

/** `prefix-1 ... prefix-N`: the tags one merge publishes. */
export function tagList(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`)
}

/**
 * This action's merge: `node dist/index.js` with `mode: merge`, reading the build steps' records.
 * `env` may carry a DOCKER_CONFIG with credentials. Returns the index digest.
 */
export async function mergeWithAction(
  built: BuiltImages,
  tags: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const merge = expectSuccess(
    await runAction(
      {
        mode: 'merge',
        images: built.image,
        tags: tags.join(','),
        platforms: built.platforms.join(','),
        'digests-path': built.records,
      },
      env,
    ),
  )
  return merge.outputs.digest!
}

/**
 * The classic way: for each tag, `docker manifest create --insecure --amend REF SRC@DIGEST...` then
 * `docker manifest push --insecure REF`. Needs no engine. The CLI keeps its manifest lists under
 * `$DOCKER_CONFIG/manifests`, so each call gets a private DOCKER_CONFIG (with `config.json` copied from
 * `dockerConfig` when given, for credentials), removed afterwards. `exec` runs each command (default: run()).
 */
export async function mergeWithDockerManifest(
  built: BuiltImages,
  tags: string[],
  dockerConfig?: string,
  exec: CommandRunner = run,
): Promise<void> {
  const config = await tempDir('bench-docker-config-')
  try {
    if (dockerConfig) await copyFile(join(dockerConfig, 'config.json'), join(config, 'config.json'))
    const env = { ...process.env, DOCKER_CONFIG: config }
    const sources = built.digests.map(digest => `${built.image}@${digest}`)
    for (const tag of tags) {
      const ref = `${built.image}:${tag}`
      await exec('docker', ['manifest', 'create', '--insecure', '--amend', ref, ...sources], { env })
      await exec('docker', ['manifest', 'push', '--insecure', ref], { env })
    }
  } finally {
    await removeTree(config)
  }
}

/**
 * `docker buildx imagetools create -t REF... SRC...`: what the Docker docs' multi-runner recipe runs, one call
 * for every tag of one registry. It talks to the registry itself and needs no Docker engine (checked here with
 * none running: the `default` builder then reports an error in `docker buildx ls`, and imagetools works all
 * the same, as it only reads the builder's registry settings and the CLI's credentials).
 *
 * Loopback registries: buildx's resolver (BuildKit's, with containerd's `MatchLocalhost`) speaks plain HTTP to
 * `localhost` and `127.0.0.1:PORT` without being told, so no buildkitd.toml and no `--config` are needed; a
 * non-loopback insecure registry would need `[registry."host:port"] http = true` in the builder's
 * buildkitd.toml. Credentials come from `$DOCKER_CONFIG/config.json` (`auths`, as docker/login-action writes
 * them). buildx also keeps its own state under `$DOCKER_CONFIG/buildx` (builder instances, activity), so give
 * it a DOCKER_CONFIG of its own: `dockerConfig` is that directory (with a config.json when a login is needed).
 *
 * `sources` are `host/repo@sha256:...`; `targets` are full references with their tags (`host/repo:tag`); a
 * target on another registry than the sources makes imagetools copy the children's blobs and manifests.
 */
export function imagetoolsArgs(sources: readonly string[], targets: readonly string[]): string[] {
  return ['buildx', 'imagetools', 'create', ...targets.flatMap(ref => ['-t', ref]), ...sources]
}

let podmanLists = 0

/** How the docker and podman merges run each command: run() by default; the benchmark wraps it to take the peak memory. */
export type CommandRunner = (
  cmd: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv },
) => Promise<unknown>

/**
 * Podman's way: `podman manifest create LIST`, `podman manifest add --tls-verify=false LIST docker://SRC@DIGEST`
 * per platform, then `podman manifest push --tls-verify=false LIST docker://REF` per tag. `storageEnv` is a
 * buildahEnv()'s `env` (private vfs storage). The local list is removed afterwards (not part of the work).
 * `creds` is `user:password` for a registry that wants a login. `exec` runs each command (as for docker's).
 */
export async function mergeWithPodman(
  built: BuiltImages,
  tags: string[],
  storageEnv: NodeJS.ProcessEnv,
  creds?: string,
  exec: CommandRunner = run,
): Promise<void> {
  const list = `localhost/bench-list-${process.pid}-${++podmanLists}`
  const credArgs = creds ? ['--creds', creds] : []
  const env = storageEnv
  try {
    await exec('podman', ['manifest', 'create', list], { env })
    for (const digest of built.digests) {
      await exec(
        'podman',
        ['manifest', 'add', '--tls-verify=false', ...credArgs, list, `docker://${built.image}@${digest}`],
        { env },
      )
    }
    for (const tag of tags) {
      await exec(
        'podman',
        ['manifest', 'push', '--tls-verify=false', ...credArgs, list, `docker://${built.image}:${tag}`],
        { env },
      )
    }
  } finally {
    await run('podman', ['manifest', 'rm', list], { env }).catch(() => undefined)
  }
}

/** Registry requests by kind, from the access log: what a reader of a table wants to see. */
export interface RequestCounts {
  total: number
  /** `METHOD kind -> status` (kind: manifests, blobs, uploads, tags, ping) and how often. */
  byKind: Record<string, number>
}

/** Summarises access-log lines (e.g. `HEAD manifests 200: 4`). */
export function countRequests(requests: RegistryRequest[]): RequestCounts {
  const byKind: Record<string, number> = {}
  for (const { method, path, status } of requests) {
    const kind = /\/blobs\/uploads\//.test(path)
      ? 'uploads'
      : /\/manifests\//.test(path)
        ? 'manifests'
        : /\/blobs\//.test(path)
          ? 'blobs'
          : /\/tags\/list/.test(path)
            ? 'tags'
            : /^\/v2\/?(\?|$)/.test(path)
              ? 'ping'
              : 'other'
    const key = `${method} ${kind} ${status}`
    byKind[key] = (byKind[key] ?? 0) + 1
  }
  return { total: requests.length, byKind }
}

/** Runs `work` and returns the registry requests (and token requests) it caused, and its wall time. */
export async function measure(
  registry: RunningRegistry,
  work: () => Promise<unknown>,
): Promise<{ ms: number; requests: RegistryRequest[]; tokenRequests: number }> {
  await registry.resetRequests()
  const ms = await timed(work)
  return { ms, requests: await registry.requests(), tokenRequests: registry.tokenRequests() }
}
