/**
 * Settings as a user changes them (what the Settings editor writes, through
 * `WorkspaceConfiguration.update`), seen where they show: the squiggles and
 * the preferred quick fix. The client answers the server's
 * `workspace/configuration` with only the settings the user set
 * (client/src/explicitSettings.ts): a preferred mode set to the default
 * still wins over microvm-lint.json, an unset one does not.
 *
 * Each test writes its files into a folder of its own and removes it after,
 * so the example files other tests (and the UI runs) count stay as they are.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsFor, EXTENSION_ID, open, ours, preferredFixBecomes, workspaceFile } from './support';

const FOLDER = 'settings-check';

/** A macvtap interface without a mode (error) and a vendor's MAC, 00:16:3e is Xen's (mac-not-local, information). */
const GUEST = `{
  microvm.interfaces = [
    {
      type = "macvtap";
      id = "vm-settings";
      mac = "00:16:3e:00:00:01";
      macvtap.link = "eth0";
    }
  ];
}
`;

const settings = () => vscode.workspace.getConfiguration('microvmLint');
const WS = vscode.ConfigurationTarget.Workspace;

async function write(name: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceFile(`${FOLDER}/${name}`), new TextEncoder().encode(text));
}

const severityOf = (code: string) => (ds: vscode.Diagnostic[]) => ours(ds).find((d) => codeOf(d) === code)?.severity;
const macNotLocal = severityOf('mac-not-local');
const modeMissing = severityOf('macvtap-mode-missing');

describe('MicroVM Lint settings', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  afterEach(async () => {
    await settings().update('rules', undefined, WS);
    await settings().update('macvtap.preferredMode', undefined, WS);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile(FOLDER), { recursive: true, useTrash: false });
  });

  it('changes a rule\'s squiggle when its level is set or off, and brings the default back when cleared', async () => {
    await write('guest.nix', GUEST);
    const doc = await open(`${FOLDER}/guest.nix`);
    await diagnosticsFor(doc.uri, (ds) => macNotLocal(ds) === vscode.DiagnosticSeverity.Information);
    await settings().update('rules', { 'mac-not-local': 'error' }, WS);
    await diagnosticsFor(doc.uri, (ds) => macNotLocal(ds) === vscode.DiagnosticSeverity.Error);
    // Off: gone, while the other rule still shows (the file was checked again).
    await settings().update('rules', { 'mac-not-local': 'off' }, WS);
    await diagnosticsFor(doc.uri, (ds) => macNotLocal(ds) === undefined && modeMissing(ds) === vscode.DiagnosticSeverity.Error);
    await settings().update('rules', undefined, WS);
    await diagnosticsFor(doc.uri, (ds) => macNotLocal(ds) === vscode.DiagnosticSeverity.Information);
  });

  it('lets a preferred mode the user set win over microvm-lint.json, even when it is the default', async () => {
    await write('microvm-lint.json', JSON.stringify({ preferredMode: 'bridge' }));
    await write('guest.nix', GUEST);
    const doc = await open(`${FOLDER}/guest.nix`);
    const d = ours(await diagnosticsFor(doc.uri, (ds) => modeMissing(ds) !== undefined)).find((x) => codeOf(x) === 'macvtap-mode-missing')!;
    assert.equal(doc.getText(d.range), 'type = "macvtap";');
    // Nothing set: the file's mode.
    await preferredFixBecomes(doc, d.range, 'Set macvtap.mode = "bridge"');
    // "vepa" is the default, and set explicitly it still wins.
    await settings().update('macvtap.preferredMode', 'vepa', WS);
    await preferredFixBecomes(doc, d.range, 'Set macvtap.mode = "vepa"');
    await settings().update('macvtap.preferredMode', undefined, WS);
    await preferredFixBecomes(doc, d.range, 'Set macvtap.mode = "bridge"');
  });
});
