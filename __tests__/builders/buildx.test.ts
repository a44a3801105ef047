import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  buildxArguments,
  buildxBuilder,
  inspectBuildxBuilder,
  parseBuildxInspect,
  parseBuildxMetadata,
} from '../../src/builders/buildx.js'
import { selectBuilder } from '../../src/builders/detect.js'
import type { BuildRequest } from '../../src/builders/types.js'
import type { Logger } from '../../src/core/logger.js'
import { MediaType } from '../../src/core/media-types.js'
import { parsePlatform } from '../../src/core/platform.js'
import { parseRepository } from '../../src/core/reference.js'
import { startDockerd } from '../harness/dockerd.js'
import { inspectRaw, pullAs, sha256Digest, writeSampleContext } from '../harness/images.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const digestA = `sha256:${'a'.repeat(64)}`
const digestB = `sha256:${'b'.repeat(64)}`

function request(fields: Partial<BuildRequest> = {}): BuildRequest {
  return {
    platform: parsePlatform('linux/arm64', 'test'),
    context: '/src',
    buildArgs: [],
    labels: [],
    cacheFrom: [],
    cacheTo: [],
    images: [parseRepository('ghcr.io/acme/app', 'test'), parseRepository('docker.io/acme/app', 'test')],
    fallbackTag: 'native-multiarch-tmp-7-1-linux-arm64',
    push: true,
    ...fields,
  }
}

