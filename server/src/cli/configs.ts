/**
 * The analysis options of each file the CLI checks: its nearest
 * configuration file (fs/configFiles.ts reads them), then the command line's
 * flags.
 */
import { dirname } from 'node:path';
import { EMPTY_CONFIG } from '../config/configFile';
import { ConfigFiles, type FoundConfig } from '../fs/configFiles';
import type { AnalysisOptions } from '../rules/options';
import type { Severity } from '../rules/rule';

export class Configs extends ConfigFiles {
  private readonly optionsCache = new Map<FoundConfig | null, AnalysisOptions>();

  /**
   * `base` is what the command line asks for (--preferred-mode, --rule),
   * applied on top of each file's configuration.
   */
  constructor(
    private readonly base: AnalysisOptions,
    private readonly flags: { preferredMode?: AnalysisOptions['preferredMode']; rules: Readonly<Record<string, Severity | 'off'>> },
  ) {
    super();
  }

  /**
   * The analysis options for a file (absolute path): its configuration, then
   * the command line's flags. Files under one configuration file get the same
   * object, so whoever keys on the options (workers, the cache) sees few.
   */
  optionsFor(absFile: string): AnalysisOptions {
    const found = this.nearest(dirname(absFile));
    const key = found ?? null;
    let options = this.optionsCache.get(key);
    if (!options) {
      const config = found?.config ?? EMPTY_CONFIG;
      options = {
        preferredMode: this.flags.preferredMode ?? config.preferredMode ?? this.base.preferredMode,
        severities: { ...this.base.severities, ...config.rules, ...this.flags.rules },
      };
      this.optionsCache.set(key, options);
    }
    return options;
  }
}
