/**
 * `npm run demo`: a local registry, three native-style build steps (one platform each, pushed by digest),
 * one merge, and what an amd64, an arm64 and an arm/v7 client each pull. Everything runs through the
 * bundled action, exactly as a workflow would run it.
 */
import { join } from 'node:path'
import { expectSuccess, runAction } from '../__tests__/harness/action.js'
import { buildahEnv, inspectRaw, pullAs, writeSampleContext } from '../__tests__/harness/images.js'
import { removeTree, tempDir } from '../__tests__/harness/processes.js'
import { startRegistry } from '../__tests__/harness/registry.js'

const Platforms = ['linux/amd64', 'linux/arm64', 'linux/arm/v7']

async function main(): Promise<void> {
  const work = await tempDir('native-multiarch-demo-')
  const registry = await startRegistry()
  const storage = await buildahEnv()
  try {
    const image = `${registry.host}/demo/app`
    const context = join(work, 'context')
    const records = join(work, 'records')
    await writeSampleContext(context, { platforms: Platforms })
    console.log(`Registry: docker-registry on ${registry.url}; image ${image}\n`)

    for (const platform of Platforms) {
      const started = Date.now()
      const build = expectSuccess(
        await runAction(
          { mode: 'build', images: image, platform, context, 'digests-path': records },
          storage.env,
        ),
      )
      const builder = /Build \S+ with (\w+)/.exec(build.log)?.[1] ?? '?'
      console.log(
        `build  ${platform.padEnd(13)} ${builder.padEnd(8)} ${build.outputs.digest}  (${Date.now() - started} ms)`,
      )
    }

    const started = Date.now()
    const merge = expectSuccess(
      await runAction({
        mode: 'merge',
        images: image,
        tags: 'latest,1.0',
        platforms: Platforms.join(','),
        'digests-path': records,
        annotations: 'org.opencontainers.image.description=native-multiarch demo',
      }),
    )
    console.log(`merge  index ${merge.outputs.digest}  (${Date.now() - started} ms)`)
    for (const ref of merge.outputs.refs!.split('\n')) console.log(`       tagged ${ref}`)

    console.log(`\nWhat each client pulls from ${image}:latest (skopeo --override-arch):`)
    for (const platform of Platforms) {
      const pulled = await pullAs(`${image}:latest`, platform)
      const variant = pulled.variant ? `/${pulled.variant}` : ''
      console.log(
        `  ${platform.padEnd(13)} -> ${pulled.digest}  config ${pulled.os}/${pulled.architecture}${variant}, /platform.txt: ${pulled.platformFile.split('\n')[0]}`,
      )
    }
    console.log(`\nThe index (skopeo inspect --raw ${image}:latest):\n${await inspectRaw(`${image}:latest`)}`)
  } finally {
    await storage.cleanup()
    await registry.stop()
    await removeTree(work)
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
