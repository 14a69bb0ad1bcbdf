/**
 * The server's settings (`microvmLint.*`): one schema with defaults, from
 * which the type is inferred. A bad value is reported and dropped alone;
 * the other settings still apply.
 *
 * The rule levels and the preferred mode the user set win over
 * microvm-lint.json (config/resolve.ts), even when they equal the default;
 * a level "default" is not set. So a client sends only what the user set:
 * VS Code's client reports the settings `inspect()` shows set by the user,
 * workspace or folder (client/src/explicitSettings.ts); Neovim and others
 * send what the user wrote. A client that sends every setting, defaults
 * included, cannot say which ones the user set: from it, a preferred mode
 * equal to the default counts as not set.
 */
import { MACVTAP_MODES, type MacvtapMode } from '../knowledge/macvtapModes';
import type { UserOptions } from '../config/resolve';
import { ruleByCode } from '../rules/index';
import { DEFAULT_OPTIONS, isMacvtapMode } from '../rules/options';
import type { Severity } from '../rules/rule';

export const RULE_LEVELS = ['default', 'error', 'warning', 'information', 'hint', 'off'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export const SETTINGS_SCHEMA = {
  enable: { type: 'boolean', default: true, description: 'Check Nix files for MicroVM.nix interface mistakes.' },
  'macvtap.preferredMode': {
    type: 'string',
    enum: MACVTAP_MODES,
    default: DEFAULT_OPTIONS.preferredMode,
    description: 'The macvtap mode that the preferred quick fix ("Auto Fix", fix all) inserts. Once set, it wins over the preferredMode of microvm-lint.json.',
  },
  maxFileSize: {
    type: 'number',
    default: 4 * 1024 * 1024,
    description: 'Files larger than this many bytes (UTF-8) are not checked; they get one notice saying so. Default 4 MB.',
  },
  rules: {
    type: 'object',
    default: {} as Record<string, RuleLevel>,
    description: 'Severity per rule code ("error", "warning", "information", "hint", "off" or "default"). A level other than "default" wins over microvm-lint.json.',
  },
  'workspace.maxFiles': {
    type: 'number',
    default: 20000,
    description: 'The most Nix files of the workspace folders that are indexed (for findings in files that are not open and across files). 0 turns the index off.',
  },
} as const;

export interface Settings {
  enable: boolean;
  /** Absent: the user did not set it (the nearest microvm-lint.json's, else the default, applies). */
  preferredMode?: MacvtapMode;
  /** In UTF-8 bytes. */
  maxFileSize: number;
  rules: Readonly<Record<string, RuleLevel>>;
  workspaceMaxFiles: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: SETTINGS_SCHEMA.enable.default,
  maxFileSize: SETTINGS_SCHEMA.maxFileSize.default,
  rules: SETTINGS_SCHEMA.rules.default,
  workspaceMaxFiles: SETTINGS_SCHEMA['workspace.maxFiles'].default,
};

/** Reads the `microvmLint` section as sent by the client (nested objects or dotted keys). */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  const obj = isObject(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isObject(raw)) problems.push('microvmLint: expected an object');

  const enable = obj.enable;
  if (enable !== undefined) {
    if (typeof enable === 'boolean') settings.enable = enable;
    else problems.push('microvmLint.enable: expected true or false');
  }
  const mode = valueOf(obj, 'macvtap.preferredMode');
  if (mode !== undefined) {
    if (isMacvtapMode(mode)) settings.preferredMode = mode;
    else problems.push(`microvmLint.macvtap.preferredMode: expected one of ${MACVTAP_MODES.join(', ')}`);
  }
  const maxFileSize = obj.maxFileSize;
  if (maxFileSize !== undefined) {
    if (typeof maxFileSize === 'number' && Number.isFinite(maxFileSize) && maxFileSize >= 0) settings.maxFileSize = Math.floor(maxFileSize);
    else problems.push('microvmLint.maxFileSize: expected a number of bytes (0 or more)');
  }
  if (obj.rules !== undefined) {
    if (!isObject(obj.rules)) problems.push('microvmLint.rules: expected an object of rule code to level');
    else {
      const rules: Record<string, RuleLevel> = {};
      for (const [code, level] of Object.entries(obj.rules)) {
        if (!ruleByCode(code)) problems.push(`microvmLint.rules: unknown rule "${code}"`);
        else if (typeof level !== 'string' || !(RULE_LEVELS as readonly string[]).includes(level))
          problems.push(`microvmLint.rules.${code}: expected one of ${RULE_LEVELS.join(', ')}`);
        else rules[code] = level as RuleLevel;
      }
      settings.rules = rules;
    }
  }
  const maxFiles = valueOf(obj, 'workspace.maxFiles');
  if (maxFiles !== undefined) {
    if (typeof maxFiles === 'number' && Number.isInteger(maxFiles) && maxFiles >= 0) settings.workspaceMaxFiles = maxFiles;
    else problems.push('microvmLint.workspace.maxFiles: expected a whole number, 0 or more');
  }
  const sentAll = Object.keys(SETTINGS_SCHEMA).every((key) => valueOf(obj, key) !== undefined);
  if (sentAll && settings.preferredMode === SETTINGS_SCHEMA['macvtap.preferredMode'].default) delete settings.preferredMode;
  return { settings, problems };
}

/** What the user set, for config/resolve.ts: a rule at "default" is not set. */
export function userOptions(settings: Settings): UserOptions {
  const rules: Record<string, Severity | 'off'> = {};
  for (const [code, level] of Object.entries(settings.rules)) if (level !== 'default') rules[code] = level;
  return { ...(settings.preferredMode !== undefined ? { preferredMode: settings.preferredMode } : {}), rules };
}

/** A setting as sent: nested (`macvtap: { preferredMode }`) or with a dotted key. */
function valueOf(obj: Record<string, unknown>, key: string): unknown {
  const dot = key.indexOf('.');
  if (dot < 0) return obj[key];
  const outer = obj[key.slice(0, dot)];
  return isObject(outer) ? outer[key.slice(dot + 1)] : obj[key];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
