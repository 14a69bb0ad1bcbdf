/**
 * The project's `microvm-lint.json` for each document, read through the
 * host (Node: the disk; web: the client), parsed once and kept until the
 * client reports a change of such a file. Editor settings apply on top:
 * a rule level other than "default", and a preferred mode other than the
 * default one, win over the file.
 */
import ignore, { type Ignore } from 'ignore';
import { EMPTY_CONFIG, parseConfig, type ProjectConfig } from '../config/configFile';
import type { ConfigFileText } from '../protocol';
import type { AnalysisOptions } from '../rules/options';
import { DEFAULT_SETTINGS } from './settings';
import type { ResolvedSettings } from './settingsCache';

/** Finds the configuration file for a document URI; undefined when there is none. */
export type ConfigFinder = (documentUri: string) => Promise<ConfigFileText | undefined>;

export class ProjectConfigs {
  private readonly perDocument = new Map<string, Promise<ProjectConfig>>(); // by folder URI
  /** Where each configuration file is (its `ignore` globs are relative to that folder), with the globs compiled once. */
  private readonly located = new WeakMap<ProjectConfig, { base: string; matcher: Ignore }>();
  private readonly merged = new WeakMap<ResolvedSettings, WeakMap<ProjectConfig, AnalysisOptions>>();

  constructor(
    private readonly find: ConfigFinder | undefined,
    private readonly warn: (message: string) => void,
  ) {}

  forDocument(uri: string): Promise<ProjectConfig> {
    if (!this.find) return Promise.resolve(EMPTY_CONFIG);
    // The nearest file depends only on the folder: the files of one folder (the workspace index reads thousands) share one lookup.
    const folder = uri.slice(0, uri.lastIndexOf('/') + 1) || uri;
    let pending = this.perDocument.get(folder);
    if (!pending) {
      pending = this.find(uri).then(
        (file) => {
          if (!file) return EMPTY_CONFIG;
          const { config, problems } = parseConfig(file.text);
          for (const p of problems) this.warn(`${file.uri}: ${p} (ignored)`);
          if (config.ignore.length > 0) this.located.set(config, { base: file.uri.slice(0, file.uri.lastIndexOf('/') + 1), matcher: ignore().add([...config.ignore]) });
          return config;
        },
        (e: unknown) => {
          this.warn(`cannot read microvm-lint.json for ${uri}: ${String(e)}`);
          return EMPTY_CONFIG;
        },
      );
      this.perDocument.set(folder, pending);
    }
    return pending;
  }

  /** The document is matched by the `ignore` globs of its configuration file (relative to that file's folder). */
  async ignores(uri: string): Promise<boolean> {
    const where = this.located.get(await this.forDocument(uri));
    if (!where || !uri.startsWith(where.base)) return false;
    let rel: string;
    try {
      rel = decodeURIComponent(uri.slice(where.base.length));
    } catch {
      return false;
    }
    return rel !== '' && where.matcher.ignores(rel);
  }

  /** A configuration file changed, appeared or went away: read again on next use. */
  clear(): void {
    this.perDocument.clear();
  }

  /** The options for a document: the file, then the editor settings. Same inputs, same object (analyses are cached by it). */
  options(settings: ResolvedSettings, config: ProjectConfig): AnalysisOptions {
    if (config === EMPTY_CONFIG) return settings.options;
    let byConfig = this.merged.get(settings);
    if (!byConfig) this.merged.set(settings, (byConfig = new WeakMap()));
    let options = byConfig.get(config);
    if (!options) {
      const editorMode = settings.settings.preferredMode;
      options = {
        preferredMode: editorMode !== DEFAULT_SETTINGS.preferredMode ? editorMode : (config.preferredMode ?? editorMode),
        severities: { ...config.rules, ...settings.options.severities },
      };
      byConfig.set(config, options);
    }
    return options;
  }
}
