import type { Logger } from '../core/logger.js'
import { silentLogger } from '../core/logger.js'
import { type BuilderName, BuilderNames, Input } from '../settings/names.js'
import { inputLabel } from '../settings/values.js'
import { buildahBuilder } from './buildah.js'
import { buildxBuilder } from './buildx.js'
import { type CommandOptions, findOnPath, type ProbeResult, probeCommand } from './command.js'
import type { Builder } from './types.js'

export interface SelectBuilderOptions extends CommandOptions {
  /** Told which builder was picked and why the others were not. */
  logger?: Logger
}

/** How to get each builder onto a runner, for the error when it is missing. */
const InstallHints: Record<BuilderName, string> = {
  buildx:
    'add a docker/setup-buildx-action step before this one (and have a Docker engine: GitHub-hosted Ubuntu runners do)',
  podman: `install it first, e.g. 'sudo apt-get install -y podman' on Debian and Ubuntu`,
  buildah: `install it first, e.g. 'sudo apt-get install -y buildah' on Debian and Ubuntu`,
}

/**
 * The builder for input `builder` (a name settings has checked). `auto` takes buildx when the plugin is
 * installed and a Docker engine answers, else podman, else buildah. An explicit choice must be installed; buildx
 * then needs no local engine, since a `remote` or `kubernetes` builder has none. podman and buildah are found on
 * PATH without being run; buildx's probes run in parallel.
 */
export async function selectBuilder(
  choice: 'auto' | BuilderName,
  options: SelectBuilderOptions = {},
): Promise<Builder> {
  const { logger = silentLogger, ...commandOptions } = options
  const wanted: readonly BuilderName[] = choice === 'auto' ? BuilderNames : [choice]
  const probes = await Promise.all(wanted.map(name => probeBuilder(name, choice === 'auto', commandOptions)))
  const reasons: string[] = []
  for (const [i, name] of wanted.entries()) {
    const probe = probes[i]!
    if (probe.ok) {
      const found = probe.found.trim().split('\n')[0]
      logger.info(`Using ${name} (${found})${choice === 'auto' ? `, chosen by ${Input.Builder}: auto` : ''}`)
      return makeBuilder(name, commandOptions)
    }
    reasons.push(probe.reason)
    if (choice === 'auto') logger.debug(`builder auto: not ${name}: ${probe.reason}`)
  }
  if (choice !== 'auto') {
    throw new Error(
      `${inputLabel(Input.Builder)} is '${choice}', but ${reasons[0]}. To use it, ${InstallHints[choice]}.`,
    )
  }
  throw new Error(
    `${inputLabel(Input.Builder)} is 'auto', but no builder is usable (${wanted.map((name, i) => `${name}: ${reasons[i]}`).join('; ')}). ` +
      `For buildx, ${InstallHints.buildx}; for podman or buildah, install the Debian/Ubuntu package of that name.`,
  )
}

/**
 * Whether a builder can run here: podman and buildah by their path, buildx by its version. podman and buildah
 * are not run (a Go program started only to say its version cost each build ~100 ms), so an installed but
 * broken podman fails at its build, not here, and `auto` does not fall back past it. buildx in `auto` also needs
 * a Docker engine that answers, which the plugin's presence alone does not promise (the CLI is often installed
 * without an engine); plugins live in several directories, so the docker CLI is asked.
 */
async function probeBuilder(
  name: BuilderName,
  needEngine: boolean,
  options: CommandOptions,
): Promise<ProbeResult> {
  if (name !== 'buildx') {
    const path = await findOnPath(name, options)
    return path ? { ok: true, found: path } : { ok: false, reason: `${name} is not on PATH` }
  }
  const [plugin, engine] = await Promise.all([
    probeCommand('docker', ['buildx', 'version'], options),
    needEngine ? probeCommand('docker', ['version', '--format', '{{.Server.Version}}'], options) : undefined,
  ])
  if (!plugin.ok) return { ok: false, reason: `'docker buildx version' failed (${plugin.reason})` }
  if (engine && !engine.ok) return { ok: false, reason: `no Docker engine answers (${engine.reason})` }
  return plugin
}

function makeBuilder(name: BuilderName, options: CommandOptions): Builder {
  return name === 'buildx' ? buildxBuilder(options) : buildahBuilder(name, options)
}
