import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * Bytes streamed between two collections of the young generation: a few MiB of read buffers are cheap to
 * keep, and at a collection per 2 MiB the collections cost less than the page faults they save.
 */
export const ReclaimEveryBytes = 2 * 1024 * 1024

type Collect = (options: { type: 'minor' }) => void

/** V8's `gc`, once looked up; null where it cannot be had (the runtime refused the flag): not asked again. */
let collect: Collect | null | undefined
let streamed = 0

/**
 * Notes `bytes` streamed through this process, collecting the young generation every `ReclaimEveryBytes`.
 *
 * Why: Node reads every socket and file chunk into a fresh buffer (and the HTTP parser copies each body chunk
 * into another), freeing them only when V8 collects their wrappers, which it starts for such memory once tens
 * of MiB have piled up (64 MiB on Node 24). A blob streamed from one registry to another leaves exactly that
 * pile behind it: the copy's peak memory doubled, and the bytes kept landing in pages never touched before,
 * each a page fault, which on a VM was much of the copy's CPU (reading 100 MiB from a socket cost 0.4 to
 * 0.5 s of CPU here, 0.06 s into one reused buffer). The wrappers die young, so a collection of the young
 * generation frees the buffers while malloc can still hand the same pages out again.
 */
export function noteStreamed(bytes: number): void {
  streamed += bytes
  if (streamed < ReclaimEveryBytes) return
  streamed = 0
  if (collect === undefined) collect = exposedCollect()
  collect?.({ type: 'minor' })
}

/**
 * V8's `gc`: the flag that exposes it applies to contexts made after it is set, so one new context fetches it,
 * and the flag is unset again so that no later context sees a `gc` it did not ask for (as jest's leak detector
 * does).
 */
function exposedCollect(): Collect | null {
  const global = (globalThis as { gc?: Collect }).gc
  if (global) return global
  try {
    v8.setFlagsFromString('--expose-gc')
    const found: unknown = vm.runInNewContext('gc')
    return typeof found === 'function' ? (found as Collect) : null
  } catch {
    return null
  } finally {
    v8.setFlagsFromString('--no-expose-gc')
  }
}
