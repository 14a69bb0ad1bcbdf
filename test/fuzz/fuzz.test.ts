/**
 * Seeded fuzz test of the language server (a real `microvm-lint lsp --stdio`):
 * mutated examples and case-table snippets sent as opens, full and
 * incremental changes, bursts, raced and cancelled requests and closes
 * during analysis; checker.ts lists what is checked in every settled state.
 *
 * Runs for MICROVM_LINT_FUZZ_SECONDS (default 50 with CI=true, 15 without):
 * a budget for the number of sessions, never an assertion on speed.
 * MICROVM_LINT_FUZZ_SEED fixes the seed (printed at the end of every run);
 * MICROVM_LINT_FUZZ_REPLAY=path/to/failure.json replays one saved failure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { Checker, newCounts, type Problem } from './checker';
import { loadCorpus } from './corpus';
import { saveFailure } from './failures';
import { NixOracle } from './nixOracle';
import { Rng, seedFrom } from './prng';
import { loadParser } from '../support/parser';
import { ServerUnderTest } from './server';
import { generateSession, type Session } from './session';

const ROOT = join(__dirname, '..', '..', '..'); // dist/test/fuzz -> the repository
const MAX_FAILURES = 5;

const seconds = Number(process.env.MICROVM_LINT_FUZZ_SECONDS ?? (process.env.CI === 'true' ? 50 : 15));
const seed = seedFrom(process.env.MICROVM_LINT_FUZZ_SEED);
const replay = process.env.MICROVM_LINT_FUZZ_REPLAY;

/** Session i's own generator, so one session can be regenerated from the seed and its index alone. */
const sessionRng = (i: number) => new Rng((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0);

it(`fuzzes the language server (seed ${seed})`, async () => {
  assert.ok(Number.isFinite(seconds) && seconds >= 0, `MICROVM_LINT_FUZZ_SECONDS must be a number of seconds, got "${process.env.MICROVM_LINT_FUZZ_SECONDS}"`);
  console.log(replay ? `fuzz: replaying ${replay}` : `fuzz: seed ${seed}, ${seconds} s`); // first, in case the run is killed
  const nix = new NixOracle();
  if (!nix.available) {
    assert.notEqual(process.env.MICROVM_LINT_REQUIRE_NIX, '1', 'MICROVM_LINT_REQUIRE_NIX=1 but nix-instantiate is missing');
    console.log('fuzz: nix-instantiate not installed (apt-get install nix-bin): the check that fixes keep text Nix accepts is skipped');
  }
  const corpus = loadCorpus(ROOT);
  const parser = await loadParser();
  const counts = newCounts();
  const saved: string[] = [];
  const record = (problems: Problem[]) => {
    for (const p of problems) saved.push(`${p.message.split('\n')[0]}\n    saved in ${saveFailure(ROOT, p)}`);
  };
  const sessions: Session[] = replay ? [JSON.parse(readFileSync(replay, 'utf8')) as Session] : [];
  const deadline = Date.now() + seconds * 1000;
  let next = 0;
  const more = () => (replay ? next < sessions.length : Date.now() < deadline && saved.length < MAX_FAILURES);

  /** One server and the sessions it runs, one after another; two lanes keep the machine busy while each waits for its debounced publishes. */
  async function lane(): Promise<void> {
    let server = await ServerUnderTest.start();
    let checker = new Checker(server, parser, nix.available ? nix : undefined, counts);
    try {
      while (more()) {
        const i = next++;
        record(await checker.run(replay ? sessions[i] : generateSession(sessionRng(i), corpus, seed, i)));
        if (!server.alive) {
          saved.push(`the server exited during session ${i}; its stderr:\n${server.client.stderr}`);
          server.kill();
          server = await ServerUnderTest.start();
          checker = new Checker(server, parser, checker.nix, counts);
        }
      }
      // One more settled document, so late publishes for the last closed ones are looked at.
      record(await checker.run({ seed, index: -1, source: 'final barrier', steps: [{ op: 'open', text: '{ }\n' }, { op: 'settle', probes: [{ line: 0, character: 0 }] }, { op: 'close' }] }));
      record(checker.lateProblems());
    } finally {
      server.kill();
    }
  }
  try {
    await Promise.all(replay ? [lane()] : [lane(), lane()]);
  } finally {
    nix.dispose();
  }
  console.log(
    (replay ? `fuzz: replayed ${replay}` : `fuzz: seed ${seed} (rerun: MICROVM_LINT_FUZZ_SEED=${seed}), ${seconds} s, ${corpus.length} corpus texts`) +
      (nix.available ? '' : ', nix check skipped') +
      `\nfuzz: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );
  assert.deepEqual(saved, [], `fuzz failures with seed ${seed}:\n${saved.join('\n')}`);
});
