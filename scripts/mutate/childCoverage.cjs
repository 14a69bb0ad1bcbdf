// Preloaded (NODE_OPTIONS) into every Node process of a mutation run (npm run mutate).
//
// Stryker's tap runner learns which mutants a test file covers from a hook in
// the test file's own process. Our protocol, CLI and Neovim tests run the code
// under test in child processes (the language server, the CLI and its worker
// threads), whose coverage that hook never sees: their mutants would count as
// "no coverage" and never be run against the tests that exercise them. So each
// child writes what it covered to a file when it exits, and the test process
// adds its children's files to its own coverage before the runner's hook
// reports it. Mutant activation needs nothing: the instrumented code reads
// __STRYKER_ACTIVE_MUTANT__ from the environment, which children inherit.
'use strict';
const ns = process.env.STRYKER_NAMESPACE;
// Only processes started by the tap runner (and their descendants) take part.
if (ns && process.env.STRYKER_DRY_RUN === 'true') {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const { threadId } = require('node:worker_threads');
  const dir = path.join(os.tmpdir(), 'microvm-lint-mutate-coverage');

  /** Adds `from`'s hit counts to `into` (both { mutantId: count }). */
  const add = (into, from) => {
    for (const [id, n] of Object.entries(from ?? {})) into[id] = (into[id] ?? 0) + n;
  };

  if (!process.env.MUTATE_COVERAGE_ROOT) {
    // The test file's process: the first of its tree.
    const root = `${process.pid}`;
    process.env.MUTATE_COVERAGE_ROOT = root;
    fs.mkdirSync(dir, { recursive: true });
    // Registered before the runner's own hook (NODE_OPTIONS preloads come first), so it runs first at exit.
    process.on('exit', () => {
      const g = (globalThis[ns] ??= {});
      const coverage = (g.mutantCoverage ??= { static: {}, perTest: {} });
      coverage.static ??= {};
      for (const name of fs.readdirSync(dir).filter((f) => f.startsWith(`${root}-`))) {
        const file = path.join(dir, name);
        try {
          const child = JSON.parse(fs.readFileSync(file, 'utf8'));
          add(coverage.static, child.static);
          for (const perTest of Object.values(child.perTest ?? {})) add(coverage.static, perTest);
        } catch {
          // A child killed while writing: its coverage is lost, the run goes on.
        }
        fs.rmSync(file, { force: true });
      }
    });
  } else {
    // A descendant (language server, CLI, worker thread): report at exit.
    const write = () => {
      const coverage = globalThis[ns]?.mutantCoverage;
      if (!coverage) return;
      const file = path.join(dir, `${process.env.MUTATE_COVERAGE_ROOT}-${process.pid}-${threadId}.json`);
      fs.writeFileSync(file + '.tmp', JSON.stringify(coverage));
      fs.renameSync(file + '.tmp', file);
    };
    process.on('exit', write);
    // A worker thread stopped by terminate() never sees 'exit' (the CLI's pool ends its workers so):
    // it reports before each reply instead, and its last reply comes after all its work.
    const { parentPort } = require('node:worker_threads');
    if (parentPort) {
      const post = parentPort.postMessage.bind(parentPort);
      parentPort.postMessage = (...args) => {
        write();
        return post(...args);
      };
    }
    // Servers stopped by a signal still report (the default action would skip 'exit').
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
      process.once(signal, () => process.exit(128 + (require('node:os').constants.signals[signal] ?? 0)));
    }
  }
}
