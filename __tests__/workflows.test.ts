import { execFile } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { removeTree, run, tempDir } from './harness/processes.js'
import { ActionRepository, Uses } from './published-name.js'

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
  with?: Record<string, unknown>
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

/** What a step's script did: its exit code, the outputs it wrote to `GITHUB_OUTPUT`, and its stdout. */
interface StepRun {
  code: number
  outputs: Record<string, string>
  log: string
}

/**
 * Runs a step's `run:` script as the runner would (`bash -eo pipefail`), with only PATH, `env` and a fresh
 * `GITHUB_OUTPUT` in its environment, in `cwd` (default: a temp directory).
 */
async function runStep(step: Step, env: Record<string, string>, cwd?: string): Promise<StepRun> {
  const work = await tempDir('nma-step-')
  try {
    const output = join(work, 'output')
    const result = await promisify(execFile)('bash', ['-eo', 'pipefail', '-c', step.run!], {
      cwd: cwd ?? work,
      env: { PATH: process.env.PATH, ...env, GITHUB_OUTPUT: output },
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

/** This action, as a workflow names it: `./` in this repository, by its published name elsewhere. */
function usesThisAction(step: Step): boolean {
  return step.uses === './' || step.uses === Uses.action
}

test('workflows name the action and the reusable workflow by the published name, at v1', async () => {
  const files = (await readdir(dir)).filter(f => f.endsWith('.yml'))
  const named: string[] = []
  for (const file of files) {
    const text = await readFile(new URL(file, dir), 'utf8')
    expect({ file, placeholder: /OWNER/.test(text) }).toEqual({ file, placeholder: false })
    // Comments too: every `uses:` anywhere in the file that names this project.
    for (const [, uses] of text.matchAll(/uses:\s*([\w./@-]*native-multiarch[\w./@-]*)/g)) named.push(uses!)
  }
  expect(named.length).toBeGreaterThanOrEqual(3)
  for (const uses of named) expect([Uses.action, Uses.reusableWorkflow]).toContain(uses)
})

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

test('every job that attests is granted id-token: write and attestations: write, and the README shows one', async () => {
  const files = (await readdir(dir)).filter(f => f.endsWith('.yml'))
  const workflows = [
    ...(await Promise.all(files.map(async file => ({ where: file, ...(await workflow(file)) })))),
    ...(await readmeWorkflows()).map((example, i) => ({ where: `README example ${i + 1}`, ...example })),
  ]
  const granted = (permissions: Permissions | undefined, name: string) =>
    typeof permissions === 'string' ? permissions === 'write-all' : permissions?.[name] === 'write'
  let checked = 0
  for (const { where, on, permissions, jobs } of workflows) {
    if (on && 'workflow_call' in on) continue
    for (const [name, job] of Object.entries(jobs)) {
      const effective = job.permissions ?? permissions
      const calls = /build-multiarch\.yml@/.test(job.uses ?? '') && `${job.with?.attest ?? ''}` === 'true'
      const attests = (job.steps ?? []).some(step =>
        step.uses?.startsWith('actions/attest-build-provenance@'),
      )
      if (!calls && !attests) continue
      checked++
      const grants = {
        idToken: granted(effective, 'id-token'),
        attestations: granted(effective, 'attestations'),
        packages: granted(effective, 'packages'),
      }
      expect({ where, job: name, ...grants }).toEqual({
        where,
        job: name,
        idToken: true,
        attestations: true,
        packages: true,
      })
    }
  }
  // The reusable workflow's recipe and the composed one.
  expect(checked).toBeGreaterThanOrEqual(2)
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
      'optional-platforms',
      'tag-policy',
      'attest',
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
    expect(Object.keys(reusable.jobs)).toEqual(['prepare', 'build', 'merge', 'attest', 'prune'])
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
      'tag-policy': '${{ inputs.tag-policy }}',
    })
    expect(merge!.outputs).toEqual({
      digest: `\${{ steps.${mergeStep.id}.outputs.digest }}`,
      refs: `\${{ steps.${mergeStep.id}.outputs.refs }}`,
      kept: `\${{ steps.${mergeStep.id}.outputs.kept }}`,
    })
    expect(Object.keys(prepare!.outputs!)).toEqual(['matrix', 'platforms', 'images'])
    const outputs = (reusable.on.workflow_call as { outputs: Record<string, { value: string }> }).outputs
    expect(Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, o.value]))).toEqual({
      digest: '${{ jobs.merge.outputs.digest }}',
      refs: '${{ jobs.merge.outputs.refs }}',
      kept: '${{ jobs.merge.outputs.kept }}',
    })
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
    expect(merge!.if).toBe(
      "${{ !cancelled() && needs.prepare.result == 'success' && inputs.push && !inputs.prune-only }}",
    )
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

  test('a failed leg: the merge runs after it and is told which platforms may be missing', () => {
    const { merge } = reusable.jobs
    // Not the default success(): that skips the merge whenever any build leg failed.
    expect(merge!.if).toMatch(/^\$\{\{ !cancelled\(\) && needs\.prepare\.result == 'success' && /)
    expect(merge!.steps!.find(usesThisAction)!.with).toMatchObject({
      'optional-platforms': '${{ inputs.optional-platforms }}',
    })
  })

  test('attest: true attests the merged index in each image, after a merge that succeeded', () => {
    const { attest } = reusable.jobs
    expect(call.inputs).toHaveProperty('attest')
    expect(attest!.needs).toEqual(['prepare', 'merge'])
    expect(attest!.if).toBe("${{ !cancelled() && inputs.attest && needs.merge.result == 'success' }}")
    expect(attest!.strategy!.matrix).toEqual({ image: '${{ fromJSON(needs.prepare.outputs.images) }}' })
    const steps = attest!.steps!
    expect(steps[0]!.uses).toBe('docker/login-action@v3')
    expect(steps.at(-1)).toEqual({
      uses: 'actions/attest-build-provenance@v2',
      with: {
        'subject-name': '${{ matrix.image }}',
        'subject-digest': '${{ needs.merge.outputs.digest }}',
        'push-to-registry': true,
      },
    })
  })

  test.each<[string, string[]]>([
    ['ghcr.io/acme/app', ['ghcr.io/acme/app']],
    [
      ' ghcr.io/acme/app,\ndocker.io/acme/app\nacme/tool, nginx\n\nlocalhost:5000/app,ghcr.io/acme/app',
      [
        'ghcr.io/acme/app',
        'index.docker.io/acme/app',
        'index.docker.io/acme/tool',
        'index.docker.io/library/nginx',
        'localhost:5000/app',
      ],
    ],
  ])('images %j are attested as %j', async (images, names) => {
    const step = reusable.jobs.prepare!.steps!.find(s => s.id === 'images')!
    expect(step.env).toEqual({ IMAGES: '${{ inputs.images }}' })
    const { code, outputs } = await runStep(step, { IMAGES: images })
    expect(code).toBe(0)
    expect(JSON.parse(outputs.images!)).toEqual(names)
  })

  /** Runs the prepare job's script as the runner would (bash, jq), with `runners` as the input. */
  async function prepare(runners: string): Promise<StepRun> {
    const step = reusable.jobs.prepare!.steps!.find(s => s.id === 'matrix')!
    expect(step.env).toEqual({ RUNNERS: '${{ inputs.runners }}' })
    return runStep(step, { RUNNERS: runners })
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

describe('the release workflow', () => {
  let release: Workflow

  beforeAll(async () => {
    release = await workflow('release.yml')
  })

  const step = (job: string, name: string): Step =>
    release.jobs[job]!.steps!.find(s => s.id === name || (s as { name?: string }).name === name)!

  test('a published release is checked, then published to npm, then the major tag moves', () => {
    expect(release.on).toEqual({ release: { types: ['published'] } })
    expect(Object.keys(release.jobs)).toEqual(['check', 'npm', 'major-tag'])
    const { check, npm, 'major-tag': major } = release.jobs
    expect(npm!.needs).toBe('check')
    expect(major!.needs).toEqual(['check', 'npm'])
    expect(major!.if).toBe("needs.check.outputs.major != ''")
    // Every job works on the release's tag.
    for (const job of [check!, npm!, major!]) {
      expect(job.steps![0]).toEqual({
        uses: 'actions/checkout@v4',
        with: { ref: '${{ github.event.release.tag_name }}' },
      })
    }
    // Nothing is published unless dist/ is the bundle of the tagged sources.
    expect(step('check', 'dist/ is the bundle of these sources').run).toMatch(
      /npm ci\nnpm run build\n.*\ngit diff --exit-code/,
    )
  })

  test('only the publish step sees the npm token; only the major-tag job may write to the repository', async () => {
    const text = await readFile(new URL('release.yml', dir), 'utf8')
    expect([...text.matchAll(/secrets\.([A-Za-z0-9_]+)/g)].map(m => m[1])).toEqual(['NPM_TOKEN'])
    const publish = step('npm', 'publish')
    expect(publish.env).toEqual({
      NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}',
      DIST_TAG: '${{ needs.check.outputs.dist-tag }}',
    })
    expect(publish.run).toBe('npm publish --provenance --access public --tag "$DIST_TAG"')
    expect(release.permissions).toEqual({ contents: 'read' })
    expect(release.jobs.check!.permissions).toBeUndefined()
    expect(release.jobs.npm!.permissions).toEqual({ contents: 'read', 'id-token': 'write' })
    expect(release.jobs['major-tag']!.permissions).toEqual({ contents: 'write' })
  })

  /** The check job's version step, run in a checkout holding this package.json version and CHANGELOG.md. */
  async function checkVersion(tag: string, prerelease: boolean, version: string, changelog: string) {
    const checkout = await tempDir('nma-release-')
    try {
      await writeFile(join(checkout, 'package.json'), JSON.stringify({ name: 'native-multiarch', version }))
      await writeFile(join(checkout, 'CHANGELOG.md'), `# Changelog\n\n${changelog}\n\n- A change.\n`)
      const version_ = step('check', 'version')
      expect(version_.env).toEqual({
        TAG: '${{ github.event.release.tag_name }}',
        PRERELEASE: '${{ github.event.release.prerelease }}',
      })
      return await runStep(version_, { TAG: tag, PRERELEASE: String(prerelease) }, checkout)
    } finally {
      await removeTree(checkout)
    }
  }

  test.each<[string, boolean, string, string, Record<string, string>]>([
    [
      'v1.2.3',
      false,
      '1.2.3',
      '## [1.2.3] - 2026-12-01',
      { version: '1.2.3', 'dist-tag': 'latest', major: 'v1' },
    ],
    [
      'v12.0.1',
      false,
      '12.0.1',
      '## [12.0.1] - 2027-01-02',
      { version: '12.0.1', 'dist-tag': 'latest', major: 'v12' },
    ],
    [
      'v2.0.0-rc.1',
      true,
      '2.0.0-rc.1',
      '## [Unreleased]',
      { version: '2.0.0-rc.1', 'dist-tag': 'next', major: '' },
    ],
  ])(
    'release %s (pre-release: %s) of version %s publishes',
    async (tag, prerelease, version, changelog, outputs) => {
      const result = await checkVersion(tag, prerelease, version, changelog)
      expect(result).toEqual({ code: 0, outputs, log: `Releasing ${version}\n` })
    },
  )

  test.each<[string, boolean, string, string, string]>([
    [
      'v1.2.4',
      false,
      '1.2.3',
      '## [1.2.3] - 2026-12-01',
      "Release tag 'v1.2.4' is not v + package.json's version (1.2.3)",
    ],
    [
      '1.2.3',
      false,
      '1.2.3',
      '## [1.2.3] - 2026-12-01',
      "Release tag '1.2.3' is not v + package.json's version (1.2.3)",
    ],
    ['v1.2.3', true, '1.2.3', '## [1.2.3] - 2026-12-01', 'Release v1.2.3 is marked as a pre-release'],
    [
      'v2.0.0-rc.1',
      false,
      '2.0.0-rc.1',
      '',
      '2.0.0-rc.1 is a semver pre-release: mark release v2.0.0-rc.1 as a pre-release',
    ],
    [
      'v1.2.3',
      false,
      '1.2.3',
      '## [1.2.3] - Unreleased',
      "CHANGELOG.md has no section '## [1.2.3] - YYYY-MM-DD'",
    ],
    ['v1.2', false, '1.2', '## [1.2] - 2026-12-01', "package.json's version '1.2' is not MAJOR.MINOR.PATCH"],
  ])(
    'release %s (pre-release: %s) of version %s is refused',
    async (tag, prerelease, version, changelog, why) => {
      const result = await checkVersion(tag, prerelease, version, changelog)
      expect(result.code).toBe(1)
      expect(result.outputs).toEqual({})
      expect(result.log).toContain(`::error::${why}`)
    },
  )

  test("npm credentials: .npmrc names NODE_AUTH_TOKEN for npm's configured registry and holds no token", async () => {
    const home = await tempDir('nma-release-home-')
    try {
      const env = { HOME: home, NODE_AUTH_TOKEN: 'never-written' }
      expect(await runStep(step('npm', 'npm credentials'), env)).toMatchObject({ code: 0 })
      const { stdout } = await run('npm', ['config', 'get', 'registry'], {
        env: { PATH: process.env.PATH, HOME: home },
      })
      const npmrc = await readFile(join(home, '.npmrc'), 'utf8')
      expect(npmrc).toBe(`${stdout.trim().replace(/^https?:/, '')}:_authToken=\${NODE_AUTH_TOKEN}\n`)
      expect(npmrc).toMatch(/^\/\/[^/\s]+\//)
    } finally {
      await removeTree(home)
    }
  })

  test('the major tag moves to each release, on the repository the job pushes to', async () => {
    const work = await tempDir('nma-release-git-')
    // Who commits and tags; runStep adds PATH.
    const identity = {
      HOME: work,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    }
    const git = (cwd: string, ...args: string[]) =>
      run('git', args, { cwd, env: { PATH: process.env.PATH, ...identity } })
    try {
      const origin = join(work, 'origin.git')
      const clone = join(work, 'clone')
      await git(work, 'init', '--quiet', '--bare', origin)
      await git(work, 'clone', '--quiet', origin, clone)
      const release = async (tag: string): Promise<string> => {
        await git(clone, 'commit', '--quiet', '--allow-empty', '-m', tag)
        await git(clone, 'tag', '-a', tag, '-m', tag)
        return (await git(clone, 'rev-parse', 'HEAD')).stdout.trim()
      }
      const move = step('major-tag', 'move the major tag')
      expect(move.env).toEqual({
        TAG: '${{ github.event.release.tag_name }}',
        MAJOR: '${{ needs.check.outputs.major }}',
      })
      const originTag = async (tag: string) =>
        (await git(origin, 'rev-parse', `${tag}^{commit}`)).stdout.trim()

      const first = await release('v1.0.0')
      expect(await runStep(move, { ...identity, TAG: 'v1.0.0', MAJOR: 'v1' }, clone)).toMatchObject({
        code: 0,
      })
      expect(await originTag('v1')).toBe(first)
      const second = await release('v1.1.0')
      expect(await runStep(move, { ...identity, TAG: 'v1.1.0', MAJOR: 'v1' }, clone)).toMatchObject({
        code: 0,
      })
      expect(await originTag('v1')).toBe(second)
    } finally {
      await removeTree(work)
    }
  })

  test("the package's version is the CHANGELOG's newest", async () => {
    const [pkg, changelog] = await Promise.all([
      readFile(new URL('../package.json', import.meta.url), 'utf8'),
      readFile(new URL('../CHANGELOG.md', import.meta.url), 'utf8'),
    ])
    expect(/^## \[(\d[^\]]*)\]/m.exec(changelog)?.[1]).toBe((JSON.parse(pkg) as { version: string }).version)
  })
})

test('the action is published as native-multiarch/native-multiarch', () => {
  expect(ActionRepository).toBe('native-multiarch/native-multiarch')
})
