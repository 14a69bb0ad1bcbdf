/**
 * `microvm-lint.json`, the project's configuration file: rule levels,
 * the preferred macvtap mode, and globs of files not to check. It is data,
 * never code (safe in untrusted workspaces). Read by the CLI and the
 * server; what each file means for a checked file (the nearest one's levels
 * and mode, under what the user set; every enclosing one's `ignore`) is
 * resolve.ts's rule. Pure: the caller reads the file (Node: fs; web: the
 * client sends it).
 */
import { MACVTAP_MODES, type MacvtapMode } from '../knowledge/macvtapModes';
import { ruleByCode } from '../rules/index';
import type { Severity } from '../rules/rule';
import { isMacvtapMode } from '../rules/options';
import { withoutBom } from '../text/bom';

export { CONFIG_FILE_NAME } from './fileName';

/** The levels a rule can be set to, as the file and `--rule` spell them. */
export const CONFIG_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type ConfigLevel = (typeof CONFIG_LEVELS)[number];

export interface ProjectConfig {
  rules: Readonly<Record<string, Severity | 'off'>>;
  preferredMode?: MacvtapMode;
  /** Globs (gitignore syntax), relative to the file's folder. */
  ignore: readonly string[];
}

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, ignore: [] };

/** "info" is the file's word for the LSP "information" severity. */
export function levelToSeverity(level: ConfigLevel): Severity | 'off' {
  return level === 'info' ? 'information' : level;
}

const isLevel = (x: unknown): x is ConfigLevel => (CONFIG_LEVELS as readonly unknown[]).includes(x);

/**
 * Parses the file's text. Every problem is one line naming the key; the
 * caller decides whether problems are fatal (the CLI: exit 2) or warnings
 * (the server: the rest still applies).
 */
export function parseConfig(text: string): { config: ProjectConfig; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(withoutBom(text));
  } catch (e) {
    return { config: EMPTY_CONFIG, problems: [`not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { config: EMPTY_CONFIG, problems: ['expected a JSON object'] };
  const obj = raw as Record<string, unknown>;
  const rules: Record<string, Severity | 'off'> = {};
  let preferredMode: MacvtapMode | undefined;
  let ignore: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push('"rules" must be an object of rule code to level');
        continue;
      }
      for (const [code, level] of Object.entries(value)) {
        if (!ruleByCode(code)) problems.push(`unknown rule "${code}" in "rules"`);
        else if (!isLevel(level)) problems.push(`"rules.${code}" must be one of ${CONFIG_LEVELS.join(', ')}, not ${JSON.stringify(level)}`);
        else rules[code] = levelToSeverity(level);
      }
    } else if (key === 'preferredMode') {
      if (isMacvtapMode(value)) preferredMode = value;
      else problems.push(`"preferredMode" must be one of ${MACVTAP_MODES.join(', ')}, not ${JSON.stringify(value)}`);
    } else if (key === 'ignore') {
      if (Array.isArray(value) && value.every((g) => typeof g === 'string')) ignore = value as string[];
      else problems.push('"ignore" must be an array of glob strings');
    } else {
      problems.push(`unknown key "${key}" (expected rules, preferredMode, ignore)`);
    }
  }
  return { config: { rules, ...(preferredMode ? { preferredMode } : {}), ignore }, problems };
}

/** `code=level` as `--rule` takes it; throws a one-line message naming what is wrong. */
export function parseRuleFlag(flag: string): [string, Severity | 'off'] {
  const m = /^([^=]+)=(.*)$/.exec(flag);
  if (!m) throw new Error(`--rule takes code=level, not "${flag}"`);
  const [, code, level] = m;
  if (!ruleByCode(code)) throw new Error(`--rule: unknown rule "${code}" (microvm-lint explain lists them)`);
  if (!isLevel(level)) throw new Error(`--rule ${code}: unknown level "${level}" (one of ${CONFIG_LEVELS.join(', ')})`);
  return [code, levelToSeverity(level)];
}
