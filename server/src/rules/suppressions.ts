/**
 * Suppression comments (model/directives.ts) applied to findings, the
 * "Ignore <code> on this line / in this file" fixes that write them, and the
 * two rules about the comments themselves: a code we do not know (a typo
 * suppresses nothing) and a suppression that suppresses nothing any more
 * (ESLint's --report-unused-disable-directives), shown faded.
 */
import type { Directive } from '../model/directives';
import type { SyntaxNode, Tree } from '../parse/syntax-types';
import type { LineIndex } from '../text/lineIndex';
import type { TextEdit } from '../text/edits';
import { closest } from './closest';
import { removeBinding } from './layout';
import { defineRule, type Finding, type Fix } from './rule';

/** Findings no directive hides, and the directive codes that hid something. */
export function applyDirectives(raw: readonly Finding[], directives: readonly Directive[], lines: LineIndex): { kept: Finding[]; used: Set<number> } {
  const used = new Set<number>();
  // Stryker disable next-line ConditionalExpression: a shortcut; with no directives the loop keeps every finding
  if (directives.length === 0) return { kept: [...raw], used };
  const kept: Finding[] = [];
  for (const f of raw) {
    const line = lines.positionAt(f.span.start).line;
    let hidden = false;
    for (const d of directives) {
      if (d.kind === 'next-line' && lines.positionAt(d.span.start).line + 1 !== line) continue;
      if (d.codes.length === 0) {
        used.add(d.span.start);
        hidden = true;
      }
      for (const c of d.codes) {
        if (c.code !== f.code) continue;
        used.add(c.span.start);
        hidden = true;
      }
    }
    if (!hidden) kept.push(f);
  }
  return { kept, used };
}

/** "Ignore <code> on this line" (unless the line starts inside a string or comment) and "Ignore <code> in this file". */
export function ignoreFixes(f: Pick<Finding, 'code' | 'span'>, directives: readonly Directive[], lines: LineIndex, tree: Tree): Fix[] {
  const fixes: Fix[] = [];
  const line = lines.positionAt(f.span.start).line;
  const lineStart = lines.lineStart(line);
  // A directive without codes hides every finding it covers, so none that reaches here is under one.
  if (!insideStringOrComment(tree, lineStart)) {
    const above = directives.find((d) => d.kind === 'next-line' && lines.positionAt(d.span.start).line + 1 === line);
    fixes.push({ title: `Ignore ${f.code} on this line`, edits: [above ? append(above, f.code) : commentAbove(lines, line, `disable-next-line ${f.code}`)] });
  }
  const fileWide = directives.find((d) => d.kind === 'file');
  fixes.push({ title: `Ignore ${f.code} in this file`, edits: [fileWide ? append(fileWide, f.code) : commentAbove(lines, 0, `disable ${f.code}`)] });
  return fixes;
}

function append(d: Directive, code: string): TextEdit {
  return { start: d.listEnd, end: d.listEnd, newText: `, ${code}` };
}

function commentAbove(lines: LineIndex, line: number, directive: string): TextEdit {
  const start = lines.lineStart(line);
  // Stryker disable next-line Regex: `[ \t]*` matches at the start anyway
  const indent = /^[ \t]*/.exec(lines.text.slice(start, lines.lineEnd(line)))![0];
  return { start, end: start, newText: `${indent}# microvm-lint: ${directive}${lines.eolOf(line)}` };
}

/**
 * Is `offset` (a line start) inside a string or a comment, where a `#` line would be text, not a
 * directive? From the smallest node there up: a string that began before
 * the line (its closing quote, after a lone "\r", is a line start too), is text; a `${...}` inside
 * the string is code, where a comment is fine. A comment that began before the line is a block
 * comment (or a `#` one running past a lone "\r", which ends no line for Nix).
 */
function insideStringOrComment(tree: Tree, offset: number): boolean {
  for (let n: SyntaxNode | null = tree.rootNode.descendantForIndex(offset, offset); n; n = n.parent) {
    if (n.type === 'interpolation') return false;
    if (n.type === 'comment' || n.type === 'string_expression' || n.type === 'indented_string_expression') return n.startIndex < offset;
  }
  return false;
}

/** Removes one code from its directive, or the whole comment (its line, when alone there) when it is the only one. */
function removeCode(lines: LineIndex, d: Directive, index: number): TextEdit {
  if (d.codes.length === 1) return removeBinding(lines, d.span);
  const c = d.codes[index];
  // ", code" after the previous code, or "code, " before the next one.
  return index > 0 ? { start: d.codes[index - 1].span.end, end: c.span.end, newText: '' } : { start: c.span.start, end: d.codes[1].span.start, newText: '' };
}

export const suppressionUnknownCode = defineRule({
  family: 'suppressions',
  after: true,
  code: 'suppression-unknown-code',
  defaultSeverity: 'warning',
  description: 'A suppression comment names a rule code that does not exist, so it suppresses nothing.',
  fixable: true,
  messages: {
    unknown: '"{{code}}" is not a MicroVM Lint rule, so this comment suppresses nothing. `microvm-lint explain` lists the codes.',
    unknownWithSuggestion: '"{{code}}" is not a MicroVM Lint rule, so this comment suppresses nothing. Did you mean "{{suggestion}}"?',
  },
  check(ctx, report) {
    // Stryker disable next-line ArrayDeclaration: analyze always passes the known codes
    const known = ctx.knownCodes ?? [];
    for (const d of ctx.directives) {
      for (const c of d.codes) {
        if (known.includes(c.code)) continue;
        const suggestion = closest(c.code, known);
        const fixes = suggestion ? [{ title: `Change to ${suggestion}`, edits: [{ ...c.span, newText: suggestion }], isPreferred: true }] : [];
        report({
          span: c.span,
          messageId: suggestion ? 'unknownWithSuggestion' : 'unknown',
          data: suggestion ? { code: c.code, suggestion } : { code: c.code },
          fixes,
        });
      }
    }
  },
});

export const suppressionUnused = defineRule({
  family: 'suppressions',
  after: true,
  code: 'suppression-unused',
  defaultSeverity: 'hint',
  description: 'A suppression comment suppresses nothing (the problem was fixed or moved).',
  fixable: true,
  messages: {
    unused: 'Nothing here is reported as {{code}} any more: remove this suppression so it cannot hide a future problem.',
    unusedAll: 'This suppression comment hides nothing: remove it so it cannot hide a future problem.',
  },
  check(ctx, report) {
    const state = ctx.suppression;
    // Stryker disable next-line ConditionalExpression: rules marked `after` always run with the suppression state
    if (!state) return;
    // Stryker disable next-line ArrayDeclaration: analyze always passes the known codes
    const known = ctx.knownCodes ?? [];
    for (const d of ctx.directives) {
      if (d.codes.length === 0 && !state.used.has(d.span.start)) {
        report({ span: d.span, messageId: 'unusedAll', unnecessary: true, fixes: [{ title: 'Remove this suppression comment', edits: [removeBinding(ctx.lines, d.span)], isPreferred: true }] });
      }
      d.codes.forEach((c, i) => {
        // Unknown codes have their own warning; a rule switched off suppresses nothing by design.
        if (!known.includes(c.code) || ctx.options.severities[c.code] === 'off' || state.used.has(c.span.start)) return;
        const title = d.codes.length === 1 ? 'Remove this suppression comment' : `Remove ${c.code} from this suppression comment`;
        report({ span: c.span, messageId: 'unused', data: { code: c.code }, unnecessary: true, fixes: [{ title, edits: [removeCode(ctx.lines, d, i)], isPreferred: true }] });
      });
    }
  },
});
