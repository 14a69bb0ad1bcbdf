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
 * to `uri` (in its folder or above, within its workspace folder), or null.
 * The server asks with `<folder>/microvm-lint.json` to look from a folder
 * (the files above the nearest one). The desktop server reads the disk itself.
 */
export const ReadConfigRequest = new RequestType<{ uri: string }, ConfigFileText | null, void>('microvmLint/readConfig');

/**
 * Server -> client (web host): the `.nix` files of the workspace folders, as
 * the client's `workspace.findFiles` lists them (`files.exclude` applies),
 * without `.git`, `node_modules`, `result*` and `.direnv`; at most `max`.
 */
export const ListNixFilesRequest = new RequestType<{ folders: string[]; max: number }, string[], void>('microvmLint/listNixFiles');

/** Server -> client (web host): a file's text read through `workspace.fs`, or null when it cannot be read. */
export const ReadFileRequest = new RequestType<{ uri: string }, string | null, void>('microvmLint/readFile');
