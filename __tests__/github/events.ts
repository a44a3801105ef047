/**
 * Runner environments for the event payloads in fixtures/: the variables a runner sets next to
 * GITHUB_EVENT_PATH for each event, as a workflow on acme/app would see them.
 */
import { fileURLToPath } from 'node:url'

export const MainSha = '3f9c2e7d1a8b4c6e5f0a9b8c7d6e5f4a3b2c1d0e'
export const BranchSha = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d'
export const PullRequestMergeSha = 'd15ea5e0d15ea5e0d15ea5e0d15ea5e0d15ea5e0'

export interface EventFixture {
  /** The payload file in fixtures/. */
  file: string
  name: string
  ref: string
  sha: string
}

export const Events = {
  pushMain: { file: 'push-main.json', name: 'push', ref: 'refs/heads/main', sha: MainSha },
  pushTag: { file: 'push-tag.json', name: 'push', ref: 'refs/tags/v1.4.2', sha: MainSha },
  pushBranch: {
    file: 'push-branch.json',
    name: 'push',
    ref: 'refs/heads/feature/distroless-base',
    sha: BranchSha,
  },
  pullRequest: {
    file: 'pull-request.json',
    name: 'pull_request',
    ref: 'refs/pull/42/merge',
    sha: PullRequestMergeSha,
  },
  release: { file: 'release.json', name: 'release', ref: 'refs/tags/v1.4.2', sha: MainSha },
  prerelease: { file: 'release-prerelease.json', name: 'release', ref: 'refs/tags/v2.0.0', sha: MainSha },
  workflowDispatch: {
    file: 'workflow-dispatch.json',
    name: 'workflow_dispatch',
    ref: 'refs/heads/main',
    sha: MainSha,
  },
} satisfies Record<string, EventFixture>

export function payloadPath(event: EventFixture): string {
  return fileURLToPath(new URL(`fixtures/${event.file}`, import.meta.url))
}

/** The GitHub variables of a job started by `event`. */
export function runnerEnv(event: EventFixture): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: payloadPath(event),
    GITHUB_REF: event.ref,
    GITHUB_SHA: event.sha,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '9100200300',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'merge',
  }
}
