/**
 * A worker thread of `microvm-lint check` (dist/cliWorker.js, beside
 * dist/cli.js): one parser of its own, batches of files in, their
 * FileResults out, in the order they came (see pool.ts for the protocol).
 */
import { parentPort } from 'node:worker_threads';
import { readParserWasm } from '../fs/wasm';
import { NixParser } from '../parse/nixParser';
import { checkFile } from './fileCheck';
import type { Batch, BatchReply } from './pool';

const port = parentPort;
if (!port) throw new Error('cliWorker.js runs only as a worker thread of microvm-lint check');

const loading = NixParser.load(readParserWasm(__dirname));

port.on('message', (batch: Batch) => {
  loading.then(
    (parser) => {
      let reply: BatchReply;
      try {
        reply = { id: batch.id, results: batch.files.map((f) => checkFile(parser, f.text, batch.options[f.options])) };
      } catch (e) {
        reply = { id: batch.id, error: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(reply);
    },
    (e: unknown) => port.postMessage({ id: batch.id, error: `cannot load the parser: ${e instanceof Error ? e.message : String(e)}` } satisfies BatchReply),
  );
});
