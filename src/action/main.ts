import * as core from '@actions/core'
import { machine } from 'node:os'
import { runBuild } from '../build/build-step.js'
import { selectBuilder } from '../build/detect.js'
import type { Logger } from '../core/logger.js'
import { formatPlatform } from '../core/platform.js'
import { formatRepository } from '../core/reference.js'
import { directoryTransport } from '../handoff/directory.js'
import type { RecordTransport } from '../handoff/types.js'
import { runMerge } from '../merge/merge-step.js'
import { createRegistryClient } from '../registry/client.js'
import { dockerConfigCredentials } from '../registry/docker-config.js'
import type { RegistryClient } from '../registry/types.js'
import { Output } from '../settings/names.js'
import { parseSettings, type Settings } from '../settings/settings.js'
import { buildSummary, mergeSummary } from './summary.js'

const logger: Logger = { debug: core.debug, info: core.info, warning: core.warning }

/** The action's entry: reads settings once, runs the mode, sets outputs; any failure is reported once, here. */
export async function run(): Promise<void> {
  try {
    const settings = parseSettings(name => core.getInput(name), { env: process.env, machine: machine() })
    if (settings.mode === 'build') await build(settings)
    else await merge(settings)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : `Unexpected failure: ${String(error)}`)
  }
}

async function build(settings: Extract<Settings, { mode: 'build' }>): Promise<void> {
  const result = await withRegistry(settings, async registry =>
    runBuild(settings, {
      registry,
      transport: await transportFor(settings),
      logger,
      group: core.group,
      selectBuilder: choice => selectBuilder(choice, { logger }),
    }),
  )
  core.setOutput(Output.Platform, formatPlatform(result.platform))
  if (result.pushed) {
    core.setOutput(Output.Digest, result.pushed.digest)
    core.setOutput(Output.Image, result.image)
  }
  const summary = buildSummary(result)
  await writeSummary(summary.heading, summary.rows, result.archRefs)
}

async function merge(settings: Extract<Settings, { mode: 'merge' }>): Promise<void> {
  const result = await withRegistry(settings, async registry =>
    runMerge(settings, { registry, transport: await transportFor(settings), logger, group: core.group }),
  )
  core.setOutput(Output.Digest, result.digest)
  core.setOutput(Output.Refs, result.refs.join('\n'))
  core.setOutput(Output.Platforms, result.sources.map(s => formatPlatform(s.platform)).join(','))
  const summary = mergeSummary(result)
  await writeSummary(summary.heading, summary.rows, summary.refs)
}

/** Runs `use` with a registry client, then closes its keep-alive connections so the process can exit. */
async function withRegistry<T>(
  settings: Settings,
  use: (registry: RegistryClient) => Promise<T>,
): Promise<T> {
  const client = createRegistryClient({
    // Masked the moment they are read, before anything could print them.
    credentials: dockerConfigCredentials({ onSecret: core.setSecret }),
    insecureRegistries: settings.insecureRegistries,
    pushRepositories: settings.images,
    logger,
  })
  try {
    return await use(client)
  } finally {
    client.close()
  }
}

async function transportFor(settings: Settings): Promise<RecordTransport> {
  if (settings.digestsPath)
    return directoryTransport(settings.digestsPath, { key: settings.handoffKey, logger })
  // Loaded only when used: the artifact client is the heaviest part of the bundle.
  const { artifactTransport } = await import('../handoff/artifacts.js')
  return artifactTransport({
    images: settings.images.map(formatRepository),
    key: settings.handoffKey,
    run: settings.run,
    logger,
    keep: settings.mode === 'merge' && settings.keepArtifacts,
  })
}

async function writeSummary(
  heading: string,
  rows: Parameters<typeof core.summary.addTable>[0],
  refs: string[],
): Promise<void> {
  // Outside a runner there is no summary file; the log already has it all.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const summary = core.summary.addHeading(heading, 3).addTable(rows)
  if (refs.length) summary.addList(refs.map(ref => `<code>${ref}</code>`))
  await summary.write()
}
