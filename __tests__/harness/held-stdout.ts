/**
 * Runs `fn` holding what is written straight to stdout meanwhile, and lets it through only if `fn` fails. The
 * artifact client logs every request with `@actions/core` (`::debug::` lines a runner hides), which would
 * otherwise make up most of `npm test`'s log; a failing test still shows all of it, after Jest's report.
 */
export function holdingStdout(fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    const stdout = process.stdout
    const write = stdout.write
    const held: string[] = []
    stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())
      // write(chunk, callback) and write(chunk, encoding, callback): the caller may wait for the callback.
      const callback = rest.find(arg => typeof arg === 'function') as (() => void) | undefined
      if (callback) process.nextTick(callback)
      return true
    }) as typeof stdout.write
    try {
      await fn()
    } catch (error) {
      stdout.write = write
      stdout.write(held.join(''))
      throw error
    } finally {
      stdout.write = write
    }
  }
}

/** Jest's `test`, holding stdout as `holdingStdout` does. */
export function testHoldingStdout(name: string, fn: () => Promise<void>, timeout?: number): void {
  test(name, holdingStdout(fn), timeout)
}
