/**
 * Per-document settings, asked of the client with `workspace/configuration`
 * (scopeUri = the document) and cached until the client says they changed.
 * Clients without that request get what `didChangeConfiguration` or the
 * initialization options carried.
 */
import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import type { UserOptions } from '../config/resolve';
import { parseSettings, userOptions, type Settings } from './settings';

export interface ResolvedSettings {
  settings: Settings;
  /** The rule levels and preferred mode the user set: they win over microvm-lint.json. */
  user: UserOptions;
}

export class SettingsCache {
  private pullConfiguration = false;
  dynamicRegistration = false;
  private global: ResolvedSettings = resolve(undefined, () => {});
  private readonly perDocument = new Map<string, Promise<ResolvedSettings>>();

  constructor(private readonly connection: Connection) {}

  init(capabilities: ClientCapabilities, initializationOptions: unknown): void {
    this.pullConfiguration = capabilities.workspace?.configuration === true;
    this.dynamicRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const fromInit = (initializationOptions as { settings?: unknown } | undefined)?.settings;
    if (fromInit !== undefined) this.global = resolve(fromInit, (m) => this.warn(m));
  }

  /** `settings` is what didChangeConfiguration carried (the section, the whole tree, or nothing). */
  changed(settings: unknown): void {
    this.perDocument.clear();
    if (!this.pullConfiguration && settings !== undefined && settings !== null) {
      const section = (settings as { microvmLint?: unknown }).microvmLint ?? settings;
      this.global = resolve(section, (m) => this.warn(m));
    }
  }

  forDocument(uri: string): Promise<ResolvedSettings> {
    if (!this.pullConfiguration) return Promise.resolve(this.global);
    let pending = this.perDocument.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'microvmLint' })
        .then((raw: unknown) => resolve(raw, (m) => this.warn(m)))
        .catch(() => this.global);
      this.perDocument.set(uri, pending);
    }
    return pending;
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  private warn(message: string): void {
    this.connection.console.warn(`microvm-lint settings: ${message} (ignored)`);
  }
}

function resolve(raw: unknown, warn: (m: string) => void): ResolvedSettings {
  const { settings, problems } = parseSettings(raw);
  problems.forEach(warn);
  return { settings, user: userOptions(settings) };
}
