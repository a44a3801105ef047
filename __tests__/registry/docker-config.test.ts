import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dockerConfigCredentials, normalizeServer } from '../../src/registry/docker-config.js'
import { writeDockerConfig } from '../harness/docker-config.js'
import { rejection } from './fake-registry.js'

describe('docker config credentials', () => {
  let dir: string
  let bin: string
  const configFile = (): string => join(dir, 'config.json')
  const env = (): NodeJS.ProcessEnv => ({ DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH}` })
  const write = (config: object): Promise<void> => writeFile(configFile(), JSON.stringify(config))

  /** A credential helper following the docker-credential-helpers protocol; it logs the server it was asked for. */
  async function helper(
    name: string,
    answers: Record<string, { Username: string; Secret: string }>,
  ): Promise<void> {
    const program = join(bin, `docker-credential-${name}`)
    const script = `#!/bin/sh
[ "$1" = get ] || exit 2
read -r server
echo "$server" >> "${join(bin, `${name}.log`)}"
case "$server" in
${Object.entries(answers)
  .map(([server, answer]) => `  '${server}') echo '${JSON.stringify({ ServerURL: server, ...answer })}' ;;`)
  .join('\n')}
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`
    await writeFile(program, script)
    await chmod(program, 0o755)
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docker-config-test-'))
    bin = join(dir, 'bin')
    await mkdir(bin)
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads auths.<host>.auth as docker/login-action writes it', async () => {
    const written = await writeDockerConfig({
      'ghcr.io': { username: 'octo', password: 'ghp_secret:with:colons' },
    })
    try {
      const store = dockerConfigCredentials({ env: written.env })
      expect(await store.get('ghcr.io')).toEqual({ username: 'octo', password: 'ghp_secret:with:colons' })
      expect(await store.get('quay.io')).toBeUndefined()
    } finally {
      await written.cleanup()
    }
  })

  it('reads username/password and identitytoken entries, and keys written as URLs', async () => {
    await write({
      auths: {
        'https://registry.example.com/v1/': { username: 'u', password: 'p' },
        'acr.azurecr.io': {
          auth: Buffer.from('00000000-0000-0000-0000-000000000000:').toString('base64'),
          identitytoken: 'refresh',
        },
        'localhost:5000': { auth: Buffer.from('local:pw').toString('base64') },
      },
    })
    const store = dockerConfigCredentials({ env: env() })
    expect(await store.get('registry.example.com')).toEqual({ username: 'u', password: 'p' })
    expect(await store.get('acr.azurecr.io')).toEqual({
      username: '00000000-0000-0000-0000-000000000000',
      password: 'refresh',
      identityToken: 'refresh',
    })
    expect(await store.get('localhost:5000')).toEqual({ username: 'local', password: 'pw' })
  })

  it.each(['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'])(
    'finds Docker Hub credentials filed under %s',
    async key => {
      await write({ auths: { [key]: { auth: Buffer.from('hubuser:hubtoken').toString('base64') } } })
      expect(await dockerConfigCredentials({ env: env() }).get('docker.io')).toEqual({
        username: 'hubuser',
        password: 'hubtoken',
      })
    },
  )

  it('treats a missing file as anonymous, and uses HOME/.docker without DOCKER_CONFIG', async () => {
    expect(await dockerConfigCredentials({ env: env() }).get('ghcr.io')).toBeUndefined()
    await mkdir(join(dir, '.docker'))
    await writeFile(
      join(dir, '.docker', 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { username: 'h', password: 'p' } } }),
    )
    expect(await dockerConfigCredentials({ env: { HOME: dir } }).get('ghcr.io')).toEqual({
      username: 'h',
      password: 'p',
    })
  })

  it('says which file is broken', async () => {
    await writeFile(configFile(), '{"auths": ')
    await expect(dockerConfigCredentials({ env: env() }).get('ghcr.io')).rejects.toThrow(
      `The docker config ${configFile()} is not valid JSON`,
    )
  })

  it('runs credHelpers for their hosts, and credsStore for the rest', async () => {
    await helper('ecr-login', {
      '123.dkr.ecr.us-east-1.amazonaws.com': { Username: 'AWS', Secret: 'ecr-token' },
    })
    await helper('desktop', {
      'https://index.docker.io/v1/': { Username: 'hubuser', Secret: 'hub-pat' },
      'ghcr.io': { Username: '<token>', Secret: 'identity' },
    })
    await write({
      auths: { 'quay.io': { auth: Buffer.from('q:file-secret').toString('base64') } },
      credHelpers: { '123.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' },
      credsStore: 'desktop',
    })
    const store = dockerConfigCredentials({ env: env() })
    expect(await store.get('123.dkr.ecr.us-east-1.amazonaws.com')).toEqual({
      username: 'AWS',
      password: 'ecr-token',
    })
    expect(await store.get('docker.io')).toEqual({ username: 'hubuser', password: 'hub-pat' })
    expect(await store.get('ghcr.io')).toEqual({
      username: '<token>',
      password: 'identity',
      identityToken: 'identity',
    })
    // The store has nothing for quay.io: the file's own entry answers.
    expect(await store.get('quay.io')).toEqual({ username: 'q', password: 'file-secret' })
    expect(await store.get('gcr.io')).toBeUndefined()
  })

  it('names a credential helper that is not installed', async () => {
    await write({ credHelpers: { 'gcr.io': 'not-installed-helper' } })
    const error = await rejection(dockerConfigCredentials({ env: env() }).get('gcr.io'))
    expect(error.message).toBe(
      `${configFile()} names the credential helper docker-credential-not-installed-helper for gcr.io, but it is not on PATH.`,
    )
  })

  it('reports a failing helper with its message', async () => {
    await writeFile(join(bin, 'docker-credential-broken'), '#!/bin/sh\necho "keychain locked" >&2\nexit 3\n')
    await chmod(join(bin, 'docker-credential-broken'), 0o755)
    await write({ credsStore: 'broken' })
    await expect(dockerConfigCredentials({ env: env() }).get('ghcr.io')).rejects.toThrow(
      'names the credential helper docker-credential-broken for ghcr.io, but it failed (exit 3): keychain locked.',
    )
  })

  it('hands every secret to onSecret as it is read, and reads the file once', async () => {
    await write({
      auths: {
        'ghcr.io': { auth: Buffer.from('octo:ghp_abc').toString('base64') },
        'quay.io': { username: 'q', password: 'quay-pw' },
      },
    })
    const secrets: string[] = []
    const store = dockerConfigCredentials({ env: env(), onSecret: value => secrets.push(value) })
    await store.get('ghcr.io')
    await store.get('quay.io')
    expect(secrets).toEqual([Buffer.from('octo:ghp_abc').toString('base64'), 'ghp_abc', 'quay-pw'])
    await rm(configFile())
    expect(await store.get('ghcr.io')).toEqual({ username: 'octo', password: 'ghp_abc' })
  })

  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['http://localhost:5000', 'localhost:5000'],
    ['GHCR.io/', 'ghcr.io'],
    ['ghcr.io', 'ghcr.io'],
  ])('normalizes server %s to %s', (server, host) => {
    expect(normalizeServer(server)).toBe(host)
  })
})
