/**
 * The project's `microvm-lint.json` files for each document, read through
 * the host (Node: the disk; web: the client), parsed once and kept until the
 * client reports a change of such a file. What they mean is
 * config/resolve.ts's rule, the CLI's too: the nearest file's rules and
 * preferred mode under the settings the user set, and the `ignore` globs of
 * every enclosing file.
 */
import { CONFIG_FILE_NAME, parseConfig, type ProjectConfig } from '../config/configFile';
import { isIgnored, type LocatedConfig } from '../config/resolve';
import type { ConfigFileText } from '../protocol';

/** Finds the configuration file nearest to a document URI (in its folder or above); undefined when there is none. */
export type ConfigFinder = (documentUri: string) => Promise<ConfigFileText | undefined>;

export class ProjectConfigs {
  /** By folder URI (ending with '/'): the configuration files at or above it, outermost first. */
  private readonly chains = new Map<string, Promise<readonly LocatedConfig[]>>();
  /** Each file parsed once per text (one object per file: analyses are cached by the options made from it). */
  private readonly parsed = new Map<string, { text: string; config: ProjectConfig }>();

  constructor(
    private readonly find: ConfigFinder | undefined,
    private readonly warn: (message: string) => void,
  ) {}

  /** The configuration files enclosing a document, outermost first (the nearest is the last). */
  enclosing(uri: string): Promise<readonly LocatedConfig[]> {
    // The files depend only on the folder: the files of one folder (the workspace index reads thousands) share one lookup.
    return this.chainAt(uri.slice(0, uri.lastIndexOf('/') + 1) || uri);
  }

  /** The nearest configuration file's contents, if there is one. */
  async nearest(uri: string): Promise<ProjectConfig | undefined> {
    return (await this.enclosing(uri)).at(-1)?.config;
  }

  /** The document is left out by the `ignore` globs of an enclosing configuration file. */
  async ignores(uri: string): Promise<boolean> {
    const path = decoded(uri);
    return path !== undefined && isIgnored(await this.enclosing(uri), path);
  }

  /** A configuration file changed, appeared or went away: read again on next use. */
  clear(): void {
    this.chains.clear();
    this.parsed.clear();
  }

  private chainAt(folder: string): Promise<readonly LocatedConfig[]> {
    if (!this.find) return Promise.resolve([]);
    let pending = this.chains.get(folder);
    if (!pending) {
      // The finder looks in the folder of the URI it is given, then above.
      pending = this.find(folder + CONFIG_FILE_NAME).then(
        async (file): Promise<readonly LocatedConfig[]> => {
          if (!file) return [];
          const base = file.uri.slice(0, file.uri.lastIndexOf('/') + 1);
          const located = decoded(base);
          const parent = parentFolder(base);
          const outer = parent !== undefined ? await this.chainAt(parent) : [];
          return located === undefined ? outer : [...outer, { folder: located, config: this.parse(file) }];
        },
        (e: unknown) => {
          this.warn(`cannot read ${CONFIG_FILE_NAME} for ${folder}: ${String(e)}`);
          return [];
        },
      );
      this.chains.set(folder, pending);
    }
    return pending;
  }

  private parse(file: ConfigFileText): ProjectConfig {
    const known = this.parsed.get(file.uri);
    if (known?.text === file.text) return known.config;
    const { config, problems } = parseConfig(file.text);
    for (const p of problems) this.warn(`${file.uri}: ${p} (ignored)`);
    this.parsed.set(file.uri, { text: file.text, config });
    return config;
  }
}

/** The folder above a folder URI (both ending with '/'); none above the root of its scheme. */
function parentFolder(folder: string): string | undefined {
  const cut = folder.lastIndexOf('/', folder.length - 2);
  const parent = cut < 0 ? '' : folder.slice(0, cut + 1);
  return parent === '' || parent.endsWith('//') ? undefined : parent;
}

/** URIs compared as decoded text: a client and the host may escape the same path differently. */
function decoded(uri: string): string | undefined {
  try {
    return decodeURIComponent(uri);
  } catch {
    return undefined;
  }
}
