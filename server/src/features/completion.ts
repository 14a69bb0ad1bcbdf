/**
 * Completion of option values inside their string: `macvtap.mode = "|"`
 * offers the five modes, `type = "|"` the four interface types. The item
 * replaces the whole string content, so completing over a typo fixes it.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { INTERFACE_TYPES, MACVTAP_MODES, TYPE_DOCS } from '../knowledge/macvtapModes';
import type { Analysis } from '../rules/analyze';
import type { MacvtapMode } from '../knowledge/macvtapModes';
import { toRange } from './convert';
import { targetAt } from './cursor';
import { modeMarkdown } from './hover';

export const COMPLETION_TRIGGERS = ['"'];

export function completion(analysis: Analysis, offset: number, preferredMode: MacvtapMode): CompletionItem[] {
  const t = targetAt(analysis.model, offset);
  if (!t || t.part !== 'value' || t.binding.value.kind !== 'string') return [];
  const content = t.binding.value.content;
  if (offset < content.start || offset > content.end) return [];
  const range = toRange(analysis.lines, content);
  const key = t.path.join('.');
  const item = (label: string, detail: string, doc: string, rank: number, preselect = false): CompletionItem => ({
    label,
    kind: CompletionItemKind.EnumMember,
    detail,
    documentation: { kind: MarkupKind.Markdown, value: doc },
    textEdit: { range, newText: label },
    filterText: label,
    sortText: String(rank),
    preselect,
  });
  if (key === 'macvtap.mode') {
    return MACVTAP_MODES.map((m, i) => item(m, 'macvtap mode', modeMarkdown(m), m === preferredMode ? 0 : i + 1, m === preferredMode));
  }
  if (key === 'type') return INTERFACE_TYPES.map((ty, i) => item(ty, 'MicroVM interface type', TYPE_DOCS[ty], i));
  return [];
}
