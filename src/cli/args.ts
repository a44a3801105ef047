import { parseArgs } from 'node:util'
import { Input, type Mode, Modes } from '../settings/names.js'
import type { InputReader } from '../settings/values.js'

/**
 * Every input as a flag, except `mode`, which is the command (`native-multiarch build|merge|prune`),
 * `keep-artifacts`, since the command line hands records over through a directory only, and `github-token`,
 * which comes from the environment only (NATIVE_MULTIARCH_GITHUB_TOKEN or GITHUB_TOKEN), never a visible argument.
 */
type Flag = Exclude<Input, Input.Mode | Input.KeepArtifacts | Input.GithubToken>

/** Where a flag's value may also come from: `digests-path` is `NATIVE_MULTIARCH_DIGESTS_PATH`. */
export function envName(input: Input): string {
  return `NATIVE_MULTIARCH_${input.toUpperCase().replace(/-/g, '_')}`
}

// One line per flag; typed over every input, so a new input cannot be left out of --help.
const FlagHelp: Record<Flag, string> = {
  [Input.Images]: 'image names without tag, e.g. ghcr.io/acme/app (required)',
  [Input.DigestsPath]: 'directory of digest records: build writes one, merge reads all (required)',
  [Input.Platform]: "build: the one platform to build (default: this machine's)",
  [Input.Builder]: 'build: auto, buildx, podman or buildah (default auto)',
  [Input.Context]: 'build: build context directory (default .)',
  [Input.File]: 'build: Dockerfile/Containerfile path',
  [Input.Target]: 'build: stage to stop at',
  [Input.BuildArgs]: 'build: KEY=VALUE, repeat the flag for more',
  [Input.Labels]: 'build: key=value, repeat the flag for more',
  [Input.Push]: 'build: false only builds (default true)',
  [Input.CacheFrom]: 'build, buildx: cache sources',
  [Input.CacheTo]: 'build, buildx: cache exports',
  [Input.ArchTags]: 'build: also push these tags with an architecture suffix (1.4-arm64)',
  [Input.Tags]: 'merge: tags for the index (default: from --metadata, else latest)',
  [Input.Metadata]: "docker/metadata-action's JSON: tags and annotations (merge), labels (build)",
  [Input.Platforms]: 'merge: platforms that must be present, e.g. linux/amd64,linux/arm64',
  [Input.Digests]: 'merge: more sources: sha256:..., repo@sha256:... or repo:tag',
  [Input.Annotations]: 'merge: index annotations, key=value, repeat the flag for more',
  [Input.InsecureRegistries]: 'registry hosts to reach over plain HTTP besides loopback ones',
  [Input.HandoffKey]: 'separates hand-offs of the same images in one records directory',
  [Input.Prune]: 'merge: prune the images after a successful publish (a switch)',
  [Input.PruneMinAge]: 'prune: keep versions changed more recently than this (default 24h)',
  [Input.DryRun]: 'prune: list what would be deleted, delete nothing (a switch)',
  [Input.GithubRegistryHosts]: "prune: a GitHub Enterprise Server's container registry hosts",
}

/** Flags that take no value: given means true. */
const Switches: ReadonlySet<string> = new Set([Input.Prune, Input.DryRun])

/** The `--help` text. */
export function usage(): string {
  const width = Math.max(...Object.keys(FlagHelp).map(flag => flag.length)) + 4
  const flags = Object.entries(FlagHelp).map(([flag, help]) => `  --${flag.padEnd(width - 2)}${help}`)
  return [
    'Usage: native-multiarch build|merge --images IMAGE --digests-path DIR [flags]',
    '       native-multiarch prune --images IMAGE [--dry-run] [--prune-min-age 24h]',
    '',
    'Builds one platform and pushes it by digest (build), or publishes the multi-arch index of every',
    "platform's digest record under its tags (merge), or deletes the untagged versions of GitHub container",
    'packages that no tagged version references (prune, with a token in GITHUB_TOKEN or',
    `${envName(Input.GithubToken)}). The same engine as the GitHub Action; flags are named`,
    'like its inputs. A flag given several times, or a value with newlines, is a list. Each flag can also',
    `come from the environment: --digests-path from ${envName(Input.DigestsPath)}, and so on.`,
    '',
    'Flags:',
    ...flags,
    '  --help, -h'.padEnd(width + 2) + 'this text',
    '',
    'Outputs are printed as name=value lines (digest=..., refs=...). Credentials come from the docker',
    "config file (DOCKER_CONFIG or ~/.docker/config.json), as 'docker login' writes it.",
  ].join('\n')
}

/** A command line that does not parse; the message says what is wrong, `--help` the rest. */
export class UsageError extends Error {}

/** What the command line asks for: the help text, or a step with its inputs. */
export type CommandLine = { kind: 'help' } | { kind: 'step'; mode: Mode; read: InputReader }

/**
 * Parses `build|merge [--flag value]...`; a flag's value, else its `NATIVE_MULTIARCH_*` variable, is the
 * input's text. Throws a usage error naming what is wrong.
 */
export function parseCommandLine(argv: string[], env: Record<string, string | undefined>): CommandLine {
  const options = Object.fromEntries(
    Object.keys(FlagHelp).map(flag => [
      flag,
      Switches.has(flag)
        ? { type: 'boolean' as const, multiple: true as const }
        : { type: 'string' as const, multiple: true as const },
    ]),
  )
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help' }
  const [mode, ...extra] = positionals
  if (!mode || !(Modes as readonly string[]).includes(mode) || extra.length) {
    throw new UsageError(
      `Expected one command, ${Modes.slice(0, -1).join(', ')} or ${Modes.at(-1)}; got ${positionals.length ? positionals.map(p => `'${p}'`).join(' ') : 'none'}.`,
    )
  }
  const flags = values as Record<string, (string | boolean)[] | undefined>
  const read: InputReader = name => {
    if (name === Input.Mode) return mode
    if (name === Input.GithubToken) return env[envName(Input.GithubToken)] ?? env.GITHUB_TOKEN ?? ''
    const given = flags[name]
    // A switch given twice is still one switch.
    if (given && Switches.has(name)) return String(given.at(-1))
    return given?.join('\n') ?? env[envName(name as Input)] ?? ''
  }
  if (mode !== 'prune' && !read(Input.DigestsPath).trim()) {
    throw new UsageError(
      `--${Input.DigestsPath} (or ${envName(Input.DigestsPath)}) is required: build writes its digest record there and merge reads them from it.`,
    )
  }
  return { kind: 'step', mode: mode as Mode, read }
}
