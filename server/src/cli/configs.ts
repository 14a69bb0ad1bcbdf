/**
 * The analysis options of each file the CLI checks, by config/resolve.ts's
 * rule: the defaults, its nearest configuration file (fs/configFiles.ts reads
 * them), then the command line's flags (`--rule`, `--preferred-mode`).
 */
import { dirname } from 'node:path';
import { resolveOptions, type UserOptions } from '../config/resolve';
import { ConfigFiles } from '../fs/configFiles';
import type { AnalysisOptions } from '../rules/options';

export class Configs extends ConfigFiles {
  constructor(private readonly flags: UserOptions) {
    super();
  }

  /** The options for a file (absolute path). Files under one configuration file get the same object (workers and the cache key on it). */
  optionsFor(absFile: string): AnalysisOptions {
    return resolveOptions(this.nearest(dirname(absFile))?.config, this.flags);
  }
}
