/**
 * One file's facts for the workspace index, from its text: its summary and,
 * when it can have findings, the findings it has on its own (the context
 * of the other files is applied later, only where there is one).
 */
import { buildModel, type FileRole, type Model } from '../model';
import { DecodedWords, type RawText } from '../model/decodedWords';
import { importEdges, type ImportEdge } from '../model/imports';
import { PlaceCache } from '../model/place';
import type { NixParser } from '../parse/nixParser';
import type { Tree } from '../parse/syntax-types';
import { analyze, mayHaveFindings, type Analysis } from '../rules/analyze';
import type { AnalysisOptions } from '../rules/options';
import { LineIndex } from '../text/lineIndex';
import type { WorkspaceContext } from '../rules/workspaceContext';
import { isAlone } from './links';
import { EMPTY_SUMMARY, summarize, type FileSummary } from './summary';

/**
 * Could the file matter to the index: findings, a MicroVM option, a literal import inside one, or a
 * guest-side MAC setting (its VM's interfaces may be declared in another file). Takes raw bytes too;
 * words spelt through escapes count, as for mayHaveFindings.
 */
export function mayMatter(text: RawText, role: FileRole): boolean {
  if (role.rootInterfaces === true) return true;
  const words = DecodedWords.of(text);
  return mayHaveFindings(words) || words.includes('microvm') || mentionsMacSetter(words);
}

/**
 * The words of model/macSetters.ts's settings: `macAddress`, `MACAddress`, `ip link set ... address`
 * (any blanks between the command's words, as the shell splits them: `link` and `address` only).
 */
function mentionsMacSetter(words: DecodedWords): boolean {
  // Stryker disable next-line LogicalOperator,StringLiteral: a wider pre-filter only parses more files (soundness is what the prefilter tests guard)
  return words.includes('macAddress') || words.includes('MACAddress') || (words.includes('link') && words.includes('address'));
}

/** The literal imports of a parsed file (none without a relative path in its text). */
export function edgesOf(tree: Tree, text: string): ImportEdge[] {
  // Stryker disable next-line StringLiteral: without the shortcut every file's imports are read, and the same are found
  return text.includes('./') ? importEdges(tree, text, new PlaceCache(text)) : [];
}

export interface FileFacts {
  summary: FileSummary;
  /** The analysis with the given context (absent when the file cannot have findings). */
  analysis?: Analysis;
}

/** Parses (when it may matter), summarises and analyses a file that is not open (no "Ignore" fixes: code actions come from open documents). */
export function factsOf(parser: NixParser, text: string, role: FileRole, options: AnalysisOptions, workspace?: WorkspaceContext): FileFacts {
  // Stryker disable next-line ConditionalExpression: parsing every file finds the same; the pre-filter only saves the time
  if (!mayMatter(text, role)) return { summary: EMPTY_SUMMARY };
  const tree = parser.parse(text);
  try {
    const lines = new LineIndex(text);
    const model: Model = buildModel(tree, text, undefined, role);
    const summary = summarize(model, edgesOf(tree, text), lines, text);
    // Stryker disable next-line ConditionalExpression: analysing every file finds the same; the shortcut only saves the time
    const findings = role.rootInterfaces || mayHaveFindings(text) || (workspace !== undefined && !isAlone(workspace));
    // Stryker disable next-line BooleanLiteral: "Ignore" fixes of a file not open are never shown; skipping them only saves the time
    return { summary, ...(findings ? { analysis: analyze(tree, text, { options, lines, model, ignoreFixes: false, ...(workspace ? { workspace } : {}) }) } : {}) };
  } finally {
    tree.delete();
  }
}
