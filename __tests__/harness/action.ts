/**
 * Runs the bundled action the way a runner does: `node dist/index.js` with inputs as INPUT_* variables and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY pointing at files. What users run is what the tests run.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execute, removeTree, tempDir } from './processes.js'

/** The repository root: the nearest folder above this file with action.yml (the demo runs a compiled copy). */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'action.yml'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('action.yml not found above the harness')
    dir = parent
  }
  return dir
}

export const Bundle = join(repositoryRoot(), 'dist', 'index.js')

export interface ActionRun {
  exitCode: number
  /** Everything the action printed, stdout then stderr. */
  log: string
  /** What a runner shows: the log without `::add-mask::` commands, which the runner consumes. */
  visibleLog: string
  outputs: Record<string, string>
  summary: string
}

/** The variables of a runner that a test does not set explicitly; GitHub-only ones are left out. */
export function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (
      !key.startsWith('INPUT_') &&
      !key.startsWith('GITHUB_') &&
      !key.startsWith('ACTIONS_') &&
      key !== 'RUNNER_ARCH'
    ) {
      env[key] = value
    }
  }
  return env
}

/**
 * Runs the bundle once. `inputs` use action.yml's names (`digests-path`), `env` adds or overrides variables;
 * `bundle` is another copy of dist/index.js to run.
 */
export async function runAction(
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
  bundle = Bundle,
): Promise<ActionRun> {
  const dir = await tempDir('nma-action-')
  try {
    const outputFile = join(dir, 'output')
    const summaryFile = join(dir, 'summary')
    await writeFile(outputFile, '')
    await writeFile(summaryFile, '')
    const variables: NodeJS.ProcessEnv = {
      ...baseEnv(),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...env,
    }
    for (const [name, value] of Object.entries(inputs)) variables[`INPUT_${name.toUpperCase()}`] = value
    const finished = await execute(process.execPath, [bundle], { env: variables, ...(cwd && { cwd }) })
    const log = finished.stdout + finished.stderr
    return {
      exitCode: finished.exitCode ?? -1,
      log,
      visibleLog: log
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n'),
      outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
    }
  } finally {
    await removeTree(dir)
  }
}

/** GITHUB_OUTPUT's format, as @actions/core writes it: `name<<delimiter`, value lines, `delimiter`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!)
    outputs[name!] = value.join('\n')
  }
  return outputs
}

/** Fails a test with the action's log when it did not succeed, so the reason is on screen. */
export function expectSuccess(run: ActionRun): ActionRun {
  if (run.exitCode !== 0) throw new Error(`the action failed (exit ${run.exitCode}):\n${run.log}`)
  return run
}
