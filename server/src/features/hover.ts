/**
 * Hovers that teach: on an interface's `type`, its `macvtap`/`mode`/`link`
 * keys and mode values, explain what the kernel and microvm.nix do, and
 * show the interface's settings as this file declares them.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import {
  INTERFACE_TYPES,
  MACVTAP_MODES,
  MICROVM_MACVTAP_BEHAVIOUR,
  MODE_DOCS,
  TYPE_DOCS,
  type InterfaceType,
  type MacvtapMode,
} from '../knowledge/macvtapModes';
import type { InterfaceDecl, Lookup } from '../model';
import type { Analysis } from '../rules/analyze';
import { isMacvtapMode } from '../rules/options';
import { toRange } from './convert';
import { targetAt, type CursorTarget } from './cursor';

export function hover(analysis: Analysis, offset: number): Hover | null {
  const target = targetAt(analysis.model, offset);
  if (!target) return null;
  const value = hoverMarkdown(target);
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(analysis.lines, target.span) };
}

/** The markdown for a cursor target, or undefined when there is nothing to teach there. */
function hoverMarkdown(t: CursorTarget): string | undefined {
  const key = t.path.join('.');
  const macvtap = t.iface.type === 'macvtap';
  if (key === 'type') return t.iface.type === undefined ? undefined : typeDoc(t.iface);
  if (!macvtap) return undefined;
  if (key === 'macvtap') return section('`macvtap`: macvtap settings', MICROVM_MACVTAP_BEHAVIOUR, t.iface);
  if (key === 'macvtap.link') {
    return section('`macvtap.link`: parent host interface', 'The host interface the macvtap device is created on (`ip link add link LINK ...`), such as `eth0` or a bond/VLAN. The VM appears on that network.', t.iface);
  }
  if (key === 'macvtap.mode') {
    if (t.part === 'value' && t.binding.value.kind === 'string' && isMacvtapMode(t.binding.value.value)) {
      return modeDoc(t.binding.value.value, t.iface);
    }
    return section('`macvtap.mode`: how frames are switched', `How the kernel switches frames between this macvtap, its parent and the other macvtaps on that parent.\n\n${modeTable()}`, t.iface);
  }
  return undefined;
}

function typeDoc(iface: InterfaceDecl): string {
  const known = (INTERFACE_TYPES as readonly string[]).includes(iface.type ?? '');
  const body = known ? TYPE_DOCS[iface.type as InterfaceType] : `\`${iface.type}\` is not an interface type of microvm.nix (${INTERFACE_TYPES.join(', ')}).`;
  if (iface.type !== 'macvtap') return `**MicroVM interface type \`${iface.type}\`**\n\n${body}`;
  return section('`type = "macvtap"`: MicroVM macvtap interface', `${body}\n\n${MICROVM_MACVTAP_BEHAVIOUR}`, iface);
}

function modeDoc(mode: MacvtapMode, iface: InterfaceDecl): string {
  return section(`macvtap mode \`${mode}\``, modeMarkdown(mode), iface);
}

/** What one mode does, as hovers and completion items show it. */
export function modeMarkdown(mode: MacvtapMode): string {
  const d = MODE_DOCS[mode];
  return `${d.summary}\n\n**In the kernel:** ${d.kernel}\n\n**Use it when:** ${d.useWhen}`;
}

function modeTable(): string {
  return ['| mode | |', '|---|---|', ...MACVTAP_MODES.map((m) => `| \`${m}\` | ${MODE_DOCS[m].summary} |`)].join('\n');
}

function section(title: string, body: string, iface: InterfaceDecl): string {
  return `**${title}**\n\n${body}\n\n---\n\n${settingsTable(iface)}`;
}

/** The interface as this file declares it. */
function settingsTable(iface: InterfaceDecl): string {
  const rows: [string, Lookup][] = [
    ['id', iface.id],
    ['mac', iface.mac],
    ['macvtap.link', iface.link],
    ['macvtap.mode', iface.mode],
  ];
  const shown = rows.map(([name, l]) => `| \`${name}\` | ${describe(l, iface.open)} |`);
  return ['**This interface**', '', '| setting | value |', '|---|---|', `| \`type\` | \`"${iface.type}"\` |`, ...shown].join('\n');
}

function describe(l: Lookup, open: boolean): string {
  if (l.found === 'absent') return open ? '*may come from a merged set*' : '**not set**';
  if (l.found === 'unknown') return '*set elsewhere (not a literal)*';
  const v = l.value;
  if (v.kind === 'string') return '`' + JSON.stringify(v.value).replace(/\|/g, '\\|') + '`';
  if (v.kind === 'null') return '`null`';
  return '*computed*';
}
