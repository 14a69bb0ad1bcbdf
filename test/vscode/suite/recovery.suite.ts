/**
 * Crash recovery as a user meets it (issue 14, item 2), in a real VS Code
 * (desktop via code-server, and the web-worker extension host): the server
 * is killed (desktop: its process, SIGKILL; web: its worker, terminated) and
 * diagnostics come back after an edit; two quick restarts make one client;
 * a server that keeps dying is left down and the status item says so; in
 * the web host a restart ends the old server's worker; a server whose
 * parser cannot load says so in the status item and is not restarted.
 * The hidden commands `microvmLint.test.*` kill the server and read the
 * controller's state (status text, clients created).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { askRunner, codeOf, corruptParser, diagnosticsFor, EXTENSION_ID, inWebWorkerHost, lineOf, ours, workspaceFile } from './support';

interface Snapshot {
  running: boolean;
  health: string;
  reason?: string;
  statusText: string;
  statusTooltip: string;
  clientsCreated: number;
}

const snapshot = () => vscode.commands.executeCommand<Snapshot>('microvmLint.test.snapshot');
const kill = () => vscode.commands.executeCommand('microvmLint.test.killServer');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms)); // a poll interval, not a wait for a result

/** Polls the controller until `test` holds (hang guard 45 s). */
async function until(what: string, test: (s: Snapshot) => boolean): Promise<Snapshot> {
  let last = await snapshot();
  for (let i = 0; i < 450 && !test(last); i++) {
    await pause(100);
    last = await snapshot();
  }
  assert.ok(test(last), `${what}; last state: ${JSON.stringify(last)}`);
  return last;
}

/** The line of `type = "macvtap";` in examples/guest-macvtap.nix, read from the file in `before`. */
let MODE_LINE = -1;
/** The missing-mode error, on `line` (each comment line the tests insert moves it down one). */
const missingMode = (line = MODE_LINE) => (ds: vscode.Diagnostic[]) =>
  ds.some((d) => d.source === 'microvm-lint' && (typeof d.code === 'object' ? d.code.value : d.code) === 'macvtap-mode-missing' && d.range.start.line === line);

async function openGuest(): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile('guest-macvtap.nix'));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** An edit the server must check anew: a comment line at the top, of a new text each time. */
async function touch(doc: vscode.TextDocument, note: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), `# ${note}\n`);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('MicroVM Lint crash recovery', () => {
  before(async () => {
    MODE_LINE = await lineOf(workspaceFile('guest-macvtap.nix'), 'type = "macvtap";');
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await until('the server runs', (s) => s.running && s.health === 'ok');
  });

  after(async () => {
    await openGuest();
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('microvmLint.restartServer');
  });

  it('restarts a server that was killed, and checks an edit again', async () => {
    const doc = await openGuest();
    assert.equal(doc.lineAt(MODE_LINE).text.trim(), 'type = "macvtap";');
    await diagnosticsFor(doc.uri, missingMode());
    const before = await snapshot();
    await kill();
    const after = await until('a new client runs', (s) => s.clientsCreated === before.clientsCreated + 1 && s.running && s.health === 'ok');
    assert.equal(after.statusText, '$(check) MicroVM Lint');
    await touch(doc, 'after the crash');
    // Only a server that runs and got this edit puts the error one line lower.
    await diagnosticsFor(doc.uri, missingMode(MODE_LINE + 1));
  });

  it('makes one new client for two quick restarts', async () => {
    const doc = await openGuest();
    const before = await snapshot();
    await Promise.all([vscode.commands.executeCommand('microvmLint.restartServer'), vscode.commands.executeCommand('microvmLint.restartServer')]);
    const after = await until('the restarted server runs', (s) => s.running);
    assert.equal(after.clientsCreated, before.clientsCreated + 1);
    await touch(doc, 'after two restarts');
    await diagnosticsFor(doc.uri, missingMode(MODE_LINE + 2));
  });

  // Only the web entry owns what runs its server (a Worker, which the browser client never ends); on the desktop the library ends its process.
  if (inWebWorkerHost) {
    it('ends the old server\'s worker when it restarts the server', async () => {
      const before = await snapshot();
      await vscode.commands.executeCommand('microvmLint.restartServer');
      await until('the restarted server runs', (s) => s.clientsCreated === before.clientsCreated + 1 && s.running && s.health === 'ok');
      // The browser lists a worker until it has ended (the runner counts them in the page). Hang guard 30 s.
      const deadline = Date.now() + 30_000;
      let workers = await askRunner('server-workers');
      while (workers !== '1' && Date.now() < deadline) {
        await pause(100);
        workers = await askRunner('server-workers');
      }
      assert.equal(workers, '1', 'language server workers running after the restart');
    });
  }

  it('leaves a server that keeps dying down after 5 restarts and says so, until the user restarts it', async () => {
    await vscode.commands.executeCommand('microvmLint.restartServer'); // a new count of crashes
    for (let crash = 1; crash <= 5; crash++) {
      const before = await snapshot();
      await kill();
      await until(`restart after crash ${crash}`, (s) => s.clientsCreated === before.clientsCreated + 1 && s.running);
    }
    const before = await snapshot();
    await kill();
    const down = await until('the server stays down', (s) => !s.running && s.health === 'down');
    assert.equal(down.clientsCreated, before.clientsCreated, 'no 6th restart');
    assert.equal(down.statusText, '$(error) MicroVM Lint');
    assert.match(down.reason ?? '', /stopped 6 times in 3 minutes/);
    await vscode.commands.executeCommand('microvmLint.restartServer');
    await until('the user restarted it', (s) => s.running && s.health === 'ok');
  });

  it('says in the status item that the parser cannot load, and leaves that server up instead of restarting it', async () => {
    const doc = await openGuest();
    const restore = await corruptParser();
    try {
      const before = await snapshot();
      await vscode.commands.executeCommand('microvmLint.restartServer');
      const broken = await until('the new server reports that its parser cannot load', (s) => s.clientsCreated === before.clientsCreated + 1 && s.health === 'parser');
      assert.equal(broken.statusText, '$(error) MicroVM Lint: no parser');
      assert.match(broken.statusTooltip, /^MicroVM Lint cannot check Nix files: cannot load the Nix parser: .+\. Reinstalling the extension may help\. Click for the log\.$/);
      // A round trip to that server: it answers (empty), and nothing restarted it meanwhile.
      assert.deepEqual(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 0)), []);
      const after = await snapshot();
      assert.deepEqual([after.running, after.health, after.clientsCreated], [true, 'parser', broken.clientsCreated]);
      assert.deepEqual(ours(vscode.languages.getDiagnostics(doc.uri)), [], 'no squiggles from a server that cannot parse');
    } finally {
      await restore();
    }
    const before = await snapshot();
    await vscode.commands.executeCommand('microvmLint.restartServer');
    const repaired = await until('the server runs with its parser again', (s) => s.clientsCreated === before.clientsCreated + 1 && s.health === 'ok');
    assert.equal(repaired.statusText, '$(check) MicroVM Lint');
    await diagnosticsFor(doc.uri, (ds) => ours(ds).some((d) => codeOf(d) === 'macvtap-mode-missing'));
  });
});
