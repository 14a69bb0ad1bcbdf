/**
 * Applying fixes safely: a fix is kept only when the fixed text has no more
 * ERROR/MISSING nodes than the original (the grammar's trailing-comma gap
 * in formals is already in the original, so it never blocks a fix).
 */
import type { NixParser } from '../parse/nixParser';
import { countSyntaxProblems } from '../parse/syntax';
import { applyEdits, type TextEdit } from '../text/edits';
import type { Finding, Fix } from './rule';

export function syntaxProblems(parser: NixParser, text: string): number {
  const tree = parser.parse(text);
  try {
    return countSyntaxProblems(tree);
  } finally {
    tree.delete();
  }
}

/** True when applying `edits` to `text` adds no syntax error. */
export function isSafeEdit(parser: NixParser, text: string, edits: readonly TextEdit[], before = syntaxProblems(parser, text)): boolean {
  return syntaxProblems(parser, applyEdits(text, edits)) <= before;
}

export const preferredFix = (f: Finding): Fix | undefined => f.fixes.find((x) => x.isPreferred);

/**
 * The preferred fixes of `findings` that do not overlap an earlier chosen
 * one, in document order: what "fix all" and `source.fixAll` apply.
 */
export function nonOverlappingPreferredEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const f of findings) {
    const fix = preferredFix(f);
    if (!fix) continue;
    const clashes = fix.edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || e.start === c.start));
    if (!clashes) chosen.push(...fix.edits);
  }
  return chosen;
}
