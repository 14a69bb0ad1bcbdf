/**
 * Inputs the fuzz test found server bugs with, replayed through the same
 * checks (checker.ts) on every run: each must pass for good.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadParser } from '../support/parser';
import { Checker, newCounts } from './checker';
import { NixOracle } from './nixOracle';
import { ServerUnderTest } from './server';
import type { Session, Step } from './session';

const at = (line: number, character: number) => ({ line, character });

const REGRESSIONS: { name: string; steps: Step[] }[] = [
  {
    // seed 20261201, session 547: the line of the finding starts inside a block comment, so the
    // "disable-next-line" comment the fix wrote became part of that comment and suppressed nothing.
    name: '"Ignore on this line" is not offered where the line starts inside a block comment',
    steps: [
      { op: 'open', text: '{\n  microvm.interfaces = [ {\n    id = "vm-café";\n    /* 🖧 uplink */ type = "macvtap"; macvtap.link = "eth0"; # é\n  } ];\n}\n' },
      { op: 'change', changes: [{ range: { start: at(3, 13), end: at(3, 13) }, text: ' # note\n' }], mutations: ['whitespaceOrComment'] },
      { op: 'settle', probes: [at(4, 17), at(4, 22), at(2, 0)] },
      { op: 'close' },
    ],
  },
];

describe('fuzz regressions', () => {
  let server: ServerUnderTest;
  let checker: Checker;
  const nix = new NixOracle();
  before(async () => {
    server = await ServerUnderTest.start();
    checker = new Checker(server, await loadParser(), nix.available ? nix : undefined, newCounts());
  });
  after(() => {
    server.kill();
    nix.dispose();
  });

  for (const [index, { name, steps }] of REGRESSIONS.entries()) {
    it(name, async () => {
      const session: Session = { seed: 0, index, source: name, steps };
      const problems = await checker.run(session);
      assert.deepEqual(problems.map((p) => p.message), []);
      assert.equal(checker.counts.states > 0, true);
    });
  }
});
