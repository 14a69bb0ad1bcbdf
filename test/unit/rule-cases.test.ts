/**
 * Runs every rule case table strictly: exact findings (code, message id,
 * range, the full message text, and an order by position that does not
 * depend on the order the rules run in), every fix asserted with its exact
 * output, outputs that differ from the input and add no syntax error, and
 * the fix-all result.
 */
import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze, type Analysis } from '../../server/src/rules/analyze';
import { nonOverlappingPreferredEdits, syntaxProblems } from '../../server/src/rules/fixes';
import { RULES, ruleByCode } from '../../server/src/rules/index';
import { docsUrl, RULE_DOCS } from '../../server/src/rules/docs';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../../server/src/rules/options';
import type { Rule } from '../../server/src/rules/rule';
import { applyEdits } from '../../server/src/text/edits';
import { CASE_TABLES } from '../support/allCases';
import type { ValidCase } from '../../server/src/rules/caseTable';
import { rangeString } from '../support/format';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

/**
 * Each table tests its own family: the other families' rules are off unless
 * the case turns one on in its options (suppression cases need findings to suppress).
 */
function run(c: ValidCase, family: string, rules: readonly Rule[] = RULES) {
  const others = Object.fromEntries(RULES.filter((r) => r.family !== family).map((r) => [r.code, 'off' as const]));
  const options: AnalysisOptions = { ...DEFAULT_OPTIONS, ...c.options, severities: { ...others, ...c.options?.severities } };
  const tree = parser.parse(c.code);
  try {
    return analyze(tree, c.code, { options, rules });
  } finally {
    tree.delete();
  }
}

for (const [family, table] of Object.entries(CASE_TABLES)) {
  describe(`rule cases: ${family}`, () => {
    it('has no duplicate cases', () => {
      const all = [...table.valid, ...table.invalid];
      const names = all.map((c) => c.name);
      assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), [], 'duplicate case names');
      const codes = all.map((c) => c.code + JSON.stringify(c.options ?? {}));
      assert.deepEqual(all.filter((_, i) => codes.indexOf(codes[i]) !== i).map((c) => c.name), [], 'duplicate snippets');
    });

    for (const c of table.valid) {
      it(`valid: ${c.name}`, () => {
        const { findings, lines } = run(c, family);
        assert.deepEqual(findings.map((f) => `${rangeString(lines, f.span)} ${f.code} ${f.message}`), []);
      });
    }

    for (const c of table.invalid) {
      it(`invalid: ${c.name}`, () => {
        const analysis = run(c, family);
        const { findings, lines } = analysis;
        assert.deepEqual(
          findings.map((f) => `${rangeString(lines, f.span)} ${f.code}/${f.messageId}`),
          c.findings.map((e) => `${e.range} ${e.code}/${e.messageId}`),
          'findings (range code/messageId)',
        );
        // The order the user sees (Problems panel, CLI): by start, then end, then code, whatever order the rules ran in.
        for (let k = 1; k < findings.length; k++) {
          const [p, f] = [findings[k - 1], findings[k]];
          const ordered = p.span.start !== f.span.start ? p.span.start < f.span.start : p.span.end !== f.span.end ? p.span.end < f.span.end : p.code <= f.code;
          assert.ok(ordered, `finding ${k} (${f.code}) sorts before finding ${k - 1} (${p.code})`);
        }
        const shown = (a: Analysis) => a.findings.map((f) => `${rangeString(a.lines, f.span)} ${f.code}/${f.messageId} ${f.message}`);
        assert.deepEqual(shown(run(c, family, [...RULES].reverse())), shown(analysis), 'the same findings in the same order when the rules run in reverse');
        const before = syntaxProblems(parser, c.code);
        findings.forEach((f, k) => {
          const expected = c.findings[k];
          assert.ok(ruleByCode(f.code)?.messages[f.messageId], `unknown message id ${f.code}/${f.messageId}`);
          assert.equal(f.message, expected.message, `message of ${expected.code} at ${expected.range}`);
          assert.equal(f.unnecessary === true, f.code === 'suppression-unused', `${f.code} is shown faded exactly when it is an unused suppression`);
          const actual = f.fixes.map((fix) => ({
            title: fix.title,
            output: applyEdits(c.code, fix.edits),
            preferred: fix.isPreferred === true,
          }));
          const wanted = expected.fixes.map((x) => ({ title: x.title, output: x.output, preferred: x.preferred === true }));
          assert.deepEqual(actual, wanted, `fixes of ${expected.code} at ${expected.range}`);
          assert.deepEqual(
            (f.related ?? []).map((r) => `${'span' in r ? rangeString(lines, r.span) : r.uri} ${r.message}`),
            expected.related ?? [],
            `related locations of ${expected.code} at ${expected.range}`,
          );
          if (expected.ignore) {
            const ignore = (f.ignore ?? []).map((fix) => ({ title: fix.title, output: applyEdits(c.code, fix.edits), preferred: fix.isPreferred === true }));
            assert.deepEqual(ignore, expected.ignore.map((x) => ({ title: x.title, output: x.output, preferred: x.preferred === true })), `ignore fixes of ${expected.code} at ${expected.range}`);
            actual.push(...ignore);
          }
          for (const fix of actual) {
            assert.notEqual(fix.output, c.code, `fix "${fix.title}" changes nothing`);
            assert.ok(syntaxProblems(parser, fix.output) <= before, `fix "${fix.title}" adds a syntax error:\n${fix.output}`);
          }
        });
        const fixable = findings.some((f) => f.fixes.some((x) => x.isPreferred));
        if (c.fixAll === undefined) {
          assert.ok(!fixable, 'case has preferred fixes: assert its fixAll output');
        } else {
          assert.equal(applyEdits(c.code, nonOverlappingPreferredEdits(findings)), c.fixAll, 'fix all');
        }
      });
    }
  });
}

describe('rule catalogue', () => {
  it('links each rule to its page, which starts with its code', () => {
    for (const r of RULES) {
      assert.equal(docsUrl(r.code), `https://github.com/microvm-lint/microvm-lint/blob/main/docs/rules/${r.code}.md`);
      assert.match(RULE_DOCS[r.code], new RegExp(`^# ${r.code}\n`));
    }
  });

  it('marks a rule fixable (the "fixable" column of `microvm-lint explain`) exactly when its cases offer a quick fix', () => {
    const withFixes = new Set(Object.values(CASE_TABLES).flatMap((t) => t.invalid.flatMap((c) => c.findings.filter((f) => f.fixes.length > 0).map((f) => f.code))));
    assert.deepEqual(
      RULES.filter((r) => r.fixable).map((r) => r.code),
      RULES.map((r) => r.code).filter((c) => withFixes.has(c)),
    );
  });
});
