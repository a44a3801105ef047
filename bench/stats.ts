/** Timing helpers for the benchmark: alternating repetitions, medians, timed child processes. */
import { spawn } from 'node:child_process'

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Milliseconds `work` takes. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - started) / 1e6
}

/**
 * Runs every contender `repetitions` times, alternating, with the order rotated each round so none always
 * runs first (or right after another in particular). Each contender returns its own measurement (e.g. the
 * time of just its work). Returns every measurement per contender, in round order.
 */
export async function alternate<K extends string>(
  repetitions: number,
  contenders: Record<K, () => Promise<number>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[]
  const results = Object.fromEntries(names.map(name => [name, [] as number[]])) as Record<K, number[]>
  for (let round = 0; round < repetitions; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!
      results[name].push(await contenders[name]())
    }
  }
  return results
}

/** Spawns a command (no shell) with output discarded; resolves with its wall time and exit code. */
export function spawnTimed(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ms: number; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(cmd, args, { env, stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', exitCode => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, exitCode }))
  })
}

/** A series of measurements with its median, as stored in the results file. */
export interface Series {
  median: number
  runs: number[]
}

export function series(runs: number[], digits = 1): Series {
  const round = (value: number): number => Number(value.toFixed(digits))
  return { median: round(median(runs)), runs: runs.map(round) }
}
