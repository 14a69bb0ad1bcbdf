/**
 * Custom requests between the VS Code client and the server, declared once
 * and imported by both sides.
 */
import { RequestType } from 'vscode-languageserver-protocol';

export interface ConfigFileText {
  /** The file's URI. */
  uri: string;
  text: string;
}

/**
 * Server -> client (web host): the text of the `microvm-lint.json` nearest
 * to a document (in its folder or above, within its workspace folder), or
 * null. The desktop server reads the disk itself.
 */
export const ReadConfigRequest = new RequestType<{ uri: string }, ConfigFileText | null, void>('microvmLint/readConfig');
