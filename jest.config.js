/** Jest in ESM mode (the @actions/* packages are ESM-only); run through scripts/test.sh. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Integration tests start registries and builds; they share two cores.
  maxWorkers: 2,
  testTimeout: 120000,
}
