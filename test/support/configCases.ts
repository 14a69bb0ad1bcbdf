/**
 * One table of configuration cases, run through the CLI (test/cli/config.test.ts)
 * and through the language server over stdio (test/protocol/config.test.ts):
 * both hosts resolve microvm-lint.json and what the user set by the same rule
 * (server/src/config/resolve.ts), so they must agree on every row.
 *
 * Each case is a folder of files; `file` is the one looked at. It declares a
 * macvtap interface without a mode (macvtap-mode-missing, error by default,
 * with a preferred fix that inserts the preferred mode) and one with a
 * vendor MAC (mac-not-local, information by default).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MacvtapMode } from '../../server/src/knowledge/macvtapModes';

export const VM = `{ microvm.interfaces = [
  { type = "macvtap"; id = "vm-a"; mac = "02:00:00:00:00:01"; macvtap.link = "eth0"; }
  { type = "tap"; id = "vm-b"; mac = "00:16:3e:00:00:01"; }
]; }
`;

/** The two rules the cases look at. */
export const CODES = ['macvtap-mode-missing', 'mac-not-local'] as const;
type Code = (typeof CODES)[number];
export type Seen = 'error' | 'warning' | 'information' | 'hint' | 'absent';

export interface ConfigCase {
  name: string;
  /** Path -> text; an object is a microvm-lint.json written as JSON. */
  files: Record<string, string | object>;
  file: string;
  /** What the user set, as `check` flags... */
  flags: string[];
  /** ...and the same as the editor's `microvmLint` settings. */
  settings: object;
  expect: { ignored: true } | { ignored: false; severities: Record<Code, Seen>; mode: MacvtapMode };
}

/** What VS Code's own answer to workspace/configuration carries: every setting, defaults included. */
const ALL_DEFAULTS = { enable: true, macvtap: { preferredMode: 'vepa' }, maxFileSize: 4194304, rules: {}, workspace: { maxFiles: 20000 } };

