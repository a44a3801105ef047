import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildahBuilder, cachesLayers } from '../../src/builders/buildah.js'
import type { BuildOutput, BuildRequest } from '../../src/builders/types.js'
import type { Descriptor } from '../../src/core/descriptor.js'
import type { Logger } from '../../src/core/logger.js'
import { MediaType } from '../../src/core/media-types.js'
import { parsePlatform } from '../../src/core/platform.js'
import { layoutSource } from '../../src/transfer/oci-layout.js'
import { readBlob } from '../../src/transfer/source.js'
import { buildahEnv, writeSampleContext } from '../harness/images.js'
import { removeTree, run, tempDir } from '../harness/processes.js'

/** What a build's image holds: the config fields tests check, and /platform.txt from the sample context. */
interface BuiltImage {
  config: { os: string; architecture: string; variant?: string; config?: { Labels?: Record<string, string> } }
  platformFile: string
}

let storage: Awaited<ReturnType<typeof buildahEnv>>
let context: string
const outputs: BuildOutput[] = []
const warnings: string[] = []
const logger: Logger = { debug: () => {}, info: () => {}, warning: message => warnings.push(message) }

beforeAll(async () => {
  storage = await buildahEnv()
  context = join(storage.dir, 'context')
  await writeSampleContext(context)
  // A second Dockerfile for build args, labels and target: the stage after 'labelled' must not be built.
  await writeFile(
    join(context, 'args.Dockerfile'),
    [
      'FROM scratch AS labelled',
      'ARG TARGETPLATFORM',
      'ARG X',
      'COPY platforms/${TARGETPLATFORM}/platform.txt /platform.txt',
      'LABEL x="$X" stage=labelled',
      'FROM labelled AS final',
      'LABEL stage=final',
      '',
    ].join('\n'),
  )
})

afterAll(async () => {
  for (const output of outputs) if (output.kind === 'layout') await removeTree(output.dir)
  await storage.cleanup()
})

function request(platform: string, fields: Partial<BuildRequest> = {}): BuildRequest {
  return {
    platform: parsePlatform(platform, 'test'),
    context,
    buildArgs: [],
    labels: [],
    cacheFrom: [],
    cacheTo: [],
    images: [],
    fallbackTag: 'unused',
    push: true,
    ...fields,
  }
}

/** A build by `tool` that must give a layout, with `env` (the test storage's by default); kept for clean-up. */
async function buildLayout(
  tool: 'buildah' | 'podman',
  req: BuildRequest,
  env: NodeJS.ProcessEnv = storage.env,
): Promise<Extract<BuildOutput, { kind: 'layout' }>> {
  const output = await buildahBuilder(tool, { env, silent: true, tempDir: storage.dir }).build(req, logger)
  outputs.push(output)
  if (output.kind !== 'layout') throw new Error(`expected a layout, got ${output.kind}`)
  await output.cleanup
  return output
}

async function build(tool: 'buildah' | 'podman', req: BuildRequest): Promise<BuildOutput> {
  const output = await buildahBuilder(tool, { env: storage.env, silent: true, tempDir: storage.dir }).build(
    req,
    logger,
  )
  outputs.push(output)
  // The local image is removed while the step uploads; what it leaves behind is checked once that is done.
  if (output.kind === 'layout') await output.cleanup
  return output
}

