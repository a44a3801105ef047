import { directoryTransport } from '../handoff/directory.js'
import { noTransport } from '../handoff/none.js'
import { inertLog, outputLines } from '../action/runner.js'
import { buildMode } from '../action/build-mode.js'
import { mergeMode } from '../action/merge-mode.js'
import { pruneMode } from '../action/prune-mode.js'
import { errorMessage, runStep, type StepModes } from '../action/run-step.js'
import type { Logger } from '../core/logger.js'
import { speakInFlags } from '../settings/values.js'
import { InputsWithoutFlags, parseCommandLine, usage, UsageError } from './args.js'

/**
 * Every mode, loaded with the rest: dist/cli.js is one file that users may download alone, and a dynamic
 * import would make the bundler split it into chunks.
 */
const Modes: StepModes = {
  build: async () => buildMode,
  merge: async () => mergeMode,
  prune: async () => pruneMode,
}

/** Where the command line writes: stdout for the log and outputs, stderr for warnings and errors. */
export interface Terminal {
  out(line: string): void
  err(line: string): void
}

const processTerminal: Terminal = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
}

/** A terminal whose lines cannot start a workflow command, whatever text from outside they carry. */
function inertTerminal(terminal: Terminal): Terminal {
  return { out: line => terminal.out(inertLog(line)), err: line => terminal.err(inertLog(line)) }
}

/**
 * `native-multiarch build|merge ...`: the action's step with a plain log (no workflow commands), outputs as
 * `name=value` lines, and the records directory as the hand-off. Returns the exit code: 1 on any failure.
 */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  given: Terminal = processTerminal,
): Promise<number> {
  // Every message from here on names flags (--tags), not the action's inputs.
  speakInFlags(InputsWithoutFlags)
  // In a GitHub Actions `run:` step the runner reads this output for workflow commands too.
  const terminal = env.GITHUB_ACTIONS === 'true' ? inertTerminal(given) : given
  try {
    const command = parseCommandLine(argv, env)
    if (command.kind === 'help') {
      terminal.out(usage())
      return 0
    }
    const logger: Logger = {
      debug: message => {
        if (env.NATIVE_MULTIARCH_DEBUG) terminal.out(`debug: ${message}`)
      },
      info: message => terminal.out(message),
      warning: message => terminal.err(`warning: ${message}`),
    }
    await runStep(
      {
        read: command.read,
        env,
        logger,
        group: async (name, fn) => {
          terminal.out(`==> ${name}`)
          return fn()
        },
        setOutput: (name, value) => outputLines(name, value).forEach(line => terminal.out(line)),
        // Nothing here rewrites the log; credentials are never printed in the first place.
        setSecret: () => {},
        // The log already has the table's facts: what was pushed, each platform, every tag.
        writeSummary: async () => {},
        transport: async settings =>
          settings.digestsPath
            ? directoryTransport(settings.digestsPath, { key: settings.handoffKey, logger })
            : noTransport,
      },
      Modes,
    )
    return 0
  } catch (error) {
    terminal.err(`error: ${errorMessage(error)}`)
    if (error instanceof UsageError) terminal.err(`Run 'native-multiarch --help' for the flags.`)
    return 1
  }
}
