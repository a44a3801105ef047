/**
 * A Bearer-token registry as a workflow meets GHCR or Docker Hub: the real registry and its token issuer behind
 * the fault proxy (token requests pass through it too), and a docker config that logs in to the proxy's host,
 * which is the registry's host as the action sees it.
 */
import { type DockerConfigDir, writeDockerConfig } from './docker-config.js'
import { type FaultProxy, startFaultProxy } from './fault-proxy.js'
import { type RunningRegistry, startRegistry } from './registry.js'

export interface ProxiedRegistry {
  registry: RunningRegistry
  proxy: FaultProxy
  /** DOCKER_CONFIG with the registry's credentials filed under the proxy's host. */
  login: DockerConfigDir
  /** Stops the proxy and the registry (by PID, through the harness) and removes the login. */
  stop(): Promise<void>
}

/** `delayMs`: every request, token requests included, waits this long at the proxy (a registry a network away). */
export async function startProxiedTokenRegistry(
  options: { delayMs?: number } = {},
): Promise<ProxiedRegistry> {
  const registry = await startRegistry({ auth: 'token' })
  let proxy: FaultProxy | undefined
  try {
    proxy = await startFaultProxy({
      target: registry.url,
      tokenRealm: registry.token!.realm,
      delayMs: options.delayMs,
    })
    const login = await writeDockerConfig({
      [proxy.host]: { username: registry.username, password: registry.password },
    })
    const started = proxy
    return {
      registry,
      proxy,
      login,
      async stop() {
        await started.stop()
        await registry.stop()
        await login.cleanup()
      },
    }
  } catch (error) {
    await proxy?.stop()
    await registry.stop()
    throw error
  }
}