/** Reads the image a layout holds through layoutSource: config blob and the one layer's /platform.txt. */
async function readImage(dir: string, manifest: Descriptor): Promise<BuiltImage> {
  const source = layoutSource(dir)
  const parsed = JSON.parse((await source.readManifest(manifest)).toString('utf8')) as {
    config: Descriptor
    layers: Descriptor[]
  }
  const config = JSON.parse(
    (await readBlob(source, parsed.config, 1 << 20)).toString('utf8'),
  ) as BuiltImage['config']
  expect(parsed.layers).toHaveLength(1)
  // Compressed as a push writes them, whichever way the layout was written.
  expect(parsed.layers[0]!.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip')
  const unpacked = await tempDir('buildah-test-layer-')
  try {
    const layer = join(unpacked, 'layer.tar')
    await writeFile(layer, await readBlob(source, parsed.layers[0]!, 1 << 20))
    await run('tar', ['-xf', layer, '-C', unpacked])
    return { config, platformFile: await readFile(join(unpacked, 'platform.txt'), 'utf8') }
  } finally {
    await removeTree(unpacked)
  }
}

/** Names of the images in the test's storage: what the adapter leaves behind. */
async function localImages(): Promise<string> {
  return (await run('buildah', ['images', '--format', '{{.Name}}:{{.Tag}}'], { env: storage.env })).stdout
}

/** Every image in the test's storage, named or not (a layer cache's too). */
async function allImageIds(): Promise<string[]> {
  const { stdout } = await run('buildah', ['images', '--all', '--quiet', '--no-trunc'], { env: storage.env })
  return stdout.split('\n').filter(line => line !== '')
}

test.each([
  ['buildah', undefined, false],
  ['podman', undefined, true],
  ['buildah', 'true', true],
  ['buildah', '1', true],
  ['buildah', 'TRUE', true],
  ['podman', 'false', false],
  ['podman', '0', false],
  ['podman', 'maybe', true],
  ['podman', 'f', true],
  ['buildah', 't', false],
  ['buildah', '', false],
] as const)('%s with BUILDAH_LAYERS=%s caches layers: %s', (tool, value, expected) => {
  expect(cachesLayers(tool, { env: value === undefined ? {} : { BUILDAH_LAYERS: value } })).toBe(expected)
})

describe.each(['buildah', 'podman'] as const)('%s', tool => {
  test.each([
    ['linux/amd64', 'amd64', undefined],
    ['linux/arm64', 'arm64', undefined],
    ['linux/arm/v7', 'arm', 'v7'],
  ])('builds %s into an OCI layout', async (platform, architecture, variant) => {
    const before = await allImageIds()
    const output = await buildLayout(tool, request(platform))
    expect(output.manifest.mediaType).toBe(MediaType.OciManifest)
    const index = JSON.parse(await readFile(join(output.dir, 'index.json'), 'utf8')) as {
      manifests: Descriptor[]
    }
    expect(index.manifests.map(m => m.digest)).toEqual([output.manifest.digest])

    const image = await readImage(output.dir, output.manifest)
    expect(image.config.os).toBe('linux')
    expect(image.config.architecture).toBe(architecture)
    if (variant) expect(image.config.variant).toBe(variant)
    expect(image.platformFile).toBe(platform)
    expect(await localImages()).not.toContain('native-multiarch-build')
    // buildah commits straight into the layout; podman's layer cache is its own to keep.
    if (tool === 'buildah') expect(await allImageIds()).toEqual(before)
    expect(warnings).toEqual([])
  })

  test('with a layer cache, a build whose every step is cached still writes its layout', async () => {
    const env = { ...storage.env, BUILDAH_LAYERS: 'true' }
    // An earlier build of the same context on this machine (a self-hosted runner keeps its storage).
    const earlier = `localhost/earlier-${tool}:1`
    await run(tool, ['build', '--layers', '--platform', 'linux/arm64', '--tag', earlier, context], { env })
    try {
      const output = await buildLayout(tool, request('linux/arm64'), env)
      expect((await readImage(output.dir, output.manifest)).platformFile).toBe('linux/arm64')
      expect(await localImages()).not.toContain('native-multiarch-build')
    } finally {
      await run(tool, ['rmi', earlier], { env })
    }
  })

  test('passes build args, labels and target as data, never through a shell', async () => {
    const marker = `/tmp/pwned-${randomBytes(6).toString('hex')}`
    const value = `a;b $(touch ${marker}) \`touch ${marker}\` && touch ${marker} 'quoted' "double"`
    const output = await buildLayout(
      tool,
      request('linux/arm64', {
        file: join(context, 'args.Dockerfile'),
        target: 'labelled',
        buildArgs: [`X=${value}`],
        labels: ['org.opencontainers.image.description=two words; $(and more)'],
      }),
    )
    const { config, platformFile } = await readImage(output.dir, output.manifest)
    expect(config.config?.Labels).toMatchObject({
      x: value,
      stage: 'labelled',
      'org.opencontainers.image.description': 'two words; $(and more)',
    })
    expect(platformFile).toBe('linux/arm64')
    expect(existsSync(marker)).toBe(false)
  })

  test('with push false builds, returns no layout and removes the local image', async () => {
    expect(await build(tool, request('linux/amd64', { push: false }))).toEqual({ kind: 'local' })
    expect(await localImages()).not.toContain('native-multiarch-build')
  })

  test.each([
    ['false', 'straight into the layout'],
    ['true', 'through a local image'],
  ])(
    'with BUILDAH_LAYERS=%s (%s), writes the layout when DOCKER_CONFIG names a directory without config.json, as before any login, and leaves no image',
    async layers => {
      const noLogin = await tempDir('buildah-test-no-login-')
      try {
        const env = { ...storage.env, DOCKER_CONFIG: noLogin, BUILDAH_LAYERS: layers }
        // The situation itself: a plain push refuses to start without the file.
        await expect(
          run(tool, ['push', 'localhost/absent:x', `oci:${join(noLogin, 'layout')}`], { env }),
        ).rejects.toThrow(/config\.json: no such file or directory/)
        const before = await allImageIds()
        const output = await buildLayout(tool, request('linux/amd64'), env)
        expect((await readImage(output.dir, output.manifest)).platformFile).toBe('linux/amd64')
        expect(existsSync(`${output.dir}.auth.json`)).toBe(false)
        expect(existsSync(join(noLogin, 'config.json'))).toBe(false)
        expect(await localImages()).not.toContain('native-multiarch-build')
        // Straight into the layout, nothing at all reaches local storage, layer cache included.
        if (layers === 'false') expect(await allImageIds()).toEqual(before)
      } finally {
        await removeTree(noLogin)
      }
    },
  )

  test('names a missing context directory', async () => {
    const missing = join(storage.dir, 'no-such-context')
    await expect(build(tool, request('linux/amd64', { context: missing }))).rejects.toThrow(
      `Build context '${missing}' does not exist. Set input 'context'`,
    )
  })

  test("reports the builder's own error when the Dockerfile fails", async () => {
    const file = join(storage.dir, 'broken.Dockerfile')
    await writeFile(file, 'FROM scratch\nCOPY no-such-file /x\n')
    await expect(build(tool, request('linux/amd64', { file }))).rejects.toThrow(
      new RegExp(`'${tool} build' failed with exit code \\d+:[^]*no-such-file`),
    )
    expect(await localImages()).not.toContain('native-multiarch-build')
  })
})
