/** The web worker's files: listed and read by the client (VS Code's file system API), since a worker has no disk. */
import type { Connection } from 'vscode-languageserver';
import { ListNixFilesRequest, ReadFileRequest } from '../protocol';
import type { FileSource } from '../workspace/fileSource';

export function clientFileSource(connection: Connection): FileSource {
  return {
    list: (folders, max) => connection.sendRequest(ListNixFilesRequest, { folders: [...folders], max }),
    read: async (uri) => (await connection.sendRequest(ReadFileRequest, { uri })) ?? undefined,
  };
}
