/**
 * The shape of a rule's case table (server/src/rules/*.cases.ts), run by
 * test/unit/rule-cases.test.ts. Here, beside the tables, so that they are
 * data next to their rules and import nothing from test/. Only the tables
 * and the tests import it. Ranges are LSP positions, 0-based:
 * "line:character-line:character", characters in UTF-16 code units.
 */
import type { AnalysisOptions } from './options';

export interface ExpectedFix {
  title: string;
  /** The whole document after applying the fix. */
  output: string;
  preferred?: boolean;
}

export interface ExpectedFinding {
  code: string;
  messageId: string;
  range: string;
  /** The full message as the user sees it, written out (not built from the rule's template). */
  message: string;
  /** Every fix, in order; `[]` asserts that there is none. */
  fixes: ExpectedFix[];
  /**
   * The other places a finding points at (duplicates), as "range message"
   * lines; required whenever the finding has any.
   */
  related?: string[];
  /** The "Ignore <code> on this line / in this file" fixes, when the case asserts them (the suppressions table does). */
  ignore?: ExpectedFix[];
}

export interface ValidCase {
  name: string;
  code: string;
  options?: Partial<AnalysisOptions>;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /** The document after "fix all" (preferred fixes); omit when nothing is fixable. */
  fixAll?: string;
}

export interface CaseTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
}
