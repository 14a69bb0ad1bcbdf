/**
 * The server's health, declared once for the server and the VS Code client
 * (as rust-analyzer's `experimental/serverStatus`): the status item shows
 * what the server says, not a guess from the process being alive.
 */
import { NotificationType, RequestType0 } from 'vscode-languageserver-protocol';

export interface ServerStatus {
  /** `error`: the server runs but cannot check anything (its parser did not load); it answers requests with empty results. */
  health: 'ok' | 'error';
  /** For `error`: what went wrong, in words for the user. */
  message?: string;
}

/** Server -> client, once the parser loaded or failed to (sent once per server start). */
export const ServerStatusNotification = new NotificationType<ServerStatus>('microvmLint/serverStatus');

/** Client -> Node server: its process id, so the vscode-API suite can kill it as a crash would. */
export const ServerProcessRequest = new RequestType0<{ pid: number }, void>('microvmLint/serverProcess');
