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

/** Opens a workspace file (a path under the folder) in an editor. */
export async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

const isCancellation = (e: unknown) => e instanceof Error && (e.name === 'Canceled' || e.message === 'Canceled');

/**
 * The quick fixes at `range`. VS Code's getCodeActions cancels a request when
 * the code-action provider registry changes while it runs and the document's
 * providers no longer equal the (kind-filtered) ones it asked. Seen in the web
 * host: requests failed exactly while TypeScript's extension activated
 * (onLanguage:jsonc, because afterEach writes .vscode/settings.json). The
 * request then rejects with "Canceled" or comes back empty; ask again, as the
 * lightbulb does.
 */
export async function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt === 10;
    try {
      // Only our extension runs in the test instance; the API hands back actions without their diagnostics.
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
      if (actions.length > 0 || last) return actions;
    } catch (e) {
      if (!isCancellation(e) || last) throw e;
    }
    await new Promise((r) => setTimeout(r, 200)); // retry pause, not a wait for a result
  }
}

/**
 * Resolves when the preferred quick fix at `range` is titled `title`. The server
 * re-reads settings and microvm-lint.json when told they changed, so the
 * actions are asked again until they match (hang guard 45 s, as diagnosticsFor).
 */
export async function preferredFixBecomes(doc: vscode.TextDocument, range: vscode.Range, title: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  let preferred: string | undefined;
  for (;;) {
    preferred = (await quickFixes(doc, range)).find((a) => a.isPreferred)?.title;
    if (preferred === title || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100)); // poll interval, not a wait for a result
  }
  assert.equal(preferred, title, 'the preferred quick fix');
}

/** True in the web-worker extension host (vscode.dev, test-web), false in Node's (desktop, code-server). */
export const inWebWorkerHost = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';

/**
 * Asks the web suite's runner for `what` (test/e2e/web/suiteSwitches.ts: a
 * fetch on the extension's own origin that the runner answers) and returns
 * its answer, once it holds.
 */
export async function askRunner(what: string): Promise<string> {
  const origin = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri.toString(true);
  const response = await fetch(new URL(`/microvm-lint-test/${what}`, origin));
  const text = await response.text();
  assert.ok(response.ok, `the runner answered ${what} with HTTP ${response.status}: ${text}`);
  return text;
}

/**
 * Makes the next server start find a corrupt tree-sitter-nix.wasm, as a
 * broken install would, and returns how to undo that. Node host: the server
 * it starts inherits the extension host's environment and reads its .wasm
 * files from MICROVM_LINT_WASM_DIR (server/src/fs/wasm.ts) when set; web
 * host: the runner corrupts the grammar's download.
 */
export async function corruptParser(): Promise<() => Promise<void>> {
  if (inWebWorkerHost) {
    await askRunner('grammar/corrupt');
    return async () => void (await askRunner('grammar/restore'));
  }
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const dir = vscode.Uri.joinPath(folder, '..', 'corrupt-parser'); // the runner's temporary folder, beside the workspace
  const engine = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist', 'web-tree-sitter.wasm');
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'web-tree-sitter.wasm'), await vscode.workspace.fs.readFile(engine));
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'tree-sitter-nix.wasm'), new TextEncoder().encode('this is not WebAssembly'));
  process.env.MICROVM_LINT_WASM_DIR = dir.fsPath;
  return async () => {
    delete process.env.MICROVM_LINT_WASM_DIR;
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
  };
}
