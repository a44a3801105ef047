import base from './jest.config.js'

/**
 * `npm run test:unit`: every suite but those that need a Debian package or a service (registry, buildah,
 * skopeo, dockerd, Azurite, jq). Local HTTP servers that speak a protocol in-process are fine. `npm test` runs
 * every suite, these included.
 */
const IntegrationSuites = [
  '<rootDir>/__tests__/e2e/',
  '<rootDir>/__tests__/harness/',
  '<rootDir>/__tests__/harness\\.test\\.ts$',
  '<rootDir>/__tests__/builders/(buildah|buildx|detect)\\.test\\.ts$',
  '<rootDir>/__tests__/handoff/artifacts\\.test\\.ts$',
  '<rootDir>/__tests__/registry/integration\\.test\\.ts$',
  '<rootDir>/__tests__/github/(action|packages)\\.test\\.ts$',
  // Runs the workflows' scripts: jq, git and npm.
  '<rootDir>/__tests__/workflows\\.test\\.ts$',
]

export default { ...base, testPathIgnorePatterns: ['/node_modules/', ...IntegrationSuites] }
