/**
 * The cross-file pass of `check`: the files' summaries (computed by the
 * workers, or kept by `--cache`) are linked as the editor's workspace index
 * links them, and only a file whose context is not empty (a MAC shared with
 * another file, a host that imports it, ids of its VMs elsewhere) is checked
 * again with that context. Most runs check nothing twice.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NixParser } from '../parse/nixParser';
import { isAlone, WorkspaceLinks } from '../workspace/links';
import type { Selection } from './check';
import { checkFile, type FileResult } from './fileCheck';

export async function withCrossFile(selection: Selection, results: readonly FileResult[], loadParser: () => Promise<NixParser>): Promise<FileResult[]> {
  if (!results.some((r) => r.summary.interfaces.length > 0)) return [...results];
  const uris = selection.candidates.map((c) => pathToFileURL(resolve(c.file)).href);
  const links = new WorkspaceLinks(new Map(uris.map((uri, i) => [uri, results[i].summary])));
  const out = [...results];
  for (const [i, uri] of uris.entries()) {
    const context = links.contextFor(uri);
    if (isAlone(context)) continue;
    const { text, options } = selection.candidates[i];
    out[i] = checkFile(await loadParser(), text, options, context);
  }
  return out;
}
