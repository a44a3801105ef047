import { machine } from 'node:os'
import { readGitHubContext } from '../github/context.js'
import {
  type BuildSettings,
  type MergeSettings,
  parseSettings,
  type PruneSettings,
} from '../settings/settings.js'
import type { StepShell } from './step-context.js'

export { errorMessage, type StepShell } from './step-context.js'

/** One mode's step, given its settings and the shell. */
export type ModeStep<S> = (settings: S, shell: StepShell) => Promise<void>

/**
 * Each mode's code, asked for only when that mode runs. The action loads it from a chunk of its bundle, so a
 * merge never parses the builders and a build never parses the merge; the command line, one file by design,
 * holds them all.
 */
export interface StepModes {
  build(): Promise<ModeStep<BuildSettings>>
  merge(): Promise<ModeStep<MergeSettings>>
  prune(): Promise<ModeStep<PruneSettings>>
}

/**
 * One build, merge or prune step, whichever shell runs it: reads settings once, runs the mode, sets outputs and
 * the summary. Errors propagate to the shell, which reports them once.
 */
export async function runStep(shell: StepShell, modes: StepModes): Promise<void> {
  const github = await readGitHubContext(shell.env)
  const settings = parseSettings(shell.read, { env: shell.env, machine: machine(), github })
  // The runner masks `github.token` itself; a token passed any other way is masked here.
  if (settings.mode === 'merge' && settings.githubToken) shell.setSecret(settings.githubToken)
  if (settings.mode === 'prune' && settings.prune.token) shell.setSecret(settings.prune.token)
  for (const notice of settings.notices) shell.logger.info(notice)
  if (settings.mode === 'build') await (await modes.build())(settings, shell)
  else if (settings.mode === 'merge') await (await modes.merge())(settings, shell)
  else await (await modes.prune())(settings, shell)
}
