/**
 * The progress line of `microvm-lint check` on a terminal: nothing for runs
 * under a second, then at most one redraw per 100 ms, cleared before the
 * results; nothing at all when stderr is not a terminal (CI logs).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { Progress } from '../../server/src/cli/progress';

/** A stderr that records what is written to it. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  const out = { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { out, written };
}

const CLEAR = '\r\x1b[2K';

describe('check: the progress line', () => {
  afterEach(() => mock.timers.reset());

  it('draws after a second, at most every 100 ms, and clears the line when done', () => {
    mock.timers.enable({ apis: ['Date'], now: 0 });
    const { out, written } = terminal(true);
    const progress = new Progress(out);
    progress.update('checked 1/9 files');
    mock.timers.tick(999);
    progress.update('checked 2/9 files');
    assert.deepEqual(written, [], 'nothing in the first second');
    mock.timers.tick(1);
    progress.update('checked 3/9 files');
    mock.timers.tick(99);
    progress.update('checked 4/9 files');
    mock.timers.tick(1);
    progress.update('checked 5/9 files');
    progress.done();
    assert.deepEqual(written, [`${CLEAR}microvm-lint: checked 3/9 files`, `${CLEAR}microvm-lint: checked 5/9 files`, CLEAR]);
  });

  it('leaves a quick run without a line to clear', () => {
    mock.timers.enable({ apis: ['Date'], now: 0 });
    const { out, written } = terminal(true);
    const progress = new Progress(out);
    progress.update('checked 1/1 files');
    progress.done();
    assert.deepEqual(written, []);
  });

  it('writes nothing when stderr is not a terminal', () => {
    mock.timers.enable({ apis: ['Date'], now: 0 });
    const { out, written } = terminal(false);
    const progress = new Progress(out);
    mock.timers.tick(5000);
    progress.update('checked 1/1 files');
    progress.done();
    assert.deepEqual(written, []);
  });
});
