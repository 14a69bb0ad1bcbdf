// Mutation testing (npm run mutate): StrykerJS breaks one decision at a time in
// server/src and runs the test files that reach it; a mutant that no test
// notices is a decision nobody guards. Not in CI: hours on 2 cores.
//
//   npm run mutate                      every folder below, with every fast test file
//   MUTATE=rules npm run mutate         one folder, with the test files that guard it
//   MUTATE=rules/mac npm run mutate     files of one folder, with that folder's test files
//
// A folder's run uses the test files meant to guard that folder (FOLDERS). A
// mutant that only another file's tests would kill counts as surviving there,
// so a folder's score is a lower bound of its score under the whole suite.
// Each scope keeps its own incremental file, committed in test/mutation/ so that
// a re-run on a fresh clone tests only mutants in changed code or reached by
// changed tests (the HTML and JSON reports stay in test-output/mutation/).
//
// How it fits our tests: the tap runner runs each bundled test file
// (dist/test/**/*.test.js, built from the instrumented sources by the build
// command) as a Node process of its own; scripts/mutate/childCoverage.cjs
// carries the coverage of the language servers and CLIs those tests start back
// to it. Equivalent mutants are marked where they are, with
// `// Stryker disable next-line <mutator>: <reason>`.
import { fileURLToPath } from 'node:url';

const childCoverage = fileURLToPath(new URL('./scripts/mutate/childCoverage.cjs', import.meta.url));
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${childCoverage}`.trim();

// Nix's own parser (unit/nix-oracle) guards the fixes' text, and nothing outside rules/.
const UNIT = ['dist/test/unit/!(nix-oracle).test.js', 'dist/test/fuzz/{lspText,regressions}.test.js'];
const PROTOCOL = ['dist/test/protocol/**/*.test.js'];
const CLI = ['dist/test/cli/**/*.test.js'];

/** Each folder of server/src under mutation, and the test files that guard it. */
const FOLDERS = {
  model: [...UNIT, 'dist/test/protocol/{workspace,prefilter,edits}.test.js', 'dist/test/cli/crossFile-cases.test.js'],
  rules: [...UNIT, 'dist/test/unit/nix-oracle.test.js', 'dist/test/protocol/{workspace,prefilter}.test.js', 'dist/test/cli/crossFile-cases.test.js'],
  workspace: [...UNIT, 'dist/test/protocol/{workspace,prefilter,config,crossFile-cases}.test.js', 'dist/test/cli/{crossFile,crossFile-cases,prefilter}.test.js'],
  features: [...UNIT, ...PROTOCOL],
  cli: [...UNIT, ...CLI],
  config: [...UNIT, 'dist/test/protocol/config.test.js', 'dist/test/cli/{config,walk,check}.test.js'],
};

// MUTATE=rules: one folder; MUTATE=rules/mac,rules/macvtap: some files of one folder (a run that fits in an hour).
const scope = process.env.MUTATE;
const parts = scope ? scope.split(',') : [];
const folder = parts.length > 0 ? parts[0].split('/')[0] : undefined;
if (folder !== undefined && (!(folder in FOLDERS) || parts.some((p) => p.split('/')[0] !== folder))) {
  throw new Error(`MUTATE=${scope}: expected one of ${Object.keys(FOLDERS).join(', ')}, or files of one of them (rules/mac,rules/macvtap)`);
}
const mutated = folder === undefined ? Object.keys(FOLDERS).map((f) => `server/src/${f}/**/*.ts`) : parts.map((p) => (p.includes('/') ? `server/src/${p}.ts` : `server/src/${p}/**/*.ts`));
const name = scope ? scope.replaceAll('/', '-').replaceAll(',', '+') : 'all';

export default {
  packageManager: 'npm',
  // The tap runner with each mutant's test files fastest first (scripts/mutate/fastFirstRunner.mjs).
  testRunner: 'tap-fast-first',
  plugins: ['@stryker-mutator/*', fileURLToPath(new URL('./scripts/mutate/fastFirstRunner.mjs', import.meta.url))],
  tap: {
    testFiles: folder ? FOLDERS[folder] : [...UNIT, ...PROTOCOL, ...CLI],
    nodeArgs: ['--require', '{{hookFile}}', '{{testFile}}'],
    forceBail: true,
  },
  buildCommand: 'node scripts/mutate/build.mjs',
  mutate: [...mutated, '!server/src/**/*.cases.ts', '!server/src/**/*.d.ts'],
  ignorePatterns: ['dist', 'test-output', 'test/mutation', '.tools', '.microvm-lint-cache', 'reports', '*.vsix'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `test/mutation/${name}.incremental.json`,
  concurrency: 2,
  timeoutMS: 8000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `test-output/mutation/${name}.html` },
  jsonReporter: { fileName: `test-output/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
