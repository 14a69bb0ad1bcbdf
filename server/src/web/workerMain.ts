/**
 * Web entry of the language server (vscode.dev, github.dev, code-server's
 * web extension host): the same server in a Web Worker. Only the connection
 * and the way the two .wasm files arrive differ from the Node entry.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import type { ParserWasm } from '../parse/nixParser';
import { startServer } from '../server';
import { ReadConfigRequest } from '../protocol';
import { clientFileSource } from './clientFileSource';

/** What the web client puts in `initializationOptions`: where to fetch the .wasm files. */
export interface WebInitializationOptions {
  wasmUrls: { engine: string; grammar: string };
}

declare const self: DedicatedWorkerGlobalScope;

async function fetchBytes(url: string): Promise<Uint8Array> {
  // Fetched as bytes, not streamed into WebAssembly: some hosts serve .wasm as text/plain.
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, async (init): Promise<ParserWasm> => {
  const urls = (init.initializationOptions as WebInitializationOptions | undefined)?.wasmUrls;
  if (!urls) throw new Error('the web client did not send wasmUrls');
  const [engine, grammar] = await Promise.all([fetchBytes(urls.engine), fetchBytes(urls.grammar)]);
  return { engine, grammar };
}, {
  // No file system in a worker: the client reads microvm-lint.json through vscode.workspace.fs.
  findConfig: (c) => async (uri) => (await c.sendRequest(ReadConfigRequest, { uri })) ?? undefined,
  fileSource: clientFileSource,
});
