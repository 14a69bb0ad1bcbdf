// The tap runner, with the test files of each mutant run in order of their
// dry-run time, fastest first. A mutant run stops at the first failing file
// (bail), so a mutant that a unit test kills in half a second is no longer
// held up by a 20-second CLI suite that happened to be listed before it.
// The dry run and the mutant runs happen in different runner processes: the
// times go through a file in the sandbox, which is every runner's working
// directory.
//
// It also names each test by its source file (test/unit/x.test.ts) rather
// than its bundle (dist/test/unit/x.test.js): a bundle holds the code under
// test too, so it changes with every change of server/src, and incremental
// runs, which re-test mutants whose tests changed, would re-test them all.
import { readFileSync, writeFileSync } from 'node:fs';
import { INSTRUMENTER_CONSTANTS } from '@stryker-mutator/api/core';
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { DryRunStatus } from '@stryker-mutator/api/test-runner';
import { TapTestRunner } from '@stryker-mutator/tap-runner';

const TIMES = '.mutate-test-times.json';

class FastFirstTapRunner extends TapTestRunner {
  times;

  async dryRun(options) {
    const result = await super.dryRun(options);
    if (result.status !== DryRunStatus.Complete) return result;
    writeFileSync(TIMES, JSON.stringify(Object.fromEntries(result.tests.map((t) => [t.id, t.timeSpentMs]))));
    return { ...result, tests: result.tests.map((t) => ({ ...t, fileName: t.fileName?.replace(/^(?:.*[\\/])?dist[\\/](test[\\/].*)\.js$/, '$1.ts') })) };
  }

  async mutantRun(options) {
    this.times ??= JSON.parse(readFileSync(TIMES, 'utf8'));
    const time = (id) => this.times[id] ?? Number.MAX_SAFE_INTEGER;
    const testFilter = options.testFilter && [...options.testFilter].sort((a, b) => time(a) - time(b));
    return super.mutantRun({ ...options, testFilter });
  }
}

function createFastFirstTapRunner(injector) {
  return injector.provideValue('globalNamespace', INSTRUMENTER_CONSTANTS.NAMESPACE).injectClass(FastFirstTapRunner);
}
createFastFirstTapRunner.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'tap-fast-first', createFastFirstTapRunner)];
