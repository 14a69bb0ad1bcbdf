/**
 * The cross-file pass of `check`: the files' summaries (computed by the
 * workers, or kept by `--cache`) are linked as the editor's workspace index
 * links them, and only a file whose context is not empty (a MAC shared with
 * another file, a host that imports it, ids of its VMs elsewhere) is checked
 * again with that context. Most runs check nothing twice.
 *
 * A list imported as `microvm.interfaces = import ./ifaces.nix` need not
 * name any keyword the pre-filter looks for (`[ { type = "tap"; ... } ]`):
 * such a file, dropped by the walk, is checked here as that list, as the
 * editor's index does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NixParser } from '../parse/nixParser';
import type { WorkspaceContext } from '../rules/workspaceContext';
import { importTarget, isAlone, WorkspaceLinks } from '../workspace/links';
import { withoutBom } from '../text/bom';
import type { Selection } from './check';
import { checkFile, type Candidate, type FileResult } from './fileCheck';

const uriOf = (file: string) => pathToFileURL(resolve(file)).href;

/** The checked files (the selection's candidates, and the interface lists found here) with their final results, in walk order. */
export interface CrossFileResult {
  candidates: Candidate[];
  results: FileResult[];
}

export async function withCrossFile(selection: Selection, firstResults: readonly FileResult[], loadParser: () => Promise<NixParser>): Promise<CrossFileResult> {
  const { candidates, results } = await withInterfaceLists(selection, firstResults, loadParser);
  // Nothing to link without interfaces, unless a file is imported as an interfaces list (its own pass did not know).
  // Stryker disable next-line all: a shortcut; with no interfaces anywhere the links find nothing either
  if (!results.some((r) => r.summary.interfaces.length > 0 || r.summary.edges.some((e) => e.kind === 'interfaces'))) return { candidates, results };
  const uris = candidates.map((c) => uriOf(c.file));
  const links = new WorkspaceLinks(new Map(uris.map((uri, i) => [uri, results[i].summary])));
  for (const [i, uri] of uris.entries()) {
    const context = links.contextFor(uri);
    if (isAlone(context)) continue;
    const { text, options } = candidates[i];
    results[i] = checkFile(await loadParser(), text, options, context);
  }
  return { candidates, results };
}

/** What an interfaces list is before the links say more (the links re-check it with its owner). */
// Stryker disable next-line ArrayDeclaration: a peer that is not an interface matches no rule
const AS_INTERFACES_LIST: WorkspaceContext = { role: { rootInterfaces: true }, owners: {}, macs: new Map(), peers: [], declaredElsewhere: {} };

/** The candidates plus each dropped file a candidate imports as its `microvm.interfaces`, checked as that list. */
async function withInterfaceLists(selection: Selection, firstResults: readonly FileResult[], loadParser: () => Promise<NixParser>): Promise<CrossFileResult> {
  const candidates = [...selection.candidates];
  const results = [...firstResults];
  // Stryker disable next-line MethodExpression,ConditionalExpression,StringLiteral: a module in `imports` is a function or a set: no interface list at its root
  const imports = firstResults.flatMap((r, i) => r.summary.edges.filter((e) => e.kind === 'interfaces').map((e) => ({ from: uriOf(candidates[i].file), path: e.path })));
  // Stryker disable next-line all: a shortcut; without both, nothing below is added
  if (imports.length === 0 || selection.dropped.length === 0) return { candidates, results };
  const dropped = new Map(selection.dropped.map((f) => [uriOf(f), f]));
  // A Set: a list that several files import is checked once.
  const lists = new Set<string>();
  for (const { from, path } of imports) {
    const file = dropped.get(importTarget(from, path, (u) => dropped.has(u)) ?? '');
    // Stryker disable next-line ConditionalExpression: reading the file undefined throws, and is skipped below as a file gone
    if (file !== undefined) lists.add(file);
  }
  for (const file of lists) {
    let text: string;
    try {
      text = withoutBom(readFileSync(file, 'utf8'));
    } catch {
      // Stryker disable next-line BlockStatement: a file removed between the walk and this read (no test can time that)
      continue; // gone since the walk read it
    }
    const candidate = { file, text, options: selection.optionsOf(file) };
    candidates.push(candidate);
    results.push(checkFile(await loadParser(), text, candidate.options, AS_INTERFACES_LIST));
  }
  // Stryker disable next-line all: a shortcut; sorting what is already in walk order changes nothing
  if (lists.size === 0) return { candidates, results };
  // Back in walk order, so the report lists files as the walk met them.
  const order = new Map(selection.walked.map((f, i) => [f, i]));
  const sorted = candidates.map((c, i) => ({ c, r: results[i] })).sort((a, b) => order.get(a.c.file)! - order.get(b.c.file)!);
  return { candidates: sorted.map((x) => x.c), results: sorted.map((x) => x.r) };
}
