/**
 * Self-test of the integration harness: every piece against the real tools (docker-registry,
 * buildah, skopeo, dockerd + buildx), so a failing integration test can trust its fixtures.
 */
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import { writeDockerConfig } from './harness/docker-config.js'
import { startDockerd, type RunningDockerd } from './harness/dockerd.js'
import {
  buildLayout,
  buildahEnv,
  inspectRaw,
  pullAs,
  pushAttestedIndex,
  pushImage,
  pushIndex,
  sha256Digest,
  writeSampleContext,
} from './harness/images.js'
import {
  CommandError,
  freePort,
  removeTree,
  run,
  sleep,
  startDaemon,
  tempDir,
  waitForHttp,
} from './harness/processes.js'
import { parseAccessLog, startRegistry, type RunningRegistry } from './harness/registry.js'

let plain: RunningRegistry
let basic: RunningRegistry
let token: RunningRegistry

beforeAll(async () => {
  ;[plain, basic, token] = await Promise.all([
    startRegistry(),
    startRegistry({ auth: 'basic', username: 'alice', password: 'wonderland' }),
    startRegistry({ auth: 'token', username: 'bob', password: 'builder' }),
  ])
})

afterAll(async () => {
  await Promise.all([plain?.stop(), basic?.stop(), token?.stop()])
})

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('processes', () => {
  it('hands out distinct free ports that can be bound', async () => {
    const [a, b] = await Promise.all([freePort(), freePort()])
    expect(a).toBeGreaterThan(0)
    expect(a).not.toBe(b)
  })

  it('runs commands without a shell and reports stderr on failure', async () => {
    expect((await run('printf', ['%s', 'a b;$HOME'])).stdout).toBe('a b;$HOME')
    expect((await run('cat', [], { input: 'piped' })).stdout).toBe('piped')
    const failure = run('sh', ['-c', 'echo oops >&2; exit 3'])
    await expect(failure).rejects.toThrow(/exit code 3\): oops/)
    await expect(failure).rejects.toBeInstanceOf(CommandError)
  })

  it('stops a daemon and its children by process group, and times out waiting for a dead port', async () => {
    const dir = await tempDir('harness-selftest-')
    try {
      const daemon = await startDaemon('sleeper', 'sh', ['-c', 'echo started; sleep 60 & wait'], {
        logDir: dir,
      })
      expect(isRunning(daemon.pid)).toBe(true)
      for (let i = 0; i < 100 && (await fs.readFile(daemon.stdoutFile, 'utf8')) === ''; i++) await sleep(20)
      await daemon.stop()
      expect(daemon.exited).toBe(true)
      expect(isRunning(daemon.pid)).toBe(false)
      expect(await fs.readFile(daemon.stdoutFile, 'utf8')).toBe('started\n')
      // The background `sleep` shared the group and got the same SIGTERM (a zombie awaiting its reaper is dead).
      const { stdout } = await run('ps', ['-o', 'stat=', '--pgid', String(daemon.pid)]).catch(() => ({
        stdout: '',
      }))
      expect(stdout.split('\n').filter(stat => stat.trim() && !stat.trim().startsWith('Z'))).toEqual([])
      await expect(waitForHttp(`http://127.0.0.1:${await freePort()}/`, 300)).rejects.toThrow(
        /did not answer/,
      )
    } finally {
      await removeTree(dir)
    }
  })
})

