/**
 * The client's side of the web server's workspace index: a worker has no
 * disk, so the client lists the Nix files (`workspace.findFiles`, which
 * applies `files.exclude`) and reads them (`workspace.fs`, which works on
 * vscode.dev's and github.dev's virtual file systems too).
 */
import * as vscode from 'vscode';
import { isSkippedFolder } from '../../server/src/config/skippedFolders';
import { withoutBom } from '../../server/src/text/bom';

export async function listNixFiles({ folders, max }: { folders: string[]; max: number }): Promise<string[]> {
  const out: string[] = [];
  for (const folder of folders) {
    const base = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folder));
    if (!base) continue;
    // Asked for more than `max`: some are dropped below (skipped folders).
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*.nix'), undefined, max + 1000);
    for (const uri of found) {
      const rel = uri.path.slice(base.uri.path.length).split('/');
      if (rel.slice(0, -1).some(isSkippedFolder)) continue;
      out.push(uri.toString());
    }
  }
  return [...new Set(out)].sort().slice(0, max);
}

export async function readWorkspaceFile({ uri }: { uri: string }): Promise<string | null> {
  try {
    return withoutBom(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))));
  } catch {
    return null;
  }
}
