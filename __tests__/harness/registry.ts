/**
 * A real CNCF Distribution 2.8 registry (`docker-registry`) on a loopback port, with no auth,
 * htpasswd Basic auth, or Bearer token auth served by a token issuer inside the test process
 * (the Docker Hub / GHCR flow: 401 challenge, GET or POST to the realm, JWT in `Authorization`).
 */
import { createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto'
import * as fs from 'node:fs/promises'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'
import {
  freePort,
  removeTree,
  run,
  sleep,
  startDaemon,
  tempDir,
  waitForHttp,
  type Daemon,
} from './processes.js'

export type RegistryAuth = 'none' | 'basic' | 'token'

/** One line of the registry's access log. `path` includes the query string. */
export interface RegistryRequest {
  method: string
  path: string
  status: number
}

/** One request the token issuer answered. */
export interface TokenRequest {
  method: 'GET' | 'POST' | string
  /** The `scope` values asked for, e.g. `repository:app:pull,push` (one per repeated parameter). */
  scopes: string[]
  service: string | undefined
  /** The user name the client authenticated as, if it sent credentials at all. */
  username: string | undefined
  status: number
}

export interface RunningRegistry {
  /** `127.0.0.1:PORT`, the host part of image references. */
  host: string
  /** `http://127.0.0.1:PORT` */
  url: string
  auth: RegistryAuth
  /** Credentials accepted in basic and token modes; set but unused for 'none'. */
  username: string
  password: string
  /** Storage root (`storage.filesystem.rootdirectory`). */
  rootDir: string
  /** Token mode: the realm, service and issuer the registry announces and checks. */
  token?: { realm: string; service: string; issuer: string }
  /**
   * Requests the registry answered since start (or since the last resetRequests), parsed from its
   * access log, in order of completion. Start-up probes are not included. Waits until the log has
   * been quiet for 100 ms, so a request answered just before the call is included.
   */
  requests(): Promise<RegistryRequest[]>
  /** Forgets the registry's and the token issuer's requests so far. */
  resetRequests(): Promise<void>
  /**
   * Requests the token issuer answered since start or the last resetRequests (token mode), whatever
   * the outcome (200, 401 for bad credentials, 400 for a wrong service); 0 in other modes.
   */
  tokenRequests(): number
  /** The same requests with details, in order. */
  tokenRequestLog(): TokenRequest[]
  /** Registry process output (stderr has Distribution's own log), for failure messages. */
  logs(): string
  stop(): Promise<void>
}

export interface RegistryOptions {
  auth?: RegistryAuth
  username?: string
  password?: string
  /** Token mode: `expires_in` and JWT lifetime in seconds (default 300). */
  tokenTtlSeconds?: number
}

const Service = 'harness-registry'
const Issuer = 'harness-token-issuer'

/**
 * Starts `docker-registry serve` on a free loopback port with its own storage, and in token mode a
 * token issuer on another port. Resolves once /v2/ answers.
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const auth = options.auth ?? 'none'
  const username = options.username ?? 'harness'
  const password = options.password ?? 'harness-secret'
  const root = await tempDir('harness-registry-')
  let issuer: TokenIssuer | undefined
  let daemon: Daemon | undefined
  try {
    const rootDir = path.join(root, 'storage')
    await fs.mkdir(rootDir)
    const config: Record<string, unknown> = {
      version: '0.1',
      // The access log (Apache combined format) goes to stdout; Distribution's own log to stderr.
      log: { level: 'info', formatter: 'text', accesslog: { disabled: false } },
      storage: {
        filesystem: { rootdirectory: rootDir },
        delete: { enabled: true },
        maintenance: { uploadpurging: { enabled: false } },
      },
      http: { addr: '', secret: randomBytes(16).toString('hex') },
    }
    if (auth === 'basic') {
      const htpasswd = path.join(root, 'htpasswd')
      const { stdout } = await run('htpasswd', ['-Bbn', username, password])
      await fs.writeFile(htpasswd, stdout)
      config.auth = { htpasswd: { realm: 'harness', path: htpasswd } }
    } else if (auth === 'token') {
      issuer = await startTokenIssuer(root, username, password, options.tokenTtlSeconds ?? 300)
      config.auth = {
        token: { realm: issuer.realm, service: Service, issuer: Issuer, rootcertbundle: issuer.certFile },
      }
    }

    // The port can be taken between freePort() and the bind; try a few before giving up.
    let port = 0
    // Byte offset into the access log where requests() starts: after our own readiness probes.
    let offset = 0
    for (let attempt = 1; ; attempt++) {
      port = await freePort()
      ;(config.http as { addr: string }).addr = `127.0.0.1:${port}`
      const configFile = path.join(root, 'config.yml')
      // JSON is valid YAML and needs no escaping.
      await fs.writeFile(configFile, JSON.stringify(config, null, 2))
      daemon = await startDaemon(`registry-${attempt}`, 'docker-registry', ['serve', configFile], {
        logDir: root,
        env: registryEnv(),
      })
      let failure: unknown
      try {
        await waitForHttp(`http://127.0.0.1:${port}/v2/`, 15000, daemon)
        // Whoever took the port may answer HTTP too: our probe must be in our own access log.
        offset = (await settledLog(daemon.stdoutFile)).length
        if (offset > 0 && !daemon.exited) break
        failure = new Error(`registry did not serve 127.0.0.1:${port}\n${daemon.logs()}`)
      } catch (error) {
        failure = error
      }
      await daemon.stop()
      if (attempt >= 3 || !/address already in use/.test(daemon.logs())) throw failure
    }

    const accessLog = daemon.stdoutFile
    const running: Daemon = daemon
    const tokenIssuer = issuer
    return {
      host: `127.0.0.1:${port}`,
      url: `http://127.0.0.1:${port}`,
      auth,
      username,
      password,
      rootDir,
      token: tokenIssuer ? { realm: tokenIssuer.realm, service: Service, issuer: Issuer } : undefined,
      async requests() {
        const text = await settledLog(accessLog)
        return parseAccessLog(text.subarray(offset).toString('utf8'))
      },
      async resetRequests() {
        offset = (await settledLog(accessLog)).length
        tokenIssuer?.log.splice(0)
      },
      tokenRequests: () => tokenIssuer?.log.length ?? 0,
      tokenRequestLog: () => [...(tokenIssuer?.log ?? [])],
      logs: () => running.logs(),
      async stop() {
        await running.stop()
        await tokenIssuer?.close()
        await removeTree(root)
      },
    }
  } catch (error) {
    await daemon?.stop()
    await issuer?.close()
    await removeTree(root)
    throw error
  }
}

/** The registry reads every REGISTRY_* variable as a config override; REGISTRY_AUTH_FILE (podman's) breaks it. */
function registryEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const key of Object.keys(env)) {
    if (key.startsWith('REGISTRY_')) delete env[key]
  }
  return env
}

