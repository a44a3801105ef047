import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { isObject } from '../core/json.js'
import { canonicalRegistry, DockerHub } from '../core/reference.js'
import type { CredentialStore, Credentials } from './types.js'

export interface DockerConfigOptions {
  /** The environment to read `DOCKER_CONFIG` and `HOME` from, and to run credential helpers in (default process.env). */
  env?: NodeJS.ProcessEnv
  /** Called with every secret the moment it is read, so the action shell can mask it before anything logs. */
  onSecret?: (value: string) => void
  /** How long a credential helper may take (default 30 s). */
  helperTimeoutMs?: number
}

/** The parts of `config.json` that hold credentials. */
interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>
  credHelpers?: Record<string, string>
  credsStore?: string
}

/** The key the docker CLI files Docker Hub's credentials under, and the server URL it hands helpers for it. */
const DockerHubServer = 'https://index.docker.io/v1/'
/** Credential helpers answer with this user name when the secret is an identity token. */
const IdentityTokenUser = '<token>'

/**
 * Credentials as docker/login-action and `docker login` leave them: `$DOCKER_CONFIG/config.json` (or
 * `~/.docker/config.json`), with `credHelpers` and `credsStore` run as `docker-credential-<name> get`. A missing
 * file means anonymous access. The file is read once; the client's Authenticator keeps each registry's answer.
 */
export function dockerConfigCredentials(options: DockerConfigOptions = {}): CredentialStore {
  const env = options.env ?? process.env
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker')
  const file = join(dir, 'config.json')
  const secret = (value: string | undefined): string | undefined => {
    if (value) options.onSecret?.(value)
    return value
  }
  let config: Promise<DockerConfigFile> | undefined

  async function lookup(registry: string): Promise<Credentials | undefined> {
    config ??= readConfig(file)
    const { auths = {}, credHelpers = {}, credsStore } = await config
    const host = normalizeServer(registry)
    const helper = matchKey(credHelpers, host) ?? credsStore
    if (helper) {
      const server = host === DockerHub ? DockerHubServer : host
      const answer = await runHelper(helper, server, env, options.helperTimeoutMs ?? 30_000, file)
      if (answer) {
        const password = secret(answer.Secret)!
        return answer.Username === IdentityTokenUser
          ? { username: IdentityTokenUser, password, identityToken: password }
          : { username: answer.Username, password }
      }
    }
    const entry = matchKey(auths, host)
    if (!entry) return undefined
    const where = `${file}: auths entry for ${registry}`
    let username = entry.username
    let password = secret(entry.password)
    if (entry.auth) {
      secret(entry.auth)
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 0) throw new Error(`${where} has an 'auth' that is not base64 of user:password.`)
      username = decoded.slice(0, colon)
      password = secret(decoded.slice(colon + 1))
    }
    const identityToken = secret(entry.identitytoken)
    if (identityToken)
      return { username: username || IdentityTokenUser, password: identityToken, identityToken }
    if (!username && !password) return undefined
    return { username: username ?? '', password: password ?? '' }
  }

  return { get: lookup }
}

/**
 * The registry host a config key or reference names: `https://ghcr.io/v1/` -> `ghcr.io`, and every spelling
 * of Docker Hub (`index.docker.io`, `registry-1.docker.io`, `https://index.docker.io/v1/`) -> `docker.io`.
 */
export function normalizeServer(server: string): string {
  const host = server
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase()
  return canonicalRegistry(host)
}

function matchKey<T>(entries: Record<string, T>, host: string): T | undefined {
  if (Object.hasOwn(entries, host)) return entries[host]
  const key = Object.keys(entries).find(k => normalizeServer(k) === host)
  return key === undefined ? undefined : entries[key]
}

async function readConfig(file: string): Promise<DockerConfigFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new Error(`Cannot read the docker config ${file}: ${(error as Error).message}`)
  }
  try {
    const value: unknown = JSON.parse(text)
    if (!isObject(value)) throw new Error('not a JSON object')
    return value as DockerConfigFile
  } catch (error) {
    throw new Error(`The docker config ${file} is not valid JSON (${(error as Error).message}).`)
  }
}

/** Runs `docker-credential-<name> get` with the server on stdin; undefined when the helper has nothing for it. */
async function runHelper(
  name: string,
  server: string,
  env: NodeJS.ProcessEnv,
  timeout: number,
  file: string,
): Promise<{ Username: string; Secret: string } | undefined> {
  const program = `docker-credential-${name}`
  // Loaded when a helper is configured: Node's child_process costs every start-up a few milliseconds.
  const { execFile } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      ['get'],
      { env, timeout, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          // The docker-credential-helpers protocol: this message (and exit 1) means "no credentials for it".
          if (/credentials not found/i.test(`${stdout}${stderr}`)) return resolve(undefined)
          const said = stderr.trim()
          const why =
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? 'it is not on PATH'
              : error.killed
                ? `it did not answer within ${timeout / 1000} s`
                : `it failed (exit ${error.code ?? 'unknown'})`
          // Only stderr is quoted: stdout is where a helper would print a secret.
          return reject(
            new Error(
              `${file} names the credential helper ${program} for ${server}, but ${why}${said ? `: ${said.slice(0, 200)}` : ''}.`,
            ),
          )
        }
        try {
          const answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown }
          if (typeof answer.Secret !== 'string' || !answer.Secret) return resolve(undefined)
          resolve({
            Username: typeof answer.Username === 'string' ? answer.Username : '',
            Secret: answer.Secret,
          })
        } catch {
          reject(
            new Error(
              `The credential helper ${program} answered for ${server} with something that is not JSON.`,
            ),
          )
        }
      },
    )
    child.stdin?.on('error', () => {})
    child.stdin?.end(server)
  })
}
