import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { removeTree, tempDir } from './harness/processes.js'

const dir = new URL('../.github/workflows/', import.meta.url)

interface Step {
  id?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, string>
}

interface Job {
  uses?: string
  permissions?: Permissions
  needs?: string | string[]
  if?: string
  'runs-on'?: unknown
  strategy?: { matrix?: Record<string, unknown> }
  outputs?: Record<string, string>
  steps?: Step[]
}

interface Workflow {
  on: Record<string, unknown>
  permissions?: Permissions
  jobs: Record<string, Job>
}

/** `permissions:` as a map, or a shorthand such as `read-all`. */
type Permissions = Record<string, string> | string

async function workflow(file: string): Promise<Workflow> {
  return parse(await readFile(new URL(file, dir), 'utf8')) as Workflow
}

/** This action, as a workflow names it: `./` in this repository, `OWNER/native-multiarch@ref` elsewhere. */
function usesThisAction(step: Step): boolean {
  return step.uses === './' || /^[^/]+\/native-multiarch@/.test(step.uses ?? '')
}

test('every workflow that uses this action passes only inputs action.yml declares, and a valid mode', async () => {
  const action = parse(await readFile(new URL('../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, unknown>
  }
  const files = (await readdir(dir)).filter(f => f.endsWith('.yml'))
  let uses = 0
  for (const file of files) {
    for (const job of Object.values((await workflow(file)).jobs)) {
      for (const step of job.steps ?? []) {
        if (!usesThisAction(step)) continue
        uses++
        expect(Object.keys(step.with ?? {}).filter(name => !(name in action.inputs))).toEqual([])
        expect(['build', 'merge', 'prune']).toContain(step.with?.mode)
      }
    }
  }
  // ci.yml and multiarch.yml with `./`, build-multiarch.yml by name.
  expect(uses).toBeGreaterThanOrEqual(6)
})

/** The README's ```yaml examples that are whole workflows (they have `jobs:`). */
async function readmeWorkflows(): Promise<Workflow[]> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map(match => parse(match[1]!) as Partial<Workflow>)
    .filter((example): example is Workflow => typeof example?.jobs === 'object')
}

test('every merge job that reads records from artifacts is granted actions: read, for re-runs', async () => {
  const grants = (permissions: Permissions | undefined): boolean =>
    typeof permissions === 'string'
      ? /^(read|write)-all$/.test(permissions)
      : ['read', 'write'].includes(permissions?.actions ?? '')
  const files = (await readdir(dir)).filter(f => f.endsWith('.yml'))
  const workflows = [
    ...(await Promise.all(files.map(async file => ({ where: file, ...(await workflow(file)) })))),
    ...(await readmeWorkflows()).map((example, i) => ({ where: `README example ${i + 1}`, ...example })),
  ]
  let checked = 0
  for (const { where, on, permissions, jobs } of workflows) {
    // The reusable workflow declares none: its jobs get what its caller grants (checked at the callers).
    if (on && 'workflow_call' in on) continue
    for (const [name, job] of Object.entries(jobs)) {
      // A job's own permissions replace the workflow's.
      const effective = job.permissions ?? permissions
      const calls = /build-multiarch\.yml@/.test(job.uses ?? '')
      const merges = (job.steps ?? []).some(
        step => usesThisAction(step) && step.with?.mode === 'merge' && !step.with['digests-path'],
      )
      if (!calls && !merges) continue
      checked++
      expect({ where, job: name, grants: grants(effective) }).toEqual({ where, job: name, grants: true })
    }
  }
  expect(checked).toBeGreaterThanOrEqual(6)
})

test('every job that prunes is granted packages: write, and the README shows one', async () => {
  const files = (await readdir(dir)).filter(f => f.endsWith('.yml'))
  const workflows = [
    ...(await Promise.all(files.map(async file => ({ where: file, ...(await workflow(file)) })))),
    ...(await readmeWorkflows()).map((example, i) => ({ where: `README example ${i + 1}`, ...example })),
  ]
  let checked = 0
  for (const { where, on, permissions, jobs } of workflows) {
    if (on && 'workflow_call' in on) continue
    for (const [name, job] of Object.entries(jobs)) {
      const effective = job.permissions ?? permissions
      const calls =
        /build-multiarch\.yml@/.test(job.uses ?? '') &&
        ['prune', 'prune-only'].some(input => (job as { with?: Record<string, unknown> }).with?.[input])
      const prunes = (job.steps ?? []).some(
        step =>
          usesThisAction(step) && (step.with?.mode === 'prune' || `${step.with?.prune ?? ''}` === 'true'),
      )
      if (!calls && !prunes) continue
      checked++
      const writes =
        typeof effective === 'string' ? effective === 'write-all' : effective?.packages === 'write'
      expect({ where, job: name, writes }).toEqual({ where, job: name, writes: true })
    }
  }
  expect(checked).toBeGreaterThanOrEqual(1)
})

describe('the reusable workflow', () => {
  const file = 'build-multiarch.yml'
  let text: string
  let reusable: Workflow
  let call: { inputs: Record<string, { required?: boolean }>; secrets: Record<string, unknown> }

  beforeAll(async () => {
    text = await readFile(new URL(file, dir), 'utf8')
    reusable = parse(text) as Workflow
    call = reusable.on.workflow_call as typeof call
  })

  test('is called with images, the platform-to-runner mapping, tags, build and login inputs, and a password secret', () => {
    expect(Object.keys(reusable.on)).toEqual(['workflow_call'])
    expect(call.inputs.images!.required).toBe(true)
    for (const input of [
      'runners',
      'tags',
      'metadata',
      'context',
      'file',
      'registry',
      'username',
      'handoff-key',
    ])
      expect(call.inputs).toHaveProperty(input)
    expect(Object.keys(call.secrets)).toEqual(['password'])
  })

  test('refers only to inputs and secrets it declares', () => {
    const used = (kind: string) =>
      [...text.matchAll(new RegExp(`\\b${kind}\\.([A-Za-z0-9_-]+)`, 'g'))].map(m => m[1])
    expect(used('inputs').filter(name => !(name! in call.inputs))).toEqual([])
    expect(used('secrets').filter(name => !(name! in call.secrets))).toEqual([])
  })

  test('a build job per platform, from the mapping, on its runner; the merge requires every platform', () => {
    const { prepare, build, merge } = reusable.jobs
    expect(Object.keys(reusable.jobs)).toEqual(['prepare', 'build', 'merge', 'prune'])
    expect(build!.needs).toBe('prepare')
    expect(build!.strategy!.matrix).toEqual({ include: '${{ fromJSON(needs.prepare.outputs.matrix) }}' })
    expect(build!['runs-on']).toBe('${{ matrix.runner }}')
    const buildStep = build!.steps!.find(usesThisAction)!
    expect(buildStep.with).toMatchObject({ mode: 'build', platform: '${{ matrix.platform }}' })

    expect(merge!.needs).toEqual(['prepare', 'build'])
    const mergeStep = merge!.steps!.find(usesThisAction)!
    expect(mergeStep.with).toMatchObject({
      mode: 'merge',
      platforms: '${{ needs.prepare.outputs.platforms }}',
    })
    expect(merge!.outputs).toEqual({
      digest: `\${{ steps.${mergeStep.id}.outputs.digest }}`,
      refs: `\${{ steps.${mergeStep.id}.outputs.refs }}`,
    })
    expect(Object.keys(prepare!.outputs!)).toEqual(['matrix', 'platforms'])
  })

  test('prune: true cleans up after the merge; prune-only runs the clean-up job alone, once per images', () => {
    const { prepare, merge, prune } = reusable.jobs
    expect(call.inputs).toHaveProperty('prune')
    expect(call.inputs).toHaveProperty('prune-only')
    expect(merge!.steps!.find(usesThisAction)!.with).toMatchObject({
      prune: '${{ inputs.prune }}',
      'prune-min-age': '${{ inputs.prune-min-age }}',
    })
    // build needs prepare, so skipping prepare skips the build too.
    expect(prepare!.if).toBe('${{ !inputs.prune-only }}')
    expect(merge!.if).toBe('inputs.push && !inputs.prune-only')
    expect(prune!.if).toBe('inputs.prune-only')
    expect(prune!.steps!.find(usesThisAction)!.with).toEqual({
      mode: 'prune',
      images: '${{ inputs.images }}',
      'prune-min-age': '${{ inputs.prune-min-age }}',
    })
    expect((prune as { concurrency?: { group: string } }).concurrency?.group).toContain(
      '${{ inputs.images }}',
    )
  })

  /** Runs the prepare job's script as the runner would (bash, jq), with `runners` as the input. */
  async function prepare(
    runners: string,
  ): Promise<{ code: number; outputs: Record<string, string>; log: string }> {
    const step = reusable.jobs.prepare!.steps!.find(s => s.id === 'matrix')!
    expect(step.env).toEqual({ RUNNERS: '${{ inputs.runners }}' })
    const work = await tempDir('nma-prepare-')
    try {
      const output = join(work, 'output')
      const result = await promisify(execFile)('bash', ['-eo', 'pipefail', '-c', step.run!], {
        env: { PATH: process.env.PATH, RUNNERS: runners, GITHUB_OUTPUT: output },
      }).then(
        ({ stdout }) => ({ code: 0, log: stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, log: error.stdout }),
      )
      const text = await readFile(output, 'utf8').catch(() => '')
      const outputs = Object.fromEntries(
        text
          .trim()
          .split('\n')
          .filter(Boolean)
          .map(line => line.split(/=(.*)/s).slice(0, 2)),
      )
      return { ...result, outputs }
    } finally {
      await removeTree(work)
    }
  }

  test('the mapping becomes the matrix and the required platforms; runners may be label lists', async () => {
    const { code, outputs } = await prepare(
      '{"linux/amd64": "ubuntu-24.04", "linux/arm64": "ubuntu-24.04-arm", "linux/arm/v7": ["self-hosted", "ARM"]}',
    )
    expect(code).toBe(0)
    expect(JSON.parse(outputs.matrix!)).toEqual([
      { platform: 'linux/amd64', runner: 'ubuntu-24.04' },
      { platform: 'linux/arm64', runner: 'ubuntu-24.04-arm' },
      { platform: 'linux/arm/v7', runner: ['self-hosted', 'ARM'] },
    ])
    expect(outputs.platforms).toBe('linux/amd64,linux/arm64,linux/arm/v7')
  })

  test('no 20-platform cap', async () => {
    const mapping = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`linux/p${i}`, `runner-${i}`]))
    const { outputs } = await prepare(JSON.stringify(mapping))
    expect(JSON.parse(outputs.matrix!)).toHaveLength(30)
  })

  test.each(['', '[]', '{}', '{"linux/amd64": 1}', 'ubuntu-24.04'])(
    'refuses the mapping %j',
    async runners => {
      const { code, outputs, log } = await prepare(runners)
      expect(code).toBe(1)
      expect(log).toContain("::error::Input 'runners' must be a JSON object of platforms to runner labels")
      expect(outputs).toEqual({})
    },
  )
})