export const CONFIG_CASES: ConfigCase[] = [
  {
    name: 'no microvm-lint.json: the defaults',
    files: { 'vm.nix': VM },
    file: 'vm.nix',
    flags: [],
    settings: {},
    expect: { ignored: false, severities: { 'macvtap-mode-missing': 'error', 'mac-not-local': 'information' }, mode: 'vepa' },
  },
  {
    name: 'the nearest microvm-lint.json sets rule levels and the preferred mode',
    files: { 'microvm-lint.json': { rules: { 'mac-not-local': 'warning', 'macvtap-mode-missing': 'info' }, preferredMode: 'bridge' }, 'hosts/vm.nix': VM },
    file: 'hosts/vm.nix',
    flags: [],
    settings: {},
    expect: { ignored: false, severities: { 'macvtap-mode-missing': 'information', 'mac-not-local': 'warning' }, mode: 'bridge' },
  },
  {
    name: 'what the user set wins over the file',
    files: { 'microvm-lint.json': { rules: { 'mac-not-local': 'off' }, preferredMode: 'private' }, 'vm.nix': VM },
    file: 'vm.nix',
    flags: ['--rule', 'mac-not-local=warning', '--preferred-mode', 'bridge'],
    settings: { rules: { 'mac-not-local': 'warning' }, macvtap: { preferredMode: 'bridge' } },
    expect: { ignored: false, severities: { 'macvtap-mode-missing': 'error', 'mac-not-local': 'warning' }, mode: 'bridge' },
  },
  {
    name: 'what the user set wins over the file even when it equals the default',
    files: { 'microvm-lint.json': { rules: { 'mac-not-local': 'warning', 'macvtap-mode-missing': 'warning' }, preferredMode: 'bridge' }, 'vm.nix': VM },
    file: 'vm.nix',
    flags: ['--rule', 'mac-not-local=info', '--rule', 'macvtap-mode-missing=error', '--preferred-mode', 'vepa'],
    settings: { rules: { 'mac-not-local': 'information', 'macvtap-mode-missing': 'error' }, 'macvtap.preferredMode': 'vepa' },
    expect: { ignored: false, severities: { 'macvtap-mode-missing': 'error', 'mac-not-local': 'information' }, mode: 'vepa' },
  },
  {
    name: 'a rule at "default" in the editor is not set (no flag in the CLI): the file\'s level applies',
    files: { 'microvm-lint.json': { rules: { 'mac-not-local': 'warning' } }, 'vm.nix': VM },
    file: 'vm.nix',
    flags: [],
    settings: { rules: { 'mac-not-local': 'default', 'macvtap-mode-missing': 'default' } },
    expect: { ignored: false, severities: { 'macvtap-mode-missing': 'error', 'mac-not-local': 'warning' }, mode: 'vepa' },
  },
  {
    name: 'a client that sends every setting with its default (nothing set) leaves the file\'s preferred mode',
    files: { 'microvm-lint.json': { preferredMode: 'bridge' }, 'vm.nix': VM },
    file: 'vm.nix',
    flags: [],
    settings: ALL_DEFAULTS,
    expect: { ignored: false, severities: { 'macvtap-mode-missing': 'error', 'mac-not-local': 'information' }, mode: 'bridge' },
  },
  {
    name: 'nested files: the nearest one\'s rules and mode apply, the outer one\'s are not merged in',
    files: {
      'microvm-lint.json': { rules: { 'mac-not-local': 'warning' }, preferredMode: 'bridge' },
      'sub/microvm-lint.json': { rules: { 'macvtap-mode-missing': 'warning' } },
      'sub/vm.nix': VM,
    },
    file: 'sub/vm.nix',
    flags: [],
    settings: {},
    expect: { ignored: false, severities: { 'macvtap-mode-missing': 'warning', 'mac-not-local': 'information' }, mode: 'vepa' },
  },
  {
    name: 'nested files: the outer file\'s ignore still applies below the inner one',
    files: { 'microvm-lint.json': { ignore: ['sub/legacy/'] }, 'sub/microvm-lint.json': { rules: { 'mac-not-local': 'off' } }, 'sub/legacy/vm.nix': VM },
    file: 'sub/legacy/vm.nix',
    flags: [],
    settings: {},
    expect: { ignored: true },
  },
  {
    name: 'an outer glob without a slash matches at any depth below its folder',
    files: { 'microvm-lint.json': { ignore: ['*.generated.nix'] }, 'sub/microvm-lint.json': {}, 'sub/deep/vm.generated.nix': VM },
    file: 'sub/deep/vm.generated.nix',
    flags: [],
    settings: {},
    expect: { ignored: true },
  },
  {
    name: 'an inner file\'s globs are relative to its own folder',
    files: { 'sub/microvm-lint.json': { ignore: ['/vm.nix'] }, 'sub/vm.nix': VM },
    file: 'sub/vm.nix',
    flags: [],
    settings: {},
    expect: { ignored: true },
  },
  {
    name: 'an inner file\'s globs do not reach outside its folder',
    files: { 'sub/microvm-lint.json': { ignore: ['vm.nix'] }, 'sub/other.nix': '{ }\n', 'vm.nix': VM },
    file: 'vm.nix',
    flags: [],
    settings: {},
    expect: { ignored: false, severities: { 'macvtap-mode-missing': 'error', 'mac-not-local': 'information' }, mode: 'vepa' },
  },
];

/** A file outside every case's globs with a finding no case turns off: proof that a host looked at the folder at all. */
export const CONTROL = { path: 'control.nix', text: '{ microvm.interfaces = [ { type = "tap"; id = "vm-control"; mac = "02-00-00-00-00-99"; } ]; }\n', code: 'mac-invalid' };

/** Writes a case's files (and the control file) into a new folder; returns it. */
export function writeCase(c: ConfigCase): string {
  const dir = mkdtempSync(join(tmpdir(), 'microvm-lint-config-case-'));
  for (const [path, content] of Object.entries({ ...c.files, [CONTROL.path]: CONTROL.text })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

/** `Set macvtap.mode = "bridge"` -> bridge: the mode the preferred fix inserts. */
export function modeOfFixTitle(title: string | undefined): string | undefined {
  return title === undefined ? undefined : /^Set macvtap\.mode = "([a-z]+)"$/.exec(title)?.[1];
}
