/**
 * The cross-file case table (test/support/crossFileCases.ts) through the
 * editor's workspace index, over stdio, one workspace folder per case: what
 * the server publishes for files never opened is what the CLI prints.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { writeTree } from '../support/cli';
import { caseLine, casePlace, CROSS_FILE_CASES } from '../support/crossFileCases';
import { INDEX_CAPABILITIES, LspClient, until } from '../support/lspClient';

describe('workspace index: the cross-file cases', () => {
  for (const c of CROSS_FILE_CASES) {
    it(c.name, async () => {
      const dir = writeTree(mkdtempSync(join(tmpdir(), 'microvm-lint-xcase-')), c.files);
      const root = pathToFileURL(dir).href + '/';
      const { client } = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href], capabilities: INDEX_CAPABILITIES });
      try {
        const linesOf = (p: PublishDiagnosticsParams | undefined) =>
          (p?.diagnostics ?? [])
            .map((d) => caseLine(p!.uri.slice(root.length), d.range.start, String(d.code), (d.relatedInformation ?? []).map((r) => ({ file: r.location.uri.slice(root.length), at: r.location.range.start, message: r.message }))))
            .sort();
        const expected = (file: string) => c.findings.filter((f) => f.startsWith(`${file}:`)).sort();
        const last = (uri: string) => client.published.filter((p) => p.uri === uri).at(-1);
        // Indexing ends, then the index publishes what the links change: wait for the table's state (bounded), then compare.
        await until(() => client.progress.includes('end'), 'the end of indexing');
        const settled = () => Object.keys(c.files).every((file) => JSON.stringify(linesOf(last(root + file))) === JSON.stringify(expected(file)));
        await until(settled, 'the table\'s findings', 5_000).catch(() => undefined);
        for (const file of Object.keys(c.files)) assert.deepEqual(linesOf(last(root + file)), expected(file), file);
        const messages = Object.fromEntries(
          Object.keys(c.files).flatMap((file) => (last(root + file)?.diagnostics ?? []).map((d) => [casePlace(file, d.range.start), d.message])),
        );
        for (const [at, message] of Object.entries(c.messages ?? {})) assert.equal(messages[at], message, at);
      } finally {
        client.kill();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
