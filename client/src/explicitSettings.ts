/**
 * Which `microvmLint` settings the user set. The server lets a setting the
 * user set win over microvm-lint.json, even when it equals the default, and
 * lets the file win otherwise (server/src/config/resolve.ts); VS Code's own
 * answer to `workspace/configuration` fills in every default, so the client
 * answers with only the settings set in the user, workspace or folder
 * settings, language-specific ones (`"[nix]": { ... }`) included. No `vscode`
 * import here: a unit test runs it.
 */

/** What `WorkspaceConfiguration.inspect(key)` reports (the fields used here). */
export interface Inspected {
  defaultValue?: unknown;
  defaultLanguageValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

/** A default, even a language-specific one from an extension's `configurationDefaults`, was not set by the user. */
export function isSet(i: Inspected | undefined): boolean {
  return (
    i !== undefined &&
    [i.globalValue, i.workspaceValue, i.workspaceFolderValue, i.globalLanguageValue, i.workspaceLanguageValue, i.workspaceFolderLanguageValue].some((v) => v !== undefined)
  );
}

/**
 * The settings the user set, by their key under the section (`macvtap.preferredMode`, which the
 * server reads as dotted keys too), each with the value that applies (`get`), copied as plain data.
 */
export function explicitSettings(keys: readonly string[], inspect: (key: string) => Inspected | undefined, get: (key: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (isSet(inspect(key))) out[key] = plain(get(key));
  return out;
}

/**
 * A copy as plain data. VS Code hands out an object setting (`rules`) as a
 * read-only Proxy, which structured clone refuses: in the web host the
 * answer never reached the server's worker ("Sending response failed") and
 * no file was checked any more. vscode-languageclient's own configuration
 * handler copies for the same reason.
 */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
