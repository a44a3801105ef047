/**
 * Maps over items with at most `limit` calls in flight, keeping result order. The first failure is thrown
 * once every started call has settled, so no request is left running behind an error.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const index = next++
      try {
        results[index] = await fn(items[index]!, index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  if (failure) throw failure.error
  return results
}

/** Gives out at most `limit` slots per key at once; `acquire` resolves with the function that gives one back. */
export interface KeyedLimiter {
  acquire(key: string): Promise<() => void>
}

/**
 * Slots per key (a registry host), handed out in the order they were asked for. A slot is given back once:
 * a second call of the same release function does nothing, so callers may release on every way out.
 */
export function keyedLimiter(limit: number): KeyedLimiter {
  const max = Math.max(1, limit)
  const busy = new Map<string, number>()
  const waiting = new Map<string, (() => void)[]>()
  const release = (key: string): void => {
    const queue = waiting.get(key)
    const next = queue?.shift()
    if (queue?.length === 0) waiting.delete(key)
    if (next) return next()
    const count = (busy.get(key) ?? 1) - 1
    if (count > 0) busy.set(key, count)
    else busy.delete(key)
  }
  return {
    async acquire(key) {
      const count = busy.get(key) ?? 0
      if (count < max) {
        busy.set(key, count + 1)
      } else {
        // A released slot passes straight to the next waiter, so the count stays as it is.
        await new Promise<void>(resolve => {
          const queue = waiting.get(key) ?? []
          queue.push(resolve)
          waiting.set(key, queue)
        })
      }
      let released = false
      return () => {
        if (released) return
        released = true
        release(key)
      }
    },
  }
}