describe('registry', () => {
  it('parses combined-format access log lines', () => {
    const log =
      'time="x" level=info msg="not an access line"\n' +
      '127.0.0.1 - - [23/Nov/2026:09:35:12 +0000] "HEAD /v2/a/b/manifests/v1?ns=x HTTP/1.1" 401 87 "" "skopeo/1.9.3"\n'
    expect(parseAccessLog(log)).toEqual([{ method: 'HEAD', path: '/v2/a/b/manifests/v1?ns=x', status: 401 }])
  })

  it('without auth: stores pushes and counts exactly the requests sent', async () => {
    const digest = await pushImage('linux/amd64', `${plain.host}/plain/app:v1`)
    expect(await plain.requests()).toContainEqual({
      method: 'PUT',
      path: '/v2/plain/app/manifests/v1',
      status: 201,
    })
    expect(sha256Digest(await inspectRaw(`${plain.host}/plain/app:v1`))).toBe(digest)

    await plain.resetRequests()
    expect(await plain.requests()).toEqual([])
    expect((await fetch(`${plain.url}/v2/`)).status).toBe(200)
    const head = await fetch(`${plain.url}/v2/plain/app/manifests/v1?probe=1`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    })
    expect(head.headers.get('docker-content-digest')).toBe(digest)
    expect((await fetch(`${plain.url}/v2/plain/app/manifests/missing`)).status).toBe(404)
    // Called right after the last response: the line written after it must still be there.
    expect(await plain.requests()).toEqual([
      { method: 'GET', path: '/v2/', status: 200 },
      { method: 'HEAD', path: '/v2/plain/app/manifests/v1?probe=1', status: 200 },
      { method: 'GET', path: '/v2/plain/app/manifests/missing', status: 404 },
    ])
    expect(plain.tokenRequests()).toBe(0)
  })

  it('basic: accepts the right credentials and refuses wrong or missing ones', async () => {
    const creds = `${basic.username}:${basic.password}`
    const ref = `${basic.host}/basic/app:v1`
    const digest = await pushImage('linux/arm64', ref, { creds })
    expect(sha256Digest(await inspectRaw(ref, { creds }))).toBe(digest)
    await expect(inspectRaw(ref, { creds: `${basic.username}:wrong` })).rejects.toThrow(/unauthorized|401/i)
    await expect(inspectRaw(ref)).rejects.toThrow(/unauthorized|401/i)
    await expect(
      pushImage('linux/amd64', `${basic.host}/basic/app:v2`, { creds: 'alice:nope' }),
    ).rejects.toThrow(/unauthorized|401/i)
    expect((await fetch(`${basic.url}/v2/`)).status).toBe(401)
    const authorization = `Basic ${Buffer.from(creds).toString('base64')}`
    expect((await fetch(`${basic.url}/v2/`, { headers: { authorization } })).status).toBe(200)
    const requests = await basic.requests()
    expect(requests.filter(r => r.status === 401).length).toBeGreaterThan(0)
    expect(requests).toContainEqual({ method: 'PUT', path: '/v2/basic/app/manifests/v1', status: 201 })
    expect(requests.some(r => r.path === '/v2/basic/app/manifests/v2' && r.method === 'PUT')).toBe(false)
  })

  it('token: runs the Bearer flow, grants what was asked and refuses wrong credentials', async () => {
    const creds = `${token.username}:${token.password}`
    const ref = `${token.host}/token/app:v1`
    const digest = await pushImage('linux/arm/v7', ref, { creds })
    expect(token.tokenRequests()).toBeGreaterThan(0)
    expect(token.tokenRequestLog()).toContainEqual(
      expect.objectContaining({ status: 200, username: 'bob', scopes: ['repository:token/app:pull,push'] }),
    )
    expect(sha256Digest(await inspectRaw(ref, { creds }))).toBe(digest)

    await token.resetRequests()
    expect(token.tokenRequests()).toBe(0)
    await expect(inspectRaw(ref, { creds: 'bob:wrong' })).rejects.toThrow(/unauthorized|401/i)
    expect(token.tokenRequestLog()).toEqual([
      {
        method: 'GET',
        scopes: ['repository:token/app:pull'],
        service: 'harness-registry',
        username: 'bob',
        status: 401,
      },
    ])
    // skopeo pings /v2/, follows the challenge to the issuer, and stops at its 401.
    expect(await token.requests()).toEqual([{ method: 'GET', path: '/v2/', status: 401 }])
    await expect(inspectRaw(ref)).rejects.toThrow(/unauthorized|401/i)

    // The challenge names realm, service and scope like Docker Hub's.
    const challenge = await fetch(`${token.url}/v2/token/app/manifests/v1`)
    expect(challenge.status).toBe(401)
    const header = challenge.headers.get('www-authenticate') ?? ''
    expect(header).toContain(`Bearer realm="${token.token?.realm}"`)
    expect(header).toContain(`service="${token.token?.service}"`)
    expect(header).toContain('scope="repository:token/app:pull"')

    // A pull-only token reads but cannot start an upload: the access claim is what the registry checks.
    const basicAuth = `Basic ${Buffer.from(creds).toString('base64')}`
    const query = `service=${token.token?.service}&scope=repository:token/app:pull`
    const got = await fetch(`${token.token?.realm}?${query}`, { headers: { authorization: basicAuth } })
    expect(got.status).toBe(200)
    const body = (await got.json()) as {
      token: string
      access_token: string
      expires_in: number
      issued_at: string
    }
    expect(body.access_token).toBe(body.token)
    expect(body.expires_in).toBe(300)
    const [jwtHeader, jwtClaims] = body.token
      .split('.')
      .slice(0, 2)
      .map(part => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')))
    expect(jwtHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' })
    expect(jwtHeader.x5c).toHaveLength(1)
    expect(jwtClaims).toMatchObject({
      sub: 'bob',
      aud: token.token?.service,
      access: [{ type: 'repository', name: 'token/app', actions: ['pull'] }],
    })
    const bearer = { authorization: `Bearer ${body.token}` }
    const manifest = await fetch(`${token.url}/v2/token/app/manifests/v1`, {
      headers: { ...bearer, accept: 'application/vnd.oci.image.manifest.v1+json' },
    })
    expect(manifest.status).toBe(200)
    expect(manifest.headers.get('docker-content-digest')).toBe(digest)
    const upload = await fetch(`${token.url}/v2/token/app/blobs/uploads/`, {
      method: 'POST',
      headers: bearer,
    })
    expect(upload.status).toBe(401)
    expect((await fetch(`${token.url}/v2/`, { headers: { authorization: 'Bearer not.a.jwt' } })).status).toBe(
      401,
    )

    // The OAuth2 password grant (containerd's first try) works too.
    const form = new URLSearchParams({
      grant_type: 'password',
      username: 'bob',
      password: 'builder',
      service: token.token?.service ?? '',
      scope: 'repository:token/app:pull repository:token/other:pull,push',
      client_id: 'selftest',
    })
    const posted = await fetch(token.token?.realm ?? '', { method: 'POST', body: form })
    expect(posted.status).toBe(200)
    const postedClaims = JSON.parse(
      Buffer.from(
        ((await posted.json()) as { access_token: string }).access_token.split('.')[1],
        'base64url',
      ).toString(),
    )
    expect(postedClaims.access).toEqual([
      { type: 'repository', name: 'token/app', actions: ['pull'] },
      { type: 'repository', name: 'token/other', actions: ['pull', 'push'] },
    ])
    form.set('password', 'wrong')
    expect((await fetch(token.token?.realm ?? '', { method: 'POST', body: form })).status).toBe(401)
  })
})

describe('docker config', () => {
  it('writes login-action style auths that real clients accept', async () => {
    const config = await writeDockerConfig(
      { [basic.host]: { username: basic.username, password: basic.password } },
      { credsStore: '', auths: { 'example.com': { auth: 'eDp5' } } },
    )
    try {
      const written = JSON.parse(await fs.readFile(path.join(config.dir, 'config.json'), 'utf8'))
      expect(written.auths[basic.host].auth).toBe(Buffer.from('alice:wonderland').toString('base64'))
      expect(written.auths['example.com'].auth).toBe('eDp5')
      expect(config.env).toEqual({ DOCKER_CONFIG: config.dir })
      // skopeo reads docker config files too: the credentials are in the right place and form.
      const ref = `${basic.host}/basic/app:v1`
      const { stdout } = await run('skopeo', [
        'inspect',
        '--raw',
        '--tls-verify=false',
        '--authfile',
        config.file,
        `docker://${ref}`,
      ])
      expect(JSON.parse(stdout).schemaVersion).toBe(2)
    } finally {
      await config.cleanup()
    }
    await expect(fs.stat(config.dir)).rejects.toThrow()
  })
})

describe('images', () => {
  it('builds reproducible per-platform OCI layouts in isolated storage', async () => {
    const [a, b, c] = await Promise.all([
      buildLayout('linux/arm64'),
      buildLayout('linux/arm64'),
      buildLayout('linux/arm64', { content: 'other' }),
    ])
    try {
      expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(b.digest).toBe(a.digest)
      expect(c.digest).not.toBe(a.digest)
      const manifestBytes = await fs.readFile(path.join(a.dir, 'blobs', 'sha256', a.digest.slice(7)))
      expect(sha256Digest(manifestBytes)).toBe(a.digest)
      const manifest = JSON.parse(manifestBytes.toString())
      const config = JSON.parse(
        await fs.readFile(path.join(a.dir, 'blobs', 'sha256', manifest.config.digest.slice(7)), 'utf8'),
      )
      expect(config).toMatchObject({ architecture: 'arm64', os: 'linux' })
    } finally {
      await Promise.all([a.cleanup(), b.cleanup(), c.cleanup()])
    }
  })

  it('gives buildah a private storage per environment, logged in through DOCKER_CONFIG', async () => {
    const [storage, other] = await Promise.all([buildahEnv(), buildahEnv()])
    const config = await writeDockerConfig({
      [basic.host]: { username: basic.username, password: basic.password },
    })
    try {
      const context = path.join(storage.dir, 'ctx')
      await writeSampleContext(context, { platforms: ['linux/riscv64'] })
      await run('buildah', ['build', '-q', '--platform', 'linux/riscv64', '-t', 'selftest', context], {
        env: storage.env,
      })
      const images = async (env: NodeJS.ProcessEnv): Promise<string> =>
        (await run('buildah', ['images', '--format', '{{.Name}}'], { env })).stdout.trim()
      expect(await images(storage.env)).toBe('localhost/selftest')
      expect(await images(other.env)).toBe('')
      await expect(fs.stat(path.join(storage.dir, 'graph'))).resolves.toBeTruthy()
      const ref = `docker://${basic.host}/buildah/app:v1`
      await expect(
        run('buildah', ['push', '-q', '--tls-verify=false', 'selftest', ref], { env: storage.env }),
      ).rejects.toThrow(/unauthorized|authentication required/i)
      await run('buildah', ['push', '-q', '--tls-verify=false', 'selftest', ref], {
        env: { ...storage.env, ...config.env },
      })
    } finally {
      await Promise.all([storage.cleanup(), other.cleanup(), config.cleanup()])
    }
  })

  it('pushes an index that resolves to the right image for amd64, arm64 and arm/v7', async () => {
    const ref = `${plain.host}/multi/app:v1`
    const platforms = ['linux/amd64', 'linux/arm64', 'linux/arm/v7']
    const pushed = await pushIndex(ref, platforms)
    const index = JSON.parse(await inspectRaw(ref))
    expect(sha256Digest(await inspectRaw(ref))).toBe(pushed.indexDigest)
    expect(index.manifests.map((m: { platform: object }) => m.platform)).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux' },
      { architecture: 'arm', os: 'linux', variant: 'v7' },
    ])
    const pulled = await Promise.all(platforms.map(p => pullAs(ref, p)))
    expect(pulled.map(p => [p.os, p.architecture, p.variant, p.platformFile])).toEqual([
      ['linux', 'amd64', undefined, 'linux/amd64'],
      ['linux', 'arm64', undefined, 'linux/arm64'],
      ['linux', 'arm', 'v7', 'linux/arm/v7'],
    ])
    expect(pulled.map(p => p.digest)).toEqual(pushed.manifests.map(m => m.digest))
    await expect(pullAs(ref, 'linux/s390x')).rejects.toThrow(/no image found/)
  })

  it('pushes Docker schema 2 images on request and pulls them by digest', async () => {
    const ref = `${plain.host}/docker/app:v1`
    const digest = await pushImage('linux/386', ref, { format: 'v2s2', content: 'v2s2' })
    const raw = JSON.parse(await inspectRaw(ref))
    expect(raw.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    const pulled = await pullAs(`${plain.host}/docker/app@${digest}`, 'linux/386')
    expect(pulled).toMatchObject({ architecture: '386', digest, platformFile: 'linux/386\nv2s2' })
  })

  it('pushes a buildx-style attested index through token auth', async () => {
    const creds = `${token.username}:${token.password}`
    const pushed = await pushAttestedIndex('linux/arm64', `${token.host}/attested/app:v1`, { creds })
    const stored = await inspectRaw(`${token.host}/attested/app:v1`, { creds })
    expect(sha256Digest(stored)).toBe(pushed.indexDigest)
    const index = JSON.parse(stored)
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(index.manifests).toEqual([
      expect.objectContaining({
        digest: pushed.imageDigest,
        platform: { architecture: 'arm64', os: 'linux' },
      }),
      expect.objectContaining({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: pushed.attestationDigest,
        platform: { architecture: 'unknown', os: 'unknown' },
        annotations: {
          'vnd.docker.reference.digest': pushed.imageDigest,
          'vnd.docker.reference.type': 'attestation-manifest',
        },
      }),
    ])
    const attestation = JSON.parse(
      await inspectRaw(`${token.host}/attested/app@${pushed.attestationDigest}`, { creds }),
    )
    expect(attestation.layers[0].mediaType).toBe('application/vnd.in-toto+json')
    const pulled = await pullAs(`${token.host}/attested/app:v1`, 'linux/arm64', { creds })
    expect(pulled).toMatchObject({
      architecture: 'arm64',
      digest: pushed.imageDigest,
      platformFile: 'linux/arm64',
    })

    // Without a tag the index is pushed by digest only.
    const untagged = await pushAttestedIndex('linux/amd64', `${token.host}/attested/untagged`, { creds })
    const byDigest = await inspectRaw(`${token.host}/attested/untagged@${untagged.indexDigest}`, { creds })
    expect(sha256Digest(byDigest)).toBe(untagged.indexDigest)
  })
})

