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
function envName(input: Input): string {
  return `NATIVE_MULTIARCH_${input.toUpperCase().replace(/-/g, '_')}`
}

/** How the inputs without a flag reach the command line, for messages that name them. */
export const InputsWithoutFlags: Readonly<Record<string, string>> = {
  [Input.GithubToken]: `${envName(Input.GithubToken)} (or GITHUB_TOKEN)`,
}

// One line per flag; typed over every input, so a new input cannot be left out of --help.
const FlagHelp: Record<Flag, string> = {
  [Input.Images]: 'image names without tag, e.g. ghcr.io/acme/app (required)',
  [Input.DigestsPath]: 'directory of digest records: build writes one, merge reads all (optional)',
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
  [Input.OptionalPlatforms]: 'merge: platforms that may be missing; published without them',
  [Input.TagPolicy]: 'merge: forward keeps a tag at a newer index, always moves it (default forward)',
  [Input.Digests]: 'merge: more sources: sha256:..., repo@sha256:... or repo:tag',
  [Input.VerifyPlatforms]:
    "merge: true reads each record's image config to check its platform (default false)",
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
    'Usage: native-multiarch build|merge --images IMAGE [--digests-path DIR] [flags]',
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
    '',
    'More: https://github.com/native-multiarch/native-multiarch#beyond-github-the-command-line',
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
  checkFlags(argv)
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
  return { kind: 'step', mode: mode as Mode, read }
}

/**
 * Says in the command line's words what Node's parser would say in its own: an unknown flag with the closest
 * known one, a flag without its value. Runs before the parser, which then only sees lines that parse.
 */
function checkFlags(argv: string[]): void {
  const known = [...Object.keys(FlagHelp), 'help']
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') return
    if (!arg.startsWith('--')) {
      if (/^-[^-]/.test(arg) && arg !== '-h') throw new UsageError(`unknown flag ${arg}.`)
      continue
    }
    const name = arg.slice(2).split('=')[0]!
    if (!known.includes(name)) {
      const closest = closestName(name, known)
      throw new UsageError(`unknown flag --${name}${closest ? `; did you mean --${closest}?` : '.'}`)
    }
    // Switches (--help, --dry-run, --prune) take no value; a value may be joined with '='.
    if (name === 'help' || Switches.has(name) || arg.includes('=')) continue
    const value = argv[i + 1]
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`--${name} needs a value: --${name} VALUE (or --${name}=VALUE).`)
    }
    i++
  }
}

/** The known name nearest to `name` by edit distance, when it is near enough to be a typo. */
function closestName(name: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined
  for (const candidate of known) {
    const distance = editDistance(name, candidate)
    if (!best || distance < best.distance) best = { name: candidate, distance }
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined
}

/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution)
    }
    previous = current
  }
  return previous[b.length]!
}