/**
 * Reads the access log once it has stopped growing for 100 ms: the registry writes a line after
 * the response has gone out, so the client can see the answer a moment before the line exists.
 */
async function settledLog(file: string): Promise<Buffer> {
  let previous = -1
  let stableSince = Date.now()
  const deadline = Date.now() + 3000
  for (;;) {
    const { size } = await fs.stat(file)
    if (size !== previous) {
      previous = size
      stableSince = Date.now()
    } else if (Date.now() - stableSince >= 100 || Date.now() > deadline) {
      return fs.readFile(file)
    }
    await sleep(20)
  }
}

// 127.0.0.1 - - [23/Nov/2026:09:35:12 +0000] "GET /v2/foo/manifests/latest?x=1 HTTP/1.1" 404 96 "" "curl/7.88.1"
const AccessLine = /^\S+ \S+ \S+ \[[^\]]*\] "(\S+) (\S+) [^"]*" (\d{3}) /

/** Parses Apache combined-format lines; anything else on stdout is ignored. */
export function parseAccessLog(text: string): RegistryRequest[] {
  const requests: RegistryRequest[] = []
  for (const line of text.split('\n')) {
    const match = AccessLine.exec(line)
    if (match) requests.push({ method: match[1], path: match[2], status: Number(match[3]) })
  }
  return requests
}

