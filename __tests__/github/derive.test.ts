import { readGitHubContext, type GitHubContext } from '../../src/github/context.js'
import { deriveAnnotations, deriveTags, sanitizeTag } from '../../src/github/derive.js'
import { type EventFixture, Events, MainSha, PullRequestMergeSha, runnerEnv } from './events.js'

const Source = 'org.opencontainers.image.source'
const Revision = 'org.opencontainers.image.revision'
const Created = 'org.opencontainers.image.created'
const Version = 'org.opencontainers.image.version'

async function contextOf(event: EventFixture): Promise<GitHubContext> {
  return (await readGitHubContext(runnerEnv(event)))!
}

describe('from real event payloads', () => {
  test.each<[string, EventFixture, string[], string, Record<string, string>]>([
    [
      'push to the default branch',
      Events.pushMain,
      ['sha-3f9c2e7', 'latest'],
      'the default branch main',
      { [Created]: '2024-05-14T14:02:11Z', [Version]: 'sha-3f9c2e7' },
    ],
    [
      'push of a semver tag',
      Events.pushTag,
      ['1.4.2', '1.4', '1', 'latest'],
      'the tag v1.4.2',
      { [Created]: '2024-05-14T14:02:11Z', [Version]: '1.4.2' },
    ],
    [
      'push to another branch',
      Events.pushBranch,
      ['feature-distroless-base'],
      'the branch feature/distroless-base',
      {
        [Revision]: Events.pushBranch.sha,
        [Created]: '2024-05-13T16:15:40Z',
        [Version]: 'feature-distroless-base',
      },
    ],
    [
      'pull request',
      Events.pullRequest,
      ['pr-42'],
      'pull request #42',
      { [Revision]: PullRequestMergeSha, [Version]: 'pr-42' },
    ],
    [
      'published release',
      Events.release,
      ['1.4.2', '1.4', '1', 'latest'],
      'release v1.4.2',
      { [Version]: '1.4.2' },
    ],
    [
      'release GitHub marks pre-release: no aliases, no latest',
      Events.prerelease,
      ['2.0.0'],
      'release v2.0.0',
      { [Version]: '2.0.0' },
    ],
    [
      'workflow_dispatch on the default branch',
      Events.workflowDispatch,
      ['sha-3f9c2e7', 'latest'],
      'the default branch main',
      { [Version]: 'sha-3f9c2e7' },
    ],
  ])('%s', async (_, event, tags, reason, annotations) => {
    const context = await contextOf(event)
    expect(deriveTags(context)).toEqual({ tags, reason })
    // created comes from the payload's head commit, never the clock: absent where the payload has none.
    expect(deriveAnnotations(context, tags)).toEqual({
      [Source]: 'https://github.com/acme/app',
      [Revision]: MainSha,
      ...annotations,
    })
  })
})

describe('rules', () => {
  const base: GitHubContext = { eventName: 'push', ref: '', sha: MainSha, defaultBranch: 'main' }

  test.each<[string, Partial<GitHubContext>, string[] | undefined]>([
    ['major 0 gets no bare major tag', { ref: 'refs/tags/v0.3.1' }, ['0.3.1', '0.3', 'latest']],
    ['no v prefix', { ref: 'refs/tags/2.1.0' }, ['2.1.0', '2.1', '2', 'latest']],
    ['semver pre-release tag', { ref: 'refs/tags/v2.0.0-rc.1' }, ['2.0.0-rc.1']],
    [
      'build metadata: + is not a tag character',
      { ref: 'refs/tags/v1.4.2+build.5' },
      ['1.4.2-build.5', '1.4', '1', 'latest'],
    ],
    [
      'a tag that is not semver: its name, no latest',
      { ref: 'refs/tags/release/2024-05' },
      ['release-2024-05'],
    ],
    ['two-part version is not semver', { ref: 'refs/tags/v1.4' }, ['v1.4']],
    ['leading dots and dashes are dropped', { ref: 'refs/heads/-.hotfix' }, ['hotfix']],
    ['a branch name with nothing usable falls back to the commit', { ref: 'refs/heads/..' }, ['sha-3f9c2e7']],
    ['a long branch name is cut at 128', { ref: `refs/heads/${'x'.repeat(200)}` }, ['x'.repeat(128)]],
    [
      'schedule runs on the default branch',
      { eventName: 'schedule', ref: 'refs/heads/main', defaultBranch: undefined },
      ['sha-3f9c2e7', 'latest'],
    ],
    ['unknown default branch: not latest', { ref: 'refs/heads/main', defaultBranch: undefined }, ['main']],
    [
      'pull_request_target runs on the base branch but is a pull request: never latest',
      { eventName: 'pull_request_target', ref: 'refs/heads/main', pullRequest: 7 },
      ['pr-7'],
    ],
    ['pull request without a number', { eventName: 'pull_request', ref: 'refs/heads/main' }, undefined],
    [
      'merge queue branch',
      { eventName: 'merge_group', ref: 'refs/heads/gh-readonly-queue/main/pr-9-abc' },
      ['gh-readonly-queue-main-pr-9-abc'],
    ],
    ['no ref', {}, undefined],
    ['a ref of another kind', { ref: 'refs/notes/commits' }, undefined],
  ])('%s', (_, context, tags) => {
    expect(deriveTags({ ...base, ...context })?.tags).toEqual(tags)
  })

  test('version is the first tag other than latest; facts the run lacks are left out', () => {
    expect(deriveAnnotations({ eventName: 'push', ref: '', sha: '' }, ['latest'])).toEqual({})
    expect(deriveAnnotations({ eventName: 'push', ref: '', sha: '' }, ['latest', 'edge'])).toEqual({
      [Version]: 'edge',
    })
  })

  test('sanitizeTag', () => {
    expect(sanitizeTag('feature/ARM64 cache')).toBe('feature-ARM64-cache')
    expect(sanitizeTag('dependabot/npm_and_yarn/a-1.2')).toBe('dependabot-npm_and_yarn-a-1.2')
    expect(sanitizeTag('')).toBe('')
  })
})
