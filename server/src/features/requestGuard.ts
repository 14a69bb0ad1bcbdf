/**
 * Keeps the one event loop answering while a document is analysed. Before
 * heavy work (a parse and analysis not cached yet) the request yields once,
 * so that other requests and `$/cancelRequest` already received run first;
 * after it, it yields again so that a cancellation that arrived meanwhile is
 * seen. A cancelled request answers RequestCancelled, one whose document
 * changed under it ContentModified (the LSP error codes for both).
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** Lets queued I/O (incoming messages) run: setImmediate in Node, a zero timeout in a web worker. */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(() => resolve()) : setTimeout(resolve, 0)));
}

export const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
export const contentModified = () => new ResponseError(LSPErrorCodes.ContentModified, 'the document changed while the request waited');

/** Throws when the request was cancelled, or the document is now another version (or closed). */
export function throwIfStale(token: CancellationToken | undefined, versionNow: number | undefined, versionAsked: number): void {
  if (token?.isCancellationRequested) throw cancelled();
  if (versionNow !== versionAsked) throw contentModified();
}

/** Errors that mean "the answer is no longer wanted": a push skips them silently. */
export function isStale(e: unknown): boolean {
  return e instanceof ResponseError && (e.code === LSPErrorCodes.RequestCancelled || e.code === LSPErrorCodes.ContentModified);
}
