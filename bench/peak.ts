/**
 * Wall time, peak memory and CPU time of one command, for the merge benchmark's contenders.
 *
 * Peak memory: the command runs under GNU time (`/usr/bin/time -f %M`, Debian's `time` package, installed by
 * scripts/setup.sh), whose %M is the largest resident set any single process of the tree reached (wait4's
 * ru_maxrss covers the child and the descendants it waited for, as a maximum, not a sum). With `sampleTree`,
 * the RSS of the whole tree (every descendant of the command, summed) is also sampled from /proc every 20 ms
 * and the larger of the two is reported: `docker buildx imagetools create` is two processes (the docker CLI
 * runs the buildx plugin as its child), so its tree holds both at once. This kernel has no
 * /proc/PID/task/TID/children, so the tree is found from every process's parent in /proc/PID/stat; that scan
 * costs a few milliseconds, which is why it is only used where a run lasts long enough to sample (the
 * cross-registry copy), not in the ~100 ms merges.
 */
import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { baseEnv, parseOutputFile } from '../__tests__/harness/action.js'
import { Bundle } from '../__tests__/harness/action.js'
import { removeTree, tempDir } from '../__tests__/harness/processes.js'
import { writeFile } from 'node:fs/promises'

export const GnuTime = '/usr/bin/time'

export interface PeakRun {
  /** Wall time of the command (GNU time's fork and wait included, the same for every contender). */
  ms: number
  /** Peak resident set, KiB: GNU time's %M, or the sampled tree sum when that was larger. */
  peakKiB: number
  /** CPU time, user + system, of the command and the descendants it waited for (GNU time's %U + %S). */
  cpuMs: number
  stdout: string
  stderr: string
}

/** Runs `cmd args` under GNU time; rejects with its output on a non-zero exit. */
export async function runPeak(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { sampleTree?: boolean } = {},
): Promise<PeakRun> {
  const dir = await tempDir('bench-peak-')
  try {
    const report = join(dir, 'time')
    const out: Buffer[] = []
    const err: Buffer[] = []
    let treePeak = 0
    const started = process.hrtime.bigint()
    const child = spawn(GnuTime, ['-f', '%M %U %S', '-o', report, '--', cmd, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    let sampling = true
    const sampler = opts.sampleTree
      ? (async () => {
          while (sampling && child.pid !== undefined) {
            treePeak = Math.max(treePeak, await treeRssKiB(child.pid))
            await new Promise(resolve => setTimeout(resolve, 20))
          }
        })()
      : Promise.resolve()
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', resolve)
    })
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    sampling = false
    await sampler
    const stdout = Buffer.concat(out).toString('utf8')
    const stderr = Buffer.concat(err).toString('utf8')
    if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${code}):\n${stdout}${stderr}`)
    const lines = (await readFile(report, 'utf8')).trim().split('\n')
    const [maxRss, user, system] = lines[lines.length - 1]!.split(' ').map(Number)
    if (![maxRss, user, system].every(Number.isFinite))
      throw new Error(`${GnuTime} wrote no '%M %U %S' figures: ${lines.join(' / ')}`)
    return { ms, peakKiB: Math.max(maxRss!, treePeak), cpuMs: (user! + system!) * 1000, stdout, stderr }
  } finally {
    await removeTree(dir)
  }
}

/** Sum of VmRSS (KiB) over the descendants of `root` (GNU time itself excluded). */
async function treeRssKiB(root: number): Promise<number> {
  const parents = new Map<number, number>()
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '')
    // `pid (comm) state ppid ...`; comm may hold spaces and parentheses, so parse after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (ppid) parents.set(Number(name), ppid)
  }
  const inTree = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined; p = parents.get(p)) if (p === root) return true
    return false
  }
  let total = 0
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
    total += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0)
  }
  return total
}

/**
 * The bundle (`node dist/index.js`) with `inputs` as INPUT_* variables, the way the harness's runAction() runs
 * it (same environment: baseEnv(), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), but under runPeak(). Returns
 * the outputs with the measurement.
 */
export async function runActionPeak(
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv,
  opts: { sampleTree?: boolean } = {},
): Promise<PeakRun & { outputs: Record<string, string> }> {
  const dir = await tempDir('bench-action-')
  try {
    const outputFile = join(dir, 'output')
    await writeFile(outputFile, '')
    await writeFile(join(dir, 'summary'), '')
    const variables: NodeJS.ProcessEnv = {
      ...baseEnv(),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      ...env,
    }
    for (const [name, value] of Object.entries(inputs)) variables[`INPUT_${name.toUpperCase()}`] = value
    // spawn() leaves out variables whose value is undefined (HostedRunnerEnv unsets NODE_EXTRA_CA_CERTS so).
    const measured = await runPeak(process.execPath, [Bundle], variables, opts)
    return { ...measured, outputs: parseOutputFile(await readFile(outputFile, 'utf8')) }
  } finally {
    await removeTree(dir)
  }
}