describe('parseBuildxInspect', () => {
  test.each([
    [
      'buildx 0.13, engine up',
      'Name:   default\nDriver: docker\n\nNodes:\nName:             default\nEndpoint:         default\nStatus:           running\nBuildKit version: v0.8+unknown\nPlatforms:        linux/amd64, linux/386\n',
      { name: 'default', driver: 'docker' },
    ],
    [
      'buildx 0.13, engine down',
      'Name:   default\nDriver: \nError:  Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
      {
        name: 'default',
        error:
          'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      },
    ],
    [
      'current buildx, docker-container builder',
      'Name:          builder-1f2e\nDriver:        docker-container\nLast Activity: 2025-01-30 12:42:47 +0000 UTC\n\nNodes:\nName:                  builder-1f2e0\nEndpoint:              unix:///var/run/docker.sock\nDriver Options:        env.BUILDKIT_STEP_LOG_MAX_SIZE="10485760"\nStatus:                running\nBuildKit daemon flags: --allow-insecure-entitlement=network.host\nBuildKit version:      v0.20.1\nPlatforms:             linux/amd64, linux/arm64\n',
      { name: 'builder-1f2e', driver: 'docker-container' },
    ],
  ])('%s', (_what, text, expected) => {
    expect(parseBuildxInspect(text)).toEqual(expected)
  })
})

describe('buildxArguments', () => {
  test('a BuildKit driver pushes by digest to every image, with canonical names', () => {
    const args = buildxArguments(
      request({
        buildArgs: ['X=a;b $(c)', 'Y=1'],
        labels: ['l=v w'],
        cacheFrom: ['type=gha,scope=x'],
        cacheTo: ['type=gha,mode=max,scope=x'],
      }),
      'docker-container',
      '/tmp/m.json',
    )
    expect(args).toEqual([
      'buildx',
      'build',
      '--platform',
      'linux/arm64',
      '--build-arg',
      'X=a;b $(c)',
      '--build-arg',
      'Y=1',
      '--label',
      'l=v w',
      '--cache-from',
      'type=gha,scope=x',
      '--cache-to',
      'type=gha,mode=max,scope=x',
      '--metadata-file',
      '/tmp/m.json',
      '--output',
      'type=image,"name=ghcr.io/acme/app,docker.io/acme/app",push-by-digest=true,name-canonical=true,push=true',
      '/src',
    ])
  })

  test('the docker driver pushes the fallback tag to every image', () => {
    const args = buildxArguments(request({ file: 'x/Dockerfile', target: 'prod' }), 'docker', '/tmp/m.json')
    expect(args.join(' ')).toBe(
      'buildx build --platform linux/arm64 --file x/Dockerfile --target prod --metadata-file /tmp/m.json ' +
        '--tag ghcr.io/acme/app:native-multiarch-tmp-7-1-linux-arm64 ' +
        '--tag docker.io/acme/app:native-multiarch-tmp-7-1-linux-arm64 --push /src',
    )
  })

  test.each(['docker', 'docker-container'])('push false keeps only the build cache (%s driver)', driver => {
    const args = buildxArguments(request({ push: false }), driver, '/tmp/m.json')
    expect(args.slice(-3)).toEqual(['--output', 'type=cacheonly', '/src'])
    expect(args).not.toContain('--push')
  })
})

describe('parseBuildxMetadata', () => {
  test('docker driver of Docker 20.10: a digest only', () => {
    const text = JSON.stringify({
      'buildx.build.ref': 'default/default/0ncv4klnt04f78985boes73os',
      'containerimage.config.digest': digestB,
      'containerimage.digest': digestA,
    })
    expect(parseBuildxMetadata(text, 'm.json')).toEqual({ digest: digestA })
  })

  test('BuildKit 0.10 and later: mediaType and size from containerimage.descriptor', () => {
    const text = JSON.stringify({
      'containerimage.descriptor': { mediaType: MediaType.OciIndex, digest: digestA, size: 856 },
      'containerimage.digest': digestA,
      'image.name': 'ghcr.io/acme/app,docker.io/acme/app',
    })
    expect(parseBuildxMetadata(text, 'm.json')).toEqual({
      digest: digestA,
      mediaType: MediaType.OciIndex,
      size: 856,
    })
  })

  test('ignores a descriptor of another digest', () => {
    const text = JSON.stringify({
      'containerimage.descriptor': { mediaType: MediaType.OciManifest, digest: digestB, size: 10 },
      'containerimage.digest': digestA,
    })
    expect(parseBuildxMetadata(text, 'm.json')).toEqual({ digest: digestA })
  })

  test.each([
    ['', /wrote no readable metadata file m.json/],
    ['{"buildx.build.ref":"x"}', /m.json has no 'containerimage.digest' \(found undefined\)/],
    ['{"containerimage.digest":"sha256:abc"}', /has no 'containerimage.digest' \(found "sha256:abc"\)/],
  ])('refuses %j', (text, message) => {
    expect(() => parseBuildxMetadata(text, 'm.json')).toThrow(message)
  })
})

test('names the cause when buildx cannot reach its builder', async () => {
  const config = await tempDir('buildx-test-config-')
  try {
    const env = { ...process.env, DOCKER_HOST: `unix://${config}/no-engine.sock`, DOCKER_CONFIG: config }
    await expect(inspectBuildxBuilder({ env })).rejects.toThrow(
      /docker buildx cannot reach its builder 'default': Cannot connect to the Docker daemon at unix:\/\/.*no-engine.sock.*Start the Docker engine, or add docker\/setup-buildx-action/,
    )
  } finally {
    await removeTree(config)
  }
})

// A private Docker engine: the default `docker` driver is the one buildx path this machine can run for real
// (a docker-container builder needs the moby/buildkit image from Docker Hub, which is out of reach here).
const dockerd = await startDockerd()
const withEngine = dockerd ? describe : describe.skip

withEngine('docker driver on a real engine', () => {
  let registry: RunningRegistry
  let context: string
  const warnings: string[] = []
  const logger: Logger = { debug: () => {}, info: () => {}, warning: message => warnings.push(message) }
  const options = () => ({ env: dockerd!.env, silent: true })

  beforeAll(async () => {
    registry = await startRegistry()
    context = await tempDir('buildx-test-context-')
    await writeSampleContext(context)
    await writeFile(
      join(context, 'args.Dockerfile'),
      'FROM scratch\nARG TARGETPLATFORM\nARG X\nCOPY platforms/${TARGETPLATFORM}/platform.txt /platform.txt\nLABEL x="$X"\n',
    )
  })

  afterAll(async () => {
    await registry?.stop()
    await removeTree(context)
    await dockerd!.stop()
  })

  function localRequest(fields: Partial<BuildRequest>): BuildRequest {
    return request({
      context,
      images: [
        parseRepository(`${registry.host}/acme/app`, 'test'),
        parseRepository(`${registry.host}/acme/mirror`, 'test'),
      ],
      fallbackTag: `native-multiarch-tmp-${randomBytes(4).toString('hex')}-linux-arm64`,
      ...fields,
    })
  }

  test('inspect finds the default builder and its docker driver', async () => {
    expect(await inspectBuildxBuilder(options())).toEqual({ name: 'default', driver: 'docker' })
  })

  test('auto picks buildx when a Docker engine answers', async () => {
    expect((await selectBuilder('auto', options())).name).toBe('buildx')
  })

  test('pushes the fallback tag to every image, returns its digest and warns', async () => {
    const marker = `/tmp/pwned-${randomBytes(6).toString('hex')}`
    const value = `a;b $(touch ${marker})`
    const req = localRequest({ file: join(context, 'args.Dockerfile'), buildArgs: [`X=${value}`] })
    const output = await buildxBuilder(options()).build(req, logger)
    if (output.kind !== 'pushed') throw new Error(`expected a push, got ${output.kind}`)
    expect(output.repository).toEqual(req.images[0])
    expect(output.fallbackTag).toBe(req.fallbackTag)
    for (const image of ['acme/app', 'acme/mirror']) {
      const ref = `${registry.host}/${image}:${req.fallbackTag}`
      const stored = await inspectRaw(ref)
      expect(sha256Digest(stored)).toBe(output.manifest.digest)
      const pulled = await pullAs(ref, 'linux/arm64')
      expect([pulled.os, pulled.architecture, pulled.platformFile]).toEqual(['linux', 'arm64', 'linux/arm64'])
    }
    // Docker 20.10's metadata file names only the digest; the manifest is a Docker schema 2 one.
    expect(output.manifest).toEqual({ digest: output.manifest.digest })
    const manifest = JSON.parse(await inspectRaw(`${registry.host}/acme/app@${output.manifest.digest}`)) as {
      mediaType: string
      config: { digest: string }
    }
    expect(manifest.mediaType).toBe(MediaType.DockerManifest)
    const blob = await fetch(`${registry.url}/v2/acme/app/blobs/${manifest.config.digest}`)
    const config = (await blob.json()) as { config: { Labels: Record<string, string> } }
    expect(config.config.Labels.x).toBe(value)
    expect(existsSync(marker)).toBe(false)

    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      `${registry.host}/acme/app:${req.fallbackTag}, ${registry.host}/acme/mirror:${req.fallbackTag}`,
    )
    expect(warnings[0]).toContain('docker/setup-buildx-action')
  })

  test('with push false pushes nothing', async () => {
    await registry.resetRequests()
    const output = await buildxBuilder(options()).build(localRequest({ push: false }), logger)
    expect(output).toEqual({ kind: 'local' })
    expect(await registry.requests()).toEqual([])
  })

  test("reports buildx's own error when the Dockerfile fails", async () => {
    const file = join(context, 'broken.Dockerfile')
    await writeFile(file, 'FROM scratch\nCOPY no-such-file /x\n')
    await expect(buildxBuilder(options()).build(localRequest({ file }), logger)).rejects.toThrow(
      /'docker buildx build' failed with exit code 1:[^]*no-such-file/,
    )
  })

  test('names a missing context directory', async () => {
    const missing = join(context, 'no-such-dir')
    await expect(buildxBuilder(options()).build(localRequest({ context: missing }), logger)).rejects.toThrow(
      `Build context '${missing}' does not exist.`,
    )
  })
})
