/** A rule that throws loses only its own findings; the analysis says which rule failed. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { NixParser } from '../../server/src/parse/nixParser';
import { analyze } from '../../server/src/rules/analyze';
import { RULES } from '../../server/src/rules/index';
import { defineRule } from '../../server/src/rules/rule';
import { loadParser } from '../support/parser';

let parser: NixParser;
before(async () => {
  parser = await loadParser();
});

const broken = defineRule({
  family: 'test',
  code: 'always-throws',
  defaultSeverity: 'error',
  description: 'A rule with a bug, for this test.',
  fixable: false,
  messages: { never: 'never reported' },
  check() {
    throw new Error('boom');
  },
});

describe('a rule that throws', () => {
  it('loses only its own findings, and the analysis names it', () => {
    const text = '{ microvm.interfaces = [ { type = "tap"; id = "vm-a"; mac = "02-00-00-00-00-01"; } ]; }\n';
    const tree = parser.parse(text);
    try {
      const healthy = analyze(tree, text);
      const withBroken = analyze(tree, text, { rules: [broken, ...RULES] });
      assert.deepEqual(withBroken.findings.map((f) => f.code), ['mac-invalid']);
      assert.deepEqual(withBroken.findings, healthy.findings);
      assert.deepEqual(withBroken.ruleErrors.map((e) => [e.code, (e.error as Error).message]), [['always-throws', 'boom']]);
      assert.deepEqual(healthy.ruleErrors, []);
    } finally {
      tree.delete();
    }
  });
});
