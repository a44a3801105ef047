/**
 * Process plumbing for the integration harness: free ports, temp dirs, one-shot commands and
 * long-running daemons that are always stopped by the PID we started, never by name.
 */
import { spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'

/** A port that was free a moment ago on 127.0.0.1 (the kernel picked it for port 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no port from the kernel'))))
    })
  })
}

/**
 * Polls `url` until anything answers over HTTP. Any status counts (an auth-enabled registry answers
 * /v2/ with 401). `daemon`, when given, makes a crashed start-up fail at once, with its logs.
 */
export async function waitForHttp(url: string, timeoutMs = 15000, daemon?: Daemon): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    if (daemon?.exited) {
      throw new Error(`${daemon.name} exited (${daemon.exitStatus}) before ${url} answered\n${daemon.logs()}`)
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      await response.arrayBuffer()
      return
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      const logs = daemon ? `\n${daemon.logs()}` : ''
      throw new Error(`${url} did not answer within ${timeoutMs} ms: ${String(lastError)}${logs}`)
    }
    await sleep(50)
  }
}

/** A fresh directory under the OS temp dir; the caller removes it (see removeTree). */
export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix))
}

/**
 * Removes a directory tree. Mount points left below it (dockerd's exec-root can hold some) are
 * detached first, so the removal never walks into another filesystem.
 */
export async function removeTree(dir: string): Promise<void> {
  const prefix = path.resolve(dir) + '/'
  let mounts: string[] = []
  try {
    mounts = (await fs.readFile('/proc/self/mountinfo', 'utf8'))
      .split('\n')
      .map(line => line.split(' ')[4])
      .filter((point): point is string => point !== undefined && point.startsWith(prefix))
  } catch {
    // No /proc (not Linux): nothing can be mounted there by our daemons either.
  }
  // Deepest first, lazily, so a busy mount does not block the test run.
  for (const point of mounts.sort((a, b) => b.length - a.length)) {
    await run('umount', ['-l', point]).catch(() => undefined)
  }
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 })
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** Options of run(). `env` replaces the environment (pass `{...process.env, X}` to extend it). */
export interface RunOptions {
  env?: NodeJS.ProcessEnv
  cwd?: string
  input?: string | Buffer
}

/** A finished command: its exit code (null when a signal ended it) and both streams. */
export interface Finished {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs a command without a shell and collects its output, whatever its exit status. */
export function execute(cmd: string, args: string[], options: RunOptions = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (exitCode, signal) =>
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    )
    if (options.input !== undefined && child.stdin) {
      child.stdin.end(options.input)
    }
  })
}

/**
 * Runs a command without a shell and collects its output. Rejects on a non-zero exit with the
 * command line and its stderr in the message, so a failing test says what went wrong.
 */
export async function run(
  cmd: string,
  args: string[],
  options: RunOptions = {},
): Promise<{ stdout: string; stderr: string }> {
  const { exitCode, signal, stdout, stderr } = await execute(cmd, args, options)
  if (exitCode === 0) return { stdout, stderr }
  const status = signal ? `signal ${signal}` : `exit code ${exitCode}`
  const detail = stderr.trim() || stdout.trim().slice(-2000)
  throw new CommandError(`${cmd} ${args.join(' ')} failed (${status}): ${detail}`, stdout, stderr, exitCode)
}

/** What run() rejects with: the message has stderr, the fields keep both streams. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly stdout: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message)
    this.name = 'CommandError'
  }
}

/** A long-running process started by startDaemon(). */
export interface Daemon {
  readonly name: string
  readonly pid: number
  /** Files that receive the process's stdout and stderr, for diagnostics and log parsing. */
  readonly stdoutFile: string
  readonly stderrFile: string
  readonly exited: boolean
  /** `exit code N` or `signal S` once exited. */
  readonly exitStatus: string | undefined
  /** The last lines of stdout and stderr, for error messages. */
  logs(maxChars?: number): string
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>
}

const running = new Set<Daemon>()

// Outside Jest, a process that exits without stopping its daemons still takes them down (by PID).
// Under Jest this never fires (each test file gets a copy of `process`); the pdeathsig below does.
process.once('exit', () => {
  for (const daemon of running) killGroup(daemon.pid, 'SIGKILL')
})

/**
 * `setpriv --pdeathsig KILL --` (util-linux) makes the kernel SIGKILL the daemon when the process
 * that started it dies, even if it dies without running afterAll. setpriv execs, so the PID is the daemon's.
 */
function deathSignalWrapper(): string[] {
  const dirs = (process.env.PATH ?? '/usr/bin:/bin').split(path.delimiter)
  const setpriv = dirs.map(dir => path.join(dir, 'setpriv')).find(file => existsSync(file))
  return setpriv ? [setpriv, '--pdeathsig', 'KILL', '--'] : []
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // detached: true made the daemon a process-group leader, so -pid reaches its helpers too.
    process.kill(-pid, signal)
  } catch {
    try {
      process.kill(pid, signal)
    } catch {
      // Already gone.
    }
  }
}

/**
 * Starts `cmd` in its own process group (and session) with stdout and stderr going to files in
 * `logDir`. Only the returned handle stops it; if the test process dies first, the kernel kills it.
 */
export async function startDaemon(
  name: string,
  cmd: string,
  args: string[],
  options: { logDir: string; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<Daemon> {
  const stdoutFile = path.join(options.logDir, `${name}.stdout.log`)
  const stderrFile = path.join(options.logDir, `${name}.stderr.log`)
  const outFd = openSync(stdoutFile, 'a')
  const errFd = openSync(stderrFile, 'a')
  const [wrapper, ...wrapperArgs] = [...deathSignalWrapper(), cmd, ...args]
  let child
  try {
    child = spawn(wrapper, wrapperArgs, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', outFd, errFd],
    })
  } finally {
    closeSync(outFd)
    closeSync(errFd)
  }
  // spawn reports a missing binary asynchronously; wait for either outcome.
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', reject)
  })
  const pid = child.pid as number
  let exitStatus: string | undefined
  const exited = new Promise<void>(resolve => {
    child.once('exit', (code, signal) => {
      exitStatus = signal ? `signal ${signal}` : `exit code ${code}`
      running.delete(daemon)
      resolve()
    })
  })
  // The daemon must not keep the test process alive by itself.
  child.unref()

  const daemon: Daemon = {
    name,
    pid,
    stdoutFile,
    stderrFile,
    get exited() {
      return exitStatus !== undefined
    },
    get exitStatus() {
      return exitStatus
    },
    logs(maxChars = 4000) {
      const tail = (file: string): string => {
        try {
          return readFileSync(file, 'utf8').slice(-maxChars)
        } catch {
          return ''
        }
      }
      return `--- ${name} stdout ---\n${tail(stdoutFile)}\n--- ${name} stderr ---\n${tail(stderrFile)}`
    },
    async stop(graceMs = 10000) {
      if (exitStatus !== undefined) return
      killGroup(pid, 'SIGTERM')
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
  running.add(daemon)
  return daemon
}
