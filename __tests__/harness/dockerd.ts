/**
 * A private Docker engine (dockerd 20.10) for tests of the buildx build path: its own data-root,
 * exec-root, socket, config file and containerd namespace, so it shares nothing with another engine.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as http from 'node:http'
import * as path from 'node:path'
import { removeTree, run, sleep, startDaemon, tempDir, type Daemon } from './processes.js'

export interface RunningDockerd {
  /** `unix:///tmp/.../d.sock`, for DOCKER_HOST. */
  host: string
  /**
   * process.env plus DOCKER_HOST and a private, empty DOCKER_CONFIG (buildx keeps its state there);
   * spread a writeDockerConfig() env over it to add credentials.
   */
  env: NodeJS.ProcessEnv
  logs(): string
  stop(): Promise<void>
}

/**
 * Starts dockerd on a private unix socket with vfs storage and no networking setup. Resolves to
 * undefined, after logging why, when no engine can run here (not root, no dockerd, start-up failure).
 * Loopback registries (127.0.0.0/8) are insecure by default, so pushes to the harness registry work
 * over plain HTTP with no daemon configuration.
 */
export async function startDockerd(timeoutMs = 30000): Promise<RunningDockerd | undefined> {
  if (process.getuid?.() !== 0) return unavailable('dockerd needs root')
  try {
    await run('dockerd', ['--version'])
  } catch (error) {
    return unavailable(`dockerd is not installed: ${String(error)}`)
  }
  const root = await tempDir('harness-dockerd-')
  // sun_path holds 108 bytes; containerd's socket is <exec-root>/containerd/containerd.sock.
  const socket = path.join(root, 'd.sock')
  if (path.join(root, 'e', 'containerd', 'containerd.sock').length > 100) {
    await removeTree(root)
    return unavailable(`temp dir ${root} is too long for a unix socket path`)
  }
  const configDir = path.join(root, 'docker-config')
  await fs.mkdir(configDir)
  const daemonJson = path.join(root, 'daemon.json')
  // Our own (empty) config file, so /etc/docker/daemon.json cannot change the engine.
  await fs.writeFile(daemonJson, '{}\n')
  // A containerd already running at /run/containerd would be shared; a namespace of our own keeps us apart.
  const namespace = `harness-${randomBytes(4).toString('hex')}`
  const env = { ...process.env }
  for (const key of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'])
    delete env[key]

  let daemon: Daemon | undefined
  try {
    daemon = await startDaemon(
      'dockerd',
      'dockerd',
      [
        '--data-root',
        path.join(root, 'data'),
        '--exec-root',
        path.join(root, 'e'),
        '-H',
        `unix://${socket}`,
        '--pidfile',
        path.join(root, 'docker.pid'),
        '--config-file',
        daemonJson,
        '--iptables=false',
        '--ip6tables=false',
        '--bridge=none',
        '--storage-driver=vfs',
        '--containerd-namespace',
        namespace,
        '--containerd-plugins-namespace',
        `${namespace}-plugins`,
      ],
      { logDir: root, env },
    )
    await waitForPing(socket, daemon, timeoutMs)
  } catch (error) {
    const logs = daemon?.logs() ?? ''
    await daemon?.stop(20000)
    await removeTree(root)
    return unavailable(`dockerd did not start: ${String(error)}\n${logs}`)
  }
  const running = daemon
  return {
    host: `unix://${socket}`,
    env: { ...env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: configDir },
    logs: () => running.logs(),
    async stop() {
      // dockerd stops its containerd on SIGTERM; give it time before SIGKILL.
      await running.stop(20000)
      await removeTree(root)
    },
  }
}

function unavailable(reason: string): undefined {
  console.warn(`startDockerd: no Docker engine for this test run: ${reason}`)
  return undefined
}

/** Polls GET /_ping on the engine's socket until it answers 200. */
async function waitForPing(socket: string, daemon: Daemon, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (daemon.exited) throw new Error(`dockerd exited (${daemon.exitStatus})`)
    if (existsSync(socket) && (await ping(socket))) return
    if (Date.now() > deadline) throw new Error(`no answer on ${socket} within ${timeoutMs} ms`)
    await sleep(100)
  }
}

function ping(socket: string): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get({ socketPath: socket, path: '/_ping', timeout: 1000 }, res => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
    req.on('timeout', () => req.destroy())
  })
}
