/** Docker CLI config directories, written the way docker/login-action leaves them. */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { removeTree, tempDir } from './processes.js'

export interface DockerConfigDir {
  /** The directory holding config.json; point DOCKER_CONFIG at it. */
  dir: string
  /** The config.json path. */
  file: string
  env: { DOCKER_CONFIG: string }
  cleanup(): Promise<void>
}

/**
 * Writes `config.json` with `auths.<host>.auth` = base64 `user:pass` into a new temp dir.
 * `extra` is merged in at the top level (e.g. `{credHelpers: {...}}`); an `auths` in it is
 * merged with the generated entries.
 */
export async function writeDockerConfig(
  auths: Record<string, { username: string; password: string }>,
  extra: object = {},
): Promise<DockerConfigDir> {
  const dir = await tempDir('harness-docker-config-')
  const entries: Record<string, { auth: string }> = {}
  for (const [host, { username, password }] of Object.entries(auths)) {
    entries[host] = { auth: Buffer.from(`${username}:${password}`).toString('base64') }
  }
  const extraAuths = (extra as { auths?: Record<string, unknown> }).auths ?? {}
  const config = { ...extra, auths: { ...extraAuths, ...entries } }
  const file = path.join(dir, 'config.json')
  await fs.writeFile(file, JSON.stringify(config, null, '\t') + '\n', { mode: 0o600 })
  return { dir, file, env: { DOCKER_CONFIG: dir }, cleanup: () => removeTree(dir) }
}
