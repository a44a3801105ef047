import { execFile } from 'node:child_process'
import { access, constants, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { getExecOutput } from '@actions/exec'
import { formatPlatform } from '../core/platform.js'
import { Input } from '../settings/names.js'
import { inputPhrase } from '../settings/values.js'
import type { BuildRequest } from './types.js'

/** How the builder adapters run their tools; the same options for buildah, podman and buildx. */
export interface CommandOptions {
  /**
   * The whole environment of every command (default: this process's). buildah and podman read
   * `STORAGE_DRIVER`, `BUILDAH_ISOLATION` and `CONTAINERS_STORAGE_CONF`; buildx `DOCKER_HOST`, `DOCKER_CONFIG`
   * and `BUILDX_BUILDER`.
   */
  env?: NodeJS.ProcessEnv
  /** Do not echo command lines and their output: for tests. The action shows them in the job log. */
  silent?: boolean
  /** Where OCI layouts and metadata files are written: `RUNNER_TEMP`, else the system's temp directory. */
  tempDir?: string
}

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string
  stderr: string
}

/** The environment a command runs in, without unset entries (which child processes cannot take). */
function commandEnv(options: CommandOptions): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(options.env ?? process.env))
    if (value !== undefined) env[key] = value
  return env
}

/** The directory temporary outputs go under. */
export function tempRoot(options: CommandOptions): string {
  return options.tempDir ?? process.env.RUNNER_TEMP ?? tmpdir()
}

/**
 * Runs a tool with an argument vector, never through a shell, so build-arg values such as `a;b $(x)` arrive as
 * data. Output streams to the job log unless silent. A non-zero exit throws an error naming the command and
 * quoting the end of what it wrote to stderr, which is where buildah, podman and buildx explain failures.
 */
export async function runCommand(
  command: string,
  args: string[],
  options: CommandOptions,
): Promise<CommandOutput> {
  const output = await getExecOutput(command, args, {
    env: commandEnv(options),
    silent: options.silent ?? false,
    ignoreReturnCode: true,
  })
  if (output.exitCode !== 0) {
    const detail = lastLines(output.stderr || output.stdout, 20)
    // `docker buildx build`, `podman push`: the subcommand words before the first flag.
    const firstFlag = args.findIndex(arg => arg.startsWith('-'))
    const name = [command, ...args.slice(0, firstFlag < 0 ? 2 : Math.min(firstFlag, 2))].join(' ')
    throw new Error(`'${name}' failed with exit code ${output.exitCode}${detail ? `:\n${detail}` : ''}`)
  }
  return { stdout: output.stdout, stderr: output.stderr }
}

/** The flags every builder takes alike: the platform, Dockerfile, target, build args and labels, each its own argument. */
export function commonBuildFlags(request: BuildRequest): string[] {
  const args = ['--platform', formatPlatform(request.platform)]
  if (request.file) args.push('--file', request.file)
  if (request.target) args.push('--target', request.target)
  for (const buildArg of request.buildArgs) args.push('--build-arg', buildArg)
  for (const label of request.labels) args.push('--label', label)
  return args
}

/** The outcome of a quick probe: what it found (`docker buildx version`'s output, a path), or why it failed. */
export type ProbeResult = { ok: true; found: string } | { ok: false; reason: string }

/**
 * Runs a short query command silently with a time limit, for detecting tools: a missing tool or an engine that
 * does not answer is an answer here, not an error. Not for builds: those stream their output through runCommand.
 */
export function probeCommand(
  command: string,
  args: string[],
  options: CommandOptions,
  timeoutMs = 10_000,
): Promise<ProbeResult> {
  return new Promise(resolve => {
    execFile(
      command,
      args,
      { env: commandEnv(options), timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, found: stdout })
        const code = (error as NodeJS.ErrnoException).code
        const reason =
          code === 'ENOENT'
            ? `${command} is not on PATH`
            : error.killed
              ? `no answer within ${timeoutMs / 1000} s`
              : lastLines(stderr || stdout, 3) || error.message
        resolve({ ok: false, reason })
      },
    )
  })
}

/**
 * The first executable file named `command` in the directories of PATH (from the options' environment), as a
 * shell would find it; undefined when there is none. Finding buildah this way costs a few stat calls, where
 * running `buildah --version` started a Go program for ~60-100 ms of every build step.
 */
export async function findOnPath(command: string, options: CommandOptions): Promise<string | undefined> {
  const env = options.env ?? process.env
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, command)
    const info = await stat(candidate).catch(() => undefined)
    if (!info?.isFile()) continue
    const executable = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    )
    if (executable) return candidate
  }
  return undefined
}

/** Throws unless the build context is an existing directory: the builders' own messages for this are cryptic. */
export async function checkContext(context: string): Promise<void> {
  const info = await stat(context).catch(() => undefined)
  if (!info?.isDirectory()) {
    throw new Error(
      `Build context '${context}' ${info ? 'is not a directory' : 'does not exist'}. Set ${inputPhrase(Input.Context)} to the directory holding the files the Dockerfile copies.`,
    )
  }
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n')
}
