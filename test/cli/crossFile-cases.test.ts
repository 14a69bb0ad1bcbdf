/**
 * The cross-file case table (test/support/crossFileCases.ts) through
 * `microvm-lint check --format json`, one folder per case: every finding
 * of every file, with the places it points at.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliAsync, writeTree } from '../support/cli';
import { caseLine, casePlace, CROSS_FILE_CASES } from '../support/crossFileCases';

interface JsonRange {
  start: { line: number; character: number };
}
interface JsonFinding {
  file: string;
  range: JsonRange;
  code: string;
  message: string;
  severity: string;
  related?: { file: string; range: JsonRange; message: string }[];
}

describe('microvm-lint check: the cross-file cases', () => {
  for (const c of CROSS_FILE_CASES) {
    it(c.name, async () => {
      const dir = writeTree(mkdtempSync(join(tmpdir(), 'microvm-lint-xcase-')), c.files);
      try {
        const r = await runCliAsync(['check', '--format', 'json', '.'], dir);
        const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
        const lines = findings.map((f) => caseLine(f.file, f.range.start, f.code, (f.related ?? []).map((x) => ({ file: x.file, at: x.range.start, message: x.message }))));
        assert.deepEqual(lines.sort(), [...c.findings].sort(), r.stderr);
        const messages = Object.fromEntries(findings.map((f) => [casePlace(f.file, f.range.start), f.message]));
        for (const [at, message] of Object.entries(c.messages ?? {})) assert.equal(messages[at], message, at);
        assert.equal(r.code, findings.some((f) => f.severity === 'error' || f.severity === 'warning') ? 1 : 0, 'exit code: 1 on a warning or an error (--fail-on warning)');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
