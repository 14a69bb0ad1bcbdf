/**
 * microvm-lint.json, flags and ignore globs as the CLI applies them: the
 * shared case table (test/support/configCases.ts), which the language server
 * must answer alike (test/protocol/config.test.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { CODES, CONFIG_CASES, CONTROL, modeOfFixTitle, writeCase, type Seen } from '../support/configCases';

const CLI = join(__dirname, '..', '..', 'cli.js'); // dist/test/cli -> dist/cli.js

interface JsonFinding {
  file: string;
  code: string;
  severity: string;
  fixes: string[];
}

function check(cwd: string, args: string[]): JsonFinding[] {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args, '--format', 'json'], { cwd, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

describe('microvm-lint check: microvm-lint.json, flags and ignore (shared cases)', () => {
  for (const c of CONFIG_CASES) {
    it(c.name, (t) => {
      const dir = writeCase(c);
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const findings = check(dir, ['.', ...c.flags]);
      assert.ok(findings.some((f) => f.file === CONTROL.path && f.code === CONTROL.code), 'the folder was walked');
      const own = findings.filter((f) => f.file === c.file);
      if (c.expect.ignored) {
        assert.deepEqual(own, [], 'an ignored file is not checked when its folder is walked');
        // Walked from its own folder, the files above it still count.
        assert.deepEqual(check(dir, [dirname(c.file), ...c.flags]), [], 'nor when the walk starts below the configuration files');
        // A file named on the command line is always checked (README: "The CLI").
        assert.notDeepEqual(check(dir, [c.file, ...c.flags]), [], 'a named file is checked even when ignored');
        return;
      }
      const seen = Object.fromEntries(CODES.map((code) => [code, (own.find((f) => f.code === code)?.severity ?? 'absent') as Seen]));
      assert.deepEqual(seen, c.expect.severities);
      // The CLI lists the preferred fix first.
      assert.equal(modeOfFixTitle(own.find((f) => f.code === 'macvtap-mode-missing')?.fixes[0]), c.expect.mode);
    });
  }
});
