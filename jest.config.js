// Tests are ESM TypeScript, transpiled by SWC (type-checking is `npm run typecheck`'s job),
// run under --experimental-vm-modules; scripts/stack.ts starts the real services first.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 60_000,
  maxWorkers: 1,
  // In band, ~200 suites under vm modules grow one heap past 4 GB; a worker that is replaced when it
  // holds more than this after a suite keeps the run flat.
  workerIdleMemoryLimit: '1GB',
  forceExit: false,
};
