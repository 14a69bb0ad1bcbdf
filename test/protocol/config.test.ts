/**
 * microvm-lint.json, settings and ignore globs as the language server
 * applies them, over a real stdio session with the case's folder as the
 * workspace: the shared case table (test/support/configCases.ts), which the
 * CLI must answer alike (test/cli/config.test.ts). Each case is seen twice:
 * in what the workspace index publishes for the file while it is not open,
 * and once it is open, with the quick fix it prefers.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CODES, CONFIG_CASES, CONTROL, modeOfFixTitle, writeCase, type Seen } from '../support/configCases';
import { LspClient, until } from '../support/lspClient';

const SEVERITY: Record<number, Seen> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

const seen = (diagnostics: Diagnostic[]) =>
  Object.fromEntries(CODES.map((code) => [code, diagnostics.find((d) => d.code === code)?.severity ? SEVERITY[diagnostics.find((d) => d.code === code)!.severity!] : 'absent']));

describe('language server: microvm-lint.json, settings and ignore (shared cases)', () => {
  for (const c of CONFIG_CASES) {
    it(c.name, async (t) => {
      const dir = writeCase(c);
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const uri = pathToFileURL(join(dir, c.file)).href;
      const { client } = await LspClient.start({
        workspaceFolders: [pathToFileURL(dir).href],
        settings: c.settings,
        capabilities: {
          window: { workDoneProgress: true },
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      });
      t.after(() => client.kill());
      // Publishes for files that are not open go out before the indexing progress ends.
      await until(() => client.progress.includes('end'));
      const controlUri = pathToFileURL(join(dir, CONTROL.path)).href;
      const hasControlFinding = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === CONTROL.code);
      assert.ok(client.published.some((p) => p.uri === controlUri && hasControlFinding(p)), 'the folder was indexed');
      const fromIndex = client.published.filter((p) => p.uri === uri);
      if (c.expect.ignored) {
        assert.deepEqual(fromIndex.flatMap((p) => p.diagnostics), [], 'an ignored file is not indexed');
        // Nor when the file watcher reports it (the walk did not list it; the index asks the configuration files itself).
        const mark = client.published.length;
        const changes = [{ uri, type: 1 }, { uri: controlUri, type: 2 }];
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
        // Read in that order: once the control file is published again, the index has settled on both.
        await client.diagnostics(controlUri, hasControlFinding, mark);
        assert.deepEqual(client.published.slice(mark).filter((p) => p.uri === uri), [], 'a file the watcher reports is left out too');
        return;
      }
      assert.deepEqual(seen(fromIndex.at(-1)?.diagnostics ?? []), c.expect.severities, 'published by the index');
      await client.open(uri, readFileSync(join(dir, c.file), 'utf8'));
      const open = await client.forVersion(uri, 1);
      assert.deepEqual(seen(open), c.expect.severities, 'published for the open document');
      const missing = open.find((d) => d.code === 'macvtap-mode-missing')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } });
      assert.equal(modeOfFixTitle(actions.find((a) => a.isPreferred)?.title), c.expect.mode, 'the mode the preferred fix inserts');
      assert.equal(await client.stop(), 0);
    });
  }
});