interface TokenIssuer {
  realm: string
  certFile: string
  log: TokenRequest[]
  close(): Promise<void>
}

/**
 * The token issuer: `GET /token?service=S&scope=repository:NAME:pull,push` with Basic auth (the
 * docker/skopeo flow) or `POST /token` with an OAuth2 password grant form (containerd/buildkit try
 * this first). Right credentials get a JWT granting every requested action; wrong or missing ones
 * get 401, an unknown service 400. Every request is recorded in `log`.
 */
async function startTokenIssuer(
  root: string,
  username: string,
  password: string,
  ttlSeconds: number,
): Promise<TokenIssuer> {
  const keyFile = path.join(root, 'token.key')
  const certFile = path.join(root, 'token.crt')
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    `/CN=${Issuer}`,
  ])
  const key = createPrivateKey(await fs.readFile(keyFile))
  // x5c wants base64 DER, which is exactly the body of the PEM.
  const certDer = (await fs.readFile(certFile, 'utf8')).replace(/-----[^-]+-----|\s/g, '')
  const log: TokenRequest[] = []

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://issuer')
      let scopes: string[] = []
      let service: string | undefined
      let user: string | undefined
      let pass: string | undefined
      if (req.method === 'POST') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
        // OAuth2 sends all scopes in one space-separated parameter.
        scopes = form.getAll('scope').flatMap(s => s.split(' ').filter(Boolean))
        service = form.get('service') ?? undefined
        if (form.get('grant_type') === 'password') {
          user = form.get('username') ?? undefined
          pass = form.get('password') ?? undefined
        }
      } else {
        scopes = url.searchParams.getAll('scope')
        service = url.searchParams.get('service') ?? undefined
        const basic = /^Basic\s+(\S+)/i.exec(req.headers.authorization ?? '')
        if (basic) {
          const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
          const colon = decoded.indexOf(':')
          user = colon < 0 ? decoded : decoded.slice(0, colon)
          pass = colon < 0 ? '' : decoded.slice(colon + 1)
        }
      }
      const reply = (status: number, body: object): void => {
        log.push({ method: req.method ?? '', scopes, service, username: user, status })
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' }
        if (status === 401) headers['www-authenticate'] = `Basic realm="${Issuer}"`
        res.writeHead(status, headers).end(JSON.stringify(body))
      }

      if (url.pathname !== '/token' || (req.method !== 'GET' && req.method !== 'POST')) {
        return reply(404, { errors: [{ code: 'NOT_FOUND', message: 'no such endpoint' }] })
      }
      if (service !== Service) {
        return reply(400, { errors: [{ code: 'DENIED', message: `unknown service ${String(service)}` }] })
      }
      if (user !== username || pass !== password) {
        return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'incorrect username or password' }] })
      }
      const now = Math.floor(Date.now() / 1000)
      const jwt = signJwt(key, certDer, {
        iss: Issuer,
        sub: user,
        // Distribution 2.8 reads aud as a single string.
        aud: Service,
        exp: now + ttlSeconds,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(12).toString('hex'),
        access: scopes.map(parseScope).filter(a => a !== undefined),
      })
      reply(200, {
        token: jwt,
        access_token: jwt,
        expires_in: ttlSeconds,
        issued_at: new Date(now * 1000).toISOString(),
      })
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certFile,
    log,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** `repository:some/name:pull,push` -> access entry; the name may not contain ':' but the type's class may. */
function parseScope(scope: string): { type: string; name: string; actions: string[] } | undefined {
  const first = scope.indexOf(':')
  const last = scope.lastIndexOf(':')
  if (first < 0 || last === first) return undefined
  const type = scope.slice(0, first).replace(/\(.*\)$/, '')
  const actions = scope
    .slice(last + 1)
    .split(',')
    .filter(a => ['pull', 'push', 'delete', '*'].includes(a))
  return { type, name: scope.slice(first + 1, last), actions }
}

/** RS256 JWT with the signing certificate in `x5c`, which Distribution verifies against rootcertbundle. */
function signJwt(key: KeyObject, certDer: string, claims: object): string {
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer] }
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${encode(header)}.${encode(claims)}`
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`
}