describe('dockerd + buildx', () => {
  let dockerd: RunningDockerd | undefined

  beforeAll(async () => {
    dockerd = await startDockerd()
  }, 60000)

  afterAll(async () => {
    await dockerd?.stop()
  }, 60000)

  it('builds with the default docker driver and pushes to a loopback registry with login-action creds', async () => {
    if (!dockerd) {
      console.warn('SKIPPED: dockerd cannot start on this machine (see the startDockerd warning above)')
      return
    }
    const dir = await tempDir('harness-buildx-')
    const config = await writeDockerConfig({
      [basic.host]: { username: basic.username, password: basic.password },
    })
    try {
      await writeSampleContext(path.join(dir, 'ctx'))
      const ref = `${basic.host}/buildx/app:v1`
      const metadata = path.join(dir, 'metadata.json')
      // DOCKER_CONFIG from writeDockerConfig replaces dockerd's private one: buildx state lands there too.
      const env = { ...dockerd.env, ...config.env }
      const args = [
        'buildx',
        'build',
        '--push',
        '--platform',
        'linux/arm64',
        '-t',
        ref,
        '--metadata-file',
        metadata,
      ]
      await run('docker', [...args, path.join(dir, 'ctx')], { env })
      // No daemon.json: dockerd treats 127.0.0.0/8 as insecure by itself, hence plain HTTP works.
      const { stdout: insecure } = await run(
        'docker',
        ['info', '--format', '{{json .RegistryConfig.InsecureRegistryCIDRs}}'],
        { env },
      )
      expect(JSON.parse(insecure)).toContain('127.0.0.0/8')
      const meta = JSON.parse(await fs.readFile(metadata, 'utf8'))
      const creds = `${basic.username}:${basic.password}`
      expect(meta['containerimage.digest']).toBe(sha256Digest(await inspectRaw(ref, { creds })))
      const pulled = await pullAs(ref, 'linux/arm64', { creds })
      expect(pulled).toMatchObject({ architecture: 'arm64', platformFile: 'linux/arm64' })
      // The classic engine pushes Docker schema 2, not OCI.
      expect(pulled.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    } finally {
      await config.cleanup()
      await removeTree(dir)
    }
  })
})
