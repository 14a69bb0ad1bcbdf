/**
 * The workspace index skips files its pre-filter rejects without parsing them: a file never opened
 * whose interface spells its type through a Nix escape (`"macvt\ap"` is "macvtap", as the model
 * reads it) still gets its findings published, and its MAC still counts in other files.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';

const FILES: Record<string, string> = {
  // Reported: four errors in the open editor, nothing from the index.
  'escaped.nix': '{ guest = { type = "macvt\\ap"; id = "an-id-that-is-far-too-long"; mac = "03:00:00:00:00:01"; }; }\n',
  'guest.nix': '{ microvm.interfaces = [ { type = "tap"; id = "vm-g"; mac = "02:00:00:00:00:07"; } ]; }\n',
  'shape.nix': '{ s = { type = \'\'macvt\'\'\\ap\'\'; id = "vm-s"; mac = "02:00:00:00:00:07"; "macvta\\p" = { link = "eth0"; mode = "bridge"; }; }; }\n',
};

describe('workspace index: words spelt through escapes', () => {
  let client: LspClient;
  const dir = mkdtempSync(join(tmpdir(), 'microvm-lint-ws-prefilter-'));
  const uri = (name: string) => pathToFileURL(join(dir, name)).href;

  before(async () => {
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
    ({ client } = await LspClient.start({
      workspaceFolders: [pathToFileURL(dir).href],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
      },
    }));
  });
  after(() => {
    client.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const found = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

  it('publishes the findings of a file never opened whose type is "macvt\\ap"', async () => {
    const p = await client.diagnostics(uri('escaped.nix'), (p) => p.diagnostics.length > 0);
    assert.deepEqual(found(p), ['1:13 macvtap-link-missing', '1:13 macvtap-mode-missing', '1:37 interface-id-too-long', '1:73 mac-multicast']);
  });

  it("links the MAC of an interface spelt ''macvt''\\ap'' to the file that shares it", async () => {
    const p = await client.diagnostics(uri('guest.nix'), (p) => p.diagnostics.some((d) => d.code === 'mac-duplicate'));
    const dup = p.diagnostics.find((d) => d.code === 'mac-duplicate')!;
    assert.deepEqual(dup.relatedInformation?.map((r) => r.location.uri), [uri('shape.nix')]);
  });
});
