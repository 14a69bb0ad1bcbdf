/**
 * The server's settings (`microvmLint.*`): one schema with defaults, from
 * which the type is inferred. A bad value is reported and dropped alone;
 * the other settings still apply.
 */
import { MACVTAP_MODES, type MacvtapMode } from '../knowledge/macvtapModes';
import { ruleByCode } from '../rules/index';
import { isMacvtapMode, type AnalysisOptions } from '../rules/options';
import type { Severity } from '../rules/rule';

export const RULE_LEVELS = ['default', 'error', 'warning', 'information', 'hint', 'off'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export const SETTINGS_SCHEMA = {
  enable: { type: 'boolean', default: true, description: 'Check Nix files for MicroVM.nix interface mistakes.' },
  'macvtap.preferredMode': {
    type: 'string',
    enum: MACVTAP_MODES,
    default: 'vepa' as MacvtapMode,
    description: 'The macvtap mode that the preferred quick fix ("Auto Fix", fix all) inserts.',
  },
  maxFileSize: {
    type: 'number',
    default: 4 * 1024 * 1024,
    description: 'Files larger than this many bytes (UTF-8) are not checked; they get one notice saying so. Default 4 MB.',
  },
  rules: {
    type: 'object',
    default: {} as Record<string, RuleLevel>,
    description: 'Severity per rule code ("error", "warning", "information", "hint", "off" or "default").',
  },
  'workspace.maxFiles': {
    type: 'number',
    default: 20000,
    description: 'The most Nix files of the workspace folders that are indexed (for findings in files that are not open and across files). 0 turns the index off.',
  },
} as const;

export interface Settings {
  enable: boolean;
  preferredMode: MacvtapMode;
  /** In UTF-8 bytes. */
  maxFileSize: number;
  rules: Readonly<Record<string, RuleLevel>>;
  workspaceMaxFiles: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: SETTINGS_SCHEMA.enable.default,
  preferredMode: SETTINGS_SCHEMA['macvtap.preferredMode'].default,
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
  const mode = isObject(obj.macvtap) ? obj.macvtap.preferredMode : obj['macvtap.preferredMode'];
  if (mode !== undefined) {
    if (typeof mode === 'string' && isMacvtapMode(mode)) settings.preferredMode = mode;
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
  const maxFiles = isObject(obj.workspace) ? obj.workspace.maxFiles : obj['workspace.maxFiles'];
  if (maxFiles !== undefined) {
    if (typeof maxFiles === 'number' && Number.isInteger(maxFiles) && maxFiles >= 0) settings.workspaceMaxFiles = maxFiles;
    else problems.push('microvmLint.workspace.maxFiles: expected a whole number, 0 or more');
  }
  return { settings, problems };
}

export function analysisOptions(settings: Settings): AnalysisOptions {
  const severities: Record<string, Severity | 'off'> = {};
  for (const [code, level] of Object.entries(settings.rules)) if (level !== 'default') severities[code] = level;
  return { preferredMode: settings.preferredMode, severities };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
