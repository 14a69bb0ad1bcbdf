/** Helpers the vscode-API suites share: workspace files, waiting for diagnostics, reading them. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'microvm-lint.microvm-lint';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves when `uri` has diagnostics that satisfy `test` (event-driven, with a hang guard). */
export function diagnosticsFor(uri: vscode.Uri, test: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = vscode.languages.getDiagnostics(uri);
    if (test(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics for ${uri.path} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`));
    }, 45_000);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      const d = vscode.languages.getDiagnostics(uri);
      if (test(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}

export const ours = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.source === 'microvm-lint');
export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
export const rangeOf = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** The 0-based line of the first line of a workspace file containing `text` (so tests do not hard-code line numbers). */
export async function lineOf(uri: vscode.Uri, text: string): Promise<number> {
  const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `${uri.path} contains ${text}`);
  return line;
}
