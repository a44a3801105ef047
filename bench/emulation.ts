/**
 * Why the project exists: the same CPU-bound Dockerfile built natively (linux/amd64 on this amd64 machine) and
 * under QEMU user-mode emulation (linux/arm64 through binfmt_misc), with buildah. The image is FROM scratch
 * with a static busybox for the target architecture and one RUN step that hashes the busybox binary with
 * sha256sum in a loop. scripts/bench.sh fetches the two busybox binaries and registers qemu-aarch64; when
 * either is missing, this part is skipped with the reason.
 */
import { access, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { arch } from 'node:os'
import { join } from 'node:path'
import type { BuildahEnv } from '../__tests__/harness/images.js'
import { run } from '../__tests__/harness/processes.js'
import { alternate, series, timed, type Series } from './stats.js'

export interface EmulationResults {
  /** Why the comparison did not run, when it did not. */
  skipped?: string
  /** sha256sum runs over the ~2 MB busybox binary in the RUN step. */
  iterations?: number
  native?: Series & { platform: string }
  emulated?: Series & { platform: string }
  /** emulated / native (medians). */
  ratio?: number
}

/** Where scripts/bench.sh leaves the static busybox binaries (busybox-amd64, busybox-arm64). */
export const BusyboxDir = '.tmp/bench/busybox'
const BinfmtEntry = '/proc/sys/fs/binfmt_misc/qemu-aarch64'

export function dockerfile(iterations: number): string {
  const loop = `i=0; while [ $i -lt ${iterations} ]; do /bin/busybox sha256sum /bin/busybox > /dev/null; i=$((i+1)); done`
  return [
    'FROM scratch',
    'ARG TARGETARCH',
    'COPY busybox-${TARGETARCH} /bin/busybox',
    `RUN ["/bin/busybox", "sh", "-c", ${JSON.stringify(loop)}]`,
    '',
  ].join('\n')
}

async function skipReason(repository: string): Promise<string | undefined> {
  if (arch() !== 'x64') return `this machine is ${arch()}, the comparison builds amd64 natively`
  for (const name of ['busybox-amd64', 'busybox-arm64']) {
    try {
      await access(join(repository, BusyboxDir, name))
    } catch {
      return `${BusyboxDir}/${name} is missing (scripts/bench.sh downloads busybox-static .debs)`
    }
  }
  try {
    const entry = await readFile(BinfmtEntry, 'utf8')
    if (!/^enabled/m.test(entry)) return `${BinfmtEntry} is registered but disabled`
  } catch {
    return `qemu-aarch64 is not registered with binfmt_misc (${BinfmtEntry} is missing; registering it needs root: see scripts/bench.sh)`
  }
  return undefined
}

export async function benchEmulation(
  repository: string,
  work: string,
  storage: BuildahEnv,
  repetitions: number,
  iterations: number,
  log: (line: string) => void,
): Promise<EmulationResults> {
  const skipped = await skipReason(repository)
  if (skipped) {
    log(`emulation: SKIPPED: ${skipped}`)
    return { skipped }
  }
  const context = join(work, 'emulation-context')
  await mkdir(context, { recursive: true })
  for (const name of ['busybox-amd64', 'busybox-arm64']) {
    await copyFile(join(repository, BusyboxDir, name), join(context, name))
  }
  await writeFile(join(context, 'Dockerfile'), dockerfile(iterations))
  const env = storage.env
  let count = 0
  const build = (platform: string) => async (): Promise<number> => {
    const name = `localhost/bench-emulation:${++count}`
    const ms = await timed(() =>
      run('buildah', ['build', '--quiet', '--platform', platform, '--tag', name, context], { env }),
    )
    await run('buildah', ['rmi', name], { env })
    return ms
  }
  log(
    `emulation: ${iterations} x sha256sum, linux/amd64 native vs linux/arm64 under QEMU, ${repetitions} alternating repetitions`,
  )
  const times = await alternate(repetitions, {
    native: build('linux/amd64'),
    emulated: build('linux/arm64'),
  })
  const native = { platform: 'linux/amd64', ...series(times.native, 0) }
  const emulated = { platform: 'linux/arm64', ...series(times.emulated, 0) }
  return { iterations, native, emulated, ratio: Number((emulated.median / native.median).toFixed(1)) }
}
