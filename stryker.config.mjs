// Mutation testing (npm run mutate): StrykerJS breaks one decision at a time in
// server/src and runs the fast suite's test files that reach it; a mutant that
// no test notices is a decision nobody guards. Not in CI (hours on 2 cores);
// incremental, so a re-run only tests mutants in changed code or reached by
// changed tests. Narrow a run with `npm run mutate -- --mutate 'server/src/rules/**/*.ts'`.
//
// How it fits our tests: the tap runner runs each bundled test file
// (dist/test/**/*.test.js, built from the instrumented sources by the build
// command) as its own Node process; scripts/mutate/childCoverage.cjs carries the
// coverage of the language servers and CLIs those tests start back to it.
// Equivalent mutants are marked where they are, with `// Stryker disable next-line <mutator>: <reason>`.
import { fileURLToPath } from 'node:url';

const childCoverage = fileURLToPath(new URL('./scripts/mutate/childCoverage.cjs', import.meta.url));
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${childCoverage}`.trim();

const FOLDERS = ['model', 'rules', 'workspace', 'features', 'cli', 'config'];

export default {
  packageManager: 'npm',
  testRunner: 'tap',
  tap: {
    testFiles: ['dist/test/{unit,cli,protocol}/**/*.test.js', 'dist/test/fuzz/{lspText,regressions}.test.js'],
    nodeArgs: ['--require', '{{hookFile}}', '{{testFile}}'],
    forceBail: true,
  },
  buildCommand: 'node scripts/mutate/build.mjs',
  mutate: [...FOLDERS.map((f) => `server/src/${f}/**/*.ts`), '!server/src/**/*.cases.ts', '!server/src/**/*.d.ts'],
  ignorePatterns: ['dist', 'test-output', '.tools', '.microvm-lint-cache', 'reports', '*.vsix'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'test-output/mutation/incremental.json',
  concurrency: 2,
  timeoutMS: 20000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'test-output/mutation/index.html' },
  jsonReporter: { fileName: 'test-output/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
