import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseGitHubContext, readGitHubContext } from '../../src/github/context.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { Events, MainSha, runnerEnv } from './events.js'

test('reads the variables and the payload a runner gives', async () => {
  expect(await readGitHubContext(runnerEnv(Events.pushTag))).toEqual({
    eventName: 'push',
    ref: 'refs/tags/v1.4.2',
    sha: MainSha,
    repositoryUrl: 'https://github.com/acme/app',
    defaultBranch: 'main',
    commitTime: '2024-05-14T14:02:11Z',
  })
  expect(await readGitHubContext(runnerEnv(Events.pullRequest))).toMatchObject({ pullRequest: 42 })
  expect(await readGitHubContext(runnerEnv(Events.prerelease))).toMatchObject({
    release: { tag: 'v2.0.0', prerelease: true },
  })
})

test('outside GitHub Actions there is no context', async () => {
  expect(
    await readGitHubContext({ ...runnerEnv(Events.pushMain), GITHUB_ACTIONS: undefined }),
  ).toBeUndefined()
})

test('a payload that cannot be read is an error naming GITHUB_EVENT_PATH', async () => {
  const dir = await tempDir('nma-event-')
  try {
    const broken = join(dir, 'event.json')
    await writeFile(broken, '{"ref":')
    for (const path of [broken, join(dir, 'missing.json')]) {
      await expect(
        readGitHubContext({ ...runnerEnv(Events.pushMain), GITHUB_EVENT_PATH: path }),
      ).rejects.toThrow(`Cannot read the event payload at GITHUB_EVENT_PATH '${path}'`)
    }
  } finally {
    await removeTree(dir)
  }
})

test('without a payload, the variables alone', async () => {
  expect(await readGitHubContext({ ...runnerEnv(Events.pushMain), GITHUB_EVENT_PATH: undefined })).toEqual({
    eventName: 'push',
    ref: 'refs/heads/main',
    sha: MainSha,
    repositoryUrl: 'https://github.com/acme/app',
  })
})

test.each([
  ['https://ghe.example.com/', 'https://ghe.example.com/acme/app'],
  [undefined, 'https://github.com/acme/app'],
])('server URL %j', (server, url) => {
  expect(
    parseGitHubContext({ GITHUB_REPOSITORY: 'acme/app', GITHUB_SERVER_URL: server }, {}).repositoryUrl,
  ).toBe(url)
})

test('timestamps are normalized to UTC; anything else in the payload is ignored', () => {
  const at = (timestamp: unknown) => parseGitHubContext({}, { head_commit: { timestamp } }).commitTime
  expect(at('2021-10-21T23:47:22+02:00')).toBe('2021-10-21T21:47:22Z')
  expect(at('2021-10-21T21:47:22Z')).toBe('2021-10-21T21:47:22Z')
  expect(at('yesterday')).toBeUndefined()
  expect(at(1634852842)).toBeUndefined()
  expect(parseGitHubContext({}, null)).toEqual({ eventName: '', ref: '', sha: '' })
  expect(parseGitHubContext({}, { repository: 'x', head_commit: null, release: [] })).toEqual({
    eventName: '',
    ref: '',
    sha: '',
  })
})
