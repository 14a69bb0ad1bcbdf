/**
 * The CLI skips files that `mayHaveFindings` rejects without parsing them.
 * That is only allowed while it never hides a finding: every file it
 * rejects must have no finding in the full analysis, with every rule on.
 * Checked on the case tables, the examples, the bench's generated
 * workspace, and each of those with the pre-filter's words spelled
 * otherwise (the files it then rejects are the interesting ones).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { workspace } from '../../bench/corpus';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze, mayHaveFindings } from '../../server/src/rules/analyze';
import { RULES } from '../../server/src/rules/index';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../../server/src/rules/options';
import { CASE_TABLES } from '../support/allCases';
import { loadParser } from '../support/parser';

const ROOT = join(__dirname, '..', '..', '..');
/** Every rule on, the information and hint ones too. */
const ALL_ON: AnalysisOptions = { ...DEFAULT_OPTIONS, severities: Object.fromEntries(RULES.map((r) => [r.code, r.defaultSeverity])) };

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

function findings(text: string): string[] {
  const tree = parser.parse(text);
  try {
    return analyze(tree, text, { options: ALL_ON }).findings.map((f) => `${f.code}@${f.span.start}`);
  } finally {
    tree.delete();
  }
}

/** The same text with the words the pre-filter looks for spelled differently. */
const disguised = (text: string) => text.replaceAll('interfaces', 'interfaceZ').replaceAll('macvtap', 'macvtaP').replaceAll('microvm-lint:', 'microvm-lint;');

function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const [family, table] of Object.entries(CASE_TABLES)) {
    for (const c of [...table.valid, ...table.invalid]) out.push({ name: `${family}: ${c.name}`, text: c.code });
  }
  for (const f of readdirSync(join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.nix'))) {
    out.push({ name: `examples/${f}`, text: readFileSync(join(ROOT, 'examples', f), 'utf8') });
  }
  for (const f of workspace(400, 3)) out.push({ name: f.path, text: f.text });
  return out;
}

describe('the CLI pre-filter', () => {
  it('rejects only files the full analysis finds nothing in', () => {
    let rejected = 0;
    let withFindings = 0;
    const hidden: string[] = [];
    for (const { name, text } of corpus()) {
      for (const [variant, t] of [['as written', text], ['disguised', disguised(text)]] as const) {
        if (mayHaveFindings(t)) continue;
        rejected++;
        const f = findings(t);
        if (f.length > 0) hidden.push(`${name} (${variant}): ${f.join(', ')}`);
      }
      if (findings(text).length > 0) withFindings++;
    }
    assert.deepEqual(hidden, []);
    // The check means something only if it saw both kinds of file.
    assert.ok(rejected > 100, `only ${rejected} files rejected`);
    assert.ok(withFindings > 50, `only ${withFindings} files with findings`);
  });
});
