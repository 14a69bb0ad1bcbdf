/**
 * What a user sees, asserted through the VS Code API in a real VS Code:
 * squiggles, quick fixes (applied, then the exact text), hovers,
 * completions, and settings that apply without a restart. The workspace is
 * a copy of examples/ made by the runner.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, EXTENSION_ID, open, ours, preferredFixBecomes, quickFixes, rangeOf, workspaceFile } from './support';

/**
 * Where `text` is in `doc`: the 0-based line of the only line containing it
 * and its column, so that expectations follow the example file when lines
 * are added to it.
 */
function find(doc: vscode.TextDocument, text: string): { line: number; character: number; range: string } {
  const hits = doc.getText().split(/\r?\n/).flatMap((l, line) => (l.includes(text) ? [{ line, character: l.indexOf(text) }] : []));
  assert.equal(hits.length, 1, `exactly one line of ${doc.uri.path} contains ${text}`);
  const { line, character } = hits[0];
  return { line, character, range: `${line}:${character}-${line}:${character + text.length}` };
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('MicroVM Lint in VS Code', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('microvmLint').update('macvtap.preferredMode', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('squiggles the macvtap interface without a mode', async () => {
    const doc = await open('guest-macvtap.nix');
    assert.equal(doc.languageId, 'nix');
    const [d, ...rest] = ours(await diagnosticsFor(doc.uri, (ds) => ours(ds).length > 0));
    assert.equal(rest.length, 0);
    assert.equal(codeOf(d), 'macvtap-mode-missing');
    assert.equal(rangeOf(d.range), find(doc, 'type = "macvtap";').range);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(d.range), 'type = "macvtap";');
    assert.match((d.code as { target: vscode.Uri }).target.toString(), /docs\/rules\/macvtap-mode-missing\.md$/);
  });

  it('offers the modes as quick fixes and applies the preferred one exactly', async () => {
    const doc = await open('guest-macvtap.nix');
    const [d] = ours(await diagnosticsFor(doc.uri, (ds) => ours(ds).length > 0));
    const actions = await quickFixes(doc, d.range);
    assert.deepEqual(actions.map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`), [
      'Set macvtap.mode = "vepa" *',
      'Set macvtap.mode = "bridge"',
      'Set macvtap.mode = "private"',
      'Set macvtap.mode = "passthru"',
      'Set macvtap.mode = "source"',
      'Fix all macvtap-mode-missing problems in this file',
      'Ignore macvtap-mode-missing on this line',
      'Ignore macvtap-mode-missing in this file',
    ]);
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.equal(doc.getText(), before.replace('        macvtap.link = "eth0";\n', '        macvtap.link = "eth0";\n        macvtap.mode = "vepa";\n'));
    await diagnosticsFor(doc.uri, (ds) => ours(ds).length === 0);
    await revert(doc);
  });

  it('fixes a typo with "did you mean" and null in place', async () => {
    const doc = await open('host-vms.nix');
    const ds = ours(await diagnosticsFor(doc.uri, (x) => ours(x).length === 2));
    const typoAt = find(doc, '"brigde"');
    const nullAt = find(doc, 'mode = null;');
    const [typoLine, nullLine] = [doc.lineAt(typoAt.line).text, doc.lineAt(nullAt.line).text];
    const nullRange = `${nullAt.line}:${nullAt.character + 7}-${nullAt.line}:${nullAt.character + 11}`;
    assert.deepEqual(ds.map((d) => `${codeOf(d)} ${rangeOf(d.range)}`), [`macvtap-mode-invalid ${typoAt.range}`, `macvtap-mode-missing ${nullRange}`]);
    const typo = await quickFixes(doc, ds[0].range);
    assert.equal(typo[0].title, 'Change to "bridge" (did you mean it?)');
    assert.ok(await vscode.workspace.applyEdit(typo[0].edit!));
    assert.equal(doc.lineAt(typoAt.line).text, typoLine.replace('"brigde"', '"bridge"'));
    const nul = await quickFixes(doc, ds[1].range);
    assert.ok(await vscode.workspace.applyEdit(nul[0].edit!));
    assert.equal(doc.lineAt(nullAt.line).text, nullLine.replace('mode = null;', 'mode = "vepa";'));
    await diagnosticsFor(doc.uri, (x) => ours(x).length === 0);
    await revert(doc);
  });

  it('explains a mode on hover', async () => {
    const doc = await open('fixed.nix');
    const at = find(doc, 'mode = "bridge";');
    // On the "r" of bridge.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(at.line, at.character + 9));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*macvtap mode `bridge`\*\*/);
    assert.match(text, /Frames between macvtaps on the same `link` are switched inside the host/);
    assert.match(text, /\| `id` \| `"vm-web"` \|/);
  });

  it('completes mode values inside the string', async () => {
    const doc = await open('fixed.nix');
    const at = find(doc, 'mode = "bridge";');
    // Just inside the opening quote.
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(at.line, at.character + 8));
    const labels = list.items.filter((i) => i.detail === 'macvtap mode').map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(labels.sort(), ['bridge', 'passthru', 'private', 'source', 'vepa']);
  });

  it('applies the preferred-mode setting without a restart', async () => {
    const doc = await open('guest-macvtap.nix');
    await vscode.workspace.getConfiguration('microvmLint').update('macvtap.preferredMode', 'bridge', vscode.ConfigurationTarget.Workspace);
    const [d] = ours(await diagnosticsFor(doc.uri, (ds) => ours(ds).length > 0));
    await preferredFixBecomes(doc, d.range, 'Set macvtap.mode = "bridge"');
  });

  it('reads microvm-lint.json, and again when it changes or goes away', async () => {
    const doc = await open('guest-macvtap.nix');
    const config = workspaceFile('microvm-lint.json');
    const severityOf = (ds: vscode.Diagnostic[]) => ours(ds).find((x) => codeOf(x) === 'macvtap-mode-missing')?.severity;
    await diagnosticsFor(doc.uri, (ds) => severityOf(ds) === vscode.DiagnosticSeverity.Error);
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(JSON.stringify({ rules: { 'macvtap-mode-missing': 'warning' } })));
    try {
      // Desktop: the server reads the disk; web: it asks the client, which reads through workspace.fs.
      await diagnosticsFor(doc.uri, (ds) => severityOf(ds) === vscode.DiagnosticSeverity.Warning);
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await diagnosticsFor(doc.uri, (ds) => severityOf(ds) === vscode.DiagnosticSeverity.Error);
  });

  it('restarts the server on command and checks again', async () => {
    const doc = await open('guest-macvtap.nix');
    await diagnosticsFor(doc.uri, (x) => ours(x).length > 0);
    // Stopping the old client clears its diagnostics; only a publish after that counts, never the ones left from before.
    let cleared = false;
    const watch = vscode.languages.onDidChangeDiagnostics(() => {
      if (ours(vscode.languages.getDiagnostics(doc.uri)).length === 0) cleared = true;
    });
    try {
      await vscode.commands.executeCommand('microvmLint.restartServer');
      const ds = ours(await diagnosticsFor(doc.uri, (x) => cleared && ours(x).length > 0));
      assert.deepEqual(ds.map(codeOf), ['macvtap-mode-missing']);
      // And the new server checks new text: a typo in a mode it has never seen.
      const link = find(doc, 'macvtap.link = "eth0";');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(link.line + 1, 0), `${' '.repeat(link.character)}macvtap.mode = "vpea";\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const after = ours(await diagnosticsFor(doc.uri, (x) => ours(x).some((d) => codeOf(d) === 'macvtap-mode-invalid')));
      assert.deepEqual(after.map((d) => `${codeOf(d)} ${rangeOf(d.range)}`), [`macvtap-mode-invalid ${find(doc, '"vpea"').range}`]);
    } finally {
      watch.dispose();
      await revert(doc);
    }
  });
});
