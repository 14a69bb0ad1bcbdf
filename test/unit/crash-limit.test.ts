/** The client restarts a crashed server at most 5 times in 3 minutes, then leaves it down until the user asks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrashLimit } from '../../client/src/crashLimit';

describe('crash limit', () => {
  it('allows 5 restarts within 3 minutes, not a 6th', () => {
    let now = 0;
    const limit = new CrashLimit(5, 180_000, () => now);
    const answers = [0, 10_000, 20_000, 30_000, 40_000, 50_000].map((t) => ((now = t), limit.allowRestart()));
    assert.deepEqual(answers, [true, true, true, true, true, false]);
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const limit = new CrashLimit(5, 180_000, () => now);
    for (let i = 0; i < 5; i++) limit.allowRestart();
    now = 180_001;
    assert.equal(limit.allowRestart(), true);
    assert.equal(limit.recent, 1);
  });

  it('starts a new count when the user restarts', () => {
    const limit = new CrashLimit(1, 180_000, () => 0);
    assert.equal(limit.allowRestart(), true);
    assert.equal(limit.allowRestart(), false);
    limit.reset();
    assert.equal(limit.allowRestart(), true);
  });
});
